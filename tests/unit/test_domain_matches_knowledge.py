"""The Rasa domain and the clinical knowledge name the same warning-sign screens."""
from __future__ import annotations

from pathlib import Path

import yaml

from bot import interview, red_flags

ROOT = Path(__file__).resolve().parents[2]
DOMAIN = yaml.safe_load((ROOT / "domain.yml").read_text())
SCREENS = [s.slot for s in red_flags.all_screens()]


def test_every_screen_has_a_slot_an_ask_action_and_a_place_in_the_form():
    form = DOMAIN["forms"]["headache_form"]["required_slots"]
    for slot in SCREENS:
        assert slot in DOMAIN["slots"], slot
        assert f"action_ask_{slot}" in DOMAIN["actions"], slot
        assert slot in form, slot


def test_no_stale_warning_slots_in_the_domain():
    screen_slots = {s for s in DOMAIN["slots"] if interview.is_screen_slot(s)}
    assert screen_slots == set(SCREENS)
    assert not [s for s in DOMAIN["slots"] if s.startswith("flag_")]


def test_form_screens_first_then_the_facts_in_order_and_consent_with_the_booking():
    form = DOMAIN["forms"]["headache_form"]["required_slots"]
    first = [f"{interview.SCREEN_SLOT_PREFIX}{name}" for name in interview.SCREENS_FIRST]
    assert form[:len(first)] == first
    assert form[len(first):len(first) + len(interview.FACT_SLOTS)] == list(interview.FACT_SLOTS)
    assert interview.CONSENT_SLOT not in form
    booking = DOMAIN["forms"]["booking_form"]["required_slots"]
    assert booking == list(interview.BOOKING_SLOTS)
    assert booking[:2] == ["booking_wanted", interview.CONSENT_SLOT]


def test_every_fact_question_has_a_response_and_a_reason():
    for slot in interview.FACT_SLOTS:
        assert f"utter_ask_{slot}" in DOMAIN["responses"]
        assert f"utter_why_{slot}" in DOMAIN["responses"]
