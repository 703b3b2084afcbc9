"""Storage of assessments and booking requests (bot.storage).

Each test runs on its own SQLite file, created by the Alembic migrations.
Set HEADACHE_TEST_POSTGRES_URL to also run the round trip on PostgreSQL.
"""
import logging
import os
import re
import uuid
from dataclasses import asdict

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, text

from bot.assessment import Assessment, ContributingFactor, Facts, RedFlag
from bot.storage import db, records
from bot.storage.models import Base
from bot.storage.records import (bookings_for, erase_conversation, latest_assessment,
                                 save_assessment, save_booking)

REFERENCE = re.compile(r"^HB-[23456789ABCDEFGHJKLMNPQRSTUVWXYZ]{5}$")


@pytest.fixture
def url(tmp_path):
    database = f"sqlite:///{tmp_path / 'headache.db'}"
    db.migrate(database)
    return database


def jaw_tension_assessment(triage="self_care"):
    return Assessment(
        triage=triage, red_flags=(),
        factors=(ContributingFactor(
            id="jaw_tension", label="Jaw muscle tension", muscles=("temporalis", "masseter"),
            because=("location: temples", "trigger: clenching"), sources=("TRAVELL-SIMONS",)),),
        advice="Rest your jaw.", suggested_service="nmt", rule_ids=("jaw_tension",),
    ).as_payload()


def thunderclap_assessment():
    return Assessment(
        triage="emergency",
        red_flags=(RedFlag(id="thunderclap", level="emergency", evidence="worst pain of my life",
                           sources=("SNNOOP10", "NICE-CG150")),),
        factors=(), advice="Call an ambulance.", suggested_service=None,
        rule_ids=("thunderclap",),
    ).as_payload()


ANSWERS = {"facts": asdict(Facts(regions=("temples",), severity=4, triggers=("clenching",))),
           "yes_no": {"fever": False, "stiff_neck": False}}


def book(url, conversation="c1", **overrides):
    booking = {"service": "nmt", "name": "Ada Lovelace", "phone": "+441632960001",
               "email": "ada@example.org", "preferred_time": "Tuesday morning"}
    booking.update(overrides)
    return save_booking(conversation, url=url, **booking)


def count_rows(url, table):
    with db.session_scope(url) as session:
        return session.execute(text(f"SELECT COUNT(*) FROM {table}")).scalar_one()


# Schema

def test_migration_creates_both_tables_with_their_indexes(url):
    inspector = inspect(db.engine(url))
    assert {"assessments", "booking_requests"} <= set(inspector.get_table_names())
    assert {i["name"] for i in inspector.get_indexes("assessments")} == {
        "ix_assessments_conversation_id"}
    assert "ix_booking_requests_conversation_id" in {
        i["name"] for i in inspector.get_indexes("booking_requests")}
    unique = inspector.get_unique_constraints("booking_requests")
    assert sorted(c["column_names"] for c in unique) == [["reference"], ["request_key"]]
    foreign_keys = inspector.get_foreign_keys("booking_requests")
    assert [(f["constrained_columns"], f["referred_table"]) for f in foreign_keys] == [
        (["assessment_id"], "assessments")]


def test_migration_matches_the_models(url):
    with db.engine(url).connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert differences == []


def test_downgrade_removes_the_tables_and_upgrade_restores_them(url):
    command.downgrade(db.alembic_config(url), "base")
    assert set(inspect(db.engine(url)).get_table_names()) <= {"alembic_version"}
    db.migrate(url)
    assert save_assessment("c1", jaw_tension_assessment(), ANSWERS, True, url=url) > 0


