"""Whether the intent classifier's guess may take over a message (data/knowledge/intent_gate.yml).

A command ("stop", "start over", "delete my data") ends or restarts the interview and a
question about the service interrupts it, so neither may be a low-confidence guess at an
answer the classifier has not seen: "end of a shift till I go to sleep" is a duration,
not "stop"; "alrededor de toda la cabeza" is a place, not "are you a doctor?". A
command counts from its confidence threshold up; a question from its own, or when the
message is phrased as a question; erasure (at once, no undo) from its own, or when the
message names erasing or the data ("borra todo", "remove what I said"). Otherwise the message is nlu_fallback, and the interview
reads it as its answer. Pure: no Rasa here.
"""
from __future__ import annotations

import re
from typing import Iterable, Optional

from bot.knowledge import intent_gate

FALLBACK = "nlu_fallback"
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")


def asks(text: str) -> bool:
    """Whether a message is phrased as a question: a question mark, or a question's opening
    word ("are you a doctor", "what is SMRT", "eres médico")."""
    if "?" in text or "¿" in text:
        return True
    words = _WORD.findall(text.lower())
    return any(words[:len(p.split())] == p.split() for p in intent_gate.table().question_openings)


def names_erasure(text: str) -> bool:
    """Whether a message names erasing or the data ("wipe it", "borra mis datos")."""
    return not intent_gate.table().erasure_words.isdisjoint(_WORD.findall(text.lower()))


def may_count(intent: str, confidence: float, text: str) -> bool:
    """Whether `intent`, guessed at `confidence` for `text`, may decide what happens next."""
    rules = intent_gate.table()
    if intent in rules.commands:
        return confidence >= rules.command_confidence
    if intent in rules.questions:
        return confidence >= rules.question_confidence or asks(text)
    if intent in rules.erasure:
        return confidence >= rules.erasure_confidence or names_erasure(text)
    return True


def choose(ranking: Iterable[tuple[str, float]], text: str) -> str:
    """The classifier's best guess (`ranking`: name, confidence; best first) when it may count
    for `text`; otherwise FALLBACK, never a weaker guess (which might drive a rule of its own)."""
    for intent, confidence in ranking:
        return intent if may_count(intent, confidence, text) else FALLBACK
    return FALLBACK
