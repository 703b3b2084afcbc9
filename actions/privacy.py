"""The person's right to erase what this conversation stored.

This action deletes the assessments and booking requests; the Rasa server's
tracker store (channels.tracker_store) deletes the conversation's events
when it saves this turn, and writes nothing of it. The `data_erased`
payload goes first: the widget and the kiosk then move the browser to a new
session (channels.webchat) before the confirmation is shown in it. A failed
erasure is said as such, never "done", and sends no payload, so the tracker
store keeps the conversation whole rather than half-erased.
"""
from __future__ import annotations

import asyncio
import logging
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActiveLoop, AllSlotsReset
from rasa_sdk.executor import CollectingDispatcher

from bot.storage import records

logger = logging.getLogger(__name__)
ERASED_PAYLOAD = {"type": "data_erased"}


class ActionEraseData(Action):
    def name(self) -> str:
        return "action_erase_data"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[dict[str, Any]]:
        try:
            await asyncio.to_thread(records.erase_conversation, tracker.sender_id)
        except Exception as error:  # noqa: BLE001
            logger.error("erasure failed (%s)", type(error).__name__)
            # No payload: the tracker store keeps the conversation too, and the
            # person is told it did not work, never "done".
            dispatcher.utter_message(response="utter_erase_failed")
            return []
        dispatcher.utter_message(json_message=ERASED_PAYLOAD)
        dispatcher.utter_message(response="utter_erased")
        return [AllSlotsReset(), ActiveLoop(None)]
