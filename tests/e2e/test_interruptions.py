"""Against the real servers: a warning sign at any moment of the interview or
the booking interrupts in the reply to that very message."""
from __future__ import annotations

import json
import urllib.parse
import urllib.request
import uuid

import pytest

from scripts import serve
from tests import ports

EMERGENCY_MESSAGE = "my face has gone numb on one side and my speech is slurred"
ANSWERS = {
    "consent": "yes", "location": "my temples", "duration": "a few hours",
    "history": "for years", "frequency": "a few times a month", "severity": "4",
    "triggers": "clenching my jaw", "age": "35", "medication": "none",
    "booking_wanted": "yes please", "service": "SMRT", "patient_name": "Sam Patel",
    "contact": "+44 7700 900123", "preferred_time": "Thursday morning",
}


@pytest.fixture(scope="module")
def bot():
    with serve.running(rasa_port=ports.rasa(ports.INTERRUPTIONS),
                       action_port=ports.action(ports.INTERRUPTIONS)) as url:
        yield Bot(url)


class Bot:
    def __init__(self, url: str):
        self.url = url

    def say(self, sender: str, text: str) -> list[dict]:
        request = urllib.request.Request(
            f"{self.url}/webhooks/rest/webhook?token={serve.api_token()}",
            data=json.dumps({"sender": sender, "message": text}).encode(),
            headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=30) as response:
            return json.loads(response.read())

    def requested(self, sender: str) -> str | None:
        return self.tracker(sender)["slots"].get("requested_slot")

    def tracker(self, sender: str) -> dict:
        sender = urllib.parse.quote(sender, safe="+")
        with urllib.request.urlopen(f"{self.url}/conversations/{sender}/tracker"
                                    f"?token={serve.api_token()}", timeout=30) as r:
            return json.loads(r.read())

    def walk_to(self, sender: str, stop_at: str) -> None:
        """Answer every question until `stop_at` is the one being asked."""
        self.say(sender, "hello, I get headaches")
        for _ in range(40):
            slot = self.requested(sender)
            if slot == stop_at:
                return
            assert slot, f"the conversation ended before {stop_at} was asked"
            self.say(sender, ANSWERS.get(slot, "no"))
        pytest.fail(f"{stop_at} was never asked")


def triage_of(reply: list[dict]) -> list[str]:
    return [m["custom"]["triage"] for m in reply
            if isinstance(m.get("custom"), dict) and m["custom"].get("type") == "headache_assessment"]


INTERVIEW = ["screen_emergency", "screen_urgent", "location", "duration", "history",
             "frequency", "severity", "triggers", "age", "medication", "screen_doctor"]
BOOKING = ["booking_wanted", "consent", "service", "patient_name", "contact", "preferred_time",
           "booking_confirmed"]


@pytest.mark.parametrize("slot", INTERVIEW + BOOKING)
def test_emergency_at_any_question_interrupts_at_once(bot: Bot, slot: str) -> None:
    sender = f"interrupt-{slot}-{uuid.uuid4().hex[:6]}"
    bot.walk_to(sender, slot)
    reply = bot.say(sender, EMERGENCY_MESSAGE)
    assert triage_of(reply) == ["emergency"], reply
    assert any("999" in (m.get("text") or "") for m in reply)
    assert bot.requested(sender) is None
    # and it stays an emergency whatever comes next
    later = bot.say(sender, "no")
    assert any("999" in (m.get("text") or "") for m in later)


def test_emergency_in_the_opening_message_skips_the_interview(bot: Bot) -> None:
    reply = bot.say(f"opening-{uuid.uuid4().hex[:6]}",
                    "sudden headache like being hit with a bat, worst ever, just now")
    assert triage_of(reply) == ["emergency"]


