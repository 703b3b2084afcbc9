"""Closed to strangers, against the real servers (scripts/serve.py): every
attack of issue 8's first list, tried again, fails."""
from __future__ import annotations

import json
import urllib.error
import urllib.request
import uuid

import pytest

from scripts import serve
from tests import ports
from tests.e2e.socket_client import WidgetClient

CLINIC = "https://clinic.example"
EVIL = "https://evil.example"
ACTION = f"http://127.0.0.1:{ports.action(ports.ACCESS)}"


@pytest.fixture(scope="module")
def url():
    with serve.running(rasa_port=ports.rasa(ports.ACCESS), action_port=ports.action(ports.ACCESS),
                       extra_env={"HEADACHE_WIDGET_ORIGINS": CLINIC}) as running:
        yield running


def call(url: str, method: str = "GET", body: bytes | None = None,
         headers: dict | None = None) -> tuple[int, dict, bytes]:
    request = urllib.request.Request(url, data=body, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=60) as answer:
            return answer.status, dict(answer.headers), answer.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def token() -> str:
    return serve.api_token()


def rest(url: str, body, query: str | None = None, headers: dict | None = None):
    query = f"?token={token()}" if query is None else query
    data = body if isinstance(body, bytes) else json.dumps(body).encode()
    return call(f"{url}/webhooks/rest/webhook{query}", "POST", data,
                {"Content-Type": "application/json", **(headers or {})})


# The Rasa HTTP API

@pytest.mark.parametrize("method, path", [
    ("GET", "/conversations/someone/tracker"), ("PUT", "/model"), ("GET", "/status"),
    ("POST", "/conversations/someone/messages"), ("POST", "/model/parse"),
    ("GET", "/conversations/someone/story"), ("POST", "/conversations/someone/execute"),
    ("GET", "/domain")])
def test_the_http_api_needs_the_token(url, method, path):
    body = b"{}" if method != "GET" else None
    assert call(f"{url}{path}", method, body)[0] == 401
    assert call(f"{url}{path}?token=wrong", method, body)[0] == 401


def test_with_the_token_the_api_answers_and_health_checks_stay_open(url):
    assert call(f"{url}/conversations/someone/tracker?token={token()}")[0] == 200
    assert call(f"{url}/")[0] == 200
    assert call(f"{ACTION}/health")[0] == 200


# The action server

@pytest.mark.parametrize("query", ["", "?token=wrong", "?token=%C3%A9"])
@pytest.mark.parametrize("method, path", [("GET", "/actions"), ("POST", "/webhook")])
def test_the_action_server_answers_only_the_rasa_server(url, query, method, path):
    body = json.dumps({"next_action": "action_erase_data", "sender_id": "victim",
                       "tracker": {"sender_id": "victim", "events": [], "slots": {},
                                   "latest_message": {}}, "domain": {}}).encode()
    status, _, _ = call(f"{ACTION}{path}{query}", method, body if method == "POST" else None,
                        {"Content-Type": "application/json"})
    assert status == 401


# CORS

def test_cors_only_for_the_configured_widget_origins(url):
    _, headers, _ = call(f"{url}/conversations/x/tracker?token={token()}",
                         headers={"Origin": EVIL})
    assert "Access-Control-Allow-Origin" not in headers
    _, headers, _ = call(f"{url}/webhooks/webchat/history", headers={"Origin": CLINIC})
    assert headers.get("Access-Control-Allow-Origin") == CLINIC
    _, headers, _ = call(f"{url}/webhooks/rest/webhook", "OPTIONS",
                         headers={"Origin": EVIL, "Access-Control-Request-Method": "POST"})
    assert headers.get("Access-Control-Allow-Origin") in (None, "")


@pytest.mark.parametrize("path", ["/socket.io/", "/kiosk/socket.io/"])
@pytest.mark.parametrize("origin, allowed", [(EVIL, False), (CLINIC, True), (None, True)])
def test_socket_io_accepts_browsers_only_from_the_widget_origins(url, path, origin, allowed):
    headers = {"Origin": origin} if origin else {}
    status, answer_headers, _ = call(f"{url}{path}?EIO=4&transport=polling", headers=headers)
    assert (status == 200) is allowed, status
    if origin and allowed:
        assert answer_headers.get("Access-Control-Allow-Origin") == origin


