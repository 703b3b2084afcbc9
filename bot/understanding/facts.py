"""Whole messages and the answers to the interview's questions.

- `extract_facts(text)` reads one free message without knowing what was asked
  and keeps only what is unambiguous (no bare numbers, no guesses);
- `parse_answer(slot, text)` reads the answer to the question for `slot`, so a
  bare "40" is an age when the age was asked. Both return None for "not
  understood", so the bot can ask again; an empty list for triggers means
  "answered: nothing in particular".
"""
from __future__ import annotations

import math
import re
from collections.abc import Callable
from typing import Any, Optional

from bot import knowledge
from bot.knowledge.triggers import table as trigger_table
from bot.knowledge.triggers import warning_concepts
from bot.understanding.age import age_in_free_text, parse_age
from bot.understanding.duration import parse_duration_hours
from bot.understanding.frequency import A_MONTH, FREE_DAY, normalise_for_frequency, parse_frequency_days, range_high
from bot.understanding.history import history_in_free_text, parse_history
from bot.understanding.lexicon import find_regions, find_triggers
from bot.understanding.medication import mentions_medication, parse_medication, taken_as_needed
from bot.understanding.numbers import NUM, to_number
from bot.understanding.sex import sex_in_free_text
from bot.understanding.severity import parse_severity, severity_in_free_text
from bot.understanding.text import clauses, normalise, tokens

__all__ = ["SLOTS", "as_written", "extract_facts", "only_where_it_hurts", "parse_answer", "puts_places_right"]


def as_written(text: str) -> str:
    """The text with emoji, chat abbreviations and misspellings of the words the parsers
    look for read as words: the warning-sign detector's normaliser (bot.normalise), with
    the apostrophes kept for the contractions read here; in a Spanish or mixed message,
    its time, frequency and number words read in English."""
    from bot import normalise as spelling

    return spelling.answers_in_english(spelling.normalise(text or "", keep_apostrophes=True).text)

SLOTS = ("location", "duration", "history", "frequency", "severity",
         "triggers", "age", "medication")

_HEADACHE_WORDS = re.compile(
    r"\b(?:headaches?|migraines?|aches?|pains?|them|they|these|it|one|ones|attacks?|episodes?|get|gets|getting|"
    r"have|having|had|happens?|comes?|hurts?|head|dolor(?:es)? de cabeza|duele|dolía|migrañas?|jaquecas?|cabeza)\b")
# A painkiller taken with every headache: its days a month are the headache's.
_EVERY_HEADACHE = re.compile(
    r"\b(?:every|each) (?:time|one|headache|attack|day i have (?:one|it|them))\b|\bwhenever\b|"
    r"\b(?:all|every one of|on all|all of) (?:those|these|them|the) days\b|\b(?:all|almost all|most of) (?:those|these) days\b|"
    r"\b(?:todos|casi todos) (?:esos|estos|los) days\b|\bcada vez\b|\bsiempre que\b")
# Clauses: also Spanish "y" / "pero" and "so"; a clause that says only how often
# belongs to the clause before it ("I take co-codamol, about 12 days a month").
# (a comma between two numbers is a range, "12, 14 days a month", not a break)
_CLAUSE_BREAK = re.compile(r"\band\b|\bbut\b|\bso\b|\by\b|\bpero\b|[.;!?]|(?<!\d),|,(?! ?\d)")
# A clause told of the past ("I used to have them 15 days a month", "back in 2018 I was on
# triptans every other day", "as a teenager"): its counts are not this month's.
_PAST_TOLD = re.compile(
    r"\b(?:used to|years ago|years back|decades? (?:ago|back)|back in (?:(?:19|20)\d\d|the day)|back then|in the past(?! (?:\w+ ){0,2}(?:months?|weeks?|days?|fortnight)\b)|in (?:my|his|her) (?:teens|twenties|youth)|"
    r"when (?:i|he|she) (?:was|were) (?:younger|little|small|a (?:kid|child|teen|teenager|student))|"
    r"as a (?:kid|child|teen|teenager|student)|(?:had to |have to )?c[oa]me off|no longer|not any ?more)\b")
# ... unless the past is when the present began ("since my accident 3 years ago I take...").
_SINCE_THEN = re.compile(r"\bsince\b[^,.;]*\b(?:years ago|years back|back in)\b")


