"""Every setting pmpath reads is documented (the datasette habit)."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
VARIABLE = re.compile(r"\b(PMPATH_[A-Z0-9_]+|DATABASE_URL)\b")


def variables_read_by_the_code() -> set[str]:
    found: set[str] = set()
    for path in (ROOT / "pmpath").rglob("*.py"):
        found |= set(VARIABLE.findall(path.read_text()))
    return found


def test_every_setting_is_documented():
    documented = set(VARIABLE.findall((ROOT / "docs" / "settings.md").read_text()))
    missing = variables_read_by_the_code() - documented
    assert not missing, f"document these in docs/settings.md: {sorted(missing)}"


def test_the_readme_points_at_the_settings():
    readme = (ROOT / "README.md").read_text()
    assert "docs/settings.md" in readme
    for name in ("PMPATH_DATA_DIR", "DATABASE_URL", "PMPATH_REDIS_URL", "PMPATH_REGISTRATION"):
        assert name in readme
