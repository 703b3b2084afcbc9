"""The tracker store (channels/tracker_store.py): event data encrypted at rest,
"delete my data" honoured when the turn is saved, nothing of an unconsented
session kept once a new one starts, and failures never hidden."""
from __future__ import annotations

import time

import pytest
from rasa.core.tracker_store import FailSafeTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (ActionExecuted, BotUttered, SessionStarted, SlotSet,
                                     UserUttered)
from rasa.shared.core.trackers import DialogueStateTracker, EventVerbosity
from sqlalchemy import create_engine, text

from bot.storage import crypto
from channels import delivery
from channels.tracker_store import (CACHE_CHECK_SETTING, CACHE_IDLE_SECONDS,
                                    PrivateSQLTrackerStore)

DOMAIN = Domain.from_yaml("""
version: "3.1"
slots:
  consent:
    type: bool
    influence_conversation: false
    mappings: [{type: custom}]
  booking_reference:
    type: any
    influence_conversation: false
    mappings: [{type: custom}]
""")
NAME = "Zebulon Quartermaine"


@pytest.fixture
def path(tmp_path):
    return tmp_path / "tracker.db"


@pytest.fixture
def store(path):
    return PrivateSQLTrackerStore(domain=DOMAIN, dialect="sqlite", db=str(path))


def rows(path, sender="me"):
    engine = create_engine(f"sqlite:///{path}")
    with engine.connect() as connection:
        return connection.execute(text("SELECT type_name, data FROM events WHERE sender_id = :s"),
                                  {"s": sender}).all()


def tracker(*events, sender="me"):
    return DialogueStateTracker.from_events(sender, list(events), DOMAIN.slots)


def said(text, at):
    return UserUttered(text, {"name": "describe_headache", "confidence": 1.0}, timestamp=at)


async def test_event_data_is_ciphertext_and_reads_back(store, path):
    await store.save(tracker(ActionExecuted("action_listen", timestamp=1),
                             said(f"I am {NAME}", 2)))
    stored = rows(path)
    assert len(stored) == 2 and all(crypto.is_encrypted(data) for _, data in stored)
    assert NAME.encode() not in path.read_bytes()
    loaded = await store.retrieve("me")
    assert loaded.latest_message.text == f"I am {NAME}"


def test_the_stores_sqlite_connections_overwrite_what_is_deleted(store):
    # as the assistant's own tables do (bot.storage.db): erased rows leave no
    # ciphertext behind in free pages, and WAL lets readers in while a turn is saved
    with store.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA secure_delete").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"


async def test_a_turn_that_erased_the_data_leaves_nothing_and_writes_nothing(store, path):
    first = tracker(ActionExecuted("action_listen", timestamp=1), said(f"I am {NAME}", 2),
                    BotUttered("hello", timestamp=3))
    await store.save(first)
    assert len(rows(path)) == 3
    erased = tracker(*first.events, said("delete my data", 4),
                     ActionExecuted("action_erase_data", timestamp=5),
                     BotUttered(data={"custom": {"type": "data_erased"}}, timestamp=5),
                     BotUttered("Done - I've deleted what this conversation stored.", timestamp=5),
                     ActionExecuted("action_listen", timestamp=6))
    await store.save(erased)
    assert rows(path) == []
    assert await store.retrieve("me") is None


async def test_an_erasure_that_failed_keeps_the_conversation_whole(store, path):
    events = [ActionExecuted("action_listen", timestamp=1), said("delete my data", 2),
              ActionExecuted("action_erase_data", timestamp=3),
              BotUttered("Sorry, I couldn't delete your data just now", timestamp=3)]
    await store.save(tracker(*events))
    assert len(rows(path)) == 4


@pytest.mark.parametrize("consent, booking, kept", [   # old events kept
    (True, "HB-2345A", 4), (True, None, 0), (False, "HB-2345A", 0), (None, "HB-2345A", 0)])
async def test_a_new_session_forgets_the_last_one_unless_kept_with_a_booking(store, path, consent,
                                                                            booking, kept):
    old = [ActionExecuted("action_listen", timestamp=1), said(f"I am {NAME}", 2),
           SlotSet("consent", consent, timestamp=3), SlotSet("booking_reference", booking, timestamp=3)]
    await store.save(tracker(*old))
    new = [ActionExecuted("action_session_start", timestamp=100), SessionStarted(timestamp=100),
           ActionExecuted("action_listen", timestamp=101), said("hello again", 102)]
    await store.save(tracker(*old, *new))
    stored = [crypto.decrypt(data) for _, data in rows(path)]
    assert len(stored) == kept + len(new)
    assert any(NAME in data for data in stored) is bool(kept)


