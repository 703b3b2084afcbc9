"""From everything the person said and answered to one assessment.

The highest level reached wins. Everything is recomputed from the whole
conversation, so a later "no" can never lower a level already reached.
"""
from __future__ import annotations

from typing import Iterable, Mapping, Sequence

from bot import factors as contributing, red_flags
from bot.assessment import Assessment, Facts, RedFlag
from bot.knowledge.triggers import warning_concepts
from bot.levels import EMERGENCY, SEE_DOCTOR, SELF_CARE, URGENT, highest, rank

Mention = tuple[str, str]  # (concept id, the person's words)


def red_flags_found(mentions: Iterable[Mention], facts: Facts,
                    answers: Mapping[str, str]) -> list[RedFlag]:
    evidence: dict[str, str] = {}
    for concept, words in mentions:
        evidence.setdefault(concept, words)
    # A trigger can itself be a warning sign (a headache brought on by exertion).
    for concept in warning_concepts(facts.triggers):
        evidence.setdefault(concept, "what brings it on")
    found = red_flags.evaluate(set(evidence), facts, evidence) + red_flags.from_screen_answers(dict(answers), facts)
    unique: dict[str, RedFlag] = {}
    for flag in found:
        unique.setdefault(flag.id, flag)
    return sorted(unique.values(), key=lambda f: -rank(f.level))


def level_of(mentions: Iterable[Mention], facts: Facts, answers: Mapping[str, str]) -> str:
    return highest(f.level for f in red_flags_found(mentions, facts, answers))


def assess(mentions: Sequence[Mention], facts: Facts, answers: Mapping[str, str]) -> Assessment:
    flags = red_flags_found(mentions, facts, answers)
    level = highest(f.level for f in flags)
    advice = contributing.advice(level)
    if level in (EMERGENCY, URGENT):
        # Muscles are explained only once warning signs have been ruled out.
        return Assessment(triage=level, red_flags=tuple(flags), factors=(), advice=advice,
                          suggested_service=None, offer_booking=False,
                          rule_ids=tuple(f.id for f in flags), regions=facts.regions)
    found = contributing.contributing_factors(facts)
    service, reason = contributing.suggest_service(found, facts)
    return Assessment(triage=level, red_flags=tuple(flags), factors=tuple(found), advice=advice,
                      suggested_service=service, service_reason=reason,
                      offer_booking=level in (SELF_CARE, SEE_DOCTOR),
                      rule_ids=tuple(f.id for f in flags) + tuple(f.id for f in found),
                      regions=facts.regions)

