"""Custom actions run inside the Rasa server when the action endpoint is
`in-process` (channels/in_process_actions.py): Rasa's own call in, Rasa's own
events and replies out, its rejection and failure as over HTTP, and nothing the
actions do reaching Rasa's tracker."""
from __future__ import annotations

import asyncio
import copy
import json
import logging

import pytest
from jsonschema import ValidationError
from rasa.core.actions.action import ActionExecutionRejection, RemoteAction
from rasa.core.channels.channel import CollectingOutputChannel
from rasa.core.nlg import TemplatedNaturalLanguageGenerator
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import BotUttered, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.exceptions import RasaException
from rasa.utils.endpoints import EndpointConfig
from rasa_sdk.interfaces import ActionExecutionRejection as SdkRejection

from channels import in_process_actions

DOMAIN = Domain.from_dict({"slots": {"pain": {"type": "any", "mappings": [{"type": "custom"}]}},
                           "actions": ["action_probe"]})


class Executor:
    """rasa-sdk's ActionExecutor as the wrapper sees it: `run(call)` -> response."""

    def __init__(self, answer=None, fails=None) -> None:
        self.calls, self.answer, self.fails = [], answer, fails

    async def run(self, call):
        self.calls.append(call)
        call["tracker"]["slots"]["pain"].append("changed by the action")   # must not reach Rasa
        if self.fails:
            raise self.fails
        return self.answer


@pytest.fixture
def installed(monkeypatch):
    monkeypatch.setattr(RemoteAction, "run", RemoteAction.run)   # restored afterwards

    def install(executor):
        in_process_actions.install(executor)
        return executor
    return install


def _run(url: str):
    tracker = DialogueStateTracker.from_events("someone", [
        UserUttered("my head hurts", {"name": "describe", "confidence": 1.0}),
        SlotSet("pain", ["throbbing"])], slots=DOMAIN.slots)
    action = RemoteAction("action_probe", EndpointConfig(url))
    events = asyncio.run(action.run(CollectingOutputChannel(),
                                    TemplatedNaturalLanguageGenerator(DOMAIN.responses),
                                    tracker, DOMAIN))
    return events, tracker


def test_an_action_runs_here_and_answers_as_over_http(installed):
    executor = installed(Executor({"events": [{"event": "slot", "name": "pain", "value": "dull"}],
                                   "responses": [{"text": "Thanks."}]}))
    events, tracker = _run(in_process_actions.IN_PROCESS)
    assert [type(e) for e in events] == [BotUttered, SlotSet]
    assert events[0].text == "Thanks." and events[1].value == "dull"
    call = executor.calls[0]
    assert call["next_action"] == "action_probe" and call["sender_id"] == "someone"
    assert call["tracker"]["latest_message"]["text"] == "my head hurts"
    # the action changed its copy only
    assert tracker.get_slot("pain") == ["throbbing"]


def test_a_rejection_is_rasa_s_rejection(installed):
    installed(Executor(fails=SdkRejection("action_probe", "not this one")))
    with pytest.raises(ActionExecutionRejection):
        _run(in_process_actions.IN_PROCESS)


def test_a_failure_is_rasa_s_failure_and_its_text_is_not_logged(installed, caplog):
    installed(Executor(fails=ValueError("my head hurts so much")))
    with caplog.at_level(logging.ERROR), pytest.raises(RasaException):
        _run(in_process_actions.IN_PROCESS)
    assert "action_probe" in caplog.text and "my head hurts" not in caplog.text


def test_an_actions_package_that_cannot_load_is_rasa_s_failure(installed, monkeypatch):
    # rasa-sdk exits when an actions module fails to import: a failed call, not a dead server
    def broken():
        raise SystemExit(1)
    monkeypatch.setattr(in_process_actions, "_executor", broken)
    installed(None)
    with pytest.raises(RasaException):
        _run(in_process_actions.IN_PROCESS)


def test_the_answer_arrives_as_json_would_bring_it(installed):
    shared = {"kind": "erased"}
    installed(Executor({"events": [{"event": "slot", "name": "pain", "value": ("a", "b")}],
                        "responses": [{"custom": shared}]}))
    events, _ = _run(in_process_actions.IN_PROCESS)
    assert events[1].value == ["a", "b"]                 # a tuple arrives as JSON's list
    events[0].data["custom"]["room"] = "someone's"       # a channel writing into a reply ...
    assert shared == {"kind": "erased"}                  # ... never reaches the action's own


