"""The person's sex when they say it: "I'm a bloke", "as a woman", "male, 45".

Only what the writer says of themselves; the sex of someone they answer for
comes from the word they use for them (bot.understanding.person). Used to
leave out questions that cannot apply (pregnancy for a man).
"""
from __future__ import annotations

import re
from typing import Optional

from bot.understanding.text import normalise

__all__ = ["sex_in_free_text"]

_FEMALE = r"(?:woman|lady|female|girl|gal|mum|mom|mother|wife)"
_MALE = r"(?:man|bloke|guy|male|lad|gent|gentleman|fella|fellow|chap|boy|dude|dad|father|husband)"
_AGE = r"(?:\d{1,3}\s*(?:years? old|yrs? old|yo|y o)\s+)?"
_SAID = (r"(?:\bi am|\bim|\bas|\bbeing)\s+(?:a|an|just a|only a)\s+(?:(?:young|old|older|middle aged|fit|healthy|"
         r"normal)\s+)?" + _AGE)


def _pattern(words: str) -> re.Pattern:
    return re.compile("|".join([
        _SAID + words + r"\b(?!\s+(?:of (?:my|his|her|few|the)|friend)\b)",
        r"^(?:i am\s+)?" + words + r"\s*[,.]?\s*(?:\d{1,3}\b|$)",   # "male, 45", "female"
        r"^\d{1,3}\s*(?:years? old|yo|y o)?\s*,?\s*" + words + r"\b",   # "45 yo male"
    ]))


_WORDS = {"female": _pattern(_FEMALE), "male": _pattern(_MALE)}


def sex_in_free_text(text: str) -> Optional[str]:
    """ "female" or "male" when the writer says which they are, else None."""
    t = normalise(text or "")
    found = [sex for sex, pattern in _WORDS.items() if pattern.search(t)]
    return found[0] if len(found) == 1 else None
