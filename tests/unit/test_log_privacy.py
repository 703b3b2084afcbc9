"""Nothing a person wrote, and nothing that identifies them, reaches a log line,
whatever the level, from our code or anyone else's (bot.log_privacy)."""
from __future__ import annotations

import io
import logging

import pytest

from bot import log_privacy

SECRETS = ["zebracrossing", "+447700900123", "447700900123", "ada@example.org",
           "s3cr3t-token-value"]


def log_through(logger_name: str, level: int, message: str, *args, exc: bool = False) -> str:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(name)s %(levelname)s %(message)s"))
    logger = logging.getLogger(logger_name)
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    try:
        if exc:
            try:
                raise ValueError("INSERT failed for 'zebracrossing' +447700900123")
            except ValueError:
                logger.exception(message, *args)
        else:
            logger.log(level, message, *args)
    finally:
        logger.removeHandler(handler)
    return stream.getvalue()


@pytest.fixture(autouse=True, scope="module")
def installed():
    log_privacy.install()


@pytest.mark.parametrize("level", [logging.DEBUG, logging.INFO, logging.WARNING, logging.ERROR])
@pytest.mark.parametrize("logger_name", ["rasa.core.processor", "sanic.error", "rasa_sdk.executor",
                                         "sqlalchemy.engine", "engineio.server"])
def test_third_party_records_lose_every_personal_detail(logger_name, level):
    formatted = log_through(logger_name, level,
                            "Received user message 'my temples ache zebracrossing' from %s "
                            "(email ada@example.org, GET /x?token=s3cr3t-token-value) %s",
                            "+447700900123", "zebracrossing")
    written = log_through(logger_name, level, "Received message %r", "zebracrossing")
    for secret in SECRETS:
        assert secret not in formatted + written
    assert logger_name in formatted   # the line itself is still there


def test_numbers_survive_so_logs_stay_useful():
    out = log_through("rasa.core.processor", logging.WARNING, "took %d ms for %d events", 42, 7)
    assert "42" in out and "7 events" in out


def test_an_exception_keeps_its_type_and_traceback_not_its_message():
    out = log_through("sqlalchemy.pool", logging.ERROR, "statement failed", exc=True)
    assert "ValueError" in out and "Traceback" in out
    assert "zebracrossing" not in out and "447700900123" not in out


def test_our_own_records_are_left_as_written():
    out = log_through("bot.storage.records", logging.INFO, "stored assessment %d (triage %s)",
                      3, "self_care")
    assert "stored assessment 3 (triage self_care)" in out


def test_the_access_log_keeps_neither_path_nor_query():
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(host)s %(request)s %(message)s"))
    logger = logging.getLogger("sanic.access")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        logger.info("", extra={"status": 200, "byte": 10, "host": "10.0.0.1:5555",
                               "request": "GET http://x/conversations/+447700900123/tracker"
                                          "?token=s3cr3t-token-value"})
    finally:
        logger.removeHandler(handler)
    out = stream.getvalue()
    assert "GET /conversations/..." in out
    for secret in SECRETS + ["10.0.0.1"]:
        assert secret not in out
