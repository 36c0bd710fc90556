"""Reading and writing resource files (pure: no database)."""

import json
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from pmpath.career.resource_transfer import (
    COLUMNS,
    format_csv,
    format_json,
    parse,
    parse_csv,
    parse_json,
)

GOOD = (
    "Name,Provider,Kind,URL,Cost,Currency,Hours,Levels,Skills,Description\r\n"
    'The Mom Test,Rob Fitzpatrick,Book,https://www.momtestbook.com/,20,usd,3,"APM; PM",'
    '"Customer focus, communication",Asking customers better questions\r\n'
)


def test_it_reads_columns_by_header_in_any_case_with_names_for_levels_and_skills():
    parsed = parse_csv(GOOD)
    assert parsed.problems == []
    [(position, record, given_columns)] = parsed.records
    assert position == "row 2"
    assert record.kind == "book" and record.currency == "USD"
    assert record.cost == Decimal(20) and record.hours == Decimal(3)
    assert record.levels == ["apm", "pm"]
    assert record.skills == ["customer_focus", "communication"]
    assert "key" not in given_columns and "skills" in given_columns


def test_it_reads_semicolon_files_and_free_as_zero():
    parsed = parse_csv("name;kind;cost\nSQLBolt;course;free\n")
    assert parsed.records[0][1].cost == 0


def test_bad_rows_are_named_by_row_and_field():
    text = (
        "name,kind,cost,currency,url,levels,skills\n"
        "Good one,book,10,EUR,https://example.com/a,pm,leadership\n"
        ",course,,,,,\n"
        "Bad one,lecture,abc,,ftp://example.com,ceo,juggling\n"
        "Pricey,course,100,,,,\n"
        "Good one,book,,,,,\n"
    )
    problems = {(p.position, p.field): p.message for p in parse_csv(text).problems}
    assert problems[("row 3", "name")] == "is required"
    assert problems[("row 4", "kind")].startswith("must be one of course, certification")
    assert problems[("row 4", "cost")] == "must be a number, 0 for free"
    assert problems[("row 4", "url")].startswith("must be a web address")
    assert problems[("row 4", "levels")].startswith("each level must be one of apm")
    assert problems[("row 4", "skills")].startswith("each skill must be one of communication")
    assert problems[("row 5", "currency")].startswith("give the currency")
    assert problems[("row 6", "name")] == "the same name and provider as row 2"


def test_a_file_without_the_required_columns_says_which_are_missing():
    [problem] = parse_csv("title,author\nInspired,Cagan\n").problems
    assert (problem.position, problem.message.split(" (")[0]) == (
        "row 1",
        "the header has no name or kind column",
    )


def test_json_reads_our_export_or_a_bare_list_and_reports_bad_items():
    document = {"resources": [{"name": "Shape Up", "kind": "book", "cost": 0}, 7]}
    parsed = parse_json(json.dumps(document))
    assert [r.name for _, r, _ in parsed.records] == ["Shape Up"]
    assert [str(p) for p in parsed.problems] == ["resources[1]: is not an object"]
    assert parse_json('[{"name": "X", "kind": "video"}]').records[0][1].kind == "video"
    [bad] = parse_json("{nope").problems
    assert bad.position == "file" and bad.message.startswith("is not valid JSON (line 1")


def test_the_same_key_twice_is_reported():
    text = "key,name,kind\nsame,One,book\nsame,Two,book\n"
    [problem] = parse_csv(text).problems
    assert str(problem) == "row 3, key: the key 'same' is already used by row 2"


def test_csv_and_json_exports_read_back_to_the_same_records():
    records = [r.model_dump() for _, r, _ in parse_csv(GOOD).records]
    records.append(
        {"key": "x-1", "name": "=HYPERLINK(1)", "kind": "tool", "cost": None, "skills": []}
    )
    from_csv = parse(
        "export.csv", format_csv([{**dict.fromkeys(COLUMNS), **r} for r in records])
    ).records
    from_json = parse("export.json", format_json(records)).records
    assert [r.model_dump() for _, r, _ in from_csv] == [r.model_dump() for _, r, _ in from_json]
    assert from_csv[1][1].name == "=HYPERLINK(1)"


def test_a_formula_cell_is_written_so_spreadsheets_do_not_run_it():
    text = format_csv([{"name": "=cmd()", "kind": "book"}])
    assert "'=cmd()" in text


@given(
    st.text(
        alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=60
    ).filter(lambda s: s.strip()),
    st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=40),
)
def test_any_name_and_provider_survive_a_csv_round_trip(name, provider):
    text = format_csv([{"name": name, "provider": provider, "kind": "book"}])
    [(_, record, _)] = parse_csv(text).records
    assert record.name == " ".join(name.split())
    assert record.provider == " ".join(provider.split())
