"""Who has the headache, and what the writer says they are: questions that cannot
apply are left out (pregnancy for a man), and a carer switch turns the questions
to the right person (issue 10, points 4 and 9)."""
from __future__ import annotations

import pytest

from bot.understanding.person import MYSELF, who_has_the_headache
from bot.understanding.sex import sex_in_free_text


@pytest.mark.parametrize("text, sex", [
    ("no im a bloke lol", "male"),
    ("I'm a 45 year old woman", "female"),
    ("male, 45", "male"),
    ("as a mum of three I never sleep", "female"),
    ("my husband is a man", None),          # said of someone else
    ("i am a man of my word", None),
    ("I'm a fan of long walks", None),
])
def test_the_writer_s_sex_only_when_they_say_it(text, sex):
    assert sex_in_free_text(text) == sex


@pytest.mark.parametrize("text, who, sex", [
    ("actually my mum is the one with the headache, not me", "your mum", "female"),
    ("I'm asking for my dad", "your dad", "male"),
    ("my son has a headache", "your son", "male"),
    ("I'm answering for someone else", "the person", None),
])
def test_a_switch_to_someone_else_is_understood(text, who, sex):
    person = who_has_the_headache(text)
    assert person is not None and not person.myself
    assert (person.who, person.sex) == (who, sex)


@pytest.mark.parametrize("text", [
    "my mum gets migraines too", "my son has headaches too", "my wife says i have a headache",
    "my temples ache",
])
def test_a_relative_mentioned_otherwise_is_no_switch(text):
    assert who_has_the_headache(text) is None


def test_back_to_the_writer():
    assert who_has_the_headache("it's me with the headache") == MYSELF
