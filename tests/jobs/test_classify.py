"""The job-title classifier: accuracy on a labelled set, the tricky cases, and robustness."""

from __future__ import annotations

import csv
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pmpath.jobs.classify import Classification, classify, normalise_title

TITLES_CSV = Path(__file__).parent / "data" / "titles.csv"
PM_WORDS = [
    "Sr.",
    "PM",
    "APM",
    "GPM",
    "TPM",
    "PMM",
    "VP",
    "Product",
    "Manager",
    "Owner",
    "Lead",
    "Head of",
    "II",
    "III",
    "(m/w/d)",
    " - ",
    ", ",
    "|",
    "/",
    "Intern",
    "Chef de produit",
    "Produktmanager*in",
    "S\u00eanior",
    "\u2013",
    "&",
]


def load_rows() -> list[dict[str, str]]:
    with TITLES_CSV.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def family_and_level(title: str, description: str | None = None) -> tuple[str, str | None]:
    result = classify(title, description)
    return result.family, result.level


# --- The labelled set ---------------------------------------------------------------------------


def test_the_labelled_set_is_large_and_covers_every_family_and_level():
    rows = load_rows()
    assert len(rows) >= 320
    assert len({row["title"] for row in rows}) == len(rows), "titles are unique"
    families = [row["family"] for row in rows]
    assert families.count("adjacent") >= 60 and families.count("other") >= 90
    levels = {row["level"] for row in rows if row["family"] == "product_management"}
    assert levels == {"apm", "pm", "senior_pm", "lead_pm", "director"}
    assert all(row["level"] == "" for row in rows if row["family"] != "product_management")


def test_it_classifies_the_labelled_set_accurately():
    rows = load_rows()
    family_misses, level_misses = [], []
    pm_rows = 0
    for row in rows:
        result = classify(row["title"])
        if result.family != row["family"]:
            family_misses.append(f"{row['title']!r}: want {row['family']}, got {result.family}")
        if row["family"] == "product_management":
            pm_rows += 1
            if result.level != row["level"]:
                level_misses.append(f"{row['title']!r}: want {row['level']}, got {result.level}")
    family_accuracy = 1 - len(family_misses) / len(rows)
    level_accuracy = 1 - len(level_misses) / pm_rows
    assert family_accuracy >= 0.97, f"family accuracy {family_accuracy:.3f}:\n" + "\n".join(
        family_misses
    )
    assert level_accuracy >= 0.95, f"level accuracy {level_accuracy:.3f}:\n" + "\n".join(
        level_misses
    )


# --- Abbreviations ------------------------------------------------------------------------------


@pytest.mark.parametrize("title", ["Sr. Product Manager", "Sr PM", "Snr Product Manager", "SR. PM"])
def test_it_reads_sr_as_senior(title):
    assert family_and_level(title) == ("product_management", "senior_pm")


def test_it_explains_the_abbreviations_it_expanded():
    reasons = classify("Sr. PM").reasons
    assert "'sr' is short for 'senior'" in reasons
    assert "'pm' is short for 'product manager'" in reasons


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("PM", ("product_management", "pm")),
        ("APM", ("product_management", "apm")),
        ("GPM", ("product_management", "lead_pm")),
        ("Group PM", ("product_management", "lead_pm")),
        ("CPO", ("product_management", "director")),
        ("VP Product", ("product_management", "director")),
        ("SVP, Product", ("product_management", "director")),
        ("Dir. Product Management", ("product_management", "director")),
        ("Sr. Mgr, Product Mgmt", ("product_management", "lead_pm")),
        ("TPM", ("other", None)),
        ("PMM", ("other", None)),
        ("Product Ops Lead", ("adjacent", None)),
        ("Technical PO", ("adjacent", None)),
    ],
)
def test_it_expands_the_common_abbreviations(title, expected):
    assert family_and_level(title) == expected


def test_it_reads_tpm_as_a_technical_program_manager_not_a_pm():
    assert normalise_title("Senior TPM") == "senior technical program manager"
    assert classify("Senior TPM").family == "other"


# --- Separators and qualifiers ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "level"),
    [
        ("Product Manager, Payments", "pm"),
        ("Senior PM - Growth (Remote)", "senior_pm"),
        ("Product Manager II | Fintech", "pm"),
        ("Product Manager \u2013 Search [Hybrid]", "pm"),
        ("Product Manager (m/w/d)", "pm"),
        ("PM/Product Owner", "pm"),
        ("Product Manager @ Acme", "pm"),
        ("Product Manager, Senior", "senior_pm"),
        ("Director, Product Management", "director"),
        ("Manager, Product", "pm"),
    ],
)
def test_it_reads_the_role_through_separators_and_qualifiers(title, level):
    assert family_and_level(title) == ("product_management", level)


