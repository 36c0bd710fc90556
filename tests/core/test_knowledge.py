from pathlib import Path

import pytest
from pydantic import BaseModel

from pmpath.career.models import Behaviour, Level
from pmpath.core.knowledge import KnowledgeError, read_yaml, run_seeds


class Sample(BaseModel):
    version: int
    name: str


def test_loading_the_knowledge_base_twice_changes_nothing(db):
    run_seeds(force=True)
    before = list(Behaviour.objects.values_list("pk", "text"))
    assert run_seeds() == []
    assert list(Behaviour.objects.values_list("pk", "text")) == before


def test_a_forced_reload_keeps_row_identities(db):
    levels = dict(Level.objects.values_list("key", "pk"))
    lines = run_seeds(force=True)
    assert any(line.startswith("ladder") for line in lines)
    assert dict(Level.objects.values_list("key", "pk")) == levels


def test_an_edited_row_is_restored_when_the_file_changes(db):
    Level.objects.filter(key="pm").update(name="Edited")
    run_seeds(force=True)
    assert Level.objects.get(key="pm").name == "Product Manager"


def test_a_malformed_file_is_reported_with_its_name_and_field(tmp_path: Path):
    path = tmp_path / "sample.yaml"
    path.write_text("version: one\nname: x\n")
    with pytest.raises(
        KnowledgeError, match=r"sample.yaml: version: Input should be a valid integer"
    ):
        read_yaml(path, Sample)


def test_invalid_yaml_is_reported_with_its_line(tmp_path: Path):
    path = tmp_path / "broken.yaml"
    path.write_text("version: 1\nname: [unclosed\n")
    with pytest.raises(KnowledgeError, match=r"broken.yaml at line \d+: not valid YAML"):
        read_yaml(path, Sample)


def test_a_missing_file_is_reported(tmp_path: Path):
    with pytest.raises(KnowledgeError, match="cannot read"):
        read_yaml(tmp_path / "absent.yaml", Sample)
