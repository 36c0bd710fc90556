import pytest
from hypothesis import given
from hypothesis import strategies as st

from pmpath.jobs.company_match import CompanyMatcher, Known, company_key


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Google", "google"),
        ("Google LLC", "google"),
        ("google inc.", "google"),
        ("Alphabet Inc.", "google"),
        ("Meta Platforms, Inc.", "meta"),
        ("The Walt Disney Company", "disney"),
        ("Acme Holdings Ltd", "acme"),
        ("Zalando SE", "zalando se"),
        ("Société Générale S.A.", "societe generale"),
        ("AT&T", "at and t"),
        ("Salesforce.com", "salesforce"),
        ("  ", ""),
        (None, ""),
    ],
)
def test_it_folds_company_names_to_one_key(name, key):
    assert company_key(name) == key


def test_it_matches_legal_names_parents_and_near_spellings_to_the_users_companies():
    matcher = CompanyMatcher(
        [
            Known(1, "Google"),
            Known(2, "Salesforce"),
            Known(3, "Amazon"),
            Known(4, "Monzo Bank", ("Monzo",)),
        ]
    )
    assert matcher.match("Alphabet Inc.") == 1
    assert matcher.match("Google LLC") == 1
    assert matcher.match("Salesforce.com, inc.") == 2
    assert matcher.match("Amazon Web Services EMEA SARL") == 3
    assert matcher.match("monzo") == 4
    assert matcher.match("Monzo Bank Ltd") == 4
    assert matcher.match("Gooogle") == 1
    assert matcher.match("Initech") is None
    assert matcher.match("") is None


def test_a_short_name_never_matches_fuzzily():
    assert CompanyMatcher([Known(1, "Box")]).match("Fox") is None


@given(st.text())
def test_the_key_never_raises_and_is_bounded(name):
    assert len(company_key(name)) <= 200
