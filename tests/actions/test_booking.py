"""Booking: details validated and normalised, read back, stored, referenced."""
from __future__ import annotations

import re

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.booking import ActionAskBookingConfirmed, ActionSubmitBooking, ValidateBookingForm
from actions.conversation import ANSWER_QUESTION_ACTION
from bot.storage import records
from tests.actions.conftest import make_tracker, slot_events


async def validate(slots, text, intent="describe_headache", channel="rest", metadata=None):
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(slots, [text], intent, active_loop="booking_form", channel=channel,
                           metadata=metadata)
    return slot_events(await ValidateBookingForm().run(dispatcher, tracker, {})), dispatcher


@pytest.mark.parametrize("requested, answer, expected", [
    ("booking_wanted", "yes please", {"booking_wanted": True}),
    ("booking_wanted", "no thanks", {"booking_wanted": False, "requested_slot": None}),
    ("booking_wanted", "NMT please", {"booking_wanted": True, "service": "nmt"}),
    ("service", "SMRT", {"service": "smrt"}),
    ("patient_name", "my name is Alex Morgan", {"patient_name": "Alex Morgan"}),
    ("contact", "+1 310 555 0142", {"contact": "+13105550142"}),
    ("contact", "alex@example.com", {"contact": "alex@example.com"}),
    ("preferred_time", "next Tuesday afternoon", {"preferred_time": "next Tuesday afternoon"}),
    ("preferred_time", "any weekday after 3pm", {"preferred_time": "any weekday after 3pm"}),
    ("preferred_time", "weekdays after 3pm", {"preferred_time": "weekdays after 3pm"}),
    ("preferred_time", "Friday lunchtime", {"preferred_time": "Friday lunchtime"}),
    # Spanish (a blind conversation's booking was dropped on it)
    ("preferred_time", "el martes por la mañana", {"preferred_time": "el martes por la mañana"}),
    ("preferred_time", "entre semana, a las 6", {"preferred_time": "entre semana, a las 6"}),
    # agreeing in one's own words; a booking made for someone else is in their name
    ("booking_wanted", "fine", {"booking_wanted": True}),
    ("booking_confirmed", "thats it", {"booking_confirmed": True}),
    ("booking_confirmed", "all good thanks", {"booking_confirmed": True}),
    ("patient_name", "Karen Doyle (mum), for Ellie Doyle", {"patient_name": "Ellie Doyle"}),
    ("patient_name", "it's for my son Jack Smith", {"patient_name": "Jack Smith"}),
])
async def test_answers_are_validated_and_normalised(requested, answer, expected):
    slots, _ = await validate({"requested_slot": requested}, answer)
    for key, value in expected.items():
        assert slots[key] == value


@pytest.mark.parametrize("requested, answer", [
    ("contact", "call me maybe"), ("contact", "12"), ("service", "whatever"),
    ("preferred_time", "hmm"), ("patient_name", "12345"),
])
async def test_bad_details_get_a_clear_answer_and_are_asked_again(requested, answer):
    before = {"booking_wanted": True, "consent": True, "service": "nmt", "patient_name": "Alex",
              "contact": "+13105550142", "preferred_time": "Monday"}
    slots, dispatcher = await validate({**before, requested: None, "requested_slot": requested},
                                       answer)
    assert slots[requested] is None and slots["requested_slot"] == requested
    assert dispatcher.messages[0]["response"] == f"utter_invalid_{requested}"


async def test_a_detail_still_not_understood_the_third_time_stops_the_booking_plainly():
    """Never the same question forever: the third miss in a row ends the booking, said so."""
    dispatcher = CollectingDispatcher()
    tracker = make_tracker({"requested_slot": "patient_name", "booking_wanted": True, "service": "nmt"},
                           ["12345", "12345!", "123 456"], active_loop="booking_form")
    slots = slot_events(await ValidateBookingForm().run(dispatcher, tracker, {}))
    assert dispatcher.messages[0]["response"] == "utter_booking_not_taken"
    assert slots["booking_wanted"] is False and slots["requested_slot"] is None


async def test_a_stopped_booking_is_not_followed_by_a_second_no_problem():
    stopped = make_tracker({"booking_wanted": False}, ["123 456"])
    stopped.events.append({"event": "bot", "text": "Sorry, ...", "metadata": {"utter_action": "utter_booking_not_taken"}})
    declined = make_tracker({"booking_wanted": False}, ["no thanks"])
    said = {}
    for name, tracker in (("stopped", stopped), ("declined", declined)):
        dispatcher = CollectingDispatcher()
        await ActionSubmitBooking().run(dispatcher, tracker, {})
        said[name] = [m.get("response") for m in dispatcher.messages]
    assert said == {"stopped": [], "declined": ["utter_no_booking"]}


