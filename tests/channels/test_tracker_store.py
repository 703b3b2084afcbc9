"""The tracker store (channels/tracker_store.py): event data encrypted at rest,
"delete my data" honoured when the turn is saved, nothing of an unconsented
session kept once a new one starts, and failures never hidden."""
from __future__ import annotations

import pytest
from rasa.core.tracker_store import FailSafeTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (ActionExecuted, BotUttered, SessionStarted, SlotSet,
                                     UserUttered)
from rasa.shared.core.trackers import DialogueStateTracker
from sqlalchemy import create_engine, text

from bot.storage import crypto
from channels import delivery
from channels.tracker_store import PrivateSQLTrackerStore

DOMAIN = Domain.from_yaml("""
version: "3.1"
slots:
  consent:
    type: bool
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


@pytest.mark.parametrize("consent, kept", [(True, 3), (False, 0), (None, 0)])   # old events kept
async def test_a_new_session_forgets_the_last_one_unless_the_person_agreed(store, path, consent,
                                                                          kept):
    old = [ActionExecuted("action_listen", timestamp=1), said(f"I am {NAME}", 2)]
    if consent is not None:
        old.append(SlotSet("consent", consent, timestamp=3))
    await store.save(tracker(*old))
    new = [ActionExecuted("action_session_start", timestamp=100), SessionStarted(timestamp=100),
           ActionExecuted("action_listen", timestamp=101), said("hello again", 102)]
    await store.save(tracker(*old, *new))
    stored = [crypto.decrypt(data) for _, data in rows(path)]
    assert len(stored) == kept + len(new)
    assert any(NAME in data for data in stored) is bool(consent)


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
