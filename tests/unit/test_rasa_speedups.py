"""The Rasa server's speed-ups keep Rasa's behaviour exactly (bot/rasa_speedups.py)."""
import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rasa.core.actions.action import RemoteAction
from rasa.shared.core.events import (ActionExecuted, ActionReverted, ActiveLoop, Event, Restarted,
                                     SessionStarted, SlotSet, UserUttered, UserUtteranceReverted)
from rasa.shared.core.slots import Slot
from rasa.shared.core.trackers import DialogueStateTracker
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
    applied = DialogueStateTracker.__dict__["applied_events"]
    saved = rasa_speedups._rasa_applied_events
    slot_copy = Slot.__dict__.get("__copy__")
    state = DialogueStateTracker.__dict__["current_state"]
    try:
        monkeypatch.setattr(rasa, "__version__", "9.9.9")
        assert rasa_speedups.install() is False
        assert RemoteAction.__dict__["_validate_action_result"] is original
        assert Event.__dict__["resolve_by_type"] is resolve
        assert DialogueStateTracker.__dict__["applied_events"] is applied
        assert Slot.__dict__.get("__copy__") is slot_copy
        assert DialogueStateTracker.__dict__["current_state"] is state
        monkeypatch.setattr(rasa, "__version__", rasa_speedups.RASA_VERSION)
        assert rasa_speedups.install() is True and rasa_speedups.install() is True
        assert RemoteAction.__dict__["_validate_action_result"] is rasa_speedups._validate_action_result
        assert Event.resolve_by_type is rasa_speedups._resolve_by_type
        assert DialogueStateTracker.applied_events is rasa_speedups._applied_events
        assert rasa_speedups._rasa_applied_events is applied     # never the speed-up itself
        if slot_copy is None:
            assert Slot.__dict__["__copy__"] is rasa_speedups._copy_slot
        assert DialogueStateTracker.current_state is rasa_speedups._current_state
    finally:
        DialogueStateTracker.current_state = state
        if slot_copy is None:
            Slot.__dict__.get("__copy__") and delattr(Slot, "__copy__")
        RemoteAction._validate_action_result = original
        Event.resolve_by_type = resolve
        DialogueStateTracker.applied_events = applied
        rasa_speedups._rasa_applied_events = saved


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


# A conversation with everything applied_events undoes or restarts on: a form's loop and
# its unhappy path, a reverted action, a reverted user message, a restart, a new session.
_CONVERSATION = [
    ActionExecuted("action_session_start"), SessionStarted(), ActionExecuted("action_listen"),
    UserUttered("hi", {"name": "greet"}), ActionExecuted("utter_greet"),
    ActionExecuted("action_listen"), UserUttered("my head hurts", {"name": "describe"}),
    ActionExecuted("interview_form"), ActiveLoop("interview_form"), SlotSet("age", 40),
    ActionExecuted("action_listen"), UserUttered("40", {"name": "inform"}),
    ActionExecuted("interview_form"), SlotSet("sex", "f"), ActionExecuted("action_listen"),
    UserUttered("why?", {"name": "ask_why"}), ActionExecuted("utter_why"),
    ActionExecuted("interview_form"), ActionExecuted("action_listen"),
    UserUttered("oops", {"name": "inform"}), UserUtteranceReverted(),
    ActionExecuted("utter_x"), ActionReverted(), ActionExecuted("interview_form"),
    ActiveLoop(None), ActionExecuted("action_listen"), UserUttered("restart", {"name": "restart"}),
    Restarted(), ActionExecuted("action_listen"), UserUttered("again", {"name": "greet"}),
    SessionStarted(), ActionExecuted("action_listen"),
]


