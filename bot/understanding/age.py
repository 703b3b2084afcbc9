"""The person's age in years: "I'm 70", "70 years old", "aged 45", "in my forties".

Somebody else's age ("my 12 year old son") is not theirs; a bare number is
an age only when the age was asked.
"""
from __future__ import annotations

import datetime
import re
from typing import Optional

from bot import knowledge, red_flags
from bot.knowledge import someone_else
from bot.understanding.numbers import BARE_NUMBER, NUMBER_WORD, TENS, UNITS, to_number
from bot.understanding.text import normalise, tokens

__all__ = ["age_in_free_text", "parse_age"]

_AGE_NUM = r"(\d{1,3}|" + NUMBER_WORD + r")"
_NOT_AN_AGE_AFTER = (r"(?!\s*(?:%|percent|days?|weeks?|months?|hours?|hrs?|h\b|mins?|minutes?|seconds?|secs?|times?|kg|kilos?|"
                     r"degrees?|deg\b|c\b(?!/)|celsius|fahrenheit|"
                     r"lbs?|pounds?|stone|cm|feet|ft|foot|inches|miles|km|/|out of|of 10|or so days|x\b|mg|am\b|pm\b|"
                     r"o clock|oclock|days?)|[.,]\d)")   # nor a decimal: "39,5" is a temperature
