"""Starting over: a new interview in the same conversation.

Unlike Rasa's own restart, which forgets the whole conversation, this clears the
interview's answers and the outcome but never a warning sign: what the person
said stays in the conversation (and counts), and a screen item they chose stays
chosen. The message that asked to start over is itself assessed first
(components/safety_policy.py)."""
from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActiveLoop, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.conversation import START_OVER_ACTION
from bot import interview, red_flags

# Outcome and bookkeeping slots cleared with the interview.
CLEARED = ("triage", "offer_booking", "suggested_service", "assessment_shown", "screen_follow_up", "screen_shown",
           "urgent_advised", "requested_slot", interview.SEX_SLOT, interview.SOMEONE_ELSE_SLOT,
           interview.WHO_SLOT, interview.HEARD_SLOT)


class ActionStartOver(Action):
    def name(self) -> str:
        return START_OVER_ACTION

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[dict[str, Any]]:
        slots = tracker.current_slot_values()
        events = [ActiveLoop(None)]
        for slot in (*interview.FACT_SLOTS, *interview.BOOKING_SLOTS, *CLEARED):
            if slots.get(slot) is not None:
                events.append(SlotSet(slot, None))
        for screen in red_flags.all_screens():
            if slots.get(screen.slot) == {}:
                events.append(SlotSet(screen.slot, None))   # "none" is asked again; a sign chosen stays
        dispatcher.utter_message(response="utter_restart")
        return events