def test_it_normalises_separators_to_one_form():
    assert normalise_title("Senior PM - Growth (Remote)") == (
        "senior product manager | growth | remote"
    )
    assert normalise_title("Product Manager \u2013 Search [Hybrid]") == (
        "product manager | search | hybrid"
    )
    assert normalise_title("Product Manager (m/w/d)") == "product manager"
    assert normalise_title("E-Commerce Product-Manager") == "e commerce product manager"


def test_a_qualifier_after_the_role_does_not_change_the_family():
    assert classify("Product Manager, Design Systems").family == "product_management"
    assert classify("Product Manager - Developer Tools").family == "product_management"
    assert classify("Senior Product Manager, Sales Tools").family == "product_management"


def test_a_qualifier_after_the_role_does_not_change_the_level():
    assert classify("Senior Product Manager - Lead Generation").level == "senior_pm"
    assert classify("Product Manager, Group Insurance").level == "pm"


# --- Numerals -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "level"),
    [
        ("Product Manager I", "pm"),
        ("PM I", "pm"),
        ("Product Manager II", "pm"),
        ("Product Manager 2", "pm"),
        ("Product Manager III", "senior_pm"),
        ("Product Manager 3", "senior_pm"),
        ("Senior Product Manager II", "senior_pm"),
        ("Associate Product Manager II", "apm"),
        ("Principal Product Manager II", "lead_pm"),
    ],
)
def test_it_reads_roman_numerals_and_digits_as_levels(title, level):
    assert classify(title).level == level


def test_it_turns_roman_numerals_into_digits():
    assert normalise_title("Product Manager III") == "product manager 3"


# --- Levels -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "level"),
    [
        ("Associate Product Manager", "apm"),
        ("Rotational Product Manager", "apm"),
        ("Product Manager Intern", "apm"),
        ("Junior Product Manager", "apm"),
        ("Technical Product Manager", "pm"),
        ("Growth PM", "pm"),
        ("Staff Product Manager", "lead_pm"),
        ("Principal PM", "lead_pm"),
        ("Product Lead", "lead_pm"),
        ("Head of Product", "director"),
        ("Senior Director of Product", "director"),
        ("Associate Director of Product", "director"),
        ("Chief Product Officer", "director"),
    ],
)
def test_it_finds_the_level_of_a_pm_title(title, level):
    assert family_and_level(title) == ("product_management", level)


def test_only_pm_titles_get_a_level():
    for title in ["Product Owner", "Senior Product Analyst", "Principal Software Engineer"]:
        assert classify(title).level is None


# --- The tricky "other" titles -------------------------------------------------------------------


@pytest.mark.parametrize(
    "title",
    [
        "Product Marketing Manager",
        "Senior Product Marketing Manager",
        "Technical Program Manager",
        "Program Manager",
        "Project Manager",
        "Product Designer",
        "Senior Product Designer",
        "Head of Product Design",
        "Software Engineer, Product",
        "Software Engineer - Product",
        "Production Manager",
        "Product Development Engineer",
        "Product Support Specialist",
        "Sales Manager",
        "Sales Manager - Product",
        "Account Manager",
        "Engineering Manager, Product",
    ],
)
def test_it_keeps_the_look_alike_titles_out_of_product_management(title):
    assert family_and_level(title) == ("other", None)


@pytest.mark.parametrize(
    "title",
    [
        "Product Owner",
        "Technical Product Owner",
        "Product Operations Manager",
        "Head of Product Operations",
        "Product Analyst",
        "Product Specialist",
        "Product Strategist",
        "Product Strategy Associate",
        "Analyst, Product",
    ],
)
def test_it_puts_the_neighbouring_jobs_in_adjacent(title):
    assert family_and_level(title) == ("adjacent", None)


def test_a_pm_title_outranks_an_adjacent_one_in_a_hybrid_title():
    result = classify("Product Owner / Product Manager")
    assert result.family == "product_management"
    assert result.confidence < classify("Product Manager").confidence