_AGE_PATTERNS = (
    re.compile(r"\b" + _AGE_NUM + r"\s*(?:years?|yrs?|yr)?\s*old\b"),
    re.compile(r"\b" + _AGE_NUM + r"\s*(?:y/o|yo|y\.o\.?|years of age)\b"),
    # clinical shorthand: "62F", "45 m", "71yo male"
    re.compile(r"(?:^|[.,;:!?] ?|\b(?:res|resident|pt|patient|client|service user) )(\d{2,3}) ?(?:f|m|yf|ym|female|male)\b"
               r"(?! ?(?:weeks?|wks?|months?))"),
    # care notes: "Resident (84)", "Res (79)", "client is 64", "pt aged 71" (the text is
    # normalised: no brackets)
    re.compile(r"\b(?:res|resident|pt|patient|client|service user)\s+(?:is\s+)?(?:aged\s+)?(\d{2,3})\b" + _NOT_AN_AGE_AFTER
               + r"(?!\s*(?:weeks?|months?) pregnant)"),
    re.compile(r"\b(?:aged|age|age is|my age is|i turned|just turned|i am turning|turned)\s*:?\s*(?:about |around |nearly |almost )?"
               + _AGE_NUM + r"\b" + _NOT_AN_AGE_AFTER),
    # a person "of" an age: "I am a retired schoolmaster of 74", "my mum, a lady of 80", "a man of
    # 81 years" (never "a family of 4", "a temperature of 39", "a nurse of 20 years": a person, or
    # "I am a ... of" with no years after, as a trade's years are service)
    re.compile(r"\b(?:i am|im|i m)\s+an?\s+(?:\w+\s+){0,3}?of\s+(\d{2,3})\b"
               + _NOT_AN_AGE_AFTER + r"(?!\s*(?:years?|yrs?)\b(?!\s*(?:old|of age)))(?!\s*(?:weeks?|months?) pregnant)"),
    re.compile(r"\ban?\s+(?:(?:young|old|elderly|retired|fit|healthy|active)\s+)?"
               r"(?:man|woman|lady|gentleman|gent|chap|fellow|bloke|guy|person|pensioner|retiree)\s+of\s+(\d{2,3})\b"
               + _NOT_AN_AGE_AFTER + r"(?!\s*(?:years?|yrs?)\s+(?:experience|service|standing|marriage|practice)\b)"
               r"(?!\s*(?:weeks?|months?) pregnant)"),
    # the person described, in a message written for them: "she is 68", "mum 78", "my dad, 72,"
    re.compile(r"\b(?:(?:she|he|they)\s+(?:is|are)|shes|hes)\s+(?:about |around |nearly |almost |only |just )?"
               r"(\d{2,3})\b"
               + _NOT_AN_AGE_AFTER + r"(?!\s*(?:weeks?|months?) pregnant)"),
    # Spanish answers read in English (bot.normalise.answers_in_english): "tiene 81 años", "de 74 años"
    re.compile(r"\b(?:is|de)\s+(\d{2,3})\s+years?\b(?!\s+(?:ago|since|of))"),
    re.compile(r"\b(?:mum|mom|mother|mam|dad|father|gran|granny|grandma|nan|nana|grandad|grandpa|grandmother|"
               r"grandfather|husband|wife|partner|mums|moms|dads|mams|nans|step ?(?:mum|mom|mother|dad|father)|"
               r"(?:mother|father)[- ]in[- ]law|aunt|auntie|aunty|uncle|neighbou?r)\s*(?:is|,)?\s*(\d{2,3})\b" + _NOT_AN_AGE_AFTER
               + r"(?!\s*(?:weeks?|months?) pregnant)"),
    # "my <relative> is 74", also as Spanish reads in English ("mi abuela tiene 79" -> "mi abuela is 79")
    re.compile(r"\b(?:my|mi|our|nuestra|nuestro)\s+\w+\s+is\s+(\d{2,3})\b" + _NOT_AN_AGE_AFTER
               + r"(?!\s*(?:weeks?|months?) pregnant)"),
    # the person described, in words from twenty up: "my dad is sixty-one", "she's seventy two"
    re.compile(r"\b(?:(?:she|he|they|mum|mom|mother|dad|father|gran|grandma|grandad|grandpa|husband|wife|partner)\s+"
               r"(?:is|are)|shes|hes|i am|im)\s+(?:about |around |nearly |almost |only |just )?((?:"
               + "|".join(TENS) + r")(?:\s(?:" + "|".join(list(UNITS)[1:10]) + r"))?)\b"
               + _NOT_AN_AGE_AFTER + r"(?!\s*(?:weeks?|months?) pregnant)"),
    # a Spanish speaker's English for "tengo 66 años": "I have 66 years", "she has 71 years", the
    # clause ending there (a span is no age: "I have 20 years of migraines", "30 years married")
    re.compile(r"\b(?:i|she|he|my \w+|mi \w+)\s+(?:have|has|haves|am having)\s+(\d{2,3})\s+(?:years?|yrs?|anos|años)"
               r"(?=\s*(?:[.,;:!?]|$|and\b|y\b|old\b))"),
    # Spanish without "años": "mi mamá tiene 70", "cumplí 55 en enero"
    re.compile(r"\b(?:tiene|tengo|cumpli|cumplio|cumple|cumplo|va a cumplir|voy a cumplir)\s+(\d{2,3})\b"
               r"(?!\s*(?:dias|días|semanas|meses|horas|veces|minutos|min|%|de fiebre|grados|de (?:temperatura|embarazo)))"
               r"(?!\s*[.,]\d)"),
    # an age at which the headaches began, which is about now: "first ever headaches at 67"
    re.compile(r"\b(?:first|started|start|starting|began|begun|beginning|headaches?|migraines?)\b(?:\s+\w+){0,3}?\s+"
               r"(?:at|at age|at the age of|aged)\s+([2-9]\d)\b(?!\s*(?:am|pm|oclock|o clock|:|%|mg|degrees|°))"),
    re.compile(r"\bi am\s+(?:about |around |nearly |almost |only |just )?(\d{1,3}|" +
               r"(?:" + "|".join(TENS) + r")(?:\s(?:" + "|".join(list(UNITS)[1:10]) + r"))?|"
               r"ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)\b"
               + _NOT_AN_AGE_AFTER + r"(?!\s*(?:weeks?|months?) pregnant)"),
    # last, as the least sure (an age said outright above wins: "I'm 70, just retired at 65"):
    # retired just now, at an age: "just retired at 65"
    re.compile(r"\b(?:just|recently|newly|only just|jubilad[oa]|me jubil[eé]|se jubil[oó])\s+(?:retired\s+)?(?:at|aged|a los)\s+"
               r"([4-9]\d)\b"),
    # Spanish, an age set off by commas, as a note gives it: "Mi madre, 76 años, ...", "62 años,
    # dolor en la sien" (in English ", 40 years" is as often how long: "migraines, 40 years")
    re.compile(r"(?:^|,\s*)([2-9]\d|1[01]\d)\s+(?:años|anos)(?!\s*(?:de|con|así|asi|sin|que|desde|hace|en|y|ya|ahora|"
               r"seguidos?|o|or|más|mas)\b)(?![^\W\d_])"),
    # a message that opens with an age and goes on: "62, never been a headache person", "56. new
    # for me", "55 and getting headaches"; from forty up, where no pain score, day count or hour
    # of the day reads that way, and not when a unit of time follows
    re.compile(r"^\s*([4-9]\d|1[01]\d)(?=\s*[,.;:]\s|\s+(?:and|y|yrs?|yo)\b)(?![^.]{0,25}\b(?:hours?|hrs?|minutes?|"
               r"mins?|days?|weeks?|wks?|months?|horas|minutos|dias|días|semanas|meses|mg|%|percent|degrees|grados)\b)"),
    # Spanish, a relative and an age without "años": "mi mamá de 74 dice que..."
    re.compile(r"\b(?:mi|su|nuestra|nuestro)\s+\w+\s+de\s+(\d{2,3})\b(?!\s*(?:dias|días|semanas|meses|horas|veces|"
               r"minutos|min|%|grados|[.,]\d))"),
)
# the year of birth ("born 1949", "b. 1962", "DOB 1958", "nací en 1950"): the age is this year
# less that one (a year more than the age until the birthday: the safer side of an age rule);
# a child's birth year ("my son was born in 2019") tells nothing of the writer
_BORN = re.compile(r"(?<!son )(?<!daughter )(?<!child )(?<!kid )(?<!baby )(?<!boy )(?<!girl )(?<!grandson )"
                   r"(?<!granddaughter )(?<!son was )(?<!daughter was )(?<!child was )(?<!baby was )(?<!kid was )"
                   r"\b(?:born(?: in)?|b\.|dob:?|date of birth:?|year of birth:?|naci(?:ó|o|da|do)?(?: en(?: el)?)?|"
                   r"nac(?:ió|io|ida|ido) en(?: el)?)\s+((?:19|20)\d\d)\b")