@pytest.mark.parametrize("max_history, every", [(None, 1), (6, 1), (None, 2), (None, 3), (6, 4)])
def test_applied_events_are_rasa_s_after_every_event(monkeypatch, max_history, every):
    original = DialogueStateTracker.__dict__["applied_events"]
    if getattr(original, "headache_speedup", False):
        original = rasa_speedups._rasa_applied_events
    monkeypatch.setattr(rasa_speedups, "_rasa_applied_events", original)
    tracker = DialogueStateTracker("someone", slots=[], max_event_history=max_history)
    for k, event in enumerate(_CONVERSATION):
        tracker.update(event)
        if k % every:
            continue                 # several events appended between two calls
        expected = original(tracker)
        first = rasa_speedups._applied_events(tracker)
        assert first == expected
        first.append(UserUttered("a caller's own change"))        # never reaches the next caller
        second = rasa_speedups._applied_events(tracker)
        assert second == expected
        second.append(UserUttered("a caller's own change"))
        assert rasa_speedups._applied_events(tracker) == expected
    tracker.events = tracker._create_events(list(tracker.events)[:3])   # the deque replaced
    assert rasa_speedups._applied_events(tracker) == original(tracker)


def test_a_bounded_history_that_sees_an_event_again_is_walked_again(monkeypatch):
    original = DialogueStateTracker.__dict__["applied_events"]
    if getattr(original, "headache_speedup", False):
        original = rasa_speedups._rasa_applied_events
    monkeypatch.setattr(rasa_speedups, "_rasa_applied_events", original)
    tracker = DialogueStateTracker("someone", slots=[], max_event_history=3)
    again = ActionExecuted("utter_x")
    for event in (ActionExecuted("action_listen"), UserUttered("hi"), again):
        tracker.update(event)
    rasa_speedups._applied_events(tracker)
    tracker.update(again)               # the oldest dropped, the same object appended again
    assert rasa_speedups._applied_events(tracker) == original(tracker)


def test_applied_events_are_computed_once_per_state(monkeypatch):
    calls = []
    original = DialogueStateTracker.__dict__["applied_events"]
    if getattr(original, "headache_speedup", False):
        original = rasa_speedups._rasa_applied_events
    monkeypatch.setattr(rasa_speedups, "_rasa_applied_events",
                        lambda tracker: calls.append(1) or original(tracker))
    tracker = DialogueStateTracker("someone", slots=[])
    tracker.update(ActionExecuted("action_listen"))
    for _ in range(5):
        rasa_speedups._applied_events(tracker)
    tracker.update(UserUttered("hi"))
    tracker.update(ActionExecuted("utter_greet"))
    rasa_speedups._applied_events(tracker)      # extended by the two, not walked again
    assert len(calls) == 1
    tracker.update(ActiveLoop("interview_form"))
    rasa_speedups._applied_events(tracker)      # a loop: walked again, as Rasa does
    assert len(calls) == 2


# --------------------------------------------------------------------------- slot copies

def _generic_copy(x):
    """copy.copy as Python does it for a class without __copy__."""
    import copy
    import copyreg

    reductor = copyreg.dispatch_table.get(type(x))
    rv = reductor(x) if reductor is not None else x.__reduce_ex__(4)
    return x if isinstance(rv, str) else copy._reconstruct(x, None, *rv)


def _domain_slots():
    from pathlib import Path

    from rasa.shared.core.domain import Domain

    return Domain.load(str(Path(__file__).resolve().parents[2] / "domain.yml")).slots


def _slot_values(slot):
    from rasa.shared.core.slots import (AnySlot, BooleanSlot, CategoricalSlot, FloatSlot,
                                        ListSlot, TextSlot)

    if isinstance(slot, BooleanSlot):
        return [True, False, None]
    if isinstance(slot, FloatSlot):
        return [1.5, 0, None]
    if isinstance(slot, CategoricalSlot):
        return [*slot.values[:2], None]
    if isinstance(slot, ListSlot):
        return [["a", "b"], [], None]
    if isinstance(slot, (TextSlot, AnySlot)):
        return ["some text", {"thunderclap": "no"}, None]
    return [None]


