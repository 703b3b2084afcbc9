"""What the assistant remembers: assessments and booking requests.

Plain data in, plain data out: no ORM object leaves this module, and every call
opens and closes its own session. Log messages carry row ids, references and
counts only: conversation ids can be phone numbers (SMS), and names, contact
details and free text are personal data.
"""
from __future__ import annotations

import hashlib
import json
import logging
import re
import secrets
from typing import Optional, TypedDict

from sqlalchemy import delete, func, inspect, select, text, update
from sqlalchemy.exc import IntegrityError

from bot import levels
from bot.knowledge import services
from bot.storage.db import is_sqlite, session_scope
from bot.storage.models import Assessment, BookingRequest

log = logging.getLogger(__name__)

REQUESTED = "requested"
REFERENCE_PREFIX = "HB-"
# No 0/O or 1/I, which are confused when read out over the phone.
REFERENCE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
REFERENCE_LENGTH = 5
REFERENCE_ATTEMPTS = 10
_E164 = re.compile(r"^\+[1-9][0-9]{6,14}$")
class KeptAnswers(TypedDict):
    """An assessment as the person was shown it (`payload`) and the answers it came from
    (`answers`): kept only with a booking they agreed to keep them with. One shape in the
    conversation (a slot) and in storage."""
    payload: dict
    answers: dict


_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def save_assessment(conversation_id: str, assessment_payload: dict, answers: dict,
                    consented: bool, url: Optional[str] = None,
                    for_booking: Optional[str] = None) -> int:
    """Store an assessment (the `headache_assessment` payload) and its answers; with
    `for_booking` (the reference of this conversation's booking, assessed again after it),
    that booking links this assessment from now on, in the same transaction: the therapist
    sees the latest self-check.

    Saving the same assessment again for a conversation (a retried action)
    returns the id of the stored one instead of adding a duplicate.
    """
    with session_scope(url) as session:
        assessment_id = _add_assessment(session, conversation_id, assessment_payload, answers, consented)
        if for_booking:
            session.execute(update(BookingRequest).where(
                BookingRequest.reference == for_booking,
                BookingRequest.conversation_id == conversation_id).values(assessment_id=assessment_id))
        return assessment_id


def _add_assessment(session, conversation_id: str, assessment_payload: dict, answers: dict,
                    consented: bool) -> int:
    fields = _assessment_fields(assessment_payload, answers, consented)
    latest = _latest(session, conversation_id)
    if latest is not None and _stored_fields(latest) == fields:
        return latest.id
    row = Assessment(conversation_id=conversation_id, **fields)
    session.add(row)
    session.flush()
    log.info("stored assessment %d (triage %s)", row.id, row.triage)
    return row.id


def latest_assessment(conversation_id: str, url: Optional[str] = None) -> Optional[dict]:
    """The conversation's most recent assessment, or None."""
    with session_scope(url) as session:
        row = _latest(session, conversation_id)
        if row is None:
            return None
        return {"id": row.id, "conversation_id": row.conversation_id,
                "created_at": row.created_at.isoformat(), **_stored_fields(row)}


def request_key(conversation_id: str, message_id: Optional[str], events_so_far: int) -> str:
    """One action call's key: the same for that call resent, different for any other.

    A resent call carries the same conversation, latest message and number of
    events; the next call of the conversation has more events. Hashed, so the
    key says nothing about the conversation it came from.
    """
    return hashlib.sha256(
        f"{conversation_id}\n{message_id or ''}\n{events_so_far}".encode()).hexdigest()


def save_booking(conversation_id: str, service: str, name: str, phone: Optional[str],
                 email: Optional[str], preferred_time: str,
                 url: Optional[str] = None, request_key: Optional[str] = None,
                 kept_answers: Optional[KeptAnswers] = None) -> dict:
    """Store a booking request; with `kept_answers` (the assessment payload the person was
    shown and its answers, kept because they agreed), that assessment too, in the same
    transaction, linked to the booking. Without, the booking links no assessment.

    Returns the `booking_request` payload of CONTRACT.md without its type.
    Raises ValueError for an unknown service, contact details without a name,
    a phone number not in E.164 form or a malformed e-mail address. No name
    and no contact: a kiosk request whose details are given at reception.
    With a `request_key` (see request_key), a call resent after its action
    server died returns the booking the first one stored, never a second one.
    """
    booking = _booking_fields(service, name, phone, email, preferred_time)
    for _ in range(REFERENCE_ATTEMPTS):
        reference = new_reference()
        try:
            with session_scope(url) as session:
                stored = _stored_for_key(session, request_key)
                if stored is not None:
                    return stored
                if _reference_taken(session, reference):
                    continue
                assessment_id = _add_assessment(
                    session, conversation_id, kept_answers["payload"], kept_answers["answers"],
                    consented=True) if kept_answers else None
                session.add(BookingRequest(
                    reference=reference, conversation_id=conversation_id,
                    status=REQUESTED, assessment_id=assessment_id,
                    request_key=request_key, **booking))
        except IntegrityError:
            # Between check and insert, another request took the same reference,
            # or the same call (resent) stored its booking first.
            with session_scope(url) as session:
                stored = _stored_for_key(session, request_key)
                if stored is not None:
                    return stored
                if not _reference_taken(session, reference):
                    raise
            continue
        log.info("stored booking request %s (service %s)", reference, booking["service"])
        return {"reference": reference, "service": booking["service"],
                "preferred_time": booking["preferred_time"], "status": REQUESTED}
    raise RuntimeError(f"no free booking reference after {REFERENCE_ATTEMPTS} attempts")


