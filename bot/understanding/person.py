"""Who has the headache: the person writing, or someone they answer for.

"actually it's my mum with the headache", "I'm asking for my dad", "not me,
my wife", "I'm answering for someone else" switch the interview to that
person; "it's me with the headache", "I'm answering for myself" switch it
back. A relative mentioned any other way ("my mum gets migraines too") is no
switch. The words for people are data/knowledge/someone_else.yml.
"""
from __future__ import annotations

import functools

import re
from dataclasses import dataclass
from typing import Optional

from bot import knowledge
from bot.knowledge import someone_else
from bot.understanding.text import normalise

__all__ = ["MYSELF", "Person", "who_has_the_headache"]


@dataclass(frozen=True)
class Person:
    """Who the questions are about. `word` is the person's own word ("mum");
    None for someone not named; `myself` for the person writing."""

    word: Optional[str] = None
    sex: Optional[str] = None
    myself: bool = False

    @property
    def who(self) -> str:
        """What the questions call them: "your mum", or "the person"."""
        if self.myself:
            return "you"
        return f"your {self.word}" if self.word else someone_else.table().unnamed


MYSELF = Person(myself=True)

_ACTUALLY = r"(?:(?:actually|really|in fact|sorry|oh|oops|no|wait|well|ok|okay|just)\s*,?\s+)*"
_ASKING = (r"(?:asking|answering|writing|typing|messaging|texting|enquiring|inquiring|checking|"
           r"doing (?:this|it)|filling (?:this|it) (?:in|out)|here|using this|on here)")
_HEADACHE = r"(?:the|this|a|a bad|a terrible|a really bad|a horrible|that) (?:headache|head ache|migraine)"
_SOMEONE = r"(?:someone|somebody|some one) else|another person|a relative|a family member"


@knowledge.cached
def _patterns() -> tuple[tuple[re.Pattern, ...], re.Pattern, re.Pattern]:
    words = sorted(someone_else.table().people, key=len, reverse=True)
    rel = (r"(?:my|our)\s+(?:(?:little|baby|elderly|old|older|younger|eldest|youngest|big|teenage|"
           r"\d{1,2} year old|dear)\s+)?(?P<word>" + "|".join(map(re.escape, words)) + r")\b")
    named = tuple(re.compile(p) for p in [
        rf"\b{_ASKING}\s+(?:this\s+|it\s+)?(?:for|on behalf of|about)\s+{rel}",
        rf"\bi am (?:a |the |their |her |his )?carer (?:for|of)\s+{rel}",
        rf"\b(?:it is|its|this is|that is)\s+{_ACTUALLY}(?:for|about)\s+{rel}",
        rf"\b(?:it is|its|this is)\s+{_ACTUALLY}{rel}\s+(?:with|who|that|whos|thats|has)\b",
        rf"(?:^|[.,;!?]\s*|\b(?:actually|no|not me)\s*,?\s*){rel}\s+(?:is|s)\s+{_ACTUALLY}the one\b",
        rf"\b{rel}\s+(?:has|has got|got|is having|s got)\s+{_HEADACHE}\b(?!s)",
        rf"\bnot (?:me|mine|myself|for me)\b\W+(?:(?:it is|its)\s+|for\s+|about\s+)?{rel}",
        rf"{rel}[^.?!]{{0,60}}\bnot (?:me|mine|myself)\b",
    ])
    unnamed = re.compile("|".join([
        rf"\b{_ASKING}\s+(?:this\s+|it\s+)?(?:for|on behalf of|about)\s+(?:{_SOMEONE})\b",
        rf"\b(?:it is|its|this is)\s+{_ACTUALLY}(?:for|about)\s+(?:{_SOMEONE})\b",
        rf"\b(?:{_SOMEONE})\s+(?:has|has got|is having)\s+{_HEADACHE}\b(?!s)",
        r"\b(?:it is|its) not (?:for )?me\b|\bnot for me\b|\bi am (?:a|their|her|his) carer\b",
    ]))
    myself = re.compile("|".join([
        rf"\b{_ASKING}\s+(?:for|about)\s+(?:me|myself)\b",
        rf"\b(?:it is|its)\s+{_ACTUALLY}(?:me|myself|for me|mine)\s*(?:with|who|that|,|\.|!|$)",
        rf"\bi am the one with\s+{_HEADACHE}\b",
    ]))
    return named, unnamed, myself


@functools.lru_cache(maxsize=4096)     # pure, and asked of every earlier message each turn
def who_has_the_headache(text: str) -> Optional[Person]:
    """The person a message says the interview is about; None when it does not say."""
    from bot.understanding.facts import as_written   # facts imports this package's modules

    t = normalise(as_written(text or ""))
    if not t:
        return None
    named, unnamed, myself = _patterns()
    found = next((m for m in (pattern.search(t) for pattern in named) if m), None)
    if found:
        word = found.group("word")
        return Person(word=word, sex=someone_else.table().people[word])
    if unnamed.search(t):
        return Person()
    if myself.search(t):
        return MYSELF
    return None
