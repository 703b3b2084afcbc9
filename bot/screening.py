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

Numbers are read as people type them in a chat (the words are data/knowledge/screen_replies.yml):
ranges, number words and ordinals, an exception after "none" or "all" ("none apart from 5",
"all but 1"), denied items ("no to 1 and 2, yes to 5"), hedges ("4 maybe": not sure),
corrections ("2, sorry I meant 3"); a number in a story is a quantity ("2 coffees", "3 or 4
times", "day 3", "a 6 out of 10", "all 7"), and a question about the list is no choice.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterable, Mapping, Optional, Sequence

from bot import normalise, understanding
from bot.knowledge import screen_replies as replies
from bot.red_flags import ScreenItem

NONE, CHOSEN, AFFIRM, UNSURE, CHECK, UNKNOWN = "none", "chosen", "affirm", "unsure", "check", "unknown"

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
    if plain in ("0", "zero", "cero"):
        return ScreenReply(NONE)
    words = replies.table()
    tokens = _tokens(plain)
    numbers = _item_numbers(tokens, len(items))
    if numbers is not None and numbers.out_of_range:
        return ScreenReply(UNKNOWN)
    if numbers is not None and _asks_about_the_list(plain, tokens):
        # "what does number 5 mean?": shown again, every item in full, to choose from
        return ScreenReply(CHECK)
    said = set(concepts)
    by_concept = {item.id: "yes" for item in items if said & set(item.covers)}
    answer = understanding.parse_yes_no(plain)
    if numbers is not None:
        if numbers.all_but:
            chosen = {item.id: "yes" for n, item in enumerate(items, 1) if n not in numbers.denied}
        else:
            chosen = {items[n - 1].id: mark for n, mark in sorted(numbers.chosen.items())}
        chosen.update({item_id: "yes" for item_id in by_concept if item_id not in chosen})
        if chosen:
            return ScreenReply(CHOSEN, chosen)
        if len(numbers.denied) == len(items):
            return ScreenReply(NONE, other_concepts=bool(said))
        if not by_concept:
            # "nothing, not 4 or 6": the items denied repeat the "none" before them; "not 1 or
            # 2" alone says nothing of the others: shown again
            if _phrase_at(tokens, 0, words.none_first):
                return ScreenReply(NONE, other_concepts=bool(said))
            return ScreenReply(CHECK)
    if by_concept:
        mark = "unsure" if answer == "unsure" else "yes"
        return ScreenReply(CHOSEN, {item_id: mark for item_id in by_concept})
    other = bool(said)
    if _all_of_them(tokens):
        return ScreenReply(CHOSEN, {item.id: "yes" for item in items})
    tail = _after_none_except(tokens)
    if tail:
        # "nothing except the eye thing": the exception read as a reply of its own
        kept = read_reply(items, " ".join(tail), concepts, question)
        denies = any(_phrase_at(tail, j, words.negations) for j in range(len(tail)))
        if kept.kind in (CHOSEN, UNSURE) or (kept.kind == CHECK and not denies):
            return kept
    if _phrase_at(tokens, 0, words.some_first):
        # "some yes some no", "a few of them": which ones is asked
        return ScreenReply(AFFIRM, other_concepts=other)
    if answer == "no" or (_phrase_at(tokens, 0, words.none_first) and answer != "unsure"):
        # (never a "no" that says it does not know: "no sé", "no idea", "no estoy segura")
        return ScreenReply(NONE, other_concepts=other)
    named = [] if other else _named_items(items, plain, _content_words(question))
    if named and (_points_at_an_item(tokens) or answer == "unsure"
                  or (answer == "yes" and understanding.says_yes_first(plain))):
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


def _describes(plain: str) -> bool:
    """Whether a reply says more than its yes ("yes, one of those", "I do" say nothing more;
    "I have a headache", "yes my neck is stiff" describe)."""
    words = replies.table()
    said = _content_words(" ".join(understanding.words_beyond_the_answer(plain)))
    return bool({w for w in said if w not in words.pointing and w not in words.says_no_more})


def _content_words(text: str) -> set[str]:
    stop = replies.table().stop_words
    return {normalise.lemma(w) for w in re.findall(r"[^\W\d_]{3,}", text) if w not in stop}


def _points_at_an_item(tokens: Sequence[str]) -> bool:
    """"the rash one", "that eye thing", "la de la fiebre"."""
    pointing = replies.table().pointing
    return any(_phrase_at(tokens, i, pointing) for i in range(len(tokens)))


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


# ---- items named by their numbers (data/knowledge/screen_replies.yml) ----

# (a decimal is one token: "39.2" is a temperature, no items 39 and 2)
_TOKEN = re.compile(r"\d+\.\d+|\d+(?:st|nd|rd|th)?|[^\W\d_]+|[?.!;,&+/:%\-]")
_BREAKS = frozenset(".;!?:")
# "No. 5", "nº 5", "#5": the number of an item
_ABBREVIATED_NUMBER = re.compile(r"(?:\bno\.|\bnº|#)\s*(?=\d)")
_RANGE = re.compile(r"\b([1-9])\s*(?:-|–|to|thru|through|al|a)\s*([1-9])\b")


@dataclass(frozen=True)
class _Numbers:
    """The item numbers a reply names: chosen (number -> "yes" | "unsure") and denied."""
    chosen: Mapping[int, str]
    denied: frozenset[int]
    all_but: bool = False          # "all but 1": every item except the denied ones
    out_of_range: bool = False     # a reply of numbers only, one of them not on the list


def _all_of_them(tokens: Sequence[str]) -> bool:
    """A reply that chooses every item: "all", "all of them", "yes, every one", "todas"."""
    words = replies.table()
    tokens = [t for t in tokens if t not in _BREAKS and t != ","]
    while tokens and tokens[0] in words.filler:
        tokens = tokens[1:]
    size = _phrase_at(tokens, 0, words.all_first)
    return bool(size) and not _phrase_at(tokens, 0, words.none_first) and all(
        t in words.all_of_them_after or t in words.filler or t.isdigit() for t in tokens[size:])


def _asks_about_the_list(plain: str, tokens: Sequence[str]) -> bool:
    """A question about the items rather than an answer ("what does 5 mean by a glass?")."""
    return "?" in plain and bool(_phrase_at(tokens, 0, replies.table().question_words))


def _after_none_except(tokens: Sequence[str]) -> Sequence[str]:
    """What follows the exception of a reply that starts with "none" ("none except the rash
    one" -> "the rash one"); nothing when it has none."""
    words = replies.table()
    if not _phrase_at(tokens, 0, words.none_first):
        return ()
    for i in range(1, len(tokens)):
        size = _phrase_at(tokens, i, words.exceptions)
        if size:
            return tokens[i + size:]
    return ()


def _phrase_at(tokens: Sequence[str], i: int, phrases: Sequence[str]) -> int:
    """The number of tokens of the longest phrase of `phrases` starting at tokens[i] (0: none)."""
    for phrase in phrases:             # longest first
        words = phrase.split()
        if tokens[i:i + len(words)] == words:
            return len(words)
    return 0


def _tokens(plain: str) -> list[str]:
    text = _ABBREVIATED_NUMBER.sub("number ", plain)
    words = replies.table()

    def expand(m: re.Match) -> str:
        a, b = int(m.group(1)), int(m.group(2))
        after = text[m.end():].split()
        if a >= b or (after and after[0] in words.quantities):
            return m.group(0)
        return " , ".join(str(n) for n in range(a, b + 1))

    return _TOKEN.findall(_RANGE.sub(expand, text))


def _number_at(tokens: Sequence[str], i: int, n_items: int, numbers_only: bool) -> Optional[int]:
    """The item number tokens[i] names, if it names one."""
    words = replies.table()
    tok = tokens[i]
    before = tokens[i - 1] if i > 0 else ""
    after = tokens[i + 1] if i + 1 < len(tokens) else ""
    pointed = before in words.pointers
    if _a_count_of_all(tokens, i) or _a_rating(tokens, i):
        return None
    if tok.isdigit():
        then = tokens[i + 2] if i + 2 < len(tokens) else ""
        if len(tok) > 2 or after in ("/", ":", "%") or _a_quantity(after) or (
                _a_plain_word(after) and then in words.quantities):
            return None       # "2 days", "3 whole days" (a plural noun only right after it:
            #                   "4 his eyes rolled" may still choose 4)
        if not pointed and before in words.before_quantities:
            return None
        if tok in words.text_speak_digits and _a_plain_word(after) and (
                _a_plain_word(before) or before in (*words.none_first, "yes", "si", "sí")):
            return None       # "thx 4 asking", "no 2 all": a word in text-speak
        if after in ("-", "or", "to", "o", "a") and i + 3 < len(tokens) and tokens[i + 2][0].isdigit() \
                and tokens[i + 3] in words.quantities:
            return None       # "3 or 4 times", "2-3 days": a quantity too
        return int(tok)
    if tok in words.numbers:
        if _a_quantity(after):
            return None
        if tok in ("one", "una", "uno") and not pointed and not (
                numbers_only and (not before or before in _BREAKS or before in words.separators)
                and after not in ("of", "de")):
            return None       # "the eye one", "one of those": a pronoun
        # a number word standing as a clause of its own ("four. five too maybe")
        alone = (not before or before in _BREAKS or before in words.separators) and (
            not after or after in _BREAKS or after in words.separators or after in ("too", "also", "?"))
        return words.numbers[tok] if (pointed or numbers_only or alone or _beside_a_number(tokens, i)) else None
    if tok in words.ordinals or tok in words.last:
        if before in words.not_an_ordinal_after or after in words.quantities:
            return None
        then = tokens[i + 2] if i + 2 < len(tokens) else ""
        if after in words.ordinal_nouns and _a_plain_word(then) and then not in words.ordinal_nouns:
            return None       # "second one this week": a count of headaches, not an item
        if after in words.ordinal_nouns or numbers_only or _beside_a_number(tokens, i) or (
                tok in words.ordinals and (not after or after in _BREAKS or after in words.separators)):
            return n_items if tok in words.last else words.ordinals[tok]
    return None


def _a_count_of_all(tokens: Sequence[str], i: int) -> bool:
    """"all 7", "none of the 7", "todos los 7": how many items there are, not one of them."""
    before = tokens[i - 1] if i > 0 else ""
    two_before = tokens[i - 2] if i > 1 else ""
    return before in replies.table().all_first or (before in ("the", "los", "las") and two_before in ("of", "de")) \
        or (before in ("los", "las") and two_before in replies.table().all_first)


def _a_rating(tokens: Sequence[str], i: int) -> bool:
    """"a 5 out of 10", "5 de 10", "6 of 10": a score, not an item."""
    rest = tokens[i + 1:i + 4]
    for joiner in (["out", "of"], ["de"], ["of"], ["/"]):
        if rest[:len(joiner)] == joiner and len(rest) > len(joiner) and rest[len(joiner)].isdigit():
            return True
    return False


def _a_quantity(token: str) -> bool:
    """Whether the word after a number makes it a quantity: a unit ("days", "times") or
    a plural noun ("2 jobs", "3 glasses")."""
    if token in replies.table().quantities:
        return True
    return (len(token) >= 4 and token.isalpha() and token.endswith("s") and normalise.lemma(token) != token
            and _a_plain_word(token))


def _a_plain_word(token: str) -> bool:
    """A word that is no number, pointer, separator or cue of a reply to a list."""
    words = replies.table()
    return bool(token) and token.isalpha() and token not in words.light and token not in words.separators \
        and token not in words.pointers and token not in words.numbers and token not in words.ordinals \
        and token not in words.cue_words


def _beside_a_number(tokens: Sequence[str], i: int) -> bool:
    """Whether tokens[i] is joined to a digit by a separator ("two and 4")."""
    separators = replies.table().separators
    for step in (-1, 1):
        j = i + step
        while 0 <= j < len(tokens) and tokens[j] in separators:
            j += step
        if 0 <= j < len(tokens) and j != i + step and tokens[j][0].isdigit():
            return True
    return False


def _item_numbers(tokens: Sequence[str], n_items: int) -> Optional[_Numbers]:
    """The items a reply (its tokens) names by number; None when it names none."""
    words = replies.table()
    if not tokens:
        return None
    # corrections: what came before is taken back when numbers follow ("2, sorry I meant 3");
    # not when the numbers are added ("2, oh wait, also 5")
    for i in range(len(tokens) - 1, -1, -1):
        size = _phrase_at(tokens, i, words.corrections)
        if size:
            rest = tokens[i + size:]
            # ... or a "none" follows ("4, no wait scratch that, none")
            if (any(_number_at(rest, j, n_items, False) for j in range(len(rest)))
                    or any(_phrase_at(rest, j, words.none_first) for j in range(len(rest)))) and not any(
                    w in words.additions or _phrase_at(rest, j, words.affirmations) for j, w in enumerate(rest)):
                tokens = rest
            break
    numbers_only = all(t in words.filler or t in words.separators or t in _BREAKS or t in words.answer_words
                       or t in words.pointers
                       or t in words.numbers or t in words.ordinals or t in words.ordinal_nouns or t[0].isdigit()
                       for t in tokens)
    found: list[tuple[int, int, bool]] = []        # (token index, number, denied)
    hedged: list[tuple[int, int]] = []             # token spans of hedges
    denying = False
    # ("all good except 3" says none first: the longer phrase decides)
    starts_all = _phrase_at(tokens, 0, words.all_first) > _phrase_at(tokens, 0, words.none_first)
    starts_none = not starts_all and _phrase_at(tokens, 0, words.none_first) > 0
    excepted = False
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        size = _phrase_at(tokens, i, words.hedges)
        if size:
            hedged.append((i, i + size))
            i += size
            continue
        if tok in _BREAKS:
            denying = False
        elif (size := _phrase_at(tokens, i, words.exceptions)) and (starts_none or starts_all or found):
            excepted = starts_none or starts_all
            denying = starts_all
            i += size
            continue
        elif (size := _phrase_at(tokens, i, words.affirmations)):
            denying = False
            i += size
            continue
        elif (size := _phrase_at(tokens, i, words.negations)):
            denying = True
            i += size
            continue
        number = _number_at(tokens, i, n_items, numbers_only)
        if number is not None:
            found.append((i, number, denying))
        i += 1
    if not found:
        return None
    if numbers_only and any(not 1 <= n <= n_items for _, n, _ in found):
        return _Numbers({}, frozenset(), out_of_range=True)
    found = [(i, n, d) for i, n, d in found if 1 <= n <= n_items]
    if not found:
        return None

    def unsure(i: int) -> bool:
        near = any(start - 3 <= i < end + 3 for start, end in hedged)
        return near or (i + 1 < len(tokens) and tokens[i + 1] == "?")

    chosen = {n: "unsure" if unsure(i) else "yes" for i, n, d in found if not d}
    denied = frozenset(n for _, n, d in found if d) - set(chosen)
    return _Numbers(chosen, denied, all_but=starts_all and excepted)
