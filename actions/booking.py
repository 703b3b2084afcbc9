"""Booking an NMT or SMRT assessment: the booking form and its submission.

The answers are read by bot.understanding.booking; this module maps them to slots."""
from __future__ import annotations

import asyncio
import logging
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.assessment import SHOWN_SLOT
from actions.conversation import REPLY_TO, attempts_at, said_this_turn, sms_metadata
from actions.form_answers import MAX_ATTEMPTS, AnswerFormValidation
from bot import clinic, explanation, interview
from bot.storage import crypto, records
from bot.understanding.booking import (
    means_the_suggestion,
    parse_contact,
    parse_preferred_time,
    parse_service,
    says_at_reception,
    says_this_number,
)
from bot.understanding.contact import normalise_phone, parse_name
from bot.understanding.yes_no import parse_agreement
from channels import web_session

logger = logging.getLogger(__name__)

# Said when a booking detail is still not understood: the booking stops, and how to try again
NOT_TAKEN = "utter_booking_not_taken"


def parse_booking_answer(slot: str, text: str, tracker: Tracker) -> dict[str, Any] | None:
    """Slot updates for the answer to `slot`; None when not understood."""
    if (slot in ("patient_name", "contact") and says_at_reception(text)
            and tracker.get_latest_input_channel() == web_session.KIOSK_CHANNEL):
        # Only on the clinic's own kiosk: the person is standing by the desk.
        return {slot: interview.AT_RECEPTION}
    suggested = tracker.get_slot("suggested_service")
    if slot == "booking_wanted":
        # The question names the suggested service: "yes please" and "the one you
        # suggested" book it, "NMT please" books the one named; both accept.
        service = parse_service(text) or (suggested if means_the_suggestion(text) else None)
        if service:
            return {"booking_wanted": True, "service": service}
        answer = parse_agreement(text)
        if answer == "yes":
            return {"booking_wanted": True, "service": suggested}
        return {"no": {"booking_wanted": False}}.get(answer)
    if slot == interview.CONSENT_SLOT:
        answer = parse_agreement(text)
        return {"yes": {slot: True}, "no": {slot: False}}.get(answer)
    if slot == "service":
        service = parse_service(text)
        if service is None and (parse_agreement(text) == "yes" or means_the_suggestion(text)):
            service = suggested
        return {"service": service} if service else None
    if slot == "patient_name":
        name = parse_name(text)
        return {"patient_name": name} if name else None
    if slot == "contact":
        contact = parse_contact(text) or (this_number(tracker) if says_this_number(text) else None)
        return {"contact": contact} if contact else None
    if slot == "preferred_time":
        when = parse_preferred_time(text)
        return {"preferred_time": when} if when else None
    if slot == "booking_confirmed":
        answer = parse_agreement(text)
        if answer == "yes":
            return {"booking_confirmed": True}
        if answer == "no":  # start the details again rather than store wrong ones
            return {"booking_confirmed": None, "patient_name": None, "contact": None,
                    "preferred_time": None, "service": None}
        return None
    return None


def this_number(tracker: Tracker) -> str | None:
    """The number an SMS came from, as the SMS channel handed it over: encrypted
    (the slot keeps it so, and it is decrypted only to store the booking)."""
    token = sms_metadata(tracker, REPLY_TO)
    if not crypto.is_encrypted(token):
        return None
    try:
        number = normalise_phone(crypto.decrypt(token) or "")
    except crypto.UnusableKey:
        return None
    return token if number else None


def shown_contact(contact: str) -> str:
    """The contact as read back: the sender's own number is not spelt out."""
    return clinic.text("this_number") if crypto.is_encrypted(contact) else contact


class ValidateBookingForm(AnswerFormValidation):
    def name(self) -> str:
        return "validate_booking_form"

    def parse(self, slot, text, tracker, dispatcher):
        found = parse_booking_answer(slot, text, tracker)
        if slot == "booking_confirmed" and found and found["booking_confirmed"] is None:
            dispatcher.utter_message(response="utter_booking_restart_details")
        return found

    def not_understood(self, slot, tracker, dispatcher):
        if attempts_at(tracker, slot) >= MAX_ATTEMPTS:
            if slot == interview.CONSENT_SLOT:
                # Consent not understood is a no, said plainly; the booking goes on.
                dispatcher.utter_message(response="utter_skip_consent")
                return {slot: False}
            # still not understood (a question answered meanwhile is no miss): the booking stops
            # here, said plainly, rather than the same question again and again
            dispatcher.utter_message(response=NOT_TAKEN)
            return {slot: None, "booking_wanted": False}
        dispatcher.utter_message(response=f"utter_invalid_{slot}")
        return {slot: None}

    def next_slot(self, tracker, slots):
        if slots.get("booking_wanted") is False:
            return None
        return next((s for s in interview.BOOKING_SLOTS if slots.get(s) is None), None)


