"""A JSON Resume document as quotable lines with JSON paths, and years from the work dates."""

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from pmpath.matching.profile import parse_date, profile_from_resume
from tests.matching.engine_factories import profile


def test_every_line_keeps_its_json_path_and_section():
    doc = {
        "basics": {"label": "PM", "summary": "I build things."},
        "work": [
            {
                "position": "Product Manager",
                "summary": "Owned growth.",
                "highlights": ["Ran A/B tests", "  ", "Wrote PRDs"],
            }
        ],
        "projects": [{"name": "Side app", "keywords": ["Figma"]}],
        "skills": [{"name": "Data", "keywords": ["SQL", "Looker"]}],
        "education": [{"area": "Computer Science", "courses": ["Statistics"]}],
        "certificates": [{"name": "Scrum Master"}],
    }
    lines = {line.where: (line.text, line.section) for line in profile(doc).lines}
    assert lines == {
        "basics.label": ("PM", "basics"),
        "basics.summary": ("I build things.", "basics"),
        "work[0].position": ("Product Manager", "work"),
        "work[0].summary": ("Owned growth.", "work"),
        "work[0].highlights[0]": ("Ran A/B tests", "work"),
        "work[0].highlights[2]": ("Wrote PRDs", "work"),
        "projects[0].name": ("Side app", "projects"),
        "projects[0].keywords[0]": ("Figma", "projects"),
        "skills[0].name": ("Data", "skills"),
        "skills[0].keywords[0]": ("SQL", "skills"),
        "skills[0].keywords[1]": ("Looker", "skills"),
        "education[0].area": ("Computer Science", "education"),
        "education[0].courses[0]": ("Statistics", "education"),
        "certificates[0].name": ("Scrum Master", "certificates"),
    }


def test_overlapping_jobs_are_counted_once():
    doc = {
        "work": [
            {"position": "Engineer", "startDate": "2010-01-01", "endDate": "2014-01-01"},
            {"position": "Freelance Engineer", "startDate": "2012-01-01", "endDate": "2016-01-01"},
            {"position": "Product Manager", "startDate": "2018-01-01", "endDate": "2020-01-01"},
        ]
    }
    p = profile_from_resume(doc, today=date(2024, 1, 1))
    assert p.years_experience == 8.0  # 2010-2016 and 2018-2020
    assert p.years_pm == 2.0


def test_an_open_end_date_runs_to_the_given_today():
    doc = {"work": [{"position": "Senior Product Manager", "startDate": "2020-07"}]}
    assert profile_from_resume(doc, today=date(2023, 7, 1)).years_pm == 3.0
    assert profile_from_resume(doc, today=date(2025, 7, 1)).years_pm == 5.0


def test_current_titles_are_the_jobs_still_held_else_the_latest():
    assert profile().current_titles == ("Product Manager",)
    doc = {
        "work": [
            {"position": "Analyst", "startDate": "2015", "endDate": "2017"},
            {"position": "Designer", "startDate": "2017", "endDate": "2020"},
        ]
    }
    assert profile(doc).current_titles == ("Designer",)


def test_it_reads_partial_and_odd_dates():
    assert parse_date("2020") == date(2020, 1, 1)
    assert parse_date("2020-03") == date(2020, 3, 1)
    assert parse_date("2021-02-30") == date(2021, 2, 28)
    assert parse_date("March 2020") is None and parse_date(None) is None
    assert parse_date("2020-13") is None


def test_junk_never_breaks_it():
    for doc in (
        {},
        {"work": "x"},
        {"work": [None, 3, {"highlights": [1, None]}]},
        {"basics": []},
        [],
        None,
    ):
        p = profile_from_resume(doc)  # type: ignore[arg-type]
        assert p.years_experience == 0.0


def test_a_target_level_is_kept_and_a_bad_one_dropped():
    assert profile(level="senior_pm").target_level == "senior_pm"
    assert profile(level="wizard").target_level is None


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(
        st.sampled_from(["work", "basics", "skills", "position", "startDate", "endDate",
                         "highlights", "keywords", "name", "summary", "projects", "x"]),
        children,
        max_size=5,
    ),
    max_leaves=30,
)  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(JSON)
def test_any_json_reads_without_error(doc):
    p = profile_from_resume(doc, today=date(2025, 1, 1))  # type: ignore[arg-type]
    assert p.years_experience >= p.years_pm >= 0
    assert all(line.text and line.where for line in p.lines)