def test_question_inside_the_interview_is_answered_and_the_interview_resumes(bot: Bot) -> None:
    sender = f"faq-{uuid.uuid4().hex[:6]}"
    bot.walk_to(sender, "age")
    reply = bot.say(sender, "why do you need my age?")
    assert reply and bot.requested(sender) == "age"
    reply = bot.say(sender, "what is SMRT?")
    assert any("SMRT" in (m.get("text") or "") for m in reply)
    assert bot.requested(sender) == "age"


def test_stop_and_start_over(bot: Bot) -> None:
    sender = f"stop-{uuid.uuid4().hex[:6]}"
    bot.walk_to(sender, "severity")
    bot.say(sender, "stop")
    assert bot.requested(sender) is None
    bot.say(sender, "start over")
    bot.say(sender, "hi")
    assert bot.requested(sender) == "screen_emergency"


@pytest.mark.parametrize("slot", ["screen_emergency", "duration", "booking_wanted"])
def test_start_over_carrying_an_emergency_sign_gets_the_emergency_reply(bot: Bot, slot: str) -> None:
    """The held-out case that was missed: a sign in a message read as "start over"."""
    sender = f"restart-{slot}-{uuid.uuid4().hex[:6]}"
    bot.walk_to(sender, slot)
    reply = bot.say(sender, "start over, it started suddenly like a bomb going off in my head")
    assert triage_of(reply) == ["emergency"], reply


def test_start_over_never_forgets_a_warning_sign(bot: Bot) -> None:
    sender = f"keep-{uuid.uuid4().hex[:6]}"
    bot.walk_to(sender, "screen_emergency")
    bot.say(sender, "none")
    reply = bot.say(sender, "I'm 30 weeks pregnant")          # urgent: assessed at once
    assert triage_of(reply) == ["urgent"]
    bot.say(sender, "start over")
    again = " ".join(m.get("text") or "" for m in bot.say(sender, "hello again"))
    assert "today" in again and bot.requested(sender) == "screen_emergency"
    assert triage_of(bot.say(sender, "none")) == ["urgent"]


def test_an_urgent_sign_in_the_opening_gets_todays_advice_at_once(bot: Bot) -> None:
    sender = f"urgent-{uuid.uuid4().hex[:6]}"
    reply = bot.say(sender, "I'm 32 weeks pregnant and my headache won't shift, my ankles are puffy")
    text = " ".join(m.get("text") or "" for m in reply)
    assert "today" in text and bot.requested(sender) == "screen_emergency"
    assert triage_of(bot.say(sender, "none of these")) == ["urgent"]


@pytest.mark.parametrize("slot, answer, taken", [
    # guessed "stop" at low confidence by the classifier: an answer all the same
    ("duration", "end of a shift till i go to sleep", None),
    # guessed "are you a doctor?": a place, in Spanish
    ("location", "alrededor de toda la cabeza, como una banda, desde la frente hasta la nuca", ["band"]),
])
def test_an_answer_is_never_taken_for_a_command_or_a_question(bot: Bot, slot: str, answer: str, taken) -> None:
    sender = f"e2e-answer-{uuid.uuid4().hex[:8]}"
    bot.walk_to(sender, slot)
    text = " ".join(m.get("text", "") for m in bot.say(sender, answer))
    assert "stopped" not in text and "not a doctor" not in text
    assert bot.requested(sender) not in (None, "screen_emergency")
    if taken is not None:
        assert set(taken) <= set(bot.tracker(sender)["slots"][slot] or [])


@pytest.mark.parametrize("again, next_slot", [("actually, can I book after all?", "booking_wanted"),
                                              ("SMRT", "consent")])   # then the details
def test_a_booking_declined_can_be_asked_for_after_all(bot: Bot, again: str, next_slot: str) -> None:
    """"You can come back and book at any time" holds: asked for later, the booking starts."""
    sender = f"rebook-{uuid.uuid4().hex[:6]}"
    bot.walk_to(sender, "booking_wanted")
    bot.say(sender, "no thanks")
    assert bot.requested(sender) is None
    bot.say(sender, again)
    assert bot.requested(sender) == next_slot
