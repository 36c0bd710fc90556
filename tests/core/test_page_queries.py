"""Query counts of the pages that list a user's rows stay constant as the rows grow."""

from pmpath.accounts.models import APIToken
from pmpath.accounts.services import create_token
from tests.perf import assert_constant_queries


def test_the_settings_page_lists_tokens_in_constant_queries(alice, alice_client):
    def grow(n: int) -> None:
        for i in range(APIToken.objects.filter(user=alice).count(), n):
            create_token(alice, name=f"token {i}")

    assert_constant_queries(alice_client, "/accounts/settings/", grow, small=10, large=200)


def test_the_guard_fails_when_a_page_grows_with_rows(alice, alice_client, monkeypatch):
    # A deliberately naive view: one query per token. The guard must catch it.
    from pmpath.accounts import queries

    original = queries.tokens_for

    def one_query_per_row(user):
        return [APIToken.objects.get(pk=t.pk) for t in original(user)]

    monkeypatch.setattr("pmpath.accounts.views.queries.tokens_for", one_query_per_row)

    def grow(n: int) -> None:
        for i in range(APIToken.objects.filter(user=alice).count(), n):
            create_token(alice, name=f"token {i}")

    try:
        assert_constant_queries(alice_client, "/accounts/settings/", grow, small=2, large=5)
    except AssertionError as exc:
        assert "SQL statements" in str(exc)
    else:
        raise AssertionError("the guard missed a page whose queries grow with its rows")
