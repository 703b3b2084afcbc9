"""The interview form: answers fill their slots, what was already said is not
asked again, questions and commands are left to the rules."""
from __future__ import annotations

import pytest

from actions.interview_form import ValidateHeadacheForm
from tests.actions.conftest import make_tracker, slot_events

BASE = {"consent": True}


async def run(slots, said, intent="describe_headache", dispatcher=None, domain=None):
    from rasa_sdk.executor import CollectingDispatcher

    dispatcher = dispatcher or CollectingDispatcher()
    tracker = make_tracker(slots, said, intent, active_loop="headache_form")
    return await ValidateHeadacheForm().run(dispatcher, tracker, domain or {}), dispatcher


@pytest.mark.parametrize("requested, answer, expected", [
    ("location", "where my head meets my neck", ["back_of_head"]),
    ("location", "templs", ["temples"]),
    ("location", "behind my eyes", ["eyes"]),
    ("severity", "7", 7),
    ("severity", "really bad", 8),
    ("age", "40", 40),
    ("consent", "yes, I agree", True),
    ("consent", "no", False),
])
async def test_answer_fills_the_requested_slot(requested, answer, expected):
    events, _ = await run({**BASE, "requested_slot": requested}, [answer])
    assert slot_events(events)[requested] == expected


async def test_what_was_said_in_the_opening_is_not_asked_again():
    events, _ = await run({"requested_slot": "consent"},
                          ["I'm 70 and I have a new headache at my temple", "yes"])
    slots = slot_events(events)
    assert slots["consent"] is True
    assert slots["age"] == 70
    assert slots["location"] == ["temples"]
    assert slots["requested_slot"] == "duration"


async def test_an_answer_not_understood_is_asked_again_with_a_hint():
    answered = {**BASE, "location": ["forehead"], "duration": 3.0, "history": "longstanding",
                "frequency": 3, "severity": 5, "triggers": []}
    events, dispatcher = await run({**answered, "requested_slot": "age"}, ["banana"])
    slots = slot_events(events)
    assert slots["age"] is None and slots["requested_slot"] == "age"
    assert dispatcher.messages[0]["response"] == "utter_not_understood"


async def test_a_question_inside_the_form_is_left_to_the_rules():
    events, dispatcher = await run({**BASE, "requested_slot": "age"},
                                   ["why do you need my age?"], intent="ask_why_needed")
    assert events == [] and dispatcher.messages == []


async def test_yes_to_an_emergency_question_ends_the_interview_at_once():
    slots = {**BASE, "location": ["forehead"], "duration": 3.0, "history": "longstanding",
             "frequency": 3, "severity": 5, "triggers": [], "age": 40,
             "medication": {"days": 0, "kind": None}, "requested_slot": "flag_sudden_onset"}
    events, _ = await run(slots, ["yes"])
    assert slot_events(events)["requested_slot"] is None


async def test_gca_question_only_asked_over_50():
    done = {**BASE, "location": ["temples"], "duration": 3.0, "history": "new",
            "frequency": 3, "severity": 5, "triggers": [], "medication": {"days": 0, "kind": None}}
    young = {**done, "age": 30}
    old = {**done, "age": 70}
    from bot import interview
    assert "flag_gca" not in interview.required_slots(interview.facts_from_slots(young), set())
    assert "flag_gca" in interview.required_slots(interview.facts_from_slots(old), set())


async def test_a_question_not_understood_three_times_is_skipped_with_the_safe_value():
    from rasa_sdk import Tracker
    from rasa_sdk.executor import CollectingDispatcher

    answered = {**BASE, "location": ["forehead"], "duration": 3.0, "history": "longstanding",
                "frequency": 3, "severity": 5, "triggers": [], "age": 30,
                "medication": {"days": 0, "kind": None}, "requested_slot": "flag_sudden_onset"}
    events = []
    for _ in range(3):
        events += [{"event": "slot", "name": "requested_slot", "value": "flag_sudden_onset"},
                   {"event": "user", "text": "purple monkey",
                    "parse_data": {"intent": {"name": "describe_headache"}, "entities": []}}]
    tracker = Tracker("t", answered, events[-1]["parse_data"] | {"text": "purple monkey"}, events,
                      False, None, {"name": "headache_form"}, "action_listen")
    dispatcher = CollectingDispatcher()
    result = slot_events(await ValidateHeadacheForm().run(dispatcher, tracker, {}))
    assert result["flag_sudden_onset"] == "unsure"  # the safer answer, never a silent "no"
    assert dispatcher.messages[0]["response"] == "utter_skip_question"
