"""SMS wording: what the bot's replies look like as text messages.

Pure functions, no Rasa and no I/O, used by the Twilio channel (`channels/sms.py`):

- `outgoing(messages)`: one reply (the bot's messages for one text) as the
  Twilio messages to send: as few as possible, each up to Twilio's 1,600
  characters (the carrier cuts it into SMS segments and the phone joins them
  again, at the same price as separate messages), split only between
  messages, lines or sentences, never inside a sentence or a choice list.
  Buttons become a numbered "Reply 1 for ..." line, `custom` payloads are
  never sent (their text twin is already there), and in an emergency the
  text with the emergency number comes first.
- `to_gsm(text)`: the text in the GSM-7 alphabet: typographic quotes, dashes
  and ellipses made plain and other letters transliterated ("Zoë" -> "Zoe"),
  so that one character echoed from what a person wrote never turns the whole
  message into UCS-2 (70 characters a segment instead of 160).
- `segment_count(body)`: what a message costs, in SMS segments (160 GSM-7
  characters, or 70 UCS-2; a longer message is sent in parts of 153 / 67).
- `keyword(text)`: the carrier keywords STOP / HELP / START, and MORE (the
  whole self-check after its short SMS form).
- `expand_choice(text, buttons)`: "2" to the payload of the second button.

The channel's own texts (HELP, START, a picture, ...) are the clinic's
locale's (bot.clinic, data/locale.yml `texts.<language>.twilio_sms`).
"""
from __future__ import annotations

import math
import re
import unicodedata
from typing import Any, Optional, Sequence

from anyascii import anyascii

from bot import clinic

CHANNEL = "twilio_sms"

# GSM 03.38 basic character set (one septet each) and its extension table
# (an escape plus one septet: two each).
GSM_BASIC = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà")
GSM_EXTENDED = frozenset("^{}\\[~]|€\f")

GSM_SINGLE, GSM_PART = 160, 153
UCS2_SINGLE, UCS2_PART = 70, 67
MAX_BODY = 1600           # Twilio's limit for one message; the carrier segments it
BETWEEN_MESSAGES = "\n\n"

EMERGENCY = "emergency"
DETAILS = "assessment_details"   # the custom payload holding the whole self-check (MORE)

# What typographic characters become; anything else not in GSM-7 is transliterated.
_PLAIN = {"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
          "\u00b4": "'", "`": "'", "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u2033": '"',
          "\u00ab": '"', "\u00bb": '"', "\u2013": "-", "\u2014": "-", "\u2012": "-",
          "\u2212": "-", "\u2010": "-", "\u2011": "-", "\u2026": "...", "\u00a0": " ",
          "\u2009": " ", "\u202f": " ", "\u200b": "", "\u2022": "-", "\u00b7": "-",
          "\t": " ", "\ufffd": "?"}

STOP_WORDS = frozenset({"STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT"})
HELP_WORDS = frozenset({"HELP", "INFO"})
# Not YES: "yes" is an ordinary answer inside the interview.
START_WORDS = frozenset({"START", "UNSTOP"})
MORE_WORDS = frozenset({"MORE", "DETAILS", "MORE DETAILS", "MORE INFO"})

_CHOICE = re.compile(r"^\s*(\d{1,2})\s*[.)]?\s*$")
_SENTENCE_END = re.compile(r"(?<=[.!?:;])\s+")


# The channel's own texts (data/locale.yml)

def emergency_text() -> str:
    return clinic.text("emergency", CHANNEL)


def help_text() -> str:
    return clinic.text("help" if clinic.clinic_contact() else "help_no_contact", CHANNEL)


def start_text() -> str:
    return clinic.text("start", CHANNEL)


def text(text_id: str) -> str:
    """Any other text of the channel: picture, blank, no_details, new_session, ..."""
    return clinic.text(text_id, CHANNEL)


# Encoding and cost

def is_gsm(text: str) -> bool:
    """True when every character of `text` is in the GSM-7 alphabet."""
    return all(char in GSM_BASIC or char in GSM_EXTENDED for char in text)


def _cost(char: str, gsm: bool) -> int:
    if gsm:
        return 2 if char in GSM_EXTENDED else 1
    return 2 if ord(char) > 0xFFFF else 1  # UTF-16 code units


def length(text: str) -> int:
    """The length of `text` in its SMS encoding: GSM-7 septets, else UCS-2 units."""
    gsm = is_gsm(text)
    return sum(_cost(char, gsm) for char in text)


def segment_count(body: str) -> int:
    """How many SMS segments a message of this body is billed as (0 for none)."""
    if not body:
        return 0
    single, part = (GSM_SINGLE, GSM_PART) if is_gsm(body) else (UCS2_SINGLE, UCS2_PART)
    units = length(body)
    return 1 if units <= single else math.ceil(units / part)


def to_gsm(text: str) -> str:
    """`text` in the GSM-7 alphabet: typographic characters made plain, other
    letters transliterated ("Zoë" -> "Zoe", "Łódź" -> "Lodz"), emoji dropped."""
    if is_gsm(text):
        return text
    out = []
    for char in text:
        if char in GSM_BASIC or char in GSM_EXTENDED:
            out.append(char)
        elif char in _PLAIN:
            out.append(_PLAIN[char])
        elif unicodedata.category(char) != "So":      # a symbol (emoji) is dropped, not spelt out
            out.append("".join(c for c in anyascii(char) if c in GSM_BASIC or c in GSM_EXTENDED))
    return re.sub(r"[ ]{2,}", " ", "".join(out))


