"""Answers to a yes/no question: "yes", "no", "unsure" or None (not such an answer).

"Not sure" is its own answer: the interview counts it as yes, the safer
answer to a warning-sign question. The words that answer on their own when
they come first are in data/knowledge/yes_no.yml (bot.knowledge.yes_no).
"""
from __future__ import annotations

import re
from typing import Optional

from bot.knowledge import yes_no
from bot.understanding.text import normalise, tokens

__all__ = ["parse_agreement", "parse_yes_no", "says_yes_first", "words_beyond_the_answer"]

_EMPHATIC_NO = re.compile(r"^(?:definitely|absolutely|certainly|of course|really|surely) not\b")
_UNSURE = re.compile(
    r"\bnot (?:sure|certain|really sure)\b|\bunsure\b|\bmaybe\b|\bdo not know\b|\bdo not remember\b|"
    r"\bcan not (?:remember|tell|say)\b|\bpossibly\b|\bperhaps\b|\bkind of\b|\bkinda\b|\bsort of\b|\bsorta\b|"
    r"^a (?:bit|little)\b|^(?:just )?a (?:bit|little)|\bhard to (?:say|tell)\b|\bno idea\b|"
    r"\bprobably not\b|\bi guess\b|\bunclear\b|\bcould be\b|\bmight be\b|\bmight have\b|\bnot certain\b|^\?+$|^hmm+\b|^um+\b|"
    r"^(?:only |just )?(?:somewhat|slightly|partly|partially|a tad|a touch|a smidge|mildly|ish)\b|\bnot (?:100|a hundred) ?%?\b|"
    r"^(?:nae|naw|nah|no) (?:sure|certain|too sure|so sure)\b|\bhard to know\b|\bcan not be sure\b|\bnot too sure\b|\bnot so sure\b|\bi suppose\b|\bmaybe a bit\b|"
    # Spanish: "no sé" (never "no, se me pasó"), "no estoy segura", "quizás", "a lo mejor"
    r"^no (?:se|lo se|sabria|estoy segur[oa]|me acuerdo)\b(?! (?:me|le|te|nos|les|lo|la|los|las)\b)|"
    r"\bno estoy segur[oa]\b|\bquiz[aá]s?\b|\btal vez\b|\ba lo mejor\b|\bpuede ser\b|\bni idea\b|\bun poco\b|\bm[aá]s o menos\b")
_NO = re.compile(
    r"\bnot really\b|\bnot at all\b|\bno thanks?\b|\bno thank you\b|\bi do not\b|\bi have not\b|\bi am not\b|"
    r"\bit does not\b|\bit is not\b|\bit has not\b|\bthey do not\b|\bdoes not\b|\bnone\b|\bnothing\b|\bnever\b|"
    r"\bdo not think so\b|\bnothing like that\b|\bnot that i (?:know|am aware|can think|have (?:noticed|seen|felt)|"
    r"noticed|remember|recall|can (?:tell|see|remember|recall))\b|\bnone of (?:those|these|them|that|the above)\b|"
    r"\bpara nada\b|\ben absoluto\b|\bnada de eso\b|\bninguno\b|\bninguna\b|\bno gracias\b|"
    r"\bnot (?:as far as|that) i (?:can tell|know)\b|\bno way\b|\bnot (?:since|lately|recently)\b|\bnot as far as i know\b|\bnot me\b|\bincorrect\b|\bwrong\b|\bnegative\b|\bnope\b|\bnah\b|"
    r"\bno\b")
_YES = re.compile(
    r"\byes\b|\byeah\b|\byep\b|\byup\b|\bi do\b|\bcorrect\b|\bsure\b|\bok(?:ay)?\b|\bdefinitely\b|\babsolutely\b|"
    r"\bof course\b|\bthat is right\b|\bright\b|\bi have\b|\bit does\b|\bi am\b|\btrue\b|\bplease\b|\bgo ahead\b|"
    r"\bi think so\b|\bprobably\b|\blikely\b|\bsometimes\b|\boccasionally\b|\bat times\b|\ba lot\b|\bindeed\b|"
    r"\bthey do\b|\bit is\b|\bit has\b|\bexactly\b|\buh huh\b|\bsounds good\b|\bi would like\b|\bthat would be\b|"
    r"\bgo on\b|\bgo for it\b|\bwhy not\b|\blets do it\b|\blet us do it\b|\bdo it\b|\bpls\b|\bplz\b|\bi did\b|"
    r"\bafraid so\b|\bunfortunately\b|\bi have had\b|\bthat is correct\b|\bspot on\b|\bfor sure\b|"
    # Spanish
    r"\bme gustar[ií]a\b|\bme encantar[ií]a\b|\bpor supuesto\b|\bpor favor\b|\bcreo que s[ií]\b|\bes correcto\b|"
    r"\bestoy de acuerdo\b|\bclaro que s[ií]\b|\bme interesa\b")


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
    first_words = yes_no.table()
    if _EMPHATIC_NO.search(t):
        return "no"
    if first in first_words.yes and not _UNSURE.search(" ".join(toks[1:3])):
        return "yes"
    if first in first_words.no and not (len(toks) > 1 and toks[1] in ("idea", "clue")) \
            and not _UNSURE.match(t):
        return "no"
    if _UNSURE.search(t):
        return "unsure"
    if _NO.search(t):
        return "no"
    if _YES.search(t):
        return "yes"
    return None


def parse_agreement(text: str) -> Optional[str]:
    """The answer to a proposal (consent, booking, a read-back): parse_yes_no, and when that
    reads no answer, an agreement said alone or with thanks ("that's it", "fine by me", "all
    good thanks") is "yes". Not for warning signs: there "all good" means none."""
    answer = parse_yes_no(text)
    if answer is not None:
        return answer
    words_of = yes_no.table()
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
    for wording in (_EMPHATIC_NO, _UNSURE, _NO, _YES):
        t = wording.sub(" ", t)
    first_words = yes_no.table()
    return [w for w in tokens(t) if w not in first_words.yes and w not in first_words.no]


def says_yes_first(text: str) -> bool:
    """Whether `text` starts with a word that answers yes on its own ("yes, a fit",
    "yeah the rash one"), not "I have a headache"."""
    toks = tokens(_answer_text(text))
    return bool(toks) and toks[0] in yes_no.table().yes
