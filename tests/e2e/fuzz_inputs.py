"""Generated hostile and odd inputs for the fuzz suite (tests/e2e/test_fuzz.py).

Deterministic for a seed: a failing run prints its seed, and
HEADACHE_FUZZ_SEED=<seed> replays it.
"""
from __future__ import annotations

import json
import random
import string
from typing import Any, Callable

SQL = ["'; DROP TABLE events; --", "' OR '1'='1", "1; DELETE FROM booking_requests",
       "\" OR \"\"=\"", "Robert'); DROP TABLE assessments;--", "UNION SELECT * FROM sms_opt_outs"]
SCRIPT = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "\"><svg onload=alert(1)>",
          "javascript:alert(1)", "{{7*7}}", "${jndi:ldap://127.0.0.1/x}", "<!--", "]]>",
          "<iframe src=//127.0.0.1>", "&lt;b&gt;", "%3Cscript%3E"]
FORMAT = ["%s%s%s%n", "{0.__class__}", "%(message)s", "{}", "%d", "\\x00", "\\u0000"]
EMOJI = ["😀", "👨‍👩‍👧‍👦", "🏳️‍🌈", "🤕", "👍🏽", "🇬🇧", "❤️", "🧠", "💊", "\U0001F9D1\u200D\u2695\uFE0F"]
RTL = ["رأسي يؤلمني", "כואב לי הראש", "\u202eeman ym\u202c", "\u200f\u200e", "\u202d\u202e"]
WHITESPACE = [" ", "\t", "\n", "\r", "\u00a0", "\u2028", "\u2029", "\u3000", "\u200b", "\ufeff"]
CONTROL = [chr(c) for c in range(0, 32)] + ["\x7f", "\u0085", "\ufffe", "\uffff"]
HEADACHE = ["my temples ache", "a few hours", "for years", "twice a week", "7", "35",
            "paracetamol most days", "yes", "no", "not sure", "Sam Patel", "+44 7700 900123",
            "sam@example.org", "Thursday morning", "delete my data", "stop", "start over",
            "what is SMRT?", "1", "2"]
NUMBERS = ["0", "-1", "1e309", "NaN", "99999999999999999999999", "0x1F", "½", "٣", "Ⅻ"]


def text(rng: random.Random, limit: int = 1000) -> str:
    """One odd message, usually within `limit` characters."""
    kind = rng.randrange(14)
    if kind == 0:
        return ""
    if kind == 1:
        return "".join(rng.choice(WHITESPACE) for _ in range(rng.randint(1, 40)))
    if kind == 2:
        return rng.choice(EMOJI) * rng.randint(1, 60)
    if kind == 3:
        return rng.choice(RTL) + " " + rng.choice(HEADACHE)
    if kind == 4:
        return "".join(rng.choice(CONTROL + list("ab ")) for _ in range(rng.randint(1, 60)))
    if kind == 5:
        return rng.choice(SQL)
    if kind == 6:
        return rng.choice(SCRIPT)
    if kind == 7:
        return rng.choice(FORMAT) * rng.randint(1, 20)
    if kind == 8:   # backtracking bait inside the cap
        word = rng.choice(["Bob", "a", "1", "my", "ache", "."])
        return word + rng.choice([",", " ", "1", "a", ".", "-"]) * rng.randint(50, limit - 10)
    if kind == 9:
        return "".join(chr(rng.choice([rng.randint(0x20, 0x7e), rng.randint(0xa0, 0x2fff),
                                       rng.randint(0x10000, 0x10ffff)]))
                       for _ in range(rng.randint(1, 120)))
    if kind == 10:
        return rng.choice(NUMBERS)
    if kind == 11:   # a real answer, mangled
        words = list(rng.choice(HEADACHE))
        for _ in range(rng.randint(1, 4)):
            words.insert(rng.randrange(len(words) + 1), rng.choice(string.printable))
        return "".join(words)
    if kind == 12:   # over the cap
        return rng.choice(HEADACHE) + " " + "x" * rng.randint(limit, limit * 5)
    return rng.choice(HEADACHE)


def sender(rng: random.Random) -> str:
    return "fuzz-" + "".join(rng.choice(string.ascii_lowercase + string.digits) for _ in range(10))


