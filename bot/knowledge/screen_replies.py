"""The words of a reply to a numbered list: the one loader of
data/knowledge/screen_replies.yml, read by bot/screening.py."""
from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any, Mapping

from bot import knowledge
from bot.knowledge import KnowledgeError

__all__ = ["ReplyWords", "load", "table"]

NAME = "screen_replies"
# lists of phrases, longest first, and lists of single words
_PHRASE_LISTS = ("negations", "affirmations", "exceptions", "none_first", "all_first", "some_first", "hedges",
                 "corrections", "question_words", "pointing")
_WORD_LISTS = ("last", "ordinal_nouns", "pointers", "quantities", "before_quantities", "all_of_them_after",
               "says_no_more", "separators", "filler", "light", "not_an_ordinal_after", "additions",
               "stop_words")


@dataclass(frozen=True)
class ReplyWords:
    numbers: Mapping[str, int]       # "two" -> 2, "dos" -> 2
    ordinals: Mapping[str, int]      # "second" -> 2, "2nd" -> 2, "segunda" -> 2
    last: frozenset[str]
    ordinal_nouns: frozenset[str]
    pointers: frozenset[str]
    quantities: frozenset[str]
    before_quantities: frozenset[str]
    negations: tuple[str, ...]       # phrases, longest first
    affirmations: tuple[str, ...]
    exceptions: tuple[str, ...]
    none_first: tuple[str, ...]
    all_first: tuple[str, ...]
    some_first: tuple[str, ...]
    hedges: tuple[str, ...]
    corrections: tuple[str, ...]
    question_words: tuple[str, ...]
    pointing: tuple[str, ...]                # point at an item by its words: "the rash one"
    all_of_them_after: frozenset[str]
    says_no_more: frozenset[str]
    separators: frozenset[str]
    filler: frozenset[str]
    light: frozenset[str]
    not_an_ordinal_after: frozenset[str]
    additions: frozenset[str]
    stop_words: frozenset[str]
    text_speak_digits: frozenset[str] = frozenset()

    @functools.cached_property
    def answer_words(self) -> frozenset[str]:
        """Every word of a hedge, a negation or an affirmation."""
        return frozenset(w for p in (*self.hedges, *self.negations, *self.affirmations) for w in p.split())

    @functools.cached_property
    def cue_words(self) -> frozenset[str]:
        """... and of an exception or a correction: the words that say how a list is answered."""
        return self.answer_words | {w for p in (*self.exceptions, *self.corrections) for w in p.split()}


def _numbers(key: str, value: Any) -> dict[str, int]:
    owner = f"{NAME}.yml"
    if not isinstance(value, dict) or not value:
        raise KnowledgeError(f"{owner}: '{key}' must map each language to its words")
    found: dict[str, int] = {}
    for language, words in value.items():
        if not isinstance(words, dict) or not words:
            raise KnowledgeError(f"{owner}: {key}.{language} must map words to numbers")
        for word, number in words.items():
            word = str(word)
            if word != word.lower() or " " in word or not isinstance(number, int) or not 1 <= number <= 9:
                raise KnowledgeError(f"{owner}: {key}.{language}: {word!r} must be one lower-case word "
                                     f"naming a number from 1 to 9")
            if found.get(word, number) != number:
                raise KnowledgeError(f"{owner}: {key}: {word!r} names two numbers")
            found[word] = number
    return found


def _phrases(key: str, value: Any) -> tuple[str, ...]:
    owner = f"{NAME}.yml"
    phrases = knowledge.phrases(owner, key, value)
    if not phrases:
        raise KnowledgeError(f"{owner}: '{key}' must be a non-empty list")
    return phrases


def load() -> ReplyWords:
    """Read and validate screen_replies.yml (uncached)."""
    content = knowledge.load(NAME)
    lists = {key: _phrases(key, content.get(key)) for key in (*_PHRASE_LISTS, *_WORD_LISTS)}
    numbers, ordinals = _numbers("numbers", content.get("numbers")), _numbers("ordinals", content.get("ordinals"))
    digits = knowledge.names(f"{NAME}.yml", "text_speak_digits", content.get("text_speak_digits"))
    if not all(d.isdigit() for d in digits):
        raise KnowledgeError(f"{NAME}.yml: text_speak_digits must be digits, quoted")
    for key in _WORD_LISTS:
        if any(" " in word for word in lists[key]):
            raise KnowledgeError(f"{NAME}.yml: {key} must be single words")
    return ReplyWords(
        numbers=numbers, ordinals=ordinals, text_speak_digits=frozenset(digits),
        **{key: frozenset(lists[key]) for key in _WORD_LISTS},
        **{key: lists[key] for key in _PHRASE_LISTS})


@knowledge.cached
def table() -> ReplyWords:
    """screen_replies.yml, validated once."""
    return load()
