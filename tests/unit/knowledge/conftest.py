"""A writable copy of data/knowledge, loaded instead of the real one."""
from __future__ import annotations

import shutil

import pytest
import yaml

from bot import knowledge


@pytest.fixture
def knowledge_copy(tmp_path, monkeypatch):
    for path in knowledge.KNOWLEDGE_DIR.glob("*.yml"):
        shutil.copy(path, tmp_path / path.name)
    monkeypatch.setattr(knowledge, "KNOWLEDGE_DIR", tmp_path)
    knowledge.clear_caches()
    yield tmp_path
    monkeypatch.undo()
    knowledge.clear_caches()


@pytest.fixture
def edit(knowledge_copy):
    """edit("services", change): apply `change` to the parsed copy of services.yml."""
    def apply(name, change):
        path = knowledge_copy / f"{name}.yml"
        content = yaml.safe_load(path.read_text(encoding="utf-8"))
        change(content)
        path.write_text(yaml.safe_dump(content, sort_keys=False), encoding="utf-8")
        knowledge.clear_caches()
    return apply
