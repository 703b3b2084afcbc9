"""SMS opt-outs: a number that texted STOP gets nothing until it texts START.

Numbers are kept as keyed pseudonyms (bot.storage.crypto), never in clear.
Plain data in and out, one session per call, blocking (async callers use
`asyncio.to_thread`). Logs never carry the number.
"""
from __future__ import annotations

import logging
from typing import Optional

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError

from bot.storage import crypto
from bot.storage.db import session_scope
from bot.storage.models import SmsOptOut

log = logging.getLogger(__name__)


def _number(phone: str) -> str:
    phone = (phone or "").strip()
    if not phone:
        raise ValueError("phone number is required")
    if len(phone) > 32:
        raise ValueError("phone number is too long")
    # Stored as its keyed pseudonym: the table never holds the number itself.
    return crypto.pseudonym("sms", phone)


def opt_out(phone: str, url: Optional[str] = None) -> None:
    """Remember that `phone` sent STOP (again is fine)."""
    pseudonym = _number(phone)
    try:
        with session_scope(url) as session:
            if session.get(SmsOptOut, pseudonym) is None:
                session.add(SmsOptOut(phone=pseudonym))
    except IntegrityError:
        # A concurrent STOP from the same number (on another server) stored it first.
        if not is_opted_out(phone, url):
            raise
    log.info("an SMS number opted out")


def opt_in(phone: str, url: Optional[str] = None) -> bool:
    """Forget the opt-out of `phone` (it sent START). True when there was one."""
    phone = _number(phone)
    with session_scope(url) as session:
        removed = session.execute(delete(SmsOptOut).where(SmsOptOut.phone == phone)).rowcount
    if removed:
        log.info("an SMS number opted back in")
    return bool(removed)


def is_opted_out(phone: str, url: Optional[str] = None) -> bool:
    """True when `phone` sent STOP and has not sent START since."""
    phone = _number(phone)
    with session_scope(url) as session:
        return session.execute(
            select(SmsOptOut.phone).where(SmsOptOut.phone == phone)
        ).first() is not None