# What the person told of themselves for a booking, and whether their answers may be kept
# with it: kept when a booking starts again
_KEPT_FOR_A_NEW_BOOKING = (interview.CONSENT_SLOT, "patient_name", "contact", "preferred_time")


class ActionBookAgain(Action):
    """A booking asked for after the assessment, its offer declined or the booking stopped
    ("actually, can I book?", "NMT please"): the booking starts again, straight at the
    details when the message names the service, else with the offer again. The details
    already given (name, contact, time) are kept, not asked twice: the read-back shows them
    and "No, change it" asks them afresh."""

    def name(self) -> str:
        return "action_book_again"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[dict[str, Any]]:
        service = parse_service((tracker.latest_message or {}).get("text") or "")
        events = [SlotSet(slot, None) for slot in interview.BOOKING_SLOTS if slot not in _KEPT_FOR_A_NEW_BOOKING]
        if service:
            events += [SlotSet("booking_wanted", True), SlotSet("service", service)]
        return events


class ActionAskBookingConfirmed(Action):
    """The read-back, worded from the slots (service names in full, "at reception")."""

    def name(self) -> str:
        return "action_ask_booking_confirmed"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[dict[str, Any]]:
        text = explanation.booking_read_back(
            tracker.get_slot("service"), tracker.get_slot("patient_name"),
            shown_contact(tracker.get_slot("contact") or ""), tracker.get_slot("preferred_time"))
        dispatcher.utter_message(text=text, buttons=[
            {"title": "Yes, that's right", "payload": "yes"},
            {"title": "No, change it", "payload": "no"}])
        return []


class ActionSubmitBooking(Action):
    def name(self) -> str:
        return "action_submit_booking"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[dict[str, Any]]:
        if not tracker.get_slot("booking_wanted") or not tracker.get_slot("booking_confirmed"):
            if not said_this_turn(tracker, NOT_TAKEN):     # that already said what to do next
                dispatcher.utter_message(response="utter_no_booking")
            return []
        contact = tracker.get_slot("contact") or ""
        if contact == interview.AT_RECEPTION:
            contact = ""
        if crypto.is_encrypted(contact):     # "this number" (SMS)
            contact = normalise_phone(crypto.decrypt(contact) or "") or ""
        email = contact if "@" in contact else None
        name = tracker.get_slot("patient_name")
        # The answers are kept with the booking, as the person saw them, only if they agreed.
        shown = tracker.get_slot(SHOWN_SLOT) if tracker.get_slot(interview.CONSENT_SLOT) else None
        kept = shown if isinstance(shown, dict) else None
        try:
            booking = await asyncio.to_thread(
                records.save_booking, tracker.sender_id, tracker.get_slot("service"),
                None if name == interview.AT_RECEPTION else name,
                None if email else (contact or None), email,
                tracker.get_slot("preferred_time"),
                request_key=records.request_key(
                    tracker.sender_id, (tracker.latest_message or {}).get("message_id"),
                    len(tracker.events)), kept_answers=kept)
        except Exception as error:  # noqa: BLE001
            # The type only: database errors can quote the name or phone number.
            logger.error("could not store a booking request (%s)", type(error).__name__)
            dispatcher.utter_message(response="utter_booking_failed")
            return [SlotSet("booking_confirmed", None), SlotSet("requested_slot", None)]
        dispatcher.utter_message(response="utter_booking_stored", reference=booking["reference"])
        # How the clinic confirms the time: the card never promises a call nobody can make.
        confirm_by = "email" if email else "phone" if contact else "reception"
        dispatcher.utter_message(json_message={"type": "booking_request", **booking,
                                               "confirm_by": confirm_by})
        return [SlotSet("booking_reference", booking["reference"])]
