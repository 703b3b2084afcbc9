"""Dialogue policy that lets a warning sign interrupt anything, at once.

It outranks the RulePolicy (higher priority at equal confidence) and looks at
every user message first, whatever its intent (a question, "stop", "start
over", "delete my data", chit-chat, a button payload): in the reply to the very
message that reveals an emergency the bot gives the emergency advice and
assesses, whatever form or booking was going on. A sign whose advice is "get
help today" is assessed at once too, once the emergency screen is answered
(before that, the interview gives the advice and finishes that screen first:
actions/interview_form.py). The decision itself is bot.triage's; this class
only reads the tracker and names the next action.
"""
from __future__ import annotations

from typing import Any, Dict, List, Optional, Text

from rasa.core.policies.policy import Policy, PolicyPrediction
from rasa.engine.graph import ExecutionContext
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import UserUttered
from rasa.shared.core.generator import TrackerWithCachedStates
from rasa.shared.core.trackers import DialogueStateTracker

from bot import interview, triage
from bot.knowledge import intent_gate
from bot.levels import EMERGENCY, URGENT, rank

ASSESS_ACTION = "action_assess_headache"
EMERGENCY_REMINDER = "utter_emergency_reminder"
BOOKING_FORM = "booking_form"
AFTER_ASSESSMENT = "utter_after_assessment"
START_OVER = "action_start_over"
BOOK_AGAIN = "action_book_again"
# A booking asked for after advice to see a doctor today: not offered (CLINICAL.md), said why.
DOCTOR_FIRST = "utter_booking_after_doctor"
# Intents that open the interview (data/rules/interview.yml) when none was done.
OPENING_INTENTS = {"greet", "describe_headache", "request_booking", "affirm", "deny", "unsure",
                   "nlu_fallback"}
# Rasa's built-in "/restart" would forget the whole conversation, warning signs included.
RASA_RESTART_INTENT = "restart"


def asks_to_book(intent: Optional[str], text: str) -> bool:
    """A booking asked for ("can I book after all?"), or a service named on its own ("NMT",
    "SMRT please", which the NLU does not know as a booking)."""
    from bot.understanding.booking import asks_for_a_service

    return intent == "request_booking" or (intent == "nlu_fallback" and asks_for_a_service(text))


def mentions_in(tracker: DialogueStateTracker) -> list[tuple[str, str]]:
    return interview.mentions_from_messages(
        (event.text, event.entities) for event in tracker.events_after_latest_restart() if isinstance(event, UserUttered))


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.POLICY_WITHOUT_END_TO_END_SUPPORT, is_trainable=False
)
class SafetyPolicy(Policy):
    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {"priority": 7}

    def train(self, training_trackers: List[TrackerWithCachedStates], domain: Domain,
              **kwargs: Any) -> Resource:
        return self._resource

    def persist(self) -> None:
        pass

    @classmethod
    def load(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
             execution_context: ExecutionContext, **kwargs: Any) -> "SafetyPolicy":
        return cls(config, model_storage, resource, execution_context)

    def predict_action_probabilities(self, tracker: DialogueStateTracker, domain: Domain,
                                     rule_only_data: Optional[Dict[Text, Any]] = None,
                                     **kwargs: Any) -> PolicyPrediction:
        action = self.next_action(tracker)
        probabilities = self._default_predictions(domain)
        if not action:
            return self._prediction(probabilities)
        probabilities[domain.index_for_action(action)] = 1.0
        # Marked "no user" so that it also outranks the RulePolicy's happy-path
        # loop predictions, which the ensemble otherwise prefers to any other.
        return self._prediction(probabilities, is_no_user_prediction=True)

    @staticmethod
    def next_action(tracker: DialogueStateTracker) -> Optional[str]:
        latest = tracker.latest_action_name
        if latest == ASSESS_ACTION:
            # After an assessment: resume or offer the booking when it is offered, else listen.
            if tracker.active_loop_name == BOOKING_FORM or tracker.get_slot("offer_booking"):
                return BOOKING_FORM
            return ACTION_LISTEN_NAME
        if latest == EMERGENCY_REMINDER and tracker.get_slot("triage") != EMERGENCY:
            # The advice is out (a domain response: no action server needed); now
            # the full assessment with its payload, if the action server answers.
            return ASSESS_ACTION
        if latest in (EMERGENCY_REMINDER, AFTER_ASSESSMENT, DOCTOR_FIRST):
            return ACTION_LISTEN_NAME
        if latest == BOOK_AGAIN:
            return BOOKING_FORM
        if latest != ACTION_LISTEN_NAME or not tracker.latest_message:
            return None
        intent = (tracker.latest_message.intent or {}).get("name")
        assessed = tracker.get_slot("triage")
        # "Delete my data" (the erasure intents of data/knowledge/intent_gate.yml): honoured
        # after an emergency too, once the advice is out, when the request itself tells no sign.
        erasing = intent in intent_gate.table().erasure
        if assessed == EMERGENCY and erasing and not interview.mentions_from_messages(
                [(tracker.latest_message.text or "", tracker.latest_message.entities)]):
            return None   # the rules erase: the emergency advice was given, the request is theirs
        if assessed == EMERGENCY:
            return EMERGENCY_REMINDER
        slots = tracker.current_slot_values()
        level = triage.level_of(mentions_in(tracker), interview.facts_from_slots(slots),
                                interview.screen_answers_from_slots(slots))
        if level == EMERGENCY:
            return EMERGENCY_REMINDER  # emergency advice first, whatever else is down
        if intent == RASA_RESTART_INTENT:
            return START_OVER
        if assessed and rank(level) > rank(assessed):
            return ASSESS_ACTION
        if not assessed and level == URGENT and interview.emergency_screened(slots):
            return ASSESS_ACTION  # "get help today", at once
        if (assessed and not tracker.active_loop_name and tracker.get_slot("offer_booking")
                and not tracker.get_slot("booking_reference")
                and asks_to_book(intent, tracker.latest_message.text or "")):
            # the offer declined or the booking stopped, and now wanted after all
            return BOOK_AGAIN
        if (assessed == URGENT and not tracker.active_loop_name
                and asks_to_book(intent, tracker.latest_message.text or "")):
            # "NMT please" after "get medical help today": why there is no booking, not the
            # same "your self-check is above" again
            return DOCTOR_FIRST
        if assessed and not tracker.active_loop_name and intent in OPENING_INTENTS:
            # The assessment is done: do not greet and interview again on "ok".
            return AFTER_ASSESSMENT
        return None
