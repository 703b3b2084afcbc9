"""When a message cannot be handled as usual, the person is told plainly, and
a warning sign in that message still gets its advice (bot.service_notice)."""
from __future__ import annotations

import pytest

from bot import factors, service_notice
from bot.levels import EMERGENCY

EMERGENCY_MESSAGE = "my face has gone numb on one side and my speech is slurred"


def test_a_warning_sign_gets_the_emergency_advice_before_the_notice():
    reply = service_notice.service_problem(EMERGENCY_MESSAGE)
    assert reply == [factors.advice(EMERGENCY), service_notice.SERVICE_PROBLEM]
    assert "999" in reply[0]


@pytest.mark.parametrize("text", ["my temples ache", "", "   ", "\x00", "😀" * 50])
def test_no_warning_sign_gets_the_notice_alone(text):
    assert service_notice.service_problem(text) == [service_notice.SERVICE_PROBLEM]


def test_a_message_too_long_says_the_limit_and_still_gives_the_advice():
    text = EMERGENCY_MESSAGE + " and" * 400
    reply = service_notice.message_too_long(text, 1000)
    assert "999" in reply[0] and "1,000 characters" in reply[-1]
    assert service_notice.message_too_long("x" * 2000, 1000) == [service_notice.too_long(1000)]


def test_a_failing_detector_still_lets_the_notice_out(monkeypatch):
    def broken(text):
        raise RuntimeError("detector down")

    monkeypatch.setattr(service_notice.red_flags, "detect", broken)
    assert service_notice.service_problem(EMERGENCY_MESSAGE) == [service_notice.SERVICE_PROBLEM]
