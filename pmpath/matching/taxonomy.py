"""The PM skill taxonomy (pmpath/matching/data/taxonomy.yaml): load it once, find its skills in
any text. Pure: no Django.

    >>> taxonomy = load_taxonomy()
    >>> [f.skill for f in taxonomy.find("Ran A/B tests and wrote PRDs in Jira")]
    ['ab-testing', 'prd-writing', 'jira']

One compiled pattern covers every synonym and abbreviation: synonyms match in any case,
abbreviations only in their own case ("SQL", never "sql" inside a sentence about something
else), both on word boundaries, with an optional plural ("PRDs", "roadmaps"). A space in a
phrase matches a space or a hyphen ("cross-functional"), a hyphen matches either or nothing
("road-mapping", "roadmapping"). The pattern is built as a trie, so one scan costs about the
same for 50 skills as for 1,000.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

DEFAULT_PATH = Path(__file__).resolve().parent / "data" / "taxonomy.yaml"
KINDS = ("hard", "tool", "method", "domain", "soft")
EVIDENCES = ("communication", "strategic_thinking", "technical_knowledge", "project_management")


class TaxonomyError(ValueError):
    """The taxonomy file is missing or malformed; the message names the entry and field."""


@dataclass(frozen=True)
class Skill:
    id: str
    name: str
    kind: str
    evidences: tuple[str, ...] = ()
    synonyms: tuple[str, ...] = ()
    abbreviations: tuple[str, ...] = ()
    related: tuple[str, ...] = ()


@dataclass(frozen=True)
class Found:
    """A skill found in a text: its id and the exact words that matched, with their span."""

    skill: str
    start: int
    end: int
    text: str


def phrase_key(text: str) -> str:
    """The form two wordings of the same phrase share: lower case, no spaces or hyphens."""
    return re.sub(r"[\s\-]+", "", text.lower())


def _unplural(key: str) -> list[str]:
    out = [key]
    if key.endswith("es"):
        out.append(key[:-2])
    if key.endswith("s"):
        out.append(key[:-1])
    return out


# --- The trie pattern ---------------------------------------------------------------------------

_SPACE, _HYPHEN = "\x00", "\x01"  # placeholders for the flexible separators


def _atoms(phrase: str) -> list[str]:
    phrase = re.sub(r"\s+", " ", phrase.strip())
    return [_SPACE if c == " " else _HYPHEN if c == "-" else c for c in phrase]


def _atom_pattern(atom: str) -> str:
    if atom == _SPACE:
        return r"[\s\-]+"
    if atom == _HYPHEN:
        return r"[\s\-]?"
    return re.escape(atom)


def _trie_pattern(phrases: list[str], lower: bool) -> str:
    trie: dict[str, Any] = {}
    for phrase in phrases:
        node = trie
        for atom in _atoms(phrase.lower() if lower else phrase):
            node = node.setdefault(atom, {})
        node[""] = {}

    def emit(node: dict[str, Any]) -> str:
        ends = "" in node
        branches = [_atom_pattern(a) + emit(child) for a, child in sorted(node.items()) if a]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        # Greedy optional: the longer phrase wins, the shorter one is the fallback.
        return f"(?:{body})?" if ends else body

    return emit(trie)


@dataclass(frozen=True, eq=False)
class Taxonomy:
    """The loaded taxonomy. `ids` fixes each skill's column in the ranking index."""

    version: int
    skills: dict[str, Skill]
    ids: tuple[str, ...] = ()
    fingerprint: str = ""  # changes whenever any entry changes: saved indexes check it
    column: dict[str, int] = field(default_factory=dict)
    _synonyms: dict[str, str] = field(default_factory=dict, repr=False)
    _abbreviations: dict[str, str] = field(default_factory=dict, repr=False)
    _pattern: re.Pattern[str] | None = field(default=None, repr=False)
    _seen: dict[str, str | None] = field(default_factory=dict, repr=False)  # lookup cache

    def find(self, text: str) -> list[Found]:
        """Every skill mention in `text`, left to right, longest phrase first at each place."""
        if not text or self._pattern is None:
            return []
        out: list[Found] = []
        for m in self._pattern.finditer(text):
            words = m.group(0)
            if words in self._seen:
                skill = self._seen[words]
            else:
                skill = self._lookup(words)
                if len(self._seen) < 50_000:  # wordings repeat; hostile input must not grow it
                    self._seen[words] = skill
            if skill:
                out.append(Found(skill, m.start(), m.end(), words))
        return out

    def _lookup(self, words: str) -> str | None:
        for candidate in (words, words[:-1] if words.endswith("s") else None):
            if candidate and candidate in self._abbreviations:
                return self._abbreviations[candidate]
        for key in _unplural(phrase_key(words)):
            if key in self._synonyms:
                return self._synonyms[key]
        return None

    def related(self, skill: str) -> tuple[str, ...]:
        """The skills whose presence in a resume shows this one in other words (one way: a
        line about Amplitude shows product analytics, not the reverse)."""
        entry = self.skills.get(skill)
        return tuple(r for r in entry.related if r != skill) if entry else ()

    def kind(self, skill: str) -> str:
        return self.skills[skill].kind

    def name(self, skill: str) -> str:
        return self.skills[skill].name


