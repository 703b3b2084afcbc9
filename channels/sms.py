"""The SMS channel: Twilio's incoming-message webhook in, Twilio's REST API out.

Configured in credentials.yml under `channels.sms.TwilioSmsInput` (keys
`account_sid`, `auth_token`, `twilio_number`, `api_base_url`, `public_url`; an
empty value falls back to the environment variable TWILIO_ACCOUNT_SID,
TWILIO_AUTH_TOKEN, TWILIO_NUMBER, TWILIO_API_BASE_URL or TWILIO_PUBLIC_URL).
Twilio calls POST /webhooks/twilio_sms/webhook. Every request must carry a
valid `X-Twilio-Signature`; without an auth token every request is refused
(403), so the channel is inert but harmless on a machine with no Twilio account.

The conversation id is the number's keyed pseudonym (bot.storage.crypto),
so no table holds the number itself. A `MessageSid` already handled (a
Twilio retry, a replayed request) is answered with an empty TwiML and not
processed again. Whatever fails inside, the webhook answers 200 and, when
the message carries a warning sign, the emergency advice is still texted
(even when the opt-out list itself is unreachable). A message over 1,600
characters is not processed; the sender is told the limit.

Per message: STOP / HELP / START are handled here (an opt-out is stored and
honoured until START); a reply "1", "2", ... becomes the payload of that button
of the last bot message to the number (read from the stored conversation, so
it survives a restart and works on any server); anything else goes to the bot with the
phone number as the conversation id. The bot's messages are rendered by
`channels.sms_text` (numbered choices, payloads dropped, emergency text first, SMS-sized
segments) and sent one REST request per segment, in order. The webhook answers
an empty TwiML `<Response/>`.

Logs carry outcomes and counts only: never a message body or a phone number.
"""
from __future__ import annotations

import asyncio
import contextlib
import logging
import os
from typing import Any, AsyncIterator, Awaitable, Callable, Optional
from urllib.parse import parse_qs

import aiohttp
from rasa.core.channels.channel import (CollectingOutputChannel, InputChannel, OutputChannel,
                                        UserMessage)
from sanic import Blueprint, response
from sanic.request import Request, RequestParameters
from sanic.response import HTTPResponse
from twilio.request_validator import RequestValidator

from bot import service_notice
from bot.storage import crypto, sms_messages, sms_opt_out
from channels import delivery, sms_text, transcript

logger = logging.getLogger(__name__)

DEFAULT_API_BASE_URL = "https://api.twilio.com"
EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response/>'
SEND_ATTEMPTS = 2
SEND_TIMEOUT_S = 10

FORM = "application/x-www-form-urlencoded"

SETTINGS = {  # credentials key -> environment variable used when the key is empty
    "account_sid": "TWILIO_ACCOUNT_SID",
    "auth_token": "TWILIO_AUTH_TOKEN",
    "twilio_number": "TWILIO_NUMBER",
    "api_base_url": "TWILIO_API_BASE_URL",
    "public_url": "TWILIO_PUBLIC_URL",
}


def _setting(credentials: dict[str, Any], key: str) -> str:
    value = credentials.get(key)
    if value is None or str(value).strip() == "":
        value = os.environ.get(SETTINGS[key], "")
    return str(value).strip()


