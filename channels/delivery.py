"""Handing a person's message to the assistant, the same way on every channel.

- Text that no encoder accepts (lone surrogates) is repaired first; a
  message with nothing in it is answered without bothering the assistant.
- A message over the channel's limit is not processed: the person is told
  the limit (and gets the advice for a warning sign in what they wrote).
- Every failure while the message is handled (the tracker store down, the
  NLU or a policy raising) ends in a plain "the service has a problem"
  reply, with the emergency advice first when the message carries a warning
  sign (bot.service_notice), never in an HTTP 500 or silence.
- A custom action call that fails (its action server died mid-call, timed
  out or raised) gets `utter_action_failed` ("please send it again")
  instead of Rasa's silence; the conversation keeps what it had, so the
  form asks for the same answer (answer_failed_action_calls, installed in
  the Rasa server by scripts/launch.py).
- The tracker store (channels.tracker_store) reports its failures here, per
  message, through a context variable; `ServiceProblem` is a BaseException
  so that Rasa's fail-safe tracker store (which catches Exception and would
  carry on with an empty conversation) cannot swallow it.
"""
from __future__ import annotations

import asyncio
import contextvars
import logging
from typing import Any, Awaitable, Callable, Optional

from rasa.core.channels.channel import UserMessage

from bot import service_notice

logger = logging.getLogger(__name__)

MAX_MESSAGE_CHARS = 1000        # the widget, the kiosk and REST
MAX_SMS_CHARS = 1600            # Twilio's own limit for one (concatenated) SMS

_failures: contextvars.ContextVar[Optional[list[str]]] = contextvars.ContextVar(
    "headache_turn_failures", default=None)


class ServiceProblem(BaseException):
    """Part of the service failed while a message was being handled."""


def in_turn() -> bool:
    return _failures.get() is not None


def note_failure(error: BaseException) -> None:
    """Called by the tracker store: inside a channel's message, abort it."""
    failures = _failures.get()
    if failures is not None:
        failures.append(type(error).__name__)
        raise ServiceProblem(type(error).__name__) from error


def turn_failed() -> bool:
    return bool(_failures.get())


def clean(text: str) -> str:
    """`text` as something every component can encode: a lone surrogate (JSON
    allows "\\ud800"; UTF-8 does not, and the NLU pipeline raised on it) becomes
    U+FFFD, the replacement character."""
    if not any("\ud800" <= char <= "\udfff" for char in text):
        return text
    return "".join("\ufffd" if "\ud800" <= char <= "\udfff" else char for char in text)


async def deliver(on_new_message: Callable[[UserMessage], Awaitable[Any]],
                  message: UserMessage, limit: int = MAX_MESSAGE_CHARS) -> Optional[list[str]]:
    """Hand `message` to the assistant. None when it was handled (the replies
    went to the message's output channel); else the texts to send instead."""
    message.text = clean(message.text or "")
    text = message.text
    if not text.strip():
        # Nothing to read (the intent classifier raised on an empty message).
        return [service_notice.NOTHING_WRITTEN]
    if len(text) > limit:
        logger.info("message over the %d-character limit not processed", limit)
        return await asyncio.to_thread(service_notice.message_too_long, text, limit)
    token = _failures.set([])
    try:
        await on_new_message(message)
        failed = turn_failed()
    except ServiceProblem as problem:
        logger.error("message not handled: service problem (%s)", problem)
        failed = True
    except Exception as error:  # noqa: BLE001 - the person still gets an answer
        logger.error("message not handled (%s)", type(error).__name__)
        failed = True
    finally:
        _failures.reset(token)
    if not failed:
        return None
    return await asyncio.to_thread(service_notice.service_problem, text)


ACTION_FAILED = "utter_action_failed"


def answer_failed_action_calls() -> None:
    """Make Rasa's custom action calls say so when they fail.

    Rasa 3.6 logs a failed call ("the actions events are lost") and carries
    on with no reply: the person's message is stored and nothing answers it.
    Here the failure is still Rasa's (its events are lost the same way), and
    the person is told to send the message again, in the domain's words for
    the channel. A rejected call (the action server's "not this action") is
    not a failure and passes as before.
    """
    from rasa.core.actions.action import ActionExecutionRejection, RemoteAction
    from rasa.shared.exceptions import RasaException

    original = RemoteAction.run
    if getattr(original, "headache_answers_failures", False):
        return

    async def run(self, output_channel, nlg, tracker, domain):
        try:
            return await original(self, output_channel, nlg, tracker, domain)
        except ActionExecutionRejection:
            raise
        except RasaException:
            logger.error("custom action %s failed: the person is asked to send again",
                         self.name())
            message = await nlg.generate(ACTION_FAILED, tracker, output_channel.name())
            if message:
                await output_channel.send_response(tracker.sender_id, message)
            raise

    run.headache_answers_failures = True   # type: ignore[attr-defined]
    RemoteAction.run = run
