"""The starter catalogue of product-management groups we ship (data/groups.yaml): suggestions a
person can track with one click. It is read-only text, so it stays a file read through the
knowledge cache rather than a table; a joined group is the person's own Group row, which keeps
the catalogue key it came from."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field, HttpUrl, model_validator

from pmpath.core.knowledge import read_yaml
from pmpath.core.memo import knowledge

PATH = Path(__file__).parent / "data" / "groups.yaml"


class CatalogueGroup(BaseModel):
    key: str = Field(pattern=r"^[a-z0-9-]+$", max_length=60)
    name: str = Field(min_length=2, max_length=200)
    kind: Literal["online", "local", "slack", "association"]
    url: HttpUrl
    location: str = Field("", max_length=200)
    description: str = Field(min_length=10, max_length=200)

    @model_validator(mode="after")
    def local_groups_say_where(self) -> CatalogueGroup:
        if self.kind == "local" and not self.location:
            raise ValueError(f"group {self.key} is local but has no location")
        return self


class Catalogue(BaseModel):
    version: int
    groups: list[CatalogueGroup] = Field(min_length=1)

    @model_validator(mode="after")
    def keys_and_names_are_unique(self) -> Catalogue:
        for attribute in ("key", "name"):
            values = [getattr(g, attribute) for g in self.groups]
            twice = sorted({v for v in values if values.count(v) > 1})
            if twice:
                raise ValueError(f"{attribute} given twice: {', '.join(twice)}")
        return self


def _load() -> list[CatalogueGroup]:
    catalogue, _ = read_yaml(PATH, Catalogue)
    return catalogue.groups


def groups() -> list[CatalogueGroup]:
    """Every suggestion, in the file's order."""
    return knowledge.get("network.groups", _load)


def by_key(key: str) -> CatalogueGroup | None:
    return next((g for g in groups() if g.key == key), None)
