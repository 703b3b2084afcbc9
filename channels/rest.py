"""The REST channel, for trusted integrations only: POST
/webhooks/rest/webhook?token=<API token> with {"sender": ..., "message": ...}.

Rasa's own REST channel is open to anyone who can reach it, lets the caller
claim any `input_channel` (claiming "kiosk" unlocked the kiosk-only booking
path) and puts every caller without a `sender` into one shared conversation.
This one:

- needs the API token (HEADACHE_API_TOKEN, the one of Rasa's HTTP API), as
  `?token=` or `Authorization: Bearer`; without a configured token it
  refuses every call;
- needs a `sender` (the integration names its own conversations) and a text
  `message`; anything else is a 400 with a short reason, never a 500;
- always calls itself "rest", whatever the body claims;
- caps a message (channels.delivery) and answers a failure of the service
  with a plain notice (plus the emergency advice when the message carries a
  warning sign).

The reply is Rasa's REST format: a JSON list of bot messages.
"""
from __future__ import annotations

import hmac
import json
import logging
from typing import Any, Awaitable, Callable, Optional

from rasa.core.channels.channel import CollectingOutputChannel, InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from channels import delivery, settings

logger = logging.getLogger(__name__)

TOKEN_SETTING = "HEADACHE_API_TOKEN"
MAX_SENDER_CHARS = 128


def presented_token(request: Request) -> str:
    header = request.headers.get("authorization") or ""
    if header.lower().startswith("bearer "):
        return header[7:].strip()
    return request.args.get("token") or ""


def token_ok(given: str, expected: Optional[str]) -> bool:
    if not given or not expected:
        return False
    return hmac.compare_digest(given.encode("utf-8", "replace"), expected.encode("utf-8"))


def read_message(body: bytes) -> tuple[Optional[dict[str, Any]], str]:
    """(the request's fields, "") or (None, why it is refused)."""
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return None, "the body must be a JSON object"
    if not isinstance(data, dict):
        return None, "the body must be a JSON object"
    sender, message = data.get("sender"), data.get("message")
    if not isinstance(sender, str) or not sender.strip():
        return None, "'sender' (a non-empty string) is required"
    if len(sender) > MAX_SENDER_CHARS or not sender.isprintable():
        return None, f"'sender' must be printable and at most {MAX_SENDER_CHARS} characters"
    if not isinstance(message, str):
        return None, "'message' (a string) is required"
    metadata = data.get("metadata")
    return {"sender": sender.strip(), "message": message,
            "metadata": metadata if isinstance(metadata, dict) else {}}, ""


class TrustedRestInput(InputChannel):
    @classmethod
    def name(cls) -> str:
        return "rest"

    @classmethod
    def from_credentials(cls, credentials: Optional[dict[str, Any]]) -> InputChannel:
        return cls((credentials or {}).get("token") or None)

    def __init__(self, token: Optional[str] = None) -> None:
        self._configured = {"token": token}

    @property
    def token(self) -> Optional[str]:
        # The one rule of channels/settings.py: the environment, then credentials.yml.
        return settings.setting(self._configured, "token", TOKEN_SETTING) or None

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webhook = Blueprint("trusted_rest_webhook", __name__)

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            if not token_ok(presented_token(request), self.token):
                return response.json({"error": "a valid API token is required"}, status=401)
            fields, reason = read_message(request.body or b"")
            if fields is None:
                return response.json({"error": reason}, status=400)
            collector = CollectingOutputChannel()
            instead = await delivery.deliver(on_new_message, UserMessage(
                fields["message"], collector, fields["sender"], input_channel=self.name(),
                metadata=fields["metadata"]))
            if instead is not None:
                return response.json([{"recipient_id": fields["sender"], "text": text}
                                      for text in instead])
            return response.json(collector.messages)

        return webhook
