"""The portfolio index's rows, each kept rendered in this process until what it shows changes.

A heavy portfolio (200 case studies) spent about 10 ms a page rendering rows that had not
changed since the last visit. A row's HTML depends only on what the key below lists, so it is
rendered once per change; the CSRF field, the one thing that differs per browser, is a marker
filled in for each page."""

from __future__ import annotations

from typing import Any

from django.middleware.csrf import get_token
from django.template.loader import get_template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

MARK = "\x00csrf\x00"
_KEPT: dict[tuple[Any, ...], str] = {}
_MOST = 5_000  # rows kept; cleared when full


def _key(row: Any, first: bool, last: bool, names: dict[str, str]) -> tuple[Any, ...]:
    c = row.case
    skills = tuple((k, names.get(k, k)) for k in c.skills or ())
    report = row.report
    findings = tuple(f.title for f in report.findings)
    return (
        c.pk, c.updated_at, c.title, c.published, c.summary, c.company, c.period, skills,
        row.images, report.words, report.ready, report.major, findings, first, last,
    )  # fmt: skip


def case_rows(request: Any, rows: list[Any], names: dict[str, str]) -> SafeString:
    template = None
    to = None
    out = []
    for i, row in enumerate(rows):
        key = _key(row, i == 0, i == len(rows) - 1, names)
        html = _KEPT.get(key)
        if html is None:
            if template is None:
                template = get_template("portfolio/_case_row.html")
                to = {
                    name: reverse(f"portfolio:{view}", args=[0])
                    for name, view in (
                        ("case", "case_study"),
                        ("edit", "case_edit"),
                        ("publish", "case_publish"),
                        ("move", "case_move"),
                    )
                }
            context = {
                "row": row, "first": key[-2], "last": key[-1], "names": names, "to": to,
                "csrf": mark_safe(MARK),
            }  # fmt: skip
            html = template.render(context)
            if len(_KEPT) >= _MOST:
                _KEPT.clear()
            _KEPT[key] = html
        out.append(html)
    csrf = format_html(
        '<input type="hidden" name="csrfmiddlewaretoken" value="{}">', get_token(request)
    )
    return mark_safe("".join(out).replace(MARK, csrf))
