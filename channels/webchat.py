"""The website chat widget and the waiting-room kiosk: socket.io channels.

Both speak Rasa's socket.io protocol (session_request / session_confirm,
user_uttered / bot_uttered) with three changes:

- The server issues the session token (channels.web_session) and checks it on
  every message; a token the browser made up or kept too long starts a new
  conversation instead of joining someone else's.
- `custom` payloads (the assessment card, the booking confirmation) arrive
  as {"custom": {...}}; Rasa's own socket.io output cannot send them. The
  text of a card (the assessment in words, for SMS and REST) is not sent:
  the card shows it, once.
- The kiosk connects with a device token, never resumes a session, and its
  output channel is called "kiosk" so domain responses can offer
  kiosk-only choices ("I'll give my details at reception").

The widget, the demo page and the kiosk page are static files in web/, served
by whichever of these channels registers first. A reloaded widget asks
GET /webhooks/webchat/history (Bearer token) for the conversation so far, so
the browser stores only the token, never the answers.

The pages carry the clinic's emergency number (bot.clinic, HEADACHE_LOCALE):
the widget's default `data-emergency-number` (a clinic's own tag may still
set it), the demo page's and the kiosk page's.

credentials.yml (the environment, when set, wins: channels/settings.py):
    channels.webchat.WebchatInput:
      session_secret: ""    # HEADACHE_SESSION_SECRET; the same on every server
    channels.webchat.KioskInput:
      session_secret: ""
      device_tokens: ""     # HEADACHE_KIOSK_TOKENS, comma-separated
"""
from __future__ import annotations

import logging
import os
import re
import secrets
from pathlib import Path
from typing import Any, Awaitable, Callable, Dict, Optional, Text

from rasa.core.channels.channel import InputChannel, OutputChannel, UserMessage
from rasa.core.channels.socketio import SocketBlueprint, SocketIOOutput
from sanic import Blueprint, Sanic, response
from sanic.request import Request
from sanic.response import HTTPResponse
from socketio import AsyncServer

from bot import clinic, explanation, factors
from channels import delivery, settings, transcript, web_session

logger = logging.getLogger(__name__)

WEB = Path(__file__).resolve().parent.parent / "web"
STATIC = WEB / "static"
SOCKET_IO_CLIENT = WEB / "node_modules" / "socket.io-client" / "dist" / "socket.io.min.js"
NO_STORE = {"Cache-Control": "no-store"}


ERASED = "data_erased"   # the custom payload of action_erase_data
MAX_SOCKET_MESSAGE_BYTES = 64 * 1024


class WebchatOutput(SocketIOOutput):
    # Set by the input channel: moves the conversation's sockets to a new session.
    renew_session: Optional[Callable[[str], Awaitable[None]]] = None

    @classmethod
    def name(cls) -> Text:
        return web_session.WEBCHAT_CHANNEL

    async def send_response(self, recipient_id: Text, message: Dict[Text, Any]) -> None:
        if message.get(explanation.CARD_TEXT):
            return   # the card that follows shows it
        await super().send_response(recipient_id, message)

    async def send_custom_json(self, recipient_id: Text, json_message: Dict[Text, Any],
                               **kwargs: Any) -> None:
        if json_message.get("type") == ERASED and self.renew_session is not None:
            # Nothing of the erased conversation is left: the browser gets a
            # new session (its old token now names an empty conversation).
            await self.renew_session(recipient_id)
            return
        await self._send_message(recipient_id, {"custom": json_message})


class KioskOutput(WebchatOutput):
    @classmethod
    def name(cls) -> Text:
        return web_session.KIOSK_CHANNEL


def _secret(configured: Optional[str]) -> bytes:
    value = settings.setting({"session_secret": configured}, "session_secret",
                             "HEADACHE_SESSION_SECRET")
    if value:
        return value.encode()
    logger.warning("no session secret configured (HEADACHE_SESSION_SECRET): widget sessions "
                   "will not survive a restart of this server")
    return secrets.token_bytes(32)


# Where the pages of web/static name the emergency number: (pattern, group kept before it).
_NUMBER_IN_PAGES = (
    re.compile(r'(data-emergency-number=")[^"]*(?=")'),         # the widget tag, the kiosk
    re.compile(r'(class="kiosk-number">)[^<]*(?=<)'),           # the kiosk's emergency screen
    re.compile(r"(\bcall )999\b"),                               # the demo page's text
    re.compile(r'(emergencyNumber: data\.emergencyNumber \|\| ")[^"]*(?=")'),  # widget.js default
)


