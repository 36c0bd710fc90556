"""Small text helpers shared by every area. Pure."""

from __future__ import annotations

import re

_SPLIT = re.compile(r"[\n,;]+")


def split_list(text: str, *, limit: int = 50, max_length: int = 120) -> list[str]:
    """Items from a comma- or line-separated list: trimmed, de-duplicated ignoring case, in the
    order given."""
    seen: set[str] = set()
    items: list[str] = []
    for part in _SPLIT.split(text or ""):
        item = " ".join(part.split())[:max_length]
        if item and item.casefold() not in seen:
            seen.add(item.casefold())
            items.append(item)
        if len(items) >= limit:
            break
    return items
