"""How often: headache days a month ("once a week" -> 4, "most days" -> 20).

A count over another period is scaled to a month; a range counts at its
higher end, the safer reading at the 15-day line of chronic headache. The
painkiller parser reads its days a month the same way.
"""
from __future__ import annotations

import re
from typing import Optional

from bot.understanding.numbers import NUM, to_number
from bot.understanding.text import normalise

__all__ = ["normalise_for_frequency", "parse_frequency_days", "range_high"]

# the days named with what they had ("18 days with a headache", "3 days of pain")
_WITH_WHAT = r"(?:with|of) (?:a |the )?(?:headaches?|migraines?|pain|a sore head)"
_PER = re.compile(
    # (not a count of work: "I work 5 shifts a week and get them on 2")
    r"(?<!work )(?<!do )(?<!pull )(?<!cover )(?<!doing )(?<!working )(?P<n>" + NUM + r")(?:\s*(?:to|or)\s*(?P<m>" + NUM + r"))?\s*"
    # days named by what they are: "4 migraine days a month", "10 bad days a month"
    r"(?:(?:headache|migraine|bad|pain|painful|attack) (?=days?\b))?"
    # (a day of work or school counts as a day: "two or three shifts a week")
    r"(?:days?|mornings?|afternoons?|evenings?|nights?|times?|x|headaches?|migraines?|attacks?|episodes?|of them|ones?|"
    r"shifts?|work ?days?|school ?days?)?\s*"
    r"(?:(?<=days )" + _WITH_WHAT + r" )?"
    r"(?:a|per|each|every|in a|in the|in every|in each|of every|of each|/|out of(?: the)?)\s*"
    r"(?P<unit>day|week|wk|fortnight|month|year|30 days|31 days)\b")


def _per_month(n: float, unit: str) -> int:
    if unit == "day":
        return 30
    if unit in ("week", "wk"):
        return 30 if n >= 7 else int(round(n * 4))
    if unit == "fortnight":
        return int(round(min(n, 14) * 2))
    if unit == "year":
        return max(1, int(round(n / 12)))
    return int(round(min(n, 30)))


_FREQUENCY_WORDS = (
    (r"\b(?:every|each) other day\b|\bevery (?:couple of|two|2) days\b|\bhalf (?:the|of the) (?:month|time|days)\b", 15),
    (r"\bevery (?:few|three|3) days\b", 10),
    (r"\b(?:almost|nearly|practically|pretty much) (?:every ?day|daily|all the time|constant(?:ly)?|always)\b", 25),
    (r"\bevery (?:single )?day\b|\beveryday\b|\bdaily\b|\bconstant(?:ly)?\b|\ball the time\b|\bnon ?stop\b|"
     r"\b24/7\b|\bevery (?:morning|evening|night|afternoon)\b|\bcontinuous(?:ly)?\b|\bnever (?:goes away|stops|leaves)\b", 30),
    (r"\bmost (?:days|mornings|evenings|nights|of the (?:month|time|days))\b|\bmore often than not\b|"
     r"\bmajority of (?:days|the month)\b|\bevery weekday\b|\bweekdays\b|\bmore days than not\b|"
     r"\bmore (?:days )?with (?:than|then) without\b|\bmost of the week\b|\bmost weeks?days\b|"
     r"\bevery weeknight\b|\bweeknights\b", 20),
    (r"\b(?:at|on|most|every) weekends\b", 8),
    (r"\bhalf the week\b|\ba few (?:days|times) (?:a|per|each|every) week\b", 12),
    (r"\bweekly\b|\bevery week\b|\bevery weekend\b|\bonce a week\b|"
     r"\bevery week or (?:two|so)\b", 4),
    (r"\bfortnightly\b|\bevery (?:fortnight|two weeks|2 weeks)\b", 2),
    (r"\bmonthly\b|\bevery month\b|\bonce a month\b", 1),
    (r"\boccasional(?:ly)?\b|\bnow and (?:then|again)\b|\bsometimes\b|\bfrom time to time\b|"
     r"\bonce in a while\b|\bnot (?:very |that |too )?often\b|\bthe odd\b|\bnot much\b|\binfrequent(?:ly)?\b", 2),
    (r"\bless than (?:once|one) a month\b|\bonce in a blue moon\b|\balmost never\b|\bvery rarely\b|"
     r"\brarely\b|\bhardly ever\b|\bseldom\b|\bfirst (?:ever |time|one)\b|\bonly once\b|\bjust (?:the )?once\b|"
     r"\bjust this one\b|\bthis is the first\b|\bnever (?:had|before)\b|\bonce\b", 1),
)


