"""Per-message work the Rasa server does that need not happen per message.

Installed by scripts/launch.py in the Rasa server process only (never in
tests of the clinical core). Each speed-up keeps Rasa's behaviour exactly and
checks the Rasa version it was written for: on another version it installs
nothing (a logged warning), so an upgrade can never run a stale patch.

- Action server responses: Rasa 3.6 validates every response with
  `jsonschema.validate(result, schema)`, which first validates the schema
  itself against the JSON-Schema meta-schema, on every call (issue 9's
  profile: 59% of the Rasa server's time under load). Here the schema is
  checked once and its validator reused; a response that does not fit still
  raises the same ValidationError with Rasa's own message. Even so, checking
  each event against all 23 alternatives of the event schema's `oneOf` was
  4.7% of the server under load: each alternative fixes the `event` name
  (`const`), so an event can only fit the one its name picks. A response is
  first checked that way (each event against the common event schema and the
  one alternative of its name); only when that finds a fault is the whole
  schema walked as before, for Rasa's own error.
- Events by type name: loading a tracker turns every stored event back into
  an object, and Rasa 3.6 finds each one's class by walking every subclass of
  `Event` (issue 9's profile: 7% of the Rasa server's time). Here the walk is
  done once per type name; a name not found is looked up the long way again,
  so an event class defined later is still found.
- Applied events: `DialogueStateTracker.applied_events()` walks every event of
  the conversation, and Rasa calls it a dozen times per message (policies,
  featurizers, the form) on a tracker that has not changed between the calls
  (issue 9's profile: 8.5% of the Rasa server under load). Here the answer is
  kept with the events it was computed from (the same deque object, its length
  then and the last event then, still in its place: events are only ever
  appended, or the deque replaced; a bounded history, which drops events as it
  appends, is walked every time), and extended by the events appended since
  when none of them undoes, restarts or runs a loop (any of those: the whole
  walk, as Rasa does it); each caller gets its own copy of the list, so
  nothing a caller does to it can reach the next one. A tracker store that
  keeps a conversation's events (channels.tracker_store) keeps their applied
  events too (`applied_events_known`) and hands them to the next tracker built
  from those same event objects (`seed_applied_events`), which then only walks
  the events read since (or all of them, by the rule above): without it the
  first call on each loaded tracker walked the whole conversation (2% of the
  Rasa server under load).
- Slot copies: every tracker Rasa makes (loading one, each `tracker.copy()`,
  a form's temporary tracker, every prior state the rule policy reads) starts
  with `copy.copy` of every slot of the domain, and `copy.copy` of an object
  without `__copy__` goes the generic way (`__reduce_ex__(4)`, then
  `copy._reconstruct`): 2% of the Rasa server under load. Here `Slot.__copy__`
  does what that way does for a plain class (one with no `__slots__` names, no
  `__getstate__`, `__setstate__`, `__getnewargs__`, `__reduce__` or
  `__reduce_ex__` of its own and no `copyreg` entry, as Rasa's slot classes
  are): a new object of the same class, its `__dict__` updated from the slot's
  (a shallow copy, values shared). Any other class is copied the generic way,
  as before.
- The active loop in a tracker's state: `current_state` (every custom action
  call's tracker) copies the active loop with `dataclasses.asdict`, which
  walks its trigger message (the parse data of a message) value by value
  through `copy.deepcopy`: 1.6% of the Rasa server under load. Here the same
  copy is made with the walk's shortcuts for the exact types it meets (a dict
  or list: a new one of the copied items; a str, int, float, bool or None:
  itself, as `copy.deepcopy` returns it); anything else goes through
  `dataclasses`' own walk. The rest of `current_state` is Rasa's.
"""
from __future__ import annotations

import logging
from typing import Any

logger = logging.getLogger(__name__)

RASA_VERSION = "3.6.21"       # what these speed-ups were written against


def install() -> bool:
    """Install the speed-ups; False (and nothing changed) on another Rasa version."""
    import rasa
    from rasa.core.actions.action import RemoteAction

    if rasa.__version__ != RASA_VERSION:
        logger.warning("rasa %s is not %s: its speed-ups are not installed", rasa.__version__,
                       RASA_VERSION)
        return False
    from rasa.shared.core.events import Event

    if getattr(RemoteAction._validate_action_result, "headache_speedup", False):
        return True
    from rasa.shared.core.slots import Slot
    from rasa.shared.core.trackers import DialogueStateTracker

    RemoteAction._validate_action_result = _validate_action_result
    if "__copy__" not in vars(Slot):
        Slot.__copy__ = _copy_slot
    Event.resolve_by_type = staticmethod(_resolve_by_type)
    global _rasa_applied_events
    _rasa_applied_events = DialogueStateTracker.applied_events
    DialogueStateTracker.applied_events = _applied_events
    DialogueStateTracker.current_state = _current_state
    return True


_rasa_applied_events: Any = None
_CACHE = "_headache_applied_events"


