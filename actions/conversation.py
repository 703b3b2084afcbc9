"""Reading what the conversation holds, from a rasa-sdk Tracker."""
from __future__ import annotations

from typing import Any, Callable, Iterator

from rasa_sdk import Tracker

from bot import interview
from bot.assessment import Facts
from bot.evidence import Turn


START_OVER_ACTION = "action_start_over"


def user_messages(tracker: Tracker) -> Iterator[dict[str, Any]]:
    """Every user message of the conversation, oldest first (warning signs are never
    forgotten: "start over" clears the interview, not what the person said)."""
    for event in tracker.events_after_latest_restart():
        if event.get("event") == "user":
            yield event


def user_messages_since_start_over(tracker: Tracker) -> list[dict[str, Any]]:
    """The user messages after the latest "start over": the interview's facts come from these."""
    found: list[dict[str, Any]] = []
    for event in tracker.events_after_latest_restart():
        if event.get("event") == "action" and event.get("name") == START_OVER_ACTION:
            found = []
        elif event.get("event") == "user":
            found.append(event)
    return found


def turns_since_start_over(tracker: Tracker) -> list[Turn]:
    """The person's messages since the latest "start over", each with the choices the
    question before it offered (buttons, a checklist's options, the head map)."""
    found: list[Turn] = []
    choices: list[tuple[str, str]] = []
    regions = False
    for event in tracker.events_after_latest_restart():
        kind = event.get("event")
        if kind == "action" and event.get("name") == START_OVER_ACTION:
            found = []
        elif kind == "bot":
            data = event.get("data") or {}
            custom = data.get("custom") if isinstance(data.get("custom"), dict) else {}
            offered = [(str(b.get("title") or ""), str(b.get("payload") or ""))
                       for b in data.get("buttons") or [] if isinstance(b, dict)]
            offered += [(str(o.get("title") or ""), str(o.get("payload") or ""))
                        for o in custom.get("options") or [] if isinstance(o, dict) and o.get("payload")]
            if offered or custom.get("type") == "choose_regions":
                choices, regions = offered, custom.get("type") == "choose_regions"
        elif kind == "user":
            found.append(Turn(event.get("text") or "", tuple(choices), regions))
            choices, regions = [], False
    return found


def latest_concepts(tracker: Tracker) -> set[str]:
    """The warning-sign concepts affirmed in the latest message (its NLU entities)."""
    return {c for c, _ in interview.mentions_from_messages(
        [(tracker.latest_message.get("text") or "", tracker.latest_message.get("entities") or [])])}


def mentions(tracker: Tracker) -> list[tuple[str, str]]:
    return interview.mentions_from_messages(
        (event.get("text") or "", (event.get("parse_data") or {}).get("entities") or [])
        for event in user_messages(tracker))


def facts(tracker: Tracker) -> Facts:
    return interview.facts_from_slots(tracker.current_slot_values())


def screen_answers(tracker: Tracker) -> dict[str, str]:
    return interview.screen_answers_from_slots(tracker.current_slot_values())


def said_this_turn(tracker: Tracker, response: str) -> bool:
    """Whether the bot already said `response` (a domain response's name) since the
    person's latest message."""
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            return False
        if event.get("event") == "bot" and (event.get("metadata") or {}).get("utter_action") == response:
            return True
    return False


def latest_intent(tracker: Tracker) -> str | None:
    return (tracker.latest_message.get("intent") or {}).get("name")


def latest_text(tracker: Tracker) -> str:
    return tracker.latest_message.get("text") or ""


# Metadata the SMS channel hands over with a text (channels/sms.py); honoured
# from that channel only.
SMS_CHANNEL = "twilio_sms"
WRITTEN_BEFORE_REPLY = "written_before_reply"
REPLY_TO = "reply_to"


def sms_metadata(tracker: Tracker, key: str) -> Any:
    """`key` of the latest message's metadata, when it came by SMS."""
    if tracker.get_latest_input_channel() != SMS_CHANNEL:
        return None
    return (tracker.latest_message.get("metadata") or {}).get(key)


def written_before_reply(tracker: Tracker) -> bool:
    """The latest text arrived while the bot was still answering the one before:
    its writer had not seen the question now asked."""
    return sms_metadata(tracker, WRITTEN_BEFORE_REPLY) is True


# The action that answers a question asked in the middle of a form ("what is SMRT?").
ANSWER_QUESTION_ACTION = "action_answer_question"


def attempts_at(tracker: Tracker, slot: str,
                answer: Callable[[str], bool] = lambda text: True) -> int:
    """How many user messages in a row have answered the question for `slot` (only
    those for which `answer(text)` holds count): those sent after it was asked, never the
    answer to the question before it (which comes just before the form asks `slot`).
    A message that was answered as a question asked meanwhile ("is this private?") is no
    attempt; any other message is, question mark or not ("Monday? or Tuesday?" not
    understood is a miss, so the question is never asked for ever).
    With no record of when anything was asked, every message counts."""
    count = pending = 0
    asked = answered_as_question = False
    for event in reversed(tracker.events):
        kind = event.get("event")
        if kind == "action" and event.get("name") == ANSWER_QUESTION_ACTION:
            answered_as_question = True
        elif kind == "user":
            pending += not answered_as_question and answer(event.get("text") or "")
            answered_as_question = False
        elif kind == "slot" and event.get("name") == "requested_slot":
            if event.get("value") != slot:
                return count
            count, pending, asked = count + pending, 0, True
    return count if asked else pending
