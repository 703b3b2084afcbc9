"""How long the person has had headaches like this one: "new" or "longstanding".

"new" is a first ever headache or one that started under 3 months ago (the
line of CLINICAL.md's "new headache" warning signs); an ambiguous answer
takes the safer reading, "new". Dates ("since christmas", "in the summer")
are counted back from `now`.
"""
from __future__ import annotations

import datetime as _dt
import re
from typing import Optional

from bot import red_flags
from bot.understanding.duration import WEEKDAYS, quantities, unit_hours
from bot.understanding.text import normalise

__all__ = ["history_in_free_text", "parse_history"]

# A lifetime without headaches makes this one new, even though "all my life" alone is
# longstanding. Defined once, in red_flags.yml; checked before anything longstanding.
_LIFETIME_WITHOUT = red_flags.named_pattern("lifetime_without_headaches")
_HISTORY_THIS_IS_NEW = re.compile(
    f"(?:{_LIFETIME_WITHOUT})|"
    r"\b(?:this|that|it|these|they) (?:one |type |kind |headache |pain )?(?:is|are|feels|feel|seems) "
    r"(?:very |completely |totally |quite |really )?(?:new|different)\b(?! to me)|"
    r"\bnever had (?:one|a headache|headaches|pain|anything) like (?:this|it)\b|"
    r"\bfirst (?:ever )?(?:time|one|headache)\b(?! in years)|\bfirst ever\b|"
    r"\bnever (?:had|get|got|suffered|experienced|suffer) (?:a headache|headaches|one|these|them|this|anything like)")
_HISTORY_NOT_NEW = re.compile(
    r"\b(?:nothing|not|none of (?:this|it) is|no|isnt|is not) (?:really |that |at all |particularly )?(?:new|recent)\b")
# "on and off for" is longstanding unless a short span follows: "on and off for
# about two months" is new (under 3 months), the span itself is read instead.
_SHORT_SPAN_AHEAD = (
    r"(?! (?:about |around |roughly |nearly |almost |only |just |maybe |over |under |less than |the |last |past )*"
    r"(?:(?:[a-z]+ |\d+ ){0,3}(?:days?|weeks?|fortnights?)\b|(?:a|an|one|two|1|2|a couple of|couple of|a few|few) months?\b|"
    r"a month\b))")
_HISTORY_LONG = re.compile(
    r"\b(?:years?|yrs|decades?)\b(?! old)|\bsince (?:i (?:was|were) )?(?:a |my )?(?:child|kid|teen|teenager|teens|little|young|"
    r"small|baby|school|childhood|university|uni|college|twenties|thirties|puberty|forever)\b|"
    r"\ball my life\b|\bmy (?:whole|entire) (?:life|adult life)\b|\bfor ages\b|\bages\b|\blong time\b|"
    r"\bforever\b|\balways (?:had|get|got|have|suffered|been)\b|\bi have always\b|\bon and off for\b" + _SHORT_SPAN_AHEAD + "|"
    r"\bfor months\b|\b(?:many|several|some) months\b|\bmonths and months\b|^months\b|"
    r"\bsame as (?:always|usual|ever)\b|\bmy usual\b|\bas usual\b|\bchronic\b|\blifelong\b|\bsince forever\b")
