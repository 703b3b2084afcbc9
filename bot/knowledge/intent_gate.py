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
    erasure: frozenset[str]
    erasure_confidence: float
    erasure_requests: tuple[str, ...]      # phrases that ask for it, every language
    erasure_never: tuple[str, ...]         # phrases that make it a state or a correction
    commands_told: tuple[str, ...] = ()    # phrases that tell a command's verb as done ("since I quit")


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


def _phrases(key: str, per_language: object) -> tuple[str, ...]:
    """knowledge.phrases, listed per language; all languages together, longest first."""
    if not isinstance(per_language, dict) or not per_language:
        raise KnowledgeError(f"{NAME}.yml: {key!r} must list phrases per language")
    listed = [phrase for language, words in per_language.items()
              for phrase in knowledge.names(f"{NAME}.yml", f"{key}.{language}", words)]
    return knowledge.phrases(f"{NAME}.yml", key, listed)


def _commands_told(content: dict) -> tuple[str, ...]:
    """`commands_told`: when + who + verb, and verb + what, as phrases."""
    told = content.get("commands_told")
    where = f"{NAME}.yml: commands_told"
    if not isinstance(told, dict) or set(told) != {"when", "who", "verbs", "what"}:
        raise KnowledgeError(f"{where} must give when, who, verbs and what")
    parts = {key: knowledge.names(where, key, told[key]) for key in told}
    if not all(parts.values()):
        raise KnowledgeError(f"{where}: when, who, verbs and what must each list words")
    listed = [f"{when} {who} {verb}" for when in parts["when"] for who in parts["who"] for verb in parts["verbs"]]
    listed += [f"{verb} {what}" for verb in parts["verbs"] for what in parts["what"]]
    return knowledge.phrases(f"{NAME}.yml", "commands_told", [p.lower() for p in listed])


def load() -> GateRules:
    """Read and validate intent_gate.yml (uncached)."""
    content = knowledge.load(NAME)
    commands, questions = _intents(content, "commands"), _intents(content, "questions")
    erasure = content.get("erasure")
    if not isinstance(erasure, dict):
        raise KnowledgeError(f"{NAME}.yml: 'erasure' must give intents, confidence and words")
    erasing = _intents(erasure, "intents")
    for one, other, what in ((commands, questions, "commands and questions"),
                             (commands, erasing, "commands and erasure"),
                             (questions, erasing, "questions and erasure")):
        if one & other:
            raise KnowledgeError(f"{NAME}.yml: {sorted(one & other)} are both {what}")
    requests = _phrases("erasure.requests", erasure.get("requests"))
    never = _phrases("erasure.never", erasure.get("never"))
    if set(requests) & set(never):
        raise KnowledgeError(f"{NAME}.yml: {sorted(set(requests) & set(never))} both in erasure.requests and .never")
    openings = _phrases("question_openings", content.get("question_openings"))
    return GateRules(commands=commands, command_confidence=_confidence(content, "command_confidence"),
                     questions=questions, question_confidence=_confidence(content, "question_confidence"),
                     question_openings=openings,
                     erasure=erasing, erasure_confidence=_confidence(erasure, "confidence"),
                     erasure_requests=requests, erasure_never=never,
                     commands_told=_commands_told(content))


@knowledge.cached
def table() -> GateRules:
    """intent_gate.yml, validated once."""
    return load()
