"""When a guessed command or question may take over a message: the one loader of
data/knowledge/intent_gate.yml, read by bot/intent_gate.py."""
from __future__ import annotations

from dataclasses import dataclass

from bot import knowledge
from bot.knowledge import KnowledgeError

__all__ = ["GateRules", "load", "table"]

NAME = "intent_gate"


@dataclass(frozen=True)
class GateRules:
    commands: frozenset[str]
    command_confidence: float
    questions: frozenset[str]
    question_confidence: float
    question_openings: tuple[str, ...]     # phrases, longest first


def _confidence(content: dict, key: str) -> float:
    value = content.get(key)
    if not isinstance(value, (int, float)) or isinstance(value, bool) or not 0 < value <= 1:
        raise KnowledgeError(f"{NAME}.yml: {key!r} must be a confidence above 0 and at most 1")
    return float(value)


def _intents(content: dict, key: str) -> frozenset[str]:
    intents = knowledge.names(f"{NAME}.yml", key, content.get(key))
    if not intents:
        raise KnowledgeError(f"{NAME}.yml: {key!r} must list intents")
    return frozenset(intents)


def load() -> GateRules:
    """Read and validate intent_gate.yml (uncached)."""
    content = knowledge.load(NAME)
    commands, questions = _intents(content, "commands"), _intents(content, "questions")
    if commands & questions:
        raise KnowledgeError(f"{NAME}.yml: {sorted(commands & questions)} are both commands and questions")
    openings = content.get("question_openings")
    if not isinstance(openings, dict) or not openings:
        raise KnowledgeError(f"{NAME}.yml: 'question_openings' must list phrases per language")
    phrases: set[str] = set()
    for language, words in openings.items():
        for phrase in knowledge.names(f"{NAME}.yml", f"question_openings.{language}", words):
            if phrase != phrase.lower() or phrase != " ".join(phrase.split()):
                raise KnowledgeError(f"{NAME}.yml: {phrase!r} must be lower case, words separated by one space")
            phrases.add(phrase)
    return GateRules(commands=commands, command_confidence=_confidence(content, "command_confidence"),
                     questions=questions, question_confidence=_confidence(content, "question_confidence"),
                     question_openings=tuple(sorted(phrases, key=lambda p: (-len(p.split()), p))))


@knowledge.cached
def table() -> GateRules:
    """intent_gate.yml, validated once."""
    return load()