async def test_a_session_is_judged_on_its_own_when_the_next_begins(store, path):
    """A consented booking keeps its own session, never a later one without consent."""
    def session(at, *events):
        return [ActionExecuted("action_session_start", timestamp=at), SessionStarted(timestamp=at),
                ActionExecuted("action_listen", timestamp=at), *events]

    first = session(1, said(f"I am {NAME}", 2), SlotSet("consent", True, timestamp=3),
                    SlotSet("booking_reference", "HB-2345A", timestamp=3))
    second = session(10, said("a second self-check, no booking", 11))
    third = session(20, said("hello again", 21))
    await store.save(tracker(*first))
    await store.save(tracker(*first, *second))
    await store.save(tracker(*first, *second, *third))
    stored = [crypto.decrypt(data) for _, data in rows(path)]
    assert any(NAME in data for data in stored)
    assert not any("a second self-check" in data for data in stored)


async def test_a_failure_inside_a_message_is_not_hidden_by_rasas_fail_safe_store(tmp_path):
    broken = tmp_path / "a-folder"
    broken.mkdir()
    store = PrivateSQLTrackerStore(domain=DOMAIN, dialect="sqlite", db=str(tmp_path / "t.db"))
    store.engine.dispose()
    (tmp_path / "t.db").unlink()
    (tmp_path / "t.db").mkdir()      # the database file is gone: every query fails
    fail_safe = FailSafeTrackerStore(store)

    async def handle(message):
        await fail_safe.get_or_create_tracker("me")

    reply = await delivery.deliver(handle, _message("my temples ache"))
    assert reply == [delivery.service_notice.SERVICE_PROBLEM]
    # Outside a person's message (the HTTP API) Rasa's own fail-safe still applies.
    assert await fail_safe.retrieve("me") is None


def _message(text):
    from rasa.core.channels.channel import CollectingOutputChannel, UserMessage

    return UserMessage(text, CollectingOutputChannel(), "me")


# The kept conversations (a per-process cache): reading from them is reading every row.

def _turn(n, at, *more):
    return [said(f"turn {n}", at), SlotSet("consent", n % 2 == 0, timestamp=at),
            BotUttered(f"reply {n}", timestamp=at), *more,
            ActionExecuted("action_listen", timestamp=at)]


def _state(tracker):
    return tracker and tracker.current_state(EventVerbosity.ALL)


@pytest.fixture
def uncached(path):
    return PrivateSQLTrackerStore(domain=DOMAIN, dialect="sqlite", db=str(path), cache_size=0)


async def test_reading_from_kept_events_is_reading_every_row(store, uncached):
    for n in range(1, 8):
        loaded = await store.retrieve("me")
        new = [ActionExecuted("action_listen", timestamp=1)] if loaded is None else []
        if n == 4:   # a new session (kept with a booking: the old one stays in the table)
            new += [ActionExecuted("action_session_start", timestamp=35),
                    SessionStarted(timestamp=35), SlotSet("consent", True, timestamp=35),
                    SlotSet("booking_reference", "HB-2345A", timestamp=35),
                    ActionExecuted("action_listen", timestamp=35)]
        # the turn goes on from what was read, as the Rasa server does
        await store.save(tracker(*_flat(loaded), *new, *_turn(n, 10 * n)))
        assert _state(await store.retrieve("me")) == _state(await uncached.retrieve("me"))
    assert len(store._cache) == 1
    assert (await store.retrieve("me")).events[1] == SessionStarted(timestamp=35)


def _flat(tracker):
    return list(tracker.events) if tracker else []


async def test_only_the_rows_added_since_are_decrypted(path, monkeypatch):
    monkeypatch.delenv(CACHE_CHECK_SETTING, raising=False)   # which reads every row too
    store = PrivateSQLTrackerStore(domain=DOMAIN, dialect="sqlite", db=str(path))
    await store.save(tracker(*_turn(1, 1), *_turn(2, 2)))
    await store.retrieve("me")
    decrypted = []
    real = crypto.decrypt
    monkeypatch.setattr(crypto, "decrypt", lambda value: decrypted.append(1) or real(value))
    loaded = await store.retrieve("me")
    assert decrypted == []
    await store.save(tracker(*loaded.events, *_turn(3, 3)))
    assert len((await store.retrieve("me")).events) == 12
    assert len(decrypted) == 4


