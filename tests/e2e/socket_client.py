"""A browser's side of the widget's socket.io protocol, for the end-to-end tests:
python-socketio's asyncio client, no browser needed. Long-polling: its websocket transport needs an aiohttp newer
than Rasa 3.6 allows (the server side is the same either way)."""
from __future__ import annotations

import asyncio
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
