"""Likely contributing factors (never "the cause") and the service to suggest.

Applies two tables of the clinic's knowledge (CLINICAL.md, TRAVELL-SIMONS):
where it hurts -> referral muscles (data/knowledge/regions.yml), and triggers
and habits -> contributing factors (data/knowledge/triggers.yml). A region and
a trigger that point at the same muscles become one factor with both reasons
("location: temples", "trigger: clenching").

The three files are read and validated by their loaders in bot.knowledge
(`regions`, `triggers`, `services`); this module applies them.

Only explain muscles once warning signs have been ruled out: callers decide
when to show these; this module just reads the facts.

"Because you said ..." quotes the person (bot.evidence): given the quotes of
the conversation, each reason is the words or the label that named it; the
`lay` phrases of the tables are only for callers without a conversation.
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Optional

from bot import clinic, evidence, knowledge
from bot.assessment import ContributingFactor, Facts
from bot.evidence import Quote
from bot.knowledge import KnowledgeError, regions, services, triggers
from bot.knowledge.regions import Region
from bot.knowledge.services import Services
from bot.knowledge.triggers import Factor, Trigger, TriggerTable

__all__ = ["contributing_factors", "suggest_service", "advice", "service_info", "load_knowledge",
           "region_choices"]


@dataclass(frozen=True)
class Knowledge:
    regions: Mapping[str, Region]
    triggers: Mapping[str, Trigger]
    factors: Mapping[str, Factor]
    offered: Services


def _combine(where: Mapping[str, Region], table: TriggerTable, offered: Services) -> Knowledge:
    clash = set(table.factors) & {f"region_{r}" for r in where}
    if clash:
        raise KnowledgeError(f"triggers.yml: factor ids clash with region factors {sorted(clash)}")
    return Knowledge(where, table.triggers, table.factors, offered)


def load_knowledge() -> Knowledge:
    """Read and validate regions.yml, triggers.yml and services.yml (uncached)."""
    return _combine(regions.load(), triggers.load(), services.load())


@knowledge.cached
def _knowledge() -> Knowledge:
    return _combine(regions.table(), triggers.table(), services.table())


# --------------------------------------------------------------------------
# Factors
# --------------------------------------------------------------------------

def _base(muscle: str) -> str:
    """"sternocleidomastoid (sternal)" and "sternocleidomastoid" are one muscle for merging."""
    return re.sub(r"\s*\(.*?\)", "", muscle).strip().lower()


def _union(*lists: tuple[str, ...]) -> tuple[str, ...]:
    """Muscles in order, once each; a specific head replaces the generic name."""
    out: list[str] = []
    for muscles in lists:
        for muscle in muscles:
            same = [i for i, m in enumerate(out) if _base(m) == _base(muscle)]
            if not same:
                out.append(muscle)
            elif "(" in muscle and "(" not in out[same[0]]:
                out[same[0]] = muscle
    return tuple(out)


def _join(phrases: list[str]) -> str:
    if len(phrases) <= 1:
        return "".join(phrases)
    return ", ".join(phrases[:-1]) + " and " + phrases[-1]


@dataclass
class _Draft:
    id: str
    label: str
    kind: str
    service: Optional[str]
    muscles: tuple[str, ...]
    because: list[str]
    lays: list[str]
    sources: tuple[str, ...]

    def add_reason(self, because: str, lay: str) -> None:
        if because not in self.because:
            self.because.append(because)
            self.lays.append(lay)

    def build(self, said: Optional[Mapping[str, Quote]] = None) -> ContributingFactor:
        # where it hurts first, then what they do: "your temples hurt and you clench ..."
        pairs = sorted(zip(self.because, self.lays), key=lambda p: not p[0].startswith("location:"))
        self.because, self.lays = [b for b, _ in pairs], [lay for _, lay in pairs]
        lead = _because(self.because, self.lays, said)
        name = self.label[0].lower() + self.label[1:]
        if self.kind == "habit":
            text = (f"{lead}, a likely contributing factor is {name.lower()} "
                    f"(not a muscle problem, but worth looking at).")
        elif self.muscles:
            text = f"{lead}, a likely contributing factor is {name}: {_join(list(self.muscles))}."
        else:
            text = f"{lead}, a likely contributing factor is {name}."
        return ContributingFactor(
            id=self.id, label=self.label, muscles=self.muscles, because=tuple(self.because),
            sources=self.sources, explanation=text, kind=self.kind)


def _because(reasons: list[str], lays: list[str], said: Optional[Mapping[str, Quote]]) -> str:
    """ "Because you said "my temples"" from the person's quotes; the tables' lay
    phrases only without a conversation to quote."""
    if said is None:
        return f"Because you said {_join(lays)}"
    quoted = [said[reason] for reason in reasons if reason in said]
    return f"Because {evidence.because(quoted)}" if quoted else "From your answers"


def _drafts(facts: Facts) -> list[_Draft]:
    k = _knowledge()
    drafts: dict[str, _Draft] = {}
    # Triggers first, grouped by the factor they point at.
    for trigger_id in dict.fromkeys(facts.triggers):
        trigger = k.triggers.get(trigger_id)
        if trigger is None:
            raise KnowledgeError(f"unknown trigger id {trigger_id!r} in facts")
        if trigger.contributor is None:
            continue     # a warning sign (exertion, coughing), never a contributing factor
        factor = k.factors[trigger.contributor]
        draft = drafts.get(factor.id)
        if draft is None:
            draft = drafts[factor.id] = _Draft(factor.id, factor.label, factor.kind, factor.service,
                                               factor.muscles, [], [], factor.sources)
        draft.add_reason(f"trigger: {trigger.id}", trigger.lay)

    trigger_drafts = [d for d in drafts.values() if d.kind == "muscular" and d.muscles]
    # Then each region: merged into the trigger factors that share its primary
    # muscles; what no trigger factor covers stays a factor of its own.
    for region_id in dict.fromkeys(facts.regions):
        region = k.regions.get(region_id)
        if region is None:
            raise KnowledgeError(f"unknown region id {region_id!r} in facts")
        covered: set[str] = set()
        for draft in trigger_drafts:
            shared = [m for m in region.primary if _base(m) in {_base(x) for x in draft.muscles}]
            if shared:
                # the region's own (more specific) names for the shared muscles lead
                draft.muscles = _union(tuple(shared), draft.muscles)
                draft.add_reason(f"location: {region.id}", region.lay)
                draft.sources = tuple(dict.fromkeys(draft.sources + region.sources))
                covered |= {_base(m) for m in shared}
        rest = tuple(m for m in region.primary if _base(m) not in covered)
        if rest:
            drafts[f"region_{region.id}"] = _Draft(
                f"region_{region.id}", f"Trigger points referring pain to {region.area}", "muscular", region.service, rest, [f"location: {region.id}"], [region.lay], region.sources)
    return list(drafts.values())


def contributing_factors(facts: Facts, said: Optional[Mapping[str, Quote]] = None
                         ) -> list[ContributingFactor]:
    """The likely contributing factors for these facts, strongest first; `said`: the
    person's words for each region and trigger (bot.evidence.quotes).

    Strength is the number of reasons (a region and a trigger agreeing beat
    either alone); muscular factors come before non-muscular habits.
    """
    drafts = _drafts(facts)
    order = {id(d): i for i, d in enumerate(drafts)}
    drafts.sort(key=lambda d: (d.kind != "muscular", -len(d.because), order[id(d)]))
    return [d.build(said) for d in drafts]


# --------------------------------------------------------------------------
# Service
# --------------------------------------------------------------------------

def _service_of(factor: ContributingFactor) -> Optional[str]:
    k = _knowledge()
    if factor.id in k.factors:
        return k.factors[factor.id].service
    if factor.id.startswith("region_") and factor.id[len("region_"):] in k.regions:
        return k.regions[factor.id[len("region_"):]].service
    return None


def _lay_reasons(factor: ContributingFactor) -> list[str]:
    k = _knowledge()
    out = []
    for because in factor.because:
        kind, _, ident = because.partition(": ")
        if kind == "location" and ident in k.regions:
            out.append(k.regions[ident].lay)
        elif kind == "trigger" and ident in k.triggers:
            out.append(k.triggers[ident].lay)
    return out


def suggest_service(factors: list[ContributingFactor], facts: Optional[Facts] = None,
                    said: Optional[Mapping[str, Quote]] = None) -> tuple[Optional[str], str]:
    """("nmt" | "smrt", one plain sentence why); `said` as for contributing_factors.

    SMRT leads where jaw or face tension dominates, NMT where neck, shoulder
    and posture trigger points do (each factor weighs as many reasons as it
    has); a tie, or nothing known, gives the general starting point
    (services.yml `start_with`: NMT). Both are an assessment with a
    therapist; the person chooses.
    """
    offered = _knowledge().offered
    weight = {service: 0 for service in offered.services}
    reasons: dict[str, list[str]] = {service: [] for service in offered.services}
    quoted: dict[str, list[Quote]] = {service: [] for service in offered.services}
    for factor in factors:
        service = _service_of(factor)
        if service is None:
            continue
        weight[service] += max(1, len(factor.because))
        for lay in _lay_reasons(factor):
            if lay not in reasons[service]:
                reasons[service].append(lay)
        if said is not None:
            quoted[service] += [said[b] for b in factor.because if b in said]
    start = offered.start_with
    if not any(weight.values()):
        return start, " ".join(offered.services[start].general.split())
    leaders = [service for service, w in weight.items() if w == max(weight.values())]
    service = start if start in leaders else leaders[0]
    why = " ".join(offered.services[service].why.split())
    if said is not None:
        if not quoted[service]:
            return service, " ".join(offered.services[service].general.split())
        return service, why.format(reasons=evidence.because(quoted[service]))
    return service, why.format(reasons="you said " + _join(reasons[service]))


def service_ids() -> tuple[str, ...]:
    """The services the assistant can suggest, in services.yml order."""
    return tuple(_knowledge().offered.services)


def service_info(service_id: str) -> dict[str, Any]:
    """name and one_line explanation of a service (services.yml)."""
    entry = _knowledge().offered.services[service_id]
    return {"id": service_id, "name": entry.name, "one_line": " ".join(entry.one_line.split())}


def region_choices() -> list[dict[str, str]]:
    """The regions a head map offers: id, label and the words it sends (regions.yml)."""
    return [{"id": r.id, "label": r.label, "say": r.say} for r in _knowledge().regions.values()]


def advice(level: str) -> str:
    """The plain next step for a triage level (services.yml `advice`), in the
    words of the clinic's locale (bot.clinic: its emergency number, ...)."""
    return clinic.fill(_knowledge().offered.advice[level])