async def test_another_servers_turn_is_read_from_the_database(path, store, uncached):
    other = PrivateSQLTrackerStore(domain=DOMAIN, dialect="sqlite", db=str(path))
    await store.save(tracker(*_turn(1, 1)))
    await store.retrieve("me")
    await other.save(tracker(*(await other.retrieve("me")).events, *_turn(2, 2)))
    assert _state(await store.retrieve("me")) == _state(await uncached.retrieve("me"))
    assert (await store.retrieve("me")).latest_message.text == "turn 2"


async def test_a_conversation_erased_elsewhere_and_begun_again_is_not_read_from_memory(
        path, store, uncached):
    engine = create_engine(f"sqlite:///{path}")

    def erase_elsewhere():   # as bot.storage.records erases, from the action server
        with engine.begin() as connection:
            connection.execute(text("DELETE FROM events WHERE sender_id = 'me'"))

    await store.save(tracker(*_turn(1, 1), *_turn(2, 2)))
    await store.retrieve("me")
    erase_elsewhere()
    assert await store.retrieve("me") is None
    await uncached.save(tracker(*_turn(1, 3)))
    assert (await store.retrieve("me")).latest_message.text == "turn 1"
    erase_elsewhere()
    await uncached.save(tracker(said("someone else", 5), *_turn(9, 6)[1:]))
    # SQLite gave the same row ids again: the timestamps tell the rows apart
    assert [row[0] for row in store._cache._kept["me"].rows] == [1, 2, 3, 4]
    with engine.connect() as connection:
        assert [i for (i,) in connection.execute(text("SELECT id FROM events"))] == [1, 2, 3, 4]
    loaded = await store.retrieve("me")
    assert loaded.latest_message.text == "someone else"
    assert _state(loaded) == _state(await uncached.retrieve("me"))


async def test_an_erasure_drops_the_kept_conversation_at_once(store):
    first = tracker(ActionExecuted("action_listen", timestamp=1), said(f"I am {NAME}", 2))
    await store.save(first)
    await store.retrieve("me")
    assert len(store._cache) == 1
    await store.save(tracker(*first.events, said("delete my data", 4),
                             ActionExecuted("action_erase_data", timestamp=5),
                             BotUttered(data={"custom": {"type": "data_erased"}}, timestamp=5)))
    assert len(store._cache) == 0
    assert await store.retrieve("me") is None


async def test_the_kept_conversations_are_bounded_and_the_least_recent_go_first(path):
    store = PrivateSQLTrackerStore(domain=DOMAIN, dialect="sqlite", db=str(path), cache_size=2)
    for sender in ("a", "b", "c"):
        await store.save(tracker(*_turn(1, 1), sender=sender))
    for sender in ("a", "b", "a", "c"):
        await store.retrieve(sender)
    assert list(store._cache._kept) == ["a", "c"]


async def test_the_kept_conversations_unused_for_an_hour_go(store, monkeypatch):
    await store.save(tracker(*_turn(1, 1)))
    await store.retrieve("me")
    later = time.monotonic() + CACHE_IDLE_SECONDS + 1
    monkeypatch.setattr(time, "monotonic", lambda: later)
    assert store._cache.get("me") is None


async def test_the_check_setting_catches_a_kept_event_changed_in_memory(path, monkeypatch):
    monkeypatch.setenv(CACHE_CHECK_SETTING, "1")
    store = PrivateSQLTrackerStore(domain=DOMAIN, dialect="sqlite", db=str(path))
    await store.save(tracker(*_turn(1, 1)))
    loaded = await store.retrieve("me")
    loaded.events[0].text = "changed in memory"
    with pytest.raises(AssertionError):
        await store.retrieve("me")


async def test_a_database_file_moved_away_fails_the_next_read_though_connections_are_kept(
        store, path):
    await store.save(tracker(*_turn(1, 1)))
    assert (await store.retrieve("me")).latest_message.text == "turn 1"
    for suffix in ("", "-wal", "-shm"):
        part = path.with_name(path.name + suffix)
        if part.exists():
            part.rename(f"{part}.away")
    path.mkdir()      # as tests/e2e/test_faults.py takes the database away
    with pytest.raises(Exception):
        await store.retrieve("me")
    with pytest.raises(Exception):
        await store.save(tracker(*_turn(1, 1), *_turn(2, 2)))
    path.rmdir()
    for suffix in ("", "-wal", "-shm"):
        away = path.with_name(path.name + suffix + ".away")
        if away.exists():
            away.rename(path.with_name(path.name + suffix))
    assert (await store.retrieve("me")).latest_message.text == "turn 1"
    assert store.engine.pool.__class__.__name__ == "QueuePool"


