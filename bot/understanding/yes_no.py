"""Answers to a yes/no question: "yes", "no", "unsure" or None (not such an answer).

"Not sure" is its own answer: the interview counts it as yes, the safer
answer to a warning-sign question. The words that answer on their own when
they come first, and the longer wordings, are in data/knowledge/yes_no.yml
(bot.knowledge.yes_no).
"""
from __future__ import annotations

from typing import Optional

from bot.knowledge import yes_no
from bot.understanding.text import normalise, tokens

__all__ = ["parse_agreement", "parse_yes_no", "says_yes_first", "words_beyond_the_answer"]


def _answer_text(text: str) -> str:
    from bot import normalise as spelling   # a thumbs-up is a yes

    return normalise(spelling.normalise(text or "", keep_apostrophes=True).text)


def parse_yes_no(text: str) -> Optional[str]:
    """"yes" | "no" | "unsure" | None (not a yes/no answer)."""
    t = _answer_text(text)
    if not t:
        return None
    toks = tokens(t)
    if not toks:
        return "unsure" if "?" in t else None
    first = toks[0]
    words = yes_no.table()
    if words.emphatic_no.search(t):
        return "no"
    if first in words.yes and not words.unsure.search(" ".join(toks[1:3])):
        return "yes"
    if first in words.no and not (len(toks) > 1 and toks[1] in ("idea", "clue")) \
            and not words.unsure.match(t):
        return "no"
    if words.unsure.search(t):
        return "unsure"
    if words.no_wording.search(t):
        return "no"
    if words.yes_wording.search(t):
        return "yes"
    return None


def parse_agreement(text: str) -> Optional[str]:
    """The answer to a proposal (consent, booking, a read-back): parse_yes_no, and when that
    reads no answer, an agreement said alone or with thanks ("that's it", "fine by me", "all
    good thanks") is "yes". Not for warning signs: there "all good" means none."""
    words_of = yes_no.table()
    if words_of.declining.search(_answer_text(text)):
        return "no"
    answer = parse_yes_no(text)
    if answer is not None:
        return answer
    toks = tokens(_answer_text(text))
    for phrase in words_of.agreement:
        words = phrase.split()
        if toks[:len(words)] == words:
            # "all good thanks", never "all good except the number" or "good question"
            rest = toks[len(words):]
            return "yes" if "?" not in text and all(w in words_of.agreement_closers for w in rest) else None
    return None


def words_beyond_the_answer(text: str) -> list[str]:
    """The words of `text` other than its yes/no/unsure wording: [] for "yes", "I do",
    "of course", "I think so"; ["headache"] for "I have a headache", whose "I have"
    answers nothing on its own."""
    t = _answer_text(text)
    words = yes_no.table()
    for wording in (words.emphatic_no, words.unsure, words.no_wording, words.yes_wording):
        t = wording.sub(" ", t)
    return [w for w in tokens(t) if w not in words.yes and w not in words.no]


def says_yes_first(text: str) -> bool:
    """Whether `text` starts with a word that answers yes on its own ("yes, a fit",
    "yeah the rash one"), not "I have a headache"."""
    toks = tokens(_answer_text(text))
    return bool(toks) and toks[0] in yes_no.table().yes
