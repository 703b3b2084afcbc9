"""Warning signs of a secondary headache, applied from data/knowledge/red_flags.yml.

Everything clinical lives in that file (concepts, context words, rules, questions,
cited sources); this module only applies it:

- `concepts_in` / `detect`: concepts affirmed in one message about the person's current
  headache. medspaCy's TargetMatcher finds the concept patterns and ConText drops the
  negated, historical, hypothetical and family ones. A message written on someone else's
  behalf ("typing this for my dad, he's muddled") matches a `proxy_report` pattern: there
  the context rules marked `off_in_proxy_report` (what a relative has or had) do not apply,
  because that relative is the person being assessed; family history still does.
- `evaluate`: the rules over everything affirmed in the conversation plus the facts.
- `from_answers` / `questions_to_ask`: the interview's explicit warning-sign questions.

The spaCy pipeline is built on first use: importing spaCy is slow (it may pull in
TensorFlow) and is not needed by callers that only evaluate answers.
"""
from __future__ import annotations

import functools
import re
import warnings
from dataclasses import dataclass
from typing import Any, Mapping, Optional

from bot import knowledge, levels
from bot.assessment import Facts, RedFlag
from bot.knowledge import KnowledgeError

KNOWLEDGE_NAME = "red_flags"
SLOT_PREFIX = "flag_"
ANSWERS = ("yes", "no", "unsure")

_SPAN_GROUP = "medspacy_spans"
_CONTEXT_CATEGORIES = {
    "NEGATED_EXISTENCE": "negated", "HISTORICAL": "historical",
    "HYPOTHETICAL": "hypothetical", "FAMILY": "family"}
# Categories that only shape the other rules' reach.
_STRUCTURAL_CATEGORIES = {"CLAUSE_BREAK", "PSEUDO"}
_DIRECTIONS = {"FORWARD", "BACKWARD", "BIDIRECTIONAL", "PSEUDO", "TERMINATE"}
_FACT_CONDITIONS = {"history", "min_age", "max_age", "frequency_days_at_least",
                    "medication_days_at_least", "medication_kind_in"}
_ASK_IF_CONDITIONS = {"min_age", "max_age", "regions_any"}
# Curly apostrophes and quotes are dropped so "can't", "can’t" and "cant" read the same.
_DROPPED_CHARS = {"'", "\u2019", "\u2018", "`", "\u00b4"}


@dataclass(frozen=True)
class Question:
    """One warning-sign question of the interview; its answer fills the Rasa slot `slot`."""

    id: str
    slot: str
    text: str
    rule: str


@dataclass(frozen=True)
class _Rule:
    id: str
    level: str
    label: str
    sources: tuple[str, ...]
    all: tuple[str, ...] = ()
    any: tuple[str, ...] = ()
    min_age: Optional[int] = None
    when: Optional[Mapping[str, Any]] = None     # fact rules only

    def flag(self, evidence: str) -> RedFlag:
        return RedFlag(id=self.id, level=self.level, evidence=evidence,
                       sources=self.sources, label=self.label)


@dataclass(frozen=True)
class _Knowledge:
    concepts: Mapping[str, tuple[str, ...]]          # concept id -> regex patterns
    ignored_context: Mapping[str, frozenset[str]]     # concept id -> contexts that don't cancel it
    context_rules: tuple[Mapping[str, Any], ...]
    rules: Mapping[str, _Rule]                        # concept rules, in file order
    fact_rules: Mapping[str, _Rule]
    questions: tuple[Mapping[str, Any], ...]
    raw_rules: Mapping[str, Mapping[str, Any]]
    proxy_report: Optional[re.Pattern] = None          # one regex made of all proxy_report patterns


# --------------------------------------------------------------------------- public API

def detect(text: str) -> list[RedFlag]:
    """Warning signs affirmed in one message about the person's current headache."""
    evidence = _affirmed(text or "")
    return evaluate(set(evidence), Facts(), evidence)


def concepts_in(text: str) -> set[str]:
    """Concept ids affirmed in one message (negated, past, worried-about and family ones left out)."""
    return set(_affirmed(text or ""))


def mentions(text: str) -> list[tuple[str, int, int]]:
    """(concept id, start, end) of each affirmed concept, as character offsets into `text`."""
    return message_mentions(text).affirmed