# The latest session's rows, asked with statements built once: what Rasa's ORM query asks.

async def test_the_statements_built_once_select_and_count_what_rasas_query_does(store):
    import itertools

    from rasa.core.tracker_store import SQLTrackerStore

    start = [ActionExecuted("action_session_start", timestamp=5), SessionStarted(timestamp=5)]
    conversations = {
        "no session start": [ActionExecuted("action_listen", timestamp=1), said("hi", 2)],
        "one session": [*start, *_turn(1, 6), *_turn(2, 7)],
        "two sessions": [*start, *_turn(1, 6), SlotSet("consent", True, timestamp=8),   # kept:
                         SlotSet("booking_reference", "HB-2345A", timestamp=8),    # booked
                         ActionExecuted("action_session_start", timestamp=9),
                         SessionStarted(timestamp=9), *_turn(2, 9), *_turn(3, 12)],
        "the same timestamp": [*_turn(1, 3), SessionStarted(timestamp=3), *_turn(2, 3)],
        "a start after later events": [*_turn(1, 20), SessionStarted(timestamp=10),
                                        *_turn(2, 4)],
        "": [said("empty id", 1)],
        "never saved": [],
    }
    for sender, events in conversations.items():
        if events:
            await store.save(tracker(*events, sender=sender))

    for sender, events in conversations.items():
        with store.session_scope() as session:
            rasa_query = SQLTrackerStore._event_query(store, session, sender, False)
            expected = [(r.id, r.timestamp, r.data) for r in rasa_query.all()]
            assert [tuple(r) for r in session.execute(store._queries.rows,
                                                      {"sender_id": sender}).all()] == expected
            for after in itertools.chain([-1, 0], (r[0] for r in expected)):
                assert [tuple(r) for r in session.execute(
                    store._queries.rows_after, {"sender_id": sender, "after": after}).all()] == \
                    [(i, t, d if i > after else None) for i, t, d in expected]
            count = rasa_query.count()
            assert count == len(expected)
            longer = tracker(*events, said("one more", 99), sender=sender)
            assert list(store._additional_events(session, longer)) == \
                list(SQLTrackerStore._additional_events(store, session, longer))
            assert len(list(store._additional_events(session, longer))) == len(events) + 1 - count
    with store.session_scope() as session:    # the latest session is not always all of it
        assert any(len(SQLTrackerStore._event_query(store, session, s, False).all()) !=
                   len(SQLTrackerStore._event_query(store, session, s, True).all())
                   for s in conversations)


async def test_a_loaded_tracker_s_applied_events_are_rasa_s_when_handed_from_the_last_load(
        store, uncached, monkeypatch):
    from rasa.shared.core.events import ActionReverted, ActiveLoop, UserUtteranceReverted

    from bot import rasa_speedups

    original = DialogueStateTracker.__dict__["applied_events"]
    if getattr(original, "headache_speedup", False):
        original = rasa_speedups._rasa_applied_events
    monkeypatch.setattr(rasa_speedups, "_rasa_applied_events", original)
    monkeypatch.setattr(DialogueStateTracker, "applied_events", rasa_speedups._applied_events)
    extra = {2: [ActionExecuted("a_form", timestamp=20), ActiveLoop("a_form", timestamp=20)],
             3: [ActionExecuted("a_form", timestamp=30)],
             4: [ActionExecuted("utter_x", timestamp=40), ActionReverted(timestamp=40)],
             5: [said("oops", 50), UserUtteranceReverted(timestamp=50)],
             6: [ActionExecuted("a_form", timestamp=60), ActiveLoop(None, timestamp=60)]}
    for n in range(1, 9):
        loaded = await store.retrieve("me")
        if loaded is not None:
            assert loaded.applied_events() == original(loaded) == \
                original(await uncached.retrieve("me"))
            assert store._cache.get("me").applied is not None
        new = [ActionExecuted("action_listen", timestamp=1)] if loaded is None else []
        await store.save(tracker(*_flat(loaded), *new, *_turn(n, 10 * n, *extra.get(n, []))))
    monkeypatch.setattr(DialogueStateTracker, "applied_events", original)
    assert (await uncached.retrieve("me")) is not None
    store._cache.drop("me")
    await store.retrieve("me")
    assert store._cache.get("me").applied is None      # no speed-up: nothing computed or kept
