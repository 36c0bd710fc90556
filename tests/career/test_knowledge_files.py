"""The shipped career content is complete and consistent."""

from pmpath.career import knowledge as kn
from pmpath.core.knowledge import read_yaml


def test_the_ladder_has_every_level_and_skill_with_behaviours():
    ladder, _ = read_yaml(kn.DATA / "ladder.yaml", kn.Ladder)
    assert [lv.key for lv in ladder.levels] == list(kn.LEVELS)
    assert [c.key for c in ladder.competencies if c.core] == [
        "communication",
        "strategic_thinking",
        "technical_knowledge",
        "project_management",
    ]
    for level in ladder.levels:
        for key in kn.COMPETENCIES:
            assert len(level.behaviours[key]) >= 3, (level.key, key)


def test_no_behaviour_is_repeated_across_the_ladder():
    ladder, _ = read_yaml(kn.DATA / "ladder.yaml", kn.Ladder)
    texts = [t for lv in ladder.levels for ts in lv.behaviours.values() for t in ts]
    assert len(texts) == len(set(texts))


def test_the_levels_are_in_ascending_order():
    ladder, _ = read_yaml(kn.DATA / "ladder.yaml", kn.Ladder)
    orders = [lv.order for lv in ladder.levels]
    assert orders == sorted(orders) and len(set(orders)) == len(orders)


def test_the_onboarding_backgrounds_are_all_there():
    data, _ = read_yaml(kn.DATA / "backgrounds.yaml", kn.Backgrounds)
    keys = [bg.key for bg in data.backgrounds]
    for required in ("engineering", "design", "marketing", "other"):
        assert required in keys


def test_every_playbook_area_has_a_tip_for_every_background():
    backgrounds, _ = read_yaml(kn.DATA / "backgrounds.yaml", kn.Backgrounds)
    playbook, _ = read_yaml(kn.DATA / "playbook.yaml", kn.Playbook)
    keys = {bg.key for bg in backgrounds.backgrounds}
    assert {a.key for a in playbook.areas} == {
        "dashboard",
        "jobs",
        "network",
        "interview",
        "career",
        "portfolio",
        "trends",
    }
    for area in playbook.areas:
        assert set(area.by_background) == keys, area.key


def test_the_role_guide_walks_the_lifecycle_from_conception_to_launch():
    role, _ = read_yaml(kn.DATA / "role.yaml", kn.Role)
    stages = [s.key for s in role.lifecycle]
    assert stages[0] == "conception" and "launch" in stages
    partners = {p.key for p in role.partners}
    assert {"engineering", "design"} <= partners


def test_the_demo_candidate_uses_known_keys():
    demo, _ = read_yaml(kn.DATA / "demo.yaml", kn.Demo)
    backgrounds, _ = read_yaml(kn.DATA / "backgrounds.yaml", kn.Backgrounds)
    assert demo.candidate.background in {bg.key for bg in backgrounds.backgrounds}
