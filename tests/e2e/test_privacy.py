"""Privacy against the real servers: "delete my data" at any point really
erases (checked in the database right after the server saved the turn), the
tracker store's copy is encrypted, a conversation not kept with a booking does not
outlive its session, and the widget gets a new session after erasure."""
from __future__ import annotations

import time
import uuid

import pytest
from sqlalchemy import text

from bot.storage import crypto, db, retention
from channels.web_session import WEBCHAT_CHANNEL, channel_key, issue
from scripts import serve
from tests import ports
from tests.e2e.socket_client import WidgetClient, token_of
from tests.e2e.test_interruptions import ANSWERS, Bot

NAME = "Zebulon Quartermaine"
OPENING = f"hello, I'm {NAME} and I get headaches"


LOGS = ("rasa.log", "actions.log")
LOG_START: dict[str, int] = {}


@pytest.fixture(scope="module")
def bot():
    for name in LOGS:
        path = serve.VAR / "log" / name
        LOG_START[name] = path.stat().st_size if path.exists() else 0
    # DEBUG on purpose: nothing personal may reach the logs at any level.
    with serve.running(rasa_port=ports.rasa(ports.PRIVACY),
                       action_port=ports.action(ports.PRIVACY),
                       extra_env={"LOG_LEVEL": "DEBUG"}) as url:
        yield Bot(url)


def stored(sender: str, url: str | None = None) -> dict[str, list]:
    """What the database holds for `sender`, decrypted."""
    with db.session_scope(url) as session:
        events = session.execute(text("SELECT data FROM events WHERE sender_id = :s"),
                                 {"s": sender}).scalars().all()
        assessments = session.execute(text(
            "SELECT id FROM assessments WHERE conversation_id = :s"), {"s": sender}).all()
        bookings = session.execute(text(
            "SELECT id FROM booking_requests WHERE conversation_id = :s"), {"s": sender}).all()
    return {"events": [crypto.decrypt(data) for data in events], "raw": events,
            "assessments": assessments, "bookings": bookings}


def walk(bot: Bot, sender: str, stop_at: str) -> None:
    bot.say(sender, OPENING)
    walk_on(bot, sender, stop_at)


def walk_on(bot: Bot, sender: str, stop_at: str) -> None:
    """Answer on from where the conversation is until `stop_at` is asked."""
    for _ in range(40):
        slot = bot.requested(sender)
        if slot == stop_at:
            return
        assert slot, f"the conversation ended before {stop_at} was asked"
        bot.say(sender, ANSWERS.get(slot, "no"))
    pytest.fail(f"{stop_at} was never asked")


def assert_erased(bot: Bot, sender: str, reply: list[dict]) -> None:
    assert any("deleted" in (m.get("text") or "") for m in reply), reply
    # The reply came after the server saved the turn: nothing may be left.
    left = stored(sender)
    assert left["events"] == [] and left["assessments"] == [] and left["bookings"] == []
    bot.say(sender, "thanks")
    again = stored(sender)
    assert again["events"], "the next message starts a new, empty conversation"
    assert not any(NAME in event or "Sam Patel" in event for event in again["events"])
    assert NAME not in str(bot.tracker(sender))


@pytest.mark.parametrize("point", ["screen_emergency", "consent", "location", "age",
                                   "service", "patient_name", "booking_confirmed"])
def test_delete_my_data_inside_either_form_erases_everything(bot, point):
    sender = f"erase-{point}-{uuid.uuid4().hex[:6]}"
    walk(bot, sender, point)
    before = stored(sender)
    assert any(NAME in event for event in before["events"])   # it was stored, encrypted
    assert all(crypto.is_encrypted(raw) for raw in before["raw"])
    assert_erased(bot, sender, bot.say(sender, "delete my data"))


def test_after_an_emergency_the_erasure_is_honoured_too(bot):
    sender = f"erase-emergency-{uuid.uuid4().hex[:6]}"
    reply = bot.say(sender, f"{OPENING}, and now my face has dropped on one side")
    assert any("999" in (m.get("text") or "") for m in reply), reply
    assert_erased(bot, sender, bot.say(sender, "delete my data"))


# Against the trained model: texts the classifier may guess as erasure but that are
# answers, states or corrections keep the conversation; requests in other words erase it.
NOT_REQUESTS = ["I'm answering for someone else", "I'll give my info at reception",
                "se me borra la memoria a ratos", "oops delete that, I meant the forehead"]
REQUESTS = ["wipe everything I told you", "borra todo lo que te dije", "please get rid of what I typed"]


