"""SMS already handled, by Twilio's MessageSid (pseudonymised like numbers),
so that a retried or replayed webhook call is not answered twice. Kept two
days (bot.storage.retention). Blocking: async callers use asyncio.to_thread.
"""
from __future__ import annotations

from typing import Optional

from sqlalchemy.exc import IntegrityError

from bot.storage import crypto
from bot.storage.db import session_scope
from bot.storage.models import SmsMessage


def first_time(message_sid: str, url: Optional[str] = None) -> bool:
    """Record `message_sid`; False when it was already recorded."""
    key = crypto.pseudonym("sid", message_sid[:64])
    try:
        with session_scope(url) as session:
            if session.get(SmsMessage, key) is not None:
                return False
            session.add(SmsMessage(message_id=key))
    except IntegrityError:   # the same id, at the same moment, on another request
        return False
    return True
