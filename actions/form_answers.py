"""What the interview and the booking forms share: the answer to the question
asked fills its slots, a question or a command is left to the rules (the form
rejects, the rules answer, the form asks again), an answer not understood
gets a clear reply and the question again, and a message that is no answer but
is understood all the same ("it's my mum with the headache", places tapped on
the head map) is taken in without counting as a miss.

A message that adds to an earlier answer ("and my neck too") is taken as
that, not as a wrong answer to the question now asked. A text its writer sent
before our reply to their previous one had gone out (SMS: channels/sms.py
marks it `written_before_reply`) is never read as the answer to a question
they had not seen yet: it can only add to what they said, and the question
is asked again."""
from __future__ import annotations

import asyncio
from abc import abstractmethod
from typing import Any, Optional

from rasa_sdk import FormValidationAction, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.conversation import latest_intent, latest_text, written_before_reply
from actions.questions import QUESTION_INTENTS

# An answer not understood this many times in a row: the form moves on rather than ask forever.
MAX_ATTEMPTS = 3
# Intents that are not answers.
INTERRUPTIONS = QUESTION_INTENTS | {"stop", "start_over", "erase_data"}
# Never read as an answer, whatever the words would parse to: "delete my
# data" must reach its rule from inside either form.
ALWAYS_INTERRUPTS = frozenset({"erase_data"})


class AnswerFormValidation(FormValidationAction):
    @abstractmethod
    def parse(self, slot: str, text: str, tracker: Tracker,
              dispatcher: CollectingDispatcher) -> Optional[dict[str, Any]]:
        """Slot updates for the answer to `slot`; None when not understood."""

    @abstractmethod
    def not_understood(self, slot: str, tracker: Tracker,
                       dispatcher: CollectingDispatcher) -> dict[str, Any]:
        """Say so, and return the slot updates (usually `{slot: None}`: ask again)."""

    @abstractmethod
    def next_slot(self, tracker: Tracker, slots: dict[str, Any]) -> Optional[str]:
        """The next question, or None when the form is done."""

    def aside(self, slot: str, text: str, tracker: Tracker,
              dispatcher: CollectingDispatcher) -> Optional[dict[str, Any]]:
        """Slot updates for a message that is no answer to `slot` but is understood
        (the question is then asked again, without "sorry"); None otherwise."""
        return None

    def also_known(self, tracker: Tracker, slots: dict[str, Any],
                   dispatcher: CollectingDispatcher) -> dict[str, Any]:
        """Slot updates from anything else the person already said."""
        return {}

    def additions(self, tracker: Tracker, slots: dict[str, Any]) -> dict[str, Any]:
        """Slot updates when the latest message adds to answers already given."""
        return {}

    def before_asking(self, tracker: Tracker, slots: dict[str, Any], following: str,
                      dispatcher: CollectingDispatcher) -> dict[str, Any]:
        """Anything to say before the question for `following` (and the slot updates that
        record it)."""
        return {}

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[dict[str, Any]]:
        # Parsing answers and re-reading the conversation is CPU work: in a
        # thread, so one long message never holds up everyone else's.
        return await asyncio.to_thread(self.validate, dispatcher, tracker)

    def validate(self, dispatcher: CollectingDispatcher,
                 tracker: Tracker) -> list[dict[str, Any]]:
        if latest_intent(tracker) in ALWAYS_INTERRUPTS:
            return []
        requested = tracker.get_slot("requested_slot")
        updates: dict[str, Any] = {}
        if requested:
            text = latest_text(tracker)
            unseen = written_before_reply(tracker)   # sent before they saw this question
            found = self.aside(requested, text, tracker, dispatcher)
            if found is None and not unseen:
                found = self.parse(requested, text, tracker, dispatcher)
            if found is None and latest_intent(tracker) in INTERRUPTIONS:
                return []
            if found is None:
                found = self.additions(tracker, tracker.current_slot_values())
                if found:
                    dispatcher.utter_message(response="utter_added")
                elif not unseen:
                    found = self.not_understood(requested, tracker, dispatcher)
            updates.update(found)
        slots = {**tracker.current_slot_values(), **updates}
        more = self.also_known(tracker, slots, dispatcher)
        updates.update(more)
        slots.update(more)
        following = self.next_slot(tracker, slots)
        if following:
            updates.update(self.before_asking(tracker, slots, following, dispatcher))
        return [SlotSet(slot, value) for slot, value in updates.items()] + [
            SlotSet("requested_slot", following)]
