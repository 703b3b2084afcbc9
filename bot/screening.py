"""Reading the reply to a warning-sign screen (one grouped question, CONTRACT.md).

A reply may be "none of these", the numbers of the items that apply ("2", "1 and 4"),
words naming the signs ("yes, I'm pregnant": the detector's concepts choose the items
that cover them; "the eye one": an item's own words, pointed at, unless the reply names
a sign of another list), "all of them", or a bare "yes" or "not sure", which needs a
follow-up asking which.

An item's words choose it when the reply points at it ("the rash one") or says yes
first ("yes, a fit"), and never by a word of the question itself ("headache" in "any
of these, with this headache?"). Said without either ("I have a headache", "my neck is
stiff"), a description in which the detector found no sign is no choice: CHECK, the
items are shown again, numbered, to be chosen or answered "none". A "yes" must be the
reply's own: the "I have" of "I have pain in my shoulders" is no yes to the list.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterable, Mapping, Optional, Sequence

from bot import normalise, understanding
from bot.red_flags import ScreenItem

NONE, CHOSEN, AFFIRM, UNSURE, CHECK, UNKNOWN = "none", "chosen", "affirm", "unsure", "check", "unknown"

_NONE = re.compile(
    r"^(?:none|none of (?:these|them|those|the above|that|this)|nothing|nothing like that|neither|"
    r"no to all|all no|no to (?:all|everything|any of (?:them|those|these))|not any|zero|0|"
    r"ninguno|ninguna|ninguno de (?:esos|estos)|nada|nada de eso|no tengo (?:nada|ninguno|ninguna))\b")
_ALL = re.compile(r"^(?:yes,? )?(?:all|all of (?:them|these|those|the above)|every(?:thing| one)|todos?|todas?)\b")
_NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                 "eight": 8, "nine": 9, "first": 1, "second": 2, "third": 3, "fourth": 4,
                 "fifth": 5, "sixth": 6, "seventh": 7, "uno": 1, "dos": 2, "tres": 3,
                 "cuatro": 4, "cinco": 5, "seis": 6, "siete": 7}
# A reply that is only numbers: "2", "1, 3", "1 and 4", "number 2", "the 3rd one".
_ONLY_NUMBERS = re.compile(
    r"^(?:(?:yes|yeah|yep|si|sí)\W*)?(?:(?:number|numbers|no\.|n|#|the)\s*)?"
    r"(?:\d{1,2}|one|two|three|four|five|six|seven|eight|nine|first|second|third|fourth|fifth|sixth|"
    r"seventh|uno|dos|tres|cuatro|cinco|seis|siete)(?:st|nd|rd|th)?(?: one)?"
    r"(?:\s*(?:,|&|\+|/|and|y|or|o|\s)\s*(?:number\s*)?"
    r"(?:\d{1,2}|one|two|three|four|five|six|seven|eight|nine|uno|dos|tres|cuatro|cinco|seis|siete))*\W*$")
# Words that point at an item of the list: "the rash one", "that eye thing", "la de la fiebre".
_POINTERS = ("one", "ones", "thing", "things", "bit", "part", "that", "this", "these", "those")
_POINTING = re.compile(r"\b(?:" + "|".join(_POINTERS) + r"|(?:la|el|lo) del?|eso|esa|ese|esto|esta|este)\b")
# ... and words that say no more than a yes to the list does ("yes, some of those", "a few")
_POINTER_WORDS = frozenset(_POINTERS + ("some", "few", "list"))
_STOP = frozenset("""a an and any are as at be been but by can do does for from had has have i if in is it its
just me my no not of on or so that the their them then there these they this those to was were what when
which with you your yes yeah one ones about like""".split())


@dataclass(frozen=True)
class ScreenReply:
    kind: str                                              # NONE, CHOSEN, AFFIRM, UNSURE, CHECK, UNKNOWN
    answers: Mapping[str, str] = field(default_factory=dict)  # item id -> "yes" | "unsure"
    other_concepts: bool = False     # the reply names a warning sign that is on no item shown


def read_reply(items: Sequence[ScreenItem], text: str, concepts: Iterable[str] = (),
               question: str = "") -> ScreenReply:
    """The reply to a screen that showed `items` (numbered from 1, in this order);
    `concepts`: what the warning-sign detector affirmed in the same message; `question`:
    the words the question was asked in (none of them names an item)."""
    plain = normalise.normalise(text).text.strip()
    if not plain:
        return ScreenReply(UNKNOWN)
    numbers = _numbers(plain)
    if numbers is not None:
        if numbers and all(1 <= n <= len(items) for n in numbers):
            return ScreenReply(CHOSEN, {items[n - 1].id: "yes" for n in numbers})
        if numbers == []:
            return ScreenReply(NONE)
        return ScreenReply(UNKNOWN)
    said = set(concepts)
    by_concept = {item.id: "yes" for item in items if said & set(item.covers)}
    answer = understanding.parse_yes_no(plain)
    if by_concept:
        mark = "unsure" if answer == "unsure" else "yes"
        return ScreenReply(CHOSEN, {item_id: mark for item_id in by_concept})
    other = bool(said)
    if _ALL.match(plain):
        return ScreenReply(CHOSEN, {item.id: "yes" for item in items})
    if answer == "no" or _NONE.match(plain):
        return ScreenReply(NONE, other_concepts=other)
    named = [] if other else _named_items(items, plain, _content_words(question))
    if named and (_POINTING.search(plain) or answer == "unsure" or (answer == "yes" and understanding.says_yes_first(plain))):
        return ScreenReply(CHOSEN, {item_id: "unsure" if answer == "unsure" else "yes" for item_id in named})
    if answer == "unsure":
        return ScreenReply(UNSURE, other_concepts=other)
    if answer == "yes" and (other or not _describes(plain)):
        return ScreenReply(AFFIRM, other_concepts=other)
    if named or answer == "yes":
        # "I have a headache", "my neck is stiff": a description in which the detector
        # found no sign, sharing words with an item or saying "I have": not a choice
        return ScreenReply(CHECK)
    return ScreenReply(UNKNOWN, other_concepts=other)


def _numbers(plain: str) -> Optional[list[int]]:
    """The item numbers of a reply made only of numbers; [] for "0"; None otherwise."""
    if plain in ("0", "zero"):
        return []
    if not _ONLY_NUMBERS.match(plain):
        return None
    found = []
    # "the 3rd one", "the second one": the "one" is not a number
    plain = re.sub(r"(\d+(?:st|nd|rd|th)?|first|second|third|fourth|fifth|sixth|seventh) ones?\b", r"\1", plain)
    plain = re.sub(r"(\d+)(?:st|nd|rd|th)\b", r"\1", plain)
    for token in re.findall(r"\d{1,2}|[a-z]+", plain):
        if token.isdigit():
            found.append(int(token))
        elif token in _NUMBER_WORDS:
            found.append(_NUMBER_WORDS[token])
    return sorted(set(found)) if found else None


def _describes(plain: str) -> bool:
    """Whether a reply says more than its yes ("yes, one of those", "I do" say nothing more;
    "I have a headache", "yes my neck is stiff" describe)."""
    return bool(_content_words(" ".join(understanding.words_beyond_the_answer(plain))) - _POINTER_WORDS)


def _content_words(text: str) -> set[str]:
    return {normalise.lemma(w) for w in re.findall(r"[^\W\d_]{3,}", text) if w not in _STOP}


def _named_items(items: Sequence[ScreenItem], plain: str, question_words: set[str] = frozenset()) -> list[str]:
    """Items whose own words the reply uses ("yes, the rash one"): those sharing the most
    content words with it, when some item shares at least one."""
    words = _content_words(plain) - question_words
    if not words:
        return []
    # the short label (what the widget's option shows) counts over the longer question text
    overlap = {item.id: 2 * len(words & _content_words(item.label)) + len(words & _content_words(item.text))
               for item in items}
    best = max(overlap.values(), default=0)
    if best == 0:
        return []
    return [item_id for item_id, n in overlap.items() if n == best]
