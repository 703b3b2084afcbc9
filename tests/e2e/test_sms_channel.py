"""The SMS channel against the real servers (scripts/serve.py) and a fake Twilio
REST API on 127.0.0.1 that records what would have been texted."""
from __future__ import annotations

import base64
import json
import random
import uuid
import threading
import urllib.error
import urllib.parse
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import yaml
from twilio.request_validator import RequestValidator

from bot.storage import records
from channels.sms import conversation_id
from channels.sms_text import HELP_TEXT, START_TEXT
from scripts import serve
from tests import ports

RASA_PORT, ACTION_PORT = ports.rasa(ports.SMS), ports.action(ports.SMS)
ACCOUNT_SID = "AC00000000000000000000000000000000"
AUTH_TOKEN = "test-auth-token"
TWILIO_NUMBER = "+15005550006"
PUBLIC_URL = f"http://127.0.0.1:{RASA_PORT}/webhooks/twilio_sms/webhook"
EMERGENCY_MESSAGE = "my face has gone numb on one side and my speech is slurred"


class FakeTwilio:
    """Twilio's Messages.json endpoint: records every SMS it is asked to send."""

    def __init__(self) -> None:
        self.sent: list[dict] = []
        self.lock = threading.Lock()
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 - http.server's naming
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode()
                form = {k: v[0] for k, v in urllib.parse.parse_qs(body).items()}
                with fake.lock:
                    fake.sent.append({"path": self.path,
                                      "auth": self.headers.get("Authorization"), **form})
                answer = json.dumps({"sid": "SM" + "0" * 32, "status": "queued"}).encode()
                self.send_response(201)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(answer)))
                self.end_headers()
                self.wfile.write(answer)

            def log_message(self, *args):  # keep the test output quiet
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def to(self, number: str) -> list[dict]:
        with self.lock:
            return [message for message in self.sent if message.get("To") == number]

    def __enter__(self) -> "FakeTwilio":
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture(scope="module")
def twilio():
    with FakeTwilio() as fake:
        yield fake


def sms_credentials(twilio: "FakeTwilio", folder: Path, public_url: str = PUBLIC_URL) -> Path:
    credentials = yaml.safe_load((serve.ROOT / "credentials.yml").read_text())
    credentials["channels.sms.TwilioSmsInput"] = {
        "account_sid": ACCOUNT_SID, "auth_token": AUTH_TOKEN, "twilio_number": TWILIO_NUMBER,
        "api_base_url": twilio.url, "public_url": public_url}
    path = folder / "credentials.yml"
    path.write_text(yaml.safe_dump(credentials))
    return path


@pytest.fixture(scope="module")
def bot_url(twilio, tmp_path_factory):
    path = sms_credentials(twilio, tmp_path_factory.mktemp("sms"))
    log = serve.VAR / "log" / "rasa.log"
    LOG_START["rasa.log"] = log.stat().st_size if log.exists() else 0
    with serve.running(rasa_port=RASA_PORT, action_port=ACTION_PORT, credentials=path) as url:
        yield url


LOG_START: dict[str, int] = {}
NUMBERS: list[str] = []


def new_number() -> str:
    number = "+447700" + "".join(random.choice("0123456789") for _ in range(6))
    NUMBERS.append(number)
    return number


def post(bot_url: str, form: dict, signature: str | None = "valid") -> tuple[int, str, str]:
    """POST `form` to the SMS webhook, signed like Twilio unless told otherwise."""
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    if signature == "valid":
        headers["X-Twilio-Signature"] = RequestValidator(AUTH_TOKEN).compute_signature(
            f"{bot_url}/webhooks/twilio_sms/webhook", form)
    elif signature is not None:
        headers["X-Twilio-Signature"] = signature
    request = urllib.request.Request(f"{bot_url}/webhooks/twilio_sms/webhook",
                                     data=urllib.parse.urlencode(form).encode(),
                                     headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=60) as answer:
            return answer.status, answer.headers.get("Content-Type", ""), answer.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Content-Type", ""), error.read().decode()


def new_message_sid() -> str:
    return "SM" + uuid.uuid4().hex


def text(bot_url: str, number: str, body: str) -> int:
    form = {"MessageSid": new_message_sid(), "AccountSid": ACCOUNT_SID, "From": number,
            "To": TWILIO_NUMBER, "Body": body, "NumMedia": "0"}
    return post(bot_url, form)[0]