_SENTENCE_OR_BUT = re.compile(r"[.;!?]|\bbut\b|\bpero\b")
# A past with a date: years or decades back, a year, childhood or school days.
_DATED_PAST = re.compile(
    r"\b(?:years ago|years back|decades? (?:ago|back)|back in (?:(?:19|20)\d\d|the day)|"
    r"in (?:my|his|her) (?:teens|twenties|youth)|as a (?:kid|child|teen|teenager|student)|"
    r"when (?:i|he|she) (?:was|were) (?:younger|little|small|a (?:kid|child|teen|teenager|student)|at school|\d+)|"
    r"hace (?:\w+ )?(?:años|anos))\b")


def _told_of_the_past(clause: str) -> bool:
    return bool(_PAST_TOLD.search(clause)) and not _SINCE_THEN.search(clause)


_FREQUENCY_CUES = re.compile(
    r"\b(?:a|per|each|every) (?:week|month|day|fortnight|year)\b|\bdaily\b|\bweekly\b|\bmonthly\b|"
    r"\bmost days\b|\bevery ?day\b|\bevery other day\b|\bconstant(?:ly)?\b|\ball the time\b|"
    # "every single day", "20 days out of every 30", "headache-free days are rare, 4 a month"
    r"\bevery single (?:day|morning|night)\b|\b(?:days?|of them) out of\b|\bout of (?:every|each) \w+\b|"
    r"\b" + FREE_DAY + r"\b|"
    r"\bmost (?:mornings|evenings|nights|of the month)\b|\bdays (?:a|per|in a|in the|of the|out of the) month\b|"
    # a count of last month: "22 days last month", "last month it was 19 days"
    # ("15 headache days last month", "last month, headache on 22 days")
    # or of a month named ("19 headache days in March", "in October I had 18")
    r"\b\d+ (?:(?:headache|migraine|bad|pain) )?(?:days?|times) (?:in |over )?(?:the )?" + A_MONTH + r"\b|"
    r"\b" + A_MONTH + r"\b[^.\d]{0,40}\d+ (?:(?:headache|migraine|bad|pain) )?(?:days?|times)\b")
_FREE_DAYS = re.compile(r"\b" + FREE_DAY + r"\b")
# painkillers taken on a share of the headache days told before ("... on 12 of them")
_ON_SOME_OF_THEM = re.compile(r"\bon (?P<n>" + NUM + r") of (?:them|those|these|the days|them days|those days)\b")
# What says a clause after a painkiller is about the headaches again ("I get them 12
# days a month"); a bare "it" is not enough ("12 days a month if I add it up").
_HEADACHE_SUBJECT = re.compile(
    r"\b(?:headaches?|migraines?|them|they|these|attacks?|episodes?|get|gets|getting|have|having|happens?|"
    r"comes?|hurts?|head|dolor(?:es)? de cabeza|duele|dolía|migrañas?|jaquecas?|cabeza)\b")
# The painkiller of the clause before, taken again by a pronoun: "I'm using it about 12 days
# a month", "I take them most days" (about the medicine, whatever else the clause says)
_TAKING_IT = re.compile(
    r"\b(?:using|use|uses|used|taking|take|takes|took|popping|pop|pops|needing|need|needs|reaching for|"
    r"relying on|rely on) (?:it|them|one|those|these|the (?:tablets|pills|spray|injections?))\b")
_DURATION_CUES = re.compile(
    r"\b(?:for|since|lasted|lasting|lasts|last|past|ago|over|about|nearly|almost|already|been)\b|"
    r"\bwoke up with\b|\ball day\b|\bthis (?:morning|afternoon|evening)\b")


@knowledge.cached
def _habit_words() -> re.Pattern:
    """Any word of a habit (triggers.yml `habit_words`), as a whole word."""
    return re.compile(r"\b(?:" + "|".join(map(re.escape, trigger_table().habit_words)) + r")\b")


def _free_duration(t: str) -> Optional[float]:
    """Duration of this headache from a free message: cue words needed, up to 2 weeks."""
    for clause in clauses(t):
        if _FREQUENCY_CUES.search(clause) or not _DURATION_CUES.search(clause):
            continue
        if re.search(r"\b(?:headaches|migraines|them|they|these|years?)\b", clause):
            continue     # about the headache history, not this headache
        if mentions_medication(clause):
            continue     # "I took 2 paracetamol an hour ago"
        if find_triggers(clause) and not re.search(
                r"\b(?:had|have|got|with) (?:a|this|the|my)? ?(?:headache|pain|ache|migraine)\b", clause):
            continue     # "chewing gum all day": how long the habit lasts, not the headache
        hours = parse_duration_hours(clause)
        if hours is not None and hours <= 14 * 24:
            if re.fullmatch(r"(?:.* )?(?:for|about|nearly|almost) (?:a|an|one)?", clause):
                continue
            return hours
    return None