@dataclass(frozen=True)
class MessageMentions:
    """What one message says, for a conversation to combine with the others.

    `if_on_behalf`: concepts this message puts on a relative ("my dad had a
    seizure") that count for the person being assessed once any message of
    the conversation says it is written on someone's behalf (`on_behalf`):
    "I'm typing this for my dad" in one message, the seizure in the next."""

    affirmed: list[tuple[str, int, int]]
    if_on_behalf: list[tuple[str, int, int]]
    on_behalf: bool


def message_mentions(text: str) -> MessageMentions:
    found, if_on_behalf, proxy = _affirmed_spans(text or "")
    return MessageMentions([(c, start, end) for c, (start, end) in found.items()],
                           [(c, start, end) for c, (start, end) in if_on_behalf.items()],
                           proxy)


def evaluate(concepts: set[str], facts: Facts, evidence: Mapping[str, str]) -> list[RedFlag]:
    """The rules over all concepts affirmed in the conversation, then the fact rules."""
    kb = _knowledge()
    concepts = set(concepts)
    found = []
    for r in kb.rules.values():
        if r.min_age is not None and (facts.age is None or facts.age < r.min_age):
            continue
        if not set(r.all) <= concepts:
            continue
        matched_any = [c for c in r.any if c in concepts]
        if r.any and not matched_any:
            continue
        words = [evidence.get(c) or c for c in (*r.all, *matched_any)]
        found.append(r.flag("; ".join(dict.fromkeys(words))))
    for r in kb.fact_rules.values():
        reason = _fact_rule_holds(r.when or {}, facts)
        if reason:
            found.append(r.flag(reason))
    return found


def from_answers(answers: Mapping[str, str]) -> list[RedFlag]:
    """Flags from the warning-sign questions: "yes" and "unsure" (the safer answer) fire the rule."""
    kb = _knowledge()
    by_id = {q["id"]: q for q in kb.questions}
    found = []
    for question_id, answer in answers.items():
        if question_id not in by_id:
            raise KeyError(f"unknown warning-sign question {question_id!r}")
        answer = (answer or "").strip().lower()
        if answer not in ANSWERS:
            raise ValueError(f"answer to {question_id!r} must be one of {ANSWERS}, not {answer!r}")
        if answer == "no":
            continue
        q = by_id[question_id]
        prefix = "answered yes to" if answer == "yes" else "not sure"
        found.append(kb.rules[q["rule"]].flag(f"{prefix}: {q['text']}"))
    return found


def questions_to_ask(facts: Facts, concepts: set[str]) -> list[Question]:
    """The warning-sign questions for this person, in order.

    A question is skipped when the person already affirmed one of its `covers` concepts,
    or when its `ask_if` does not hold; an unknown age or region never skips a question.
    """
    kb = _knowledge()
    asked = []
    for q in kb.questions:
        if set(q.get("covers", ())) & set(concepts):
            continue
        if not _ask_if_holds(q.get("ask_if") or {}, facts):
            continue
        asked.append(Question(id=q["id"], slot=SLOT_PREFIX + q["id"], text=q["text"], rule=q["rule"]))
    return asked


def rule(rule_id: str) -> dict:
    """The rule as written in red_flags.yml (a copy); KeyError for an unknown id."""
    return dict(_knowledge().raw_rules[rule_id])


def all_rule_ids() -> list[str]:
    kb = _knowledge()
    return [*kb.rules, *kb.fact_rules]


# --------------------------------------------------------------------------- conditions

def _fact_rule_holds(when: Mapping[str, Any], facts: Facts) -> str:
    """A plain reason when every condition of `when` holds, "" otherwise (unknown facts never hold)."""
    reasons = []
    if "history" in when:
        if facts.history != when["history"]:
            return ""
        reasons.append(f"headache history: {facts.history}")
    if "min_age" in when or "max_age" in when:
        if facts.age is None or facts.age < when.get("min_age", 0) or facts.age > when.get("max_age", 200):
            return ""
        reasons.append(f"age {facts.age}")
    if "frequency_days_at_least" in when:
        if facts.frequency_days is None or facts.frequency_days < when["frequency_days_at_least"]:
            return ""
        reasons.append(f"headache on {facts.frequency_days} days a month")
    if "medication_days_at_least" in when:
        if facts.medication_days is None or facts.medication_days < when["medication_days_at_least"]:
            return ""
        reasons.append(f"painkillers on {facts.medication_days} days a month")
    if "medication_kind_in" in when:
        kind = facts.medication_kind or "unknown"
        if kind not in when["medication_kind_in"]:
            return ""
        reasons.append(f"painkiller kind: {kind}")
    return ", ".join(reasons)


