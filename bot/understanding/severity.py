"""How bad it is, 0-10: "7", "7/10", "seven out of ten", "really bad" -> 8.

A free message counts only a scale score ("about 7/10"). A word there ("a bad
headache", "a mild ache") is the person's way of saying they have a headache,
not an answer to how bad it is: the pain score is still asked, and that
question is one where people add what they left out of their first message.
"""
from __future__ import annotations

import math
import re
from typing import Optional

from bot.understanding.medication import mentions_medication
from bot.understanding.numbers import BARE_NUMBER, NUMBER_WORD, to_number
from bot.understanding.text import normalise, tokens

__all__ = ["parse_severity", "severity_in_free_text"]

_SEVERITY_WORDS = (
    (r"\bunbearable\b|\bexcruciating\b|\bagony\b|\bagoni[sz]ing\b|\bworst\b|\boff the (?:scale|charts)\b|"
     r"\bcan not (?:bear|stand|cope)\b|\binsane(?:ly)?\b|\bscreaming\b", 10),
    (r"\bnot (?:too|that|so|very|really|all that) (?:bad|painful|severe|strong)\b|\bnot bad\b|\bnot severe\b", 3),
    (r"\b(?:bad|enough|sore|painful) (?:enough )?to (?:stop|keep) me\b|\b(?:stops?|stopping|stopped|keeps?|kept) me "
     r"(?:from )?(?:working|doing|going|functioning|concentrating|thinking|sleeping|getting)\b|"
     r"\bcan not (?:work|function|concentrate|think straight|do anything|get on)\b|\b(?:had|have|need) to "
     r"(?:lie|lay) down\b|\b(?:had|have) to (?:leave|go home from) work\b|\b(?:off|sent home from) work\b", 7),
    (r"\bmanageable\b|\bbearable\b|\btolerable\b|\bliveable\b|\blivable\b|\bi can (?:cope|manage|function|"
     r"work through it|live with it)\b|\bcan still (?:work|function)\b|\buncomfortable\b", 4),
    (r"\bvery mild\b|\bbarely\b|\bhardly\b|\bslight(?:ly)?\b|\btiny\b", 2),
    (r"\bsevere\b|\breally (?:bad|painful|strong|hurts|sore|intense)\b|\bvery (?:bad|painful|strong|sore|intense)\b|"
     r"\bso bad\b|\bterrible\b|\bawful\b|\bhorrible\b|\bhorrendous\b|\bintense\b|\bextreme(?:ly)?\b|"
     r"\bkilling me\b|\bdebilitating\b|\bcrippling\b|\bsplitting\b|\bhurts a lot\b|\bhorrific\b|\bdreadful\b", 8),
    (r"\bmild\b|\bniggl(?:e|ing)\b|\bdull\b|\bminor\b|\blow level\b|\bannoying\b|"
     r"\bjust a bit\b|\ba bit\b|\ba little\b|\bnot much\b", 3),
    (r"\bmoderate\b|\bmedium\b|\bmiddling\b|\bso so\b|\baverage\b|\bin (?:the )?(?:middle|between)\b|\bnoticeable\b|"
     r"\bokay ish\b", 5),
    (r"\bquite (?:bad|painful|sore|strong)\b|\bfairly (?:bad|painful|strong)\b", 6),
    (r"\bpretty (?:bad|painful|sore)\b|\bbad\b|\bpainful\b|\bstrong\b|\bsore\b", 7),
)
_SCALE = re.compile(
    r"(?P<n>(?<![\d.])\d+(?:\.\d+)?|" + NUMBER_WORD + r")(?:\s*(?:to|or)\s*(?P<m>(?<![\d.])\d+(?:\.\d+)?|" + NUMBER_WORD + r"))?"
    r"\s*(?:/|out of|outta|of)\s*(?:10|ten)\b")
_NUMBER_UNIT_AFTER = r"\s*(?:%|percent|days?|weeks?|months?|years?|yrs?|hours?|hrs?|h\b|mins?|minutes?|times?|am|pm|kg|mg)"


def _clip_score(n: Optional[float]) -> Optional[int]:
    if n is None or n < 0 or n > 10:
        return None
    return int(math.ceil(n))


def _severity_scale(t: str) -> Optional[int]:
    m = _SCALE.search(t)
    if not m:
        return None
    n = to_number(m.group("n"))
    if m.group("m"):
        n = max(n or 0, to_number(m.group("m")) or 0)
    return _clip_score(n)


def _severity_word(t: str) -> Optional[int]:
    for pattern, score in _SEVERITY_WORDS:
        if re.search(pattern, t):
            return score
    return None


