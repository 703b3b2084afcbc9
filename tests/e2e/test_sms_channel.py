"""The SMS channel against the real servers (scripts/serve.py) and a fake Twilio
REST API on 127.0.0.1 that records what would have been texted (instantly,
or slowly in the one test that needs a slow Twilio).

The webhook answers before anything is sent: each helper that texts waits
for the reply to arrive at the fake Twilio."""
from __future__ import annotations

import base64
import json
import random
import re
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import yaml
from twilio.request_validator import RequestValidator

from bot.storage import records
from channels.sms import conversation_id
from channels.sms_text import is_gsm, segment_count
from scripts import serve
from tests import ports

RASA_PORT, ACTION_PORT = ports.rasa(ports.SMS), ports.action(ports.SMS)
ACCOUNT_SID = "AC00000000000000000000000000000000"
AUTH_TOKEN = "test-auth-token"
TWILIO_NUMBER = "+15005550006"
PUBLIC_URL = f"http://127.0.0.1:{RASA_PORT}/webhooks/twilio_sms/webhook"
EMERGENCY_MESSAGE = "my face has gone numb on one side and my speech is slurred"
CLINIC = {"HEADACHE_CLINIC_NAME": "Riverside Physio Clinic",
          "HEADACHE_CLINIC_CONTACT": "0300 123 4567"}
NOWHERE = "http://127.0.0.1:9"      # no Twilio there: only the environment's URL works
MEASURED: dict[str, int] = {}       # segments of the walks below (printed at the end)


