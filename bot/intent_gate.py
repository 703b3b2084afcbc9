"""Whether the intent classifier's guess may take over a message (data/knowledge/intent_gate.yml).

A command ("stop", "start over", "delete my data") ends or restarts the interview and a
question about the service interrupts it, so neither may be a low-confidence guess at an
answer the classifier has not seen: "end of a shift till I go to sleep" is a duration,
not "stop"; "alrededor de toda la cabeza" is a place, not "are you a doctor?". A
command counts from its confidence threshold up; a question from its own, or when the
message is phrased as a question. Erasure (at once, no undo) never counts for a state
("se me borra la memoria") or a correction ("oops delete that"); otherwise from its own
threshold, or when the message asks in a request's words ("borra todo", "wipe my data").
Otherwise the message is nlu_fallback, and the interview reads it as its answer. Pure: no Rasa here.
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


def _has(words: list[str], phrases: Iterable[str]) -> bool:
    """Whether one of `phrases` (lower case, words separated by one space) is among `words`."""
    for phrase in phrases:
        wanted = phrase.split()
        if any(words[i:i + len(wanted)] == wanted for i in range(len(words) - len(wanted) + 1)):
            return True
    return False


def erasure_may_count(confidence: float, text: str) -> bool:
    """Whether a guess of erasure at `confidence` may erase the conversation of `text`."""
    rules = intent_gate.table()
    words = _WORD.findall(text.lower())
    if _has(words, rules.erasure_never):
        return False
    return confidence >= rules.erasure_confidence or _has(words, rules.erasure_requests)


def may_count(intent: str, confidence: float, text: str) -> bool:
    """Whether `intent`, guessed at `confidence` for `text`, may decide what happens next."""
    rules = intent_gate.table()
    if intent in rules.commands:
        # "same as the last time I quit" tells of coffee given up, not "stop"
        return confidence >= rules.command_confidence and not _has(_WORD.findall(text.lower()), rules.commands_told)
    if intent in rules.questions:
        return confidence >= rules.question_confidence or asks(text)
    if intent in rules.erasure:
        return erasure_may_count(confidence, text)
    return True


def choose(ranking: Iterable[tuple[str, float]], text: str) -> str:
    """The classifier's best guess (`ranking`: name, confidence; best first) when it may count
    for `text`; otherwise FALLBACK, never a weaker guess (which might drive a rule of its own).
    One exception: when the FallbackClassifier fell back between close guesses and the best
    was erasure asked for in a request's words ("please get rid of what I typed"), erasure:
    a privacy request is never lost to an ambiguity."""
    ranked = list(ranking)
    if (len(ranked) > 1 and ranked[0][0] == FALLBACK and ranked[1][0] in intent_gate.table().erasure
            and erasure_may_count(0.0, text)):
        return ranked[1][0]
    for intent, confidence in ranked:
        return intent if may_count(intent, confidence, text) else FALLBACK
    return FALLBACK
