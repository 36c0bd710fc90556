"""Shipped knowledge files (`pmpath/<app>/data/*.yaml`) and the versioned seed that loads them.

Each app registers a seed function; `run_seeds` (behind `pmpath setup`) calls those whose file
changed since the last load, inside one transaction each, so running it twice changes nothing.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

T = TypeVar("T", bound=BaseModel)


class KnowledgeError(Exception):
    """A knowledge file is missing or malformed. The message names the file and the field."""


def read_yaml(path: Path, schema: type[T]) -> tuple[T, str]:
    """Parse and validate one file; return the model and the file's SHA-256."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise KnowledgeError(f"{path}: cannot read ({exc.strerror})") from None
    try:
        data = yaml.safe_load(raw)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark else ""
        raise KnowledgeError(f"{path.name}{where}: not valid YAML") from None
    try:
        model = schema.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        loc = ".".join(str(p) for p in first["loc"]) or "(top level)"
        raise KnowledgeError(f"{path.name}: {loc}: {first['msg']}") from None
    return model, hashlib.sha256(raw).hexdigest()


@dataclass(frozen=True)
class Seed:
    name: str
    order: int
    run: Callable[[bool], str | None]


_SEEDS: dict[str, Seed] = {}


def register_seed(name: str, *, order: int = 100) -> Callable[[Callable[[bool], Any]], Any]:
    def decorate(func: Callable[[bool], str | None]) -> Callable[[bool], str | None]:
        _SEEDS[name] = Seed(name, order, func)
        return func

    return decorate


def run_seeds(*, force: bool = False) -> list[str]:
    """Run every registered seed; return a line for each that loaded something."""
    from pmpath.core.memo import knowledge

    results = []
    for seed in sorted(_SEEDS.values(), key=lambda s: (s.order, s.name)):
        line = seed.run(force)
        if line:
            results.append(line)
    knowledge.clear()
    return results


def is_current(name: str, checksum: str) -> bool:
    from pmpath.core.models import KnowledgeVersion

    return KnowledgeVersion.objects.filter(name=name, checksum=checksum).exists()


def mark_loaded(name: str, version: int, checksum: str) -> None:
    from pmpath.core.models import KnowledgeVersion

    KnowledgeVersion.objects.update_or_create(
        name=name, defaults={"version": version, "checksum": checksum}
    )