def test_an_answer_json_cannot_carry_is_rasa_s_failure(installed):
    installed(Executor({"events": [{"event": "slot", "name": "pain", "value": {1, 2}}],
                        "responses": []}))
    with pytest.raises(RasaException):
        _run(in_process_actions.IN_PROCESS)


def test_an_answer_that_breaks_rasa_s_schema_is_refused(installed):
    installed(Executor({"events": [{"event": "no such event"}], "responses": []}))
    with pytest.raises(ValidationError):
        _run(in_process_actions.IN_PROCESS)


def test_any_other_endpoint_goes_over_http_as_before(installed, monkeypatch):
    executor = installed(Executor({"events": [], "responses": []}))
    with pytest.raises(RasaException):          # nothing listens there
        _run("http://127.0.0.1:9/webhook")
    assert executor.calls == []


class DomainWriter(Executor):
    """An action that tries to change the domain it was handed."""

    def __init__(self, change) -> None:
        super().__init__({"events": [], "responses": []})
        self.change = change

    async def run(self, call):
        self.calls.append(call)
        self.change(call["domain"])
        return self.answer


def test_the_domain_arrives_as_json_would_bring_it_once_per_model(installed):
    executor = installed(Executor({"events": [], "responses": []}))
    _run(in_process_actions.IN_PROCESS)
    _run(in_process_actions.IN_PROCESS)
    first, second = (call["domain"] for call in executor.calls)
    assert first == json.loads(json.dumps(DOMAIN.as_dict()))
    assert first is second                                   # made once, for this model
    assert first is not DOMAIN.as_dict()                     # never Rasa's own
    other = Domain.from_dict({"slots": {"pain": {"type": "any", "mappings": [{"type": "custom"}]}},
                              "actions": ["action_probe", "action_other"]})
    assert in_process_actions.read_only_domain(other.as_dict()) is not first   # a new model, a new copy


@pytest.mark.parametrize("change", [
    lambda d: d.__setitem__("actions", []),
    lambda d: d["actions"].append("action_sneaky"),
    lambda d: d["slots"]["pain"].update(type="text"),
    lambda d: d["slots"]["pain"]["mappings"].pop(),
    lambda d: d.pop("slots"),
])
def test_an_action_that_changes_the_domain_fails_and_changes_nothing(installed, change):
    installed(DomainWriter(change))
    with pytest.raises(RasaException):
        _run(in_process_actions.IN_PROCESS)
    assert in_process_actions.read_only_domain(DOMAIN.as_dict()) == json.loads(json.dumps(DOMAIN.as_dict()))


def test_a_copy_of_the_read_only_domain_is_an_ordinary_one():
    domain = in_process_actions.read_only_domain(DOMAIN.as_dict())
    mine = copy.deepcopy(domain)
    mine["actions"].append("action_mine")
    assert "action_mine" not in domain["actions"] and type(mine) is dict
    assert isinstance(domain, dict) and isinstance(domain["actions"], list)   # what rasa-sdk checks


def test_a_call_is_copied_whole_and_apart():
    call = {"tracker": {"events": [{"event": "user", "parse_data": {"entities": [{"value": "x"}]},
                                    "timestamp": 1.5}], "slots": {"locations": ["temples"], "age": None},
                        "paused": False}, "next_action": "validate_interview_form", "version": "3.6.21"}
    copied = in_process_actions.copy_of(call)
    assert copied == call
    copied["tracker"]["events"][0]["parse_data"]["entities"].append({"value": "y"})
    copied["tracker"]["slots"]["locations"].append("jaw")
    assert call["tracker"]["events"][0]["parse_data"]["entities"] == [{"value": "x"}]
    assert call["tracker"]["slots"]["locations"] == ["temples"]


def test_a_call_holding_other_objects_is_copied_too():
    import datetime

    when = datetime.datetime(2026, 12, 5, 21, 0)
    call = {"tracker": {"slots": {"when": when, "places": ["temples"]}}}
    copied = in_process_actions.copy_of(call)
    assert copied == call and copied["tracker"]["slots"]["places"] is not call["tracker"]["slots"]["places"]