def bodies(twilio: FakeTwilio, number: str, since: int = 0) -> list[str]:
    return [message["Body"] for message in twilio.to(number)[since:]]


def tracker(bot_url: str, number: str) -> dict:
    """The conversation of this number (kept under its pseudonym)."""
    sender = conversation_id(number)
    with urllib.request.urlopen(f"{bot_url}/conversations/{sender}/tracker"
                                f"?token={serve.api_token()}", timeout=30) as r:
        return json.loads(r.read())


def requested(bot_url: str, number: str) -> str | None:
    return tracker(bot_url, number)["slots"].get("requested_slot")


def test_a_signed_message_is_answered_through_the_rest_api(bot_url, twilio):
    number = new_number()
    status, content_type, body = post(bot_url, {"From": number, "To": TWILIO_NUMBER,
                                                "Body": "hello, I get headaches"})
    assert status == 200
    assert content_type.startswith("text/xml")
    assert body.endswith("<Response/>")
    sent = twilio.to(number)
    assert sent, "nothing was sent"
    expected_auth = "Basic " + base64.b64encode(f"{ACCOUNT_SID}:{AUTH_TOKEN}".encode()).decode()
    for message in sent:
        assert message["path"] == f"/2010-04-01/Accounts/{ACCOUNT_SID}/Messages.json"
        assert message["auth"] == expected_auth
        assert message["From"] == TWILIO_NUMBER
        assert len(message["Body"]) <= 160
        assert "{" not in message["Body"]
    # the safety check first: a numbered list, answered in one text
    assert any("Reply 'none', or the numbers" in b for b in bodies(twilio, number))
    # the conversation is the phone number's
    assert requested(bot_url, number) == "screen_emergency"


@pytest.mark.parametrize("signature", [None, "", "bm90IGEgc2lnbmF0dXJl"])
def test_a_missing_or_wrong_signature_is_refused(bot_url, twilio, signature):
    number = new_number()
    status, _, _ = post(bot_url, {"From": number, "To": TWILIO_NUMBER, "Body": "hello"},
                        signature=signature)
    assert status == 403
    assert twilio.to(number) == []


def test_a_signature_for_other_content_is_refused(bot_url, twilio):
    number = new_number()
    form = {"From": number, "To": TWILIO_NUMBER, "Body": "hello"}
    forged = RequestValidator(AUTH_TOKEN).compute_signature(PUBLIC_URL, {**form, "Body": "hi"})
    assert post(bot_url, form, signature=forged)[0] == 403
    assert twilio.to(number) == []


@pytest.mark.parametrize("fields", [
    {"Body": ""}, {"Body": "   "}, {"Body": None}, {"From": ""}, {"From": None}])
def test_an_empty_body_or_sender_is_a_bad_request(bot_url, twilio, fields):
    number = new_number()
    form = {"To": TWILIO_NUMBER, "From": number, "Body": "hello", **fields}
    status, _, body = post(bot_url, {k: v for k, v in form.items() if v is not None})
    assert status == 400
    assert "missing or empty" in body
    assert twilio.to(number) == []


def test_stop_silences_the_number_until_start(bot_url, twilio):
    number = new_number()
    assert text(bot_url, number, "hello, I get headaches") == 200
    before = len(twilio.to(number))
    assert before > 0

    assert text(bot_url, number, "STOP") == 200
    assert text(bot_url, number, "my temples ache") == 200
    assert text(bot_url, number, "help") == 200
    assert text(bot_url, number, EMERGENCY_MESSAGE) == 200
    assert len(twilio.to(number)) == before, "something was sent after STOP"

    assert text(bot_url, number, "start") == 200
    assert bodies(twilio, number, before) == [START_TEXT]
    assert text(bot_url, number, "hello, I get headaches") == 200
    assert len(twilio.to(number)) > before + 1


def test_help_answers_the_fixed_help_text(bot_url, twilio):
    number = new_number()
    assert text(bot_url, number, "HELP") == 200
    assert bodies(twilio, number) == [HELP_TEXT]