def with_emergency_number(page: str, number: str) -> str:
    """A page of web/static with the clinic's emergency number where it names one."""
    for pattern in _NUMBER_IN_PAGES:
        page = pattern.sub(lambda match: match.group(1) + number, page)
    return page


async def _page(name: str, content_type: str = "text/html; charset=utf-8",
                headers: Optional[dict] = None) -> HTTPResponse:
    page = (STATIC / name).read_text(encoding="utf-8")
    return response.text(with_emergency_number(page, clinic.emergency_number()),
                         content_type=content_type, headers=headers or NO_STORE)


def serve_web_files(app: Sanic) -> None:
    """The widget files, the demo clinic page and the kiosk page (once per app)."""
    if getattr(app.ctx, "headache_web_files", False):
        return
    app.ctx.headache_web_files = True

    async def regions(_: Request) -> HTTPResponse:
        return response.json(factors.region_choices())

    async def socket_io_client(_: Request) -> HTTPResponse:
        if not SOCKET_IO_CLIENT.exists():
            return response.text("socket.io client missing: run `make web`", status=500)
        return await response.file(SOCKET_IO_CLIENT)

    async def demo(_: Request) -> HTTPResponse:
        return await _page("demo.html")

    async def kiosk(_: Request) -> HTTPResponse:
        return await _page("kiosk.html")

    async def widget(_: Request) -> HTTPResponse:
        return await _page("widget.js", "application/javascript; charset=utf-8", {})

    app.add_route(regions, "/webchat/regions.json", name="headache_regions")
    app.add_route(socket_io_client, "/webchat/vendor/socket.io.min.js",
                  name="headache_socket_io_client")
    app.add_route(demo, "/demo/", name="headache_demo", strict_slashes=False)
    app.add_route(kiosk, "/kiosk/", name="headache_kiosk", strict_slashes=False)
    # Before the static folder: the widget's default emergency number is the clinic's.
    app.add_route(widget, "/webchat/widget.js", name="headache_widget")
    app.static("/webchat", str(STATIC), name="headache_web_static")


def widget_origins() -> frozenset[str]:
    return frozenset(origin.strip().rstrip("/") for origin in
                     os.environ.get("HEADACHE_WIDGET_ORIGINS", "").split(",") if origin.strip())


def allowed_origin(origin: Optional[str], environ: Dict[str, Any]) -> bool:
    """socket.io's origin check: this server's own pages (the demo, the kiosk,
    the clinic's proxy host) and the configured widget origins."""
    if not origin:
        return True   # not a browser's cross-site request
    host = environ.get("HTTP_X_FORWARDED_HOST") or environ.get("HTTP_HOST") or ""
    scheme = (environ.get("HTTP_X_FORWARDED_PROTO") or environ.get("wsgi.url_scheme")
              or "http").split(",")[0].strip()
    own = f"{scheme}://{host.split(',')[0].strip()}"
    return origin.rstrip("/") == own or origin.rstrip("/") in widget_origins()


class _WebBlueprint(SocketBlueprint):
    def register(self, app: Sanic, options: Dict[Text, Any]) -> None:
        serve_web_files(app)
        super().register(app, options)


