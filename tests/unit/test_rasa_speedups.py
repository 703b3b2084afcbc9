"""The Rasa server's speed-ups keep Rasa's behaviour exactly (bot/rasa_speedups.py)."""
import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
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
    # what our action server sends
    {"events": [{"event": "slot", "timestamp": None, "name": "age", "value": 40},
                {"event": "slot", "timestamp": None, "name": "screen_emergency",
                 "value": {"thunderclap": "no"}},
                {"event": "active_loop", "name": None}, {"event": "followup", "name": "x"},
                {"event": "bot", "text": "hi", "data": {"custom": {"type": "data_erased"}}}],
     "responses": [{"text": "x", "buttons": [], "custom": {"type": "choose_many"}}]},
    # faults the per-event check must still find
    {"events": [{"event": "slot", "value": 1}]},                      # no name
    {"events": [{"event": "slot", "name": 3, "value": 1}]},
    {"events": [{"event": "no such event"}]},
    {"events": [{"event": 7}]},
    {"events": ["slot"]},
    {"events": [{"event": "slot", "name": "a", "value": 1, "timestamp": "noon"}]},
    {"events": [{"event": "action", "name": "x", "confidence": "high"}]},
    {"events": [{"event": "user", "text": "hi", "parse_data": {"entities": [{"value": 1}]}}]},
    {"events": [{"event": "user", "text": "hi", "parse_data": {"response_selector": {
        "all_retrieval_intents": [], "faq": {"response": {"confidence": "x"}}}}}]},
    {"events": [{"event": "entities", "entities": "none"}]},
    {"events": [{"event": "bot", "metadata": []}]},
    {"events": [{"event": "slot", "name": "a", "value": 1}, {"event": "slot"}]},
    [],
    "events",
]


def _outcome(validate, result):
    try:
        return validate(None, result)
    except jsonschema.ValidationError as e:
        return ("error", e.message, list(e.path))


class _Probe:
    action_response_format_spec = staticmethod(RemoteAction.action_response_format_spec)


def _judged_alike(result):
    original = RemoteAction.__dict__["_validate_action_result"]
    if getattr(original, "headache_speedup", False):
        pytest.skip("already installed in this process")
    rasa_way = _outcome(lambda _, r: original(_Probe(), r), result)
    ours = _outcome(lambda _, r: rasa_speedups._validate_action_result(_Probe(), r), result)
    assert ours == rasa_way
    return rasa_way


@pytest.mark.parametrize("result", RESPONSES)
def test_a_response_is_judged_as_rasa_judges_it(result):
    _judged_alike(result)


EVENT_NAMES = sorted(alternative["properties"]["event"]["const"] for alternative in
                     RemoteAction.action_response_format_spec()["properties"]["events"]
                     ["items"]["oneOf"])
_VALUES = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False)
                       | st.text(max_size=3),
                       lambda inner: st.lists(inner, max_size=2)
                       | st.dictionaries(st.sampled_from(["name", "value", "confidence", "x"]),
                                         inner, max_size=2), max_leaves=4)
_EVENTS = st.fixed_dictionaries(
    {"event": st.sampled_from(EVENT_NAMES) | st.sampled_from(["nope", ""]) | _VALUES},
    optional={key: _VALUES for key in ("name", "value", "text", "timestamp", "metadata",
                                       "entities", "policy", "confidence", "hide_rule_turn",
                                       "action_text", "input_channel", "parse_data")})


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.fixed_dictionaries({}, optional={"events": st.lists(_EVENTS, max_size=4) | _VALUES,
                                           "responses": st.lists(_VALUES, max_size=2)}))
def test_any_response_is_judged_as_rasa_judges_it(result):
    _judged_alike(result)


def test_a_response_that_fits_is_not_walked_through_the_whole_schema(monkeypatch):
    fits = RESPONSES[7]
    assert _judged_alike(fits) is True

    def walked(*args, **kwargs):
        raise AssertionError("the whole schema was walked")

    monkeypatch.setattr(rasa_speedups._validator, "iter_errors", walked)
    assert rasa_speedups._validate_action_result(_Probe(), fits) is True


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