_SCORE_WORDS = r"(?:" + BARE_NUMBER + "|" + NUMBER_WORD + ")"
_HEDGE = (r"(?:about|around|maybe|probably|prob|perhaps|like|a|an|its|it is|say|i would say|id say|roughly|"
          r"honestly|more like|i think|i guess|hmm+|um+|erm+|so|well|out of (?:ten|10)|"
          # a score reported for the person it is about ("she says 4 or 5", "dice que un 6")
          r"(?:(?:s?he|they|(?:my|our|the) \w+) )?(?:says?|said|reckons?|thinks?|rates? it)(?: its?| it is| that)?|"
          r"dice(?: que)?|dijo(?: que)?|un|una) ")
# A clause that is only a score, hedged or not ("..., 3", "maybe a 5?", "three, maybe four?").
_SCORE_CLAUSE = re.compile(
    "(?:" + _HEDGE + ")*(?P<n>" + _SCORE_WORDS + r")(?:\s*(?:to|or)\s*(?P<m>" + _SCORE_WORDS + "))?"
    r"(?: ?ish)?(?: (?:i (?:guess|think|suppose|reckon|would say)|maybe|probably|tops|max|or so))?")


_A_NUMBER = re.compile(r"\b(?:" + _SCORE_WORDS + r")\b")


def _clause_score(t: str) -> Optional[float]:
    """The score of the last clause that is nothing but a score ("like a hangover, 3",
    "three, maybe four" -> 4, "for my son, 9, he says a 5" -> 5), but only when no other
    number up to ten is said (it may be a count, an age or a time: "2 days, maybe 3",
    "she's only 6, maybe 7") and the clause does not follow a painkiller ("took ibuprofen,
    two")."""
    pieces = re.split(r"[,;.!?]+", t)
    score = None
    for i, piece in enumerate(pieces):
        m = _SCORE_CLAUSE.fullmatch(piece.strip())
        if m:
            if i and mentions_medication(pieces[i - 1]):
                return None
            values = [to_number(m.group(g)) for g in ("n", "m") if m.group(g)]
            score = max((v for v in values if v is not None), default=score)
        elif any(n.group() != "one" and (to_number(n.group()) or 0) <= 10
                 for n in _A_NUMBER.finditer(re.sub(r"\bout of (?:ten|10)\b", "", piece))):
            return None
    return score


_OPENING_SCORE = re.compile(r"(?:about |around |maybe |probably |like |a |an |its |it is |prob )*(\d+(?:\.\d+)?)\s*[,;:-]\s*\S")


def parse_severity(text: str) -> Optional[int]:
    """0-10: "7", "7/10", "seven out of ten", "really bad" -> 8, "mild" -> 3."""
    t = normalise(text)
    if not t:
        return None
    t = re.sub(r"\b(\d+(?:\.\d+)?)\s*ish\b", r"\1", t)           # "7ish" -> "7"
    t = re.sub(r"\b(?:a )?(?:solid|strong|good|high|low|hard|easy) (?=\d+\b)", "", t)   # "a solid 7"
    scored = _severity_scale(t)
    if scored is not None:
        return scored
    numbers = list(re.finditer("(" + BARE_NUMBER + ")(?!" + _NUMBER_UNIT_AFTER + ")", t))
    if len(numbers) == 1:
        rest = re.sub(r"\d+(?:\.\d+)?", " ", t)
        rng = re.search(r"(?<!\d)(\d+)\s*(?:to|or)\s*(\d+)", t)
        if rng:
            return _clip_score(max(float(rng.group(1)), float(rng.group(2))))
        if len(tokens(rest)) <= 6:
            return _clip_score(float(numbers[0].group(1)))
    # a score that opens the answer, then more said after a comma ("5, I've had worse", "4,
    # more like 7 by teatime", "5, sorry I mean 9"): the highest score it gives,
    # in numbers (not counts of days or tablets) or in words ("3, but at first the worst ever")
    opening = _OPENING_SCORE.match(t)
    if opening:
        scores = [float(m.group(1)) for m in re.finditer("(" + BARE_NUMBER + ")(?!" + _NUMBER_UNIT_AFTER + ")", t)
                  if float(m.group(1)) <= 10]
        worded = _severity_word(t[opening.end() - 1:]) if len(scores) == 1 else None
        return _clip_score(max([float(opening.group(1)), *scores, *([worded] if worded is not None else [])]))
    # a clause that is only a score, before or after other words ("like a hangover, 3",
    # "maybe a 5? not the end of the world", "out of ten? three, maybe four?"): the highest
    clause = _clause_score(t)
    if clause is not None:
        return _clip_score(clause)
    rng = re.fullmatch(r"(?:about |around |maybe |probably |a )?(\d+)\s*(?:to|or)\s*(\d+)\.?", t)
    if rng:
        return _clip_score(max(float(rng.group(1)), float(rng.group(2))))
    word = re.fullmatch(r"(?:about |around |maybe |probably |like |a |an |its |it is )*(" + NUMBER_WORD + r")\.?", t)
    if word:
        return _clip_score(to_number(word.group(1)))
    return _severity_word(t)


def severity_in_free_text(t: str) -> Optional[int]:
    """Only a scale score: "7/10", "about six out of ten"."""
    return _severity_scale(t)