def test_the_servers_own_pages_may_use_socket_io(url):
    status, _, _ = call(f"{url}/socket.io/?EIO=4&transport=polling", headers={"Origin": url})
    assert status == 200


# The REST channel

def test_the_rest_channel_needs_the_token(url):
    message = {"sender": f"a-{uuid.uuid4().hex[:6]}", "message": "hello"}
    assert rest(url, message, query="")[0] == 401
    assert rest(url, message, query="?token=wrong")[0] == 401
    assert rest(url, message, query="?token=%F0%9F%98%80")[0] == 401
    assert rest(url, message, query="", headers={"Authorization": f"Bearer {token()}"})[0] == 200
    assert rest(url, message)[0] == 200


@pytest.mark.parametrize("body", [
    b"[]", b"", b"{", b"null", b"\xff\xfe\xfd", b'{"message": "hello"}',
    b'{"sender": "", "message": "hi"}', b'{"sender": "x", "message": {"text": "hi"}}',
    b"[" * 5000 + b"]" * 5000])
def test_a_malformed_body_is_a_400_never_a_500(url, body):
    status, _, answer = rest(url, body)
    assert status == 400, answer


def test_a_caller_cannot_claim_to_be_the_kiosk(url):
    sender = f"claim-{uuid.uuid4().hex[:6]}"
    assert rest(url, {"sender": sender, "message": "hello", "input_channel": "kiosk"})[0] == 200
    _, _, tracker = call(f"{url}/conversations/{sender}/tracker?token={token()}")
    assert json.loads(tracker)["latest_input_channel"] == "rest"


def test_a_body_over_the_limit_is_refused_before_it_is_read(url):
    status, _, _ = rest(url, {"sender": "big", "message": "x" * (serve.MAX_BODY_BYTES + 10)})
    assert status == 413


def test_a_message_over_the_cap_gets_a_clear_reply_and_the_emergency_advice(url):
    sender = f"long-{uuid.uuid4().hex[:6]}"
    status, _, answer = rest(url, {"sender": sender, "message": "my head aches " * 100})
    texts = [m["text"] for m in json.loads(answer)]
    assert status == 200 and "1,000 characters" in texts[-1]
    status, _, answer = rest(url, {"sender": sender, "message":
                                   "my face has gone numb on one side and my speech is slurred "
                                   + "and " * 300})
    texts = [m["text"] for m in json.loads(answer)]
    assert "999" in texts[0] and "1,000 characters" in texts[-1]


# The widget's own credentials

async def test_odd_session_tokens_get_a_new_session_not_an_error(url):
    async with WidgetClient(url) as client:
        for odd in ["é.1.2", "😀", "a" * 5000, 42, ["x"], {"a": 1}, None, "\u0000.\u0000.\u0000"]:
            issued = await client.session(odd)
            assert issued != odd and issued.count(".") == 2
        replies = await client.say(issued, "hello, I get headaches")
        assert any("self-check" in (m.get("text") or "") for m in replies)


def test_the_history_with_an_odd_bearer_token_is_a_401(url):
    for odd in ["é", "x.y.z", "Bearer", "\u00ff" * 300]:
        status, _, _ = call(f"{url}/webhooks/webchat/history",
                            headers={"Authorization": f"Bearer {odd}"})
        assert status == 401


async def test_a_kiosk_without_its_device_token_cannot_connect(url):
    for auth in [None, {"token": "wrong"}, {"token": "é"}]:
        with pytest.raises(Exception):
            async with WidgetClient(url, path="kiosk/socket.io", auth=auth):
                pass


# Files

def test_files_under_var_are_readable_by_their_owner_only(url):
    assert serve.VAR.stat().st_mode & 0o777 == 0o700
    for name in ("api_token", "action_token", "session_secret", "kiosk_token",
                 "encryption_key", "index_key", "headache.db"):
        assert (serve.VAR / name).stat().st_mode & 0o777 == 0o600, name
    for path in (serve.VAR / "log").iterdir():
        assert path.stat().st_mode & 0o777 == 0o600, path.name
    endpoints = serve.VAR / f"endpoints-{ports.rasa(ports.ACCESS)}.yml"
    assert endpoints.stat().st_mode & 0o777 == 0o600
    assert token() not in endpoints.read_text()
