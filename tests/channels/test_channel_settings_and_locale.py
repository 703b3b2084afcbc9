"""Channel plumbing without servers: one rule for every setting, the domain's
responses and the web pages in the clinic's locale, the SMS outbox and replay
memory (channels/settings.py, responses.py, webchat.py, sms.py)."""
from __future__ import annotations

import asyncio
import re
import time
from pathlib import Path

import pytest
from rasa.shared.core.domain import Domain
from rasa.shared.core.trackers import DialogueStateTracker

from channels import responses, rest, sms, webchat

ROOT = Path(__file__).resolve().parents[2]
SMS_CREDENTIALS = {"account_sid": "AC-file", "auth_token": "token-file", "twilio_number": "+1500",
                   "api_base_url": "https://file.example", "public_url": ""}


# One rule: the environment, when set, wins; else credentials.yml; else the default

@pytest.fixture
def clean_environment(monkeypatch):
    for variable in [*sms.SETTINGS.values(), "HEADACHE_API_TOKEN", "HEADACHE_SESSION_SECRET",
                     "HEADACHE_KIOSK_TOKENS"]:
        monkeypatch.delenv(variable, raising=False)
    return monkeypatch


def test_the_environment_overrides_credentials_yml(clean_environment):
    clean_environment.setenv("TWILIO_API_BASE_URL", "http://127.0.0.1:9999")
    clean_environment.setenv("TWILIO_AUTH_TOKEN", "token-env")
    channel = sms.TwilioSmsInput.from_credentials(SMS_CREDENTIALS)
    assert channel.sender.api_base_url == "http://127.0.0.1:9999"
    assert channel.auth_token == "token-env"
    assert channel.sender.account_sid == "AC-file"      # not set in the environment


def test_credentials_yml_then_the_default(clean_environment):
    channel = sms.TwilioSmsInput.from_credentials({**SMS_CREDENTIALS, "api_base_url": ""})
    assert channel.sender.api_base_url == sms.DEFAULT_API_BASE_URL
    assert channel.sender.account_sid == "AC-file"
    clean_environment.setenv("TWILIO_ACCOUNT_SID", "   ")           # blank is unset
    assert sms.TwilioSmsInput.from_credentials(SMS_CREDENTIALS).sender.account_sid == "AC-file"


def test_the_repositorys_credentials_leave_the_twilio_api_to_the_environment(clean_environment):
    import yaml

    configured = yaml.safe_load((ROOT / "credentials.yml").read_text())
    clean_environment.setenv("TWILIO_API_BASE_URL", "http://127.0.0.1:9999")
    channel = sms.TwilioSmsInput.from_credentials(configured["channels.sms.TwilioSmsInput"])
    assert channel.sender.api_base_url == "http://127.0.0.1:9999"


def test_the_same_rule_for_the_rest_and_web_channels(clean_environment):
    assert rest.TrustedRestInput.from_credentials({"token": "from-file"}).token == "from-file"
    clean_environment.setenv("HEADACHE_API_TOKEN", "from-env")
    assert rest.TrustedRestInput.from_credentials({"token": "from-file"}).token == "from-env"
    clean_environment.setenv("HEADACHE_KIOSK_TOKENS", "tablet-env")
    kiosk = webchat.KioskInput.from_credentials({"session_secret": "s", "device_tokens": "tablet-file"})
    assert kiosk.device_tokens == webchat.web_session.parse_device_tokens("tablet-env")


# The domain's responses and the pages, in the clinic's locale

def generated(response: str, channel: str = "collector") -> str:
    nlg = responses.LocaleResponses(domain=Domain.load(str(ROOT / "domain.yml")))
    tracker = DialogueStateTracker("someone", [])
    return asyncio.run(nlg.generate(response, tracker, channel))["text"]


@pytest.mark.parametrize("locale, number, department, urgent", [
    ("en-GB", "999", "A&E", "call 111"), ("en-US", "911", "emergency room", "urgent care")])
