"""The one loader of the clinical knowledge files under data/knowledge/.

Every file is versioned YAML; every rule carries an `id` and `sources` whose
keys must be among the sources listed in sources.yml (CLINICAL.md).
"""
from __future__ import annotations

import functools
import os
from pathlib import Path
from typing import Any

import yaml

KNOWLEDGE_DIR = Path(os.environ.get(
    "HEADACHE_KNOWLEDGE_DIR", Path(__file__).resolve().parent.parent / "data" / "knowledge"))


class KnowledgeError(ValueError):
    """A knowledge file is malformed: a missing id, an unknown source, ..."""


@functools.lru_cache(maxsize=None)
def load(name: str) -> dict[str, Any]:
    """Parsed content of data/knowledge/<name>.yml (cached; treat as read-only)."""
    path = KNOWLEDGE_DIR / f"{name}.yml"
    with path.open(encoding="utf-8") as fh:
        content = yaml.safe_load(fh)
    if not isinstance(content, dict) or "version" not in content:
        raise KnowledgeError(f"{path}: expected a mapping with a 'version' key")
    return content


@functools.lru_cache(maxsize=None)
def source_keys() -> frozenset[str]:
    return frozenset(load("sources")["sources"])


def check_sources(owner: str, sources: Any) -> tuple[str, ...]:
    """Validate a rule's `sources` list against sources.yml; return it as a tuple."""
    if not sources or not isinstance(sources, list):
        raise KnowledgeError(f"{owner}: every rule needs a non-empty 'sources' list")
    unknown = set(sources) - source_keys()
    if unknown:
        raise KnowledgeError(f"{owner}: unknown sources {sorted(unknown)}")
    return tuple(sources)
