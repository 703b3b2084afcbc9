"""What a person is told when the assistant cannot handle their message as
usual: it is too long, or part of the service has failed. Whatever happens,
a message that carries a warning sign still gets the advice for it.

Pure wording and the warning-sign check (bot.red_flags.detect); channels
decide how to send it.
"""
from __future__ import annotations

from bot import factors, red_flags
from bot.levels import EMERGENCY, URGENT, highest

SERVICE_PROBLEM = ("Sorry, this service has a technical problem right now and could not take "
                   "your message. Please try again in a few minutes.")
# Never run the detector on more than this: it bounds the work a message costs.
CHECKED_CHARS = 1600


NOTHING_WRITTEN = "I didn't get any words there. Please type your message again."


def too_long(limit: int) -> str:
    return (f"Sorry, that message is too long for me: please keep each message under "
            f"{limit:,} characters, or send it in shorter parts.")


def warning_advice(text: str) -> list[str]:
    """The advice for the most serious warning sign in `text` (emergency or
    urgent), or nothing; a failing detector counts as no sign found, since
    this runs where something else has already failed."""
    try:
        found = red_flags.detect((text or "")[:CHECKED_CHARS])
    except Exception:  # noqa: BLE001 - the notice itself must still go out
        return []
    level = highest(flag.level for flag in found) if found else None
    return [factors.advice(level)] if level in (EMERGENCY, URGENT) else []


def service_problem(text: str) -> list[str]:
    """The reply when part of the service failed while handling `text`:
    emergency (or urgent) advice first when the message carries a warning sign."""
    return [*warning_advice(text), SERVICE_PROBLEM]


def message_too_long(text: str, limit: int) -> list[str]:
    return [*warning_advice(text), too_long(limit)]
