"""The Rasa domain and the clinical knowledge name the same warning-sign questions."""
from __future__ import annotations

from pathlib import Path

import yaml

from bot import interview, knowledge

ROOT = Path(__file__).resolve().parents[2]
DOMAIN = yaml.safe_load((ROOT / "domain.yml").read_text())
QUESTIONS = [q["id"] for q in knowledge.load("red_flags")["questions"]]


def test_every_question_has_a_slot_an_ask_action_and_a_place_in_the_form():
    form = DOMAIN["forms"]["headache_form"]["required_slots"]
    for qid in QUESTIONS:
        slot = f"{interview.FLAG_SLOT_PREFIX}{qid}"
        assert slot in DOMAIN["slots"], slot
        assert f"action_ask_{slot}" in DOMAIN["actions"], slot
        assert slot in form, slot


def test_no_stale_warning_slots_in_the_domain():
    flag_slots = {s for s in DOMAIN["slots"] if s.startswith(interview.FLAG_SLOT_PREFIX)}
    assert flag_slots == {f"{interview.FLAG_SLOT_PREFIX}{q}" for q in QUESTIONS}


def test_form_asks_consent_then_the_facts_in_order():
    form = DOMAIN["forms"]["headache_form"]["required_slots"]
    assert form[: 1 + len(interview.FACT_SLOTS)] == [interview.CONSENT_SLOT, *interview.FACT_SLOTS]
    assert DOMAIN["forms"]["booking_form"]["required_slots"] == list(interview.BOOKING_SLOTS)


def test_every_fact_question_has_a_response_and_a_reason():
    for slot in interview.FACT_SLOTS:
        assert f"utter_ask_{slot}" in DOMAIN["responses"]
        assert f"utter_why_{slot}" in DOMAIN["responses"]