class TwilioSender:
    """Sends SMS through Twilio's REST API (one request per SMS)."""

    def __init__(self, account_sid: str, auth_token: str, twilio_number: str,
                 api_base_url: str = DEFAULT_API_BASE_URL) -> None:
        self.account_sid = account_sid
        self.auth_token = auth_token
        self.twilio_number = twilio_number
        self.api_base_url = (api_base_url or DEFAULT_API_BASE_URL).rstrip("/")

    @property
    def configured(self) -> bool:
        return bool(self.account_sid and self.auth_token and self.twilio_number)

    @property
    def messages_url(self) -> str:
        return f"{self.api_base_url}/2010-04-01/Accounts/{self.account_sid}/Messages.json"

    async def send(self, to: str, bodies: list[str]) -> int:
        """Send `bodies` to `to` in order; stop at the first that fails for good.
        Returns how many were accepted."""
        if not bodies:
            return 0
        if not self.configured:
            logger.warning("SMS not sent: account_sid, auth_token or twilio_number missing")
            return 0
        sent = 0
        auth = aiohttp.BasicAuth(self.account_sid, self.auth_token)
        timeout = aiohttp.ClientTimeout(total=SEND_TIMEOUT_S)
        async with aiohttp.ClientSession(auth=auth, timeout=timeout) as session:
            for index, body in enumerate(bodies):
                if not await self._send_one(session, to, body):
                    logger.error("SMS segment %d of %d not sent; the rest dropped",
                                 index + 1, len(bodies))
                    break
                sent += 1
        logger.info("sent %d of %d SMS segments", sent, len(bodies))
        return sent

    async def _send_one(self, session: aiohttp.ClientSession, to: str, body: str) -> bool:
        form = {"To": to, "From": self.twilio_number, "Body": body}
        for attempt in range(1, SEND_ATTEMPTS + 1):
            try:
                async with session.post(self.messages_url, data=form) as answer:
                    await answer.read()
                    if 200 <= answer.status < 300:
                        return True
                    # Twilio's error body can echo the number: log the status only.
                    logger.warning("Twilio answered HTTP %d (attempt %d)", answer.status,
                                   attempt)
                    if answer.status < 500 and answer.status != 429:
                        return False
            except (aiohttp.ClientError, asyncio.TimeoutError) as error:
                logger.warning("could not reach Twilio (%s, attempt %d)",
                               type(error).__name__, attempt)
            if attempt < SEND_ATTEMPTS:
                await asyncio.sleep(0.5 * attempt)
        return False


class TwilioSmsOutput(OutputChannel):
    """For messages Rasa sends outside a webhook call (e.g. the execute API):
    each message rendered like the webhook's replies, never to an opted-out number."""

    def __init__(self, sender: TwilioSender) -> None:
        self.sender = sender

    @classmethod
    def name(cls) -> str:
        return TwilioSmsInput.name()

    async def send_response(self, recipient_id: str, message: dict[str, Any]) -> None:
        # Conversations are kept under the number's pseudonym, which cannot be
        # turned back into a number: outside a webhook call nothing can be texted.
        logger.warning("SMS not sent: no number is known outside a webhook call")

    async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
        await self.send_response(recipient_id, {"text": text})


