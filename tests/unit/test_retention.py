"""What is kept, and for how long (bot.storage.retention): the clinic's
retention period, and nothing of a conversation once its session is over unless
its answers are kept with a booking. Every rule is checked at an explicit `now`."""
from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import text

from bot.storage import crypto, db, retention
from bot.storage.records import bookings_for, save_assessment, save_booking
from tests.unit.test_storage import ANSWERS, thunderclap_assessment

NOW = datetime(2026, 6, 1, tzinfo=timezone.utc)


@pytest.fixture
def url(tmp_path):
    database = f"sqlite:///{tmp_path / 'headache.db'}"
    db.migrate(database)
    with db.session_scope(database) as session:   # the table Rasa's SQL tracker store creates
        session.execute(text("CREATE TABLE events (id INTEGER PRIMARY KEY, sender_id TEXT, "
                             "type_name TEXT, timestamp FLOAT, intent_name TEXT, "
                             "action_name TEXT, data TEXT)"))
    return database


def event(url, sender, when, type_name="user", name=None, data=None):
    with db.session_scope(url) as session:
        session.execute(text(
            "INSERT INTO events (sender_id, type_name, timestamp, action_name, data) "
            "VALUES (:s, :t, :w, :n, :d)"),
            {"s": sender, "t": type_name, "w": when.timestamp(), "n": name,
             "d": crypto.encrypt(json.dumps(data or {"event": type_name, "text": "my words"}))})


def senders(url):
    with db.session_scope(url) as session:
        return set(session.execute(text("SELECT DISTINCT sender_id FROM events")).scalars())


def rows(url, table):
    with db.session_scope(url) as session:
        return session.execute(text(f"SELECT * FROM {table}")).mappings().all()


def test_after_the_retention_period_assessments_are_anonymised_and_bookings_deleted(url):
    save_assessment("old", thunderclap_assessment(), ANSWERS, True, url=url)
    save_booking("old", "nmt", "Ada Lovelace", "+441632960001", None, "Monday", url=url)
    later = datetime.now(timezone.utc) + timedelta(days=91)
    swept = retention.run(now=later, url=url)
    assert swept.assessments_anonymised == 1 and swept.bookings_deleted == 1
    [assessment] = rows(url, "assessments")
    assert assessment["conversation_id"] == retention.ANONYMOUS
    assert assessment["triage"] == "emergency"                  # statistics stay
    assert json.loads(crypto.decrypt(assessment["answers"])) == {}
    assert json.loads(crypto.decrypt(assessment["red_flags"])) == []  # the person's words go
    assert bookings_for("old", url=url) == []


def test_nothing_goes_before_the_retention_period(url):
    save_assessment("recent", thunderclap_assessment(), ANSWERS, True, url=url)
    save_booking("recent", "nmt", "Ada Lovelace", "+441632960001", None, "Monday", url=url)
    swept = retention.run(now=datetime.now(timezone.utc) + timedelta(days=89), url=url)
    assert swept.assessments_anonymised == 0 and swept.bookings_deleted == 0


def test_the_period_is_configurable(url, monkeypatch):
    save_booking("c", "nmt", "Ada Lovelace", "+441632960001", None, "Monday", url=url)
    monkeypatch.setenv(retention.DAYS_SETTING, "7")
    assert retention.run(now=datetime.now(timezone.utc) + timedelta(days=8),
                         url=url).bookings_deleted == 1


def kept_with_a_booking(url, sender, at, consent=True, booking="HB-2345A"):
    event(url, sender, at, "slot", "consent", {"event": "slot", "name": "consent", "value": consent})
    event(url, sender, at, "slot", "booking_reference",
          {"event": "slot", "name": "booking_reference", "value": booking})


def test_a_conversation_older_than_the_period_is_deleted_even_with_consent(url):
    kept_with_a_booking(url, "consented-long-ago", NOW - timedelta(days=100))
    kept_with_a_booking(url, "recent", NOW - timedelta(days=1))
    retention.run(now=NOW, url=url)
    assert senders(url) == {"recent"}


