"""The REST channel's request checks and the delivery every channel shares
(channels/rest.py, channels/delivery.py): nothing a caller sends makes a 500,
a message over the limit is answered with the limit, a failure is answered
with a plain notice (and the emergency advice when there is a warning sign)."""
from __future__ import annotations

import json

import pytest
from rasa.core.channels.channel import CollectingOutputChannel, UserMessage

from bot import service_notice
from channels import delivery, rest

EMERGENCY_MESSAGE = "my face has gone numb on one side and my speech is slurred"


@pytest.mark.parametrize("body, reason", [
    (b"", "JSON object"), (b"[]", "JSON object"), (b"null", "JSON object"), (b'"hi"', "JSON object"),
    (b"{", "JSON object"), (b"\xff\xfe", "JSON object"), (b"[" * 100000, "JSON object"),
    (b'{"message": "hi"}', "sender"), (b'{"sender": "", "message": "hi"}', "sender"),
    (b'{"sender": 42, "message": "hi"}', "sender"), (b'{"sender": "a\\u0000b", "message": "x"}',
                                                      "printable"),
    (json.dumps({"sender": "x" * 129, "message": "hi"}).encode(), "printable"),
    (b'{"sender": "me"}', "message"), (b'{"sender": "me", "message": ["hi"]}', "message"),
    (b'{"sender": "me", "message": null}', "message"),
])
def test_a_malformed_request_is_refused_with_a_reason(body, reason):
    fields, why = rest.read_message(body)
    assert fields is None and reason in why


def test_the_caller_cannot_claim_a_channel_and_odd_metadata_is_dropped():
    fields, _ = rest.read_message(json.dumps({
        "sender": "me", "message": "hi", "input_channel": "kiosk", "metadata": "x"}).encode())
    assert fields == {"sender": "me", "message": "hi", "metadata": {}}


@pytest.mark.parametrize("given, expected, ok", [
    ("right", "right", True), ("wrong", "right", False), ("", "right", False),
    ("right", None, False), ("ünïcödé", "right", False), ("😀", "😀", True), ("\x00", "right", False),
])
def test_the_api_token_check(given, expected, ok):
    assert rest.token_ok(given, expected) is ok


async def test_a_handled_message_needs_no_notice():
    async def bot(message):
        await message.output_channel.send_text_message(message.sender_id, "hello")

    collector = CollectingOutputChannel()
    assert await delivery.deliver(bot, UserMessage("hi", collector, "me")) is None
    assert collector.messages[0]["text"] == "hello"


async def test_a_message_over_the_limit_is_not_processed_and_the_limit_is_said():
    called = []

    async def bot(message):
        called.append(message)

    reply = await delivery.deliver(bot, UserMessage("x" * 1001, None, "me"))
    assert called == [] and "1,000 characters" in reply[-1]
    assert await delivery.deliver(bot, UserMessage("x" * 1000, None, "me")) is None


@pytest.mark.parametrize("failure", [RuntimeError("boom"), delivery.ServiceProblem("store")])
async def test_any_failure_is_a_plain_notice_with_the_emergency_advice(failure):
    async def bot(message):
        raise failure

    reply = await delivery.deliver(bot, UserMessage(EMERGENCY_MESSAGE, None, "me"))
    assert "999" in reply[0] and reply[-1] == service_notice.SERVICE_PROBLEM
    reply = await delivery.deliver(bot, UserMessage("my temples ache", None, "me"))
    assert reply == [service_notice.SERVICE_PROBLEM]


async def test_a_tracker_store_failure_inside_a_message_aborts_it():
    async def bot(message):
        try:
            delivery.note_failure(OSError("database down"))
        except Exception:   # what Rasa's fail-safe tracker store would do
            pass

    with pytest.raises(delivery.ServiceProblem):
        # outside deliver() nothing is noted, inside it the turn is aborted
        delivery._failures.set([])
        delivery.note_failure(OSError("x"))
    delivery._failures.set(None)
    reply = await delivery.deliver(bot, UserMessage("hi", None, "me"))
    assert reply == [service_notice.SERVICE_PROBLEM]


def test_outside_a_message_a_failure_is_only_noted_by_the_caller():
    assert delivery.note_failure(OSError("x")) is None


@pytest.mark.parametrize("text, expected", [
    ("\ud800", "\ufffd"), ("a\udfffb", "a\ufffdb"), ("😀 é \u202e", "😀 é \u202e"), ("", "")])
def test_text_no_encoder_accepts_is_repaired_before_anything_reads_it(text, expected):
    assert delivery.clean(text) == expected
    expected.encode("utf-8")


async def test_a_lone_surrogate_reaches_the_assistant_as_a_replacement_character():
    seen = []

    async def bot(message):
        seen.append(message.text)
        message.text.encode("utf-8")

    assert await delivery.deliver(bot, UserMessage("my head \ud83d hurts", None, "me")) is None
    assert seen == ["my head \ufffd hurts"]


@pytest.mark.parametrize("text", ["", " ", "\n\t ", "\u3000"])
async def test_a_message_with_nothing_in_it_is_answered_without_the_assistant(text):
    called = []

    async def bot(message):
        called.append(message)

    assert await delivery.deliver(bot, UserMessage(text, None, "me")) == [
        service_notice.NOTHING_WRITTEN]
    assert called == []


# A failed custom action call (its action server died mid-call) is answered

@pytest.fixture
def answered_failures(monkeypatch):
    from rasa.core.actions.action import RemoteAction
    from rasa.shared.core.domain import Domain

    from channels.responses import LocaleResponses

    monkeypatch.setattr(RemoteAction, "run", RemoteAction.run)   # undone after the test
    delivery.answer_failed_action_calls()
    delivery.answer_failed_action_calls()      # installing twice wraps once
    domain = Domain.load("domain.yml")
    return domain, LocaleResponses(domain=domain)


async def test_an_action_server_that_is_gone_gets_please_send_it_again(answered_failures,
                                                                      unused_tcp_port):
    from rasa.core.actions.action import RemoteAction
    from rasa.shared.core.trackers import DialogueStateTracker
    from rasa.shared.exceptions import RasaException
    from rasa.utils.endpoints import EndpointConfig

    domain, nlg = answered_failures
    gone = EndpointConfig(f"http://127.0.0.1:{unused_tcp_port}/webhook")   # nobody listens
    output = CollectingOutputChannel()
    with pytest.raises(RasaException):    # Rasa's own handling of the failure goes on
        await RemoteAction("validate_headache_form", gone).run(
            output, nlg, DialogueStateTracker("me", domain.slots), domain)
    [message] = output.messages
    assert "send it again" in message["text"] and "{emergency_number}" not in message["text"]


async def test_a_rejected_action_call_is_not_a_failure(answered_failures, monkeypatch):
    from rasa.core.actions.action import ActionExecutionRejection, RemoteAction
    from rasa.shared.core.trackers import DialogueStateTracker
    from rasa.utils.endpoints import EndpointConfig

    domain, nlg = answered_failures

    async def rejected(self, **request):
        raise ActionExecutionRejection(self.name())

    action = RemoteAction("validate_headache_form", EndpointConfig("http://127.0.0.1:9/webhook"))
    monkeypatch.setattr(action.action_endpoint, "request", rejected.__get__(action))
    output = CollectingOutputChannel()
    with pytest.raises(ActionExecutionRejection):
        await action.run(output, nlg, DialogueStateTracker("me", domain.slots), domain)
    assert output.messages == []
