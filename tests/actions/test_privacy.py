"""'Delete my data' (actions/privacy.py, actions/form_answers.py): it interrupts
either form whatever the words would parse to; the erasure's payload goes
first so the widget moves to a new session; a failed erasure is never 'done'."""
from __future__ import annotations

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.booking import ValidateBookingForm
from actions.interview_form import ValidateHeadacheForm
from actions.privacy import ERASED_PAYLOAD, ActionEraseData
from bot.storage import records
from tests.actions.conftest import make_tracker


@pytest.mark.parametrize("form, requested", [
    (ValidateBookingForm, "consent"), (ValidateHeadacheForm, "location"),
    (ValidateHeadacheForm, "age"), (ValidateHeadacheForm, "flag_sudden_onset"),
    (ValidateBookingForm, "patient_name"), (ValidateBookingForm, "preferred_time"),
    (ValidateBookingForm, "booking_confirmed")])
async def test_delete_my_data_is_never_taken_as_an_answer(form, requested, domain):
    dispatcher = CollectingDispatcher()
    tracker = make_tracker({"requested_slot": requested}, ["delete my data now, 35, yes"],
                           intent="erase_data", active_loop=form().name().replace(
                               "validate_", ""))
    assert await form().run(dispatcher, tracker, domain) == []
    assert dispatcher.messages == []


async def test_erasure_sends_its_payload_then_says_done_and_leaves_the_forms(database, domain):
    records.save_booking("test-user", "nmt", "Ada Lovelace", "+441632960001", None, "Monday")
    dispatcher = CollectingDispatcher()
    events = await ActionEraseData().run(dispatcher, make_tracker(active_loop="headache_form"),
                                         domain)
    assert dispatcher.messages[0]["custom"] == ERASED_PAYLOAD
    assert dispatcher.messages[1]["response"] == "utter_erased"
    assert {"event": "active_loop", "name": None} in [
        {k: v for k, v in e.items() if k != "timestamp"} for e in events]
    assert records.bookings_for("test-user") == []


async def test_a_failed_erasure_says_so_and_sends_no_payload(monkeypatch, domain):
    def broken(conversation_id):
        raise RuntimeError("database down")

    monkeypatch.setattr(records, "erase_conversation", broken)
    dispatcher = CollectingDispatcher()
    assert await ActionEraseData().run(dispatcher, make_tracker(), domain) == []
    assert [m.get("response") for m in dispatcher.messages] == ["utter_erase_failed"]