def _strings(value: Any, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise TaxonomyError(f"{where}: expected a list of non-empty strings")
    return tuple(v.strip() for v in value)


def _phrases(skill: Skill) -> tuple[str, ...]:
    """The case-insensitive wordings. The display name is not one of them (the file's rule:
    every matchable phrase is listed in the synonyms)."""
    return skill.synonyms


def taxonomy_from_data(data: Any, source: str = "taxonomy") -> Taxonomy:
    """Build a Taxonomy from the parsed YAML; every problem names the entry and field."""
    if not isinstance(data, dict) or not isinstance(data.get("skills"), list):
        raise TaxonomyError(f"{source}: expected a mapping with a 'skills' list")
    skills: dict[str, Skill] = {}
    for i, entry in enumerate(data["skills"]):
        where = f"{source}: skills[{i}]"
        if not isinstance(entry, dict):
            raise TaxonomyError(f"{where}: expected a mapping")
        sid, name, kind = entry.get("id"), entry.get("name"), entry.get("kind")
        if not isinstance(sid, str) or not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", sid):
            raise TaxonomyError(f"{where}.id: {sid!r} is not a kebab-case id")
        if sid in skills:
            raise TaxonomyError(f"{where}.id: {sid!r} appears twice")
        if not isinstance(name, str) or not name.strip():
            raise TaxonomyError(f"{where} ({sid}).name: missing")
        if kind not in KINDS:
            raise TaxonomyError(f"{where} ({sid}).kind: {kind!r} is not one of {', '.join(KINDS)}")
        skills[sid] = Skill(
            id=sid,
            name=name.strip(),
            kind=kind,
            evidences=_strings(entry.get("evidences"), f"{where} ({sid}).evidences"),
            synonyms=_strings(entry.get("synonyms"), f"{where} ({sid}).synonyms"),
            abbreviations=_strings(entry.get("abbreviations"), f"{where} ({sid}).abbreviations"),
            related=_strings(entry.get("related"), f"{where} ({sid}).related"),
        )
    for skill in skills.values():
        for other in skill.related:
            if other not in skills:
                raise TaxonomyError(f"{source}: {skill.id}.related names unknown skill {other!r}")
    synonyms: dict[str, str] = {}
    abbreviations: dict[str, str] = {}
    for skill in skills.values():  # the first skill to claim a wording keeps it
        for phrase in _phrases(skill):
            synonyms.setdefault(phrase_key(phrase), skill.id)
        for abbr in skill.abbreviations:
            abbreviations.setdefault(abbr, skill.id)
    phrases = sorted({p.lower() for s in skills.values() for p in _phrases(s)})
    abbrs = sorted(abbreviations)
    alternatives = []
    if phrases:
        alternatives.append(f"(?i:{_trie_pattern(phrases, lower=True)})")
    if abbrs:
        alternatives.append(_trie_pattern(abbrs, lower=False))
    pattern = None
    if alternatives:
        pattern = re.compile(r"(?<![\w])(?:" + "|".join(alternatives) + r")(?:e?s)?(?![\w])")
    ids = tuple(skills)
    canonical = json.dumps([dataclasses.astuple(s) for s in skills.values()], sort_keys=True)
    return Taxonomy(
        version=int(data.get("version") or 1),
        skills=skills,
        ids=ids,
        fingerprint=hashlib.sha256(canonical.encode()).hexdigest()[:16],
        column={sid: i for i, sid in enumerate(ids)},
        _synonyms=synonyms,
        _abbreviations=abbreviations,
        _pattern=pattern,
    )


@lru_cache(maxsize=8)
def _load(path: str, mtime: float) -> Taxonomy:
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise TaxonomyError(f"{path}: cannot read the taxonomy: {exc.strerror or exc}") from None
    except yaml.YAMLError as exc:
        raise TaxonomyError(f"{path}: not valid YAML: {exc}") from None
    return taxonomy_from_data(data, source=Path(path).name)


def load_taxonomy(path: str | Path | None = None) -> Taxonomy:
    """The taxonomy at `path` (the shipped one by default), parsed once while the file is
    unchanged."""
    target = Path(path) if path else DEFAULT_PATH
    try:
        mtime = target.stat().st_mtime
    except OSError as exc:
        raise TaxonomyError(f"{target}: cannot read the taxonomy: {exc.strerror or exc}") from None
    return _load(str(target), mtime)
