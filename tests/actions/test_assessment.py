"""The assessment action: triage, payload of CONTRACT.md, booking offer, storage."""
from __future__ import annotations

from rasa_sdk.executor import CollectingDispatcher

from actions.assessment import ActionAssessHeadache
from bot.storage import records
from tests.actions.conftest import make_tracker, slot_events, without_timestamps

DONE = {"location": ["temples"], "duration": 3.0, "history": "longstanding",
        "frequency": 4, "severity": 5, "triggers": ["clenching"], "age": 35,
        "medication": {"days": 2, "kind": "simple"}}


def payloads(dispatcher: CollectingDispatcher, kind: str) -> list[dict]:
    return [m["custom"] for m in dispatcher.messages
            if isinstance(m.get("custom"), dict) and m["custom"].get("type") == kind]


async def assess(slots, said, active_loop=None, sender="test-user"):
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(slots, said, active_loop=active_loop, sender=sender)
    events = await ActionAssessHeadache().run(dispatcher, tracker, {})
    return without_timestamps(events), dispatcher


async def test_no_warning_sign_gives_self_care_with_muscles_and_a_service():
    events, dispatcher = await assess(DONE, ["my temples ache and I clench my jaw"])
    [payload] = payloads(dispatcher, "headache_assessment")
    assert payload["triage"] == "self_care"
    assert payload["suggested_service"] in ("nmt", "smrt")
    muscles = {m for f in payload["factors"] for m in f["muscles"]}
    assert {"temporalis", "masseter"} & muscles
    text = " ".join(m.get("text") or "" for m in dispatcher.messages).lower()
    assert "likely contributing" in text and "the cause" not in text
    assert slot_events(events)["offer_booking"] is True
    assert slot_events(events)["triage"] == "self_care"


async def test_emergency_in_the_words_ends_everything_and_offers_no_booking():
    events, dispatcher = await assess(
        {"requested_slot": "duration"},
        ["hello", "it came on out of nowhere, the worst headache of my life"],
        active_loop="headache_form")
    [payload] = payloads(dispatcher, "headache_assessment")
    assert payload["triage"] == "emergency"
    assert payload["factors"] == [] and payload["suggested_service"] is None
    assert payload["red_flags"][0]["sources"]
    assert {"event": "active_loop", "name": None} in events
    assert slot_events(events)["offer_booking"] is False
    text = " ".join(m.get("text") or "" for m in dispatcher.messages)
    assert "999" in text


async def test_a_later_no_never_lowers_the_level():
    slots = {**DONE, "screen_emergency": {}, "screen_urgent": {"immune": "yes"}}
    _, dispatcher = await assess(slots, ["no, none of that"])
    [payload] = payloads(dispatcher, "headache_assessment")
    assert payload["triage"] == "urgent"


async def test_not_sure_counts_as_the_safer_answer():
    _, dispatcher = await assess({**DONE, "screen_doctor": {"pattern_change": "unsure"}}, ["not sure"])
    [payload] = payloads(dispatcher, "headache_assessment")
    assert payload["triage"] == "see_doctor"


async def test_why_quotes_what_the_person_chose_in_the_screens_own_words():
    _, dispatcher = await assess({**DONE, "screen_urgent": {"immune": "yes"}}, ["2"])
    text = " ".join(m.get("text") or "" for m in dispatcher.messages)
    assert 'you chose: "cancer, or a weakened immune system"' in text


async def test_an_assessment_alone_is_never_stored_but_kept_to_show_with_a_booking(database):
    events, dispatcher = await assess(DONE, ["temples"], sender="no-booking")
    assert records.latest_assessment("no-booking", url=database) is None
    [payload] = payloads(dispatcher, "headache_assessment")
    shown = slot_events(events)["assessment_shown"]
    assert shown["payload"] == payload and list(shown["answers"]["facts"]["regions"]) == ["temples"]


async def test_assessed_again_after_a_booking_kept_with_the_answers_is_stored(database):
    booked = {**DONE, "consent": True, "booking_reference": "HB-2345A"}
    await assess(booked, ["temples"], sender="booked-keeping")
    await assess({**booked, "consent": False}, ["temples"], sender="booked-not-keeping")
    await assess({**DONE, "consent": True}, ["temples"], sender="agreed-not-booked")
    assert records.latest_assessment("booked-keeping", url=database)["triage"] == "self_care"
    assert records.latest_assessment("booked-not-keeping", url=database) is None
    assert records.latest_assessment("agreed-not-booked", url=database) is None