def test_every_domain_slot_is_copied_as_python_copies_it():
    slots = _domain_slots()
    assert len({type(slot) for slot in slots}) >= 3
    for slot in slots:
        for value in _slot_values(slot):
            slot.value = value
            ours, python = rasa_speedups._copy_slot(slot), _generic_copy(slot)
            assert type(ours) is type(python) is type(slot)
            assert ours is not slot and vars(ours) == vars(python) == vars(slot)
            assert vars(ours) is not vars(slot)
            for name, kept in vars(slot).items():
                assert getattr(ours, name) is kept        # shallow: the values are shared
            ours.value = "changed"                        # ... but not the slot's own state
            assert slot.value == value


def test_a_tracker_made_with_the_copy_is_rasa_s(monkeypatch):
    from rasa.shared.core.trackers import EventVerbosity

    slots = _domain_slots()
    events = [ActionExecuted("action_listen"), UserUttered("hi", {"name": "greet"}),
              *[SlotSet(slot.name, _slot_values(slot)[0]) for slot in slots]]
    monkeypatch.delattr(Slot, "__copy__", raising=False)
    expected = DialogueStateTracker.from_events("someone", events, slots)
    monkeypatch.setattr(Slot, "__copy__", rasa_speedups._copy_slot, raising=False)
    ours = DialogueStateTracker.from_events("someone", events, slots)
    assert ours.current_state(EventVerbosity.ALL) == expected.current_state(EventVerbosity.ALL)
    assert {k: vars(v) for k, v in ours.slots.items()} == \
        {k: vars(v) for k, v in expected.slots.items()}
    assert all(ours.slots[name] is not slot for name, slot in expected.slots.items())
    assert all(slot.value is None for slot in slots)      # the domain's slots untouched


class _WithState(Slot):
    type_name = "with_state"

    def __setstate__(self, state):
        self.__dict__.update(state, restored=True)

    def _as_feature(self):
        return []

    def _feature_dimensionality(self):
        return 0


class _WithSlots(Slot):
    __slots__ = ("extra",)
    type_name = "with_slots"

    def _as_feature(self):
        return []

    def _feature_dimensionality(self):
        return 0


def test_a_slot_class_that_is_not_plain_is_copied_the_generic_way():
    from rasa.shared.core.slots import TextSlot

    assert rasa_speedups._plain(TextSlot)
    assert not rasa_speedups._plain(_WithState) and not rasa_speedups._plain(_WithSlots)
    with_state = _WithState("s", mappings=[])
    assert rasa_speedups._copy_slot(with_state).__dict__["restored"] is True
    with_slots = _WithSlots("s", mappings=[])
    with_slots.extra = [1]
    copied = rasa_speedups._copy_slot(with_slots)
    assert copied.extra is with_slots.extra and vars(copied) == vars(with_slots)


# ------------------------------------------- applied events handed from one tracker to the next

def _rasa_applied(monkeypatch):
    original = DialogueStateTracker.__dict__["applied_events"]
    if getattr(original, "headache_speedup", False):
        original = rasa_speedups._rasa_applied_events
    monkeypatch.setattr(rasa_speedups, "_rasa_applied_events", original)
    monkeypatch.setattr(DialogueStateTracker, "applied_events", rasa_speedups._applied_events)
    return original


@pytest.mark.parametrize("split", range(1, len(_CONVERSATION)))
def test_a_tracker_seeded_with_the_applied_events_of_its_first_events_gets_rasa_s(monkeypatch,
                                                                                 split):
    original = _rasa_applied(monkeypatch)
    earlier = DialogueStateTracker.from_events("someone", _CONVERSATION[:split], slots=[])
    known = rasa_speedups.applied_events_known(earlier)
    assert known is not None and list(known[0]) == original(earlier)
    later = DialogueStateTracker.from_events("someone", _CONVERSATION, slots=[])
    rasa_speedups.seed_applied_events(later, split, known)
    assert later.applied_events() == original(later)
    for event in (ActionExecuted("interview_form"), UserUttered("more")):   # and as it goes on
        later.update(event)
        assert later.applied_events() == original(later)
    assert list(known[0]) == original(earlier)          # what was handed over is unchanged