def extract_facts(text: str) -> dict[str, Any]:
    """Everything unambiguous in one free message, keyed like Facts.

    Keys among: location (region ids), duration_hours, history,
    frequency_days, severity, triggers (trigger ids), age, medication_days,
    medication_kind, sex. Only what is clearly stated: no bare numbers.
    """
    text = as_written(text)
    t = normalise(text)
    facts: dict[str, Any] = {}
    if not t:
        return facts
    regions = [r for r, _ in find_regions(text)]
    if regions:
        facts["location"] = regions
    # A trigger that is itself a warning sign (exertion) counts only as the answer
    # to "what brings it on?": in free text, "playing rugby when I was 15" is not one.
    triggers = [g for g, _ in find_triggers(text) if not warning_concepts([g])]
    if triggers:
        facts["triggers"] = triggers
    age = age_in_free_text(text)
    if age is not None:
        facts["age"] = age
    sex = sex_in_free_text(text)
    if sex is not None:
        facts["sex"] = sex
    history = history_in_free_text(text)
    if history is not None:
        facts["history"] = history
    duration = _free_duration(t)
    if duration is not None:
        facts["duration_hours"] = duration
    severity = severity_in_free_text(t)
    if severity is not None:
        facts["severity"] = severity

    if _FREE_DAYS.search(t):
        # the days without a headache, told across clauses ("headache-free days are rare, I'd
        # say 4 or 5 a month"): the rest of the month
        days = parse_frequency_days(t)
        if days is not None:
            facts["frequency_days"] = days
    previous = None             # what the clause before was about: "medication" | "headache"
    with_every_headache = False
    medication_named = False    # a painkiller named earlier, which "taking it" can take up again
    for clause in _CLAUSE_BREAK.split(t):
        clause = clause.strip()
        if not clause:
            continue
        if _told_of_the_past(clause):
            previous = None
            continue
        how_often = bool(_FREQUENCY_CUES.search(clause) or re.search(r"\btimes (?:a|per)\b", clause))
        if mentions_medication(clause):
            previous = "medication"
            medication_named = True
            with_every_headache |= bool(_EVERY_HEADACHE.search(clause))
            days, kind = parse_medication(clause)
            if kind is not None and "medication_kind" not in facts:
                facts["medication_kind"] = kind
            if days is not None and "medication_days" not in facts and (
                    days == 0 or _FREQUENCY_CUES.search(clause) or re.search(r"\bdays?\b|\btimes\b", clause)
                    or re.search(r"now and then|occasional|sometimes|rarely", clause)):
                facts["medication_days"] = days
            share = _ON_SOME_OF_THEM.search(clause)
            if share and "medication_days" not in facts and facts.get("frequency_days"):
                # "20 headache days a month, co-codamol on 12 of them": a share of those days
                n = to_number(share.group("n"))
                if n is not None:
                    facts["medication_days"] = int(min(n, facts["frequency_days"]))
        elif how_often and (
                (medication_named and _TAKING_IT.search(clause))
                or (previous == "medication" and not _HEADACHE_SUBJECT.search(clause))):
            days = parse_frequency_days(clause)    # "I take co-codamol, about 12 days a month"
            if days is not None and "medication_days" not in facts:
                facts["medication_days"] = days
        elif "frequency_days" not in facts and _HEADACHE_WORDS.search(clause) and how_often:
            previous = "headache"
            if _habit_words().search(clause) and not re.search(r"\b(?:headaches?|migraines?)\b", clause):
                continue    # "I chew gum every day": the habit's frequency, not the headache's
            days = parse_frequency_days(clause)
            if days is not None:
                facts["frequency_days"] = days
        elif _EVERY_HEADACHE.search(clause) and previous == "medication":
            with_every_headache = True
        else:
            previous = None if how_often or _HEADACHE_WORDS.search(clause) else previous
    if with_every_headache and "medication_days" not in facts and facts.get("frequency_days"):
        facts["medication_days"] = facts["frequency_days"]
    return facts


