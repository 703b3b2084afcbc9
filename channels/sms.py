"""The SMS channel: Twilio's incoming-message webhook in, Twilio's REST API out.

Configured in credentials.yml under `channels.sms.TwilioSmsInput` (keys
`account_sid`, `auth_token`, `twilio_number`, `api_base_url`, `public_url`)
or the environment (TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, TWILIO_NUMBER,
TWILIO_API_BASE_URL, TWILIO_PUBLIC_URL), by the one rule of
channels/settings.py: the environment, when set, wins. Twilio calls
POST /webhooks/twilio_sms/webhook. Every request must carry a valid
`X-Twilio-Signature`; without an auth token every request is refused (403),
so the channel is inert but harmless on a machine with no Twilio account.

The conversation id is the number's keyed pseudonym (bot.storage.crypto),
so no table holds the number itself. Each text is handled once: a
`MessageSid` already seen (a Twilio retry, a replayed request) is answered
with an empty TwiML and not processed again, checked in this server's memory
first and then in the database (`sms_messages`, kept two days). The webhook
answers as soon as the text is handled: the replies are queued and sent
afterwards, in order per number (`Outbox`), so a slow Twilio never makes the
webhook slow enough for Twilio to retry it.

Texts from one number are handled one at a time, in the order they came.
A text that arrives while an earlier one is still being answered was written
before its writer saw that answer: it is handed over marked so
(`written_before_reply`), and the interview reads it as more of the
previous answer, never as the answer to a question its writer has not seen
(actions/form_answers.py).

Per text: STOP / HELP / START are handled here (an opt-out is stored and
honoured until START); MORE sends the whole self-check after its short SMS
form; a picture or a blank text gets a short answer; a reply "1", "2", ...
becomes the payload of that button of the last question texted to the number
(read from the stored conversation, so it survives a restart and works on any
server); anything else goes to the bot. At the booking's contact question
the sender's number goes with the text, encrypted (`reply_to`), so that
"this number" can be the contact without the number ever being stored in
the clear. A texter back after the session expired is told that a new
self-check starts. The bot's messages are rendered by `channels.sms_text`
(one Twilio message per reply, numbered choices, payloads dropped, emergency
text first, GSM-7 only).

Whatever fails inside, the webhook answers 200 and, when the message
carries a warning sign, the emergency advice is still texted (even when the
opt-out list itself is unreachable). A message over 1,600 characters is not
processed; the sender is told the limit.

Logs carry outcomes and counts only: never a message body or a phone number.
"""
from __future__ import annotations

import asyncio
import collections
import contextlib
import logging
import time
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
from channels import delivery, settings, sms_text, transcript

logger = logging.getLogger(__name__)

DEFAULT_API_BASE_URL = "https://api.twilio.com"
EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response/>'
SEND_ATTEMPTS = 2
SEND_TIMEOUT_S = 10
# MessageSids remembered in memory (a retry arrives within minutes); the
# database remembers them for two days.
RECENT_SIDS = 10_000

FORM = "application/x-www-form-urlencoded"
# Metadata handed to the assistant with a text (read by the actions).
WRITTEN_BEFORE_REPLY = "written_before_reply"
REPLY_TO = "reply_to"
CONTACT_SLOT = "contact"

SETTINGS = {  # credentials key -> environment variable (channels/settings.py: the environment wins)
    "account_sid": "TWILIO_ACCOUNT_SID",
    "auth_token": "TWILIO_AUTH_TOKEN",
    "twilio_number": "TWILIO_NUMBER",
    "api_base_url": "TWILIO_API_BASE_URL",
    "public_url": "TWILIO_PUBLIC_URL",
}
DEFAULTS = {"api_base_url": DEFAULT_API_BASE_URL}


class TwilioSender:
    """Sends messages through Twilio's REST API (one request per message)."""

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
                    logger.error("SMS message %d of %d not sent; the rest dropped",
                                 index + 1, len(bodies))
                    break
                sent += 1
        logger.info("sent %d of %d SMS messages (%d segments)", sent, len(bodies),
                    sum(sms_text.segment_count(body) for body in bodies[:sent]))
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


