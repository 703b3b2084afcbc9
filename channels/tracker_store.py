"""Rasa's SQL tracker store, made private and honest.

endpoints.yml: `tracker_store: type: channels.tracker_store.PrivateSQLTrackerStore`
with the SQL store's usual keys (dialect, url, port, db, username, password).

- Event data is encrypted at rest (bot.storage.crypto); only the columns Rasa
  queries by (sender id, event type, timestamp, intent and action or slot
  names) stay readable.
- A failure is never hidden. Rasa wraps every tracker store in a fail-safe
  one that answers a failed read with a new, empty conversation and keeps a
  failed write in memory; both would restart the person's conversation
  without a word. Here every failure is noted for the message being handled
  (channels.delivery), whose channel then says plainly that the service has
  a problem (with the emergency advice when the message carries a warning
  sign), and nothing of that turn is saved.
- "Delete my data": when a turn in which `action_erase_data` erased the
  assistant's tables (its `data_erased` payload) is saved, every
  stored event of the conversation is deleted and none of that turn is
  written, so the conversation's next message starts an empty one. (Deleting
  the rows from the action server alone is undone here: the Rasa server
  holds the conversation and would write it all back on this save.)
- Without consent nothing outlives the session: when a new session starts,
  the events of the sessions before it are deleted unless the person agreed
  to keep their answers with a booking they made (bot.storage.retention.
  kept_with_a_booking). Sessions that simply stop are swept by
  bot.storage.retention.
- Database work runs in a thread, never on the server's event loop.
- The latest session's rows are asked for with statements built once per store
  (`_SessionQueries`: Rasa 3.6.21's `_event_query`, its WHERE and ORDER BY, as
  Core statements with the sender as a bound parameter), not an ORM query made
  and counted anew on every read and save (3% of the Rasa server's time under
  load); the SQL asks the same.
- The conversation last read is kept deserialised (per process, the
  `cache_size` most recently used conversations, HEADACHE_TRACKER_CACHE_SIZE,
  0 for none; an hour unused and it is dropped): each read still asks the
  database which events the conversation holds (their ids and timestamps,
  without their data), uses the kept ones when the database still holds
  exactly those, and decrypts and deserialises only the rows added since.
  So a read is what reading every row would give, also when several servers
  share the database (another server's turn is read from the database); an
  erasure saved here drops the kept copy at once, one done elsewhere (the
  retention sweep) when the conversation is next read, or within the hour
  (nothing kept ever reaches the database again). The events are shared
  by the trackers built from them, as Rasa's own `DialogueStateTracker.copy`
  shares them, and so are their applied events, when the Rasa server's
  speed-ups are installed (bot.rasa_speedups): a tracker read extends those
  by the rows read since instead of walking the whole conversation again.
"""
from __future__ import annotations

import asyncio
import collections
import itertools
import json
import logging
import os
import threading
import time
from dataclasses import dataclass
from typing import Any, Iterable, Optional, Text

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore, create_engine_kwargs
from rasa.shared.core.events import BotUttered, Event, SessionStarted, deserialise_events
from rasa.shared.core.trackers import DialogueStateTracker, EventVerbosity
from rasa.shared.nlu.constants import INTENT_NAME_KEY

from bot import rasa_speedups
from bot.storage import crypto, db, retention
from channels import delivery
from channels.settings import setting

logger = logging.getLogger(__name__)

ERASED = "data_erased"   # the payload action_erase_data sends once it has erased


CACHE_SIZE_SETTING = "HEADACHE_TRACKER_CACHE_SIZE"
DEFAULT_CACHE_SIZE = 64        # conversations kept deserialised, per server process
CACHE_IDLE_SECONDS = 3600      # a conversation kept, unused for this long, is dropped
# Tests: every read from kept events is compared with reading every row, and fails if unlike.
CACHE_CHECK_SETTING = "HEADACHE_TRACKER_CACHE_CHECK"


def erases(event: Any) -> bool:
    return isinstance(event, BotUttered) and isinstance(event.data.get("custom"), dict) \
        and event.data["custom"].get("type") == ERASED


