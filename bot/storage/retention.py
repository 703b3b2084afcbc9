"""How long anything is kept, and the sweep that enforces it.

- After the retention period (HEADACHE_RETENTION_DAYS, default 90):
  assessments are anonymised (the conversation id, the answers and the
  warning signs' evidence go; the triage level, rule ids, factor ids and
  dates stay for the clinic's statistics), booking requests are deleted, and so
  is every conversation session that ended before it, even of an SMS number that
  has kept texting since (its conversation never goes idle for that long).
- A conversation whose answers the person did not agree to keep with a
  booking (consent is asked with the booking) does not outlive its session: once it has been idle for longer than a
  session (HEADACHE_SESSION_MINUTES, default 60, domain.yml's
  session_expiration_time), its tracker events are deleted.
- Handled SMS ids are kept two days (long enough to recognise a replay).

`run()` does all of it; `python -m scripts.retention` runs it once, and the
run command (scripts/serve.py) runs it on a schedule.
"""
from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any, Iterable, Optional

from sqlalchemy import bindparam, delete, inspect, select, text, update

from sqlalchemy.orm.attributes import flag_modified

from bot.storage import crypto
from bot.storage.db import session_scope
from bot.storage.models import Assessment, BookingRequest, SmsMessage

log = logging.getLogger(__name__)

DAYS_SETTING = "HEADACHE_RETENTION_DAYS"
SESSION_SETTING = "HEADACHE_SESSION_MINUTES"
DEFAULT_DAYS = 90
DEFAULT_SESSION_MINUTES = 60
SMS_ID_DAYS = 2
CONSENT_SLOT = "consent"   # bot.interview.CONSENT_SLOT
BOOKING_SLOT = "booking_reference"   # set when a booking is stored (actions/booking.py)
# The slot events that decide whether a conversation outlives its session (kept_slot_events)
KEPT_BY = (CONSENT_SLOT, BOOKING_SLOT)
ANONYMOUS = "anonymised"
EVENTS = "events"          # Rasa's SQL tracker store table
SESSION_METADATA_SLOT = "session_started_metadata"   # rasa.shared.core.constants


@dataclass(frozen=True)
class Swept:
    assessments_anonymised: int = 0
    bookings_deleted: int = 0
    conversations_expired: int = 0
    unconsented_conversations: int = 0
    sms_ids_deleted: int = 0


def kept_with_a_booking(slot_events: Iterable[Optional[str]]) -> bool:
    """Whether a conversation outlives its session, from its stored slot events of KEPT_BY
    (JSON, oldest first): its answers are kept with a booking, so the latest consent is yes
    and a booking is stored ("start over" sets both back to none)."""
    latest: dict[str, Any] = {}
    for data in slot_events:
        try:
            event = json.loads(data or "{}")
        except ValueError:
            continue
        if event.get("name") in KEPT_BY:
            latest[event["name"]] = event.get("value")
    return latest.get(CONSENT_SLOT) is True and bool(latest.get(BOOKING_SLOT))


def retention_days() -> int:
    return int(os.environ.get(DAYS_SETTING) or DEFAULT_DAYS)


def session_minutes() -> int:
    return int(os.environ.get(SESSION_SETTING) or DEFAULT_SESSION_MINUTES)


def run(now: Optional[datetime] = None, days: Optional[int] = None,
        session: Optional[int] = None, url: Optional[str] = None) -> Swept:
    """Enforce every retention rule as of `now` (default: the current time)."""
    now = now or datetime.now(timezone.utc)
    cutoff = now - timedelta(days=retention_days() if days is None else days)
    idle_cutoff = now - timedelta(minutes=session_minutes() if session is None else session)
    with session_scope(url) as db:
        anonymised = db.execute(
            update(Assessment)
            .where(Assessment.created_at < cutoff, Assessment.conversation_id != ANONYMOUS)
            .values(conversation_id=ANONYMOUS, answers={}, red_flags=[],
                    consented=False)).rowcount
        bookings = db.execute(
            delete(BookingRequest).where(BookingRequest.created_at < cutoff)).rowcount
        sms_ids = db.execute(delete(SmsMessage).where(
            SmsMessage.received_at < now - timedelta(days=SMS_ID_DAYS))).rowcount
        expired = unconsented = 0
        if inspect(db.bind).has_table(EVENTS):
            expired = _expire_sessions(db, cutoff.timestamp())
            idle = _idle_since(db, idle_cutoff.timestamp())
            unconsented = sum(_forget_latest_session(db, sender) for sender in idle)
    swept = Swept(anonymised, bookings, expired, unconsented, sms_ids)
    log.info("retention: %d assessments anonymised, %d bookings deleted, %d conversations "
             "expired, %d unconsented conversations deleted, %d SMS ids deleted", *(
                 swept.assessments_anonymised, swept.bookings_deleted,
                 swept.conversations_expired, swept.unconsented_conversations,
                 swept.sms_ids_deleted))
    return swept