@pytest.mark.parametrize("text", ["John Smith, thanks for asking", "Sam Lee booking for tomorrow morning",
                                  "Priya Shah for NMT please", "for my son"])
async def test_for_in_a_sentence_is_no_name_of_its_own(text):
    slots, _ = await validate({"requested_slot": "patient_name"}, text)
    assert slots["patient_name"] in (None, "John Smith", "Sam Lee", "Priya Shah")
    assert slots["patient_name"] not in ("Asking", "Tomorrow Morning", "Nmt", "Son")


def answered_as_questions(tracker, *texts):
    """`tracker` with an answer to each of `texts` (as the rule for a question asked
    meanwhile gives one) right after the message saying it."""
    events = []
    for event in tracker.events:
        events.append(event)
        if event.get("event") == "user" and event.get("text") in texts:
            events.append({"event": "action", "name": ANSWER_QUESTION_ACTION})
    tracker.events = events
    return tracker


async def test_a_question_answered_meanwhile_is_no_miss_of_the_booking_question():
    dispatcher = CollectingDispatcher()
    tracker = answered_as_questions(
        make_tracker({"requested_slot": "patient_name", "booking_wanted": True, "service": "nmt"},
                     ["what is smrt?", "is this private?", "12345"], active_loop="booking_form"),
        "what is smrt?", "is this private?")
    await ValidateBookingForm().run(dispatcher, tracker, {})
    assert dispatcher.messages[0]["response"] == "utter_invalid_patient_name"


async def test_answers_with_question_marks_not_understood_are_misses_and_end_the_booking():
    """"Monday? or Tuesday?" is a time not understood, not a question answered: counted,
    so the booking ends plainly after three rather than asking the same question for ever."""
    dispatcher = CollectingDispatcher()
    tracker = make_tracker({"requested_slot": "preferred_time", "booking_wanted": True, "service": "nmt",
                            "patient_name": "Sam Lee", "contact": "+13105550142"},
                           ["the blue one?", "hmm, erm?", "ok so?"], active_loop="booking_form")
    slots = slot_events(await ValidateBookingForm().run(dispatcher, tracker, {}))
    assert dispatcher.messages[0]["response"] == "utter_booking_not_taken"
    assert slots["booking_wanted"] is False


async def test_no_at_the_read_back_takes_the_details_again():
    slots, _ = await validate({"requested_slot": "booking_confirmed", "booking_wanted": True,
                               "consent": False, "service": "nmt", "patient_name": "Al", "contact": "+13105550142",
                               "preferred_time": "Monday"}, "no")
    assert slots["patient_name"] is None and slots["requested_slot"] == "service"
    assert "consent" not in slots        # asked once: the answer about the answers stands


# Consent to keep the answers: asked with the booking, when there is something to keep

@pytest.mark.parametrize("answer, consent", [("yes, I agree", True), ("no", False),
                                             ("no, don't keep them", False)])
async def test_consent_is_asked_once_the_person_wants_to_book(answer, consent):
    slots, _ = await validate({"requested_slot": "booking_wanted", "suggested_service": "nmt"}, "yes please")
    assert slots["requested_slot"] == "consent"
    slots, _ = await validate({"booking_wanted": True, "service": "nmt", "requested_slot": "consent"}, answer)
    assert slots["consent"] is consent
    assert slots["requested_slot"] == "patient_name"      # a booking goes on either way


async def test_consent_not_understood_is_a_no_said_plainly_and_the_booking_goes_on():
    dispatcher = CollectingDispatcher()
    tracker = make_tracker({"requested_slot": "consent", "booking_wanted": True, "service": "nmt"},
                           ["purple", "monkey", "banana"], active_loop="booking_form")
    slots = slot_events(await ValidateBookingForm().run(dispatcher, tracker, {}))
    assert slots["consent"] is False and slots["requested_slot"] == "patient_name"
    assert dispatcher.messages[0]["response"] == "utter_skip_consent"


def test_the_consent_skip_says_the_answers_will_not_be_kept():
    import yaml

    from tests.actions.conftest import ROOT

    variations = yaml.safe_load((ROOT / "domain.yml").read_text())["responses"]["utter_skip_consent"]
    assert variations and all("won't be kept" in v["text"] for v in variations)


