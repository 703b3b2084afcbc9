"""The booking answers: which service, how to reach the person, when, or "at reception"."""
import pytest

from bot.understanding.booking import (
    parse_contact,
    parse_preferred_time,
    parse_service,
    says_at_reception,
    says_this_number,
)


@pytest.mark.parametrize("text, service", [
    ("NMT please", "nmt"),
    ("smrt", "smrt"),
    ("yes, SMRT", "smrt"),
    ("the trigger point one", "nmt"),
    ("trigger points", "nmt"),
    ("neuromuscular therapy", "nmt"),
    ("neuro muscular", "nmt"),
    ("spontaneous muscle release", "smrt"),
    ("muscle release", "smrt"),
    ("NMT or SMRT?", None),         # both named: ask again
    ("whatever", None),
    ("yes please", None),
])
def test_which_service(text, service):
    assert parse_service(text) == service


@pytest.mark.parametrize("text, contact", [
    ("+1 310 555 0142", "+13105550142"),
    ("alex@example.com", "alex@example.com"),
    ("call me maybe", None),
])
def test_contact_is_an_email_or_a_phone_number(text, contact):
    assert parse_contact(text) == contact


@pytest.mark.parametrize("text, when", [
    ("next Tuesday afternoon", "next Tuesday afternoon"),
    ("any  weekday after 3pm", "any weekday after 3pm"),
    ("Friday lunchtime", "Friday lunchtime"),
    ("hmm", None),
])
def test_preferred_time_is_kept_as_written_once_it_names_a_day_or_time(text, when):
    assert parse_preferred_time(text) == when


def test_a_preferred_time_is_at_most_200_characters():
    assert len(parse_preferred_time("Monday " * 60)) == 200


@pytest.mark.parametrize("text, at_reception", [
    ("I'll give it at reception", True),
    ("to the front desk", True),
    ("Alex Morgan", False),
])
def test_details_given_at_reception(text, at_reception):
    assert says_at_reception(text) is at_reception


@pytest.mark.parametrize("text, this_number", [
    ("this number", True), ("This number please", True), ("use this one", True),
    ("same number", True), ("the number I'm texting from", True), ("text me here", True),
    ("my mobile", True), ("here", True), ("this", True),
    ("07700 900123", False), ("jo@example.org", False), ("no thanks", False), ("at reception", False),
])
def test_the_number_a_text_came_from(text, this_number):
    assert says_this_number(text) is this_number


@pytest.mark.parametrize("text, asks", [
    ("NMT", True),
    ("smrt please", True),
    ("the trigger point one", True),
    ("is SMRT painful?", False),
    ("not SMRT", False),
    ("NMT didn't help me", False),
    ("tried SMRT before", False),
    ("sin NMT", False),
    ("I wanted to ask whether NMT would suit my neck after the accident", False),
    ("NMT, por lo del cuello y la postura", True),
    ("SMRT please, for my jaw", True),
    ("NMT, I'll think about it", False),
    ("NMT, I'll ask my GP first", False),
    ("SMRT sounds scary, I'd rather wait", False),
    ("Spontaneous pain came back", False),
    ("NMT did nothing for me last year, my neck still hurts", False),
    ("SMRT i think", True),
    ("NMT probably, for the neck and shoulders", True),
    ("NMT creo, por la espalda", True),
    ("NMT i think not", False),
])
def test_a_service_named_on_its_own_asks_for_it(text, asks):
    from bot.understanding.booking import asks_for_a_service

    assert asks_for_a_service(text) is asks
