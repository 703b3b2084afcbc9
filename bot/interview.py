"""What the interview asks, in which order, and how its slots become facts.

The slot names are the contract of CONTRACT.md ("Dialogue state"): clients
read `requested_slot` to know what is being asked.
"""
from __future__ import annotations

from typing import Any, Iterable, Mapping

from bot import red_flags
from bot.assessment import Facts

CONSENT_SLOT = "consent"
FACT_SLOTS = ("location", "duration", "history", "frequency", "severity",
              "triggers", "age", "medication")
FLAG_SLOT_PREFIX = "flag_"
BOOKING_SLOTS = ("booking_wanted", "service", "patient_name", "contact",
                 "preferred_time", "booking_confirmed")
# patient_name / contact value on the kiosk: "I'll give it at reception"
AT_RECEPTION = "at_reception"


def facts_from_slots(slots: Mapping[str, Any]) -> Facts:
    medication = slots.get("medication") or {}
    if not isinstance(medication, dict):
        medication = {}
    return Facts(
        regions=tuple(_as_list(slots.get("location"))),
        duration_hours=_as_number(slots.get("duration"), float),
        history=slots.get("history") if slots.get("history") in ("new", "longstanding") else None,
        frequency_days=_as_number(slots.get("frequency"), int),
        severity=_as_number(slots.get("severity"), int),
        triggers=tuple(_as_list(slots.get("triggers"))),
        age=_as_number(slots.get("age"), int),
        medication_days=_as_number(medication.get("days"), int),
        medication_kind=medication.get("kind"),
    )


def flag_answers_from_slots(slots: Mapping[str, Any]) -> dict[str, str]:
    """Question id -> "yes" | "no" | "unsure" for every warning-sign question answered."""
    return {name[len(FLAG_SLOT_PREFIX):]: value for name, value in slots.items()
            if name.startswith(FLAG_SLOT_PREFIX) and value in ("yes", "no", "unsure")}


def required_slots(facts: Facts, concepts: Iterable[str]) -> list[str]:
    """Consent, the facts, then the warning-sign questions that apply to this person."""
    questions = red_flags.questions_to_ask(facts, set(concepts))
    return [CONSENT_SLOT, *FACT_SLOTS, *(q.slot for q in questions)]


def _as_list(value: Any) -> list:
    if value is None:
        return []
    return list(value) if isinstance(value, (list, tuple)) else [value]


def _as_number(value: Any, kind: type):
    if value is None or isinstance(value, bool):
        return None
    try:
        return kind(value)
    except (TypeError, ValueError):
        return None


SYMPTOM_ENTITY = "symptom"


def mentions_from_messages(messages: Iterable[tuple[str, Iterable[Mapping[str, Any]]]]) -> list[tuple[str, str]]:
    """(concept, the person's words) for each `symptom` entity of each (text, entities) message."""
    found = []
    for text, entities in messages:
        text = text or ""
        for entity in entities or ():
            if entity.get("entity") == SYMPTOM_ENTITY:
                found.append((entity["value"], text[entity.get("start", 0):entity.get("end", len(text))]))
    return found
