"""The stored records. The schema itself is created by `migrations/`."""
from __future__ import annotations

import json
from datetime import datetime, timezone

from sqlalchemy import (JSON, Boolean, Column, DateTime, ForeignKey, Integer,
                        MetaData, String, Text)
from sqlalchemy.orm import declarative_base
from sqlalchemy.types import TypeDecorator

from bot.storage import crypto

# Deterministic constraint names, identical on SQLite and PostgreSQL, so later
# migrations can refer to them.
NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_name)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

Base = declarative_base(metadata=MetaData(naming_convention=NAMING_CONVENTION))


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


class UTCDateTime(TypeDecorator):
    """Aware UTC datetimes in and out (SQLite keeps no time zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is not None and value.tzinfo is None:
            raise ValueError("naive datetime; pass an aware one")
        return value.astimezone(timezone.utc) if value is not None else None

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=timezone.utc)
        return value.astimezone(timezone.utc)


class EncryptedText(TypeDecorator):
    """Text encrypted at rest (bot.storage.crypto); plain str in and out."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value, dialect):
        return crypto.encrypt(value)

    def process_result_value(self, value, dialect):
        return crypto.decrypt(value)


class EncryptedJSON(TypeDecorator):
    """A JSON value encrypted at rest."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value, dialect):
        return crypto.encrypt(json.dumps(value))

    def process_result_value(self, value, dialect):
        return None if value is None else json.loads(crypto.decrypt(value))


class Assessment(Base):
    """One triage decision with the answers it was based on."""

    __tablename__ = "assessments"

    id = Column(Integer, primary_key=True)
    conversation_id = Column(String(255), nullable=False, index=True)
    created_at = Column(UTCDateTime(), nullable=False, default=utc_now)
    triage = Column(String(20), nullable=False)
    answers = Column(EncryptedJSON, nullable=False)    # normalised facts and yes/no answers
    red_flags = Column(EncryptedJSON, nullable=False)  # their evidence is the person's words
    factors = Column(JSON, nullable=False)
    rule_ids = Column(JSON, nullable=False)
    suggested_service = Column(String(10), nullable=True)
    consented = Column(Boolean, nullable=False)


class BookingRequest(Base):
    """A request for an appointment; the clinic confirms it outside the bot."""

    __tablename__ = "booking_requests"

    id = Column(Integer, primary_key=True)
    reference = Column(String(8), nullable=False, unique=True)
    conversation_id = Column(String(255), nullable=False, index=True)
    created_at = Column(UTCDateTime(), nullable=False, default=utc_now)
    service = Column(String(10), nullable=False)
    name = Column(EncryptedText, nullable=True)    # None: given at reception (kiosk)
    phone = Column(EncryptedText, nullable=True)   # E.164
    email = Column(EncryptedText, nullable=True)
    preferred_time = Column(EncryptedText, nullable=False)
    status = Column(String(20), nullable=False, default="requested")
    assessment_id = Column(Integer, ForeignKey("assessments.id", ondelete="SET NULL"),
                           nullable=True)
    # The action call that stored it (records.request_key): an action server
    # killed after storing leaves its call to be resent, and the resent call
    # finds this row instead of storing the booking twice.
    request_key = Column(String(64), nullable=True, unique=True)


class SmsOptOut(Base):
    """A phone number that sent STOP: nothing is texted to it until START.

    Kept apart from conversations on purpose: erasing a conversation's data
    must not undo an opt-out.
    """

    __tablename__ = "sms_opt_outs"

    phone = Column(String(32), primary_key=True)   # the number's pseudonym (crypto.pseudonym)
    opted_out_at = Column(UTCDateTime(), nullable=False, default=utc_now)


class SmsMessage(Base):
    """An SMS already handled (Twilio's MessageSid, pseudonymised), so that a
    request Twilio retries or someone replays is not answered twice. Kept for
    two days (bot.storage.retention)."""

    __tablename__ = "sms_messages"

    message_id = Column(String(40), primary_key=True)
    received_at = Column(UTCDateTime(), nullable=False, default=utc_now, index=True)
