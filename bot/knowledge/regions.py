"""Where it hurts -> likely contributing muscles (CLINICAL.md, TRAVELL-SIMONS):
the one loader of data/knowledge/regions.yml, read by the factors and by the
understanding of where it hurts."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from bot import knowledge
from bot.knowledge import KnowledgeError, services

__all__ = ["Region", "load", "not_regions", "table"]

NAME = "regions"


@dataclass(frozen=True)
class Region:
    id: str
    label: str
    area: str
    lay: str
    primary: tuple[str, ...]
    secondary: tuple[str, ...]
    service: str
    sources: tuple[str, ...]
    say: str                     # what the head map sends for this region
    words: tuple[str, ...]       # lay wordings the person may use
    answer_words: tuple[str, ...] = ()   # ... only as the answer to "where does it hurt?" ("the front")


def load() -> Mapping[str, Region]:
    """Read and validate regions.yml (uncached): region id -> Region, in file order."""
    where = f"{NAME}.yml"
    entries = knowledge.load(NAME).get("regions") or []
    knowledge.unique(where, [e.get("id") for e in entries])
    offered = services.table().services
    regions: dict[str, Region] = {}
    for entry in entries:
        owner = f"{where}:{entry.get('id')}"
        knowledge.require(owner, entry, "id", "label", "say", "area", "lay", "words", "muscles",
                          "service")
        muscles = entry["muscles"]
        if not isinstance(muscles, dict):
            raise KnowledgeError(f"{owner}: muscles must have 'primary' and 'secondary'")
        primary = knowledge.names(owner, "muscles", muscles.get("primary"))
        if not primary:
            raise KnowledgeError(f"{owner}: needs primary muscles")
        if entry["service"] not in offered:
            raise KnowledgeError(f"{owner}: unknown service {entry['service']!r}")
        regions[entry["id"]] = Region(
            entry["id"], entry["label"], entry["area"], entry["lay"], primary,
            knowledge.names(owner, "muscles", muscles.get("secondary")), entry["service"],
            knowledge.check_sources(owner, entry.get("sources")), entry["say"],
            knowledge.names(owner, "words", entry["words"]),
            knowledge.names(owner, "answer_words", entry.get("answer_words") or []))
    return regions


@knowledge.cached
def table() -> Mapping[str, Region]:
    """regions.yml, validated once."""
    return load()


@knowledge.cached
def not_regions() -> tuple[str, ...]:
    """regions.yml `not_regions`: sayings that name a part of the head in another sense
    ("keep an eye on her", "on top of that"), never where it hurts."""
    return knowledge.names(f"{NAME}.yml", "not_regions", knowledge.load(NAME).get("not_regions") or [])
