"""The interview form: fills slots from the answer to the question asked and
from anything the person already said, then decides what to ask next."""
from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.conversation import attempts_at, mentions, user_messages
from actions.form_answers import AnswerFormValidation
from bot import interview, knowledge, triage, understanding
from bot.levels import EMERGENCY

# After this many answers not understood, a question is not asked again: the
# interview moves on with the safe value below instead of looping.
MAX_ATTEMPTS = 3
UNANSWERED = {"consent": False, "location": [], "triggers": [],
              "medication": {"days": None, "kind": None}}
UNANSWERED_FLAG = "unsure"  # the safer answer to a warning-sign question (CLINICAL.md)



def parse_answer(slot: str, text: str) -> Any:
    """The answer to the question for `slot`, normalised; None when not understood."""
    if slot == interview.CONSENT_SLOT:
        answer = understanding.parse_yes_no(text)
        return {"yes": True, "no": False}.get(answer)
    if slot.startswith(interview.FLAG_SLOT_PREFIX):
        return understanding.parse_yes_no(text)
    return understanding.parse_answer(slot, text)


def skipped_value(slot: str) -> Any:
    """What a question not understood after MAX_ATTEMPTS counts as."""
    if slot.startswith(interview.FLAG_SLOT_PREFIX):
        return UNANSWERED_FLAG
    return UNANSWERED.get(slot, "unknown")


class ValidateHeadacheForm(AnswerFormValidation):
    def name(self) -> str:
        return "validate_headache_form"

    def parse(self, slot, text, tracker, dispatcher):
        value = parse_answer(slot, text)
        return None if value is None else {slot: value}

    def not_understood(self, slot, tracker, dispatcher):
        if attempts_at(tracker, slot) >= MAX_ATTEMPTS:
            dispatcher.utter_message(response="utter_skip_question")
            return {slot: skipped_value(slot)}
        dispatcher.utter_message(response="utter_not_understood")
        return {slot: None}

    def also_known(self, tracker, slots):
        stated: dict[str, Any] = {}
        for message in user_messages(tracker):
            for slot, value in interview.facts_stated(message.get("text") or "").items():
                if slots.get(slot) is None and slot not in stated:
                    stated[slot] = value
        return stated

    def next_slot(self, tracker, slots):
        facts = interview.facts_from_slots(slots)
        said = mentions(tracker)
        if triage.level_of(said, facts, interview.flag_answers_from_slots(slots)) == EMERGENCY:
            return None  # stop asking: the assessment follows at once
        concepts = {concept for concept, _ in said}
        return next((slot for slot in interview.required_slots(facts, concepts)
                     if slots.get(slot) is None), None)


YES_NO_BUTTONS = [{"title": "Yes", "payload": "yes"}, {"title": "No", "payload": "no"},
                  {"title": "Not sure", "payload": "not sure"}]


def _ask_action(question: dict[str, Any]) -> type:
    """An action asking one warning-sign question, worded in data/knowledge/red_flags.yml."""
    slot = f"{interview.FLAG_SLOT_PREFIX}{question['id']}"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[dict[str, Any]]:
        dispatcher.utter_message(text=question["text"], buttons=YES_NO_BUTTONS)
        return []

    return type(f"Ask_{slot}", (Action,), {"name": lambda self: f"action_ask_{slot}", "run": run})


# One class per question: the action server registers actions by class.
ASK_ACTIONS = [_ask_action(q) for q in knowledge.load("red_flags")["questions"]]