_NEVER_USED_TO = (r"\b(?:never|did not|do not) used? to (?:get|have|suffer(?: from| with)?) "
                  r"(?:headaches|migraines|them|these|any headaches)\b|"
                  # said last, about what came before: "started six weeks ago, never used to",
                  # "before never", "before she never have" (as English learned from another language has it)
                  r"\bnever used to\b(?=\s*(?:$|[.,;!]))|"
                  r"\bbefore,? (?:(?:i|she|he|they|we) )?never(?: (?:have|has|had|get|gets|got))?\b(?=\s*(?:$|[.,;!]))|"
                  # ... and with what it was that never came, in that word order: "never I have
                  # headache before", "before he never complain of the head", "never suffered with my head"
                  r"\b(?:before,? )?(?:(?:i|she|he|they|we) )?never (?:(?:i|she|he|they|we) )?"
                  r"(?:have|has|had|get|gets|got|suffer|suffers|suffered|complain|complains|complained)"
                  r"(?: (?:of|from|with|about))? (?:the |a |any |much |my |his |her |their )?(?:headaches?|head ?aches?|migraines?|head|head pain)\b"
                  r"(?! (?:like|as bad|this bad|so bad|as strong))|"
                  # "I don't usually get headaches", "rarely have them", "mi nuh usually get headache"
                  r"\b(?:(?:do not|dont|not) (?:usually|normally|typically|really|generally)|rarely|hardly ever|seldom|never really) "
                  r"(?:get|have|suffer from|suffer with|suffer) (?:a |any |many |much )?(?:headaches?|head ?aches?|migraines?|them|head pain)\b"
                  r"(?! (?:like|as bad|this bad|so bad|as strong|this strong|this often|that often|this much))|"
                  # "never been a headache person", "never was a migraine sufferer"
                  r"\bnever (?:been|was|were) (?:a |much of a |the )?"
                  r"(?:headache|migraine|headachey) (?:person|sufferer|type|kind of person|girl|guy|man|woman)\b|"
                  # "never been one for headaches", "not one for migraines", "never prone to them"
                  r"\b(?:never|not|nor) (?:(?:been|was|were|really|usually|ever) )*(?:one for|prone to|bothered by|"
                  r"troubled by|a sufferer of) (?:headaches|migraines|a headache|them|head pain)\b|"
                  r"\bnever (?:got|get|had|suffered(?: from| with)?) (?:headaches|migraines|any headaches)"
                  r"(?: (?:before|until|till|in (?:my|his|her|their) life))?\b|"
                  # "no history of headaches", "no previous history of migraine"
                  r"\bno (?:previous |prior |past |real |personal )?history of (?:headaches?|migraines?|head pain)\b|"
                  # ... or with nothing after it, as an answer: "No history at all."
                  r"\bno (?:previous |prior |past |real |personal )?history(?: at all| whatsoever)?(?=\s*(?:$|[.,;!]))|"
                  # none until lately: "none before this year", "never before this spring"
                  r"\b(?:none|never|not one|nothing) (?:at all )?(?:before|until|till) (?:this|last) "
                  r"(?:year|month|spring|summer|autumn|fall|winter)\b|"
                  # Spanish, said last about what came before: "..., nunca había tenido"
                  r"\b(?:nunca|jamás|jamas) (?:antes )?(?:había|habia|habían|habian|he|ha|había sido|habia sido) "
                  r"(?:tenido|sufrido|sido así|sido asi)(?=\s*(?:$|[.,;!]))|"
                  # Spanish: "nunca le dolía la cabeza", "nunca he tenido dolores de cabeza"
                  r"\b(?:nunca|jamás|jamas) (?:antes )?(?:en (?:toda )?(?:mi|su|la) vida )?(?:(?:le|me|te) (?:(?:había|habia|ha|he) )?(?:dolía|dolia|dolió|dolio|duele|dolido) la cabeza|"
                  r"(?:he|ha|había|habia) sido de (?:dolores de cabeza|migra[nñ]as|jaquecas)|"
                  r"(?:ha|he|había|habia|has|habían) (?:tenido|sufrido) (?:de )?(?:dolores de cabeza|migra[nñ]as|jaquecas)|"
                  r"(?:tuvo|tuve|sufrió|sufrio|sufrí|sufri|tenía|tenia|tenían|tenian|sufría|sufria) (?:de )?(?:dolores de cabeza|migra[nñ]as|jaquecas))")
# (_NEVER_BEFORE is read first, so the lists below need not repeat it.)
# None before these began ("never been a headache person", "no history of migraine"): a new
# headache whenever the series began ("since Easter", "this spring"), as a headache that began
# after fifty is new for the rule of a new headache after 50 (CLINICAL.md, SNNOOP10 older age)
_NEVER_BEFORE = re.compile(_NEVER_USED_TO)
_HISTORY_NEW = re.compile(
    r"\bnew\b|\brecent(?:ly)?\b|\bjust (?:started|began|begun)\b|\bonly (?:started|began|just)\b|"
    r"\bthis week\b|\blast (?:few |couple of |couple )?(?:days|weeks)\b|"
    r"\b(?:last|past|this|a|one) month\b|\bsince last month\b|\ba month or (?:so|two)\b|"
    r"\bthis is the first\b|\bfirst (?:one|time|ever)\b|\bnever had (?:one|them|these|it|a headache|headaches)\b|"
    r"\bpast (?:few |couple of |couple )?(?:days|weeks)\b|\bsince (?:" + "|".join(WEEKDAYS) +
    r"|yesterday|last week|the weekend|this morning|today)\b|\bnever before\b|\bnot before\b")
_HISTORY_LONG_STRICT = re.compile(
    r"\bfor (?:\w+ ){0,2}(?:years?|yrs|decades?)\b|\bfor (?:ages|a long time)\b|\byears and years\b|"
    r"\b(?:\d+|many|several|a few|some|couple of) years now\b|\bsince (?:i (?:was|were) )?(?:a |my )?(?:child|kid|teen|teenager|teens|"
    r"little|young|small|school|childhood|university|uni|college|twenties|thirties|puberty)\b|\ball my life\b|"
    r"\bmy (?:whole|entire) (?:life|adult life)\b|\balways (?:had|get|got|have|suffered)\b|\bi have always\b|"
    r"\bon and off for\b" + _SHORT_SPAN_AHEAD + r"|\bfor months\b|\bsame as (?:always|usual|ever)\b|\bmy usual\b|\blifelong\b")