_NONE_ANSWER = re.compile(
    r"^(?:none|nothing|no|nope|nah|not really|no idea|not sure|unsure|do not know|i do not know|"
    r"can not think of (?:any|anything)|nothing (?:in particular|specific|that i know of|really|i can think of)|"
    r"not that i (?:know of|can (?:tell|think of|see))|i have no idea|i am not sure|no clue|not a clue|nothing comes to mind|"
    r"no (?:triggers?|pattern)|there is no (?:trigger|pattern)|it just (?:happens|comes)|random(?:ly)?)\b")


# What may stand beside the places in a message that only says where it hurts.
_BESIDE_PLACES = frozenset({
    "and", "my", "the", "both", "in", "at", "on", "of", "around", "round", "behind", "across", "over",
    "pain", "pains", "hurts", "hurt", "it", "is", "ache", "aches", "sore", "mostly", "also", "plus",
    "too", "here", "there", "all", "sides", "side", "left", "right", "a", "bit", "mainly", "just",
    "its", "where", "whole", "area", "head", "ok", "okay", "oh", "yeah", "yes", "sorry", "i", "am",
})


def only_where_it_hurts(text: str) -> Optional[list[str]]:
    """The regions of a message that says nothing but where it hurts (what the head
    map sends: "temples, back of my head"; typed: "my temples"), else None."""
    rest = " " + " ".join(tokens(normalise(as_written(text or "")))) + " "
    regions: list[str] = []
    found = find_regions(rest)
    while found:   # one mention per region at a time: "neck and shoulders" is two
        for region, words in found:
            regions += [] if region in regions else [region]
            rest = rest.replace(f" {words} ", " ", 1)
        found = [(r, w) for r, w in find_regions(rest) if f" {w} " in rest]
    if not regions or any(word not in _BESIDE_PLACES for word in rest.split()):
        return None
    return regions


# An answer that puts the places heard right instead of adding to them ("no, only my
# temples", "actually it's just the jaw", "solo la frente"), unless it says they come too
# ("not just my neck, my temples too").
_PLACES_INSTEAD = re.compile(r"^(?:no+|nope|nah|not really|actually|sorry|wrong|en realidad|perdón|perdon)\b|"
                             r"(?<!\bnot )(?<!\bno )\b(?:only|just|solo|sólo|solamente|instead)\b")
_PLACES_AS_WELL = re.compile(r"\b(?:too|as well|also|plus|también|tambien|además|ademas)\b|"
                             r"\bnot (?:just|only)\b|\bno (?:solo|sólo|solamente)\b")


def puts_places_right(text: str) -> bool:
    """Whether an answer to "where does it hurt?", asked again about places already
    heard, replaces them rather than adding to them."""
    t = normalise(as_written(text or ""))
    return bool(_PLACES_INSTEAD.search(t)) and not _PLACES_AS_WELL.search(t)


def _answer_location(text: str) -> Optional[list[str]]:
    regions = [r for r, _ in find_regions(text, answering=True)]
    return regions or None


_COMMON_WORDS = frozenset({
    "i", "it", "is", "my", "me", "the", "a", "an", "from", "when", "after", "before", "if", "on", "in", "at",
    "of", "to", "and", "or", "but", "think", "goes", "comes", "get", "gets", "got", "was", "am", "be", "being",
    "been", "have", "had", "out", "up", "with", "by", "because", "probably", "maybe", "usually", "always",
    "sometimes", "this", "that", "there", "then", "what", "which", "so", "just", "only", "do", "does", "did",
    "not", "no", "any", "some", "it", "its", "im", "them", "they", "worse", "better", "start", "starts",
})


