"""The text every answer is read from: normalised, cut into clauses and words.

Every parser of the package reads `normalise(text)`, so "can't", "cannot" and
"can not" read the same everywhere, and a negation is found the same way for
regions, triggers and painkillers (`is_negated`).
"""
from __future__ import annotations

import functools
import re
import unicodedata

__all__ = ["FILLER", "clauses", "is_negated", "normalise", "tokens"]

_CONTRACTIONS = (
    (r"\bcan'?t\b", "can not"), (r"\bcannot\b", "can not"), (r"\bwon'?t\b", "will not"),
    (r"\bain'?t\b", "is not"), (r"\bshan'?t\b", "shall not"),
    (r"\b(do|does|did|is|are|was|were|have|has|had|could|would|should|must|need)n'?t\b", r"\1 not"),
    (r"n't\b", " not"),
    (r"\bi'?m\b", "i am"), (r"\b(it|that|there|what|he|she)'s\b", r"\1 is"),
    (r"\b(i|you|we|they)'ve\b", r"\1 have"), (r"\b(i|you|we|they|it|he|she)'ll\b", r"\1 will"),
    (r"\b(i|you|we|they|he|she)'d\b", r"\1 would"), (r"\b(you|we|they)'re\b", r"\1 are"),
    (r"\bdunno\b", "do not know"), (r"\bidk\b", "i do not know"),
)
_CONTRACTION_RES = tuple((re.compile(p), r) for p, r in _CONTRACTIONS)


@functools.lru_cache(maxsize=4096)
def normalise(text: str) -> str:
    """Lower-case, straight quotes, accents dropped, contractions expanded, spaces collapsed.

    Keeps digits, '/', '.', ',' and '+' so that scores, decimals, clause
    boundaries and phone numbers survive.
    """
    t = (text or "").lower()
    t = t.replace("\u2019", "'").replace("\u2018", "'").replace("`", "'")
    t = t.replace("\u201c", '"').replace("\u201d", '"').replace("\u2013", "-").replace("\u2014", "-")
    for rx, repl in _CONTRACTION_RES:
        t = rx.sub(repl, t)
    t = re.sub(r"(\d)\s*-\s*(\d)", r"\1 to \2", t)       # 2-3 days -> 2 to 3 days
    # letters keep their base letter ("dolía" -> "dolia", "años" -> "anos"), never a gap
    t = "".join(c for c in unicodedata.normalize("NFKD", t) if not unicodedata.combining(c))
    t = re.sub(r"[^a-z0-9/.,;:!?'+%\s]", " ", t)          # hyphens etc. become spaces
    t = re.sub(r"'s\b", "", t)                            # possessives: head's -> head
    t = t.replace("'", "")
    return re.sub(r"\s+", " ", t).strip()


_CLAUSE_SPLIT = re.compile(r"[.,;:!?]+(?!\d)|\bbut\b|\bthough\b|\bhowever\b|\bexcept\b")


def clauses(norm: str) -> list[str]:
    """Normalised text cut at punctuation and at "but", "though", "however", "except"."""
    return [c.strip() for c in _CLAUSE_SPLIT.split(norm) if c.strip()]


def tokens(clause: str) -> list[str]:
    """The words and numbers of normalised text."""
    return re.findall(r"[a-z0-9]+", clause)


# Words ignored when matching wordings, so "back of my head" = "back of the head".
FILLER = frozenset({"my", "the", "your", "his", "her", "their", "a", "an", "left",
                     "right", "lower", "upper"})
_NEGATION = frozenset({"no", "not", "never", "without", "nor", "none"})
# "not" followed by these is not a negation of what comes next ("I can't stop clenching").
_NEGATION_RELEASE = frozenset({"stop", "help", "avoid", "quit"})


def is_negated(raw: list[str], start: int) -> bool:
    """A negation word within the four raw tokens before `start`."""
    window = raw[max(0, start - 4):start]
    for i, tok in enumerate(window):
        if tok in _NEGATION:
            following = window[i + 1] if i + 1 < len(window) else raw[start]
            if following in _NEGATION_RELEASE:
                continue
            return True
    return False