class WebchatInput(InputChannel):
    """The website widget: sessions survive a page reload."""

    resumable = True
    output_class = WebchatOutput
    default_path = "/socket.io"

    @classmethod
    def name(cls) -> Text:
        return web_session.WEBCHAT_CHANNEL

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> InputChannel:
        credentials = credentials or {}
        return cls(credentials.get("session_secret"),
                   credentials.get("socketio_path") or cls.default_path,
                   credentials.get("device_tokens"))

    def __init__(self, session_secret: Optional[str] = None,
                 socketio_path: Optional[str] = None,
                 device_tokens: Optional[str] = None) -> None:
        self.secret = web_session.channel_key(_secret(session_secret), self.name())
        self.socketio_path = socketio_path or self.default_path
        self.device_tokens = web_session.parse_device_tokens(settings.setting(
            {"device_tokens": device_tokens}, "device_tokens", "HEADACHE_KIOSK_TOKENS"))
        self.sio: Optional[AsyncServer] = None

    def get_output_channel(self) -> Optional[OutputChannel]:
        return self._output() if self.sio else None

    def _output(self) -> WebchatOutput:
        output = self.output_class(self.sio, "bot_uttered")
        output.renew_session = self.renew_session
        return output

    async def new_session(self, sid: Text, carried: Optional[str] = None,
                          leave_old: bool = True) -> str:
        """Give socket `sid` a new session (token confirmed to it); its id."""
        token = web_session.issue(self.secret)
        session_id = web_session.verify(self.secret, token)
        old = ((await self.sio.get_session(sid)) or {}).get("session_id")
        if old and leave_old:
            await self.sio.leave_room(sid, old)
        await self.sio.save_session(sid, {"session_id": session_id})
        await self.sio.enter_room(sid, session_id)
        confirm: Any = token if carried is None else {"session_id": token, "carried": carried}
        await self.sio.emit("session_confirm", confirm, room=sid)
        return session_id

    async def renew_session(self, old_session_id: str) -> None:
        for sid, _ in list(self.sio.manager.get_participants("/", old_session_id)):
            # Still in the old room for the rest of this turn: the confirmation
            # ("Done - I've deleted ...") is addressed to the old session.
            await self.new_session(sid, leave_old=False)

    def accepts(self, auth: Optional[Dict]) -> bool:
        """Whether a browser may connect at all (the widget: anyone)."""
        return True

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        # cors_allowed_origins=[]: the widget is embedded on the clinic's own
        # site, another origin; Rasa's --cors setting governs HTTP routes.
        # Browsers may connect from this server's own pages and from the
        # clinic's sites listed in HEADACHE_WIDGET_ORIGINS; nothing else.
        sio = AsyncServer(async_mode="sanic", cors_allowed_origins=allowed_origin,
                          max_http_buffer_size=MAX_SOCKET_MESSAGE_BYTES)
        self.sio = sio
        channel = _WebBlueprint(sio, self.socketio_path, f"{self.name()}_webhook", __name__)

        @channel.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @channel.route("/history", methods=["GET"])
        async def history(request: Request) -> HTTPResponse:
            if not self.resumable:
                return response.json({"error": "not available"}, status=404)
            token = (request.headers.get("authorization") or "").removeprefix("Bearer ").strip()
            session_id = web_session.verify(self.secret, token)
            if session_id is None:
                return response.json({"error": "unknown or expired session"}, status=401,
                                     headers=NO_STORE)
            try:
                tracker = await request.app.ctx.agent.tracker_store.retrieve(session_id)
            except Exception as error:  # noqa: BLE001
                logger.error("history unavailable (%s)", type(error).__name__)
                return response.json({"error": "service problem"}, status=503,
                                     headers=NO_STORE)
            events = [event.as_dict() for event in tracker.events] if tracker else []
            return response.json({"messages": transcript.messages(events, cards=True)},
                                 headers=NO_STORE)

        @sio.on("connect")
        async def connect(sid: Text, environ: Dict, auth: Optional[Dict] = None) -> bool:
            return self.accepts(auth)

        @sio.on("session_request")
        async def session_request(sid: Text, data: Any = None) -> None:
            token = (data or {}).get("session_id") if isinstance(data, dict) else None
            session_id = web_session.verify(self.secret, token) if self.resumable else None
            if session_id is None:
                token = web_session.issue(self.secret)
                session_id = web_session.verify(self.secret, token)
            await sio.save_session(sid, {"session_id": session_id})
            await sio.enter_room(sid, session_id)
            await sio.emit("session_confirm", token, room=sid)

        @sio.on("user_uttered")
        async def handle_message(sid: Text, data: Any = None) -> None:
            text = data.get("message") if isinstance(data, dict) else None
            confirmed = ((await sio.get_session(sid)) or {}).get("session_id")
            if not isinstance(text, str) or not confirmed:
                await sio.emit("session_invalid", {}, room=sid)
                return
            session_id = web_session.verify(self.secret, data.get("session_id"))
            if session_id is None:
                # Expired (or never ours): the message is not lost, it opens a
                # new session on this socket and is answered there.
                session_id = await self.new_session(sid, carried=text[:200])
            elif session_id != confirmed:
                # Only the token this very socket was given may speak.
                await sio.emit("session_invalid", {}, room=sid)
                return
            # No metadata from a browser: our pages send none, and whatever a
            # stranger put there would be stored with the conversation.
            output = self._output()
            instead = await delivery.deliver(on_new_message, UserMessage(
                text, output, session_id, input_channel=self.name()))
            for line in instead or []:
                await output.send_text_message(session_id, line)

        return channel


class KioskInput(WebchatInput):
    """The waiting-room tablet: device token required, a new session every time."""

    resumable = False
    output_class = KioskOutput
    default_path = "/kiosk/socket.io"

    @classmethod
    def name(cls) -> Text:
        return web_session.KIOSK_CHANNEL

    def accepts(self, auth: Optional[Dict]) -> bool:
        token = auth.get("token") if isinstance(auth, dict) else None
        allowed = web_session.device_allowed(token, self.device_tokens)
        if not allowed:
            logger.warning("kiosk connection refused: unknown device token")
        return allowed
