"""The custom actions run inside the Rasa server, when the action endpoint says so.

With `HEADACHE_ACTION_URL=in-process` (scripts/serve.py) no action server is
started: the Rasa server's endpoints name the action endpoint `in-process`, and
each custom action call (a form's validation, the assessment, a booking) runs
the same `actions` package through rasa-sdk's own ActionExecutor in this
process, as the action server would, without the HTTP call: no request body of
the whole conversation and the domain serialised to JSON, sent and parsed again
on every turn (issue 9's profile), no second process holding a copy of the
clinical core, and no port to protect (the action token is not needed).

What stays the same: the call is the one Rasa would send (its
`_action_call_format`), handed over as a copy (the actions can never change
Rasa's tracker in place, as over HTTP; the domain, the same on every call, as one
read-only copy per model); the answer is checked against Rasa's
schema and turned into events and replies by Rasa's own code; a rejection (a
form's "not this action") is Rasa's ActionExecutionRejection; any other failure
is Rasa's RasaException, which channels.delivery turns into "please send that
again", as when an action server fails. Any other endpoint URL goes over HTTP as
before. Installed by scripts/launch.py in the Rasa server only.
"""
from __future__ import annotations

import asyncio
import copy
import json
import logging
import marshal
import os
import pickle
from typing import Any

logger = logging.getLogger(__name__)

IN_PROCESS = "in-process"     # the action endpoint URL that means "run them here"
ACTIONS_PACKAGE = "actions"
ACTION_URL_SETTING = "HEADACHE_ACTION_URL"   # scripts/serve.py's setting of the same name
TIMEOUT_S = 300               # Rasa's DEFAULT_REQUEST_TIMEOUT for an action server call


def install(executor: Any = None) -> None:
    """Wrap Rasa's RemoteAction.run: calls to the `in-process` endpoint run here,
    through `executor` (default: rasa-sdk's, with the `actions` package). When this
    server is set to run them (HEADACHE_ACTION_URL=in-process) the actions are loaded
    now, before Sanic forks its workers: a broken actions package stops the server at
    start, as a broken action server would, instead of failing a person's message; a
    server with an action server never loads them."""
    from rasa.core.actions.action import RemoteAction

    original = RemoteAction.run
    if getattr(original, "headache_in_process", False):
        return
    if executor is None and os.environ.get(ACTION_URL_SETTING) == IN_PROCESS:
        executor = _executor()
    made = [executor]

    def the_executor():
        if made[0] is None:
            made[0] = _executor()
        return made[0]

    async def run(self, output_channel, nlg, tracker, domain):
        endpoint = self.action_endpoint
        if endpoint is None or endpoint.url != IN_PROCESS:
            return await original(self, output_channel, nlg, tracker, domain)
        return await _run_here(self, the_executor, output_channel, nlg, tracker, domain)

    run.headache_in_process = True   # type: ignore[attr-defined]
    RemoteAction.run = run


def _executor():
    from rasa_sdk.executor import ActionExecutor

    executor = ActionExecutor()
    executor.register_package(ACTIONS_PACKAGE)
    return executor


class ReadOnlyDict(dict):
    """A dict that refuses every change (TypeError); a copy of it is a plain dict."""

    def _refuse(self, *args: Any, **kwargs: Any) -> None:
        raise TypeError("the domain is read-only in a custom action")

    __setitem__ = __delitem__ = __ior__ = clear = pop = popitem = setdefault = update = _refuse

    def __copy__(self) -> dict:
        return dict(self)

    def __deepcopy__(self, memo: dict) -> dict:
        return {copy.deepcopy(k, memo): copy.deepcopy(v, memo) for k, v in self.items()}


class ReadOnlyList(list):
    """A list that refuses every change (TypeError); a copy of it is a plain list."""

    def _refuse(self, *args: Any, **kwargs: Any) -> None:
        raise TypeError("the domain is read-only in a custom action")

    __setitem__ = __delitem__ = __iadd__ = __imul__ = append = extend = insert = remove = pop = \
        clear = sort = reverse = _refuse

    def __copy__(self) -> list:
        return list(self)

    def __deepcopy__(self, memo: dict) -> list:
        return [copy.deepcopy(v, memo) for v in self]


def _read_only(value: Any) -> Any:
    if isinstance(value, dict):
        return ReadOnlyDict((k, _read_only(v)) for k, v in value.items())
    if isinstance(value, list):
        return ReadOnlyList(_read_only(v) for v in value)
    return value


_domains: list = [None, None]    # Rasa's domain dict (the model's, cached by Rasa), our copy


def read_only_domain(rasa_domain: dict) -> dict:
    """A read-only copy of the domain as the action server would receive it, made once
    per model (Rasa's `Domain.as_dict()` is cached, the same dict on every call): copying
    it on every call was about half of each call's copy. An action that tried to change
    it fails loudly, in the tests, instead of changing the next call's domain."""
    if _domains[0] is not rasa_domain:
        _domains[:] = [rasa_domain, _read_only(json.loads(json.dumps(rasa_domain)))]
    return _domains[1]


def copy_of(call: dict) -> dict:
    """A deep copy of a call: through marshal, which copies the dicts, lists, strings and
    numbers of a tracker's state in half the time pickle takes (a tenth of a loaded server's
    work was this copy); through pickle when something else is in it."""
    try:
        return marshal.loads(marshal.dumps(call))
    except ValueError:
        return pickle.loads(pickle.dumps(call, protocol=pickle.HIGHEST_PROTOCOL))


async def _run_here(action, the_executor, output_channel, nlg, tracker, domain) -> list:
    from rasa.core.actions.action import ActionExecutionRejection
    from rasa.shared.core import events
    from rasa.shared.exceptions import RasaException
    from rasa_sdk.interfaces import ActionExecutionRejection as Rejected

    # a copy, as a request body would be: nothing the actions do reaches the tracker; the
    # domain, the same on every call, once per model and read-only
    call: dict[str, Any] = action._action_call_format(tracker, domain)
    rasa_domain = call.pop("domain", None)
    call = copy_of(call)
    if rasa_domain is not None:
        call["domain"] = read_only_domain(rasa_domain)
    try:
        response = await asyncio.wait_for(the_executor().run(call), TIMEOUT_S)
        # the answer as the action server's JSON would bring it: its own objects (a
        # shared constant, a tuple) never reach the tracker, and what JSON cannot carry
        # fails here, where the person is asked to send again, not when it is stored
        response = json.loads(json.dumps(response))
    except Rejected as rejected:
        raise ActionExecutionRejection(rejected.action_name, rejected.message) from None
    except (Exception, SystemExit) as failure:
        # the action server would answer 500 (or not start: rasa-sdk exits when an actions
        # module fails to import): the same failure, Rasa's. The type only in the log: an
        # exception's text can quote what the person wrote.
        logger.error("custom action %s failed in process (%s)", action.name(),
                     type(failure).__name__)
        raise RasaException(f"Failed to execute custom action '{action.name()}'") from failure
    if response is None:
        raise RasaException(f"Failed to execute custom action '{action.name()}'")
    action._validate_action_result(response)
    bot_messages = await action._utter_responses(response.get("responses", []), output_channel,
                                                 nlg, tracker)
    return [*bot_messages, *events.deserialise_events(response.get("events", []))]