# someone else named in the sentence: their age at an event is not the writer's
_SOMEONE_ELSE = re.compile(r"\b(?:(?:my|his|her|our|their)\s+(?:\w+\s+)?)?" + red_flags.shared_words("relatives") + r"s?\b")
_DECADES = {"teens": 15, "twenties": 20, "thirties": 30, "forties": 40, "fourties": 40, "fifties": 50,
            "sixties": 60, "seventies": 70, "eighties": 80, "nineties": 90}


def _valid_age(n: Optional[float]) -> Optional[int]:
    if n is None or n != int(n) or n < 1 or n > 120:
        return None
    return int(n)


def parse_age(text: str, bare_number_ok: bool = False) -> Optional[int]:
    """The person's age in years: "I'm 70", "70 years old", "aged 45", "forty".

    A bare "40" counts only with `bare_number_ok` (when the age was asked); a
    number spelt out on its own ("forty", "sixty-two") counts from twenty up,
    as nobody scores pain or counts days that way; impossible ages (<1 or
    >120) give None.
    """
    age = _age(text, bare_number_ok)
    if age is None and not bare_number_ok:
        m = re.fullmatch(r"(?:(?:about|around|nearly|almost|just|only) )*((?:" + "|".join(TENS) + r")"
                         r"(?:\s(?:" + "|".join(list(UNITS)[1:10]) + r"))?|(?:a |one )?hundred)\.?", normalise(text))
        if m:
            age = _valid_age(to_number(m.group(1)))
    return age


def age_in_free_text(text: str) -> Optional[int]:
    """The age stated in a free message ("I'm 70"); never a bare or spelt-out number."""
    return _age(text, bare_number_ok=False)


# an age in brackets after the person named, as care notes and forms give it: "Mrs D (88)", "Dad
# (79)", "resident (aged 84)" (read before normalising, which drops brackets); only after a title,
# a relative or a resident and at most two names or initials, and only when no age is said
# otherwise ("a temperature (39)", "amitriptyline (25)", "room (101)" are none)
@knowledge.cached
def _bracketed() -> re.Pattern:
    """After a title of someone_else.yml ("Mrs D (88)", "resident (84)"), as care notes name the
    person they are about; never after a relative, whose age is theirs ("my son (35) made me
    write this"; for a relative who has the headache, their age is asked)."""
    named = sorted(someone_else.table().titles, key=len, reverse=True)
    return re.compile(
        r"\b(?:" + "|".join(r"\s+".join(map(re.escape, word.split())) for word in named) + r")\.?"
        r"(?:\s+[A-Z][\w'-]*\.?){0,2}\s*\(\s*(?:aged?\s*)?(?P<n>\d{2,3})\s*(?:y/?o|yrs?|years?(?: old)?)?\s*\)",
        re.IGNORECASE)


