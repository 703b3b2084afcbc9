"""The assessment: triage, warning signs, likely contributing factors, next step."""
from __future__ import annotations

import asyncio
import dataclasses
import logging
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActiveLoop, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.conversation import facts, mentions, screen_answers, turns_since_start_over, user_messages
from bot import evidence, explanation, interview, triage
from bot.assessment import Facts
from bot.levels import EMERGENCY, URGENT
from bot.storage import records
from channels import sms_text

logger = logging.getLogger(__name__)

# The latest assessment as the person saw it, and its answers (kept_answers): stored only
# with a booking they agree to keep them with.
SHOWN_SLOT = "assessment_shown"


class ActionAssessHeadache(Action):
    def name(self) -> str:
        return "action_assess_headache"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[dict[str, Any]]:
        # Reading the whole conversation and triage are CPU work: in a thread,
        # never on the action server's event loop.
        answers, known, result = await asyncio.to_thread(_assess, tracker)
        payload = result.as_payload()
        if tracker.get_latest_input_channel() == sms_text.CHANNEL:
            # A text message costs per segment: the short form, and the whole
            # self-check kept for MORE (channels/sms.py never sends payloads).
            dispatcher.utter_message(text=explanation.summary(result))
            dispatcher.utter_message(json_message={
                "type": sms_text.DETAILS, "messages": explanation.assessment_messages(result)})
        else:
            # The text for channels without cards (REST); the widget and the kiosk
            # show the card alone (channels/webchat.py), so the result is shown once.
            for line in explanation.assessment_messages(result):
                dispatcher.utter_message(text=line, **{explanation.CARD_TEXT: payload["type"]})
        dispatcher.utter_message(json_message=payload)

        kept = kept_answers(payload, known, answers)
        if tracker.get_slot(interview.CONSENT_SLOT) and tracker.get_slot("booking_reference"):
            # Assessed again after a booking the person keeps their answers with.
            await _store(tracker.sender_id, kept, tracker.get_slot("booking_reference"))

        events: list[dict[str, Any]] = [
            SlotSet("triage", result.triage),
            SlotSet("suggested_service", result.suggested_service),
            # what was shown, stored with a booking if the person agrees (actions/booking.py)
            SlotSet(SHOWN_SLOT, kept),
        ]
        active = tracker.active_loop_name
        if active == "headache_form" or (active and result.triage in (EMERGENCY, URGENT)):
            # An assessment ends the interview; an emergency or urgent one ends a
            # booking too: medical help comes first.
            events += [ActiveLoop(None), SlotSet("requested_slot", None)]
        # components/safety_policy.py starts (or resumes) the booking form when offered.
        offer = result.offer_booking and not tracker.get_slot("booking_reference")
        events.append(SlotSet("offer_booking", offer))
        if offer and asked_to_book(tracker):
            events.append(SlotSet("booking_wanted", True))  # already said; not asked again
        return events


def _assess(tracker: Tracker) -> tuple[dict, Facts, Any]:
    answers = screen_answers(tracker)
    known = facts(tracker)
    said = evidence.quotes(turns_since_start_over(tracker))
    person = interview.person_from_slots(tracker.current_slot_values())
    return answers, known, triage.assess(mentions(tracker), known, answers, said, person)


def asked_to_book(tracker: Tracker) -> bool:
    return any(((m.get("parse_data") or {}).get("intent") or {}).get("name") == "request_booking"
               for m in user_messages(tracker))


def kept_answers(payload: dict, known: Facts, answers: dict) -> records.KeptAnswers:
    """The assessment as shown and the answers it came from, as they are stored."""
    return {"payload": payload,
            "answers": {"facts": dataclasses.asdict(known), "warning_sign_answers": answers}}


async def _store(conversation_id: str, kept: records.KeptAnswers, booking: str) -> None:
    """Store the assessment, linked to the booking from now on; a storage failure must never
    hide the advice already given."""
    try:
        await asyncio.to_thread(records.save_assessment, conversation_id, kept["payload"],
                                kept["answers"], True, for_booking=booking)
    except Exception as error:  # noqa: BLE001 - the advice was already sent
        # The type only: database errors can quote the stored values.
        logger.error("could not store an assessment (%s)", type(error).__name__)