def _stored_for_key(session, key: Optional[str]) -> Optional[dict]:
    """The payload of the booking stored by the call with this key, if any."""
    if key is None:
        return None
    row = session.execute(
        select(BookingRequest).where(BookingRequest.request_key == key)).scalar_one_or_none()
    if row is None:
        return None
    log.info("booking request %s was already stored by this call", row.reference)
    return {"reference": row.reference, "service": row.service,
            "preferred_time": row.preferred_time, "status": row.status}


def bookings_for(conversation_id: str, url: Optional[str] = None) -> list[dict]:
    """The conversation's booking requests, oldest first."""
    with session_scope(url) as session:
        rows = session.execute(
            select(BookingRequest)
            .where(BookingRequest.conversation_id == conversation_id)
            .order_by(BookingRequest.created_at, BookingRequest.id)
        ).scalars().all()
        return [{"reference": r.reference, "service": r.service, "name": r.name,
                 "phone": r.phone, "email": r.email, "preferred_time": r.preferred_time,
                 "status": r.status, "created_at": r.created_at.isoformat(),
                 "assessment_id": r.assessment_id} for r in rows]


TRACKER_EVENTS_TABLE = "events"


def erase_conversation(conversation_id: str, url: Optional[str] = None) -> int:
    """Delete everything stored for the conversation (the right to be forgotten).

    Returns the number of rows deleted.
    """
    with session_scope(url) as session:
        bookings = session.execute(
            delete(BookingRequest).where(BookingRequest.conversation_id == conversation_id)
        ).rowcount
        assessments = session.execute(
            delete(Assessment).where(Assessment.conversation_id == conversation_id)
        ).rowcount
        # Rasa's SQL tracker store shares this database (scripts/serve.py): its
        # copy of the conversation holds the person's own words, so it goes too.
        tracker_events = 0
        if inspect(session.bind).has_table(TRACKER_EVENTS_TABLE):
            tracker_events = session.execute(
                text(f"DELETE FROM {TRACKER_EVENTS_TABLE} WHERE sender_id = :sender"),
                {"sender": conversation_id}).rowcount
    if is_sqlite(url):
        # Move the overwritten pages out of the write-ahead log into the file,
        # so the erased data does not linger in the -wal file either.
        with session_scope(url) as session:
            session.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))
    log.info("erased %d booking requests, %d assessments and %d tracker events",
             bookings, assessments, tracker_events)
    return bookings + assessments + tracker_events


def new_reference() -> str:
    """A random booking reference such as "HB-7K2QX"."""
    return REFERENCE_PREFIX + "".join(
        secrets.choice(REFERENCE_ALPHABET) for _ in range(REFERENCE_LENGTH))


def _latest(session, conversation_id: str) -> Optional[Assessment]:
    return session.execute(
        select(Assessment)
        .where(Assessment.conversation_id == conversation_id)
        .order_by(Assessment.created_at.desc(), Assessment.id.desc())
        .limit(1)
    ).scalar_one_or_none()


def _reference_taken(session, reference: str) -> bool:
    return session.execute(
        select(func.count()).select_from(BookingRequest)
        .where(BookingRequest.reference == reference)
    ).scalar_one() > 0


def _json(value) -> object:
    """`value` as it reads back from a JSON column (tuples become lists)."""
    return json.loads(json.dumps(value))


def _assessment_fields(payload: dict, answers: dict, consented: bool) -> dict:
    triage = payload.get("triage")
    if triage not in levels.LEVELS:
        raise ValueError(f"unknown triage level: {triage!r}")
    service = payload.get("suggested_service")
    if service is not None and service not in services.ids():
        raise ValueError(f"unknown service: {service!r}")
    return {"triage": triage,
            "red_flags": _json(payload.get("red_flags", [])),
            "factors": _json(payload.get("factors", [])),
            "rule_ids": _json(payload.get("rule_ids", [])),
            "suggested_service": service,
            "answers": _json(answers),
            "consented": bool(consented)}


def _stored_fields(row: Assessment) -> dict:
    return {"triage": row.triage, "red_flags": row.red_flags, "factors": row.factors,
            "rule_ids": row.rule_ids, "suggested_service": row.suggested_service,
            "answers": row.answers, "consented": row.consented}


def _booking_fields(service, name, phone, email, preferred_time) -> dict:
    # Error messages name the field, never its value (they may reach the logs).
    if service not in services.ids():
        raise ValueError("unknown service")
    name = (name or "").strip() or None
    phone = (phone or "").strip() or None
    if phone is not None and not _E164.match(phone):
        raise ValueError("phone is not in E.164 form")
    email = (email or "").strip() or None
    if email is not None and not _EMAIL.match(email):
        raise ValueError("email is malformed")
    if name is None and (phone or email):
        # Without a name only a request made at the clinic's kiosk, whose
        # details are given at reception, can be matched to a person.
        raise ValueError("name is required with contact details")
    return {"service": service, "name": name, "phone": phone, "email": email,
            "preferred_time": (preferred_time or "").strip()}