@pytest.mark.parametrize("consent, booking, kept", [
    (True, "HB-2345A", True),
    (True, None, False),          # agreed, then never booked (stopped, left, the kiosk reset)
    (False, "HB-2345A", False),   # booked without keeping the answers
    (None, "HB-2345A", False),
])
def test_without_consent_and_a_booking_nothing_outlives_the_session(url, consent, booking, kept):
    event(url, "idle", NOW - timedelta(minutes=61))
    kept_with_a_booking(url, "idle", NOW - timedelta(minutes=61), consent, booking)
    retention.run(now=NOW, url=url)
    assert ("idle" in senders(url)) is kept


@pytest.mark.parametrize("values, kept", [
    ([("consent", True), ("booking_reference", "HB-2345A")], True),
    # agreed for a booking, then started over and said no for the next one
    ([("consent", True), ("consent", None), ("consent", False), ("booking_reference", "HB-2345A")], False),
    ([("consent", True), ("booking_reference", "HB-2345A"), ("consent", None),
      ("booking_reference", None)], False),
    ([("consent", True)], False),
])
def test_the_latest_answer_about_keeping_decides(values, kept):
    events = [json.dumps({"event": "slot", "name": name, "value": value}) for name, value in values]
    assert retention.kept_with_a_booking(events) is kept


def test_a_session_still_going_is_left_alone(url):
    event(url, "talking", NOW - timedelta(minutes=5))
    retention.run(now=NOW, url=url)
    assert senders(url) == {"talking"}


def test_handled_sms_ids_are_forgotten_after_two_days(url):
    from bot.storage import sms_messages

    sms_messages.first_time("SM1", url=url)
    assert retention.run(now=datetime.now(timezone.utc) + timedelta(days=1),
                         url=url).sms_ids_deleted == 0
    assert retention.run(now=datetime.now(timezone.utc) + timedelta(days=3),
                         url=url).sms_ids_deleted == 1


def test_the_sweep_logs_counts_only(url, caplog):
    import logging

    caplog.set_level(logging.INFO, logger="bot")
    event(url, "+447700900123", NOW - timedelta(days=100))
    retention.run(now=NOW, url=url)
    assert "retention:" in caplog.text and "+447700900123" not in caplog.text


def test_the_retention_command_applies_the_rules_to_the_configured_database(tmp_path):
    import os
    import subprocess
    import sys

    database = f"sqlite:///{tmp_path / 'command.db'}"
    db.migrate(database)
    save_booking("c", "nmt", "Ada Lovelace", "+441632960001", None, "Monday", url=database)
    result = subprocess.run(
        [sys.executable, "-m", "scripts.retention"], cwd=db.REPO, capture_output=True, text=True,
        env={**os.environ, "HEADACHE_DATABASE_URL": database, retention.DAYS_SETTING: "0"},
        timeout=120)
    assert result.returncode == 0, result.stderr
    assert "bookings deleted: 1" in result.stdout
    assert bookings_for("c", url=database) == []


def test_a_database_error_never_quotes_the_values_it_was_given(url):
    from sqlalchemy.exc import IntegrityError

    with pytest.raises(IntegrityError) as error:
        with db.session_scope(url) as session:
            for _ in range(2):
                session.execute(text("INSERT INTO sms_opt_outs (phone, opted_out_at) "
                                     "VALUES (:p, '2026-01-01')"), {"p": "+447700900123"})
    assert "+447700900123" not in str(error.value)
    assert "hidden due to hide_parameters" in str(error.value)