def _age(text: str, bare_number_ok: bool) -> Optional[int]:
    t = normalise(text)
    if not t:
        return None
    for rx in _AGE_PATTERNS:
        for m in rx.finditer(t):
            if re.search(r"\b(?:my|his|her|our|their|a|the)\s*$", t[:m.start()]) and re.match(
                    r"\s*(?:son|daughter|child|kid|boy|girl|baby|husband|wife|partner|mum|mother|dad|father|"
                    r"brother|sister|friend|grandson|granddaughter|nephew|niece|patient)\b", t[m.end():]):
                continue    # somebody else's age: "my 12 year old son"
            return _valid_age(to_number(m.group(1)))
    m = _BORN.search(t)
    if m:
        return _valid_age(_this_year() - int(m.group(1)))
    m = _bracketed().search(text)
    if m and 16 <= int(m.group("n")) <= 115:
        return int(m.group("n"))
    m = re.search(r"\bin (?:my|her|his) (early |mid |late )?(\d0s|" + "|".join(_DECADES) + r")\b", t)
    if m:
        base = int(m.group(2)[:2]) if m.group(2)[0].isdigit() else _DECADES[m.group(2)]
        if base == 10:
            base = 15
        return base + {"early ": 2, "mid ": 5, "late ": 8}.get(m.group(1) or "", 5)
    m = re.search(r"\b(?:over|older than) (\d{2}|" + NUMBER_WORD + r")\b", t)
    if m and re.search(r"\b(?:i am|age|aged)\b", t):
        n = _valid_age(to_number(m.group(1)))
        return n + 1 if n and n < 120 else n
    # an age at an event and how long ago it was: "retired at 60, six years ago now" -> 66
    m = re.search(r"\bat (?:the age of |age )?([4-9]\d)\b(?!\s*(?:mph|kph|km|miles|%|percent|degrees|mg|am|pm|:))"
                  r"[^.;]{0,25}?\b(" + NUMBER_WORD + r"|\d{1,2}) years? ago\b", t)
    if m:
        sentence = t[t.rfind(".", 0, m.start()) + 1:m.end()]
        then, since = to_number(m.group(1)), to_number(m.group(2))
        if then and since and not _SOMEONE_ELSE.search(sentence):     # not "my dad had a stroke at 60"
            return _valid_age(then + since)
    # an age told as a round one close by: "pushing sixty", "knocking on 70", "getting on
    # for eighty" (just under it), "the wrong side of fifty" (just over it)
    m = re.search(r"\b(?:(pushing|knocking on|getting on for|coming up (?:to|on))|(?:on )?the wrong side of)\s+"
                  r"([2-9]0|" + "|".join(TENS) + r")\b" + _NOT_AN_AGE_AFTER, t)
    if m:
        n = _valid_age(to_number(m.group(2)))
        return (n - 1 if m.group(1) else n + 1) if n else n
    m = re.search(r"\bi will be (\d{1,3}|" + NUMBER_WORD + r")\b", t)
    if m:
        n = _valid_age(to_number(m.group(1)))
        return n - 1 if n and n > 1 else n
    if bare_number_ok:
        numbers = re.findall(BARE_NUMBER, t)
        rest = tokens(re.sub(r"\d+(?:\.\d+)?", " ", t))
        fillers = {"about", "around", "roughly", "nearly", "almost", "i", "am", "years", "yrs", "age", "just",
                   "turned", "only", "its", "it", "is", "im", "y", "o", "and", "a", "half", "ish", "now"}
        if len(numbers) == 1 and all(w in fillers for w in rest):
            return _valid_age(float(numbers[0]))
        if not numbers:
            m = re.fullmatch(r"(?:(?:about|around|nearly|almost|just|only|i am|i will be) )*(" + NUMBER_WORD + r")"
                             r"(?: years?)?\.?", t)
            if m:
                return _valid_age(to_number(m.group(1)))
    return None


def _this_year() -> int:
    return datetime.date.today().year
