"""SMS opt-outs (bot/storage/sms_opt_out.py) on a SQLite file made by the migrations."""
import logging

import pytest
from alembic import command
from sqlalchemy import inspect

from bot.storage import db, records
from bot.storage.sms_opt_out import is_opted_out, opt_in, opt_out

NUMBER = "+447700900123"


@pytest.fixture
def url(tmp_path):
    database = f"sqlite:///{tmp_path / 'headache.db'}"
    db.migrate(database)
    return database


def test_stop_then_start(url):
    assert not is_opted_out(NUMBER, url=url)
    opt_out(NUMBER, url=url)
    assert is_opted_out(NUMBER, url=url)
    assert not is_opted_out("+447700900999", url=url)
    assert opt_in(NUMBER, url=url) is True
    assert not is_opted_out(NUMBER, url=url)
    assert opt_in(NUMBER, url=url) is False


def test_stop_twice_is_one_opt_out(url):
    opt_out(NUMBER, url=url)
    opt_out(NUMBER, url=url)
    assert opt_in(NUMBER, url=url) is True
    assert not is_opted_out(NUMBER, url=url)


def test_erasing_a_conversation_keeps_the_opt_out(url):
    opt_out(NUMBER, url=url)
    records.erase_conversation(NUMBER, url=url)
    assert is_opted_out(NUMBER, url=url)


@pytest.mark.parametrize("phone", ["", "   ", None, "+" + "1" * 40])
def test_a_missing_or_oversized_number_is_refused(url, phone):
    with pytest.raises(ValueError):
        opt_out(phone, url=url)


def test_logs_never_carry_the_number(url, caplog):
    caplog.set_level(logging.DEBUG)
    opt_out(NUMBER, url=url)
    opt_in(NUMBER, url=url)
    assert caplog.records and NUMBER not in caplog.text


def test_migration_0002_adds_and_removes_only_its_table(url):
    assert "sms_opt_outs" in inspect(db.engine(url)).get_table_names()
    command.downgrade(db.alembic_config(url), "0001")
    tables = set(inspect(db.engine(url)).get_table_names())
    assert "sms_opt_outs" not in tables and {"assessments", "booking_requests"} <= tables
    db.migrate(url)
    opt_out(NUMBER, url=url)
    assert is_opted_out(NUMBER, url=url)


def test_a_stop_stored_first_by_another_server_is_one_opt_out(url, monkeypatch):
    from sqlalchemy.orm import Session

    opt_out(NUMBER, url=url)   # the other server's, between our look and our insert
    monkeypatch.setattr(Session, "get", lambda *args, **kwargs: None)
    opt_out(NUMBER, url=url)   # the insert collides: already opted out is success
    monkeypatch.undo()
    assert is_opted_out(NUMBER, url=url)