SHOWN = {"payload": {"type": "headache_assessment", "triage": "see_doctor",
                     "red_flags": [{"id": "wakes_from_sleep", "level": "see_doctor"}],
                     "factors": [], "suggested_service": "nmt", "advice": "see a GP"},
         "answers": {"facts": {"regions": ["temples"]}, "warning_sign_answers": {}}}
BOOKED = {"booking_wanted": True, "booking_confirmed": True, "service": "nmt",
          "patient_name": "Alex Morgan", "contact": "+13105550142", "preferred_time": "Monday",
          "assessment_shown": SHOWN}


@pytest.mark.parametrize("consent", [True, False, None])
async def test_the_answers_are_kept_with_a_booking_only_with_consent(database, consent):
    sender = f"c-{consent}"
    # what was said during the booking is not read again: the assessment stored is the one shown
    tracker = make_tracker({**BOOKED, "consent": consent}, ["my temples ache", "Monday, worse when I cough"],
                           sender=sender)
    await ActionSubmitBooking().run(CollectingDispatcher(), tracker, {})
    stored = records.latest_assessment(sender, url=database)
    [booking] = records.bookings_for(sender, url=database)
    if consent:
        assert stored["triage"] == "see_doctor" and stored["consented"] is True
        assert [f["id"] for f in stored["red_flags"]] == ["wakes_from_sleep"]
        assert stored["id"] == booking["assessment_id"]       # the therapist sees them with it
    else:
        assert stored is None and booking["assessment_id"] is None


async def test_confirmed_booking_is_stored_with_a_reference(database):
    dispatcher = CollectingDispatcher()
    tracker = make_tracker({"booking_wanted": True, "booking_confirmed": True, "service": "smrt",
                            "patient_name": "Alex Morgan", "contact": "+13105550142",
                            "preferred_time": "next Tuesday afternoon"}, ["yes"], sender="b1")
    events = await ActionSubmitBooking().run(dispatcher, tracker, {})
    [payload] = [m["custom"] for m in dispatcher.messages if m.get("custom")]
    assert payload["type"] == "booking_request" and payload["status"] == "requested"
    assert re.fullmatch(r"HB-[A-Z2-9]{5}", payload["reference"])
    assert slot_events(events)["booking_reference"] == payload["reference"]
    [stored] = records.bookings_for("b1", url=database)
    assert stored["phone"] == "+13105550142" and stored["service"] == "smrt"


async def test_the_same_call_resent_stores_one_booking_and_gives_its_reference(database):
    # nginx resends an action call whose action server died after storing it.
    slots = {"booking_wanted": True, "booking_confirmed": True, "service": "nmt",
             "patient_name": "Alex Morgan", "contact": "+13105550142", "preferred_time": "Monday"}
    references = []
    for _ in range(2):
        dispatcher = CollectingDispatcher()
        tracker = make_tracker(slots, ["yes"], sender="b2")
        events = await ActionSubmitBooking().run(dispatcher, tracker, {})
        references.append(slot_events(events)["booking_reference"])
    [stored] = records.bookings_for("b2", url=database)
    assert references == [stored["reference"]] * 2


async def test_a_storage_failure_keeps_the_details_and_logs_nothing_personal(monkeypatch, caplog):
    from actions import booking

    def broken(*args, **kwargs):
        raise RuntimeError("INSERT failed for name='Alex Morgan' phone='+13105550142'")

    monkeypatch.setattr(booking.records, "save_booking", broken)
    dispatcher = CollectingDispatcher()
    tracker = make_tracker({"booking_wanted": True, "booking_confirmed": True, "service": "nmt",
                            "patient_name": "Alex Morgan", "contact": "+13105550142",
                            "preferred_time": "Monday"}, ["yes"])
    events = await ActionSubmitBooking().run(dispatcher, tracker, {})
    assert dispatcher.messages[0]["response"] == "utter_booking_failed"
    assert "patient_name" not in slot_events(events)  # the details stay in the conversation
    assert "Alex" not in caplog.text and "555" not in caplog.text


# The kiosk: a booking with no typing

@pytest.mark.parametrize("requested", ["patient_name", "contact"])
async def test_on_the_kiosk_details_can_be_left_to_reception(requested):
    slots, _ = await validate({"requested_slot": requested}, "at reception", channel="kiosk")
    assert slots[requested] == "at_reception"


@pytest.mark.parametrize("channel", ["rest", "webchat", "twilio_sms"])
async def test_elsewhere_at_reception_is_not_a_name_or_a_contact(channel):
    slots, _ = await validate({"requested_slot": "contact"}, "at reception", channel=channel)
    assert slots["contact"] is None