def _ask_if_holds(ask_if: Mapping[str, Any], facts: Facts) -> bool:
    if facts.age is not None:
        if "min_age" in ask_if and facts.age < ask_if["min_age"]:
            return False
        if "max_age" in ask_if and facts.age > ask_if["max_age"]:
            return False
    if "regions_any" in ask_if and facts.regions:
        return bool(set(ask_if["regions_any"]) & set(facts.regions))
    return True


# --------------------------------------------------------------------------- text

def _normalise(text: str) -> tuple[str, list[int]]:
    """Lower-cased text without apostrophes, and each kept character's offset in `text`."""
    kept, offsets = [], []
    for i, ch in enumerate(text):
        if ch in _DROPPED_CHARS:
            continue
        kept.append(ch.lower() if len(ch.lower()) == 1 else ch)
        offsets.append(i)
    return "".join(kept), offsets


def _affirmed_spans(text: str
                    ) -> tuple[dict[str, tuple[int, int]], dict[str, tuple[int, int]], bool]:
    """Concept id -> (start, end) in `text` of its first affirmed mention; the
    concepts that would also be affirmed were the message written on someone's
    behalf; and whether its own wording says it is."""
    normalised, offsets = _normalise(text)
    if not normalised.strip():
        return {}, {}, False
    nlp = _pipeline()
    kb = _knowledge()
    ignored = kb.ignored_context
    proxy = bool(kb.proxy_report and kb.proxy_report.search(normalised))
    doc = nlp.make_doc(normalised)
    doc.spans[_SPAN_GROUP] = []
    with warnings.catch_warnings():
        # The concept matchers are regex-only, so spaCy's empty token Matcher warns on each call.
        warnings.filterwarnings("ignore", message=r"\[W036\]")
        for _, component in nlp.pipeline:
            doc = component(doc)
    cancelled: set[tuple[int, int, str]] = set()
    cancelled_by_family_only: set[tuple[int, int, str]] = set()
    others: set[tuple[int, int, str]] = set()
    for target, modifier in doc._.context_graph.edges:
        context = _CONTEXT_CATEGORIES.get(modifier.category.upper())
        if not context or context in ignored.get(target.label_, ()):
            continue
        key = (target.start, target.end, target.label_)
        meta = modifier.rule.metadata or {}
        if meta.get("off_in_proxy_report") and target.label_ not in meta.get("proxy_report_keeps", ()):
            if not proxy:
                cancelled.add(key)
                cancelled_by_family_only.add(key)
        else:
            cancelled.add(key)
            others.add(key)
    found: dict[str, tuple[int, int]] = {}
    if_on_behalf: dict[str, tuple[int, int]] = {}
    for span in sorted(doc.spans[_SPAN_GROUP], key=lambda s: s.start_char):
        key = (span.start, span.end, span.label_)
        where = (offsets[span.start_char], offsets[span.end_char - 1] + 1)
        if key not in cancelled and span.label_ not in found:
            found[span.label_] = where
        elif key in cancelled_by_family_only and key not in others:
            if_on_behalf.setdefault(span.label_, where)
    return found, {c: w for c, w in if_on_behalf.items() if c not in found}, proxy


def _affirmed(text: str) -> dict[str, str]:
    return {concept: text[start:end] for concept, (start, end) in _affirmed_spans(text)[0].items()}


