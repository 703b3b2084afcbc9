"""SMS wording: what the bot's replies look like as text messages.

Pure functions, no Rasa and no I/O, used by the Twilio channel (`channels/sms.py`):

- `segments(text)`: a reply split at word boundaries into pieces that each fit
  one SMS (160 GSM-7 characters, or 70 when the text needs UCS-2; a longer
  text is cut into parts of at most 153 / 67).
- `render(messages)`: Rasa's bot messages to SMS texts: buttons become a
  numbered "Reply 1 for ..." line, `custom` payloads are never sent (their text
  twin is already there), and an emergency's call-999 text goes first.
- `outgoing(messages)`: `render` then `segments`: the SMS to send, in order.
- `keyword(text)`: the carrier keywords STOP / HELP / START.
- `expand_choice(text, buttons)`: "2" to the payload of the second button.
"""
from __future__ import annotations

import re
from typing import Any, Optional, Sequence

# GSM 03.38 basic character set (one septet each) and its extension table
# (an escape plus one septet: two each).
GSM_BASIC = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà")
GSM_EXTENDED = frozenset("^{}\\[~]|€\f")

GSM_SINGLE, GSM_PART = 160, 153
UCS2_SINGLE, UCS2_PART = 70, 67

EMERGENCY = "emergency"
EMERGENCY_NUMBERS = re.compile(r"(?<!\d)(999|911|112)(?!\d)")
# Sent first when an emergency reply carries no text with an emergency number
# (or that text would not show the number in its first SMS).
EMERGENCY_TEXT = ("This needs emergency help now: call 999 (UK), 911 (US) or 112 (EU), "
                  "or go to the nearest emergency department (A&E).")

# Answers to the carrier keywords; each fits one SMS.
HELP_TEXT = ("Clinic headache self-check (not a diagnosis). Text us about your headache. "
             "Reply STOP to stop, START to resume. Emergency: call 999, 911 or 112.")
START_TEXT = ("You're subscribed again to the clinic's headache self-check. "
              "Tell me about your headache. Reply STOP to stop, HELP for help.")

STOP_WORDS = frozenset({"STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT"})
HELP_WORDS = frozenset({"HELP", "INFO"})
# Not YES: "yes" is an ordinary answer inside the interview.
START_WORDS = frozenset({"START", "UNSTOP"})

_CHOICE = re.compile(r"^\s*(\d{1,2})\s*[.)]?\s*$")


# Segmentation

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


def limits(text: str) -> tuple[int, int]:
    """(single-message limit, per-part limit) for `text`'s encoding."""
    return (GSM_SINGLE, GSM_PART) if is_gsm(text) else (UCS2_SINGLE, UCS2_PART)


def segments(text: str) -> list[str]:
    """`text` as SMS-sized pieces, split at whitespace.

    One piece when it fits a single message (160 GSM-7 / 70 UCS-2); otherwise
    pieces of at most 153 / 67. A word is cut only when it alone is longer than
    a piece. Whitespace at a cut is dropped; blank text gives no pieces.
    """
    text = text.strip()
    if not text:
        return []
    gsm = is_gsm(text)
    single, part = limits(text)
    if length(text) <= single:
        return [text]

    def cost(piece: str) -> int:
        return sum(_cost(char, gsm) for char in piece)

    pieces: list[str] = []
    current, current_cost = "", 0
    # Each token is a word with the whitespace before it.
    for match in re.finditer(r"(\s*)(\S+)", text):
        space, word = match.group(1), match.group(2)
        if current and current_cost + cost(space) + cost(word) <= part:
            current += space + word
            current_cost += cost(space) + cost(word)
            continue
        if current:
            pieces.append(current)
            current, current_cost = "", 0
        # A word longer than a piece is cut, the rest carries on.
        for char in word:
            if current_cost + _cost(char, gsm) > part:
                pieces.append(current)
                current, current_cost = "", 0
            current += char
            current_cost += _cost(char, gsm)
    if current:
        pieces.append(current)
    return pieces


# Rendering

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
    text = (message.get("text") or "").strip()
    if text:
        parts.append(text)
    if message.get("buttons"):
        parts.append(buttons_line(message["buttons"]))
    return "\n".join(parts)


def is_emergency(messages: Sequence[dict]) -> bool:
    """True when a message carries an assessment payload with triage emergency."""
    return any(isinstance(message.get("custom"), dict)
               and message["custom"].get("triage") == EMERGENCY
               for message in messages)


def mentions_emergency_number(text: str) -> bool:
    return bool(EMERGENCY_NUMBERS.search(text or ""))


def render(messages: Sequence[dict[str, Any]]) -> list[str]:
    """Rasa bot messages to SMS texts, in the order they should be sent.

    Text is kept, buttons become a "Reply 1 for ..." line, `custom` payloads are
    dropped (never sent as text). When a payload says the triage is emergency,
    the text giving the emergency numbers goes first (the standard emergency
    text is added first when no message gives them).
    """
    texts = [text for text in (message_text(message) for message in messages) if text]
    if is_emergency(messages):
        first = next((i for i, text in enumerate(texts) if mentions_emergency_number(text)),
                     None)
        if first is None:
            texts.insert(0, EMERGENCY_TEXT)
        else:
            texts.insert(0, texts.pop(first))
    return texts


def outgoing(messages: Sequence[dict[str, Any]]) -> list[str]:
    """The SMS to send for these bot messages, in order: `render`, then `segments`.

    In an emergency the first SMS always shows the emergency numbers.
    """
    sms = [piece for text in render(messages) for piece in segments(text)]
    if is_emergency(messages) and not (sms and mentions_emergency_number(sms[0])):
        sms.insert(0, EMERGENCY_TEXT)
    return sms


# Replies

def _word(text: str) -> str:
    return (text or "").strip().strip(".!").strip().upper()


def keyword(text: str) -> Optional[str]:
    """ "stop", "help" or "start" when the whole message is a carrier keyword
    (any case, surrounding spaces and a final "." or "!" ignored), else None."""
    word = _word(text)
    if word in STOP_WORDS:
        return "stop"
    if word in HELP_WORDS:
        return "help"
    if word in START_WORDS:
        return "start"
    return None


def expand_choice(text: str, last_buttons: Optional[Sequence[dict]]) -> str:
    """The payload of button N when the reply is just "N" and the previous bot
    message had an N-th button; otherwise the reply unchanged."""
    match = _CHOICE.match(text or "")
    if not match or not last_buttons:
        return text
    number = int(match.group(1))
    if 1 <= number <= len(last_buttons):
        payload = last_buttons[number - 1].get("payload")
        if payload:
            return str(payload)
    return text
