"""Browser sessions of the chat widget and the kiosk, without Rasa.

- Session tokens are issued by the server, never chosen by the browser:
  "<session id>.<issued at>.<HMAC>". A browser that presents a token we did
  not sign (or an old one) gets a new session, so nobody can attach to
  another person's conversation by guessing or choosing an id. The session id
  alone is the conversation's sender id (what "delete my data" erases).
- Kiosk device tokens: a shared tablet proves it is one of the clinic's
  kiosks; compared in constant time.
"""
from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from typing import Any, Iterable, Optional, Sequence

MAX_AGE_SECONDS = 12 * 3600   # a reload the next morning starts afresh
# Channel names (Rasa's input and output channel names; domain.yml's `channel:`
# response variations and the booking form read them).
WEBCHAT_CHANNEL = "webchat"
KIOSK_CHANNEL = "kiosk"


def _signature(secret: bytes, payload: str) -> str:
    return hmac.new(secret, payload.encode(), hashlib.sha256).hexdigest()[:32]


def channel_key(secret: bytes, channel: str) -> bytes:
    """A key per channel, so a kiosk's token is worth nothing to the widget and
    the other way round (a kiosk conversation can never be resumed on the web)."""
    return hmac.new(secret, f"channel:{channel}".encode(), hashlib.sha256).digest()


def issue(secret: bytes, now: Optional[float] = None) -> str:
    """A new session token."""
    payload = f"{secrets.token_hex(16)}.{int(time.time() if now is None else now)}"
    return f"{payload}.{_signature(secret, payload)}"


def verify(secret: bytes, token: Any, now: Optional[float] = None,
           max_age: float = MAX_AGE_SECONDS) -> Optional[str]:
    """The session id of a token we issued that has not expired; else None."""
    if not isinstance(token, str) or token.count(".") != 2 or len(token) > 100:
        return None
    if not token.isascii():   # compare_digest refuses non-ASCII str (a 500 before)
        return None
    session_id, issued, signature = token.split(".")
    if not hmac.compare_digest(_signature(secret, f"{session_id}.{issued}").encode(),
                               signature.encode()):
        return None
    try:
        age = (time.time() if now is None else now) - int(issued)
    except ValueError:
        return None
    return session_id if 0 <= age <= max_age else None


def parse_device_tokens(configured: str | Iterable[str] | None) -> tuple[str, ...]:
    """Kiosk device tokens from "a, b" or a list; blanks dropped."""
    if configured is None:
        return ()
    items = configured.split(",") if isinstance(configured, str) else configured
    return tuple(t.strip() for t in items if t and t.strip())


def device_allowed(token: Any, allowed: Sequence[str]) -> bool:
    if not isinstance(token, str) or not token:
        return False
    # Every token compared, so the time taken does not tell which one matched.
    matches = [hmac.compare_digest(token.encode("utf-8", "replace"), known.encode())
               for known in allowed]
    return any(matches)