# --- Languages ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Produktmanager (m/w/d)", ("product_management", "pm")),
        ("Produktmanagerin", ("product_management", "pm")),
        ("Produktmanager*in", ("product_management", "pm")),
        ("Senior Produktmanager", ("product_management", "senior_pm")),
        ("Leiter Produktmanagement", ("product_management", "director")),
        ("Projektmanager (m/w/d)", ("other", None)),
        ("Chef de produit (H/F)", ("product_management", "pm")),
        ("Responsable produit", ("product_management", "pm")),
        ("Directrice produit", ("product_management", "director")),
        ("Directeur\u00b7rice Produit", ("product_management", "director")),
        ("Chef de produit marketing", ("other", None)),
        ("Gerente de Producto", ("product_management", "pm")),
        ("Gerente de Produto", ("product_management", "pm")),
        ("Product Manager S\u00eanior", ("product_management", "senior_pm")),
        ("Gerente de Producci\u00f3n", ("other", None)),
        ("Productmanager", ("product_management", "pm")),
        ("Projectmanager", ("other", None)),
    ],
)
def test_it_reads_german_french_spanish_portuguese_and_dutch_titles(title, expected):
    assert family_and_level(title) == expected


def test_it_folds_case_and_accents():
    assert normalise_title("PRODUCT MANAGER S\u00caNIOR") == "product manager senior"
    assert normalise_title("Ing\u00e9nieur Produit") == "ingenieur produit"
    assert classify("senior product manager") == classify("senior product manager")
    assert family_and_level("SENIOR PRODUCT MANAGER") == family_and_level("Senior Product Manager")


# --- Descriptions -------------------------------------------------------------------------------


def test_a_description_can_nudge_an_unclear_level():
    description = "You will manage a team of five product managers across two product areas."
    nudged = classify("Product Lead", description)
    assert nudged.level == "director"
    assert nudged.confidence <= 0.65
    assert classify("Product Lead").level == "lead_pm"


def test_a_description_can_nudge_an_unclear_title_but_only_modestly():
    description = "Own the roadmap, prioritise ruthlessly and write product requirements."
    nudged = classify("Checkout", description)
    assert nudged.family == "product_management"
    assert nudged.confidence <= 0.6
    assert classify("Checkout").family == "other"


def test_the_title_dominates_the_description():
    description = "Work with product managers on the roadmap and prioritise the backlog."
    assert classify("Senior Software Engineer", description).family == "other"
    assert classify("Senior Product Manager", "Write code in Rust all day.").level == "senior_pm"


# --- Confidence and reasons ---------------------------------------------------------------------


def test_a_clear_title_is_more_certain_than_a_fallback_or_garbage():
    clear = classify("Senior Product Manager").confidence
    hybrid = classify("PM/Product Owner").confidence
    fallback = classify("Checkout Wizard").confidence
    garbage = classify("\U0001f642\U0001f642 ?!").confidence
    assert clear >= 0.9
    assert clear > hybrid > fallback > garbage
    assert fallback <= 0.6


@pytest.mark.parametrize(
    "title", ["Senior Product Manager", "Product Owner", "Nurse", "", "\U0001f642", "x" * 10_000]
)
def test_every_result_has_reasons_and_a_confidence_between_0_and_1(title):
    result = classify(title)
    assert isinstance(result, Classification)
    assert result.title == title
    assert result.reasons and all(isinstance(r, str) and r for r in result.reasons)
    assert 0 <= result.confidence <= 1


def test_garbage_is_other_with_low_confidence():
    for title in ["", "   ", "\U0001f642\U0001f642", "\x00\x01\x02", "?!#", "x" * 10_000]:
        result = classify(title)
        assert (result.family, result.level) == ("other", None)
        assert result.confidence <= 0.45


def test_it_does_not_raise_on_input_that_is_not_text():
    assert classify(None).family == "other"  # type: ignore[arg-type]
    assert normalise_title(None) == ""  # type: ignore[arg-type]


# --- Properties ---------------------------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_classify_never_raises_on_arbitrary_text(text):
    result = classify(text, text)
    assert result.family in {"product_management", "adjacent", "other"}
    assert 0 <= result.confidence <= 1 and result.reasons


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(PM_WORDS), st.text(max_size=8)), max_size=12))
def test_classify_never_raises_on_text_with_pm_words_mixed_in(parts):
    title = " ".join(parts)
    result = classify(title)
    assert (result.level is None) == (result.family != "product_management")


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(), st.lists(st.sampled_from(PM_WORDS)).map("".join)))
def test_normalise_title_is_idempotent(text):
    once = normalise_title(text)
    assert normalise_title(once) == once


# --- Speed --------------------------------------------------------------------------------------


def test_ten_thousand_classifications_take_under_two_seconds():
    rows = load_rows()
    # Vary every title so that no cache makes this easy.
    titles = [f"{i} {rows[i % len(rows)]['title']}" for i in range(10_000)]
    start = time.perf_counter()
    for title in titles:
        classify(title)
    assert time.perf_counter() - start < 2.0