class Outbox:
    """Replies waiting to be sent, sent after the webhook has answered: in order
    per number (one sender task per number while it has something to send),
    every number independently of the others."""

    def __init__(self, sender: TwilioSender) -> None:
        self.sender = sender
        self._queues: dict[str, collections.deque[list[str]]] = {}
        self._tasks: dict[str, asyncio.Task] = {}

    def post(self, to: str, bodies: list[str]) -> None:
        if not bodies:
            return
        self._queues.setdefault(to, collections.deque()).append(list(bodies))
        if to not in self._tasks:
            self._tasks[to] = asyncio.get_running_loop().create_task(self._drain(to))

    async def _drain(self, to: str) -> None:
        queue = self._queues[to]
        try:
            while queue:
                bodies = queue.popleft()
                try:
                    await self.sender.send(to, bodies)
                except Exception as error:  # noqa: BLE001 - the next reply still goes out
                    logger.error("SMS reply not sent (%s)", type(error).__name__)
        finally:
            del self._tasks[to]
            if queue:   # posted while the last send was finishing
                self._tasks[to] = asyncio.get_running_loop().create_task(self._drain(to))
            else:
                del self._queues[to]

    async def idle(self) -> None:
        """Wait until everything posted so far has been sent (or given up)."""
        while self._tasks:
            await asyncio.gather(*list(self._tasks.values()), return_exceptions=True)


class RecentIds:
    """The last `limit` ids seen by this server (a bounded, ordered set)."""

    def __init__(self, limit: int = RECENT_SIDS) -> None:
        self.limit = limit
        self._ids: collections.OrderedDict[str, None] = collections.OrderedDict()

    def first_time(self, key: str) -> bool:
        if key in self._ids:
            return False
        self._ids[key] = None
        if len(self._ids) > self.limit:
            self._ids.popitem(last=False)
        return True


class SmsCollector(CollectingOutputChannel):
    """Collects one turn's replies; named after the channel, so that the
    domain's `channel: twilio_sms` response variations are the ones chosen."""

    @classmethod
    def name(cls) -> str:
        return sms_text.CHANNEL


