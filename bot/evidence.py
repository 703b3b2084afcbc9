"""What a finding rests on, in the person's own words.

"Because you said ..." quotes only what the person wrote or chose: their own
words ("long days at my desk"), the label of the button or head-map region
they tapped ("Desk or screen work", "Temples"), or, for a rule on their
answers, the answers themselves ("you said you are 71 and this headache is
new"), never a paraphrase they did not say.

- `quotes(turns)`: for every region and trigger named in the conversation,
  the words that named it first (keyed like a factor's `because`,
  "location: temples", "trigger: desk_work").
- `because(quotes)`: 'you chose "Desk or screen work", and said "my temples"'.
- `facts_said(when, facts, person)`: a fact rule's conditions, as answered.

`quotes` reads every turn of the conversation again at each assessment, so the
regions and triggers named by a text (`_named`: the lexicons' fuzzy matching,
most of an assessment's time) are remembered: the NAMED_KEPT most recent texts
per process, each found by a keyed hash (a random key per process, as
components.red_flag_detector keeps short messages), so nothing kept holds the
person's words, only region and trigger ids. What is kept is dropped with the
knowledge files' caches (`knowledge.clear_caches`), which the lexicons and the
spelling are built from.
"""
from __future__ import annotations

import collections
import hashlib
import re
import secrets
import threading
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Optional

from bot import knowledge
from bot.assessment import Facts
from bot.knowledge import regions
from bot.understanding.facts import as_written
from bot.understanding.lexicon import find_regions, find_triggers
from bot.understanding.person import MYSELF, Person

__all__ = ["Quote", "Turn", "because", "facts_said", "quotes"]

SAID, CHOSE = "said", "chose"
_PIECES = re.compile(r"\s*(?:[,;.!?]+|\band\b|\bbut\b|\bplus\b|\balso\b|\bor\b|&|\+)\s*", re.I)


@dataclass(frozen=True)
class Quote:
    kind: str     # SAID (their words) | CHOSE (the label of what they tapped)
    words: str


@dataclass(frozen=True)
class Turn:
    """One message of the person, with what the question before it offered."""

    text: str
    choices: Sequence[tuple[str, str]] = field(default_factory=tuple)   # (title, payload) offered
    regions_offered: bool = False                                        # the head map was offered


def _chosen(turn: Turn) -> Optional[list[tuple[str, str]]]:
    """(what was sent, the label the person saw) for each choice the message is made of;
    None when the person typed it."""
    text = turn.text.strip().lower()
    by_payload = {payload.strip().lower(): title for title, payload in turn.choices if payload}
    if text in by_payload:
        return [(text, by_payload[text])]
    parts = [p.strip() for p in text.split(";")]
    if len(parts) > 1 and all(p in by_payload for p in parts):
        return [(p, by_payload[p]) for p in parts]           # a checklist: payloads joined by "; "
    if turn.regions_offered:
        by_say = {r.say.lower(): r.label for r in regions.table().values()}
        parts = [p.strip() for p in text.split(",")]
        if all(p in by_say for p in parts):
            return [(p, by_say[p]) for p in parts]           # the head map: region words joined by ", "
    return None


NAMED_KEPT = 4096     # texts whose regions and triggers are remembered, per process

_key = secrets.token_bytes(32)
_lock = threading.Lock()


@knowledge.cached
def _named_kept() -> collections.OrderedDict[bytes, tuple[str, ...]]:
    """Keyed hash of a text -> what `_named` found in it; a new, empty one after
    knowledge.clear_caches."""
    return collections.OrderedDict()


def _named(text: str) -> list[str]:
    """'location: <id>' / 'trigger: <id>' of every region and trigger `text` names, in order."""
    digest = hashlib.blake2b(text.encode("utf-8", "surrogatepass"), key=_key,
                             digest_size=16).digest()
    kept = _named_kept()
    with _lock:
        found = kept.get(digest)
        if found is not None:
            kept.move_to_end(digest)
            return list(found)
    found = tuple(_find_named(text))
    with _lock:
        kept[digest] = found
        while len(kept) > NAMED_KEPT:
            kept.popitem(last=False)
    return list(found)


def _find_named(text: str) -> list[str]:
    written = as_written(text)
    return ([f"location: {r}" for r, _ in find_regions(written)]
            + [f"trigger: {t}" for t, _ in find_triggers(written)])


def quotes(turns: Iterable[Turn]) -> dict[str, Quote]:
    """'location: <region id>' / 'trigger: <trigger id>' -> the first words that named it."""
    found: dict[str, Quote] = {}
    for turn in turns:
        chosen = _chosen(turn)
        if chosen is not None:
            for sent, label in chosen:
                for key in _named(sent):
                    found.setdefault(key, Quote(CHOSE, label))
            continue
        pieces = [p for p in _PIECES.split(turn.text) if p and p.strip()]
        for piece in pieces:
            for key in _named(piece):
                found.setdefault(key, Quote(SAID, piece.strip()))
        for key in _named(turn.text):   # words named across the pieces ("neck and shoulders")
            found.setdefault(key, Quote(SAID, " ".join(turn.text.split())))
    return found


def _join(phrases: Sequence[str]) -> str:
    if len(phrases) <= 1:
        return "".join(phrases)
    return ", ".join(phrases[:-1]) + " and " + phrases[-1]


def because(said: Iterable[Quote]) -> str:
    """'you said "A" and "B"', 'you chose "X", and said "Y"': each quote once, in order."""
    groups: list[tuple[str, list[str]]] = []
    for quote in dict.fromkeys(said):
        if groups and groups[-1][0] == quote.kind:
            if quote.words not in groups[-1][1]:
                groups[-1][1].append(quote.words)
        else:
            groups.append((quote.kind, [quote.words]))
    parts = [f"{kind} " + _join([f'"{w}"' for w in words]) for kind, words in groups]
    return "you " + ", and ".join(parts) if parts else ""


_MEDICINES = {"simple": "simple painkillers", "triptan": "triptans", "opioid": "opioid painkillers",
              "combination": "combination painkillers"}


def facts_said(when: Mapping[str, Any], facts: Facts, person: Person = MYSELF) -> str:
    """The answers a fact rule rests on, as the person gave them: "you are 71 and this
    headache is new" (about someone else: "your mum is 71 and ...")."""
    who = person.who
    are, have, take = ("are", "have", "take") if person.myself else ("is", "has", "takes")
    parts = []
    if ("min_age" in when or "max_age" in when) and facts.age is not None:
        parts.append(f"{who} {are} {facts.age}")
    if "history" in when and facts.history == "new":
        parts.append("this headache is new")
    elif "history" in when and facts.history:
        parts.append(f"{who} {have} had headaches like this for a long time")
    if "frequency_days_at_least" in when and facts.frequency_days is not None:
        parts.append(f"{who} {have} headaches on {facts.frequency_days} days a month")
    if "medication_days_at_least" in when and facts.medication_days is not None:
        medicine = _MEDICINES.get(facts.medication_kind or "", "painkillers")
        parts.append(f"{who} {take} {medicine} on {facts.medication_days} days a month")
    return _join(parts)