@dataclass(frozen=True)
class _Kept:
    """A conversation's latest session as read: (id, timestamp) of each stored row,
    in id order, and the events deserialised from those rows."""

    rows: tuple[tuple[int, Optional[float]], ...]
    events: tuple[Event, ...]
    used: float
    applied: Any = None    # their applied events (bot.rasa_speedups.applied_events_known)


class _TrackerCache:
    """The most recently used conversations' events, bounded and thread-safe."""

    def __init__(self, size: int, idle_seconds: float = CACHE_IDLE_SECONDS) -> None:
        self.size = size
        self.idle_seconds = idle_seconds
        self._kept: collections.OrderedDict[str, _Kept] = collections.OrderedDict()
        self._lock = threading.Lock()

    def get(self, sender_id: str) -> Optional[_Kept]:
        with self._lock:
            self._drop_idle()
            return self._kept.get(sender_id)

    def put(self, sender_id: str, rows: tuple, events: tuple, applied: Any = None) -> None:
        with self._lock:
            self._kept[sender_id] = _Kept(rows, events, time.monotonic(), applied)
            self._kept.move_to_end(sender_id)
            while len(self._kept) > self.size:
                self._kept.popitem(last=False)

    def drop(self, sender_id: str) -> None:
        with self._lock:
            self._kept.pop(sender_id, None)

    def __len__(self) -> int:
        return len(self._kept)

    def _drop_idle(self) -> None:
        limit = time.monotonic() - self.idle_seconds
        while self._kept:
            sender_id, kept = next(iter(self._kept.items()))
            if kept.used >= limit:
                return
            del self._kept[sender_id]


class _SessionQueries:
    """The rows of a conversation's latest session, as Rasa 3.6.21's
    `SQLTrackerStore._event_query(session, sender_id, False)` selects them (events of
    the sender from its latest SessionStarted on, or all of them when it has none,
    in id order), as statements built once; the sender is the bound parameter
    `sender_id`."""

    def __init__(self, table: Any) -> None:
        sender = sa.bindparam("sender_id")
        start = sa.select(sa.func.max(table.c.timestamp).label("session_start")).where(
            table.c.sender_id == sender,
            table.c.type_name == SessionStarted.type_name).subquery()
        latest = sa.and_(table.c.sender_id == sender,
                         sa.or_(table.c.timestamp >= start.c.session_start,
                                start.c.session_start.is_(None)))
        # what Query.count() counts: the rows of the whole query
        self.count = sa.select(sa.func.count()).select_from(
            sa.select(table).where(latest).order_by(table.c.id).subquery())
        self.rows = sa.select(table.c.id, table.c.timestamp, table.c.data).where(
            latest).order_by(table.c.id)
        # every row's id and timestamp, the data only of rows after the id `after`
        self.rows_after = sa.select(
            table.c.id, table.c.timestamp,
            sa.case((table.c.id > sa.bindparam("after", type_=sa.Integer), table.c.data),
                    else_=sa.null())).where(latest).order_by(table.c.id)


def _engine(url: Any) -> Any:
    kwargs = dict(create_engine_kwargs(url), pool_pre_ping=True, hide_parameters=True)
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return sa.create_engine(url, **kwargs)
    # An SQLite file: connections are kept in a pool (SQLAlchemy 2's default for
    # a file; 1.4 opened and closed one per read and per save, and closing one
    # holds the GIL: 3% of the Rasa server under load). A kept connection still
    # holds the file it opened, so each one is checked out only while the path
    # is still that file: a database moved away or replaced fails the next read
    # or save, as a new connection would.
    engine = sa.create_engine(url, **kwargs, poolclass=sa.pool.QueuePool,
                              connect_args={"check_same_thread": False})
    path = os.path.abspath(url.database)

    def identity() -> Optional[tuple[int, int]]:
        try:
            found = os.stat(path)
        except OSError:
            return None
        return (found.st_dev, found.st_ino)

    def connected(dbapi_connection: Any, record: Any) -> None:
        # WAL, busy timeout and secure_delete as for the assistant's own tables: a
        # conversation erased here is overwritten, not left readable in free pages
        db.configure_sqlite(dbapi_connection, record)
        record.info["file"] = identity()

    def checked_out(dbapi_connection: Any, record: Any, proxy: Any) -> None:
        if record.info.get("file") is None or identity() != record.info["file"]:
            raise sa.exc.DisconnectionError("the database file is no longer the one opened")

    sa.event.listen(engine, "connect", connected)
    sa.event.listen(engine, "checkout", checked_out)
    return engine


