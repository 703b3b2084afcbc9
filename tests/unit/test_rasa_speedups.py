"""The Rasa server's speed-ups keep Rasa's behaviour exactly (bot/rasa_speedups.py)."""
import jsonschema
import pytest
from rasa.core.actions.action import RemoteAction
from rasa.shared.core.events import Event
from rasa.shared.utils.common import all_subclasses

from bot import rasa_speedups

RESPONSES = [
    {"events": [{"event": "slot", "name": "age", "value": 40}], "responses": [{"text": "hi"}]},
    {"events": [], "responses": []},
    {},
    {"events": "not a list"},
    {"events": [{"no_event_key": 1}]},
    {"responses": [{"text": 3}]},
    {"events": [{"event": "slot", "name": "x", "value": None}], "responses": "nope"},
]


def _outcome(validate, result):
    try:
        return validate(None, result)
    except jsonschema.ValidationError as e:
        return ("error", e.message, list(e.path))


@pytest.mark.parametrize("result", RESPONSES)
def test_a_response_is_judged_as_rasa_judges_it(result):
    original = RemoteAction.__dict__["_validate_action_result"]
    if getattr(original, "headache_speedup", False):
        pytest.skip("already installed in this process")

    class Probe:
        action_response_format_spec = staticmethod(RemoteAction.action_response_format_spec)

    rasa_way = _outcome(lambda _, r: original(Probe(), r), result)
    ours = _outcome(lambda _, r: rasa_speedups._validate_action_result(Probe(), r), result)
    assert ours == rasa_way


def test_installed_once_and_only_on_the_rasa_it_was_written_for(monkeypatch):
    import rasa

    original = RemoteAction.__dict__["_validate_action_result"]
    resolve = Event.__dict__["resolve_by_type"]
    try:
        monkeypatch.setattr(rasa, "__version__", "9.9.9")
        assert rasa_speedups.install() is False
        assert RemoteAction.__dict__["_validate_action_result"] is original
        assert Event.__dict__["resolve_by_type"] is resolve
        monkeypatch.setattr(rasa, "__version__", rasa_speedups.RASA_VERSION)
        assert rasa_speedups.install() is True and rasa_speedups.install() is True
        assert RemoteAction.__dict__["_validate_action_result"] is rasa_speedups._validate_action_result
        assert Event.resolve_by_type is rasa_speedups._resolve_by_type
    finally:
        RemoteAction._validate_action_result = original
        Event.resolve_by_type = resolve


def _resolved(resolve, name, default=None):
    try:
        return resolve(name, default)
    except ValueError as e:
        return ("error", str(e))


@pytest.mark.parametrize("name", sorted({c.type_name for c in all_subclasses(Event)})
                         + ["topic", "no such event", ""])
def test_an_event_name_resolves_as_rasa_resolves_it(name):
    original = Event.__dict__["resolve_by_type"].__func__
    for default in (None, Event):
        assert _resolved(rasa_speedups._resolve_by_type, name, default) == \
            _resolved(original, name, default)
        assert _resolved(rasa_speedups._resolve_by_type, name, default) == \
            _resolved(original, name, default)     # and again, from the cache