@functools.lru_cache(maxsize=1)
def _pipeline():
    import spacy
    from medspacy.context import ConTextRule
    from medspacy.target_matcher import TargetRule

    kb = _knowledge()
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    # One matcher per concept: a matcher keeps only the longest of overlapping matches,
    # and "fell down the stairs and hit my head" must count for two concepts.
    for concept, patterns in kb.concepts.items():
        matcher = nlp.add_pipe("medspacy_target_matcher", name=f"target_{concept}",
                               config={"result_type": "group", "span_group_name": _SPAN_GROUP})
        matcher.add([TargetRule(concept, concept, pattern=p) for p in patterns])
    context = nlp.add_pipe("medspacy_context", config={
        "rules": None, "prune_on_target_overlap": True,
        "input_span_type": "group", "span_group_name": _SPAN_GROUP})
    breaks = {"CLAUSE_BREAK"}
    context.add([
        ConTextRule(r["literal"], r["category"], pattern=r["pattern"], direction=r["direction"],
                    max_scope=r.get("max_scope"),
                    allowed_types=set(r["allowed_types"]) if r.get("allowed_types") else None,
                    terminated_by=breaks if r["category"] not in breaks else None,
                    metadata={"off_in_proxy_report": bool(r.get("off_in_proxy_report")),
                              "proxy_report_keeps": frozenset(r.get("proxy_report_keeps") or ())})
        for r in kb.context_rules])
    return nlp


# --------------------------------------------------------------------------- knowledge

@functools.lru_cache(maxsize=1)
def _knowledge() -> _Knowledge:
    return _compile(knowledge.load(KNOWLEDGE_NAME))


def _compile(content: Mapping[str, Any]) -> _Knowledge:
    """Validate the parsed red_flags.yml; raise KnowledgeError on the first problem."""
    where = f"{KNOWLEDGE_NAME}.yml"
    for section in ("concepts", "context_rules", "rules", "questions", "fact_rules"):
        if not isinstance(content.get(section), list) or not content[section]:
            raise KnowledgeError(f"{where}: '{section}' must be a non-empty list")

    concepts: dict[str, tuple[str, ...]] = {}
    ignored: dict[str, frozenset[str]] = {}
    for entry in content["concepts"]:
        cid = _entry_id(entry, f"{where} concepts")
        if cid in concepts:
            raise KnowledgeError(f"{where}: duplicate concept id {cid!r}")
        patterns = entry.get("patterns")
        if not patterns or not isinstance(patterns, list):
            raise KnowledgeError(f"{where}: concept {cid!r} needs a non-empty 'patterns' list")
        for p in patterns:
            _check_regex(p, f"{where}: concept {cid!r}")
        concepts[cid] = tuple(patterns)
        unknown = set(entry.get("ignored_context", ())) - set(_CONTEXT_CATEGORIES.values())
        if unknown:
            raise KnowledgeError(f"{where}: concept {cid!r} has unknown ignored_context {sorted(unknown)}")
        ignored[cid] = frozenset(entry.get("ignored_context", ()))

    known_categories = set(_CONTEXT_CATEGORIES) | _STRUCTURAL_CATEGORIES
    for r in content["context_rules"]:
        owner = f"{where}: context rule {r.get('literal')!r}"
        if not isinstance(r, dict) or not r.get("literal") or not r.get("pattern"):
            raise KnowledgeError(f"{owner}: needs 'literal' and 'pattern'")
        if r.get("category") not in known_categories:
            raise KnowledgeError(f"{owner}: unknown category {r.get('category')!r}")
        if str(r.get("direction", "")).upper() not in _DIRECTIONS:
            raise KnowledgeError(f"{owner}: unknown direction {r.get('direction')!r}")
        unknown = set(r.get("allowed_types") or ()) - set(concepts)
        if unknown:
            raise KnowledgeError(f"{owner}: unknown allowed_types {sorted(unknown)}")
        _check_regex(r["pattern"], owner)
        if (r.get("off_in_proxy_report") or r.get("proxy_report_keeps")) and r["category"] != "FAMILY":
            raise KnowledgeError(f"{owner}: only FAMILY rules can be 'off_in_proxy_report'")
        unknown = set(r.get("proxy_report_keeps") or ()) - set(concepts)
        if unknown:
            raise KnowledgeError(f"{owner}: unknown proxy_report_keeps {sorted(unknown)}")

    proxy_patterns = content.get("proxy_report") or []
    if not isinstance(proxy_patterns, list):
        raise KnowledgeError(f"{where}: 'proxy_report' must be a list of patterns")
    for p in proxy_patterns:
        _check_regex(p, f"{where}: proxy_report")
    proxy_report = re.compile("|".join(f"(?:{p})" for p in proxy_patterns)) if proxy_patterns else None

    raw: dict[str, Mapping[str, Any]] = {}
    rules: dict[str, _Rule] = {}
    for entry in content["rules"]:
        r = _common_rule(entry, raw, where)
        for key in ("all", "any"):
            unknown = set(entry.get(key) or ()) - set(concepts)
            if unknown:
                raise KnowledgeError(f"{where}: rule {r.id!r} uses unknown concepts {sorted(unknown)}")
        if not entry.get("all") and not entry.get("any"):
            raise KnowledgeError(f"{where}: rule {r.id!r} needs 'all' or 'any'")
        rules[r.id] = _Rule(r.id, r.level, r.label, r.sources, all=tuple(entry.get("all") or ()),
                            any=tuple(entry.get("any") or ()), min_age=entry.get("min_age"))

    fact_rules: dict[str, _Rule] = {}
    for entry in content["fact_rules"]:
        r = _common_rule(entry, raw, where)
        when = entry.get("when")
        if not isinstance(when, dict) or not when or set(when) - _FACT_CONDITIONS:
            raise KnowledgeError(f"{where}: fact rule {r.id!r} needs a 'when' made of {sorted(_FACT_CONDITIONS)}")
        fact_rules[r.id] = _Rule(r.id, r.level, r.label, r.sources, when=dict(when))

    question_ids = set()
    for q in content["questions"]:
        qid = _entry_id(q, f"{where} questions")
        if qid in question_ids:
            raise KnowledgeError(f"{where}: duplicate question id {qid!r}")
        question_ids.add(qid)
        if not re.fullmatch(r"[a-z][a-z0-9_]*", qid):
            raise KnowledgeError(f"{where}: question id {qid!r} must be snake_case (it names a slot)")
        if not isinstance(q.get("text"), str) or not q["text"].strip():
            raise KnowledgeError(f"{where}: question {qid!r} needs a 'text'")
        if q.get("rule") not in rules:
            raise KnowledgeError(f"{where}: question {qid!r} points at unknown rule {q.get('rule')!r}")
        unknown = set(q.get("covers") or ()) - set(concepts)
        if unknown:
            raise KnowledgeError(f"{where}: question {qid!r} covers unknown concepts {sorted(unknown)}")
        if set(q.get("ask_if") or {}) - _ASK_IF_CONDITIONS:
            raise KnowledgeError(f"{where}: question {qid!r} has unknown ask_if {sorted(q['ask_if'])}")

    return _Knowledge(concepts=concepts, ignored_context=ignored,
                      context_rules=tuple(content["context_rules"]), rules=rules,
                      fact_rules=fact_rules, questions=tuple(content["questions"]), raw_rules=raw,
                      proxy_report=proxy_report)