class TwilioSmsOutput(OutputChannel):
    """For messages Rasa sends outside a webhook call (e.g. the execute API)."""

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
        return sms_text.CHANNEL

    @classmethod
    def from_credentials(cls, credentials: Optional[dict[str, Any]]) -> InputChannel:
        return cls(**{key: settings.setting(credentials, key, variable, DEFAULTS.get(key, ""))
                      for key, variable in SETTINGS.items()})

    def __init__(self, account_sid: str = "", auth_token: str = "", twilio_number: str = "",
                 api_base_url: str = "", public_url: str = "") -> None:
        self.auth_token = auth_token
        self.public_url = public_url
        self.sender = TwilioSender(account_sid, auth_token, twilio_number,
                                   api_base_url or DEFAULT_API_BASE_URL)
        self.outbox = Outbox(self.sender)
        self.recent = RecentIds()
        # One text at a time per number, in arrival order: number -> (lock,
        # texts holding or waiting for it); dropped at 0.
        self._turns: dict[str, tuple[asyncio.Lock, int]] = {}
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
            if not sender:
                return response.text("From missing or empty", status=400)
            if len(sender) > 32:
                return response.text("From is not a phone number", status=400)
            text = (params.get("Body") or "").strip()
            media = media_count(params.get("NumMedia"))
            message_sid = (params.get("MessageSid") or "").strip()
            if message_sid and not await self.first_time(message_sid):
                logger.info("SMS already handled (same MessageSid): ignored")
                return twiml()
            try:
                async with self.one_at_a_time(sender) as waited:
                    await self.handle(sender, text, on_new_message, request.app.ctx.agent,
                                      media=media, written_before_reply=waited)
            except Exception as error:  # noqa: BLE001 - never crash, never log the text
                logger.error("SMS message not handled (%s)", type(error).__name__)
                await self.send_advice_safely(sender, text)
            return twiml()

        return webhook

    async def first_time(self, message_sid: str) -> bool:
        """False when this MessageSid was handled before; True when new or
        when that cannot be told (the message then goes through)."""
        if not self.recent.first_time(message_sid[:64]):
            return False      # a retry while the first is still being answered, or soon after
        try:
            return await asyncio.to_thread(sms_messages.first_time, message_sid)
        except Exception as error:  # noqa: BLE001
            logger.error("SMS replay check unavailable (%s)", type(error).__name__)
            return True

    def send(self, to: str, texts: list[str]) -> None:
        """Queue one reply (texts in order) for sending after the webhook answers."""
        self.outbox.post(to, sms_text.bodies([sms_text.to_gsm(t) for t in texts]))

    async def send_advice_safely(self, to: str, text: str) -> None:
        """Last resort after a failure: the emergency advice when `text` carries a sign."""
        try:
            self.send(to, await asyncio.to_thread(service_notice.warning_advice, text))
        except Exception as error:  # noqa: BLE001
            logger.error("SMS advice not sent (%s)", type(error).__name__)

    @contextlib.asynccontextmanager
    async def one_at_a_time(self, sender: str) -> AsyncIterator[bool]:
        """Hold the number's turn; yields True when another text of the number
        was being answered when this one arrived."""
        lock, users = self._turns.get(sender, (asyncio.Lock(), 0))
        waited = lock.locked()
        self._turns[sender] = (lock, users + 1)
        try:
            async with lock:
                yield waited
        finally:
            lock, users = self._turns[sender]
            if users <= 1:
                del self._turns[sender]
            else:
                self._turns[sender] = (lock, users - 1)

    # The message

    async def handle(self, sender: str, text: str,
                     on_new_message: Callable[[UserMessage], Awaitable[Any]],
                     agent: Any = None, media: int = 0,
                     written_before_reply: bool = False) -> None:
        word = sms_text.keyword(text)
        if word == "stop":
            await asyncio.to_thread(sms_opt_out.opt_out, sender)
            return  # nothing is sent after STOP (Twilio confirms the opt-out itself)
        if word == "start":
            await asyncio.to_thread(sms_opt_out.opt_in, sender)
            self.send(sender, [sms_text.start_text()])
            return
        if await asyncio.to_thread(sms_opt_out.is_opted_out, sender):
            logger.info("SMS from an opted-out number ignored")
            return
        if word == "help":
            self.send(sender, [sms_text.help_text()])
            return
        if not text:
            self.send(sender, [sms_text.text("picture" if media else "blank")])
            return

        conversation = conversation_id(sender)
        tracker = await stored_conversation(getattr(agent, "tracker_store", None), conversation)
        events = [event.as_dict() for event in tracker.events] if tracker else []
        expired = session_expired(events, session_minutes(agent))
        if word == "more" and not expired:
            details = sms_text.details(transcript.messages(events))
            if details is not None:
                self.send(sender, [sms_text.text("details_heading"), *details])
                return
        metadata: dict[str, Any] = {}
        if written_before_reply:
            metadata[WRITTEN_BEFORE_REPLY] = True
        if tracker is not None and tracker.get_slot("requested_slot") == CONTACT_SLOT:
            # "this number": the sender's number, readable only with the encryption key.
            metadata[REPLY_TO] = crypto.encrypt(sender)
        buttons = [] if expired else transcript.pending_buttons(events)
        collector = SmsCollector()
        instead = await delivery.deliver(
            on_new_message,
            UserMessage(sms_text.expand_choice(text.replace("¡", "@"), buttons), collector,
                        conversation, input_channel=self.name(), metadata=metadata or None),
            limit=delivery.MAX_SMS_CHARS)
        notes = ([sms_text.text("new_session")] if expired else []) + (
            [sms_text.text("picture_noted")] if media else [])
        if instead is not None:
            self.send(sender, instead)
            return
        rendered = sms_text.render(collector.messages)
        if sms_text.is_emergency(collector.messages):
            notes = []   # the emergency text comes first, alone
        self.send(sender, [*notes, *rendered])


def conversation_id(phone: str) -> str:
    """The conversation of this phone number: its keyed pseudonym."""
    return crypto.pseudonym("sms", phone)


async def stored_conversation(tracker_store: Any, sender: str) -> Any:
    """The stored conversation of `sender`, or None when there is none or it
    cannot be read (the message still goes to the bot, which says so if the
    store is down)."""
    if tracker_store is None:
        return None
    try:
        return await tracker_store.retrieve(sender)
    except Exception as error:  # noqa: BLE001
        logger.warning("SMS: stored conversation unreadable (%s)", type(error).__name__)
        return None


def session_minutes(agent: Any) -> float:
    """How long a conversation may be idle before a new session starts (domain.yml)."""
    try:
        return float(agent.domain.session_config.session_expiration_time)
    except (AttributeError, TypeError, ValueError):
        return 0.0


def session_expired(events: list[dict[str, Any]], minutes: float,
                    now: Optional[float] = None) -> bool:
    """True when the conversation has a message older than the session's time
    and nothing since: Rasa starts a new session with the next message."""
    if minutes <= 0:
        return False
    last = next((e for e in reversed(events) if e.get("event") == "user"), None)
    if last is None or not isinstance(last.get("timestamp"), (int, float)):
        return False
    return (now or time.time()) - last["timestamp"] > minutes * 60


def media_count(value: Optional[str]) -> int:
    try:
        return max(0, int((value or "0").strip()))
    except ValueError:
        return 0


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
