"""Painkiller days a month and kind ("co-codamol about 18 days a month" is 18 days of a
combination painkiller)."""
import pytest

from bot.understanding.medication import parse_medication

MEDICATION = [
    ("paracetamol now and then", (2, "simple")),
    ("co-codamol about 18 days a month", (18, "combination")),
    ("co-codamol on about 12 days in every month", (12, "combination")),
    ("sumatriptan twice a week", (8, "triptan")),
    ("none", (0, None)),
    ("nothing", (0, None)),
    ("I don't take anything", (0, None)),
    ("ibuprofen most days", (20, "simple")),
    ("codeine 12 days a month", (12, "opioid")),
    ("tramadol", (None, "opioid")),
    ("paracetemol most days", (20, "simple")),
    ("painkillers most days", (20, None)),
    ("ibuprofen and sumatriptan 10 days a month", (10, "combination")),
    ("I don't take codeine, just paracetamol sometimes", (2, "simple")),
    ("just paracetamol sometimes", (2, "simple")),
    ("sumatriptan, about 12 days a month", (12, "triptan")),
    ("co-codamol most days", (20, "combination")),
    ("I take ibuprofen when needed, maybe 5 days a month", (5, "simple")),
    ("naproxen 3 times in the last 2 weeks", (6, "simple")),
    ("codeine 2 or 3 days a week", (12, "opioid")),
    ("none really", (0, None)),
    ("nope", (0, None)),
    ("ibuprofen when I need it", (None, "simple")),
    ("hello", (None, None)),
]


@pytest.mark.parametrize("text, expected", MEDICATION)
def test_painkiller_days_and_kind(text, expected):
    assert parse_medication(text) == expected
