"""How long this headache has lasted, in hours: "a few hours", "since Monday".

Times of day and weekdays ("since this morning", "since last night") are
counted back from `now`; `quantities` and `unit_hours` also serve the
history parser ("for 2 years").
"""
from __future__ import annotations

import datetime as _dt
import re
from typing import Optional

from bot.understanding.numbers import NUM, to_number
from bot.understanding.text import normalise

__all__ = ["WEEKDAYS", "parse_duration_hours", "quantities", "unit_hours"]

_UNIT_RE = (r"(?P<unit>seconds?|secs?|minutes?|mins?|hours?|hrs?|h|days?|weeks?|wks?|"
            r"fortnights?|months?|years?|yrs?)\b")
_HOURS_PER = {"sec": 1 / 3600, "min": 1 / 60, "h": 1, "hour": 1, "hr": 1, "day": 24,
              "week": 168, "wk": 168, "fortnight": 336, "month": 720, "year": 8760, "yr": 8760}
_QUANTITY = re.compile(
    r"(?:(?P<n>" + NUM + r")\s*(?:(?:to|or)\s*(?P<m>" + NUM + r")\s*)?"
    r"(?P<and_half>and a half\s*)?" + _UNIT_RE + r"(?P<plus_half>\s*and a half)?)")


def unit_hours(unit: str) -> float:
    """Hours in one `unit` as written ("wks", "fortnight", "hrs")."""
    for key in ("fortnight", "month", "year", "week", "hour", "min", "sec", "day", "wk", "yr", "hr", "h"):
        if unit.startswith(key):
            return _HOURS_PER[key]
    raise ValueError(unit)


def quantities(norm: str) -> list[tuple[float, str, re.Match]]:
    """[(value, unit key, match)] for each "<number> <unit>" in `norm`."""
    out = []
    for m in _QUANTITY.finditer(norm):
        n = to_number(m.group("n"))
        if n is None:
            continue
        if m.group("m"):
            hi = to_number(m.group("m"))
            if hi is not None:
                n = (n + hi) / 2
        if m.group("and_half") or m.group("plus_half"):
            n += 0.5
        out.append((n, m.group("unit"), m))
    return out


WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def _since_clock(now: _dt.datetime, hour: float, days_back: int = 0) -> float:
    start = now.replace(hour=0, minute=0, second=0, microsecond=0) - _dt.timedelta(days=days_back)
    start += _dt.timedelta(hours=hour)
    return max(1.0, round((now - start).total_seconds() / 3600, 1))


