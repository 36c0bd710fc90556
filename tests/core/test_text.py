from hypothesis import given
from hypothesis import strategies as st

from pmpath.core.text import split_list


def test_it_splits_on_commas_and_lines_and_drops_duplicates():
    assert split_list("Stripe, Figma\nstripe\n\n  Notion ;Linear") == [
        "Stripe",
        "Figma",
        "Notion",
        "Linear",
    ]


def test_it_caps_the_number_of_items():
    assert len(split_list(",".join(str(i) for i in range(100)), limit=5)) == 5


@given(st.text())
def test_it_never_raises_and_never_returns_blanks(text):
    items = split_list(text)
    assert all(item and item == item.strip() for item in items)
    assert len({i.casefold() for i in items}) == len(items)