def _entry_id(entry: Any, owner: str) -> str:
    if not isinstance(entry, dict) or not isinstance(entry.get("id"), str) or not entry["id"]:
        raise KnowledgeError(f"{owner}: every entry needs an 'id'")
    return entry["id"]


def _common_rule(entry: Any, seen: dict, where: str) -> _Rule:
    rid = _entry_id(entry, f"{where} rules")
    if rid in seen:
        raise KnowledgeError(f"{where}: duplicate rule id {rid!r}")
    level = entry.get("level")
    if level not in levels.LEVELS or level == levels.SELF_CARE:
        raise KnowledgeError(f"{where}: rule {rid!r} has unknown level {level!r}")
    if not entry.get("label"):
        raise KnowledgeError(f"{where}: rule {rid!r} needs a plain-language 'label'")
    sources = knowledge.check_sources(f"{where}: rule {rid!r}", entry.get("sources"))
    seen[rid] = entry
    return _Rule(rid, level, entry["label"], sources)


def _check_regex(pattern: Any, owner: str) -> None:
    if not isinstance(pattern, str):
        raise KnowledgeError(f"{owner}: pattern {pattern!r} is not a string")
    try:
        re.compile(pattern)
    except re.error as exc:
        raise KnowledgeError(f"{owner}: bad pattern {pattern!r}: {exc}") from exc
