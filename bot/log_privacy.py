"""Keeps what people write, and who they are, out of every log line.

Our own modules (bot, actions, channels, components, scripts, migrations,
rasa_sdk_plugins) log ids, levels and counts only, and are left as they are.
Everything else (Rasa, rasa-sdk, Sanic, socket.io, SQLAlchemy, ...) may put
a message's text, slot values, a URL with a phone number or a token, or a
database statement's values into a record, in its arguments, in a
pre-formatted message or in an exception. So, whatever LOG_LEVEL says:

- their DEBUG records are reduced to the logger's name (Rasa logs whole
  messages and trackers at DEBUG);
- in their other records, every argument is replaced by `<redacted>` except
  numbers, and quoted text, e-mail addresses, phone-like digit runs and
  `token=` values are masked in the message itself;
- an exception keeps its type and traceback lines, never its message;
- Sanic's access log keeps the method, the route's first segment and the
  status, never the path or the query.

Installed once per process by `install()`, as a log record factory, so it
holds whichever handlers Rasa or Sanic configure later.
"""
from __future__ import annotations

import logging
import re
import traceback
from typing import Any

OWN = ("bot", "actions", "channels", "components", "scripts", "migrations",
       "rasa_sdk_plugins", "tests", "__main__", "alembic")
REDACTED = "<redacted>"
_QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"")
_EMAIL = re.compile(r"[^\s@<>'\"]+@[^\s@<>'\"]+")
_DIGITS = re.compile(r"\+?\d[\d ()-]{5,}\d")
_TOKEN = re.compile(r"(token|auth|password|secret|signature)=([^&\s]+)", re.I)
_installed = False


def is_own(logger_name: str) -> bool:
    return logger_name.split(".")[0] in OWN


def scrub_text(text: str) -> str:
    text = _TOKEN.sub(lambda m: f"{m.group(1)}={REDACTED}", text)
    text = _QUOTED.sub(REDACTED, text)
    text = _EMAIL.sub(REDACTED, text)
    return _DIGITS.sub(REDACTED, text)


def _safe_arg(value: Any) -> Any:
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, (int, float)):
        return value
    return REDACTED


def scrub(record: logging.LogRecord) -> logging.LogRecord:
    """The record with nothing personal left in it (ours are left as they are)."""
    if is_own(record.name):
        return record
    if record.exc_info and record.exc_info[0] is not None:
        kind, _, trace = record.exc_info
        # Frames without their source lines: a line can hold a literal value.
        lines = "".join(f'  File "{frame.filename}", line {frame.lineno}, in {frame.name}\n'
                        for frame in traceback.extract_tb(trace)) if trace else ""
        record.exc_text = f"Traceback (most recent call last):\n{lines}{kind.__name__}: {REDACTED}"
        record.exc_info = None
    record.stack_info = None
    if record.levelno <= logging.DEBUG:
        record.msg, record.args = "%s debug message (text withheld)", (record.name,)
        return record
    if isinstance(record.args, dict):
        record.args = {key: _safe_arg(value) for key, value in record.args.items()}
    elif record.args:
        record.args = tuple(_safe_arg(arg) for arg in record.args)
    record.msg = scrub_text(str(record.msg))
    return record


class AccessLogFilter(logging.Filter):
    """Sanic's access log: its path can hold a phone number (an SMS
    conversation's id) and its query the API token."""

    def filter(self, record: logging.LogRecord) -> bool:
        request = str(getattr(record, "request", ""))
        method, _, path = request.partition(" ")
        first = path.split("://", 1)[-1].split("/")[1:2] if path else []
        record.request = f"{method} /{first[0].split('?')[0] if first else ''}/..."
        record.host = REDACTED
        return True


def install() -> None:
    """Scrub every record this process makes from now on (once)."""
    global _installed
    if _installed:
        return
    _installed = True
    make_record = logging.getLogRecordFactory()

    def factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
        return scrub(make_record(*args, **kwargs))

    logging.setLogRecordFactory(factory)
    # `extra` fields are set after the factory ran: the access log's own filter.
    logging.getLogger("sanic.access").addFilter(AccessLogFilter())