def test_the_domains_responses_name_the_clinics_services(monkeypatch, locale, number,
                                                        department, urgent):
    monkeypatch.setenv("HEADACHE_LOCALE", locale)
    reminder = generated("utter_emergency_reminder")
    assert f"call {number} now" in reminder and department in reminder
    assert urgent in generated("utter_urgent_first")
    assert number in generated("utter_intro") and "{" not in generated("utter_intro")
    assert "e.g. +4" in generated("utter_invalid_contact") or locale == "en-US"
    if locale == "en-US":
        texts = " ".join(generated(r) for r in ("utter_emergency_reminder", "utter_urgent_first",
                                                 "utter_intro", "utter_invalid_contact"))
        assert not re.search(r"\b999\b|A&E|\b111\b|\+44", texts)


def test_the_sms_opening_says_how_to_stop_and_get_help():
    opening = generated("utter_intro", "twilio_sms")
    assert "STOP" in opening and "HELP" in opening and "999" in opening


def test_values_an_action_passes_still_fill_their_placeholders():
    nlg = responses.LocaleResponses(domain=Domain.load(str(ROOT / "domain.yml")))
    reply = asyncio.run(nlg.generate("utter_booking_stored", DialogueStateTracker("x", []),
                                     "collector", reference="HB-7K2QX"))
    assert "HB-7K2QX" in reply["text"]


def test_the_pages_carry_the_clinics_emergency_number():
    for name in ("demo.html", "kiosk.html", "widget.js"):
        page = webchat.with_emergency_number((webchat.STATIC / name).read_text(), "911")
        assert not re.search(r'data-emergency-number="(?!911")', page)
        assert 'emergencyNumber: data.emergencyNumber || "999"' not in page
        assert "call 999" not in page
    widget = webchat.with_emergency_number((webchat.STATIC / "widget.js").read_text(), "911")
    assert 'emergencyNumber: data.emergencyNumber || "911"' in widget


# The SMS outbox, replay memory and sessions

class SlowSender:
    def __init__(self):
        self.sent: list[tuple[str, str]] = []

    async def send(self, to, bodies):
        for body in bodies:
            await asyncio.sleep(0.05 if body.startswith("slow") else 0)
            self.sent.append((to, body))
        return len(bodies)


def test_replies_are_sent_in_order_per_number_whatever_the_speed():
    async def scenario():
        sender = SlowSender()
        outbox = sms.Outbox(sender)
        outbox.post("+1", ["slow first"])
        outbox.post("+2", ["other number"])
        outbox.post("+1", ["second"])
        outbox.post("+1", [])
        await outbox.idle()
        return sender.sent

    sent = asyncio.run(scenario())
    assert [body for to, body in sent if to == "+1"] == ["slow first", "second"]
    assert sent[0] == ("+2", "other number")          # one number never waits for another


def test_a_failing_send_does_not_stop_the_next_reply():
    class Failing(SlowSender):
        async def send(self, to, bodies):
            if bodies == ["boom"]:
                raise RuntimeError("Twilio down")
            return await super().send(to, bodies)

    async def scenario():
        sender = Failing()
        outbox = sms.Outbox(sender)
        outbox.post("+1", ["boom"])
        outbox.post("+1", ["after"])
        await outbox.idle()
        return sender.sent

    assert asyncio.run(scenario()) == [("+1", "after")]


def test_a_message_id_is_remembered_until_many_newer_ones():
    recent = sms.RecentIds(limit=3)
    assert recent.first_time("a") and not recent.first_time("a")
    for key in "bcd":
        assert recent.first_time(key)
    assert recent.first_time("a")            # forgotten after 3 newer ones (the database remains)


@pytest.mark.parametrize("age_minutes, expected", [(59, False), (61, True)])
def test_a_session_expires_after_its_idle_time(age_minutes, expected):
    now = time.time()
    events = [{"event": "user", "timestamp": now - 3 * 3600},
              {"event": "user", "timestamp": now - age_minutes * 60},
              {"event": "bot", "timestamp": now - 10}]
    assert sms.session_expired(events, 60, now=now) is expected
    assert sms.session_expired([], 60, now=now) is False
    assert sms.session_expired(events, 0, now=now) is False


@pytest.mark.parametrize("value, expected", [(None, 0), ("0", 0), ("2", 2), ("x", 0), ("-1", 0)])
def test_pictures_are_counted_from_num_media(value, expected):
    assert sms.media_count(value) == expected
