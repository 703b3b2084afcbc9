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
  to keep their answers. Sessions that simply stop are swept by
  bot.storage.retention.
- Database work runs in a thread, never on the server's event loop.
"""
from __future__ import annotations

import asyncio
import json
import logging
from typing import Any, Iterable, Optional, Text

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore, create_engine_kwargs
from rasa.shared.core.events import BotUttered, SessionStarted
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import INTENT_NAME_KEY

from bot.storage import crypto, retention
from channels import delivery

logger = logging.getLogger(__name__)

ERASED = "data_erased"   # the payload action_erase_data sends once it has erased


def erases(event: Any) -> bool:
    return isinstance(event, BotUttered) and isinstance(event.data.get("custom"), dict) \
        and event.data["custom"].get("type") == ERASED


class PrivateSQLTrackerStore(SQLTrackerStore):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Rasa's engine, made again: database errors without the statement's
        # values (they are event data), and a connection checked before use,
        # so a database that restarted is used again at once.
        url = self.engine.url
        self.engine.dispose()
        self.engine = sa.create_engine(url, **create_engine_kwargs(url), pool_pre_ping=True,
                                       hide_parameters=True)
        self.sessionmaker = sa.orm.session.sessionmaker(bind=self.engine)

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
        with self.session_scope() as session:
            rows = self._event_query(session, sender_id,
                                     fetch_events_from_all_sessions=all_sessions).all()
            events = [json.loads(crypto.decrypt(row.data)) for row in rows]
        if self.domain and events:
            return DialogueStateTracker.from_dict(sender_id, events, self.domain.slots)
        return None

    def _save(self, tracker: DialogueStateTracker) -> None:
        with self.session_scope() as session:
            new_events = list(self._additional_events(session, tracker))
            if any(erases(event) for event in new_events):
                erased = session.query(self.SQLEvent).filter(
                    self.SQLEvent.sender_id == tracker.sender_id).delete()
                session.commit()
                logger.info("conversation erased from the tracker store (%d events)", erased)
                return
            for event in new_events:
                data = event.as_dict()
                session.add(self.SQLEvent(
                    sender_id=tracker.sender_id, type_name=event.type_name,
                    timestamp=data.get("timestamp"),
                    intent_name=data.get("parse_data", {}).get("intent", {}).get(
                        INTENT_NAME_KEY),
                    action_name=data.get("name"),
                    data=crypto.encrypt(json.dumps(data))))
            starts = [e.timestamp for e in new_events if isinstance(e, SessionStarted)]
            if starts:
                self._forget_unconsented_sessions(session, tracker.sender_id, max(starts))
            session.commit()

    def _forget_unconsented_sessions(self, session: Any, sender_id: str,
                                     new_session_start: float) -> None:
        earlier = session.query(self.SQLEvent).filter(
            self.SQLEvent.sender_id == sender_id,
            self.SQLEvent.timestamp < new_session_start)
        consent_rows = earlier.filter(self.SQLEvent.type_name == "slot",
                                      self.SQLEvent.action_name == retention.CONSENT_SLOT).all()
        if any(retention.consented(crypto.decrypt(row.data)) for row in consent_rows):
            return
        dropped = earlier.delete(synchronize_session=False)
        if dropped:
            logger.info("a session ended without consent: %d events deleted", dropped)
