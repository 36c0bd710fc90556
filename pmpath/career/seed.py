"""Loads the career knowledge files into the database (registered with core.knowledge)."""

from __future__ import annotations

from django.db import transaction

from pmpath.career import knowledge as kn
from pmpath.career.models import Background, Behaviour, Competency, Guide, Level
from pmpath.career.resource_transfer import Catalogue
from pmpath.core.knowledge import is_current, mark_loaded, read_yaml, register_seed


@register_seed("career.ladder", order=10)
def seed_ladder(force: bool) -> str | None:
    ladder, checksum = read_yaml(kn.DATA / "ladder.yaml", kn.Ladder)
    if not force and is_current("career.ladder", checksum):
        return None
    with transaction.atomic():
        competencies = {}
        for order, c in enumerate(ladder.competencies):
            competencies[c.key], _ = Competency.objects.update_or_create(
                key=c.key,
                defaults={"name": c.name, "core": c.core, "summary": c.summary, "order": order},
            )
        count = 0
        for lv in ladder.levels:
            level, _ = Level.objects.update_or_create(
                key=lv.key,
                defaults={
                    "name": lv.name,
                    "short": lv.short,
                    "order": lv.order,
                    "typical_years": lv.typical_years,
                    "summary": lv.summary,
                    "scope": lv.scope,
                    "titles": lv.titles,
                },
            )
            for key, texts in lv.behaviours.items():
                for order, text in enumerate(texts):
                    Behaviour.objects.update_or_create(
                        level=level,
                        competency=competencies[key],
                        order=order,
                        defaults={"text": text},
                    )
                    count += 1
                Behaviour.objects.filter(
                    level=level, competency=competencies[key], order__gte=len(texts)
                ).delete()
        Level.objects.exclude(key__in=[lv.key for lv in ladder.levels]).delete()
        Competency.objects.exclude(key__in=list(competencies)).delete()
        mark_loaded("career.ladder", ladder.version, checksum)
    return f"ladder v{ladder.version}: {len(ladder.levels)} levels, {count} behaviours"


@register_seed("career.backgrounds", order=11)
def seed_backgrounds(force: bool) -> str | None:
    data, checksum = read_yaml(kn.DATA / "backgrounds.yaml", kn.Backgrounds)
    if not force and is_current("career.backgrounds", checksum):
        return None
    with transaction.atomic():
        for order, bg in enumerate(data.backgrounds):
            Background.objects.update_or_create(
                key=bg.key,
                defaults={
                    "name": bg.name,
                    "summary": bg.summary,
                    "order": order,
                    "strengths": [s.model_dump() for s in bg.strengths],
                    "gaps": [g.model_dump() for g in bg.gaps],
                    "first_steps": bg.first_steps,
                    "stretch_projects": [p.model_dump() for p in bg.stretch_projects],
                },
            )
        Background.objects.exclude(key__in=[bg.key for bg in data.backgrounds]).delete()
        mark_loaded("career.backgrounds", data.version, checksum)
    return f"backgrounds v{data.version}: {len(data.backgrounds)} backgrounds"


@register_seed("career.guides", order=12)
def seed_guides(force: bool) -> str | None:
    role, role_sum = read_yaml(kn.DATA / "role.yaml", kn.Role)
    playbook, play_sum = read_yaml(kn.DATA / "playbook.yaml", kn.Playbook)
    checksum = f"{role_sum[:32]}{play_sum[:32]}"
    if not force and is_current("career.guides", checksum):
        return None
    with transaction.atomic():
        Guide.objects.update_or_create(key="role", defaults={"content": role.model_dump()})
        keys = ["role"]
        for area in playbook.areas:
            key = f"playbook-{area.key}"
            Guide.objects.update_or_create(key=key, defaults={"content": area.model_dump()})
            keys.append(key)
        Guide.objects.exclude(key__in=keys).delete()
        mark_loaded("career.guides", max(role.version, playbook.version), checksum)
    return f"guides: the PM role and {len(playbook.areas)} area playbooks"


@register_seed("career.resources", order=13)
def seed_resources(force: bool) -> str | None:
    """Upsert the shipped learning resources by key. Resources people or admins added (a
    user's own, or shared ones with no key) are never touched, and a shipped resource dropped
    from the file stays, so nobody's enrolment in it is lost."""
    from pmpath.career.resource_services import upsert_shipped

    catalogue, checksum = read_yaml(kn.DATA / "resources.yaml", Catalogue)
    if not force and is_current("career.resources", checksum):
        return None
    with transaction.atomic():
        created, updated = upsert_shipped(catalogue.resources)
        mark_loaded("career.resources", catalogue.version, checksum)
    return (
        f"resources v{catalogue.version}: {len(catalogue.resources)} in the catalogue "
        f"({created} new, {updated} updated)"
    )