_APPROX_AFTER = re.compile(r"(?<!\d)(\d+)\s*(?:ish\b|or so\b|odd\b|or more\b|plus\b|\+|at least\b|at most\b)")
_PERIOD_UNIT = r"(?P<unit>days?|weeks?|wks?|fortnights?|months?|years?)\b"
# "3 or 4 times in the last couple of weeks", "twice over the past month", "5 in 2 weeks"
_IN_PERIOD = re.compile(
    r"(?P<n>" + NUM + r")(?:\s*(?:to|or)\s*(?P<m>" + NUM + r"))?\s*"
    r"(?:days?|times?|x|headaches?|migraines?|attacks?|episodes?|of them|ones?|bad days?)?\s*"
    r"(?:in|over|during|within|across|for|out of)\s+(?:the\s+|a\s+)?(?:last|past|previous|recent|next)?\s*"
    r"(?:(?P<p>" + NUM + r")\s*)?" + _PERIOD_UNIT)
# "20 days out of 30", "10 out of the last 14 days", "20 days from 30", "15 days of 30"
_OUT_OF = re.compile(
    r"(?P<n>" + NUM + r")(?:\s*(?:to|or)\s*(?P<m>" + NUM + r"))?\s*(?:days?|of them)?\s*"
    r"(?:out of|(?<=days )(?:from|of))\s+"
    r"(?:the\s+)?(?:last\s+|past\s+)?(?:every\s+)?(?P<p>" + NUM + r")\b(?!\s*(?:weeks?|months?|years?))")
# the days WITHOUT a headache: "only 4 or 5 headache-free days a month", "pain-free days are
# rare, maybe 3 a month" -> the rest of the month (a range at its lower end: more headache days)
FREE_DAY = r"(?:headache|pain|migraine)[- ]?free days?"
_FREE_DAYS = re.compile(
    FREE_DAY + r"\b(?:[^.\d]{0,40}?\b)?(?P<n>" + NUM + r")(?:\s*(?:to|or)\s*(?P<m>" + NUM
    + r"))?\s*(?:days?\s*)?(?:a|per|each|in a|every)\s*month\b"
    r"|(?P<n2>" + NUM + r")(?:\s*(?:to|or)\s*(?P<m2>" + NUM + r"))?\s*" + FREE_DAY + r"\s*"
    r"(?:a|per|each|in a|every)\s*month\b")
# "20 days out of every month", "3 out of each week"
_OUT_OF_EVERY = re.compile(
    r"(?P<n>" + NUM + r")(?:\s*(?:to|or)\s*(?P<m>" + NUM + r"))?\s*(?:days?|times?|of them)?\s*"
    r"out of\s+(?:every|each|a|the)\s+" + _PERIOD_UNIT)
# "every 2 or 3 days", "once every couple of weeks"
_EVERY_N = re.compile(
    r"(?:(?P<n>" + NUM + r")\s*(?:to|or)?\s*(?:times?\s*)?)?\bevery\s+(?P<p>" + NUM + r")"
    r"(?:\s*(?:to|or)\s*(?P<q>" + NUM + r"))?\s*" + _PERIOD_UNIT)
# a count of last month: "22 days last month", "last month it was 19 days", "14 days in the past
# month", "15 headache days last month", and the days the headache was on, told after the
# month ("last month I had a headache on 22 days": its "a headache" is no count of one)
_DAYS_OF = r"(?:(?:headache|migraine|bad|pain|sore|painful)\s+)?days?(?: " + _WITH_WHAT + ")?"
# one month, told as such or by its name ("in March": not "may", a verb as often)
A_MONTH = (r"(?:(?:last|this|past|previous)\s+month|january|february|march|april|june|july|august|"
            r"september|october|november|december)")
_LAST_MONTH = re.compile(
    r"(?P<n>" + NUM + r")(?:\s*(?:to|or)\s*(?P<m>" + NUM + r"))?\s*(?:" + _DAYS_OF + r"|times?|headaches?|migraines?|of them)\s+"
    r"(?:in |over |during )?(?:the )?" + A_MONTH + r"\b"
    r"|\b" + A_MONTH + r"\b[^.\d]{0,40}?\b(?:on|for)\s+(?P<n3>\d+)(?:\s*(?:to|or)\s*(?P<m3>\d+))?\s*"
    + _DAYS_OF + r"\b"
    r"|\b" + A_MONTH + r"\b[^.\d]{0,30}?(?P<n2>" + NUM + r")(?:\s*(?:to|or)\s*(?P<m2>" + NUM + r"))?\s*"
    r"(?:" + _DAYS_OF + r"|times?|headaches?|migraines?|of them)\b")
_PER_MONTH_FACTOR = {"day": 30.0, "week": 4.0, "wk": 4.0, "fortnight": 2.0, "month": 1.0, "year": 1 / 12}


def _unit_key(unit: str) -> str:
    for key in ("fortnight", "month", "year", "week", "wk", "day"):
        if unit.startswith(key):
            return key
    raise ValueError(unit)


def _scaled(n: float, period: float, unit: str) -> Optional[int]:
    """`n` headache days in `period` `unit`s, as days a month (weeks count as 4 a month)."""
    if n is None or period is None or period <= 0:
        return None
    key = _unit_key(unit)
    n = min(n, period * {"day": 1, "week": 7, "wk": 7, "fortnight": 14, "month": 30, "year": 365}[key])
    days = n * _PER_MONTH_FACTOR[key] / period
    if days <= 0:
        return 0
    return int(min(30, max(1, round(days))))


