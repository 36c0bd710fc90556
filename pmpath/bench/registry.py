"""What areas register for benchmarking, in their own `<app>/bench.py` modules:

- generators that build the heavy user's data for that area, and
- the pages (and htmx partials, and API routes) that the page benchmark measures.

The modules are discovered only when benchmarking, so they cost nothing at start-up."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

Generator = Callable[[Any, random.Random, float], str]


@dataclass(frozen=True)
class Page:
    name: str
    url_name: str
    path: Callable[[Any], str]
    auth: Literal["session", "token", "none"] = "session"
    htmx: bool = False
    target_p99_ms: float = 100.0
    headers: dict[str, str] = field(default_factory=dict)

    @property
    def download(self) -> bool:
        """A download of everything (an export, the site ZIP): given a time budget of its own
        for the whole file, beyond a page's 100 ms."""
        return self.target_p99_ms > 100

    @property
    def target_p50_ms(self) -> float:
        """DESIGN.md: p50 ≤ 25 ms beside p99 ≤ 100 ms. A download is judged on its own budget
        alone: 0, not judged at the median."""
        return 0.0 if self.download else 25.0


@dataclass(frozen=True)
class _Generator:
    name: str
    order: int
    run: Generator


GENERATORS: dict[str, _Generator] = {}
PAGES: dict[str, Page] = {}
# URL names that answer only POST (or only redirect) and so are not pages to measure.
NOT_PAGES: set[str] = set()
# For routes that take an object id but are neither pages nor under a page's route: how to
# find one of a user's objects for them (tests/core/test_isolation.py tries them as others).
OBJECT_IDS: dict[str, Callable[[Any], dict[str, int]]] = {}


def generator(name: str, *, order: int = 100) -> Callable[[Generator], Generator]:
    def decorate(func: Generator) -> Generator:
        GENERATORS[name] = _Generator(name, order, func)
        return func

    return decorate


def page(page: Page) -> Page:
    PAGES[page.name] = page
    return page


def not_pages(*url_names: str) -> None:
    NOT_PAGES.update(url_names)


def object_ids(url_name: str, kwargs: Callable[[Any], dict[str, int]]) -> None:
    OBJECT_IDS[url_name] = kwargs


def first_id(model: Any, user: Any, **filters: Any) -> int:
    """The id of the user's first row of `model` (a model class or "app_label.Model"), for a
    page's URL; 0 when there is none (the page then answers 404, which the report shows)."""
    if isinstance(model, str):
        from django.apps import apps

        model = apps.get_model(model)
    rows = model.objects.owned_by(user).filter(**filters).order_by("id")
    return rows.values_list("id", flat=True).first() or 0


def discover() -> None:
    from django.utils.module_loading import autodiscover_modules

    autodiscover_modules("bench")
