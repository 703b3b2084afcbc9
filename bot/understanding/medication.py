"""Painkillers: how many days a month, and which kind.

Kinds are those of the medication-overuse rules (ICHD-3 8.2): simple,
triptan, opioid, combination; two different kinds taken count as
combination, the stricter threshold. The names of each kind are in
data/knowledge/medication.yml (bot.knowledge.medication).
"""
from __future__ import annotations

import difflib
import re
from typing import Optional

from bot import knowledge
from bot.knowledge import medication
from bot.understanding.frequency import parse_frequency_days
from bot.understanding.numbers import NUM, to_number
from bot.understanding.text import clauses, is_negated, normalise, tokens

__all__ = ["mentions_medication", "parse_medication", "taken_as_needed"]

_MEDICATION_GENERIC = re.compile(
    r"\b(?:painkillers?|pain killers?|pain relief|pain relievers?|tablets?|pills?|medication|medicine|meds|"
    r"over the counter|analgesics?|something for (?:it|the pain))\b")
_MEDICATION_NONE = re.compile(
    r"^(?:none|nothing|no|nope|nah|zero|0|n/?a|never|not any)\b(?! idea)|"
    r"\b(?:do not|never|rarely if ever|will not) (?:take|use|have) (?:anything|any|them|painkillers|pain killers|"
    r"medication|meds|tablets|pills)\b|\bno (?:painkillers|pain killers|medication|meds|tablets|pills|medicine)\b|"
    r"\bnot (?:taking|on) (?:anything|any)\b|\btry not to take\b|\bdo not (?:really |usually |normally |often )?(?:take|use) (?:anything|any)\b|\bnothing at all\b|\bi do not (?:take|use) (?:any|anything)?|"
    r"\bavoid (?:painkillers|tablets|medication|pills)\b|\bnone at all\b|\bzero days\b")
_MEDICATION_AS_NEEDED = re.compile(
    r"\b(?:when|if|as|whenever) (?:i |it is |really )?(?:need(?:ed|s)?|necessary|required)\b|\bprn\b|"
    r"\bas and when\b|\bwhen(?:ever)? (?:i|it) (?:get|gets|have|has|is|really need)\b|\bif (?:it is|it gets|i get) (?:bad|really bad)\b|"
    r"\bonly when\b|\bwhen (?:it is|they are|the pain is) bad\b|\bon demand\b|\bwhen i need (?:it|them|to)\b")


@knowledge.cached
def _drug_vocab() -> dict:
    """painkiller name -> its kind (medication.yml), in file order."""
    vocab = {}
    for kind in medication.table().values():
        for name in kind.names:
            vocab[name] = kind.id
    return vocab


def _find_drugs(t: str) -> list[str]:
    """Kinds of painkillers named (not negated) in normalised text, in order."""
    kinds: list[str] = []
    vocab = _drug_vocab()
    names = sorted(vocab, key=len, reverse=True)
    for clause in clauses(t):
        raw = tokens(clause)
        taken = [False] * len(raw)
        for name in names:
            parts = name.split()
            for s in range(len(raw) - len(parts) + 1):
                if raw[s:s + len(parts)] == parts and not any(taken[s:s + len(parts)]):
                    for k in range(s, s + len(parts)):
                        taken[k] = True
                    if not is_negated(raw, s):
                        kinds.append(vocab[name])
        single = [n for n in vocab if " " not in n and len(n) >= 6]
        for s, tok in enumerate(raw):
            if taken[s] or len(tok) < 6:
                continue
            close = [c for c in difflib.get_close_matches(tok, single, n=2, cutoff=0.8) if c[0] == tok[0]]
            if close and not is_negated(raw, s):
                kinds.append(vocab[close[0]])
    return kinds


def _medication_days(t: str) -> Optional[int]:
    days = parse_frequency_days(t)
    if days is not None:
        return days
    m = re.search(r"(?P<n>" + NUM + r")\s*(?:days?|times?)\b", t)
    if m and to_number(m.group("n")) is not None:
        return int(min(30, to_number(m.group("n"))))
    return None


def parse_medication(text: str) -> tuple[Optional[int], Optional[str]]:
    """(painkiller days a month, kind) with kind simple|triptan|opioid|combination.

    "none" -> (0, None); two different kinds taken -> "combination" (ICHD-3
    8.2.6, the stricter threshold); a drug without a frequency -> (None, kind).
    """
    t = normalise(text)
    if not t:
        return None, None
    kinds = _find_drugs(t)
    kind: Optional[str] = None
    if kinds:
        distinct = set(kinds)
        if "combination" in distinct or len(distinct - {"simple"}) + ("simple" in distinct) >= 2:
            kind = "combination"
        else:
            kind = next(k for k in medication.KINDS if k in distinct)
    if not kinds and _MEDICATION_NONE.search(t):
        return 0, None
    days = _medication_days(t)
    if days is None and kind is None and not _MEDICATION_GENERIC.search(t):
        return None, None
    return days, kind


def mentions_medication(clause: str) -> bool:
    """A painkiller named, or painkillers in general ("tablets", "pain relief")."""
    return bool(_find_drugs(clause) or _MEDICATION_GENERIC.search(clause))


def taken_as_needed(norm: str) -> bool:
    """ "when I need it", "only when it is bad": no fixed number of days."""
    return bool(_MEDICATION_AS_NEEDED.search(norm))