@pytest.mark.parametrize("slots, expected", [
    ({"service": "smrt", "patient_name": "Alex Morgan", "contact": "+13105550142",
      "preferred_time": "weekday mornings"},
     "Please check: Spontaneous Muscle Release Technique (SMRT) assessment, preferred time: "
     "weekday mornings; name Alex Morgan, contact +1 310-555-0142. Is that correct?"),
    ({"service": "nmt", "patient_name": "Sam Lee", "contact": "+447700900461",
      "preferred_time": "Monday"},      # a home number as people write it, not +447700900461
     "Please check: Neuromuscular Therapy (NMT) assessment, preferred time: Monday; "
     "name Sam Lee, contact 07700 900461. Is that correct?"),
    ({"service": "nmt", "patient_name": "at_reception", "contact": "at_reception",
      "preferred_time": "as soon as possible"},
     "Please check: Neuromuscular Therapy (NMT) assessment, preferred time: as soon as possible; "
     "your name and contact details at reception. Is that correct?"),
])
async def test_the_read_back_names_the_service_in_full(slots, expected):
    dispatcher = CollectingDispatcher()
    await ActionAskBookingConfirmed().run(dispatcher, make_tracker(slots), {})
    [message] = dispatcher.messages
    assert message["text"] == expected
    assert [b["payload"] for b in message["buttons"]] == ["yes", "no"]


async def test_a_kiosk_booking_with_details_at_reception_is_stored(database):
    dispatcher = CollectingDispatcher()
    tracker = make_tracker({"booking_wanted": True, "booking_confirmed": True, "service": "nmt",
                            "patient_name": "at_reception", "contact": "at_reception",
                            "preferred_time": "as soon as possible"}, ["yes"], sender="k1",
                           channel="kiosk")
    await ActionSubmitBooking().run(dispatcher, tracker, {})
    [payload] = [m["custom"] for m in dispatcher.messages if m.get("custom")]
    assert payload["type"] == "booking_request"
    [stored] = records.bookings_for("k1", url=database)
    assert stored["name"] is None and stored["phone"] is None and stored["email"] is None


async def test_a_database_that_fails_during_the_booking_never_gives_a_reference(tmp_path,
                                                                               monkeypatch):
    """Not a stub: the real storage on a database that cannot be written."""
    broken = tmp_path / "not-a-database"
    broken.mkdir()
    monkeypatch.setenv("HEADACHE_DATABASE_URL", f"sqlite:///{broken}")
    dispatcher = CollectingDispatcher()
    tracker = make_tracker({"booking_wanted": True, "booking_confirmed": True, "service": "nmt",
                            "patient_name": "Alex Morgan", "contact": "+13105550142",
                            "preferred_time": "Monday"}, ["yes"])
    events = await ActionSubmitBooking().run(dispatcher, tracker, {})
    assert [m.get("response") for m in dispatcher.messages] == ["utter_booking_failed"]
    assert not any(m.get("json_message") for m in dispatcher.messages)
    assert "booking_reference" not in slot_events(events)


# ---- issue 10: booking friction -------------------------------------------------------

@pytest.mark.parametrize("answer, service", [
    ("yes please", "nmt"),                   # the question named the suggestion
    ("the one you suggested", "nmt"),
    ("the one you recomended", "nmt"),       # a typo
    ("yes, SMRT please", "smrt"),            # another service named in the same reply
])
async def test_the_service_is_chosen_in_the_same_reply_as_the_booking(answer, service):
    slots, _ = await validate({"requested_slot": "booking_wanted", "suggested_service": "nmt"}, answer)
    assert slots["booking_wanted"] is True and slots["service"] == service
    assert slots["requested_slot"] != "service"


@pytest.mark.parametrize("contact, channel, confirm_by", [
    ("at_reception", "kiosk", "reception"),   # no promise of a call nobody can make
    ("+447700900461", "webchat", "phone"),
    ("alex@example.com", "webchat", "email"),
])
async def test_the_booking_card_says_how_the_time_will_be_confirmed(database, contact, channel,
                                                                   confirm_by):
    dispatcher = CollectingDispatcher()
    tracker = make_tracker({"booking_wanted": True, "booking_confirmed": True, "service": "nmt",
                            "patient_name": "at_reception" if channel == "kiosk" else "Alex",
                            "contact": contact, "preferred_time": "as soon as possible"},
                           ["yes"], sender="k2", channel=channel)
    await ActionSubmitBooking().run(dispatcher, tracker, {})
    [payload] = [m["custom"] for m in dispatcher.messages if m.get("custom")]
    assert payload["confirm_by"] == confirm_by


