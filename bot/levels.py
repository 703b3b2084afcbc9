"""The one place that knows the triage levels and their order (CLINICAL.md)."""
from __future__ import annotations

from typing import Iterable

SELF_CARE = "self_care"
SEE_DOCTOR = "see_doctor"
URGENT = "urgent"
EMERGENCY = "emergency"

LEVELS = (SELF_CARE, SEE_DOCTOR, URGENT, EMERGENCY)
_RANK = {level: i for i, level in enumerate(LEVELS)}


def rank(level: str) -> int:
    """Position of a level, lowest first; raises KeyError for an unknown level."""
    return _RANK[level]


def highest(levels: Iterable[str]) -> str:
    """The highest level among `levels`; `self_care` when there is none."""
    return max(levels, key=rank, default=SELF_CARE)

