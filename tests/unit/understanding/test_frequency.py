"""Headache days a month, however the person counts them."""
import pytest

from bot.understanding.frequency import parse_frequency_days

FREQUENCY = [
    # days told with what they had ("a headache" is no count of one)
    ("added it up, 16 days with headaches last month.", 16),
    ("more days than not, 17 days with headaches in the past month", 17),
    ("4 days with a headache a month", 4),
    ("3 days with pain a week", 12),
    ("I had a headache last month", 1),
    ("a few times a month", 3),
    # the days counted by the part of the day they come in
    ("three or four mornings a week", 16),
    ("two evenings a week", 8),
    ("a couple of nights a week", 8),
    ("every weeknight", 20),
    # counts in shorthand
    ("2x wk", 8),
    ("1-2x week", 8),
    ("3x a month", 3),
    ("once a week", 4),
    ("twice a week", 8),
    ("3 times a week", 12),
    ("a couple of times a week", 8),
    ("most days", 20),
    ("every day", 30),
    ("daily", 30),
    ("constant", 30),
    ("every other day", 15),
    ("10 days a month", 10),
    ("10-15 days a month", 15),     # a range: the higher, safer end
    ("rarely", 1),
    ("first time", 1),
    ("now and then", 2),
    ("a few times a year", 1),
    # a count over another period is scaled to a month (4 weeks), ranges at the higher end
    ("3 or 4 times in the last couple of weeks", 8),
    ("3 times in 2 weeks", 6),
    ("twice in the last month", 2),
    ("twice in a week", 8),
    ("10 out of the last 14 days", 21),
    ("12 or so days a month", 12),
    ("12ish days a month", 12),
    ("prob 20 days out of 30, more with than without", 20),
    ("20 out of 30", 20),
    # "from" and "of" for "out of", as English learned from another language has it
    ("18 days from 30, nearly all year", 18),
    ("16 days of 30 last month", 16),
    ("3 days from 2 weeks ago", None),
    # a count of last month
    ("22 days last month", 22),
    ("last month it was 19 days, I keep a diary", 19),
    ("14 days in the past month", 14),
    ("last month I turned 50", None),
    ("16 bad days in the last month", 16),
    ("last month I had a migraine on 21 days", 21),
    ("couple times a week", 8),
    ("most weekdays", 20),
    ("once or twice a month", 2),
    ("almost every day", 25),
    ("4 days a week", 16),
    ("hardly ever", 1),
    ("about weekly", 4),
    ("every 2 or 3 days", 15),
    ("once every couple of weeks", 2),
    ("once every 2 months", 1),
    ("4 or 5 a month", 5),
    ("at weekends", 8),
    ("less than once a month", 1),
    ("2 days a week for the last 3 months", 8),
    ("7 out of 10 every day", 30),        # a pain score is not a count of days
    ("no idea", None),
    # a day of work or school counts as a day
    ("two or three shifts a week", 12),
    ("a couple of shifts a week", 8),
    ("I work 5 shifts a week and get them on 2 of them", None),
]


@pytest.mark.parametrize("text, days", FREQUENCY)
def test_headache_days_a_month(text, days):
    assert parse_frequency_days(text) == days


@pytest.mark.parametrize("text, days", [
    ("about 20 days out of every month", 20),
    ("about 12 days in every month", 12),
    ("11 days of each month", 11),
    ("25 días al mes", 25),
    ("casi todos los días", 20),
    ("3 veces por semana", 12),
    ("dos o tres veces a la semana", 12),
    ("cada día", 30),
])
def test_out_of_every_and_spanish_answers(text, days):
    from bot.understanding import parse_answer

    assert parse_answer("frequency", text) == days


@pytest.mark.parametrize("text, days", [
    # a period in words
    ("twenty days out of every thirty", 20),
    ("ten days out of thirty", 10),
    # the days without a headache: the rest of the month (a range at its lower end)
    ("only 4 or 5 headache-free days a month", 26),
    ("pain free days? maybe 10 a month", 20),
    ("7 out of 10", None),            # a pain score, not days
])
def test_days_counted_in_words_or_as_the_days_without(text, days):
    assert parse_frequency_days(text) == days


# A count with the adverb of its period ("twice weekly"), days named by what they are
# ("4 migraine days a month"), and the days a week named ("weekdays") only without a count.
@pytest.mark.parametrize("text, days", [
    ("twice weekly, usually weekdays", 8),
    ("3 times monthly", 3),
    ("2x weekly", 8),
    ("about 6 migraine days a month", 6),
    ("10 bad days a month", 10),
    ("weekdays mostly", 20),
])
def test_a_count_with_the_adverb_of_its_period(text, days):
    assert parse_frequency_days(text) == days