class FakeTwilio:
    """Twilio's Messages.json endpoint: records every SMS it is asked to send,
    after `delay` seconds (0: at once)."""

    def __init__(self) -> None:
        self.sent: list[dict] = []
        self.delay = 0.0
        self.lock = threading.Lock()
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 - http.server's naming
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode()
                form = {k: v[0] for k, v in urllib.parse.parse_qs(body).items()}
                if fake.delay:
                    time.sleep(fake.delay)
                with fake.lock:
                    fake.sent.append({"path": self.path, "at": time.monotonic(),
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

    def wait_for(self, number: str, count: int, timeout: float = 60.0) -> list[dict]:
        """The messages to `number` once there are at least `count` (or the timeout)."""
        deadline = time.monotonic() + timeout
        while len(self.to(number)) < count and time.monotonic() < deadline:
            time.sleep(0.02)
        return self.to(number)

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


def sms_credentials(twilio: "FakeTwilio", folder: Path, public_url: str = PUBLIC_URL,
                    api_base_url: str | None = None) -> Path:
    credentials = yaml.safe_load((serve.ROOT / "credentials.yml").read_text())
    credentials["channels.sms.TwilioSmsInput"] = {
        "account_sid": ACCOUNT_SID, "auth_token": AUTH_TOKEN, "twilio_number": TWILIO_NUMBER,
        "api_base_url": twilio.url if api_base_url is None else api_base_url,
        "public_url": public_url}
    path = folder / "credentials.yml"
    path.write_text(yaml.safe_dump(credentials))
    return path


@pytest.fixture(scope="module")
def bot_url(twilio, tmp_path_factory):
    # credentials.yml points at no Twilio; the environment's TWILIO_API_BASE_URL wins (one rule).
    path = sms_credentials(twilio, tmp_path_factory.mktemp("sms"), api_base_url=NOWHERE)
    log = serve.VAR / "log" / "rasa.log"
    LOG_START["rasa.log"] = log.stat().st_size if log.exists() else 0
    with serve.running(rasa_port=RASA_PORT, action_port=ACTION_PORT, credentials=path,
                       extra_env={**CLINIC, "TWILIO_API_BASE_URL": twilio.url}) as url:
        yield url
    print("\nSMS segments measured:", json.dumps(MEASURED, indent=1))


LOG_START: dict[str, int] = {}
NUMBERS: list[str] = []


def new_number(prefix: str = "+447700") -> str:
    number = prefix + "".join(random.choice("0123456789") for _ in range(6))
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


def sms_form(number: str, body: str, **fields: str) -> dict:
    return {"MessageSid": new_message_sid(), "AccountSid": ACCOUNT_SID, "From": number,
            "To": TWILIO_NUMBER, "Body": body, "NumMedia": "0", **fields}


TWILIO: list[FakeTwilio] = []


def text(bot_url: str, number: str, body: str, replies: int = 1, **fields: str) -> int:
    """Text `body` from `number`; wait for `replies` messages in answer."""
    before = len(TWILIO[0].to(number)) if TWILIO else 0
    status = post(bot_url, sms_form(number, body, **fields))[0]
    if TWILIO and replies:
        TWILIO[0].wait_for(number, before + replies)
    return status


@pytest.fixture(scope="module", autouse=True)
def _twilio_for_text(twilio):
    TWILIO[:] = [twilio]
    yield
    TWILIO.clear()


def bodies(twilio: FakeTwilio, number: str, since: int = 0) -> list[str]:
    return [message["Body"] for message in twilio.to(number)[since:]]


def segments(twilio: FakeTwilio, number: str, since: int = 0) -> int:
    return sum(segment_count(body) for body in bodies(twilio, number, since))


def tracker(bot_url: str, number: str) -> dict:
    """The conversation of this number (kept under its pseudonym)."""
    sender = conversation_id(number)
    with urllib.request.urlopen(f"{bot_url}/conversations/{sender}/tracker"
                                f"?token={serve.api_token()}", timeout=30) as r:
        return json.loads(r.read())


def requested(bot_url: str, number: str) -> str | None:
    return tracker(bot_url, number)["slots"].get("requested_slot")


def test_a_signed_message_is_answered_in_one_message_through_the_rest_api(bot_url, twilio):
    number = new_number()
    status, content_type, body = post(bot_url, {"From": number, "To": TWILIO_NUMBER,
                                                "Body": "hello, I get headaches"})
    assert status == 200
    assert content_type.startswith("text/xml")
    assert body.endswith("<Response/>")
    [sent] = twilio.wait_for(number, 1)
    expected_auth = "Basic " + base64.b64encode(f"{ACCOUNT_SID}:{AUTH_TOKEN}".encode()).decode()
    assert sent["path"] == f"/2010-04-01/Accounts/{ACCOUNT_SID}/Messages.json"
    assert sent["auth"] == expected_auth and sent["From"] == TWILIO_NUMBER
    # one reply, one Twilio message: the opening and the whole safety check, its
    # numbered list and how to answer it uncut (the carrier segments it)
    reply = sent["Body"]
    assert 160 < len(reply) <= 1600 and "{" not in reply and is_gsm(reply)
    assert reply.startswith("Hi, I'm the clinic's headache self-check")
    assert "Reply STOP to stop texts, HELP for help." in reply          # the opening mentions STOP
    assert re.search(r"\n7\. .+\nReply 'none', or the numbers of any that apply "
                     r"\(for example: 2, or 1 and 4\)\.$", reply)
    time.sleep(0.3)
    assert len(twilio.to(number)) == 1
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


@pytest.mark.parametrize("fields", [{"From": ""}, {"From": None}])
def test_a_text_without_a_sender_is_a_bad_request(bot_url, twilio, fields):
    form = {"To": TWILIO_NUMBER, "Body": "hello", **fields}
    status, _, body = post(bot_url, {k: v for k, v in form.items() if v is not None})
    assert status == 400 and "From missing" in body


@pytest.mark.parametrize("fields, answer", [
    ({"Body": "", "NumMedia": "1", "MediaUrl0": "https://api.twilio.com/media/ME1",
      "MediaContentType0": "image/jpeg"}, "Sorry, I can't see pictures or files."),
    ({"Body": "   "}, "I didn't get any words there."),
    ({"Body": None}, "I didn't get any words there."),
])
def test_pictures_and_blank_texts_get_a_short_answer(bot_url, twilio, fields, answer):
    number = new_number()
    form = {k: v for k, v in {**sms_form(number, ""), **fields}.items() if v is not None}
    assert post(bot_url, form)[0] == 200
    [reply] = bodies_when(twilio, number, 1)
    assert reply.startswith(answer) and segment_count(reply) == 1


def bodies_when(twilio: FakeTwilio, number: str, count: int) -> list[str]:
    return [m["Body"] for m in twilio.wait_for(number, count)]


def test_stop_silences_the_number_until_start(bot_url, twilio):
    number = new_number()
    assert text(bot_url, number, "hello, I get headaches") == 200
    before = len(twilio.to(number))
    assert before > 0

    assert text(bot_url, number, "STOP", replies=0) == 200
    assert text(bot_url, number, "my temples ache", replies=0) == 200
    assert text(bot_url, number, "help", replies=0) == 200
    assert text(bot_url, number, EMERGENCY_MESSAGE, replies=0) == 200
    # replies go out in order per number: anything answered after STOP would come first
    assert text(bot_url, number, "start") == 200
    assert bodies(twilio, number, before)[0].startswith("You're subscribed again to "
                                                        "Riverside Physio Clinic's")
    assert len(twilio.to(number)) == before + 1, "something was sent after STOP"
    assert text(bot_url, number, "hello, I get headaches") == 200
    assert len(twilio.to(number)) > before + 1


def test_help_names_the_clinic_and_a_contact(bot_url, twilio):
    number = new_number()
    assert text(bot_url, number, "HELP") == 200
    [help_text] = bodies(twilio, number)
    assert help_text.startswith("Riverside Physio Clinic headache self-check")
    assert "Contact: 0300 123 4567." in help_text and "STOP" in help_text
    assert "999" in help_text and segment_count(help_text) == 1


def past_the_safety_check(bot_url: str, number: str) -> None:
    text(bot_url, number, "hello, I get headaches")
    assert requested(bot_url, number) == "screen_emergency"
    text(bot_url, number, "none")
    assert requested(bot_url, number) == "screen_urgent"
    text(bot_url, number, "no")


def to_the_question(bot_url: str, number: str, slot: str) -> None:
    """Text the answers of SMS_ANSWERS ("no" to each warning question) until `slot` is asked."""
    text(bot_url, number, "hello, I get headaches")
    for _ in range(40):
        asked = requested(bot_url, number)
        if asked == slot:
            return
        assert asked, f"the conversation ended before {slot} was asked"
        text(bot_url, number, SMS_ANSWERS.get(asked) or "no")
    pytest.fail(f"{slot} was never asked")


def test_the_safety_check_is_answered_by_number_in_one_text(bot_url, twilio):
    number = new_number()
    text(bot_url, number, "hello, I get headaches")
    before = len(twilio.to(number))
    assert text(bot_url, number, "2") == 200       # weakness, numbness, a drooping face...
    [reply] = bodies(twilio, number, before)
    assert reply.startswith("Your self-check: EMERGENCY.\nCall 999 now, or go to A&E.")
    # why, in a few words: the sign chosen, never the question asked
    assert "Why: weakness, numbness, a drooping face or muddled speech." in reply
    assert "answered yes to" not in reply and "Since the headache started" not in reply
    MEASURED["emergency reply (screen answer '2')"] = segment_count(reply)
    MEASURED["emergency conversation (first text, then '2')"] = segments(twilio, number)
    assert segment_count(reply) <= 3


def test_a_resent_text_is_handled_once(bot_url, twilio):
    """Twilio retries a webhook call that was slow: the same MessageSid again,
    while the first is still being answered or after, changes nothing."""
    number = new_number()
    text(bot_url, number, "hello, I get headaches")
    form = sms_form(number, "none")
    statuses = []
    threads = [threading.Thread(target=lambda: statuses.append(post(bot_url, form)[0]))
               for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert statuses == [200, 200]
    twilio.wait_for(number, 2)
    assert requested(bot_url, number) == "screen_urgent"     # not the next question: answered once
    events = len(tracker(bot_url, number)["events"])
    assert post(bot_url, form)[0] == 200                     # and later again
    time.sleep(0.3)
    assert len(twilio.to(number)) == 2
    assert len(tracker(bot_url, number)["events"]) == events


def test_the_webhook_answers_before_a_slow_twilio_has_sent_the_reply(bot_url, twilio):
    number = new_number()
    twilio.delay = 2.0
    try:
        start = time.monotonic()
        assert post(bot_url, sms_form(number, "hello, I get headaches"))[0] == 200
        answered = time.monotonic() - start
        [sent] = twilio.wait_for(number, 1)
    finally:
        twilio.delay = 0.0
    assert answered < 2.0, "the webhook waited for Twilio"
    assert sent["at"] - start >= 2.0


def test_two_texts_in_quick_succession_are_both_handled(bot_url, twilio):
    number = new_number()
    past_the_safety_check(bot_url, number)
    assert requested(bot_url, number) == "location"
    before = len(twilio.to(number))
    first = threading.Thread(target=post, args=(bot_url, sms_form(number, "my temples")))
    first.start()
    time.sleep(0.1)
    assert post(bot_url, sms_form(number, "and my neck too"))[0] == 200
    first.join()
    replies = bodies_when(twilio, number, before + 2)[before:]
    assert len(replies) == 2
    assert tracker(bot_url, number)["slots"]["location"] == ["temples", "neck_shoulders"]
    assert not any("didn't quite catch" in reply for reply in replies), replies
    assert "noted where it hurts" in replies[1] and "How long has this headache lasted" in replies[1]
    assert requested(bot_url, number) == "duration"


def test_a_numbered_reply_answers_the_question_with_buttons(bot_url, twilio):
    number = new_number()
    to_the_question(bot_url, number, "consent")        # asked with the booking
    assert any("Reply 1 for Yes, I agree" in b for b in bodies(twilio, number))
    assert text(bot_url, number, "1") == 200
    assert tracker(bot_url, number)["slots"]["consent"] is True
    assert requested(bot_url, number) == "patient_name"


def test_consent_not_understood_is_a_no_said_plainly(bot_url, twilio):
    number = new_number()
    to_the_question(bot_url, number, "consent")
    for answer in ("potato", "pineapple", "kettle"):
        if requested(bot_url, number) != "consent":
            break
        before = len(twilio.to(number))
        text(bot_url, number, answer)
    assert tracker(bot_url, number)["slots"]["consent"] is False
    assert "won't be kept with the booking" in bodies(twilio, number, before)[0]
    assert requested(bot_url, number) == "patient_name"      # the booking goes on


def test_an_emergency_mid_conversation_texts_999_first(bot_url, twilio):
    number = new_number()
    past_the_safety_check(bot_url, number)
    assert requested(bot_url, number) == "location"
    before = len(twilio.to(number))
    assert text(bot_url, number, EMERGENCY_MESSAGE) == 200
    [reply] = bodies(twilio, number, before)
    assert reply.startswith("Please don't wait: call 999 now")
    assert "{" not in reply and "headache_assessment" not in reply
    assert re.search(r'Why: you said "[^"]{1,60}"', reply), reply
    MEASURED["emergency reply (in words, mid-interview)"] = segment_count(reply)
    assert segment_count(reply) <= 3


SMS_ANSWERS = {
    "consent": "\U0001F44D",                     # a thumbs-up is a yes
    "location": "temples and the back of my neck", "duration": "since yestrday",
    "history": "months", "frequency": "about 4 days a month", "severity": "5",
    "triggers": "desk work and stress", "age": "38", "medication": "paracetamol twice a month",
    "booking_wanted": "yes please", "service": "1", "patient_name": "Zo\u00eb O\u2019Neil",
    # "use this number": a bare "this number" is read as a warning sign by the detector today
    "contact": "use this number", "preferred_time": "2",        # Weekday mornings
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
        before = len(twilio.to(number))
        text(bot_url, number, SMS_ANSWERS.get(slot) or "no")   # "no" to each warning question
        reply = bodies(twilio, number, before)
        assert not any("didn't quite catch" in b for b in reply), (slot, reply)
    sent = bodies(twilio, number)
    assert "booking_confirmed" in asked and "screen_emergency" in asked
    slots = tracker(bot_url, number)["slots"]
    assert slots["consent"] is True and slots["history"] == "longstanding"
    assert slots["duration"] >= 24
    # the short result: level, what to do now, factors in a line, the service, MORE
    [result] = [b for b in sent if "Reply MORE for details." in b]
    assert segment_count(result) <= 4, result
    assert "Likely contributing factors (not a diagnosis):" in result and "Suggested:" in result
    # the read-back: a curly apostrophe and a diaeresis echoed keep it GSM-7
    [read_back] = [b for b in sent if b.startswith("Please check:")]
    assert "name Zoe O'Neil" in read_back and is_gsm(read_back)
    assert "contact the number you are texting from" in read_back and number not in read_back
    [booking] = [b for b in sent if "reference is HB-" in b]
    reference = booking.split("reference is ")[1][:8]
    stored = records.bookings_for(conversation_id(number))
    assert [b["reference"] for b in stored] == [reference]
    assert stored[0]["phone"] == number and stored[0]["name"] == "Zo\u00eb O'Neil"
    assert stored[0]["preferred_time"] == "weekday mornings"
    assert number not in json.dumps(tracker(bot_url, number))   # never in the clear there
    assert all(len(b) <= 1600 and "{" not in b and is_gsm(b) for b in sent)
    MEASURED["self-care assessment with booking (whole conversation)"] = segments(twilio, number)
    MEASURED["self-care result (short form with the booking question)"] = segment_count(result)
    # MORE: the whole self-check, on request
    before = len(twilio.to(number))
    text(bot_url, number, "MORE")
    details = bodies(twilio, number, before)
    assert details[0].startswith("Your self-check in full:") and "Good news." in details[0]
    MEASURED["MORE (the whole self-check)"] = sum(map(segment_count, details))


def age_conversation(number: str, seconds: float) -> None:
    """Move the stored conversation of `number` `seconds` into the past (in the
    encrypted tracker store, as if its texts had come then)."""
    from sqlalchemy import text as sql

    from bot.storage import crypto, db

    with db.session_scope() as session:
        rows = session.execute(sql("SELECT id, timestamp, data FROM events WHERE sender_id = :s"),
                               {"s": conversation_id(number)}).all()
        for row in rows:
            data = json.loads(crypto.decrypt(row.data))
            data["timestamp"] -= seconds
            session.execute(sql("UPDATE events SET timestamp = :t, data = :d WHERE id = :i"),
                            {"t": row.timestamp - seconds, "d": crypto.encrypt(json.dumps(data)),
                             "i": row.id})


def test_a_texter_back_after_the_session_expired_is_told_a_new_check_starts(bot_url, twilio):
    number = new_number()
    past_the_safety_check(bot_url, number)
    age_conversation(number, 2 * 3600)                   # as if texted two hours ago
    before = len(twilio.to(number))
    text(bot_url, number, "1")
    [reply] = bodies(twilio, number, before)
    assert reply.startswith("Welcome back. It's been a while, so this is a new self-check: "
                            "your earlier answers are not used.")
    assert requested(bot_url, number) == "screen_emergency"


def test_a_numbered_reply_still_means_the_same_choice_after_a_restart(twilio, tmp_path):
    number = new_number()
    rasa_port, action_port = ports.rasa(ports.SMS_RESTART), ports.action(ports.SMS_RESTART)
    url = f"http://127.0.0.1:{rasa_port}"
    path = sms_credentials(twilio, tmp_path, f"{url}/webhooks/twilio_sms/webhook")
    with serve.running(rasa_port=rasa_port, action_port=action_port, credentials=path):
        to_the_question(url, number, "consent")
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


# A clinic in the US: one setting, HEADACHE_LOCALE

UK_SERVICES = re.compile(r"(?<!\d)(?:999|111|112)(?!\d)|A&E|\bGP\b|\+44")


def test_a_us_clinic_never_names_uk_services(twilio, tmp_path):
    rasa_port, action_port = ports.rasa(ports.SMS_US), ports.action(ports.SMS_US)
    url = f"http://127.0.0.1:{rasa_port}"
    path = sms_credentials(twilio, tmp_path, f"{url}/webhooks/twilio_sms/webhook")
    with serve.running(rasa_port=rasa_port, action_port=action_port, credentials=path,
                       extra_env={"HEADACHE_LOCALE": "en-US"}):
        emergency, urgent, booking = (new_number("+1201555") for _ in range(3))
        text(url, emergency, "hello, I get headaches")
        text(url, emergency, "2")
        assert bodies(twilio, emergency)[-1].startswith(
            "Your self-check: EMERGENCY.\nCall 911 now, or go to the nearest emergency room.")
        text(url, emergency, "my speech is slurred")
        assert bodies(twilio, emergency)[-1].startswith(
            "Please don't wait: call 911 now, or go to the nearest emergency room.")
        text(url, urgent, "hello, I get headaches")
        text(url, urgent, "none")
        text(url, urgent, "2")                       # cancer or a weakened immune system
        assert "urgent care" in bodies(twilio, urgent)[-1]
        text(url, booking, "hello, I get headaches")
        for _ in range(30):
            slot = requested(url, booking)
            if slot in (None, "contact"):
                break
            text(url, booking, {"consent": "1", "location": "temples", "duration": "2 hours",
                                "history": "for years", "frequency": "2 days a month",
                                "severity": "4", "triggers": "stress", "age": "40",
                                "medication": "none", "booking_wanted": "1",
                                "patient_name": "Sam Lee"}.get(slot, "none"))
        assert requested(url, booking) == "contact"
        text(url, booking, "12")
        assert "e.g. +1 201 555 0123" in bodies(twilio, booking)[-1]
        text(url, booking, "(201) 555-0199")         # no country code: a US number
        assert tracker(url, booking)["slots"]["contact"] == "+12015550199"
        sent = [b for n in (emergency, urgent, booking) for b in bodies(twilio, n)]
        assert sent and not [b for b in sent if UK_SERVICES.search(b)]
        assert any("911" in b for b in bodies(twilio, booking))       # the opening
        for page in ("/webchat/widget.js", "/kiosk/", "/demo/"):
            with urllib.request.urlopen(url + page, timeout=30) as answer:
                content = answer.read().decode()
            # the kiosk names no number at all (a waiting-room tablet: tell reception)
            assert page == "/kiosk/" or "911" in content
            assert not re.search(r"\b999\b", content), page
