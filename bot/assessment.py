"""The domain's value types: what the interview learned and what the bot concludes.

Plain frozen dataclasses, JSON-friendly through `as_payload()`; shared by the
text understanding, red-flag, factor and triage modules.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional


@dataclass(frozen=True)
class Facts:
    """The interview's answers, normalised. None means "not known yet"."""

    regions: tuple[str, ...] = ()          # region ids of data/knowledge/regions.yml
    duration_hours: Optional[float] = None  # how long this headache has lasted
    history: Optional[str] = None          # "new" (first ever / under 3 months) | "longstanding"
    frequency_days: Optional[int] = None   # headache days a month
    severity: Optional[int] = None         # 0-10
    triggers: tuple[str, ...] = ()         # trigger ids of data/knowledge/triggers.yml
    age: Optional[int] = None
    medication_days: Optional[int] = None  # painkiller days a month (0 = none)
    medication_kind: Optional[str] = None  # "simple" | "triptan" | "opioid" | "combination" | None
    sex: Optional[str] = None              # "female" | "male" when said (or told by "my mum")


@dataclass(frozen=True)
class RedFlag:
    """A warning sign found in what the person said or answered."""

    id: str                      # rule id in data/knowledge/red_flags.yml
    level: str                   # a level of bot.levels
    evidence: str                # the person's words, the label of what they chose, or their answers
    sources: tuple[str, ...]
    label: str = ""              # plain-language name of the sign
    # "said" (their words) | "chose" | "unsure" (a screen item's label) | "facts" (their answers,
    # worded "you are 71 and this headache is new": "you said" + evidence reads right)
    evidence_kind: str = "said"

    def as_payload(self) -> dict:
        return {"id": self.id, "level": self.level, "evidence": self.evidence,
                "evidence_kind": self.evidence_kind,
                "sources": list(self.sources), "label": self.label}


@dataclass(frozen=True)
class ContributingFactor:
    """A likely contributor (never "the cause") with the muscles and the reason."""

    id: str
    label: str
    muscles: tuple[str, ...]
    because: tuple[str, ...]     # e.g. ("location: temples", "trigger: clenching")
    sources: tuple[str, ...]
    explanation: str = ""        # plain sentence in the person's terms
    kind: str = "muscular"       # "muscular" | "habit" (non-muscular contributor)

    def as_payload(self) -> dict:
        return {"id": self.id, "label": self.label, "muscles": list(self.muscles),
                "because": list(self.because), "sources": list(self.sources),
                "explanation": self.explanation, "kind": self.kind}


@dataclass(frozen=True)
class Assessment:
    triage: str
    red_flags: tuple[RedFlag, ...]
    factors: tuple[ContributingFactor, ...]
    advice: str
    suggested_service: Optional[str]       # "nmt" | "smrt" | None
    service_reason: str = ""
    offer_booking: bool = False
    rule_ids: tuple[str, ...] = field(default_factory=tuple)
    regions: tuple[str, ...] = ()          # where it hurts (region ids), for the head diagram

    def as_payload(self) -> dict:
        """The `headache_assessment` payload of CONTRACT.md."""
        return {"type": "headache_assessment", "triage": self.triage,
                "red_flags": [f.as_payload() for f in self.red_flags],
                "factors": [f.as_payload() for f in self.factors],
                "suggested_service": self.suggested_service,
                "service_reason": self.service_reason,
                "advice": self.advice, "rule_ids": list(self.rule_ids),
                "regions": list(self.regions)}
