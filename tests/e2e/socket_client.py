"""A browser's side of the widget's socket.io protocol, for the end-to-end tests:
python-socketio's asyncio client, no browser needed. Long-polling: its websocket transport needs an aiohttp newer
than Rasa 3.6 allows (the server side is the same either way)."""
from __future__ import annotations

import asyncio
import json
from typing import Any, Optional

import socketio


class WidgetClient:
    """One socket to /socket.io (or the kiosk's /kiosk/socket.io)."""

    def __init__(self, url: str, path: str = "socket.io", origin: Optional[str] = None,
                 auth: Optional[dict] = None) -> None:
        self.url, self.path, self.origin, self.auth = url, path, origin, auth
        self.sio = socketio.AsyncClient(reconnection=False)
        self.confirms: asyncio.Queue = asyncio.Queue()
        self.uttered: asyncio.Queue = asyncio.Queue()
        self.invalid = 0
        self.sio.on("session_confirm", self._confirm)
        self.sio.on("bot_uttered", self._uttered)
        self.sio.on("session_invalid", self._invalid)

    async def _confirm(self, data: Any) -> None:
        await self.confirms.put(data)

    async def _uttered(self, data: Any) -> None:
        await self.uttered.put(data)

    async def _invalid(self, *_: Any) -> None:
        self.invalid += 1

    async def __aenter__(self) -> "WidgetClient":
        headers = {"Origin": self.origin} if self.origin else {}
        await self.sio.connect(self.url, socketio_path=self.path, headers=headers,
                               auth=self.auth, transports=["polling"], wait_timeout=20)
        return self

    async def __aexit__(self, *exc: Any) -> None:
        await self.sio.disconnect()

    async def session(self, token: Any = None) -> str:
        await self.sio.emit("session_request", {"session_id": token})
        return token_of(await asyncio.wait_for(self.confirms.get(), 30))

    async def say(self, token: str, text: Any, quiet_s: float = 3.0,
                  first_s: float = 60.0) -> list[dict]:
        """Send a message; the bot messages that follow (until it goes quiet)."""
        await self.sio.emit("user_uttered", {"session_id": token, "message": text})
        return await self.replies(quiet_s, first_s)

    async def replies(self, quiet_s: float = 3.0, first_s: float = 60.0) -> list[dict]:
        got: list[dict] = []
        timeout = first_s
        while True:
            try:
                got.append(await asyncio.wait_for(self.uttered.get(), timeout))
            except asyncio.TimeoutError:
                return got
            timeout = quiet_s


def token_of(confirm: Any) -> str:
    return confirm if isinstance(confirm, str) else confirm["session_id"]


class RawSocket:
    """socket.io (engine.io 4) over a WebSocket, as browsers speak it, written
    out by hand with the `websockets` package: every frame is sent as the
    test says, nothing batched (the fuzz suite needs that)."""

    def __init__(self, url: str, path: str = "socket.io", origin: Optional[str] = None,
                 auth: Optional[dict] = None) -> None:
        self.address = url.replace("http", "ws", 1) + f"/{path}/?EIO=4&transport=websocket"
        self.origin, self.auth = origin, auth
        self.confirms: asyncio.Queue = asyncio.Queue()
        self.uttered: asyncio.Queue = asyncio.Queue()
        self.joined = asyncio.Event()
        self.refused = False
        self.token: Optional[str] = None      # the session last confirmed to this socket

    async def __aenter__(self) -> "RawSocket":
        import websockets

        headers = {"Origin": self.origin} if self.origin else None
        self.ws = await websockets.connect(self.address, extra_headers=headers,
                                           max_size=2 ** 20, open_timeout=20)
        await self.ws.recv()                                  # "0{sid, pingInterval, ...}"
        await self.ws.send("40" + (json.dumps(self.auth) if self.auth else ""))
        self.reader = asyncio.create_task(self._read())
        await asyncio.wait_for(self.joined.wait(), 20)
        return self

    async def __aexit__(self, *exc: Any) -> None:
        self.reader.cancel()
        await self.ws.close()

    @property
    def open(self) -> bool:
        return self.ws.open and not self.refused

    async def _read(self) -> None:
        async for frame in self.ws:
            if frame == "2":
                await self.ws.send("3")                       # ping -> pong
            elif frame.startswith("40"):
                self.joined.set()
            elif frame.startswith("44") or frame.startswith("41"):
                self.refused = True
                self.joined.set()
            elif frame.startswith("42"):
                name, *args = json.loads(frame[2:])
                if name == "session_confirm" and args:
                    self.token = token_of(args[0])
                queue = {"session_confirm": self.confirms, "bot_uttered": self.uttered}.get(name)
                if queue is not None:
                    await queue.put(args[0] if args else None)

    async def emit(self, event: str, data: Any = None) -> None:
        await self.ws.send("42" + json.dumps([event] if data is None else [event, data]))

    async def session(self, token: Any = None) -> str:
        await self.emit("session_request", {"session_id": token})
        return token_of(await asyncio.wait_for(self.confirms.get(), 30))

    async def replies(self, quiet_s: float = 3.0, first_s: float = 60.0) -> list[dict]:
        got: list[dict] = []
        timeout = first_s
        while True:
            try:
                got.append(await asyncio.wait_for(self.uttered.get(), timeout))
            except asyncio.TimeoutError:
                return got
            timeout = quiet_s