def _idle_since(db, timestamp: float) -> list[str]:
    """Conversations whose latest event is older than `timestamp`."""
    return list(db.execute(text(
        f"SELECT sender_id FROM {EVENTS} GROUP BY sender_id HAVING MAX(timestamp) < :t"),
        {"t": timestamp}).scalars())


def _forget_latest_session(db, sender: str) -> int:
    """Delete the events of `sender`'s latest session (an idle one) unless its answers are
    kept with a booking; 1 when deleted. Each earlier session was judged when the next one
    began (channels/tracker_store.py), so a booking kept once keeps only its own session."""
    start = db.execute(text(
        f"SELECT MAX(timestamp) FROM {EVENTS} WHERE sender_id = :s AND type_name = 'session_started'"),
        {"s": sender}).scalar()
    since = -1.0 if start is None else start
    rows = db.execute(text(
        f"SELECT data FROM {EVENTS} WHERE sender_id = :s AND type_name = 'slot' "
        "AND action_name IN :slots AND timestamp >= :since ORDER BY id").bindparams(
            bindparam("slots", expanding=True)),
        {"s": sender, "slots": list(KEPT_BY), "since": since}).scalars()
    if kept_with_a_booking(crypto.decrypt(data) for data in rows):
        return 0
    db.execute(text(f"DELETE FROM {EVENTS} WHERE sender_id = :s AND timestamp >= :since"),
               {"s": sender, "since": since})
    return 1


def _expire_sessions(db, cutoff: float) -> int:
    """Delete every session that ended before `cutoff`; the number of conversations that
    lost any. A session with events on both sides of it is still in the period: kept whole."""
    senders = list(db.execute(text(
        f"SELECT DISTINCT sender_id FROM {EVENTS} WHERE timestamp < :t"), {"t": cutoff}).scalars())
    expired = 0
    for sender in senders:
        # (Rasa writes a new session's metadata as a slot just before the session starts:
        # that slot belongs to the session after it, so it never marks the one before as recent)
        first_recent = db.execute(text(
            f"SELECT MIN(timestamp) FROM {EVENTS} WHERE sender_id = :s AND timestamp >= :t "
            f"AND NOT (type_name = 'slot' AND action_name = '{SESSION_METADATA_SLOT}')"),
            {"s": sender, "t": cutoff}).scalar()
        if first_recent is None:       # nothing since: everything before the cutoff goes
            expired += _delete_events(db, sender, before=cutoff)
            continue
        # the start of the session first_recent belongs to: every event before it ended earlier
        keep_from = db.execute(text(
            f"SELECT MAX(timestamp) FROM {EVENTS} WHERE sender_id = :s "
            "AND type_name = 'session_started' AND timestamp <= :t"),
            {"s": sender, "t": first_recent}).scalar()
        if keep_from is not None:      # (none: all one session, still in the period)
            expired += _delete_events(db, sender, before=keep_from)
    return expired


def _delete_events(db, sender: str, before: float) -> bool:
    """Delete `sender`'s events older than `before`; whether any went."""
    return db.execute(text(f"DELETE FROM {EVENTS} WHERE sender_id = :s AND timestamp < :b"),
                      {"s": sender, "b": before}).rowcount > 0


def rotate_keys(url: Optional[str] = None) -> int:
    """Re-encrypt every stored value with the newest key (after a key was
    added first to HEADACHE_ENCRYPTION_KEYS). Returns the rows rewritten."""
    rewritten = 0
    with session_scope(url) as db:
        for row in db.execute(select(BookingRequest)).scalars():
            for column in ("name", "phone", "email", "preferred_time"):
                flag_modified(row, column)   # written again: encrypted with the newest key
            rewritten += 1
        for row in db.execute(select(Assessment)).scalars():
            flag_modified(row, "answers")
            flag_modified(row, "red_flags")
            rewritten += 1
        if inspect(db.bind).has_table(EVENTS):
            for event_id, data in db.execute(text(f"SELECT id, data FROM {EVENTS}")).all():
                db.execute(text(f"UPDATE {EVENTS} SET data = :d WHERE id = :i"),
                           {"d": crypto.rotate(data), "i": event_id})
                rewritten += 1
    log.info("re-encrypted %d rows with the newest key", rewritten)
    return rewritten
