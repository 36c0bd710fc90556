"""Form widgets that render in Python instead of one template call per option.

Django's Select renders each option through its own template (three template calls an
option): a select of 300 options costs about 6 ms, and a page with three of them more than
the rest of the page. QuickSelect writes the same HTML directly (the same markup as
`django/forms/widgets/select.html`, option groups included, tested against it); a multiple
select falls back to Django's."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.choices import BaseChoiceIterator
from django.utils.safestring import SafeString, mark_safe
from markupsafe import escape


class Choices(BaseChoiceIterator):
    """(value, label) pairs already in Django's canonical form. A field given a plain list
    normalises every pair twice (for itself and its widget), about 2 ms for 900 options; given
    this, it takes the pairs as they are."""

    def __init__(self, pairs: list[tuple[Any, Any]]) -> None:
        self.pairs = pairs

    def __iter__(self) -> Any:
        return iter(self.pairs)


def _attrs(attrs: dict[str, Any]) -> str:
    out = []
    for name, value in attrs.items():
        if value is False:
            continue
        if value is True:
            out.append(f" {escape(name)}")
        else:
            out.append(f' {escape(name)}="{escape(value)}"')
    return "".join(out)


class QuickSelect(forms.Select):
    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        choices = list(self.choices)
        if self.allow_multiple_selected:
            return super().render(name, value, attrs, renderer)
        wanted = set(self.format_value(value))
        final = self.build_attrs(self.attrs, attrs)
        parts = [f'<select name="{escape(name)}"{_attrs(final)}>']
        has_selected = False

        def option(option_value: Any, label: Any) -> str:
            nonlocal has_selected
            if option_value is None:
                option_value = ""
            selected = not has_selected and str(option_value) in wanted
            has_selected |= selected
            return (
                f'\n  <option value="{escape(option_value)}"'
                f"{' selected' if selected else ''}>{escape(label)}</option>"
            )

        for option_value, label in choices:
            if isinstance(label, (list, tuple)):  # an option group: (group name, its pairs)
                parts.append(f'\n  <optgroup label="{escape(option_value)}">')
                parts.extend(option(v, lb) for v, lb in label)
                parts.append("\n  </optgroup>")
            else:
                parts.append(option(option_value, label))
        parts.append("\n</select>")
        return mark_safe("".join(parts))