# One reply as Twilio messages

def buttons_line(buttons: Sequence[dict]) -> str:
    """ "Reply 1 for Yes, 2 for No, 3 for Not sure" (";" between choices when a
    title has a comma of its own)."""
    titles = [str(button.get("title") or button.get("payload") or "").strip()
              for button in buttons]
    separator = "; " if any("," in title for title in titles) else ", "
    return "Reply " + separator.join(f"{number} for {title}"
                                     for number, title in enumerate(titles, start=1))


def message_text(message: dict) -> str:
    """One bot message as SMS text: its text, then its numbered choices."""
    parts = []
    text_ = (message.get("text") or "").strip()
    if text_:
        parts.append(text_)
    if message.get("buttons"):
        parts.append(buttons_line(message["buttons"]))
    return "\n".join(parts)


def is_emergency(messages: Sequence[dict]) -> bool:
    """True when a message carries an assessment payload with triage emergency."""
    return any(isinstance(message.get("custom"), dict)
               and message["custom"].get("type") != DETAILS
               and message["custom"].get("triage") == EMERGENCY
               for message in messages)


def mentions_emergency_number(text_: str) -> bool:
    number = re.escape(clinic.emergency_number())
    return bool(re.search(rf"(?<!\d){number}(?!\d)", text_ or ""))


def render(messages: Sequence[dict[str, Any]]) -> list[str]:
    """Rasa bot messages to SMS texts, in the order they should be sent.

    Text is kept, buttons become a "Reply 1 for ..." line, `custom` payloads are
    dropped (never sent as text). When a payload says the triage is emergency,
    the text giving the emergency number goes first (the channel's emergency
    text is added first when no message gives it).
    """
    texts = [t for t in (message_text(message) for message in messages) if t]
    if is_emergency(messages):
        first = next((i for i, t in enumerate(texts) if mentions_emergency_number(t)), None)
        if first is None:
            texts.insert(0, emergency_text())
        else:
            texts.insert(0, texts.pop(first))
    return texts


def _pieces(text_: str, limit: int) -> list[str]:
    """A text longer than `limit` cut at paragraph, line, sentence, then word boundaries."""
    if len(text_) <= limit:
        return [text_]
    for separator, splitter in (("\n\n", re.compile(r"\n\n+")), ("\n", re.compile(r"\n")),
                                (" ", _SENTENCE_END), (" ", re.compile(r"\s+"))):
        parts = [p.strip() for p in splitter.split(text_) if p.strip()]
        if len(parts) > 1:
            return _pack([piece for part in parts for piece in _pieces(part, limit)],
                         separator, limit)
    return [text_[i:i + limit] for i in range(0, len(text_), limit)]   # one endless word


def _pack(parts: Sequence[str], separator: str, limit: int) -> list[str]:
    """Consecutive parts joined with `separator` into as few bodies of at most `limit` as fit."""
    bodies: list[str] = []
    for part in parts:
        if bodies and len(bodies[-1]) + len(separator) + len(part) <= limit:
            bodies[-1] += separator + part
        else:
            bodies.append(part)
    return bodies


def bodies(texts: Sequence[str], limit: int = MAX_BODY) -> list[str]:
    """Texts of one reply as Twilio message bodies: joined with a blank line,
    each body at most `limit` characters, cut only between texts (or, for a
    text longer than a body, between its paragraphs, lines or sentences)."""
    parts = [piece for t in texts if t.strip() for piece in _pieces(t.strip(), limit)]
    return _pack(parts, BETWEEN_MESSAGES, limit)


def outgoing(messages: Sequence[dict[str, Any]]) -> list[str]:
    """The Twilio messages for one reply, in order: `render`, `to_gsm`, `bodies`.
    Usually one; in an emergency the first starts with the emergency number."""
    return bodies([to_gsm(t) for t in render(messages)])


def details(messages: Sequence[dict[str, Any]]) -> Optional[list[str]]:
    """The whole self-check kept with its short SMS form (the `assessment_details`
    payload of the latest assessment among these messages), or None."""
    found = None
    for message in messages:
        custom = message.get("custom")
        if isinstance(custom, dict) and custom.get("type") == DETAILS:
            found = [str(t) for t in custom.get("messages") or [] if str(t).strip()]
    return found


# Replies

def _word(text_: str) -> str:
    return " ".join((text_ or "").strip().strip(".!").strip().upper().split())


def keyword(text_: str) -> Optional[str]:
    """ "stop", "help", "start" or "more" when the whole message is such a keyword
    (any case, surrounding spaces and a final "." or "!" ignored), else None."""
    word = _word(text_)
    if word in STOP_WORDS:
        return "stop"
    if word in HELP_WORDS:
        return "help"
    if word in START_WORDS:
        return "start"
    if word in MORE_WORDS:
        return "more"
    return None


def expand_choice(text_: str, last_buttons: Optional[Sequence[dict]]) -> str:
    """The payload of button N when the reply is just "N" and the previous bot
    message had an N-th button; otherwise the reply unchanged."""
    match = _CHOICE.match(text_ or "")
    if not match or not last_buttons:
        return text_
    number = int(match.group(1))
    if 1 <= number <= len(last_buttons):
        payload = last_buttons[number - 1].get("payload")
        if payload:
            return str(payload)
    return text_