def past_the_safety_check(bot_url: str, number: str) -> None:
    text(bot_url, number, "hello, I get headaches")
    assert requested(bot_url, number) == "screen_emergency"
    text(bot_url, number, "none")
    assert requested(bot_url, number) == "screen_urgent"
    text(bot_url, number, "no")


def test_the_safety_check_is_answered_by_number_in_one_text(bot_url, twilio):
    number = new_number()
    text(bot_url, number, "hello, I get headaches")
    before = len(twilio.to(number))
    assert text(bot_url, number, "2") == 200       # weakness, numbness, a drooping face...
    reply = bodies(twilio, number, before)
    assert reply and "999" in reply[0]


def test_a_numbered_reply_answers_the_question_with_buttons(bot_url, twilio):
    number = new_number()
    past_the_safety_check(bot_url, number)
    assert requested(bot_url, number) == "consent"
    assert any("Reply 1 for Yes, I agree" in b for b in bodies(twilio, number))
    assert text(bot_url, number, "1") == 200
    assert requested(bot_url, number) == "location"


def test_an_emergency_mid_conversation_texts_999_first(bot_url, twilio):
    number = new_number()
    past_the_safety_check(bot_url, number)
    text(bot_url, number, "1")
    assert requested(bot_url, number) == "location"
    before = len(twilio.to(number))
    assert text(bot_url, number, EMERGENCY_MESSAGE) == 200
    reply = bodies(twilio, number, before)
    assert reply, "nothing was sent"
    assert "999" in reply[0]
    assert all("{" not in b and "headache_assessment" not in b for b in reply)


SMS_ANSWERS = {
    "consent": "1", "location": "temples and the back of my neck", "duration": "since this morning",
    "history": "for years", "frequency": "about 4 days a month", "severity": "5",
    "triggers": "desk work and stress", "age": "38", "medication": "paracetamol twice a month",
    "booking_wanted": "yes please", "service": "1", "patient_name": "Jo Evans",
    "contact": "jo.evans@example.org", "preferred_time": "2",        # Weekday mornings
    "booking_confirmed": "1",
}


def test_a_whole_assessment_and_booking_by_text_message(bot_url, twilio):
    number = new_number()
    text(bot_url, number, "hi, I keep getting headaches")
    asked = []
    for _ in range(40):
        slot = requested(bot_url, number)
        if slot is None:
            break
        asked.append(slot)
        text(bot_url, number, SMS_ANSWERS.get(slot) or "no")   # "no" to each warning question
    sent = bodies(twilio, number)
    assert "booking_confirmed" in asked and "screen_emergency" in asked
    assert any("Likely contributing" in b or "likely contributing" in b for b in sent), sent
    [booking] = [b for b in sent if "reference is HB-" in b]
    reference = booking.split("reference is ")[1][:8]
    stored = records.bookings_for(conversation_id(number))
    assert [b["reference"] for b in stored] == [reference]
    assert stored[0]["email"] == "jo.evans@example.org"
    assert stored[0]["preferred_time"] == "weekday mornings"
    assert all(len(b) <= 1600 and "{" not in b for b in sent)


def test_a_numbered_reply_still_means_the_same_choice_after_a_restart(twilio, tmp_path):
    number = new_number()
    rasa_port, action_port = ports.rasa(ports.SMS_RESTART), ports.action(ports.SMS_RESTART)
    url = f"http://127.0.0.1:{rasa_port}"
    path = sms_credentials(twilio, tmp_path, f"{url}/webhooks/twilio_sms/webhook")
    with serve.running(rasa_port=rasa_port, action_port=action_port, credentials=path):
        past_the_safety_check(url, number)
        assert requested(url, number) == "consent"
    with serve.running(rasa_port=rasa_port, action_port=action_port, credentials=path):
        assert text(url, number, "2") == 200           # "No, don't keep them"
        assert tracker(url, number)["slots"]["consent"] is False


def test_the_server_log_has_no_message_text_or_phone_number(bot_url, twilio):
    number = new_number()
    text(bot_url, number, "hello, my temples ache after zebracrossing practice")
    assert twilio.to(number)
    log = (serve.VAR / "log" / "rasa.log").read_bytes()[LOG_START["rasa.log"]:].decode(
        errors="replace")
    assert "zebracrossing" not in log
    for used in NUMBERS:
        assert used not in log and used[1:] not in log
