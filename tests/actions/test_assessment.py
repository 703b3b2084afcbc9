"""The assessment action: triage, payload of CONTRACT.md, booking offer, storage."""
from __future__ import annotations

from rasa_sdk.executor import CollectingDispatcher

from actions.assessment import ActionAssessHeadache
from bot.storage import records
from tests.actions.conftest import make_tracker, slot_events, without_timestamps

DONE = {"consent": True, "location": ["temples"], "duration": 3.0, "history": "longstanding",
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
        {"consent": True, "requested_slot": "duration"},
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


async def test_stored_only_with_consent(database):
    await assess(DONE, ["temples"], sender="with-consent")
    await assess({**DONE, "consent": False}, ["temples"], sender="without-consent")
    assert records.latest_assessment("with-consent", url=database)["triage"] == "self_care"
    assert records.latest_assessment("without-consent", url=database) is None


async def test_a_person_who_asked_to_book_is_not_asked_again():
    from rasa_sdk import Tracker

    events = [{"event": "user", "text": "I'd like to book an assessment",
               "parse_data": {"intent": {"name": "request_booking"}, "entities": []}},
              {"event": "user", "text": "no", "parse_data": {"intent": {"name": "deny"},
                                                             "entities": []}}]
    tracker = Tracker("t", dict(DONE), events[-1]["parse_data"], events, False, None, {},
                      "action_listen")
    result = slot_events(await ActionAssessHeadache().run(CollectingDispatcher(), tracker, {}))
    assert result["offer_booking"] is True and result["booking_wanted"] is True


async def test_the_result_in_words_is_marked_as_the_card_s_text():
    """The widget and the kiosk leave out the marked texts and show the card once
    (channels/webchat.py); SMS and REST get the words."""
    from bot.explanation import CARD_TEXT

    _, dispatcher = await assess(DONE, ["my temples ache and I clench my jaw"])
    texts = [m for m in dispatcher.messages if m.get("text")]
    assert texts and all(m.get(CARD_TEXT) == "headache_assessment" for m in texts)
    assert payloads(dispatcher, "headache_assessment")


async def test_by_sms_the_short_form_is_sent_and_the_whole_kept_for_more():
    from channels import sms_text

    dispatcher = CollectingDispatcher()
    tracker = make_tracker(DONE, ["my temples ache and I clench my jaw"], channel="twilio_sms")
    await ActionAssessHeadache().run(dispatcher, tracker, {})
    texts = [m["text"] for m in dispatcher.messages if m.get("text")]
    [short] = texts
    assert short.endswith("Reply MORE for details.") and "Likely contributing" in short
    assert sms_text.segment_count(short) <= 4
    [details] = payloads(dispatcher, "assessment_details")
    assert details["messages"][0].startswith("Good news.")
    assert len("\n".join(details["messages"])) > 2 * len(short)
    assert payloads(dispatcher, "headache_assessment")    # the structured payload as always


async def test_elsewhere_the_whole_self_check_and_nothing_kept_for_more():
    _, dispatcher = await assess(DONE, ["my temples ache"])
    assert not payloads(dispatcher, "assessment_details")
    assert not any("Reply MORE" in (m.get("text") or "") for m in dispatcher.messages)
