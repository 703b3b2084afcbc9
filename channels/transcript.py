"""A conversation as the person saw it, rebuilt from Rasa's stored events.

Channels use it instead of keeping their own copy: the widget shows it again
after a reload (so the browser never keeps health data), and SMS reads the
choices of the last question from it (so "2" still means the second choice
after a restart, or on another server).
"""
from __future__ import annotations

from typing import Any, Iterable, Mapping

from bot.explanation import CARD_TEXT


def messages(events: Iterable[Mapping[str, Any]], cards: bool = False) -> list[dict[str, Any]]:
    """The messages of the current Rasa session, in order, as the browser shows them:
    {"from": "user" | "bot", "text", "buttons": [{"title", "payload"}], "custom"}.
    `cards`: for a channel that shows cards, without the texts of the cards."""
    messages: list[dict[str, Any]] = []
    for event in events:
        kind = event.get("event")
        if kind == "session_started":
            messages = []   # an expired Rasa session is not shown again
        elif kind == "user" and event.get("text"):
            messages.append({"from": "user", "text": event["text"], "buttons": [],
                             "custom": None})
        elif kind == "bot":
            if cards and (event.get("metadata") or {}).get(CARD_TEXT):
                continue
            data = event.get("data") or {}
            custom = data.get("custom")
            if not event.get("text") and not isinstance(custom, dict):
                continue
            buttons = [{"title": b.get("title", ""), "payload": b.get("payload", "")}
                       for b in data.get("buttons") or [] if isinstance(b, Mapping)]
            messages.append({"from": "bot", "text": event.get("text") or "",
                             "buttons": buttons,
                             "custom": custom if isinstance(custom, dict) else None})
    return messages


def pending_buttons(events: Iterable[Mapping[str, Any]]) -> list[dict[str, str]]:
    """The buttons of the last message the person has read since they last wrote:
    [] when that message offered none (or the person has written since)."""
    unread: list[dict[str, Any]] = []
    for message in messages(events):
        unread = [] if message["from"] == "user" else unread + [message]
    for message in reversed(unread):
        if message["text"].strip() or message["buttons"]:
            return message["buttons"]
    return []
