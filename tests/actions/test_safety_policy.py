"""The SafetyPolicy: a warning sign interrupts anything at once; a level, once
reached, is never lowered."""
from __future__ import annotations

import pytest
from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, ActiveLoop, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from components.safety_policy import SafetyPolicy
from tests.actions.conftest import ROOT, symptoms

DOMAIN = Domain.load(str(ROOT / "domain.yml"))


def tracker_after(*texts: str, slots: dict | None = None, loop: str | None = None,
                  intent: str = "describe_headache") -> DialogueStateTracker:
    events = [ActionExecuted(ACTION_LISTEN_NAME)]
    if loop:
        events += [ActionExecuted(loop), ActiveLoop(loop)]
    events += [SlotSet(k, v) for k, v in (slots or {}).items()]
    for text in texts:
        events += [ActionExecuted(ACTION_LISTEN_NAME),
                   UserUttered(text, {"name": intent, "confidence": 1.0}, symptoms(text))]
    return DialogueStateTracker.from_events("t", events, DOMAIN.slots)


def test_emergency_in_any_message_interrupts_the_form():
    tracker = tracker_after("my left arm has gone weak and I can't lift it", loop="headache_form",
                            slots={"requested_slot": "location"})
    assert SafetyPolicy.next_action(tracker) == "utter_emergency_reminder"
    tracker.update(ActionExecuted("utter_emergency_reminder"))
    assert SafetyPolicy.next_action(tracker) == "action_assess_headache"


def test_emergency_across_messages_fever_then_stiff_neck():
    tracker = tracker_after("I've got a high temperature", "and now a really stiff neck")
    assert SafetyPolicy.next_action(tracker) == "utter_emergency_reminder"


def test_benign_messages_are_left_to_the_rules():
    tracker = tracker_after("no fever, stiff neck from my desk job", loop="headache_form")
    assert SafetyPolicy.next_action(tracker) is None


def test_urgent_sign_during_booking_reassesses():
    during_booking = tracker_after("I'm pregnant", loop="booking_form", slots={"triage": "self_care"})
    assert SafetyPolicy.next_action(during_booking) == "action_assess_headache"


def test_same_or_lower_level_after_assessment_does_not_reassess():
    tracker = tracker_after("no", loop="booking_form", slots={"triage": "see_doctor"})
    assert SafetyPolicy.next_action(tracker) is None


def test_after_an_emergency_every_message_gets_the_reminder():
    tracker = tracker_after("ok thanks", slots={"triage": "emergency"})
    assert SafetyPolicy.next_action(tracker) == "utter_emergency_reminder"
    tracker.update(ActionExecuted("utter_emergency_reminder"))
    assert SafetyPolicy.next_action(tracker) == ACTION_LISTEN_NAME  # assessed once is enough


EMERGENCY_TEXT = "and now my face has dropped on one side"
FORM_SLOTS = DOMAIN.forms["headache_form"]["required_slots"] + DOMAIN.forms["booking_form"]["required_slots"]


@pytest.mark.parametrize("intent", sorted(DOMAIN.intents))
def test_every_message_is_assessed_first_whatever_its_intent(intent):
    """No message may bypass the check: "start over", "stop", "delete my data", a
    question, chit-chat, a fallback or a button payload that carries an emergency sign
    gets the emergency reply."""
    tracker = tracker_after(EMERGENCY_TEXT, intent=intent)
    assert SafetyPolicy.next_action(tracker) == "utter_emergency_reminder"


@pytest.mark.parametrize("slot", FORM_SLOTS)
def test_every_question_of_both_forms_is_interrupted_by_an_emergency(slot):
    loop = "booking_form" if slot in DOMAIN.forms["booking_form"]["required_slots"] else "headache_form"
    slots = {"requested_slot": slot, **({"triage": "self_care"} if loop == "booking_form" else {})}
    tracker = tracker_after(EMERGENCY_TEXT, loop=loop, slots=slots, intent="affirm")
    assert SafetyPolicy.next_action(tracker) == "utter_emergency_reminder"


def test_start_over_without_a_sign_is_left_to_the_rules():
    assert SafetyPolicy.next_action(tracker_after("start over", intent="start_over")) is None


def test_start_over_after_an_emergency_still_gets_the_emergency_reply():
    tracker = tracker_after("start over", slots={"triage": "emergency"}, intent="start_over")
    assert SafetyPolicy.next_action(tracker) == "utter_emergency_reminder"