def parse_duration_hours(text: str, now: Optional[_dt.datetime] = None) -> Optional[float]:
    """How long this headache has lasted, in hours (approximate), or None.

    "a few hours" -> 3, "2 days" -> 48, "about 20 minutes" -> 0.33,
    "since this morning" / "since Monday" are counted from `now` (default: the
    current local time).
    """
    t = normalise(text)
    if not t:
        return None
    now = now or _dt.datetime.now()

    half = re.search(r"\bhalf an? (hour|day)\b", t)
    if half and not re.search(r"\d|\b(?:and a half)\b", t.replace(half.group(0), "")):
        return 0.5 if half.group(1) == "hour" else 12.0

    day_m = re.search(r"\bsince (?:last )?(" + "|".join(WEEKDAYS) + r")\b", t)
    if day_m:
        days_back = (now.weekday() - WEEKDAYS.index(day_m.group(1))) % 7
        if day_m.group(0).startswith("since last") and days_back == 0:
            days_back = 7
        return _since_clock(now, 9, days_back)
    clock = (
        (r"\bsince (?:i )?(?:woke|waking|got up|getting up)|\bsince (?:early )?this morning\b|"
         r"\bsince breakfast\b|\bwoke up with\b|\bthis morning\b|\bsince the morning\b", 7, 0),
        (r"\bsince (?:lunch|lunchtime|midday|noon)\b|\bsince around lunch", 12.5, 0),
        (r"\bsince (?:this |the )?afternoon\b|\bthis afternoon\b", 14, 0),
        (r"\bsince (?:this |the )?evening\b|\bthis evening\b|\bsince tonight\b|\bsince dinner\b", 18, 0),
        (r"\bsince (?:last night|yesterday evening|yesterday night)\b|\blast night\b", 21, 1),
        (r"\bsince yesterday morning\b", 8, 1),
    )
    at = re.search(r"\bsince (?:about |around )?(\d{1,2})(?:[:.](\d{2}))? ?(am|pm)?\b(?! ?(?:days?|hours?|weeks?|mins?|minutes?))", t)
    if at and (at.group(3) or at.group(2)):
        hour = int(at.group(1)) % 12 + (12 if at.group(3) == "pm" else 0) + int(at.group(2) or 0) / 60
        if not at.group(3) and hour < 7:
            hour += 12      # "since 3:30" in the day, not the night
        return _since_clock(now, hour, 0 if hour <= now.hour + now.minute / 60 else 1)
    counted = quantities(t)
    for pattern, hour, back in clock:
        found = re.search(pattern, t)
        if found and counted and not found.group(0).startswith("since"):
            continue     # "a few hours this afternoon": the quantity says how long
        if found:
            return _since_clock(now, hour, back)
    part = re.search(r"\b(?:all|most of the|the whole|most of this|all of this|all this) (morning|afternoon|evening)\b", t)
    if part and not quantities(t):
        start, end = {"morning": (8, 12), "afternoon": (12.5, 18), "evening": (18, 23)}[part.group(1)]
        clock_now = now.hour + now.minute / 60
        if start < clock_now <= end:
            return _since_clock(now, start)
        return float(end - start)     # that part of the day, whole (or not yet reached: "all morning" at 7am)
    if re.search(r"\bsince (?:the )?day before yesterday\b|\bday before yesterday\b", t):
        return 48.0
    if re.search(r"\bsince yesterday (?:afternoon|lunch ?time|lunch)\b", t):
        return _since_clock(now, 13, 1)
    if re.search(r"\bsince (?:the )?weekend\b|\bsince saturday\b", t):
        return _since_clock(now, 12, (now.weekday() - 5) % 7 or 7)
    fixed = (
        (r"\bsince yesterday\b|\byesterday\b", 24.0),
        (r"\bsince last week\b|\blast week\b", 168.0),
        (r"\bsince last month\b|\blast month\b", 720.0),
    )
    for pattern, hours in fixed:
        if re.search(pattern, t):
            q = quantities(t)
            if not q:
                return hours
    q = quantities(t)
    if q:
        n, unit, m = q[0]
        more = re.match(r"\s*(?:or|to)\s*(" + NUM + r")\b(?!\s*" + _UNIT_RE + r")", t[m.end():])
        if more and to_number(more.group(1)) is not None:
            n = (n + to_number(more.group(1))) / 2      # "an hour or two"
        return round(n * unit_hours(unit), 2)
    vague = (
        (r"\b(?:just now|just started|just begun|just came on|a moment ago|moments ago|seconds ago)\b", 0.25),
        (r"\b(?:a while|a bit|a little while)\b(?! ago)", None),
        (r"\ball (?:day|day long)\b|\bthe whole day\b|\ball of today\b|\bmost of the day\b", 12.0),
        (r"\ball night\b|\bovernight\b", 8.0),
        # a pain that lasts into a later part of the day: hours ("till bed", "goes by midday")
        (r"\b(?:till|until|til) (?:i go to |he goes to |she goes to )?(?:bed|bedtime|sleep|i sleep|the evening|tea ?time|dinner ?time)\b|"
         r"\b(?:gone|goes|eases|wears off|fades) (?:off |away )?by (?:midday|noon|lunch|lunchtime|the afternoon|the evening|bedtime)\b", 6.0),
        (r"(?<!early )(?<!small )(?<!wee )\b(?:for )?(?:a few |several |some |a couple of |couple of |many )?(?:hours|hrs)\b", 3.0),
        (r"\ball week\b|\bthe whole week\b", 96.0),
        (r"\btoday\b", None),   # counted from the morning below
        (r"\b(?:for )?(?:a few |several |some )?days\b", 72.0),
        (r"\b(?:for )?(?:a few |several |some )?weeks\b", 336.0),
        (r"\b(?:for )?(?:a few |several |some )?months\b", 2160.0),
        (r"\b(?:for )?years\b", 8760.0),
        (r"\ban hour\b", 1.0),
        # (last: any span said above wins) a pain that goes only with a night's sleep, not
        # said as not going ("goes after a night sleep", "gone once I sleep"): hours
        (r"(?<!not )(?<!never )\b(?:gone|goes|eases|wears off|fades|clears) (?:off |away )?(?:after|once|when) "
         r"(?:a (?:good )?(?:night s |nights |night )?sleep|i (?:sleep|go to bed))\b", 6.0),
    )
    for pattern, hours in vague:
        if re.search(pattern, t):
            if pattern == r"\btoday\b":
                return _since_clock(now, 7)
            return hours
    return None