def test_migrate_works_from_any_working_directory(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    database = f"sqlite:///{tmp_path / 'elsewhere.db'}"
    db.migrate(database)
    assert "assessments" in inspect(db.engine(database)).get_table_names()


def test_the_url_setting_is_used_when_no_url_is_given(tmp_path, monkeypatch):
    database = f"sqlite:///{tmp_path / 'from-setting.db'}"
    monkeypatch.setenv("HEADACHE_DATABASE_URL", database)
    db.migrate()
    save_assessment("c1", jaw_tension_assessment(), ANSWERS, True)
    assert latest_assessment("c1", url=database)["triage"] == "self_care"


def test_default_database_is_a_file_under_var(monkeypatch):
    monkeypatch.delenv("HEADACHE_DATABASE_URL", raising=False)
    assert db.database_url() == f"sqlite:///{db.REPO / 'var' / 'headache.db'}"


def test_sqlite_runs_with_wal_foreign_keys_and_a_busy_timeout(tmp_path):
    database = f"sqlite:///{tmp_path / 'new-dir' / 'headache.db'}"
    with db.engine(database).connect() as connection:
        pragma = lambda name: connection.execute(text(f"PRAGMA {name}")).scalar()  # noqa: E731
        assert pragma("journal_mode") == "wal"
        assert pragma("foreign_keys") == 1
        assert pragma("busy_timeout") == db.BUSY_TIMEOUT_MS
    assert (tmp_path / "new-dir").is_dir()


# Assessments

def test_an_assessment_reads_back_as_it_was_saved(url):
    payload = jaw_tension_assessment()
    assessment_id = save_assessment("c1", payload, ANSWERS, True, url=url)
    stored = latest_assessment("c1", url=url)
    assert stored["id"] == assessment_id
    assert stored["conversation_id"] == "c1"
    assert stored["triage"] == "self_care"
    assert stored["factors"] == payload["factors"]
    assert stored["red_flags"] == []
    assert stored["rule_ids"] == ["jaw_tension"]
    assert stored["suggested_service"] == "nmt"
    assert stored["answers"]["facts"]["regions"] == ["temples"]
    assert stored["answers"]["yes_no"] == {"fever": False, "stiff_neck": False}
    assert stored["consented"] is True
    assert stored["created_at"].endswith("+00:00")


def test_the_latest_assessment_is_the_newest_of_that_conversation(url):
    save_assessment("c1", jaw_tension_assessment(), ANSWERS, True, url=url)
    newest = save_assessment("c1", thunderclap_assessment(), ANSWERS, True, url=url)
    save_assessment("c2", jaw_tension_assessment(), ANSWERS, True, url=url)
    assert latest_assessment("c1", url=url)["id"] == newest
    assert latest_assessment("c1", url=url)["red_flags"][0]["id"] == "thunderclap"
    assert latest_assessment("nobody", url=url) is None


def test_saving_the_same_assessment_twice_keeps_one_row(url):
    first = save_assessment("c1", jaw_tension_assessment(), ANSWERS, True, url=url)
    again = save_assessment("c1", jaw_tension_assessment(), ANSWERS, True, url=url)
    assert again == first
    assert count_rows(url, "assessments") == 1


@pytest.mark.parametrize("change", [
    {"payload": thunderclap_assessment()},
    {"answers": {**ANSWERS, "yes_no": {"fever": True, "stiff_neck": False}}},
    {"consented": False},
], ids=["different triage", "different answers", "different consent"])
def test_a_changed_assessment_is_stored_as_a_new_one(url, change):
    first = save_assessment("c1", jaw_tension_assessment(), ANSWERS, True, url=url)
    second = save_assessment("c1", change.get("payload", jaw_tension_assessment()),
                             change.get("answers", ANSWERS), change.get("consented", True),
                             url=url)
    assert second != first
    assert count_rows(url, "assessments") == 2


def test_an_unknown_triage_level_is_refused(url):
    with pytest.raises(ValueError):
        save_assessment("c1", {**jaw_tension_assessment(), "triage": "fine"}, ANSWERS, True,
                        url=url)


# Booking requests

def test_a_booking_returns_the_contract_payload(url):
    booking = book(url)
    assert set(booking) == {"reference", "service", "preferred_time", "status"}
    assert REFERENCE.match(booking["reference"])
    assert booking["service"] == "nmt"
    assert booking["preferred_time"] == "Tuesday morning"
    assert booking["status"] == "requested"


def test_booking_references_are_unique(url):
    references = {book(url, conversation=f"c{i}")["reference"] for i in range(40)}
    assert len(references) == 40
    assert all(REFERENCE.match(r) for r in references)


def test_a_taken_reference_is_drawn_again(url, monkeypatch):
    drawn = iter(["HB-7K2QX", "HB-7K2QX", "HB-7K2QX", "HB-9ZZ3A"])
    monkeypatch.setattr(records, "new_reference", lambda: next(drawn))
    assert book(url, conversation="c1")["reference"] == "HB-7K2QX"
    assert book(url, conversation="c2")["reference"] == "HB-9ZZ3A"


def test_a_resent_booking_call_returns_the_stored_booking_and_stores_no_second(url):
    # An action server killed after storing: the same call reaches another one.
    key = records.request_key("c1", "message-7", 42)
    first = book(url, request_key=key)
    assert book(url, request_key=key) == first
    assert count_rows(url, "booking_requests") == 1


def test_another_call_with_the_same_details_is_another_booking(url):
    first = book(url, request_key=records.request_key("c1", "message-7", 42))
    second = book(url, request_key=records.request_key("c1", "message-9", 57))
    assert first["reference"] != second["reference"]
    assert count_rows(url, "booking_requests") == 2


def test_a_resent_call_that_loses_the_race_returns_the_first_calls_booking(url, monkeypatch):
    # Both calls looked for the key before either stored: the second insert
    # breaks the key's uniqueness and then finds the first call's booking.
    key = records.request_key("c1", "message-7", 42)
    first = book(url, request_key=key)
    looked = []
    found = records._stored_for_key

    def not_yet_on_the_first_look(session, k):
        looked.append(k)
        return None if len(looked) == 1 else found(session, k)

    monkeypatch.setattr(records, "_stored_for_key", not_yet_on_the_first_look)
    assert book(url, request_key=key) == first
    assert count_rows(url, "booking_requests") == 1 and len(looked) == 2


@pytest.mark.parametrize("other", [("c2", "m", 3), ("c1", "n", 3), ("c1", "m", 4),
                                   ("c1", None, 3)])
def test_a_request_key_names_one_call_and_nothing_personal(other):
    key = records.request_key("+441632960001", "m", 3)
    assert key == records.request_key("+441632960001", "m", 3)
    assert key != records.request_key(*other) and re.fullmatch(r"[0-9a-f]{64}", key)


def test_a_booking_stores_and_links_the_answers_kept_with_it_and_no_others(url):
    earlier = save_assessment("c1", thunderclap_assessment(), ANSWERS, True, url=url)
    book(url, conversation="c1", kept_answers={"payload": jaw_tension_assessment(), "answers": ANSWERS})
    [linked] = [b["assessment_id"] for b in bookings_for("c1", url=url)]
    assert linked != earlier
    assert latest_assessment("c1", url=url)["id"] == linked
    assert latest_assessment("c1", url=url)["factors"][0]["id"] == "jaw_tension"
    # without the person's agreement, an assessment stored before is not linked either
    save_assessment("c2", jaw_tension_assessment(), ANSWERS, True, url=url)
    book(url, conversation="c2")
    assert [b["assessment_id"] for b in bookings_for("c2", url=url)] == [None]


def test_assessed_again_after_a_booking_the_booking_links_the_latest_assessment(url):
    first = book(url, conversation="c1", kept_answers={"payload": jaw_tension_assessment(), "answers": ANSWERS})
    other = book(url, conversation="c2", kept_answers={"payload": jaw_tension_assessment(), "answers": ANSWERS})
    again = save_assessment("c1", thunderclap_assessment(), ANSWERS, True, url=url,
                            for_booking=first["reference"])
    assert [b["assessment_id"] for b in bookings_for("c1", url=url)] == [again]
    # only that conversation's booking: a reference of another conversation is left alone
    save_assessment("c1", jaw_tension_assessment(), {}, True, url=url, for_booking=other["reference"])
    assert [b["assessment_id"] for b in bookings_for("c1", url=url)] == [again]
    assert bookings_for("c2", url=url)[0]["assessment_id"] != again


def test_a_booking_that_fails_keeps_no_answers_either(url):
    with pytest.raises(ValueError):
        book(url, conversation="c4", phone="not a number", kept_answers={"payload": jaw_tension_assessment(), "answers": ANSWERS})
    assert latest_assessment("c4", url=url) is None


def test_bookings_for_lists_only_that_conversation(url):
    first = book(url, conversation="c1")
    second = book(url, conversation="c1", service="smrt", phone=None)
    book(url, conversation="c2")
    listed = bookings_for("c1", url=url)
    assert [b["reference"] for b in listed] == [first["reference"], second["reference"]]
    assert listed[1]["service"] == "smrt" and listed[1]["phone"] is None
    assert listed[0]["name"] == "Ada Lovelace" and listed[0]["email"] == "ada@example.org"


@pytest.mark.parametrize("field, value", [
    ("service", "massage"),
    ("name", "  "),
    ("phone", "07700 900123"),
    ("phone", "+0441632960001"),
    ("email", "ada at example"),
])
def test_an_invalid_booking_is_refused_without_echoing_the_value(url, field, value):
    with pytest.raises(ValueError) as refused:
        book(url, **{field: value})
    assert value.strip() == "" or value not in str(refused.value)
    assert count_rows(url, "booking_requests") == 0


def test_a_kiosk_booking_with_details_given_at_reception_needs_no_name_or_contact(url):
    stored = book(url, name=None, phone=None, email=None)
    assert stored["reference"].startswith("HB-")
    listed = bookings_for("c1", url=url)
    assert listed[0]["name"] is None and listed[0]["phone"] is None and listed[0]["email"] is None


# Right to be forgotten

def test_erasing_a_conversation_removes_all_of_it_and_nothing_else(url):
    save_assessment("c1", jaw_tension_assessment(), ANSWERS, True, url=url)
    save_assessment("c1", thunderclap_assessment(), ANSWERS, True, url=url)
    book(url, conversation="c1", name="Zebulon Quartermaine")
    kept_assessment = save_assessment("c2", jaw_tension_assessment(), ANSWERS, True, url=url)
    kept_booking = book(url, conversation="c2")

    assert erase_conversation("c1", url=url) == 3

    assert latest_assessment("c1", url=url) is None
    assert bookings_for("c1", url=url) == []
    assert latest_assessment("c2", url=url)["id"] == kept_assessment
    assert [b["reference"] for b in bookings_for("c2", url=url)] == [kept_booking["reference"]]
    assert erase_conversation("c1", url=url) == 0


def test_erased_personal_data_is_not_left_in_the_database_files(url, tmp_path):
    book(url, conversation="c1", name="Zebulon Quartermaine")
    erase_conversation("c1", url=url)
    for path in tmp_path.glob("headache.db*"):
        assert b"Zebulon Quartermaine" not in path.read_bytes(), path.name


def test_log_messages_carry_no_personal_data(url, caplog):
    caplog.set_level(logging.DEBUG, logger="bot")
    conversation = "+441632960099"  # SMS sender ids are phone numbers
    save_assessment(conversation, jaw_tension_assessment(), ANSWERS, True, url=url)
    book(url, conversation=conversation, preferred_time="after my shift at the bakery")
    erase_conversation(conversation, url=url)
    assert caplog.records, "storage should log what it did"
    for secret in (conversation, "Ada", "Lovelace", "+441632960001", "ada@example.org",
                   "bakery"):
        assert secret not in caplog.text


# PostgreSQL

@pytest.mark.skipif(not os.environ.get("HEADACHE_TEST_POSTGRES_URL"),
                    reason="set HEADACHE_TEST_POSTGRES_URL to test on PostgreSQL")
def test_the_same_storage_works_on_postgresql():
    database = os.environ["HEADACHE_TEST_POSTGRES_URL"]
    db.migrate(database)
    conversation = f"test-{uuid.uuid4()}"
    try:
        assessment_id = save_assessment(conversation, jaw_tension_assessment(), ANSWERS, True,
                                        url=database)
        assert save_assessment(conversation, jaw_tension_assessment(), ANSWERS, True,
                               url=database) == assessment_id
        booking = book(database, conversation=conversation,
                       kept_answers={"payload": jaw_tension_assessment(), "answers": ANSWERS})   # the same: not again
        assert REFERENCE.match(booking["reference"])
        assert bookings_for(conversation, url=database)[0]["assessment_id"] == assessment_id
        assert latest_assessment(conversation, url=database)["factors"][0]["id"] == "jaw_tension"
    finally:
        assert erase_conversation(conversation, url=database) == 2


def test_erase_also_removes_rasas_copy_of_the_conversation(tmp_path):
    from sqlalchemy import text as sql

    from bot.storage import db, records

    url = f"sqlite:///{tmp_path / 'shared.db'}"
    db.migrate(url)
    with db.session_scope(url) as session:  # the table Rasa's SQL tracker store creates
        session.execute(sql("CREATE TABLE events (id INTEGER PRIMARY KEY, sender_id TEXT, data TEXT)"))
        session.execute(sql("INSERT INTO events (sender_id, data) VALUES ('a', 'my words'), ('b', 'x')"))
    records.erase_conversation("a", url=url)
    with db.session_scope(url) as session:
        left = session.execute(sql("SELECT sender_id FROM events")).scalars().all()
    assert left == ["b"]
