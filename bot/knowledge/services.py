"""The services the assistant can suggest and book, and the advice per triage
level: the one loader of data/knowledge/services.yml."""
from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from bot import clinic, knowledge
from bot.knowledge import KnowledgeError
from bot.levels import LEVELS

__all__ = ["Service", "Services", "ids", "load", "table"]

NAME = "services"


@dataclass(frozen=True)
class Service:
    id: str
    name: str                   # in full: "Neuromuscular Therapy (NMT)"
    abbreviation: str           # "NMT": a whole word in what people write
    words: tuple[str, ...]      # other names people use, found anywhere in what they write
    one_line: str
    why: str                    # one sentence with a {reasons} placeholder
    general: str                # when nothing points either way
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Services:
    services: Mapping[str, Service]    # id -> service, in file order
    start_with: str                    # suggested when nothing points either way, and on a tie
    advice: Mapping[str, str]          # triage level -> the plain next step ({placeholders}: bot.clinic)
    not_a_request: frozenset[str]      # words that make a service named on its own no request to book


def load() -> Services:
    """Read and validate services.yml (uncached)."""
    content = knowledge.load(NAME)
    where = f"{NAME}.yml"
    entries = content.get("services") or []
    if not entries:
        raise KnowledgeError(f"{where}: 'services' must be a non-empty list")
    knowledge.unique(where, [e.get("id") for e in entries])
    services: dict[str, Service] = {}
    said_by: dict[str, str] = {}
    for entry in entries:
        owner = f"{where}:{entry.get('id')}"
        knowledge.require(owner, entry, "id", "name", "abbreviation", "words", "one_line", "why",
                          "general")
        if "{reasons}" not in entry["why"]:
            raise KnowledgeError(f"{owner}: 'why' needs a {{reasons}} placeholder")
        words = knowledge.names(owner, "words", entry["words"])
        for wording in (entry["abbreviation"], *words):
            other = said_by.setdefault(wording.lower(), entry["id"])
            if other != entry["id"]:
                raise KnowledgeError(f"{owner}: {wording!r} also names {other}")
        services[entry["id"]] = Service(
            entry["id"], entry["name"], entry["abbreviation"], words, entry["one_line"],
            entry["why"], entry["general"], knowledge.check_sources(owner, entry.get("sources")))
    start_with = content.get("start_with")
    if start_with not in services:
        raise KnowledgeError(f"{where}: 'start_with' must be one of {sorted(services)}")
    advice_texts = content.get("advice") or {}
    missing = [level for level in LEVELS if not advice_texts.get(level)]
    if missing:
        raise KnowledgeError(f"{where}: advice missing for levels {missing}")
    for level, text in advice_texts.items():
        if level not in LEVELS:
            raise KnowledgeError(f"{where}: advice for unknown level {level!r}")
        if re.search(r"\bthe cause\b", text, re.I):
            raise KnowledgeError(f"{where}: advice[{level}] must say 'likely contributing', not 'the cause'")
        unknown = clinic.placeholders(text) - set(clinic.current().words)
        if unknown:
            raise KnowledgeError(f"{where}: advice[{level}]: {sorted(unknown)} are not words of "
                                 f"the clinic's locale (data/locale.yml)")
        if re.search(r"(?<!\d)(?:999|911|112|111)(?!\d)|\bA&E\b", text):
            raise KnowledgeError(f"{where}: advice[{level}] names a country's service: use the "
                                 f"locale's words ({{emergency_number}}, ...)")
    not_a_request = content.get("not_a_request")
    if (not isinstance(not_a_request, list) or not not_a_request
            or not all(isinstance(w, str) and re.fullmatch(r"[^\W\d_]+", w) and w == w.lower() for w in not_a_request)):
        raise KnowledgeError(f"{where}: 'not_a_request' must be a non-empty list of lower-case words")
    knowledge.unique(f"{where}: not_a_request", not_a_request)
    return Services(services, start_with, dict(advice_texts), frozenset(not_a_request))


@knowledge.cached
def table() -> Services:
    """services.yml, validated once."""
    return load()


def ids() -> tuple[str, ...]:
    """The service ids, in services.yml order."""
    return tuple(table().services)