def rest_request(rng: random.Random, token: str) -> tuple[str, bytes, dict[str, str], bool]:
    """(query, body, headers, reaches the assistant)."""
    auth = f"?token={token}"
    json_headers = {"Content-Type": "application/json"}
    kind = rng.randrange(20)
    if kind == 0:
        return "", json.dumps({"sender": sender(rng), "message": "hi"}).encode(), json_headers, False
    if kind == 1:
        return "?token=" + rng.choice(["", "x", "%00", "%C3%A9", token[:-1]]), b"{}", json_headers, False
    if kind == 2:
        return auth, rng.choice([b"", b"[]", b"{", b"null", b"1", b'"x"', b"\xff\xfe",
                                 b"{'sender': 'x'}", b"[" * 3000, b'{"a":' * 2000]), json_headers, False
    if kind == 3:
        return auth, json.dumps({"sender": sender(rng), "message": text(rng)}).encode(), {
            "Content-Type": rng.choice(["text/plain", "multipart/form-data; boundary=x",
                                        "application/x-www-form-urlencoded", "", "image/png"])
        }, False
    if kind == 4:
        return auth, json.dumps({"sender": rng.choice(["", " ", "\x00", "x" * 500, 42, None, []]),
                                 "message": "hi"}).encode(), json_headers, False
    if kind == 5:
        return auth, json.dumps({"sender": sender(rng), "message": rng.choice(
            [None, 1, [], {}, ["hi"], {"text": "hi"}, True])}).encode(), json_headers, False
    if kind == 6:
        return auth, json.dumps({"sender": sender(rng), "message": "x" * 70000}).encode(), \
            json_headers, False
    if kind == 7:
        return auth, b'{"sender": "fuzz-surrogate", "message": "\\ud800\\udfff\\ud800"}', \
            json_headers, False
    if kind == 8:   # a well-formed message: the assistant reads it (kept rarer: it costs most)
        message = text(rng)
        reaches = len(message) <= 1000 and bool(message.strip()) and rng.random() < 0.5
        body = {"sender": sender(rng), "message": message if reaches else "x" * 1001 + message,
                "input_channel": rng.choice(["kiosk", "webchat", "twilio_sms", None]),
                "metadata": rng.choice([{}, "x", [], {"a": {"b": [1] * 50}}])}
        return auth, json.dumps(body).encode(), json_headers, reaches
    return auth, json.dumps({"sender": sender(rng), "message": "x" * 1001 + text(rng)}).encode(), \
        json_headers, False


def sms_form(rng: random.Random) -> tuple[dict[str, str], str, bool]:
    """(form, how to sign it: valid | none | wrong, reaches the assistant)."""
    number = "+4477009" + "".join(rng.choice(string.digits) for _ in range(5))
    kind = rng.randrange(10)
    form = {"MessageSid": "SM" + "".join(rng.choice("0123456789abcdef") for _ in range(32)),
            "From": number, "To": "+15005550006", "Body": text(rng, 1600)}
    if kind == 0:
        return form, "none", False
    if kind == 1:
        return form, "wrong", False
    if kind == 2:
        form["From"] = rng.choice(["", " ", "x" * 40, "\x00", "😀", "'; DROP TABLE x"])
        return form, "valid", False
    if kind == 3:
        form["Body"] = rng.choice(["", "   ", "\t"])
        return form, "valid", False
    if kind == 4:
        form["Body"] = "y" * 1601 + form["Body"]
        return form, "valid", False
    if kind == 5:
        form["MessageSid"] = rng.choice(["", "x" * 500, "\x00", "😀"])
        form["Body"] = "z" * 1601
        return form, "valid", False
    if kind == 6 and len(form["Body"]) <= 1600 and form["Body"].strip():
        return form, "valid", rng.random() < 0.5
    form["Body"] = "w" * 1601 + form["Body"]
    return form, "valid", False


def socket_event(rng: random.Random, token: str) -> tuple[str, Any, bool]:
    """(event, data, reaches the assistant)."""
    kind = rng.randrange(10)
    if kind == 0:
        return "user_uttered", rng.choice([None, 1, "x", [], ["a"], True, {"a": 1}]), False
    if kind == 1:
        return "user_uttered", {"session_id": rng.choice([None, "", "é.1.2", "x" * 300, 5]),
                                "message": "hi"}, False
    if kind == 2:
        return "user_uttered", {"session_id": token, "message": rng.choice(
            [None, 1, [], {"t": 1}])}, False
    if kind == 3:
        return rng.choice(["session_request", "nonsense", "bot_uttered", "disconnect_me"]), \
            rng.choice([None, 1, "x", {"session_id": [1]}, {"session_id": "😀"}]), False
    if kind == 4:
        message = text(rng)
        reaches = len(message) <= 1000 and bool(message.strip()) and rng.random() < 0.3
        return "user_uttered", {"session_id": token,
                                "message": message if reaches else "v" * 1001 + message,
                                "metadata": rng.choice(["{", "[]", "{\"a\":1}", 3, None])}, reaches
    return "user_uttered", {"session_id": token, "message": "u" * 1001 + text(rng)}, False


GENERATORS: dict[str, Callable] = {"rest": rest_request, "sms": sms_form, "socket": socket_event}