def test_applied_events_are_handed_over_only_with_the_speed_up_and_an_unbounded_history(
        monkeypatch):
    calls = []
    monkeypatch.setattr(DialogueStateTracker, "applied_events",
                        lambda self: calls.append(1) or [])
    tracker = DialogueStateTracker.from_events("someone", _CONVERSATION[:5], slots=[])
    assert rasa_speedups.applied_events_known(tracker) is None and not calls
    rasa_speedups.seed_applied_events(tracker, 3, ((), frozenset()))
    assert rasa_speedups._CACHE not in tracker.__dict__
    _rasa_applied(monkeypatch)
    bounded = DialogueStateTracker.from_events("someone", _CONVERSATION[:5], slots=[],
                                               max_event_history=10)
    assert rasa_speedups.applied_events_known(bounded) is None
    rasa_speedups.seed_applied_events(bounded, 3, ((), frozenset()))
    assert rasa_speedups._CACHE not in bounded.__dict__


# ------------------------------------------------------ the active loop in a tracker's state

_leaves = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False),
                    st.text(max_size=5))
_values = st.recursive(_leaves, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=4), inner, max_size=4),
    st.tuples(inner, inner)), max_leaves=20)


def _same(a, b):
    """Equal, of the same types all the way down, and sharing no container."""
    assert type(a) is type(b)
    if isinstance(a, dict):
        assert a is not b and list(a) == list(b)
        for k in a:
            _same(a[k], b[k])
    elif isinstance(a, (list, tuple)):
        assert len(a) == len(b) and (a is not b or not a or isinstance(a, tuple))
        for x, y in zip(a, b):
            _same(x, y)
    else:
        assert a == b or (a != a and b != b)


@given(_values)
@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
def test_the_active_loop_is_copied_as_dataclasses_asdict_copies_it(trigger):
    import dataclasses

    from rasa.shared.core.trackers import TrackerActiveLoop

    loop = TrackerActiveLoop("a_form", True, False, {"text": "hi", "intent": {"name": "x"},
                                                     "entities": [trigger], "more": trigger})
    expected = dataclasses.asdict(loop)
    ours = rasa_speedups._loop_as_dict(loop)
    _same(ours, expected)
    assert not _containers(ours) & _containers(loop.trigger_message)   # a copy all the way down


def _containers(value, found=None):
    found = set() if found is None else found
    if isinstance(value, (dict, list)):
        found.add(id(value))
    for item in (value.values() if isinstance(value, dict) else
                 value if isinstance(value, (list, tuple)) else ()):
        _containers(item, found)
    return found


def test_values_of_other_types_are_copied_by_dataclasses_own_walk():
    import collections
    import dataclasses

    import numpy as np

    from rasa.shared.core.trackers import TrackerActiveLoop

    Point = collections.namedtuple("Point", "x y")
    odd = {"np": np.float64(0.5), "od": collections.OrderedDict(a=[1]), "nt": Point([1], 2),
           "set": {1, 2}, "bytes": b"x", "tuple": ([1], "a")}
    loop = TrackerActiveLoop("a_form", False, True, odd)
    expected, ours = dataclasses.asdict(loop), rasa_speedups._loop_as_dict(loop)
    assert ours == expected
    for key in odd:
        assert type(ours["trigger_message"][key]) is type(expected["trigger_message"][key])
    assert ours["trigger_message"]["od"]["a"] is not odd["od"]["a"]


def test_a_tracker_s_state_is_rasa_s():
    from rasa.shared.core.trackers import EventVerbosity

    rasa_state = DialogueStateTracker.__dict__["current_state"]
    if getattr(rasa_state, "headache_speedup", False):
        pytest.skip("Rasa's own current_state replaced in this process")
    tracker = DialogueStateTracker("someone", slots=[])
    for event in _CONVERSATION[:12]:
        tracker.update(event)
        for verbosity in (*EventVerbosity, None):
            args = () if verbosity is None else (verbosity,)
            ours, theirs = rasa_speedups._current_state(tracker, *args), rasa_state(tracker, *args)
            assert ours == theirs and list(ours) == list(theirs)
    assert tracker.active_loop and rasa_speedups._current_state(tracker)["active_loop"]