def test_a_booking_kept_once_keeps_its_own_session_not_the_ones_after_it(url):
    """An SMS number is one conversation for ever: a later self-check without a booking
    goes when idle, the earlier session with its consented booking stays."""
    earlier = NOW - timedelta(days=3)
    event(url, "number", earlier, "session_started")
    event(url, "number", earlier, "user")
    kept_with_a_booking(url, "number", earlier)
    later = NOW - timedelta(minutes=90)
    event(url, "number", later, "session_started")
    event(url, "number", later, "user", data={"event": "user", "text": "a later self-check"})
    retention.run(now=NOW, url=url)
    with db.session_scope(url) as session:
        left = [crypto.decrypt(d) for d in session.execute(text(
            "SELECT data FROM events WHERE sender_id = 'number'")).scalars()]
    assert left and not any("a later self-check" in d for d in left)
    assert any("HB-2345A" in d for d in left)


def test_sessions_older_than_the_period_go_even_when_the_number_kept_texting(url):
    """An SMS number is one conversation for ever, so it is never idle for the whole period:
    its kept sessions that ended before the period still go; those within it stay."""
    old = NOW - timedelta(days=120)
    event(url, "number", old, "session_started")
    event(url, "number", old, "user", data={"event": "user", "text": "an old self-check"})
    kept_with_a_booking(url, "number", old, booking="HB-OLD01")
    recent = NOW - timedelta(days=10)
    event(url, "number", recent, "session_started")
    event(url, "number", recent, "user", data={"event": "user", "text": "a recent self-check"})
    kept_with_a_booking(url, "number", recent, booking="HB-NEW02")
    swept = retention.run(now=NOW, url=url)
    with db.session_scope(url) as session:
        left = [crypto.decrypt(d) for d in session.execute(text(
            "SELECT data FROM events WHERE sender_id = 'number'")).scalars()]
    assert not any("an old self-check" in d or "HB-OLD01" in d for d in left)
    assert any("a recent self-check" in d for d in left) and any("HB-NEW02" in d for d in left)
    assert swept.conversations_expired == 1
    assert retention.run(now=NOW, url=url).conversations_expired == 0   # nothing more to go


def test_a_session_that_began_before_the_period_and_goes_on_within_it_stays_whole(url):
    began = NOW - timedelta(days=91)
    event(url, "number", began, "session_started")
    event(url, "number", began, "user", data={"event": "user", "text": "where it began"})
    kept_with_a_booking(url, "number", NOW - timedelta(days=89))
    retention.run(now=NOW, url=url)
    with db.session_scope(url) as session:
        left = [crypto.decrypt(d) for d in session.execute(text(
            "SELECT data FROM events WHERE sender_id = 'number'")).scalars()]
    assert any("where it began" in d for d in left)


def test_a_new_sessions_metadata_written_before_it_starts_keeps_no_old_session(url):
    """Rasa stores a new session's metadata as a slot a moment before the session starts:
    that slot belongs to the new session, so the old one is still past its time."""
    old = NOW - timedelta(days=120)
    event(url, "number", old, "session_started")
    event(url, "number", old, "user", data={"event": "user", "text": "an old self-check"})
    kept_with_a_booking(url, "number", old, booking="HB-OLD01")
    recent = NOW - timedelta(days=10)
    event(url, "number", recent - timedelta(milliseconds=1), "slot", retention.SESSION_METADATA_SLOT,
          {"event": "slot", "name": retention.SESSION_METADATA_SLOT, "value": {"channel": "rest"}})
    event(url, "number", recent, "session_started")
    event(url, "number", recent, "user", data={"event": "user", "text": "a recent self-check"})
    kept_with_a_booking(url, "number", recent, booking="HB-NEW02")
    retention.run(now=NOW, url=url)
    with db.session_scope(url) as session:
        left = [crypto.decrypt(d) for d in session.execute(text(
            "SELECT data FROM events WHERE sender_id = 'number'")).scalars()]
    assert not any("an old self-check" in d or "HB-OLD01" in d for d in left)
    assert any("a recent self-check" in d for d in left)