def _applied_events(self) -> list:
    """DialogueStateTracker.applied_events of Rasa 3.6.21, kept with the events it was
    computed from and extended by the events appended since, when none of them is one
    that undoes, restarts or loops (those are computed the long way, as Rasa does)."""
    from rasa.shared.core.events import (ActionExecuted, ActionReverted, ActiveLoop,
                                         Restarted, SessionStarted, UserUtteranceReverted)

    events = self.events
    if events.maxlen is not None:
        # a bounded history drops its first events as it appends, and the same event
        # object may come again: no state of it can be told from its length and last event
        return _rasa_applied_events(self)
    size = len(events)
    cached = self.__dict__.get(_CACHE)
    if cached is not None and cached[0] is events and size >= cached[1] and cached[1] and \
            events[cached[1] - 1] is cached[2]:
        _, known, _, applied, loops = cached
        if size == known:
            return list(applied)
        new = [events[k] for k in range(known, size)]
        if not any(isinstance(e, (Restarted, SessionStarted, ActionReverted, UserUtteranceReverted,
                                  ActiveLoop))
                   or (isinstance(e, ActionExecuted) and e.action_name in loops) for e in new):
            applied = applied + new
            self.__dict__[_CACHE] = (events, size, events[-1], applied, loops)
            return list(applied)
    applied = _rasa_applied_events(self)
    loops = {e.name for e in events if isinstance(e, ActiveLoop) and e.name}
    self.__dict__[_CACHE] = (events, size, events[-1] if size else None, list(applied), loops)
    return applied


_applied_events.headache_speedup = True   # type: ignore[attr-defined]


def _applied_events_installed() -> bool:
    from rasa.shared.core.trackers import DialogueStateTracker

    return getattr(DialogueStateTracker.applied_events, "headache_speedup", False)


def applied_events_known(tracker: Any) -> Any:
    """What `seed_applied_events` needs to give a tracker built later from the same
    event objects its applied events: (applied events, loop names) of all the events
    `tracker` holds now; None when the speed-up is not installed or the history is
    bounded."""
    if not _applied_events_installed() or tracker.events.maxlen is not None:
        return None
    tracker.applied_events()
    cached = tracker.__dict__.get(_CACHE)
    if cached is None or cached[0] is not tracker.events or cached[1] != len(tracker.events):
        return None
    return tuple(cached[3]), frozenset(cached[4])


def seed_applied_events(tracker: Any, known_events: int, known: Any) -> None:
    """Let `tracker`, whose first `known_events` events are (the same objects, in the
    same order) the events `known` was taken from (`applied_events_known`), extend
    those applied events instead of walking its whole history."""
    events = tracker.events
    if known is None or not known_events or known_events > len(events) or \
            events.maxlen is not None or not _applied_events_installed():
        return
    applied, loops = known
    tracker.__dict__[_CACHE] = (events, known_events, events[known_events - 1], list(applied),
                                set(loops))


_ATOMIC = frozenset({str, int, float, bool, type(None)})   # copy.deepcopy returns these as they are


def _copied(value: Any) -> Any:
    """dataclasses._asdict_inner(value, dict), with shortcuts for exact dicts, lists and
    atomic values."""
    kind = type(value)
    if kind is dict:
        return {_copied(k): _copied(v) for k, v in value.items()}
    if kind is list:
        return [_copied(v) for v in value]
    if kind in _ATOMIC:
        return value
    import dataclasses

    return dataclasses._asdict_inner(value, dict)   # type: ignore[attr-defined]


def _loop_as_dict(loop: Any) -> dict:
    """dataclasses.asdict(loop) of a TrackerActiveLoop."""
    import dataclasses

    return {f.name: _copied(getattr(loop, f.name)) for f in dataclasses.fields(loop)}


def _current_state(self, event_verbosity: Any = None) -> dict:
    """DialogueStateTracker.current_state of Rasa 3.6.21, the active loop copied by
    _loop_as_dict."""
    from rasa.shared.core.constants import ACTIVE_LOOP, FOLLOWUP_ACTION
    from rasa.shared.core.trackers import EventVerbosity

    if event_verbosity is None:
        event_verbosity = EventVerbosity.NONE
    events = self._events_for_verbosity(event_verbosity)
    events_as_dict = [e.as_dict() for e in events] if events is not None else None
    latest_event_time = None
    if len(self.events) > 0:
        latest_event_time = self.events[-1].timestamp

    return {
        "sender_id": self.sender_id,
        "slots": self.current_slot_values(),
        "latest_message": self._latest_message_data(),
        "latest_event_time": latest_event_time,
        FOLLOWUP_ACTION: self.followup_action,
        "paused": self.is_paused(),
        "events": events_as_dict,
        "latest_input_channel": self.get_latest_input_channel(),
        ACTIVE_LOOP: (_loop_as_dict(self.active_loop) if self.active_loop else {}),
        "latest_action": self.latest_action,
        "latest_action_name": self.latest_action_name,
    }


