"""How long this headache has lasted, in hours, counted from a fixed "now"."""
import datetime as dt

import pytest

from bot.understanding.duration import parse_duration_hours

# A Wednesday afternoon, so "since this morning" and "since Monday" are stable.
NOW = dt.datetime(2024, 5, 15, 15, 0)


DURATIONS = [
    ("a few hours", 3),
    # hours, however said (the cw round)
    ("idk, hrs", 3),
    ("end of shift till bed", 6),
    ("there when the alarm goes off, fades by lunchtime mostly", 6),
    ("a couple of hours", 2),
    ("2 days", 48),
    ("two days", 48),
    ("about 20 minutes", 1 / 3),
    ("half an hour", 0.5),
    ("an hour and a half", 1.5),
    ("a week", 168),
    ("48 hrs", 48),
    ("2-3 days", 60),
    ("since this morning", 8),     # from 07:00 to 15:00
    ("since Monday", 54),          # Monday 09:00 to Wednesday 15:00
    ("since yesterday", 24),
    ("all day", 12),
    ("just started", 0.25),
    ("since 8am", 7),
    ("an hour or two", 1.5),
    ("since last night", 18),      # from 21:00 yesterday
    ("since i woke up", 8),        # from 07:00
    ("all afternoon", 2.5),        # from 12:30
    ("all morning", 4),            # 08:00 to 12:00, over by now
    ("a couple of days now", 48),
    ("on and off all week", 96),
    ("a few hours this afternoon", 3),   # the quantity, not the clock
    ("woke up with it 3 hours ago", 3),
    ("since yesterday afternoon", 26),
    ("since the day before yesterday", 48),
    ("most of the day", 12),
    # an end given as sleep, unless a span is said or it did not go
    ("creeps in after lunch and clears once I sleep", 6),
    ("it builds through the day and goes after a good night's sleep", 6),
    ("usually goes once i sleep but this one has lasted all week", 96),
]


@pytest.mark.parametrize("text, hours", DURATIONS)
def test_how_long_this_headache_has_lasted(text, hours):
    assert parse_duration_hours(text, now=NOW) == pytest.approx(hours, abs=0.05)


@pytest.mark.parametrize("text", ["no idea", "hello", "", "it makes it hard to sleep", "woke in the early hours",
                                  "it has not gone even after a good sleep"])
def test_duration_not_understood(text):
    assert parse_duration_hours(text, now=NOW) is None