class PrivateSQLTrackerStore(SQLTrackerStore):
    def __init__(self, *args: Any, cache_size: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._cache = _TrackerCache(int(setting({"cache_size": cache_size}, "cache_size",
                                                CACHE_SIZE_SETTING, str(DEFAULT_CACHE_SIZE))))
        self._check_cache = os.environ.get(CACHE_CHECK_SETTING, "").strip() == "1"
        # Rasa's engine, made again: database errors without the statement's
        # values (they are event data), and a connection checked before use,
        # so a database that restarted is used again at once.
        url = self.engine.url
        self.engine.dispose()
        self.engine = _engine(url)
        self.sessionmaker = sa.orm.session.sessionmaker(bind=self.engine)
        self._queries = _SessionQueries(self.SQLEvent.__table__)

    async def retrieve(self, sender_id: Text) -> Optional[DialogueStateTracker]:
        return await self._guarded(self._load, sender_id, False)

    async def retrieve_full_tracker(self, conversation_id: Text
                                    ) -> Optional[DialogueStateTracker]:
        return await self._guarded(self._load, conversation_id, True)

    async def keys(self) -> Iterable[Text]:
        return await self._guarded(self._keys)

    async def save(self, tracker: DialogueStateTracker) -> None:
        await self.stream_events(tracker)
        await self._guarded(self._save, tracker)

    async def _guarded(self, work, *args: Any) -> Any:
        try:
            return await asyncio.to_thread(work, *args)
        except Exception as error:
            # The type only: a database error can quote event data.
            logger.error("tracker store unavailable (%s)", type(error).__name__)
            delivery.note_failure(error)   # inside a person's message: abort it
            raise

    # In a thread

    def _keys(self) -> list[str]:
        with self.session_scope() as session:
            return [sender for (sender,) in
                    session.query(self.SQLEvent.sender_id).distinct().all()]

    def _load(self, sender_id: str, all_sessions: bool) -> Optional[DialogueStateTracker]:
        if all_sessions or not self._cache.size or not self.domain:
            return self._load_all(sender_id, all_sessions)
        loaded = self._load_kept(sender_id)
        if self._check_cache:
            self._compare(loaded, self._load_all(sender_id, all_sessions))
        return loaded

    def _load_all(self, sender_id: str, all_sessions: bool) -> Optional[DialogueStateTracker]:
        with self.session_scope() as session:
            rows = self._event_query(session, sender_id,
                                     fetch_events_from_all_sessions=all_sessions).all()
            events = [json.loads(crypto.decrypt(row.data)) for row in rows]
        if self.domain and events:
            return DialogueStateTracker.from_dict(sender_id, events, self.domain.slots)
        return None

    @staticmethod
    def _compare(kept: Optional[DialogueStateTracker],
                 read: Optional[DialogueStateTracker]) -> None:
        def state(tracker: Optional[DialogueStateTracker]) -> Any:
            return tracker and tracker.current_state(EventVerbosity.ALL)

        if state(kept) != state(read):
            logger.error("the kept tracker differs from the stored one")
            raise AssertionError("the kept tracker differs from the stored one")

    def _load_kept(self, sender_id: str) -> Optional[DialogueStateTracker]:
        """The latest session as _load reads it, decrypting only the rows not kept."""
        kept = self._cache.get(sender_id)
        queries = self._queries
        with self.session_scope() as session:
            # One query: every row's id and timestamp, the data of rows newer than those kept.
            if kept is None or not kept.rows:
                found = session.execute(queries.rows, {"sender_id": sender_id}).all()
            else:
                found = session.execute(queries.rows_after, {"sender_id": sender_id,
                                                             "after": kept.rows[-1][0]}).all()
            rows = tuple((row[0], row[1]) for row in found)
            if kept is not None and rows[:len(kept.rows)] == kept.rows:
                new = found[len(kept.rows):]
                known = kept.events
            else:   # another server erased or rewrote it: read it all again
                new = session.execute(queries.rows, {"sender_id": sender_id}).all() \
                    if kept is not None else found
                rows = tuple((row[0], row[1]) for row in new)
                known = ()
        events = known + tuple(deserialise_events(
            [json.loads(crypto.decrypt(row[2])) for row in new]))
        if not rows:
            self._cache.drop(sender_id)
            return None
        tracker = DialogueStateTracker.from_events(sender_id, list(events), self.domain.slots)
        if known:   # the kept events' applied events, extended by the rows read since
            rasa_speedups.seed_applied_events(tracker, len(known), kept.applied)
        self._cache.put(sender_id, rows, events, rasa_speedups.applied_events_known(tracker))
        return tracker

    def _additional_events(self, session: Any, tracker: DialogueStateTracker) -> Any:
        """SQLTrackerStore._additional_events of Rasa 3.6.21: the tracker's events after
        as many as the latest session holds in the database (counted by the statement
        built once)."""
        stored = session.execute(self._queries.count, {"sender_id": tracker.sender_id}).scalar()
        return itertools.islice(tracker.events, stored, len(tracker.events))

    def _save(self, tracker: DialogueStateTracker) -> None:
        with self.session_scope() as session:
            new_events = list(self._additional_events(session, tracker))
            if any(erases(event) for event in new_events):
                self._cache.drop(tracker.sender_id)
                erased = session.query(self.SQLEvent).filter(
                    self.SQLEvent.sender_id == tracker.sender_id).delete()
                session.commit()
                logger.info("conversation erased from the tracker store (%d events)", erased)
                return
            rows = []
            for event in new_events:
                data = event.as_dict()
                rows.append(dict(
                    sender_id=tracker.sender_id, type_name=event.type_name,
                    timestamp=data.get("timestamp"),
                    intent_name=data.get("parse_data", {}).get("intent", {}).get(
                        INTENT_NAME_KEY),
                    action_name=data.get("name"),
                    data=crypto.encrypt(json.dumps(data))))
            if rows:   # one INSERT for the turn, in order (no ORM objects to flush)
                session.execute(sa.insert(self.SQLEvent.__table__), rows)
            starts = [e.timestamp for e in new_events if isinstance(e, SessionStarted)]
            if starts:
                self._forget_unconsented_sessions(session, tracker.sender_id, max(starts))
            session.commit()

    def _forget_unconsented_sessions(self, session: Any, sender_id: str,
                                     new_session_start: float) -> None:
        """The session that just ended is judged on its own (a consented booking of an
        earlier session keeps that session, never the ones after it); the sessions before
        it were judged when they ended."""
        previous_start = session.query(sa.func.max(self.SQLEvent.timestamp)).filter(
            self.SQLEvent.sender_id == sender_id,
            self.SQLEvent.type_name == SessionStarted.type_name,
            self.SQLEvent.timestamp < new_session_start).scalar()
        earlier = session.query(self.SQLEvent).filter(
            self.SQLEvent.sender_id == sender_id,
            self.SQLEvent.timestamp < new_session_start)
        if previous_start is not None:
            earlier = earlier.filter(self.SQLEvent.timestamp >= previous_start)
        kept_by = earlier.filter(self.SQLEvent.type_name == "slot",
                                 self.SQLEvent.action_name.in_(retention.KEPT_BY)
                                 ).order_by(self.SQLEvent.id).all()
        if retention.kept_with_a_booking(crypto.decrypt(row.data) for row in kept_by):
            return
        dropped = earlier.delete(synchronize_session=False)
        if dropped:
            logger.info("a session ended without consent: %d events deleted", dropped)