_current_state.headache_speedup = True   # type: ignore[attr-defined]


_plain_classes: dict[type, bool] = {}


def _plain(cls: type) -> bool:
    """Whether copy.copy copies an instance of `cls` (no __copy__) as new object plus
    __dict__.update: the generic reduction (object.__reduce_ex__(4), no slot state, no
    arguments to __new__) and reconstruction (no __setstate__)."""
    import copyreg

    if cls in copyreg.dispatch_table or copyreg._slotnames(cls):   # type: ignore[attr-defined]
        return False
    if getattr(cls, "__reduce_ex__", None) is not object.__reduce_ex__ or \
            getattr(cls, "__reduce__", None) is not object.__reduce__:
        return False
    return not any(hasattr(cls, name) for name in
                   ("__getstate__", "__setstate__", "__getnewargs__", "__getnewargs_ex__"))


def _copy_slot(self) -> Any:
    """copy.copy of a Slot, as Python's generic way makes it (see the module)."""
    cls = type(self)
    plain = _plain_classes.get(cls)
    if plain is None:
        plain = _plain_classes[cls] = _plain(cls)
    if plain:
        new = cls.__new__(cls)
        state = self.__dict__
        if state:
            new.__dict__.update(state)
        return new
    import copy
    import copyreg

    reductor = copyreg.dispatch_table.get(cls)
    rv = reductor(self) if reductor is not None else self.__reduce_ex__(4)
    if isinstance(rv, str):
        return self
    return copy._reconstruct(self, None, *rv)   # type: ignore[attr-defined]


_copy_slot.headache_speedup = True   # type: ignore[attr-defined]


_event_classes: dict[str, Any] = {}


def _resolve_by_type(type_name: str, default: Any = None) -> Any:
    """Event.resolve_by_type of Rasa 3.6.21, each name's class found once."""
    from rasa.shared.core.events import Event
    from rasa.shared.utils.common import all_subclasses

    found = _event_classes.get(type_name)
    if found is not None:
        return found
    for cls in all_subclasses(Event):
        if cls.type_name == type_name:
            _event_classes[type_name] = cls
            return cls
    if type_name == "topic":
        return None  # backwards compatibility to support old TopicSet evts
    if default is not None:
        return default
    raise ValueError(f"Unknown event name '{type_name}'.")


_resolve_by_type.headache_speedup = True   # type: ignore[attr-defined]


_validator: Any = None
_quick: Any = None


class _QuickCheck:
    """Whether a response fits the action response schema, judged per event by the
    one `oneOf` alternative its `event` name can fit (every alternative names its
    event with a `const`, so any other fails on that). True only when the whole
    schema would pass; False says "walk the whole schema"."""

    def __init__(self, schema: dict[str, Any], cls: Any) -> None:
        events = schema["properties"]["events"]
        event_schema = dict(events["items"])
        alternatives = event_schema.pop("oneOf")
        by_name = {alternative["properties"]["event"]["const"]: alternative
                   for alternative in alternatives}
        if len(by_name) != len(alternatives):
            raise ValueError("two alternatives name the same event")
        top = {**schema, "properties": {**schema["properties"],
                                        "events": {k: v for k, v in events.items()
                                                   if k != "items"}}}
        self.top = cls(top)
        self.events = {name: cls({"allOf": [event_schema, alternative]})
                       for name, alternative in by_name.items()}

    def fits(self, result: Any) -> bool:
        if not self.top.is_valid(result):
            return False
        events = result.get("events", []) if isinstance(result, dict) else []
        if not isinstance(events, list):
            return False
        for event in events:
            name = event.get("event") if isinstance(event, dict) else None
            validator = self.events.get(name) if isinstance(name, str) else None
            if validator is None or not validator.is_valid(event):
                return False
        return True


def _validate_action_result(self, result: dict[str, Any]) -> bool:
    """RemoteAction._validate_action_result of Rasa 3.6.21, the validator built once."""
    from jsonschema import ValidationError
    from jsonschema.exceptions import best_match
    from jsonschema.validators import validator_for
    from rasa.shared.constants import DOCS_BASE_URL

    global _validator, _quick
    if _validator is None:
        schema = self.action_response_format_spec()
        cls = validator_for(schema)
        cls.check_schema(schema)
        _quick = _QuickCheck(schema, cls)
        _validator = cls(schema)
    if _quick.fits(result):
        return True
    try:
        error = best_match(_validator.iter_errors(result))   # as jsonschema.validate does
        if error is not None:
            raise error
        return True
    except ValidationError as e:
        e.message += (
            f". Failed to validate Action server response from API, "
            f"make sure your response from the Action endpoint is valid. "
            f"For more information about the format visit "
            f"{DOCS_BASE_URL}/custom-actions"
        )
        raise e


_validate_action_result.headache_speedup = True   # type: ignore[attr-defined]