# "this number" by SMS: the sender's number, never in the clear in the conversation

async def test_by_sms_this_number_is_the_number_the_text_came_from(database):
    from bot.storage import crypto

    reply_to = crypto.encrypt("+447700900461")
    slots, dispatcher = await validate({"requested_slot": "contact"}, "this number",
                                       channel="twilio_sms", metadata={"reply_to": reply_to})
    assert slots["contact"] == reply_to and "+447700900461" not in str(slots)
    dispatcher = CollectingDispatcher()
    details = {"service": "nmt", "patient_name": "Jo Evans", "contact": reply_to,
               "preferred_time": "weekday mornings"}
    await ActionAskBookingConfirmed().run(dispatcher, make_tracker(details), {})
    assert "contact the number you are texting from" in dispatcher.messages[0]["text"]
    dispatcher = CollectingDispatcher()
    tracker = make_tracker({**details, "booking_wanted": True, "booking_confirmed": True},
                           ["yes"], sender="sms-1", channel="twilio_sms")
    await ActionSubmitBooking().run(dispatcher, tracker, {})
    [stored] = records.bookings_for("sms-1", url=database)
    assert stored["phone"] == "+447700900461"


@pytest.mark.parametrize("channel, metadata", [
    ("twilio_sms", None),                                   # the channel gave no number
    ("rest", {"reply_to": "fernet:made-up"}),               # only the SMS channel's counts
    ("twilio_sms", {"reply_to": "+447700900461"}),          # never a number in the clear
])
async def test_this_number_means_nothing_without_the_sms_channels_number(channel, metadata):
    slots, dispatcher = await validate({"requested_slot": "contact"}, "this number",
                                       channel=channel, metadata=metadata)
    assert slots["contact"] is None
    assert dispatcher.messages[0]["response"] == "utter_invalid_contact"


@pytest.mark.parametrize("text, expected", [
    # the offer again
    ("actually can I book?", {"booking_wanted": None, "service": None, "booking_confirmed": None}),
    # a service named: straight to the details
    ("NMT please", {"booking_wanted": True, "service": "nmt", "booking_confirmed": None}),
])
async def test_a_booking_asked_for_again_starts_again_keeping_the_details_given(text, expected):
    from actions.booking import ActionBookAgain

    tracker = make_tracker({"booking_wanted": False, "patient_name": "Ana Ruiz", "contact": "ana@example.org",
                            "service": "smrt", "booking_confirmed": None, "triage": "self_care"}, [text],
                           "request_booking")
    events = await ActionBookAgain().run(CollectingDispatcher(), tracker, {})
    slots = {}
    for e in events:
        slots[e["name"]] = e["value"]
    # the name and contact given before are not asked twice (the read-back shows them)
    assert "patient_name" not in slots and "contact" not in slots
    assert {k: slots[k] for k in expected} == expected


def _recorded(*steps):
    """Events as the Rasa server records them: ("ask", slot) or ("say", text)."""
    events = []
    for kind, value in steps:
        if kind == "ask":
            events.append({"event": "slot", "name": "requested_slot", "value": value})
        else:
            events.append({"event": "user", "text": value,
                           "parse_data": {"intent": {"name": "describe_headache"}, "entities": []}})
    return events


@pytest.mark.parametrize("misses, skipped", [(["purple", "monkey"], False),
                                             (["purple", "monkey", "banana"], True)])
async def test_consent_is_asked_three_times_before_it_counts_as_a_no(misses, skipped):
    """The answer to the booking offer, just before consent was asked, is no miss of it."""
    from rasa_sdk import Tracker

    events = _recorded(("ask", "booking_wanted"), ("say", "yes please"),
                       *[step for text in misses for step in (("ask", "consent"), ("say", text))])
    slots = {"booking_wanted": True, "service": "nmt", "requested_slot": "consent"}
    tracker = Tracker("t", slots, events[-1]["parse_data"] | {"text": misses[-1]}, events, False,
                      None, {"name": "booking_form"}, "action_listen")
    dispatcher = CollectingDispatcher()
    found = slot_events(await ValidateBookingForm().run(dispatcher, tracker, {}))
    assert (found.get("consent") is False) is skipped
    assert dispatcher.messages[0]["response"] == ("utter_skip_consent" if skipped
                                                  else "utter_invalid_consent")