_HISTORY_NEW_STRICT = re.compile(
    r"\bnew (?:headache|headaches|pain|type|kind|sort|one|ones|thing|problem)\b|"
    r"\b(?:is|are|feels|seems) (?:brand |quite |fairly |very |pretty |completely |totally |something |all )?new\b|"
    r"\bbrand new\b|\bnever had (?:one|them|these|a headache|headaches) before\b|"
    r"\bnew (?:to|for) (?:me|him|her|them|us)\b")
# the headaches as a series, and when they began: "these only started this spring", "started
# getting them last month", "le empezaron los dolores de cabeza hace dos semanas"; the words
# after it are read as an answer to "how long have you had them?" would be
_SERIES_STARTED = re.compile(
    r"\b(?:these|they|them|the headaches|headaches|migraines|the migraines)\s+(?:only |just |all |first |really |have |had )?"
    r"(?:started|began|begun|kicked off|came on|appeared|showed up|turned up)\b|"
    r"\b(?:started|began|begun) (?:getting|having|to get|to have) (?:them|these|headaches|migraines)\b|"
    r"\b(?:empezaron|comenzaron|empezó|empezo|comenzó|comenzo) (?:a darle |a darme |con )?(?:los |las |unos |unas |estos |estas )?"
    r"(?:dolores de cabeza|migra[nñ]as|jaquecas)\b")


_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
           "october", "november", "december")
_MONTH_ABBR = {m[:3]: m for m in _MONTHS if m != "may"} | {"sept": "september"}
# a time that dates a series (not an hour of today: "they started an hour ago" is an episode)
_SERIES_TIME = re.compile(
    r"\b(?:days?|weeks?|wks?|fortnights?|months?|years?|yrs?|spring|summer|autumn|fall|winter|christmas|xmas|easter|"
    r"new year|" + "|".join(_MONTHS) + r"|semanas?|meses?|mes|año|ano)\b")
# season -> its last month (the latest plausible start is the safer, newer reading)
_SEASON_END = {"spring": 5, "summer": 8, "autumn": 11, "fall": 11, "winter": 2}
# holiday -> (month, day) it falls on (Easter taken as mid-April)
_HOLIDAYS = {"christmas": (12, 25), "xmas": (12, 25), "new year": (1, 1), "new years": (1, 1),
             "easter": (4, 15), "halloween": (10, 31), "bonfire night": (11, 5),
             "the start of the year": (1, 1), "the beginning of the year": (1, 1)}
_WHEN_CUE = (r"(?:\b(?:since|from|in|around|about|after|started|start|starting|began|begun|back in|ever since|"
             r"beginning of|start of|end of|middle of|during|over|through|throughout)\s+"
             r"(?:the\s+|this\s+|last\s+|early\s+|late\s+|mid\s+)*|\b(?:last|this)\s+)")


def _latest_date(month: int, day: int, now: _dt.date, last: bool) -> _dt.date:
    """The most recent (month, day) not after `now`; a year earlier for "last <season>"."""
    year = now.year if (month, day) <= (now.month, now.day) else now.year - 1
    if last and year == now.year and month == now.month:
        year -= 1
    return _dt.date(year, month, day)


