"""Names, contact details, free text and answers are encrypted at rest; SMS
numbers are stored only as keyed pseudonyms; keys can be rotated
(bot.storage.crypto, models, migration 0004, retention.rotate_keys)."""
from __future__ import annotations

import pytest
from cryptography.fernet import Fernet
from sqlalchemy import text

from bot.storage import crypto, db, records, retention, sms_messages, sms_opt_out
from bot.storage.records import bookings_for, latest_assessment, save_assessment, save_booking
from tests.unit.test_storage import ANSWERS, thunderclap_assessment

NAME, PHONE, EMAIL = "Zebulon Quartermaine", "+441632960001", "zeb@example.org"


@pytest.fixture
def keys(monkeypatch):
    first = Fernet.generate_key().decode()
    monkeypatch.setenv(crypto.KEYS_SETTING, first)
    monkeypatch.setenv(crypto.INDEX_KEY_SETTING, "index-key-for-tests")
    return first


@pytest.fixture
def url(tmp_path, keys):
    database = f"sqlite:///{tmp_path / 'headache.db'}"
    db.migrate(database)
    return database


def raw(url, sql):
    with db.session_scope(url) as session:
        return session.execute(text(sql)).mappings().all()


def test_booking_details_are_ciphertext_in_the_table_and_plain_through_storage(url, tmp_path):
    save_booking("c1", "nmt", NAME, PHONE, EMAIL, "after my shift at the bakery", url=url)
    [row] = raw(url, "SELECT name, phone, email, preferred_time FROM booking_requests")
    assert all(crypto.is_encrypted(value) for value in row.values())
    [booking] = bookings_for("c1", url=url)
    assert (booking["name"], booking["phone"], booking["email"]) == (NAME, PHONE, EMAIL)
    for path in tmp_path.glob("headache.db*"):
        content = path.read_bytes()
        for secret in (NAME, PHONE, EMAIL, "bakery"):
            assert secret.encode() not in content, path.name


def test_answers_and_the_persons_own_words_are_ciphertext(url):
    save_assessment("c1", thunderclap_assessment(), ANSWERS, True, url=url)
    [row] = raw(url, "SELECT answers, red_flags, triage FROM assessments")
    assert crypto.is_encrypted(row["answers"]) and crypto.is_encrypted(row["red_flags"])
    assert "worst pain" not in row["red_flags"]
    assert row["triage"] == "emergency"      # not personal: kept readable for statistics
    assert latest_assessment("c1", url=url)["red_flags"][0]["evidence"] == "worst pain of my life"


def test_no_table_holds_an_sms_number(url):
    sms_opt_out.opt_out(PHONE, url=url)
    assert sms_opt_out.is_opted_out(PHONE, url=url)
    [row] = raw(url, "SELECT phone FROM sms_opt_outs")
    assert PHONE not in row["phone"] and PHONE[1:] not in row["phone"]
    assert row["phone"] == crypto.pseudonym("sms", PHONE)


def test_a_pseudonym_is_stable_and_depends_on_the_key(monkeypatch, keys):
    first = crypto.pseudonym("sms", PHONE)
    assert crypto.pseudonym("sms", PHONE) == first
    assert crypto.pseudonym("sms", "+441632960002") != first
    monkeypatch.setenv(crypto.INDEX_KEY_SETTING, "another-key")
    assert crypto.pseudonym("sms", PHONE) != first


def test_a_replayed_sms_id_is_recognised(url):
    assert sms_messages.first_time("SM" + "1" * 32, url=url) is True
    assert sms_messages.first_time("SM" + "1" * 32, url=url) is False
    assert sms_messages.first_time("SM" + "2" * 32, url=url) is True


def test_rotation_re_encrypts_everything_with_the_new_key(url, monkeypatch, keys):
    save_booking("c1", "nmt", NAME, PHONE, None, "Monday", url=url)
    save_assessment("c1", thunderclap_assessment(), ANSWERS, True, url=url)
    new = Fernet.generate_key().decode()
    monkeypatch.setenv(crypto.KEYS_SETTING, f"{new},{keys}")   # new first, old still decrypts
    assert bookings_for("c1", url=url)[0]["name"] == NAME
    assert retention.rotate_keys(url=url) == 2
    monkeypatch.setenv(crypto.KEYS_SETTING, new)               # the old key dropped
    assert bookings_for("c1", url=url)[0]["name"] == NAME
    assert latest_assessment("c1", url=url)["red_flags"][0]["id"] == "thunderclap"


def test_without_the_right_key_nothing_is_readable_and_the_error_shows_no_data(url, monkeypatch):
    save_booking("c1", "nmt", NAME, PHONE, None, "Monday", url=url)
    monkeypatch.setenv(crypto.KEYS_SETTING, Fernet.generate_key().decode())
    with pytest.raises(crypto.UnusableKey) as error:
        bookings_for("c1", url=url)
    assert NAME not in str(error.value)


def test_a_malformed_key_is_refused_clearly(monkeypatch):
    monkeypatch.setenv(crypto.KEYS_SETTING, "not-a-key")
    with pytest.raises(crypto.UnusableKey, match="Fernet keys"):
        crypto.encrypt("x")


def test_rows_stored_before_encryption_are_encrypted_by_the_migration(tmp_path, keys):
    from alembic import command

    url = f"sqlite:///{tmp_path / 'old.db'}"
    command.upgrade(db.alembic_config(url), "0003")
    with db.session_scope(url) as session:
        session.execute(text(
            "INSERT INTO booking_requests (reference, conversation_id, created_at, service, name,"
            " phone, email, preferred_time, status) VALUES ('HB-AAAAA', 'c1', "
            "'2026-01-01 00:00:00', 'nmt', :n, :p, NULL, 'Monday', 'requested')"),
            {"n": NAME, "p": PHONE})
        session.execute(text("INSERT INTO sms_opt_outs (phone, opted_out_at) "
                             "VALUES (:p, '2026-01-01 00:00:00')"), {"p": PHONE})
    db.migrate(url)
    [row] = raw(url, "SELECT name, phone FROM booking_requests")
    assert crypto.is_encrypted(row["name"]) and crypto.is_encrypted(row["phone"])
    assert bookings_for("c1", url=url)[0]["name"] == NAME
    assert sms_opt_out.is_opted_out(PHONE, url=url)


def test_secret_files_are_readable_by_their_owner_only(tmp_path):
    path = tmp_path / "var" / "some_key"
    assert crypto.private_file(path, lambda: "value") == "value"
    assert path.stat().st_mode & 0o777 == 0o600
    assert path.parent.stat().st_mode & 0o777 == 0o700
    assert crypto.private_file(path, lambda: "other") == "value"   # made once


def test_the_database_file_is_private(url, tmp_path):
    records.save_booking("c1", "nmt", NAME, PHONE, None, "Monday", url=url)
    for path in tmp_path.glob("headache.db*"):
        assert path.stat().st_mode & 0o777 == 0o600, path.name
