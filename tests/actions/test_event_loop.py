"""CPU work in actions runs off the action server's event loop, so one long
or hostile message never holds up everyone else's (issue 8: 43 s for "Bob"
and 8,000 commas, blocking the whole action server)."""
from __future__ import annotations

import threading

from rasa_sdk.executor import CollectingDispatcher

from actions import assessment
from actions.booking import ValidateBookingForm
from actions.interview_form import ValidateHeadacheForm
from tests.actions.conftest import make_tracker


def recording_threads(monkeypatch, owner, name):
    seen: list[bool] = []
    original = getattr(owner, name)

    def wrapper(*args, **kwargs):
        seen.append(threading.current_thread() is threading.main_thread())
        return original(*args, **kwargs)

    monkeypatch.setattr(owner, name, wrapper)
    return seen


async def test_the_interview_parses_answers_in_a_worker_thread(monkeypatch, domain):
    on_loop = recording_threads(monkeypatch, ValidateHeadacheForm, "parse")
    tracker = make_tracker({"requested_slot": "age"}, ["Bob" + "," * 500],
                           active_loop="headache_form")
    await ValidateHeadacheForm().run(CollectingDispatcher(), tracker, domain)
    assert on_loop == [False]


async def test_the_booking_form_parses_answers_in_a_worker_thread(monkeypatch, domain):
    on_loop = recording_threads(monkeypatch, ValidateBookingForm, "parse")
    tracker = make_tracker({"requested_slot": "patient_name"}, ["Sam Patel"],
                           active_loop="booking_form")
    await ValidateBookingForm().run(CollectingDispatcher(), tracker, domain)
    assert on_loop == [False]


async def test_triage_runs_in_a_worker_thread(monkeypatch, domain):
    on_loop = recording_threads(monkeypatch, assessment.triage, "assess")
    await assessment.ActionAssessHeadache().run(CollectingDispatcher(),
                                                make_tracker(said=["my temples ache"]), domain)
    assert on_loop == [False]