class TwilioSmsInput(InputChannel):
    """Twilio SMS webhook: /webhooks/twilio_sms/webhook."""

    @classmethod
    def name(cls) -> str:
        return "twilio_sms"

    @classmethod
    def from_credentials(cls, credentials: Optional[dict[str, Any]]) -> InputChannel:
        credentials = credentials or {}
        return cls(**{key: _setting(credentials, key) for key in SETTINGS})

    def __init__(self, account_sid: str = "", auth_token: str = "", twilio_number: str = "",
                 api_base_url: str = "", public_url: str = "") -> None:
        self.auth_token = auth_token
        self.public_url = public_url
        self.sender = TwilioSender(account_sid, auth_token, twilio_number,
                                   api_base_url or DEFAULT_API_BASE_URL)
        # One message at a time per number (Twilio may deliver two at once):
        # number -> (lock, messages holding or waiting for it); dropped at 0.
        self._locks: dict[str, tuple[asyncio.Lock, int]] = {}
        if not auth_token:
            logger.warning("SMS channel has no auth_token: every webhook call is refused")
        if not public_url:
            logger.info("SMS channel has no public_url: signatures are checked against the "
                        "URL the request arrived at")

    def get_output_channel(self) -> Optional[OutputChannel]:
        return TwilioSmsOutput(self.sender)

    # The request

    def signed(self, request: Request, params: RequestParameters) -> bool:
        """True when X-Twilio-Signature is Twilio's signature of this request."""
        signature = request.headers.get("X-Twilio-Signature", "")
        if not signature or not self.auth_token:
            return False
        url = self.public_url or request.url
        if self.public_url and request.query_string and "?" not in url:
            url = f"{url}?{request.query_string}"
        return RequestValidator(self.auth_token).validate(url, params, signature)

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webhook = Blueprint("twilio_sms_webhook", __name__)

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            params = form_params(request)
            if not self.signed(request, params):
                logger.warning("SMS webhook call refused: missing or invalid signature")
                return response.text("missing or invalid X-Twilio-Signature", status=403)
            sender = (params.get("From") or "").strip()
            text = (params.get("Body") or "").strip()
            if not sender or not text:
                missing = " and ".join(name for name, value in
                                       (("From", sender), ("Body", text)) if not value)
                return response.text(f"{missing} missing or empty", status=400)
            if len(sender) > 32:
                return response.text("From is not a phone number", status=400)
            message_sid = (params.get("MessageSid") or "").strip()
            if message_sid and not await self.first_time(message_sid):
                logger.info("SMS already handled (same MessageSid): ignored")
                return twiml()
            try:
                async with self.one_at_a_time(sender):
                    await self.handle(sender, text, on_new_message,
                                      request.app.ctx.agent.tracker_store)
            except Exception as error:  # noqa: BLE001 - never crash, never log the text
                logger.error("SMS message not handled (%s)", type(error).__name__)
                await self.send_safely(sender, await asyncio.to_thread(
                    service_notice.warning_advice, text))
            return twiml()

        return webhook

    async def first_time(self, message_sid: str) -> bool:
        """False when this MessageSid was handled before; True when new or
        when that cannot be told (the message then goes through)."""
        try:
            return await asyncio.to_thread(sms_messages.first_time, message_sid)
        except Exception as error:  # noqa: BLE001
            logger.error("SMS replay check unavailable (%s)", type(error).__name__)
            return True

    async def send_safely(self, to: str, texts: list[str]) -> None:
        """Last-resort sending (the emergency advice after a failure)."""
        try:
            await self.sender.send(to, [piece for text in texts for piece in sms_text.segments(text)])
        except Exception as error:  # noqa: BLE001
            logger.error("SMS advice not sent (%s)", type(error).__name__)

    @contextlib.asynccontextmanager
    async def one_at_a_time(self, sender: str) -> AsyncIterator[None]:
        lock, users = self._locks.get(sender, (asyncio.Lock(), 0))
        self._locks[sender] = (lock, users + 1)
        try:
            async with lock:
                yield
        finally:
            lock, users = self._locks[sender]
            if users <= 1:
                del self._locks[sender]
            else:
                self._locks[sender] = (lock, users - 1)

    # The message

    async def handle(self, sender: str, text: str,
                     on_new_message: Callable[[UserMessage], Awaitable[Any]],
                     tracker_store: Any = None) -> None:
        word = sms_text.keyword(text)
        if word == "stop":
            await asyncio.to_thread(sms_opt_out.opt_out, sender)
            return  # nothing is sent after STOP (Twilio confirms the opt-out itself)
        if word == "start":
            await asyncio.to_thread(sms_opt_out.opt_in, sender)
            await self.sender.send(sender, sms_text.segments(sms_text.START_TEXT))
            return
        if await asyncio.to_thread(sms_opt_out.is_opted_out, sender):
            logger.info("SMS from an opted-out number ignored")
            return
        if word == "help":
            await self.sender.send(sender, sms_text.segments(sms_text.HELP_TEXT))
            return

        conversation = conversation_id(sender)
        text = sms_text.expand_choice(text.replace("¡", "@"),
                                 await pending_buttons(tracker_store, conversation))
        collector = CollectingOutputChannel()
        instead = await delivery.deliver(
            on_new_message, UserMessage(text, collector, conversation, input_channel=self.name()),
            limit=delivery.MAX_SMS_CHARS)
        if instead is not None:
            await self.send_safely(sender, instead)
            return
        await self.sender.send(sender, sms_text.outgoing(collector.messages))


def conversation_id(phone: str) -> str:
    """The conversation of this phone number: its keyed pseudonym."""
    return crypto.pseudonym("sms", phone)


async def pending_buttons(tracker_store: Any, sender: str) -> list[dict]:
    """The choices of the last question texted to `sender`, from the stored
    conversation; none when it cannot be read (a bare number then stays a number)."""
    if tracker_store is None:
        return []
    try:
        tracker = await tracker_store.retrieve(sender)
    except Exception as error:  # noqa: BLE001 - the message still goes to the bot
        logger.warning("SMS: previous choices unreadable (%s)", type(error).__name__)
        return []
    return transcript.pending_buttons(e.as_dict() for e in tracker.events) if tracker else []


def form_params(request: Request) -> RequestParameters:
    """The form Twilio posted, blank values included: Twilio signs them too
    (Sanic's `request.form` drops them). Anything but a form gives no fields."""
    content_type = (request.headers.get("content-type") or "").split(";")[0].strip().lower()
    if content_type != FORM:
        return RequestParameters()
    try:
        return RequestParameters(parse_qs(request.body.decode("utf-8"), keep_blank_values=True))
    except (UnicodeDecodeError, ValueError):
        return RequestParameters()


def twiml(status: int = 200) -> HTTPResponse:
    return response.text(EMPTY_TWIML, status=status, content_type="text/xml")
