"""Answers to questions people ask at any point ("what is SMRT?", "are you a doctor?")."""
from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.conversation import ANSWER_QUESTION_ACTION, latest_intent

# intent -> the domain response that answers it
ANSWERS = {
    "ask_what_is_smrt": "utter_what_is_smrt",
    "ask_what_is_nmt": "utter_what_is_nmt",
    "ask_difference": "utter_difference",
    "ask_are_you_doctor": "utter_are_you_doctor",
    "ask_why_needed": "utter_why_needed",
    "ask_privacy": "utter_privacy",
    "bot_challenge": "utter_are_you_doctor",
}
QUESTION_INTENTS = frozenset(ANSWERS)


class ActionAnswerQuestion(Action):
    def name(self) -> str:
        return ANSWER_QUESTION_ACTION

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[dict[str, Any]]:
        intent = latest_intent(tracker)
        if intent == "ask_why_needed" and tracker.get_slot("requested_slot"):
            # Explain the question actually being asked, when there is one.
            slot = tracker.get_slot("requested_slot")
            response = f"utter_why_{slot}"
            if response in domain.get("responses", {}):
                dispatcher.utter_message(response=response)
                return []
        dispatcher.utter_message(response=ANSWERS.get(intent, "utter_fallback"))
        return []
