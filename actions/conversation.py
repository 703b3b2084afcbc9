"""Reading what the conversation holds, from a rasa-sdk Tracker."""
from __future__ import annotations

from typing import Any, Iterator

from rasa_sdk import Tracker

from bot import interview
from bot.assessment import Facts


def user_messages(tracker: Tracker) -> Iterator[dict[str, Any]]:
    """Every user message since the last restart, oldest first."""
    for event in tracker.events_after_latest_restart():
        if event.get("event") == "user":
            yield event


def mentions(tracker: Tracker) -> list[tuple[str, str]]:
    return interview.mentions_from_messages(
        (event.get("text") or "", (event.get("parse_data") or {}).get("entities") or [])
        for event in user_messages(tracker))


def facts(tracker: Tracker) -> Facts:
    return interview.facts_from_slots(tracker.current_slot_values())


def flag_answers(tracker: Tracker) -> dict[str, str]:
    return interview.flag_answers_from_slots(tracker.current_slot_values())


def latest_intent(tracker: Tracker) -> str | None:
    return (tracker.latest_message.get("intent") or {}).get("name")


def latest_text(tracker: Tracker) -> str:
    return tracker.latest_message.get("text") or ""


def attempts_at(tracker: Tracker, slot: str) -> int:
    """How many user messages in a row have answered the question for `slot`."""
    count = 0
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            count += 1
        elif event.get("event") == "slot" and event.get("name") == "requested_slot" \
                and event.get("value") != slot:
            break
    return count