def _answer_triggers(text: str) -> Optional[list[str]]:
    triggers = [g for g, _ in find_triggers(text)]
    t = normalise(text)
    if triggers and warning_concepts(triggers):
        # a trigger that is a warning sign (exertion) counts unless all its sentences are
        # dated in the past: "a concussion playing rugby at school, twenty-odd years back" is
        # no headache brought on by sport ("it didn't used to", "I no longer go to the gym
        # because it sets it off" tell of now)
        now = {g for part in _SENTENCE_OR_BUT.split(t) if part.strip() and not _DATED_PAST.search(part)
               for g, _ in find_triggers(part)}
        triggers = [g for g in triggers if g in now or not warning_concepts([g])]
        if not triggers:
            return []
    if triggers:
        return triggers
    if _NONE_ANSWER.search(t) or re.search(r"\bnothing in particular\b|\bno idea\b|\bnot sure\b", t):
        return []
    if re.match(r"(?:it is |mostly |usually |only |just )?(?:when|whenever|after|if|during|while|before|on)\b", t) \
            and len(tokens(t)) >= 2:
        # an answer about circumstances the trigger table does not cover ("when I
        # cough"): answered, with no listed trigger; warning signs in it are the
        # red-flag detector's business, and asking again would loop
        return []
    toks = tokens(t)
    if len(toks) >= 4 and sum(tok in _COMMON_WORDS for tok in toks) >= 2:
        # a real sentence about what brings it on that the table does not cover
        # ("I think it is from smacking my head on the car boot"): answered
        return []
    return None


def _present(text: str) -> str:
    """The text without its clauses told of the past, when a count is left in the rest:
    "I used to have them 15 days a month, years ago. Now it's about 4" -> "now its about 4"."""
    t = normalise(text)
    clauses = [c for c in _CLAUSE_BREAK.split(t) if c.strip()]
    kept = [c for c in clauses if not _told_of_the_past(c)]
    return " ".join(kept) if len(kept) < len(clauses) and re.search(r"\d|" + NUM, " ".join(kept)) else text


def _answer_frequency(text: str) -> Optional[int]:
    text = _present(text)
    days = parse_frequency_days(text)
    if days is not None:
        return days
    t = normalise_for_frequency(text)
    m = re.fullmatch(r"(?:about |around |roughly |maybe )?(\d{1,2})(?: days?)?\.?", t)
    if m and 0 <= int(m.group(1)) <= 31:
        return min(30, int(m.group(1)))
    # the question asked for days a month, so a count without a period is a month's:
    # "a handful of times", "3 or 4 days", "twice maybe"
    m = re.search(r"(?:^|\b(?:maybe|about|around|roughly|only|just|probably|prob|like|say)\s+)"
                  r"(?P<n>" + NUM + r")(?:\s*(?:to|or)\s*(?P<m>" + NUM + r"))?"
                  r"(?:\s*(?:days?|times?|x|headaches?|migraines?|attacks?|episodes?|of them|bad days?))?"
                  r"(?:\s+(?:maybe|probably|i think|or so|roughly|really|tops|at most|at a guess|i guess))?\s*\.?$", t)
    if m and m.group("n") not in ("a", "an"):      # a bare "a" is not a count
        n = range_high(m)
        if n is not None and 0 <= n <= 31:
            return int(min(30, math.ceil(n)))
    return None


def _answer_medication(text: str) -> Optional[dict]:
    days, kind = parse_medication(text)
    t = normalise(text)
    if days is None:
        m = re.fullmatch(r"(?:about |around |roughly |maybe )?(\d{1,2})(?: days?)?\.?", t)
        if m and 0 <= int(m.group(1)) <= 31:
            days = min(30, int(m.group(1)))
    if days is None and kind is not None and taken_as_needed(t):
        # "ibuprofen when I need it": the drug is known, the days are not; the
        # interview accepts this rather than asking again and again
        return {"days": None, "kind": kind}
    if days is None:
        return None
    return {"days": days, "kind": kind}


_ANSWER_PARSERS: dict[str, Callable[[str], Any]] = {
    "location": _answer_location,
    "duration": parse_duration_hours,
    "history": parse_history,
    "frequency": _answer_frequency,
    "severity": parse_severity,
    "triggers": _answer_triggers,
    "age": lambda text: parse_age(text, bare_number_ok=True),
    "medication": _answer_medication,
}


def parse_answer(slot: str, text: str) -> Any:
    """The value of `slot` in the answer to its question, or None (ask again).

    location -> [region ids]; duration -> hours; history -> new|longstanding;
    frequency -> days a month; severity -> 0-10; triggers -> [trigger ids]
    ([] = "nothing in particular"); age -> years; medication -> {"days", "kind"}.
    """
    try:
        parser = _ANSWER_PARSERS[slot]
    except KeyError:
        raise ValueError(f"unknown slot {slot!r}; expected one of {SLOTS}") from None
    if text is None or not str(text).strip():
        return None
    return parser(as_written(str(text)))
