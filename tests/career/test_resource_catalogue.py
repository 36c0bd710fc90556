"""The shipped learning catalogue (data/resources.yaml) and the seed that loads it."""

from pathlib import Path

import pytest
import yaml

from pmpath.career import knowledge as kn
from pmpath.career.knowledge import COMPETENCIES, LEVELS
from pmpath.career.models import Resource
from pmpath.career.resource_transfer import KINDS, Catalogue
from pmpath.career.seed import seed_resources
from pmpath.core.knowledge import KnowledgeError, read_yaml
from pmpath.core.models import KnowledgeVersion

CATALOGUE = kn.DATA / "resources.yaml"


@pytest.fixture(scope="module")
def catalogue():
    model, _ = read_yaml(CATALOGUE, Catalogue)
    return model.resources


def test_the_catalogue_has_at_least_sixty_resources(catalogue):
    assert len(catalogue) >= 60


def test_every_skill_and_every_level_has_resources(catalogue):
    assert {s for r in catalogue for s in r.skills} == set(COMPETENCIES)
    assert {lv for r in catalogue for lv in r.levels} == set(LEVELS)
    for skill in COMPETENCIES:
        for level in LEVELS:
            assert any(skill in r.skills and level in r.levels for r in catalogue), (skill, level)


def test_keys_are_unique_and_links_are_https(catalogue):
    keys = [r.key for r in catalogue]
    assert len(keys) == len(set(keys))
    assert all(r.url.startswith("https://") for r in catalogue)


def test_every_resource_names_its_provider_kind_skills_and_a_description(catalogue):
    for r in catalogue:
        assert r.provider and r.kind in KINDS and r.skills and r.levels, r.key
        assert 20 <= len(r.description) <= 160, r.key


def test_the_catalogue_covers_the_sources_the_guide_names(catalogue):
    providers = {r.provider for r in catalogue}
    for provider in ["Product School", "Mind the Product", "Product Manager HQ", "Reforge"]:
        assert provider in providers
    names = {r.name for r in catalogue}
    for book in ["The Mom Test", "Shape Up", "Radical Candor", "Good Strategy Bad Strategy"]:
        assert book in names
    assert {r.kind for r in catalogue} == set(KINDS)


def test_a_paid_resource_names_its_currency_and_a_free_one_none(catalogue):
    for r in catalogue:
        if r.cost:
            assert len(r.currency) == 3, r.key
        else:
            assert r.currency == "", r.key


def test_setup_loaded_the_whole_catalogue_as_shared_resources(db, catalogue):
    stored = Resource.objects.filter(owner__isnull=True, key__in=[r.key for r in catalogue])
    assert stored.count() == len(catalogue)
    assert Resource.objects.get(key="the-mom-test").skills[0] == "customer_focus"


def test_seeding_again_changes_nothing(db):
    assert seed_resources(force=False) is None
    before = list(Resource.objects.order_by("id").values())
    assert "0 new, 0 updated" in seed_resources(force=True)
    assert list(Resource.objects.order_by("id").values()) == before


def test_the_seed_restores_a_changed_shipped_resource_and_leaves_added_ones_alone(db, alice):
    Resource.objects.filter(key="inspired").update(name="Edited by hand", hours=99)
    mine = Resource.objects.create(owner=alice, name="My team's wiki", kind="article")
    admins = Resource.objects.create(owner=None, name="Our bootcamp's course", kind="course")
    assert "1 updated" in seed_resources(force=True)
    assert Resource.objects.get(key="inspired").name.startswith("Inspired")
    mine.refresh_from_db()
    admins.refresh_from_db()
    assert (mine.name, mine.owner, admins.name) == (
        "My team's wiki",
        alice,
        "Our bootcamp's course",
    )


def test_a_resource_dropped_from_the_file_stays_with_its_enrolments(
    db, alice, tmp_path, monkeypatch
):
    from pmpath.career.resource_services import enrol

    data = yaml.safe_load(CATALOGUE.read_text())
    dropped = data["resources"].pop()
    enrolment = enrol(alice, resource_id=Resource.objects.get(key=dropped["key"]).pk)
    data["version"] += 1
    (tmp_path / "resources.yaml").write_text(yaml.safe_dump(data))
    monkeypatch.setattr(kn, "DATA", Path(tmp_path))
    assert seed_resources(force=False) is not None
    assert Resource.objects.filter(key=dropped["key"]).exists()
    enrolment.refresh_from_db()
    assert KnowledgeVersion.objects.get(name="career.resources").version == data["version"]


def test_a_bad_catalogue_file_names_the_entry_and_field(tmp_path):
    path = tmp_path / "resources.yaml"
    path.write_text(
        "version: 1\nresources:\n  - {key: a, name: A, kind: book, skills: [juggling]}\n"
    )
    with pytest.raises(KnowledgeError, match=r"resources\.yaml: resources\.0\.skills\.0"):
        read_yaml(path, Catalogue)
    path.write_text(
        "version: 1\nresources:\n"
        "  - {key: a, name: A, kind: book}\n  - {key: a, name: B, kind: book}\n"
    )
    with pytest.raises(KnowledgeError, match="the key 'a' is used twice"):
        read_yaml(path, Catalogue)
