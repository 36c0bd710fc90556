"""QuickSelect writes the same HTML as Django's Select, without a template per option."""

from django import forms

from pmpath.core.widgets import Choices, QuickSelect

CHOICES = [("", "None <&>"), (1, "A \"quoted\" 'label'"), (2, "Two"), (None, "Null")]


def test_it_renders_exactly_what_djangos_select_renders():
    attrs = {"id": "id_pick", "aria-describedby": "help err", "required": True, "off": False}
    for value in (None, "", 2, "2", 99):
        for given in (attrs, None):
            expected = forms.Select(choices=CHOICES).render("pick", value, given)
            assert QuickSelect(choices=CHOICES).render("pick", value, given) == expected


def test_it_marks_only_the_first_matching_option_selected():
    html = QuickSelect(choices=[(1, "One"), ("1", "Again")]).render("pick", 1)
    assert html.count(" selected") == 1


def test_a_field_given_choices_validates_against_them():
    field = forms.TypedChoiceField(coerce=int, widget=QuickSelect, required=False)
    field.choices = Choices([("", "None"), (3, "Three")])
    assert field.clean("3") == 3
    assert "Three" in field.widget.render("f", 3)
    try:
        field.clean("4")
    except forms.ValidationError:
        pass
    else:
        raise AssertionError("an unknown choice was accepted")


def test_option_groups_render_exactly_as_djangos():
    grouped = [
        ("", "Choose <one>"),
        ("Your stories", [("story:1", "Launch & learn"), ("story:2", "Two")]),
        ('Your "case" studies', [("case_study:7", "Seven")]),
        ("loose", "A loose option"),
    ]
    for value in (None, "", "story:2", "case_study:7", "loose", "nothing"):
        expected = forms.Select(choices=grouped).render("item", value, {"id": "id_item"})
        assert QuickSelect(choices=grouped).render("item", value, {"id": "id_item"}) == expected
