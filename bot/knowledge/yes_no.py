"""The words that answer a yes/no question on their own: the one loader of
data/knowledge/yes_no.yml, read by bot/understanding/yes_no.py."""
from __future__ import annotations

import re
from dataclasses import dataclass

from bot import knowledge
from bot.knowledge import KnowledgeError

__all__ = ["YesNoWords", "load", "table"]

NAME = "yes_no"
_WORD = re.compile(r"[a-z0-9]+")


@dataclass(frozen=True)
class YesNoWords:
    yes: frozenset[str]
    no: frozenset[str]
    agreement: tuple[str, ...] = ()     # phrases, longest first
    agreement_closers: frozenset[str] = frozenset()
    # the longer wordings of an answer (`wordings`), each one pattern
    emphatic_no: re.Pattern = re.compile(r"(?!)")
    unsure: re.Pattern = re.compile(r"(?!)")
    no_wording: re.Pattern = re.compile(r"(?!)")
    yes_wording: re.Pattern = re.compile(r"(?!)")
    # a proposal declined in other words ("rather not", "don't keep them"): proposals only,
    # never a warning-sign question, where "I'd rather not say" is no "no"
    declining: re.Pattern = re.compile(r"(?!)")


def _words(key: str, value: object) -> frozenset[str]:
    owner = f"{NAME}.yml"
    words = knowledge.names(owner, key, value)
    if not words:
        raise KnowledgeError(f"{owner}: '{key}' must be a non-empty list")
    for word in words:
        if not _WORD.fullmatch(word):
            raise KnowledgeError(f"{owner}: {key}: {word!r} must be one lower-case word")
    return frozenset(words)


def load() -> YesNoWords:
    """Read and validate yes_no.yml (uncached)."""
    content = knowledge.load(NAME)
    yes, no = _words("yes_words", content.get("yes_words")), _words("no_words", content.get("no_words"))
    both = yes & no
    if both:
        raise KnowledgeError(f"{NAME}.yml: {sorted(both)} in both yes_words and no_words")
    agreement = knowledge.phrases(f"{NAME}.yml", "agreement", content.get("agreement"))
    closers = _words("agreement_closers", content.get("agreement_closers"))
    wordings = content.get("wordings")
    if not isinstance(wordings, dict) or set(wordings) != set(_WORDINGS):
        raise KnowledgeError(f"{NAME}.yml: 'wordings' must have exactly {sorted(_WORDINGS)}")
    return YesNoWords(yes, no, agreement, closers,
                      **{field: _wording(key, wordings[key]) for key, field in _WORDINGS.items()})


# wordings key -> YesNoWords field (never a bare yes / no key, which YAML reads as true / false)
_WORDINGS = {"emphatic_no": "emphatic_no", "unsure": "unsure", "saying_no": "no_wording",
             "saying_yes": "yes_wording", "declining": "declining"}


def _wording(key: str, patterns: object) -> re.Pattern:
    """One of `wordings`: its regular expressions, each checked, as one pattern."""
    where = f"{NAME}.yml: wordings.{key}"
    if not isinstance(patterns, list) or not patterns or not all(isinstance(p, str) and p for p in patterns):
        raise KnowledgeError(f"{where} must be a non-empty list of patterns")
    for pattern in patterns:
        try:
            re.compile(pattern)
        except re.error as error:
            raise KnowledgeError(f"{where}: {pattern!r}: {error}") from None
    return re.compile("|".join(patterns))


@knowledge.cached
def table() -> YesNoWords:
    """yes_no.yml, validated once."""
    return load()
