"""Triggers and habits -> likely contributing factors (CLINICAL.md trigger
table): the one loader of data/knowledge/triggers.yml, read by the factors,
by the understanding of what brings it on and by triage (a trigger that is a
warning sign)."""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Optional

from bot import knowledge
from bot.knowledge import KnowledgeError, services

__all__ = ["Factor", "Trigger", "TriggerTable", "load", "table", "warning_concepts"]

NAME = "triggers"
KINDS = ("muscular", "habit")


@dataclass(frozen=True)
class Trigger:
    id: str
    label: str
    lay: str
    contributor: Optional[str]              # None: not a contributing factor (a warning sign)
    warning_concept: Optional[str] = None   # a concept id of red_flags.yml
    words: tuple[str, ...] = ()             # lay wordings the person may use


@dataclass(frozen=True)
class Factor:
    id: str
    label: str
    kind: str
    muscles: tuple[str, ...]
    service: Optional[str]
    sources: tuple[str, ...]


@dataclass(frozen=True)
class TriggerTable:
    triggers: Mapping[str, Trigger]     # in file order
    factors: Mapping[str, Factor]       # in file order
    not_triggers: tuple[str, ...]       # wordings that contain a trigger word but are none
    habit_words: tuple[str, ...]        # words of a habit: its frequency is not the headache's


def _red_flag_concepts() -> set:
    # red_flags.yml is validated by bot.red_flags; only its concept ids are needed here.
    return {c.get("id") for c in knowledge.load("red_flags").get("concepts") or []}


def load() -> TriggerTable:
    """Read and validate triggers.yml (uncached)."""
    content = knowledge.load(NAME)
    offered = services.table().services

    factors: dict[str, Factor] = {}
    entries = content.get("factors") or []
    knowledge.unique(f"{NAME}.yml factors", [e.get("id") for e in entries])
    for entry in entries:
        owner = f"{NAME}.yml:factor {entry.get('id')}"
        knowledge.require(owner, entry, "id", "label", "kind")
        if entry["kind"] not in KINDS:
            raise KnowledgeError(f"{owner}: kind must be one of {KINDS}")
        service = entry.get("service")
        if service is not None and service not in offered:
            raise KnowledgeError(f"{owner}: unknown service {service!r}")
        if entry["kind"] == "habit" and service is not None:
            raise KnowledgeError(f"{owner}: a non-muscular habit suggests no therapy service")
        factors[entry["id"]] = Factor(
            entry["id"], entry["label"], entry["kind"],
            knowledge.names(owner, "muscles", entry.get("muscles")), service,
            knowledge.check_sources(owner, entry.get("sources")))

    concept_ids = _red_flag_concepts()
    triggers: dict[str, Trigger] = {}
    entries = content.get("triggers") or []
    knowledge.unique(f"{NAME}.yml triggers", [e.get("id") for e in entries])
    for entry in entries:
        owner = f"{NAME}.yml:trigger {entry.get('id')}"
        knowledge.require(owner, entry, "id", "label", "lay", "words")
        if "contributor" not in entry:
            raise KnowledgeError(f"{owner}: missing 'contributor' (a factor id, or null for a warning sign)")
        contributor = entry["contributor"]
        concept = entry.get("warning_concept")
        if contributor is not None and contributor not in factors:
            raise KnowledgeError(f"{owner}: unknown contributor {contributor!r}")
        if contributor is not None and factors[contributor].kind == "muscular" and concept is not None:
            raise KnowledgeError(f"{owner}: a warning-sign trigger must not point at a muscular factor")
        if concept is not None and (not isinstance(concept, str) or concept not in concept_ids):
            raise KnowledgeError(f"{owner}: unknown warning_concept {concept!r} (not a concept in red_flags.yml)")
        if contributor is None and concept is None:
            raise KnowledgeError(f"{owner}: a trigger without a contributor needs a 'warning_concept'")
        triggers[entry["id"]] = Trigger(entry["id"], entry["label"], entry["lay"], contributor, concept,
                                        knowledge.names(owner, "words", entry["words"]))

    not_triggers = knowledge.names(f"{NAME}.yml", "not_triggers", content.get("not_triggers"))
    habit_words = knowledge.normalised_names(f"{NAME}.yml", "habit_words", content.get("habit_words"))
    if not habit_words:
        raise KnowledgeError(f"{NAME}.yml: 'habit_words' must be a non-empty list")
    return TriggerTable(triggers, factors, not_triggers, habit_words)


@knowledge.cached
def table() -> TriggerTable:
    """triggers.yml, validated once."""
    return load()


def warning_concepts(trigger_ids: Iterable[str]) -> set[str]:
    """The red-flag concepts the given triggers are evidence of ({"cough_exertion"} for
    "exertion"); empty for ordinary triggers. Unknown trigger ids are an error."""
    known = table().triggers
    out: set[str] = set()
    for trigger_id in trigger_ids or ():
        if trigger_id not in known:
            raise KnowledgeError(f"unknown trigger id {trigger_id!r}")
        if known[trigger_id].warning_concept:
            out.add(known[trigger_id].warning_concept)
    return out