def test_delete_my_data_after_an_emergency_is_honoured_unless_it_tells_a_sign():
    request = tracker_after("my face dropped", "delete my data", slots={"triage": "emergency"},
                            intent="erase_data")
    assert SafetyPolicy.next_action(request) is None          # the rules erase
    with_a_sign = tracker_after("delete my data, my arm has gone weak now", slots={"triage": "emergency"},
                                intent="erase_data")
    assert SafetyPolicy.next_action(with_a_sign) == "utter_emergency_reminder"


def test_rasa_restart_payload_never_forgets_the_conversation():
    # "/restart" would wipe the tracker, warning signs included: it starts over instead
    assert SafetyPolicy.next_action(tracker_after("/restart", intent="restart")) == "action_start_over"


def test_an_urgent_sign_is_assessed_at_once_once_the_emergency_screen_is_answered():
    pregnant = "I'm 30 weeks pregnant"
    screened = tracker_after(pregnant, loop="headache_form", slots={"screen_emergency": {}})
    assert SafetyPolicy.next_action(screened) == "action_assess_headache"
    # before it, the interview gives the advice and asks the emergency screen first
    assert SafetyPolicy.next_action(tracker_after(pregnant, loop="headache_form")) is None


def test_after_the_assessment_the_booking_is_offered_only_when_the_action_says_so():
    offered = tracker_after("hi", slots={"offer_booking": True})
    offered.update(ActionExecuted("action_assess_headache"))
    assert SafetyPolicy.next_action(offered) == "booking_form"
    not_offered = tracker_after("hi", slots={"offer_booking": False})
    not_offered.update(ActionExecuted("action_assess_headache"))
    assert SafetyPolicy.next_action(not_offered) == ACTION_LISTEN_NAME


def test_after_the_assessment_an_ok_does_not_start_the_interview_again():
    tracker = tracker_after("ok", slots={"triage": "self_care"}, intent="affirm")
    assert SafetyPolicy.next_action(tracker) == "utter_after_assessment"
    during_booking = tracker_after("yes", loop="booking_form", slots={"triage": "self_care"},
                                   intent="affirm")
    assert SafetyPolicy.next_action(during_booking) is None


@pytest.mark.parametrize("text, intent", [("actually, can I book after all?", "request_booking"),
                                          ("SMRT please", "nlu_fallback")])
def test_a_booking_asked_for_after_the_offer_was_declined_starts_again(text, intent):
    tracker = tracker_after(text, slots={"triage": "self_care", "offer_booking": True,
                                         "booking_wanted": False}, intent=intent)
    assert SafetyPolicy.next_action(tracker) == "action_book_again"
    tracker.update(ActionExecuted("action_book_again"))
    assert SafetyPolicy.next_action(tracker) == "booking_form"


def test_no_second_booking_and_none_where_the_assessment_offered_none():
    booked = tracker_after("can I book", slots={"triage": "self_care", "offer_booking": True,
                                                "booking_reference": "HB-7K2QX"}, intent="request_booking")
    assert SafetyPolicy.next_action(booked) == "utter_after_assessment"
    # after "get medical help today": why there is no booking (a doctor first), then listen
    for text, intent in (("can I book", "request_booking"), ("NMT please", "nlu_fallback")):
        urgent = tracker_after(text, slots={"triage": "urgent", "offer_booking": False}, intent=intent)
        assert SafetyPolicy.next_action(urgent) == "utter_booking_after_doctor", text
        urgent.update(ActionExecuted("utter_booking_after_doctor"))
        assert SafetyPolicy.next_action(urgent) == ACTION_LISTEN_NAME
    urgent_ok = tracker_after("ok", slots={"triage": "urgent", "offer_booking": False}, intent="affirm")
    assert SafetyPolicy.next_action(urgent_ok) == "utter_after_assessment"
    question = tracker_after("what is SMRT?", slots={"triage": "self_care", "offer_booking": True},
                             intent="ask_what_is_smrt")
    assert SafetyPolicy.next_action(question) is None
    for text in ("is SMRT painful?", "no thanks, not SMRT", "I had NMT last year and it didn't help"):
        said = tracker_after(text, slots={"triage": "self_care", "offer_booking": True}, intent="nlu_fallback")
        assert SafetyPolicy.next_action(said) == "utter_after_assessment", text