def range_high(m: re.Match, a: str = "n", b: str = "m") -> Optional[float]:
    """The number in group `a`, or the higher end of the range `a` to `b`."""
    n = to_number(m.group(a)) if m.group(a) else None
    if m.groupdict().get(b):
        hi = to_number(m.group(b))
        n = max(n or 0, hi or 0)      # a range: the safer, higher end
    return n


def normalise_for_frequency(text: str) -> str:
    """Normalised, with approximations dropped: "about 12 or so days" -> "12 days"."""
    t = normalise(text)
    t = _APPROX_AFTER.sub(r"\1", t)                       # "12 or so days" -> "12 days"
    t = re.sub(r"\b(?:about|around|roughly|approximately|approx|maybe|perhaps|probably|prob|like|say|"
               r"i would say|i think|at least|up to|nearly|almost|over|more than|usually|typically|normally|"
               r"generally|on average)\s+(?=\d)", "", t)
    t = re.sub(r"\b(?:a )?couple (?=times|days|shifts)", "a couple of ", t)
    # a count with the adverb of its period: "twice weekly", "3 times monthly", "2x weekly"
    t = re.sub(r"\b(once|twice|thrice|(?:" + NUM + r")\s*(?:times|x))\s+(week|month|fortnight|dai|year)ly\b",
               lambda m: f"{m.group(1)} a {'day' if m.group(2) == 'dai' else m.group(2)}", t)
    # a count in shorthand: "2x wk", "1-2x week", "3 x a month" -> "2 times a week"
    t = re.sub(r"\b(\d+)\s*-\s*(\d+)\s*x\b", r"\1 to \2x", t)
    t = re.sub(r"\b(\d+(?: to \d+)?)\s*x\s*(?:a\s+|per\s+|/\s*)?(?=(?:wk|week|month|fortnight|day)s?\b)",
               r"\1 times a ", t)
    return re.sub(r"\s+", " ", t).strip()


def parse_frequency_days(text: str) -> Optional[int]:
    """Headache days a month: "once a week" -> 4, "most days" -> 20, "daily" -> 30.

    A count over another period is scaled to a month ("3 or 4 times in the
    last couple of weeks" -> 8, "20 days out of 30" -> 20); a range counts
    at its higher end.
    """
    t = normalise_for_frequency(text)
    if not t:
        return None
    m = _OUT_OF_EVERY.search(t)
    if m:
        days = _scaled(range_high(m), 1.0, m.group("unit"))
        if days is not None:
            return days
    m = _FREE_DAYS.search(t)
    if m:
        free = to_number(m.group("n") or m.group("n2"))
        if free is not None and free <= 30:
            return int(30 - free)
    m = _OUT_OF.search(t)
    if m and to_number(m.group("p")) in (10, 100) and not re.search(r"\bdays?\b", t[m.start():m.end() + 6]):
        m = None      # "7 out of 10" is a pain score, not days
    if m:
        days = _scaled(range_high(m), to_number(m.group("p")), "day")
        if days is not None:
            return days
    m = _EVERY_N.search(t)
    if m and not re.search(r"\bevery (?:other|couple of|two|2|few|three|3) days?\b", t):
        every = to_number(m.group("p"))
        if m.group("q"):
            every = min(every or 0, to_number(m.group("q")) or 0) or every   # the shorter gap
        n = to_number(m.group("n")) if m.group("n") else 1.0
        days = _scaled(n, every, m.group("unit")) if every else None
        if days is not None:
            return days
    m = _LAST_MONTH.search(t)
    if m:
        n = (range_high(m) if m.group("n") else range_high(m, "n3", "m3") if m.group("n3")
             else range_high(m, "n2", "m2"))
        if n is not None:
            return int(min(30, max(0, round(n))))
    m = _IN_PERIOD.search(t)
    if m and not re.search(r"\b(?:a|per|each|every)\s*$", t[:m.start("unit")]):
        period = to_number(m.group("p")) if m.group("p") else 1.0
        days = _scaled(range_high(m), period, m.group("unit"))
        if days is not None:
            return days
    m = _PER.search(t)
    if m:
        n = to_number(m.group("n"))
        if m.group("m"):
            hi = to_number(m.group("m"))
            n = max(n or 0, hi or 0)     # a range: the safer, higher end
        if n is not None:
            unit = {"30 days": "month", "31 days": "month"}.get(m.group("unit"), m.group("unit"))
            return _per_month(n, unit)
    for pattern, days in _FREQUENCY_WORDS:
        if re.search(pattern, t):
            return days
    m = re.search(r"(?P<n>" + NUM + r")\s*days? (?:in|of) (?:the|a) month\b", t)
    if m and to_number(m.group("n")) is not None:
        return int(min(30, to_number(m.group("n"))))
    return None
