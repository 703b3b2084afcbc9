"""Widget and kiosk sessions: issued by the server, checked on every message."""
from __future__ import annotations

import pytest

from bot import web_session as ws

SECRET = b"test-secret"
NOW = 1_800_000_000


def test_a_token_we_issued_gives_back_its_session_id():
    token = ws.issue(SECRET, now=NOW)
    session_id = ws.verify(SECRET, token, now=NOW + 60)
    assert session_id and token.startswith(session_id + ".")


def test_every_new_session_has_its_own_id():
    assert len({ws.verify(SECRET, ws.issue(SECRET, now=NOW), now=NOW) for _ in range(50)}) == 50


@pytest.mark.parametrize("token", [
    None, "", 42, "abc", "a.b", "a.b.c.d", "x" * 200,
    "0123456789abcdef0123456789abcdef.1800000000.00000000000000000000000000000000",
])
def test_tokens_we_did_not_issue_are_refused(token):
    assert ws.verify(SECRET, token, now=NOW) is None


def test_a_token_chosen_by_the_browser_or_tampered_with_is_refused():
    session_id, issued, signature = ws.issue(SECRET, now=NOW).split(".")
    assert ws.verify(SECRET, f"{'f' * 32}.{issued}.{signature}", now=NOW) is None
    assert ws.verify(SECRET, f"{session_id}.{NOW + 5}.{signature}", now=NOW + 10) is None
    assert ws.verify(b"another server's secret", f"{session_id}.{issued}.{signature}", now=NOW) is None


def test_a_kiosk_token_is_worth_nothing_on_the_website_and_back():
    kiosk, web = ws.channel_key(SECRET, "kiosk"), ws.channel_key(SECRET, "webchat")
    assert ws.verify(web, ws.issue(kiosk, now=NOW), now=NOW) is None
    assert ws.verify(kiosk, ws.issue(web, now=NOW), now=NOW) is None
    assert ws.verify(web, ws.issue(web, now=NOW), now=NOW) is not None


def test_an_old_token_starts_a_new_conversation():
    token = ws.issue(SECRET, now=NOW)
    assert ws.verify(SECRET, token, now=NOW + ws.MAX_AGE_SECONDS) is not None
    assert ws.verify(SECRET, token, now=NOW + ws.MAX_AGE_SECONDS + 1) is None
    assert ws.verify(SECRET, token, now=NOW - 10) is None   # issued "in the future"


@pytest.mark.parametrize("configured, expected", [
    (None, ()), ("", ()), ("a", ("a",)), (" a , b ,", ("a", "b")), (["a", " ", "b"], ("a", "b")),
])
def test_device_tokens_are_read_from_a_comma_list(configured, expected):
    assert ws.parse_device_tokens(configured) == expected


@pytest.mark.parametrize("token, allowed", [
    ("kiosk-1", True), ("kiosk-2", True), ("kiosk-3", False), ("", False), (None, False),
    ({"token": "kiosk-1"}, False), ("KIOSK-1", False),
])
def test_only_known_kiosks_may_connect(token, allowed):
    assert ws.device_allowed(token, ("kiosk-1", "kiosk-2")) is allowed


def test_no_configured_kiosk_means_every_kiosk_is_refused():
    assert ws.device_allowed("anything", ()) is False


def bot(text, buttons=None, custom=None):
    return {"event": "bot", "text": text, "data": {"buttons": buttons, "custom": custom}}


def test_the_transcript_shows_what_was_said_with_the_last_choices_and_cards():
    card = {"type": "headache_assessment", "triage": "self_care"}
    events = [
        {"event": "action", "name": "action_session_start"},
        {"event": "session_started"},
        bot("Hello"),
        {"event": "user", "text": "my temples ache", "parse_data": {}},
        {"event": "slot", "name": "location", "value": ["temples"]},
        bot("Do you agree?", buttons=[{"title": "Yes, I agree", "payload": "yes"}]),
        {"event": "user", "text": "yes"},
        bot(None, custom=card),
        bot(None),                                 # nothing to show
        {"event": "user", "text": None},           # e.g. an external event
    ]
    assert ws.transcript(events) == [
        {"from": "bot", "text": "Hello", "buttons": [], "custom": None},
        {"from": "user", "text": "my temples ache", "buttons": [], "custom": None},
        {"from": "bot", "text": "Do you agree?",
         "buttons": [{"title": "Yes, I agree", "payload": "yes"}], "custom": None},
        {"from": "user", "text": "yes", "buttons": [], "custom": None},
        {"from": "bot", "text": "", "buttons": [], "custom": card},
    ]


def test_an_expired_rasa_session_is_not_shown_again():
    events = [{"event": "session_started"}, {"event": "user", "text": "old"},
              {"event": "session_started"}, {"event": "user", "text": "new"}]
    assert [m["text"] for m in ws.transcript(events)] == ["new"]
