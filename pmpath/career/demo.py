"""The demo candidate's profile (written by us, in data/demo.yaml)."""

from __future__ import annotations

from typing import Any

from pmpath.career import knowledge as kn
from pmpath.career.services import save_profile
from pmpath.core.demo import register
from pmpath.core.knowledge import read_yaml


@register("career.profile", order=10)
def load_profile(user: Any) -> str:
    demo, _ = read_yaml(kn.DATA / "demo.yaml", kn.Demo)
    save_profile(user, is_demo=True, **demo.candidate.model_dump())
    return f"profile: {demo.candidate.display_name}, {demo.candidate.current_role}"
