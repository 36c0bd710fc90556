"""Questions in and out as CSV, JSON and Markdown (the pure part: no database)."""

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from pmpath.interview import transfer
from pmpath.interview.transfer import format_as, parse

FRAMEWORKS = ["product_design", "behavioural", "estimation"]
QUESTION = {
    "text": "Tell me about a time you changed your mind because of a customer.",
    "category": "behavioural",
    "difficulty": 2,
    "levels": ["pm", "senior_pm"],
    "skills": ["customer_focus"],
    "themes": ["customer", "feedback"],
    "company": "",
    "framework": "behavioural",
    "time_limit_seconds": 300,
    "follow_ups": ["How did you know it was more than one customer?", "What changed, exactly?"],
    "strong_answer": ["Names the evidence, and how widely it applied.", "Gives the result."],
    "pitfalls": ["Changing course on one anecdote."],
    "key": "",
}
MULTILINE = {
    **QUESTION,
    "text": "A case: our signups fell.\nWhat would you look at first?",
    "category": "execution",
    "framework": "",
    "levels": [],
    "themes": [],
    "time_limit_seconds": None,
}


def read(name, body):
    return parse(name, body, framework_keys=FRAMEWORKS)


def test_each_format_reads_back_what_it_wrote():
    for fmt in transfer.FORMATS:
        body = format_as(fmt, [QUESTION, MULTILINE])
        parsed = read(f"questions.{fmt}", body)
        assert parsed.problems == [], (fmt, parsed.problems)
        got = [{k: v for k, v in row.values().items()} for row in parsed.rows]
        want = [{k: v for k, v in q.items() if k != "key"} for q in (QUESTION, MULTILINE)]
        assert got == want, fmt


def test_a_bad_value_skips_its_row_and_names_the_row_and_field():
    body = (
        "text,category,levels,difficulty\n"
        "Design a bike lock for students.,product_sense,pm,2\n"
        "How many piano tuners are in Chicago?,estimation,intern,2\n"
        "Why product?,motivation,pm,impossible\n"
    )
    parsed = read("q.csv", body)
    assert [r.text for r in parsed.rows] == ["Design a bike lock for students."]
    where = {(p.position, p.field) for p in parsed.problems}
    assert where == {("row 3", "levels"), ("row 4", "difficulty")}
    assert "\u201cintern\u201d not known" in parsed.problems[0].message


def test_a_blank_category_is_suggested_from_the_text_and_flagged():
    parsed = read("q.csv", "question\nTell me about a time you missed a deadline.\n")
    row = parsed.rows[0]
    assert (row.category, row.suggested) == ("behavioural", True)


def test_labels_aliases_and_minutes_are_understood():
    body = (
        "Question,Category,Level,Skills,Themes,Time limit\n"
        '"Size the market for dog walking.",Estimation,"Senior PM; APM",Strategy,,10 min\n'
    )
    row = read("q.csv", body).rows[0]
    assert row.category == "estimation"
    assert row.levels == ["senior_pm", "apm"]
    assert row.skills == ["strategic_thinking"]
    assert row.time_limit_seconds == 600


def test_an_unknown_framework_and_an_out_of_range_timer_are_named():
    body = json.dumps(
        [
            {"text": "Design a toaster.", "framework": "circles"},
            {"text": "Why PM?", "time_limit_seconds": 5},
        ]
    )
    parsed = read("q.json", body)
    assert parsed.rows == []
    assert [(p.position, p.field) for p in parsed.problems] == [
        ("item 1", "framework"),
        ("item 2", "time_limit_seconds"),
    ]


def test_cells_a_spreadsheet_would_run_are_neutralised_and_restored():
    risky = {**QUESTION, "text": '=HYPERLINK("x") is this a question?'}
    body = format_as("csv", [risky])
    assert "'=HYPERLINK" in body
    assert read("q.csv", body).rows[0].text == risky["text"]


def test_files_that_cannot_be_read_get_one_clear_message():
    assert read("q.txt", "hello").problems[0].message.startswith("q.txt is not a .csv")
    assert read("q.csv", b"\xff\xfe\x00bad").problems[0].message == "q.csv is not UTF-8 text."
    assert read("q.json", "{nope").problems[0].message.startswith("Not valid JSON (line 1)")
    assert read("q.csv", "category\nbehavioural\n").problems[0].field == "text"
    assert read("q.md", "# nothing here\n").problems[0].message == "q.md has no questions in it."


def test_markdown_names_unknown_sections_and_fields():
    body = (
        "## Design a lunchbox for astronauts.\n\n- category: product_sense\n- colour: blue\n\n"
        "### Jokes\n\n- one\n\n### Pitfalls\n\n- Forgetting gravity.\n"
    )
    parsed = read("q.md", body)
    assert parsed.rows[0].pitfalls == ["Forgetting gravity."]
    assert {p.field for p in parsed.problems} == {"colour", "Jokes"}
    assert parsed.problems[0].position == "question 1 (line 1)"


def test_only_the_fields_the_file_has_are_marked_as_given():
    row = read("q.csv", "text,levels\nDesign a kettle.,pm\n").rows[0]
    assert row.given == {"text", "levels"}


def test_the_template_is_a_valid_import():
    parsed = read("template.csv", transfer.template_csv())
    assert parsed.problems == [] and len(parsed.rows) == 1


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=400), st.sampled_from(["a.csv", "a.json", "a.md"]))
def test_the_readers_never_raise_on_arbitrary_bytes(data, name):
    parsed = read(name, data)
    assert isinstance(parsed.rows, list) and isinstance(parsed.problems, list)


@settings(max_examples=40, deadline=None)
@given(
    st.text(
        alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=3, max_size=80
    ).filter(lambda t: t.strip() and not t.strip().startswith("#"))
)
def test_any_question_text_survives_a_round_trip(text):
    question = {**QUESTION, "text": " ".join(text.split())}
    for fmt in transfer.FORMATS:
        parsed = read(f"q.{fmt}", format_as(fmt, [question]))
        assert [r.text for r in parsed.rows] == [question["text"]], (fmt, parsed.problems)
