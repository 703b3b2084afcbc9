"""Widget and kiosk sessions: issued by the server, checked on every message."""
from __future__ import annotations

import pytest

from channels import web_session as ws

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


@pytest.mark.parametrize("token", [
    "é.1800000000.00000000000000000000000000000000",
    "0123456789abcdef0123456789abcdef.١٨٠٠٠٠٠٠٠٠.00000000000000000000000000000000",
    "a.b.\u0000", "\ud7ff.x.y", "😀.😀.😀"])
def test_a_token_with_characters_we_never_issue_is_refused_not_an_error(token):
    assert ws.verify(SECRET, token, now=NOW) is None


@pytest.mark.parametrize("token", ["é", "kiosk-😀", "\u0000"])
def test_a_device_token_with_any_characters_is_just_refused(token):
    assert ws.device_allowed(token, ("kiosk-1",)) is False
