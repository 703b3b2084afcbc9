"""The one reader of the clinical knowledge files under data/knowledge/.

Every file is versioned YAML; every rule carries an `id` and `sources` whose
keys must be among the sources listed in sources.yml (CLINICAL.md).

`load(name)` parses one file. Each file then has one loader that validates it
and returns frozen, typed objects, raising KnowledgeError on the first
problem: the modules of this package (`services`, `regions`, `triggers`,
`medication`, `yes_no`, `screen_replies`), and bot.red_flags for red_flags.yml. Consumers take
the objects, not the parsed YAML (red_flags.yml is still read raw for its
question list by actions/interview_form.py and for its concept ids by
`triggers`, as bot.red_flags exposes neither).
"""
from __future__ import annotations

import functools
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import yaml

KNOWLEDGE_DIR = Path(os.environ.get(
    "HEADACHE_KNOWLEDGE_DIR", Path(__file__).resolve().parents[2] / "data" / "knowledge"))

T = TypeVar("T")
_NORMALISED = re.compile(r"[a-z0-9]+(?: [a-z0-9]+)*")
_CACHES: list = []


class KnowledgeError(ValueError):
    """A knowledge file is malformed: a missing id, an unknown source, ..."""


@functools.lru_cache(maxsize=None)
def load(name: str) -> dict[str, Any]:
    """Parsed content of data/knowledge/<name>.yml (cached; treat as read-only), with each
    `{{name}}` in its strings replaced by the file's `shared_words` of that name: words
    many patterns share (who a relative can be), written once (and kept, under
    `shared_words`, for the parsers that read them too)."""
    path = KNOWLEDGE_DIR / f"{name}.yml"
    with path.open(encoding="utf-8") as fh:
        content = yaml.safe_load(fh)
    if not isinstance(content, dict) or "version" not in content:
        raise KnowledgeError(f"{path}: expected a mapping with a 'version' key")
    shared = content.get("shared_words") or {}
    if not isinstance(shared, dict) or not all(
            isinstance(k, str) and isinstance(v, str) and not _SHARED.search(v) for k, v in shared.items()):
        raise KnowledgeError(f"{path}: 'shared_words' must map names to words without {{{{...}}}} of their own")
    return _with_shared_words(content, shared, path)


_SHARED = re.compile(r"\{\{(\w+)\}\}")


def _with_shared_words(value: Any, shared: dict[str, str], path: Path) -> Any:
    if isinstance(value, str):
        def word(m: re.Match) -> str:
            if m.group(1) not in shared:
                raise KnowledgeError(f"{path}: no shared_words named {m.group(1)!r}")
            return shared[m.group(1)]
        return _SHARED.sub(word, value)
    if isinstance(value, list):
        return [_with_shared_words(v, shared, path) for v in value]
    if isinstance(value, dict):
        return {k: _with_shared_words(v, shared, path) for k, v in value.items()}
    return value


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


def require(owner: str, entry: dict, *keys: str) -> None:
    """Each of `keys` is present and not empty."""
    for key in keys:
        if entry.get(key) in (None, "", []):
            raise KnowledgeError(f"{owner}: missing '{key}'")


def unique(owner: str, ids: list[str]) -> None:
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    if dupes:
        raise KnowledgeError(f"{owner}: duplicate ids {dupes}")


def names(owner: str, key: str, value: Any) -> tuple[str, ...]:
    """A list of non-empty strings (words, muscles) as a tuple; None is empty."""
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise KnowledgeError(f"{owner}: {key} must be a list of names")
    return tuple(value)


def phrases(owner: str, key: str, value: Any) -> tuple[str, ...]:
    """`names` that are matched as words of a message, any language ("a ver", "por qué"):
    lower case, words separated by one space; without repeats, longest first (so that
    "all no" is tried before "all")."""
    found = names(owner, key, value)
    for phrase in found:
        if phrase != phrase.lower() or phrase != " ".join(phrase.split()):
            raise KnowledgeError(f"{owner}: {key}: {phrase!r} must be lower case, words separated by one space")
    return tuple(sorted(set(found), key=lambda p: (-len(p.split()), p)))


def normalised_names(owner: str, key: str, value: Any) -> tuple[str, ...]:
    """`names`, each written as bot.understanding.text writes text: lower-case
    letters and digits, words separated by one space ("co codamol")."""
    found = names(owner, key, value)
    for name in found:
        if not _NORMALISED.fullmatch(name):
            raise KnowledgeError(f"{owner}: {key}: {name!r} must be lower case words separated by one space")
    return found


def cached(build: Callable[[], T]) -> Callable[[], T]:
    """Build once what is made from the knowledge files (until `clear_caches`)."""
    cache = functools.lru_cache(maxsize=None)(build)
    _CACHES.append(cache)
    return cache


def clear_caches() -> None:
    """Read the files again on next use, and rebuild everything made from them
    (for tests that point KNOWLEDGE_DIR at an edited copy)."""
    load.cache_clear()
    source_keys.cache_clear()
    for cache in _CACHES:
        cache.cache_clear()
