"""Numbers as people write them: "3", "2.5", "forty two", "a couple of", "half a".

`NUM` is the regular expression of one such number, `to_number` its value;
the duration, frequency, severity, age and painkiller parsers build on them.
"""
from __future__ import annotations

import re
from typing import Optional

__all__ = ["NUM", "NUMBER_WORD", "TENS", "UNITS", "to_number"]

UNITS = {"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
         "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
         "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
         "seventeen": 17, "eighteen": 18, "nineteen": 19}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50, "sixty": 60,
        "seventy": 70, "eighty": 80, "ninety": 90}
_VAGUE = {"a": 1, "an": 1, "once": 1, "twice": 2, "thrice": 3, "a couple of": 2,
          "a couple": 2, "couple of": 2, "couple": 2, "a few": 3, "few": 3,
          "several": 4, "a handful of": 4, "a dozen": 12, "half a": 0.5, "half an": 0.5}

NUMBER_WORD = (r"(?:(?:" + "|".join(TENS) + r")(?:\s(?:" + "|".join(list(UNITS)[1:10]) + r"))?"
               r"|(?:a |one )?hundred(?: and (?:" + "|".join(UNITS) + r"))?|"
               + "|".join(sorted(UNITS, key=len, reverse=True)) + r")")
# a number in digits, whole: never part of a longer one or of a decimal, though the full stop
# that ends its sentence may follow it ("About a 4.", "44.")
BARE_NUMBER = r"(?<!\d)(?<!\d\.)\d+(?:\.\d+)?(?!\.?\d)"
NUM = (r"(?:(?<![\d.])\d+(?:\.\d+)?|" + NUMBER_WORD + "|"
       + "|".join(sorted((re.escape(v) for v in _VAGUE), key=len, reverse=True)) + r")")


def to_number(s: str) -> Optional[float]:
    """The value of one `NUM` match ("forty two" -> 42.0, "a few" -> 3.0), or None."""
    s = s.strip()
    if not s:
        return None
    if re.fullmatch(r"\d+(?:\.\d+)?", s):
        return float(s)
    if s in _VAGUE:
        return float(_VAGUE[s])
    total = 0
    for part in s.replace(" and ", " ").split():
        if part in ("a",):
            continue
        if part in UNITS:
            total += UNITS[part]
        elif part in TENS:
            total += TENS[part]
        elif part == "hundred":
            total = max(total, 1) * 100
        else:
            return None
    if total == 0 and not re.search(r"\bzero\b", s):
        return None
    return float(total)
