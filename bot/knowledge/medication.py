"""Painkillers by kind: the one loader of data/knowledge/medication.yml, read by
the understanding of painkiller answers (bot/understanding/medication.py)."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from bot import knowledge
from bot.knowledge import KnowledgeError

__all__ = ["KINDS", "PainkillerKind", "load", "table"]

NAME = "medication"
# The kinds the medication-overuse rules know (Facts.medication_kind), in the
# order a single kind is reported; two different kinds make "combination".
KINDS = ("combination", "opioid", "triptan", "simple")


@dataclass(frozen=True)
class PainkillerKind:
    id: str
    names: tuple[str, ...]
    sources: tuple[str, ...]


def load() -> Mapping[str, PainkillerKind]:
    """Read and validate medication.yml (uncached): kind id -> its names, in file order."""
    where = f"{NAME}.yml"
    entries = knowledge.load(NAME).get("kinds") or []
    knowledge.unique(where, [e.get("id") for e in entries])
    kinds: dict[str, PainkillerKind] = {}
    kind_of: dict[str, str] = {}
    for entry in entries:
        owner = f"{where}:{entry.get('id')}"
        knowledge.require(owner, entry, "id", "names")
        if entry["id"] not in KINDS:
            raise KnowledgeError(f"{owner}: unknown kind (expected one of {KINDS})")
        names = knowledge.normalised_names(owner, "names", entry["names"])
        for name in names:
            other = kind_of.setdefault(name, entry["id"])
            if other != entry["id"]:
                raise KnowledgeError(f"{owner}: {name!r} is also listed under {other}")
        kinds[entry["id"]] = PainkillerKind(
            entry["id"], names, knowledge.check_sources(owner, entry.get("sources")))
    missing = [kind for kind in KINDS if kind not in kinds]
    if missing:
        raise KnowledgeError(f"{where}: no names for the kinds {missing}")
    return kinds


@knowledge.cached
def table() -> Mapping[str, PainkillerKind]:
    """medication.yml, validated once."""
    return load()