def _month_end(year: int, month: int) -> _dt.date:
    return _dt.date(year + month // 12, month % 12 + 1, 1) - _dt.timedelta(days=1)


def _season_latest_start(season: str, today: _dt.date, last: bool) -> _dt.date:
    """The end of the most recent such season (today if we are in it); "last" skips the current one."""
    end_month = _SEASON_END[season]
    first_month = (end_month - 3) % 12 + 1
    for year in range(today.year, today.year - 3, -1):
        first = _dt.date(year, first_month, 1)
        end = _month_end(year + (1 if first_month > end_month else 0), end_month)
        if first > today:
            continue
        if last and today <= end:
            continue         # "last summer" while it is summer: the one before
        return min(end, today)
    return today


def _numeric_date(m: re.Match, today: _dt.date) -> Optional[_dt.date]:
    """"since 3/4": a date in numbers, day first or month first as the clinic's
    locale writes them (bot.clinic); without a year, the latest such date not
    after today. None when it is no date."""
    from bot import clinic

    first, second = int(m.group(1)), int(m.group(2))
    day, month = (first, second) if clinic.current().day_first else (second, first)
    year_text = m.group(3)
    try:
        if year_text:
            year = int(year_text) + (2000 if len(year_text) == 2 else 0)
            found = _dt.date(year, month, day)
            return found if found <= today else None
        return _latest_date(month, day, today, False)
    except ValueError:
        return None


def _history_from_date(t: str, now: _dt.datetime) -> tuple[Optional[str], str]:
    """"since christmas", "started in the summer", "since March": under 3 months ago is new.

    The named time is read at its latest plausible point (end of the season or
    month, or today when we are in it), so an ambiguous answer leans to "new",
    the safer reading. Returns (new|longstanding|None, the words read).
    """
    today = now.date()
    start: Optional[_dt.date] = None
    m = re.search(_WHEN_CUE + r"(" + "|".join(sorted(_HOLIDAYS, key=len, reverse=True)) + r")\b", t)
    if m:
        month, day = _HOLIDAYS[m.group(1)]
        start = _latest_date(month, day, today, "last " in m.group(0))
    if start is None:
        m = re.search(_WHEN_CUE + r"(spring|summer|autumn|fall|winter)\b", t)
        if m:
            start = _season_latest_start(m.group(1), today, "last " in m.group(0))
    if start is None:
        names = "|".join(sorted(list(_MONTHS) + list(_MONTH_ABBR), key=len, reverse=True))
        m = re.search(_WHEN_CUE + r"(" + names + r")\b", t)
        if m and m.group(1) == "may" and not re.search(r"\b(?:since|in|from|started|began|last) may\b", t):
            m = None      # "it may be", "may have"
        if m:
            month = _MONTHS.index(_MONTH_ABBR.get(m.group(1), m.group(1))) + 1
            year = today.year if month <= today.month else today.year - 1
            if "last " in m.group(0) and month == today.month:
                year -= 1
            start = min(_month_end(year, month), today)
    if start is None:
        m = re.search(_WHEN_CUE + r"(\d{1,2})/(\d{1,2})(?:/(\d{2}|\d{4}))?\b", t)
        if m:
            start = _numeric_date(m, today)
            if start is None:
                m = None
    if start is None:
        m = re.search(r"\b(?:since|from|in|started|began|around|about) last year\b|^last year\b", t)
        if m:
            start = _dt.date(today.year - 1, 12, 31)
    if start is None or m is None:
        return None, ""
    return ("new" if (today - start).days < 91 else "longstanding"), m.group(0)


_UP_TO = re.compile(r"\b(?:less than|fewer than|under|not (?:yet|quite|even)|nearly|almost|up to|within"
                    r"|in the (?:last|past))\s*$")


def _history(text: str, strict: bool, now: Optional[_dt.datetime] = None) -> Optional[str]:
    t = normalise(text)
    if not t:
        return None
    if _HISTORY_THIS_IS_NEW.search(t) or _NEVER_BEFORE.search(t):
        return "new"
    if _HISTORY_NOT_NEW.search(t):
        return "longstanding"
    if strict:
        # a free message: only explicit wordings ("a new headache", "for years"), or the
        # headaches as a series dated as they began ("these only started a few weeks back")
        if _HISTORY_NEW_STRICT.search(t):
            return "new"
        if _HISTORY_LONG_STRICT.search(t):
            return "longstanding"
        m = _SERIES_STARTED.search(t)
        if m and _SERIES_TIME.search(t, m.end()):
            return _history(t[m.end():], strict=False, now=now)
        return None
    dated, words = _history_from_date(t, now or _dt.datetime.now())
    if any(n * unit_hours(unit) <= 8760 and _UP_TO.search(t[:m.start()])
           for n, unit, m in quantities(t)):
        # "less than 3 months" is under the 3-month line; "less than a year"
        # may be too, so it takes the safer reading.
        return "new"
    if _HISTORY_LONG.search(t.replace(words, " ") if words else t):
        return "longstanding"     # "for years, worse since christmas"
    if dated is not None:
        return dated
    if _HISTORY_NEW.search(t):
        return "new"
    for n, unit, m in quantities(t):
        hours = n * unit_hours(unit)
        vague_months = unit.startswith("month") and re.match(r"(?:a )?(?:few|couple)", m.group("n"))
        if unit.startswith("month") and not vague_months:
            return "longstanding" if n >= 3 else "new"
        if hours >= 2160 and not vague_months:
            return "longstanding"
        return "new"
    return None


def parse_history(text: str, now: Optional[_dt.datetime] = None) -> Optional[str]:
    """"new" (first ever, or started under 3 months ago) | "longstanding" | None.

    A clear "years" wins over a recent worsening ("for years, but over the
    last six weeks they keep getting worse" -> longstanding); "nothing new"
    is longstanding; "this one is different" is new (the safer reading).
    Dates ("since christmas", "started in the summer") are counted back from
    `now` (default: the current local time).
    """
    return _history(text, strict=False, now=now)


def history_in_free_text(text: str) -> Optional[str]:
    """"new" | "longstanding" | None from a free message: only explicit wordings
    ("a new headache", "for years"), as the message may not be about the history."""
    return _history(text, strict=True)
