"""Reading an answer: Markdown into sentences, words into stems, cue lists into matches."""

from pmpath.interview.feedback_text import cues, parse, split_sentences, stem


def texts(markdown):
    return [(s.kind, s.text) for s in parse(markdown).sentences]


def test_headers_list_items_and_paragraph_sentences_each_become_sentences():
    doc = parse(
        "## Users\n"
        "Busy parents. They cook at 7pm.\n\n"
        "- **Need**: less waste\n"
        "* Speed\n"
        "1. First point\n"
        "2) Second point\n"
        "   continued on the next line\n"
    )
    assert [(s.kind, s.text) for s in doc.sentences] == [
        ("header", "Users"),
        ("text", "Busy parents."),
        ("text", "They cook at 7pm."),
        ("bullet", "Need: less waste"),
        ("bullet", "Speed"),
        ("numbered", "First point"),
        ("numbered", "Second point continued on the next line"),
    ]
    assert (doc.headers, doc.list_items, doc.paragraphs) == (1, 4, 1)


def test_a_bold_line_reads_as_a_header_and_rules_tables_and_fences_do_not_break_it():
    assert texts("**Summary**\n---\n| a | b |\n|---|---|\n| 1 | 2 |\n```\ncode line\n```") == [
        ("header", "Summary"),
        ("text", "a; b"),
        ("text", "1; 2"),
        ("text", "code line"),
    ]


def test_decimals_abbreviations_and_initials_do_not_end_a_sentence():
    assert split_sentences("It costs 2.5 dollars, e.g. Tea. Next one! Is it? Yes") == [
        "It costs 2.5 dollars, e.g. Tea.",
        "Next one!",
        "Is it?",
        "Yes",
    ]


def test_markdown_markers_are_removed_from_the_evidence_but_multiplication_stays():
    assert (
        texts("Use **bold**, _soft_ and [a link](http://x.test) with `code`: 3 * 4 * 5")[0][1]
        == "Use bold, soft and a link with code: 3 * 4 * 5"
    )


def test_word_offsets_place_each_sentence_in_the_answer():
    doc = parse("One two three. Four five.")
    assert [s.start for s in doc.sentences] == [0, 3]
    assert doc.words == 5
    assert doc.position(doc.sentences[1]) == 0.6


def test_stemming_brings_word_forms_together():
    for family in (
        ("user", "users"),
        ("prioritise", "prioritised", "prioritizing", "prioritises"),
        ("measure", "measured", "measuring"),
        ("frustration", "frustrated", "frustrating"),
        ("plan", "planning", "planned"),
    ):
        assert len({stem(w) for w in family}) == 1, family


def test_cues_match_words_phrases_prefixes_and_symbols():
    matcher = cues(["pain point", "trade-off", "frustrat", "%", "users"])
    sentence = parse("The user's pain points and tradeoffs frustrated 40% of them.").sentences[0]
    assert matcher.match(sentence) == ["%", "frustrat", "pain point", "trade-off", "users"]
    assert not cues(["pain point"]).any(parse("Points of pain.").sentences[0])


def test_exact_cues_keep_the_tense():
    past = cues(["improved"], exact=True)
    assert past.any(parse("Retention improved.").sentences[0])
    assert not past.any(parse("We try to improve.").sentences[0])


def test_a_sentence_repeated_word_for_word_counts_once_but_its_words_still_take_time():
    doc = parse("Users need speed and focus. Users need speed and focus. Yes. Yes.")
    assert [s.text for s in doc.sentences] == ["Users need speed and focus.", "Yes.", "Yes."]
    assert doc.words == 12