@pytest.mark.parametrize("said", NOT_REQUESTS)
def test_what_only_sounds_like_erasure_never_erases(bot, said):
    sender = f"keep-{uuid.uuid4().hex[:6]}"
    walk(bot, sender, "location")
    reply = bot.say(sender, said)
    assert not any("deleted" in (m.get("text") or "") for m in reply), reply
    assert any(NAME in event for event in stored(sender)["events"])


@pytest.mark.parametrize("said", REQUESTS)
def test_a_request_in_other_words_erases(bot, said):
    sender = f"erase-words-{uuid.uuid4().hex[:6]}"
    walk(bot, sender, "location")
    assert_erased(bot, sender, bot.say(sender, said))


def test_after_a_booking_and_outside_the_forms_too(bot):
    sender = f"erase-after-{uuid.uuid4().hex[:6]}"
    walk(bot, sender, "booking_confirmed")
    bot.say(sender, "yes")
    assert stored(sender)["bookings"] and stored(sender)["assessments"]
    assert_erased(bot, sender, bot.say(sender, "please erase my information"))


def test_after_stop_the_erasure_is_true_a_second_later_too(bot):
    sender = f"erase-stop-{uuid.uuid4().hex[:6]}"
    walk(bot, sender, "severity")
    bot.say(sender, "stop")
    reply = bot.say(sender, "delete my data")
    time.sleep(1)   # issue 8: "one second later the events table still holds every event"
    assert_erased(bot, sender, reply)


def test_the_database_file_never_holds_the_name_in_clear(bot):
    sender = f"clear-{uuid.uuid4().hex[:6]}"
    walk(bot, sender, "location")
    for path in serve.VAR.glob("headache.db*"):
        assert NAME.encode() not in path.read_bytes(), path.name


@pytest.mark.parametrize("consent, booked, kept", [("yes", True, True), ("no", True, False),
                                                   ("yes", False, False)])
def test_only_answers_kept_with_a_booking_outlive_the_session(bot, consent, booked, kept):
    sender = f"consent-{consent}-{booked}-{uuid.uuid4().hex[:6]}"
    walk(bot, sender, "consent")        # asked with a booking
    bot.say(sender, consent)
    if booked:
        walk_on(bot, sender, "booking_confirmed")
        bot.say(sender, "yes")
        assert stored(sender)["bookings"]
        assert bool(stored(sender)["assessments"]) is (consent == "yes")
    else:
        bot.say(sender, "stop")          # agreed, then no booking after all
    assert stored(sender)["events"]
    # The session is over (idle longer than a session): the sweep the run
    # command schedules.
    retention.run(session=0)
    assert bool(stored(sender)["events"]) is kept


async def test_the_widget_gets_a_new_session_after_erasure(bot):
    async with WidgetClient(bot.url) as client:
        first = await client.session()
        await client.say(first, OPENING)
        reply_task = client.say(first, "delete my data")
        replies = await reply_task
        second = token_of(await client.confirms.get())
        assert second != first
        assert any("deleted" in (m.get("text") or "") for m in replies)
        session_id = first.split(".")[0]
        assert stored(session_id)["events"] == []
        # The new session works, and the old token now speaks for nobody.
        replies = await client.say(second, "hello, I get headaches")
        assert any("self-check" in (m.get("text") or "") for m in replies)


async def test_a_message_with_an_expired_token_is_answered_in_a_new_session(bot):
    secret = channel_key(serve.secrets_env()["HEADACHE_SESSION_SECRET"].encode(),
                         WEBCHAT_CHANNEL)
    async with WidgetClient(bot.url) as client:
        old = issue(secret, now=time.time() - 13 * 3600)   # older than 12 hours
        fresh = await client.session(old)
        assert fresh != old                               # the old token was not resumed
        replies = await client.say(old, "hello, I get headaches")
        confirm = await client.confirms.get()
        assert confirm["carried"] == "hello, I get headaches"
        assert token_of(confirm) not in (old, fresh)
        assert any("self-check" in (m.get("text") or "") for m in replies), replies


def test_at_debug_level_the_logs_hold_no_message_text_name_contact_or_token(bot):
    """Last in this module: every conversation above was logged at DEBUG."""
    secrets = [NAME, "Zebulon", "Quartermaine", "Sam Patel", "7700 900123", "7700900123",
               "Thursday morning", "my temples", serve.api_token(),
               serve.secrets_env()["HEADACHE_ACTION_TOKEN"]]
    for name in LOGS:
        log = (serve.VAR / "log" / name).read_bytes()[LOG_START[name]:].decode(errors="replace")
        assert "debug message" in log or name == "actions.log"   # DEBUG was really on
        for secret in secrets:
            assert secret not in log, (name, secret)
