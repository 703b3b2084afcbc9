"""From everything the person said and answered to one assessment.

The highest level reached wins. Everything is recomputed from the whole
conversation, so a later "no" can never lower a level already reached.

The evidence of each warning sign is what the person said or chose
(bot.evidence): a rule on their answers is worded from the answers ("you are
71 and this headache is new"), a trigger that is itself a sign quotes the
words that named it.
"""
from __future__ import annotations

import dataclasses
from typing import Iterable, Mapping, Optional, Sequence

from bot import evidence as in_their_words, factors as contributing, red_flags
from bot.assessment import Assessment, Facts, RedFlag
from bot.evidence import Quote
from bot.knowledge.triggers import warning_concepts
from bot.levels import EMERGENCY, SEE_DOCTOR, SELF_CARE, URGENT, highest, rank
from bot.understanding.person import MYSELF, Person

Mention = tuple[str, str]  # (concept id, the person's words)


def red_flags_found(mentions: Iterable[Mention], facts: Facts, answers: Mapping[str, str],
                    said: Optional[Mapping[str, Quote]] = None,
                    person: Person = MYSELF) -> list[RedFlag]:
    """`said`: the person's words for each region and trigger (bot.evidence.quotes);
    `person`: who the answers are about (the wording of a rule on the answers)."""
    evidence: dict[str, str] = {}
    for concept, words in mentions:
        evidence.setdefault(concept, words)
    # A trigger can itself be a warning sign (a headache brought on by exertion).
    for trigger in facts.triggers:
        quote = (said or {}).get(f"trigger: {trigger}")
        for concept in warning_concepts([trigger]):
            evidence.setdefault(concept, quote.words if quote else "what brings it on")
    found = red_flags.evaluate(set(evidence), facts, evidence) + red_flags.from_screen_answers(dict(answers), facts)
    unique: dict[str, RedFlag] = {}
    for flag in found:
        if flag.evidence_kind == "facts":
            flag = dataclasses.replace(flag, evidence=in_their_words.facts_said(
                red_flags.rule(flag.id).get("when") or {}, facts, person))
        elif flag.evidence_kind in ("chose", "unsure") and not person.myself:
            flag = dataclasses.replace(flag, evidence=_label_shown(flag, person))
        unique.setdefault(flag.id, flag)
    return sorted(unique.values(), key=lambda f: -rank(f.level))


def _label_shown(flag: RedFlag, person: Person) -> str:
    """The label of the screen item as the checklist showed it about `person`."""
    from bot import interview   # interview imports this module where it needs it

    for screen in red_flags.all_screens():
        for item in screen.items:
            if item.rule == flag.id and item.label == flag.evidence:
                return interview.screen_label(item.id, item.label, person)
    return flag.evidence


def level_of(mentions: Iterable[Mention], facts: Facts, answers: Mapping[str, str]) -> str:
    return highest(f.level for f in red_flags_found(mentions, facts, answers))


def assess(mentions: Sequence[Mention], facts: Facts, answers: Mapping[str, str],
           said: Optional[Mapping[str, Quote]] = None, person: Person = MYSELF) -> Assessment:
    """Everything said and answered to one assessment; `said` and `person` as for
    red_flags_found (the factors quote the person too)."""
    flags = red_flags_found(mentions, facts, answers, said, person)
    level = highest(f.level for f in flags)
    advice = contributing.advice(level)
    if level in (EMERGENCY, URGENT):
        # Muscles are explained only once warning signs have been ruled out.
        return Assessment(triage=level, red_flags=tuple(flags), factors=(), advice=advice,
                          suggested_service=None, offer_booking=False,
                          rule_ids=tuple(f.id for f in flags), regions=facts.regions)
    found = contributing.contributing_factors(facts, said)
    service, reason = contributing.suggest_service(found, facts, said)
    return Assessment(triage=level, red_flags=tuple(flags), factors=tuple(found), advice=advice,
                      suggested_service=service, service_reason=reason,
                      offer_booking=level in (SELF_CARE, SEE_DOCTOR),
                      rule_ids=tuple(f.id for f in flags) + tuple(f.id for f in found),
                      regions=facts.regions)

