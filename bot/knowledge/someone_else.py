"""Answering for someone else: the one loader of data/knowledge/someone_else.yml.

Who a person may say has the headache (the words, and the sex a word tells),
and the warning-sign screens worded about that person. `Pronouns.fill`
writes a text of the file for one person ("{they} {is/are} pregnant" ->
"she is pregnant").
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Optional

from bot import knowledge
from bot.knowledge import KnowledgeError

__all__ = ["FEMALE", "MALE", "Pronouns", "ScreenWording", "SomeoneElse", "load", "pronouns", "table"]

NAME = "someone_else"
FEMALE, MALE = "female", "male"
SEXES = (FEMALE, MALE)
_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
_PRONOUN_KEYS = ("they", "them", "their")
_CHOICE = re.compile(r"[a-z' ]+/[a-z' ]+")
_YOU = re.compile(r"\b(?:you|your|yours|you're|you've)\b", re.I)


@dataclass(frozen=True)
class Pronouns:
    they: str
    them: str
    their: str
    singular: bool        # she / he take "is", "has"; they take "are", "have"

    def fill(self, text: str, who: str = "") -> str:
        """`text` of someone_else.yml about this person."""
        def one(match: re.Match) -> str:
            key = match.group(1)
            if key == "who":
                return who
            if key in _PRONOUN_KEYS:
                return getattr(self, key)
            singular, plural = key.split("/")
            return singular if self.singular else plural
        return _PLACEHOLDER.sub(one, text)


_PRONOUNS = {FEMALE: Pronouns("she", "her", "her", True), MALE: Pronouns("he", "him", "his", True),
             None: Pronouns("they", "them", "their", False)}


def pronouns(sex: Optional[str]) -> Pronouns:
    return _PRONOUNS[sex if sex in SEXES else None]


@dataclass(frozen=True)
class ScreenWording:
    intro: str
    items: Mapping[str, str]            # item id -> text
    unknown_notes: Mapping[str, str]    # item id -> note before the text while its condition is unknown
    labels: Mapping[str, str]           # item id -> label, for the labels that speak to "you"


@dataclass(frozen=True)
class SomeoneElse:
    people: Mapping[str, Optional[str]]    # word ("mum", "mother in law") -> sex it tells, or None
    unnamed: str                           # "the person"
    screens: Mapping[str, ScreenWording]   # screen id -> its wording about someone else
    titles: tuple[str, ...]                # "mrs", "dr": how a person is named before a name


def _check_text(owner: str, text: object, who: bool = False) -> str:
    if not isinstance(text, str) or not text.strip():
        raise KnowledgeError(f"{owner}: needs a text")
    for key in _PLACEHOLDER.findall(text):
        if key in _PRONOUN_KEYS or (who and key == "who") or _CHOICE.fullmatch(key):
            continue
        raise KnowledgeError(f"{owner}: unknown placeholder {{{key}}}")
    return " ".join(text.split())


def load() -> SomeoneElse:
    """Read and validate someone_else.yml (uncached) against red_flags.yml's screens."""
    from bot import red_flags   # red_flags.yml is validated by its own loader

    owner = f"{NAME}.yml"
    content = knowledge.load(NAME)
    people: dict[str, Optional[str]] = {}
    entries = content.get("people")
    if not isinstance(entries, list) or not entries:
        raise KnowledgeError(f"{owner}: 'people' must be a non-empty list")
    for entry in entries:
        sex = entry.get("sex") if isinstance(entry, dict) else None
        if not isinstance(entry, dict) or (sex is not None and sex not in SEXES):
            raise KnowledgeError(f"{owner}: every entry of 'people' needs 'words' and a sex of {SEXES} or none")
        for word in knowledge.normalised_names(owner, "people.words", entry.get("words")):
            if word in people:
                raise KnowledgeError(f"{owner}: {word!r} is listed twice")
            people[word] = sex
    unnamed = content.get("unnamed")
    if not isinstance(unnamed, str) or not unnamed.strip():
        raise KnowledgeError(f"{owner}: 'unnamed' must say what an unnamed person is called")

    screens: dict[str, ScreenWording] = {}
    written = content.get("screens") or {}
    for screen in red_flags.all_screens():
        wording = written.get(screen.id)
        where = f"{owner}: screen {screen.id!r}"
        if not isinstance(wording, dict):
            raise KnowledgeError(f"{where} is missing")
        items, notes = wording.get("items") or {}, wording.get("unknown_notes") or {}
        expected = {item.id for item in screen.items}
        if set(items) != expected:
            raise KnowledgeError(f"{where}: items must be exactly {sorted(expected)}")
        noted = {item.id for item in screen.items if item.unknown_note}
        if set(notes) != noted:
            raise KnowledgeError(f"{where}: unknown_notes must be exactly {sorted(noted)}")
        labels = wording.get("labels") or {}
        to_you = {item.id for item in screen.items if _YOU.search(item.label)}
        if set(labels) != to_you:
            raise KnowledgeError(f"{where}: labels must be exactly those speaking to you: {sorted(to_you)}")
        screens[screen.id] = ScreenWording(
            _check_text(f"{where} intro", wording.get("intro"), who=True),
            {item_id: _check_text(f"{where} item {item_id!r}", text) for item_id, text in items.items()},
            {item_id: _check_text(f"{where} note {item_id!r}", text) + " " for item_id, text in notes.items()},
            {item_id: _check_text(f"{where} label {item_id!r}", text) for item_id, text in labels.items()})
    unknown = set(written) - set(screens)
    if unknown:
        raise KnowledgeError(f"{owner}: unknown screens {sorted(unknown)}")
    titles = knowledge.normalised_names(owner, "titles", content.get("titles"))
    return SomeoneElse(people, " ".join(unnamed.split()), screens, tuple(titles))


@knowledge.cached
def table() -> SomeoneElse:
    """someone_else.yml, validated once."""
    return load()
