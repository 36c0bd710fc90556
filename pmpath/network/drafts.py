"""Outreach drafts: a template's placeholders filled from plain values (pure, no Django).

The person reads and edits the draft before sending it, so a value we do not know is shown as
a visible marker ("[company]") rather than left out, except the optional shared context, which
simply disappears with the spaces around it."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

PLACEHOLDERS = ("first_name", "company", "role", "context", "ask", "my_name")
# Missing values of these may vanish without a trace; the others leave a marker to fill in.
OPTIONAL = frozenset({"context", "ask"})
# LinkedIn's limit on the note sent with a connection request.
CONNECTION_NOTE_LIMIT = 300

_PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")
_SPACES = re.compile(r"[ \t]{2,}")
_SPACE_BEFORE_PUNCT = re.compile(r"[ \t]+([,.;:!?])")
_TRAILING = re.compile(r"[ \t]+\n")
_BLANK_LINES = re.compile(r"\n{3,}")


@dataclass(frozen=True)
class Draft:
    text: str
    limit: int | None
    missing: tuple[str, ...]

    @property
    def length(self) -> int:
        return count(self.text)

    @property
    def over(self) -> bool:
        return self.limit is not None and self.length > self.limit

    @property
    def remaining(self) -> int | None:
        return None if self.limit is None else self.limit - self.length


def count(text: str) -> int:
    """Characters as LinkedIn counts them: a line break is one, whatever the browser sent."""
    return len(text.replace("\r\n", "\n"))


def unknown_placeholders(body: str) -> list[str]:
    """Placeholders in a template body that drafts cannot fill, in order of appearance."""
    found = [m.group(1) for m in _PLACEHOLDER.finditer(body or "")]
    return list(dict.fromkeys(name for name in found if name not in PLACEHOLDERS))


def fill(body: str, values: Mapping[str, str], *, limit: int | None = None) -> Draft:
    """The body with every known placeholder replaced; unknown ones are left as written."""
    missing: list[str] = []

    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in PLACEHOLDERS:
            return match.group(0)
        value = " ".join(str(values.get(name) or "").split())
        if value:
            return value
        if name not in missing:
            missing.append(name)
        return "" if name in OPTIONAL else f"[{name.replace('_', ' ')}]"

    text = _PLACEHOLDER.sub(replace, (body or "").replace("\r\n", "\n"))
    return Draft(_tidy(text), limit, tuple(m for m in missing if m not in OPTIONAL))


def sentence(text: str) -> str:
    """A free-text note as a sentence for a draft: trimmed, ending with punctuation."""
    text = " ".join((text or "").split())
    if text and text[-1] not in ".!?":
        text += "."
    return text


def _tidy(text: str) -> str:
    """Close the gaps an empty optional placeholder leaves behind."""
    text = _SPACES.sub(" ", text)
    text = _SPACE_BEFORE_PUNCT.sub(r"\1", text)
    text = _TRAILING.sub("\n", text)
    text = _BLANK_LINES.sub("\n\n", text)
    lines = [line.lstrip(" \t") for line in text.split("\n")]
    return "\n".join(lines).strip()
