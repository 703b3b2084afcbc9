"""The same guarantees on PostgreSQL, against the real servers: erasure really
erases, event data is encrypted, the password is in no file, and a database
that goes away is said plainly (with the emergency advice) without
restarting the conversation."""
from __future__ import annotations

import uuid

import pytest
from sqlalchemy import create_engine, text

from bot import service_notice
from bot.storage import crypto
from scripts import serve
from tests import ports, postgres
from tests.e2e.test_interruptions import ANSWERS, Bot

NAME = "Zebulon Quartermaine"
EMERGENCY_MESSAGE = "my face has gone numb on one side and my speech is slurred"


@pytest.fixture(scope="module")
def pg():
    with postgres.throwaway(ports.other(ports.POSTGRES)) as server:
        yield server


@pytest.fixture(scope="module")
def bot(pg):
    with serve.running(rasa_port=ports.rasa(ports.POSTGRES_SERVERS),
                       action_port=ports.action(ports.POSTGRES_SERVERS),
                       extra_env={"HEADACHE_DATABASE_URL": pg.url}) as url:
        yield Bot(url)


def rows(pg, sql: str, **params) -> list:
    engine = create_engine(pg.url, future=True)
    try:
        with engine.connect() as connection:
            return connection.execute(text(sql), params).all()
    finally:
        engine.dispose()


def walk(bot: Bot, sender: str, stop_at: str) -> None:
    bot.say(sender, f"hello, I'm {NAME} and I get headaches")
    for _ in range(40):
        slot = bot.requested(sender)
        if slot == stop_at:
            return
        bot.say(sender, ANSWERS.get(slot, "no"))
    pytest.fail(f"{stop_at} was never asked")


def test_the_password_is_in_no_file(bot, pg):
    endpoints = serve.VAR / f"endpoints-{ports.rasa(ports.POSTGRES_SERVERS)}.yml"
    assert postgres.PASSWORD not in endpoints.read_text()
    for path in (serve.VAR / "log").iterdir():
        assert postgres.PASSWORD.encode() not in path.read_bytes(), path.name


def test_delete_my_data_really_erases_on_postgresql(bot, pg):
    sender = f"pg-erase-{uuid.uuid4().hex[:6]}"
    walk(bot, sender, "booking_confirmed")
    bot.say(sender, "yes")
    events = rows(pg, "SELECT data FROM events WHERE sender_id = :s", s=sender)
    assert events and all(crypto.is_encrypted(data) for (data,) in events)
    assert any(NAME in crypto.decrypt(data) for (data,) in events)
    assert rows(pg, "SELECT id FROM booking_requests WHERE conversation_id = :s", s=sender)
    reply = bot.say(sender, "delete my data")
    assert any("deleted" in (m.get("text") or "") for m in reply)
    for table, column in (("events", "sender_id"), ("assessments", "conversation_id"),
                          ("booking_requests", "conversation_id")):
        assert rows(pg, f"SELECT 1 FROM {table} WHERE {column} = :s", s=sender) == [], table
    bot.say(sender, "thanks")
    assert not any(NAME in crypto.decrypt(data) for (data,) in
                   rows(pg, "SELECT data FROM events WHERE sender_id = :s", s=sender))


def test_postgresql_down_is_said_plainly_and_the_conversation_survives(bot, pg):
    sender = f"pg-down-{uuid.uuid4().hex[:6]}"
    walk(bot, sender, "duration")
    pg.stop()
    try:
        reply = [m.get("text") for m in bot.say(sender, EMERGENCY_MESSAGE)]
        assert "999" in reply[0] and reply[-1] == service_notice.SERVICE_PROBLEM, reply
        assert [m.get("text") for m in bot.say(sender, "a few hours")] == [
            service_notice.SERVICE_PROBLEM]
    finally:
        pg.start()
    assert bot.requested(sender) == "duration"
    bot.say(sender, "a few hours")
    assert bot.requested(sender) == "history"
