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
- `screens_to_ask` / `from_screen_answers`: the interview's grouped warning-sign questions.

The spaCy pipeline is built on first use: importing spaCy is slow (it may pull in
TensorFlow) and is not needed by callers that only evaluate answers.
"""
from __future__ import annotations

import bisect
import functools
import itertools
import re
import warnings
from dataclasses import dataclass
from typing import Any, Mapping, Optional

from bot import knowledge, levels, normalise
from bot.assessment import Facts, RedFlag
from bot.knowledge import KnowledgeError

KNOWLEDGE_NAME = "red_flags"
SCREEN_SLOT_PREFIX = "screen_"
ANSWERS = ("yes", "unsure")       # what an item of a screen can be answered (not listed: no)

_SPAN_GROUP = "medspacy_spans"
# A learned concept that stands for a combination of signs (a rule's `alone`) counts on its
# own only from this probability; below it, one of the combination's parts must have been
# read by a pattern too ("wake up with it most mornings" is no raised pressure by itself).
COMBINATION_ALONE = 0.8
_CONTEXT = "medspacy_context"
_CONTEXT_CATEGORIES = {
    "NEGATED_EXISTENCE": "negated", "HISTORICAL": "historical",
    "HYPOTHETICAL": "hypothetical", "FAMILY": "family", "EXPLAINED": "explained"}
# Categories that only shape the other rules' reach.
_STRUCTURAL_CATEGORIES = {"CLAUSE_BREAK", "PSEUDO"}
_DIRECTIONS = {"FORWARD", "BACKWARD", "BIDIRECTIONAL", "PSEUDO", "TERMINATE"}
# How far before a sign a rule's `near` words may be (red_flags.yml).
NEAR_CHARS = 40
# How far a context rule marked `until` reaches across clauses (red_flags.yml).
_UNTIL = {"first_person", "present_time", "sentence_end", "conditional", "history_told", "answered",
          "claimed", "denied", "asked_back"}
# The `until` kinds with no list of words in until_words: they read the top-level patterns
# of red_flags.yml below (_UNTIL_PATTERNS), or nothing
_UNTIL_WITHOUT_WORDS = {"sentence_end", "claimed", "denied", "answered", "asked_back"}
# Top-level patterns of red_flags.yml that the `until` callbacks read, by their own names
_UNTIL_PATTERNS = ("signs_claimed", "signs_denied", "answer_no", "answer_yes", "a_no", "question_asked",
                   "ability_asked", "question_opens", "question_lists_whole", "question_tells",
                   "asks_what_to_do", "someone_now", "anyone", "said_to_be_so")
# The gap a concept pattern allows between two sign words ("face ... drooping", written
# [^.]{0,N} or [^.,]{0,N}) never holds a denial: "my face isn't drooping" is no droop. A pattern that
# means a negation ("rash ... doesn't fade") names it after the gap. Gaps inside a
# lookaround keep their meaning.
_GAP = re.compile(r"(?<!\(\?!)(?<!\(\?=)(?<!\(\?<!)(?<!\(\?<=)\[\^([.,]{1,2})\]\{0,(\d+)\}")
_DENIAL = (r"no|not|never|nothing|without|isnt|hasnt|wasnt|arent|werent|havent|hadnt|doesnt|dont|"
           r"didnt|wont|aint|sin|nunca|ni")
_DENIAL_FIRST = "".join(sorted({word[0] for word in _DENIAL.split("|")}))
# A sentence that denies something ("no weakness in my arms.")
_SENTENCE_DENIES = re.compile(rf"\b(?:{_DENIAL}|cant|cannot|couldnt|none)\b")


def _gaps_deny_nothing(pattern: str) -> str:
    # (the first-letter class lets the lookahead fail at once on most characters)
    return _GAP.sub(lambda m: rf"(?:(?!\b(?=[{_DENIAL_FIRST}])(?:{_DENIAL})\b)[^{m.group(1)}]){{0,{m.group(2)}}}",
                    pattern)


# The words that end a clause for sure (a backward reach, a condition)
_STRONG_BREAKS = "but|however|although|though|because|so|pero|aunque|porque"
_CLAUSE_PUNCTUATION = re.compile(rf"[,;:.!?]|\b({_STRONG_BREAKS}|and then)\b")
# A clause that dates the one before it, set off by a comma or a dash ("I fainted once, that
# was years ago"): its reach back crosses that one break into the clause it dates, and no
# further; only a whole clause ("it was years ago I last had one" dates what follows) and never
# back to a sentence that tells a time of now, nor when the sentence tells it again ("my arm
# went numb today, it was years ago ...", "I fainted, that was years ago, and again today").
_DATES_WHAT_CAME_BEFORE = re.compile(r"(?:that|this|it|which|thats|its)\b")
_ONE_BREAK_AT_THE_END = re.compile(r"\s*(?:[,;]|-{1,2})\s*$")
_TOLD_AGAIN = re.compile(r"\b(?:again|another|once more|too|also|as well|since then|de nuevo|otra vez|otro|otra|tambi[eé]n)\b")
_CLAUSE_ENDS_HERE = re.compile(r"\s*(?:$|[.,;:!?]|-|(?:and|but|so|now)\b)")
# What ends a condition's reach for sure, and what makes "if" mean "whether" (until: conditional).
_CONDITION_ENDS = re.compile(rf"[,;:.!?\n]|\b({_STRONG_BREAKS}|cause|cos|whereas|yet|sino)\b")
# A state set as the setting of a question ("is it safe to fly when you're 30 weeks?"): the
# asker's now, no condition (until: conditional).
_A_STATE_NOW = re.compile(r"\b(?:when|while|whilst|now that)(?: (?:im|i am|youre|you are|shes|she is|hes|he is|were|we are|theyre|they are))?\s*$")
_WHETHER = re.compile(r"\b(sure|know|knw|wonder|wondering|wondered|idk|unsure|dunno|ask|asking|asked|check|checking|see|tell me|unclear|certain|sé|se|saber|pregunto)\s*$")
_SENTENCE_END = re.compile(r"[.!?\n]")
# Where a question asked back starts: after the last break before its mark
_ASKED_STRETCH = re.compile(r"[\n.!?;:,]| - | -- |\u2013|\u2014")
# An "if" joined to what came before it by "and" / "or" ("asked if ... and if ...")
_QUESTION_GOES_ON = re.compile(r"\b(?:and|or|y|o|n)\W*$")
# Words inside a further question of the same sentence ("or if I had a fever") answer nothing.
_ANSWER_PARTS = re.compile(r"[,;.!?]|\b(?:and|y)\b")
_ANOTHER_QUESTION = re.compile(r"\b(?:if|whether|si)\b|\b(?:or|o)\W*$")   # ... and "or not" asks
# Words that end the clause a failing part is told in (failing_function's reach).
_FUNCTION_CLAUSE_ENDS = rf"(?:{_STRONG_BREAKS}|and|or|y|o|cause|cos|whereas|yet|except|unless)\b"
_FACT_CONDITIONS = {"history", "min_age", "max_age", "frequency_days_at_least",
                    "medication_days_at_least", "medication_kind_in"}
_ASK_IF_CONDITIONS = {"min_age", "max_age", "regions_any", "sex"}
_SEXES = ("female", "male")
_SCREEN_KEYS = {"id", "intro", "items"}
_ITEM_KEYS = {"id", "text", "label", "rule", "covers", "ask_if", "unknown_note"}


@dataclass(frozen=True)
class ScreenItem:
    """One sign of a screen: `text` as asked, `label` short words for what was chosen."""

    id: str
    text: str
    label: str
    rule: str
    covers: tuple[str, ...] = ()
    ask_if: Mapping[str, Any] = None
    unknown_note: str = ""


@dataclass(frozen=True)
class Screen:
    """One grouped warning-sign question; its answer fills the Rasa slot `slot`
    ({item id: "yes" | "unsure"}, {} for none of these)."""

    id: str
    slot: str
    intro: str
    items: tuple[ScreenItem, ...]


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
    alone: tuple[str, ...] = ()                  # concepts that fire the rule on their own
    unless: tuple[str, ...] = ()                 # concepts that, told too, explain it away

    def flag(self, evidence: str, kind: str = "said") -> RedFlag:
        return RedFlag(id=self.id, level=self.level, evidence=evidence,
                       sources=self.sources, label=self.label, evidence_kind=kind)


@dataclass(frozen=True)
class _Knowledge:
    concepts: Mapping[str, tuple[str, ...]]          # concept id -> regex patterns (may be empty)
    learned: Mapping[str, tuple[str, ...]]           # blind label -> concepts learned from it
    ignored_context: Mapping[str, frozenset[str]]     # concept id -> contexts that don't cancel it
    context_rules: tuple[Mapping[str, Any], ...]
    rules: Mapping[str, _Rule]                        # concept rules, in file order
    fact_rules: Mapping[str, _Rule]
    screens: tuple[Screen, ...]
    raw_rules: Mapping[str, Mapping[str, Any]]
    proxy_report: Optional[re.Pattern] = None          # one regex made of all proxy_report patterns
    until_words: Mapping[str, re.Pattern] = None       # `until` kind -> the words (or pattern) that end the reach
    clause_breaks: Optional[re.Pattern] = None          # the CLAUSE_BREAK rules' patterns, as one
    context_patterns: tuple[re.Pattern, ...] = ()      # every context rule's pattern, compiled
    not_signs: tuple[re.Pattern, ...] = ()             # PSEUDO phrases that are no sign ("no joke")
    masked_patterns: tuple[re.Pattern, ...] = ()       # lookalikes, pseudo phrases, proxy_says_so (for_learning)
    vocabulary: Mapping[str, re.Pattern] = None        # learned concept -> its words (sign_vocabulary.yml)
    companions: Mapping[str, re.Pattern] = None        # learned concept -> words of which one must be there too
    not_alone: frozenset[str] = frozenset()            # words that are never a concept's only word
    not_alone_for: Mapping[str, frozenset] = None      # ... never one concept's only word
    words_needed: Mapping[str, int] = None             # learned concept -> how many different words
    parts_only: frozenset[str] = frozenset()            # concepts that fire no rule on their own
    combination_parts: Mapping[str, frozenset[str]] = None   # `alone` concept -> its rule's parts
    lost_ability: Optional[re.Pattern] = None           # "could not", "doesnt know" (+ two words, fillers), at the end
    failing_function: Optional[re.Pattern] = None       # "wont move" (+ six words of its clause), at the end
    failing_after: Optional[re.Pattern] = None          # (six words of a clause +) "didnt move", from the start
    ability_lost_after: Optional[re.Pattern] = None     # "is feeble", right after an ability word
    ability_question_denied: Optional[re.Pattern] = None  # "... both arms? he cant", right after an ability word
    said_as_lost_ability: frozenset[str] = frozenset()  # concepts a negated ability describes
    said_as_failing_part: frozenset[str] = frozenset()  # ... and those only a part failing at its job does
    learned_yields_to: Mapping[str, frozenset] = None     # learned concept -> concepts whose pattern matches lend it no words
    when_dated: Mapping[str, str] = None               # concept -> the concept it is when dated weeks ago
    weeks_ago: re.Pattern = None                       # a date weeks to a few months back
    weeks_ago_gap_breaks: re.Pattern = None            # what never lies between such a date and its sign
    weeks_ago_first_subject: re.Pattern = None         # the subject after a date told first
    birth_by_other: Optional[re.Pattern] = None         # a birth told as another's, the writer not a proxy
    birth_by_other_concept: str = ""                   # ... and the concept it then counts only on behalf
    ability_words: Optional[re.Pattern] = None          # "remember", "lift": a sign only when said as lost


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


def modifiers_in(text: str) -> list[tuple[str, str, str]]:
    """(concept, modifier words, category) of each context rule that reaches a concept
    matched by a pattern (scripts/explain_detection.py; the learned layer's spans aside)."""
    read = normalise.normalise(text or "")
    doc = _pipeline()(read.text) if read.text.strip() else None
    return [(target.label_, doc[slice(*modifier.modifier_span)].text, modifier.category)
            for target, modifier in (doc._.context_graph.edges if doc is not None else ())]


def evaluate(concepts: set[str], facts: Facts, evidence: Mapping[str, str]) -> list[RedFlag]:
    """The rules over all concepts affirmed in the conversation, then the fact rules."""
    kb = _knowledge()
    concepts = set(concepts)
    found = []
    for r in kb.rules.values():
        if r.min_age is not None and (facts.age is None or facts.age < r.min_age):
            continue
        if any(c in concepts for c in r.unless):
            continue
        matched_alone = [c for c in r.alone if c in concepts]
        matched_any = [c for c in r.any if c in concepts]
        if matched_alone:
            words = [evidence.get(c) or c for c in matched_alone]
        elif (r.all or r.any) and set(r.all) <= concepts and (matched_any or not r.any):
            words = [evidence.get(c) or c for c in (*r.all, *matched_any)]
        else:
            continue
        found.append(r.flag("; ".join(dict.fromkeys(words))))
    for r in kb.fact_rules.values():
        reason = _fact_rule_holds(r.when or {}, facts)
        if reason:
            found.append(r.flag(reason, "facts"))
    return found


def from_screen_answers(answers: Mapping[str, str], facts: Facts = Facts()) -> list[RedFlag]:
    """Flags from the screens' answers (item id -> "yes" | "unsure"): both fire the item's
    rule ("not sure" is the safer answer), unless a known age rules the rule out."""
    kb = _knowledge()
    items = {item.id: item for screen in kb.screens for item in screen.items}
    found = []
    for item_id, answer in answers.items():
        if item_id not in items:
            raise KeyError(f"unknown screen item {item_id!r}")
        if answer not in ANSWERS:
            raise ValueError(f"answer to {item_id!r} must be one of {ANSWERS}, not {answer!r}")
        item = items[item_id]
        r = kb.rules[item.rule]
        if r.min_age is not None and facts.age is not None and facts.age < r.min_age:
            continue
        found.append(r.flag(item.label, "chose" if answer == "yes" else "unsure"))
    return found


def screens_to_ask(facts: Facts, concepts: set[str]) -> list[Screen]:
    """The screens for this person, in order, each with the items that apply to them: an
    item is left out once one of its `covers` concepts was affirmed, or when its `ask_if`
    does not hold; a screen with no item left is not asked. An item whose condition is not
    known yet is shown with its `unknown_note` ("if you're over 50: ...")."""
    found = []
    for screen in _knowledge().screens:
        items = []
        for item in screen.items:
            if set(item.covers) & set(concepts):
                continue
            holds = _ask_if_holds(item.ask_if or {}, facts)
            if holds is False:
                continue
            text = item.text if holds else f"{item.unknown_note}{item.text}"
            items.append(ScreenItem(item.id, text, item.label, item.rule, item.covers, item.ask_if))
        if items:
            found.append(Screen(screen.id, screen.slot, screen.intro, tuple(items)))
    return found


def screen(screen_id: str) -> Screen:
    """The screen with all its items, as written in red_flags.yml."""
    for found in _knowledge().screens:
        if found.id == screen_id:
            return found
    raise KeyError(f"unknown screen {screen_id!r}")


def all_screens() -> tuple[Screen, ...]:
    return _knowledge().screens


def learned_labels() -> dict[str, tuple[str, ...]]:
    """Blind-utterance label -> the concepts bot/red_flag_model.py learns from it."""
    return dict(_knowledge().learned)


def concept_levels() -> dict[str, str]:
    """Concept id -> the highest level of the rules it takes part in."""
    kb = _knowledge()
    found: dict[str, str] = {}
    for r in kb.rules.values():
        for concept in (*r.all, *r.any, *r.alone):
            found[concept] = levels.highest([found.get(concept, levels.SELF_CARE), r.level])
    return found


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


def _ask_if_holds(ask_if: Mapping[str, Any], facts: Facts) -> Optional[bool]:
    """True when every condition holds, False when one does not, None when one is unknown."""
    known = True
    if "min_age" in ask_if or "max_age" in ask_if:
        if facts.age is None:
            known = False
        elif facts.age < ask_if.get("min_age", 0) or facts.age > ask_if.get("max_age", 200):
            return False
    if "sex" in ask_if and facts.sex is not None and facts.sex != ask_if["sex"]:
        return False   # not known: asked ("no I'm a bloke" is known)
    if "regions_any" in ask_if:
        if not facts.regions:
            known = False
        elif not set(ask_if["regions_any"]) & set(facts.regions):
            return False
    return True if known else None


# --------------------------------------------------------------------------- text

def _affirmed_spans(text: str
                    ) -> tuple[dict[str, tuple[int, int]], dict[str, tuple[int, int]], bool]:
    """Concept id -> (start, end) in `text` of its first affirmed mention; the
    concepts that would also be affirmed were the message written on someone's
    behalf; and whether its own wording says it is."""
    read = normalise.normalise(text)
    if not read.text.strip():
        return {}, {}, False
    normalised, offsets = read.text, read.offsets
    nlp = _pipeline()
    kb = _knowledge()
    ignored = kb.ignored_context
    proxy = bool(kb.proxy_report and kb.proxy_report.search(normalised))
    doc = nlp.make_doc(normalised)
    doc.spans[_SPAN_GROUP] = []
    with warnings.catch_warnings():
        # The concept matchers are regex-only, so spaCy's empty token Matcher warns on each call.
        warnings.filterwarnings("ignore", message=r"\[W036\]")
        for name, component in nlp.pipeline:
            if name == _CONTEXT:
                evidence = _add_learned_spans(doc)
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
        start_char, end_char = evidence.get(key, (span.start_char, span.end_char))
        where = (offsets[start_char], offsets[end_char - 1] + 1)
        if key not in cancelled and span.label_ in kb.when_dated and _dated(span, kb):
            found.setdefault(kb.when_dated[span.label_], where)
        elif key not in cancelled and span.label_ not in found:
            found[span.label_] = where
        elif key in cancelled_by_family_only and key not in others:
            if_on_behalf.setdefault(span.label_, where)
    concept = kb.birth_by_other_concept
    if not proxy and concept in found and kb.birth_by_other.search(normalised):
        # a birth or pregnancy told as a partner's, by someone not writing for her ("my wife
        # had our baby 2 weeks ago, I've got the headache"), is hers
        if_on_behalf.setdefault(concept, found.pop(concept))
    return found, {c: w for c, w in if_on_behalf.items() if c not in found}, proxy


def _dated(span, kb: "_Knowledge") -> bool:
    """Whether the clause of `span` dates it weeks to a few months back (`weeks_ago`): the
    date right beside the sign, nothing between them but the sign's own words ("a bad car
    crash six weeks ago", "hace un mes me caí de la moto", "two weeks ago I fell off a
    ladder"), or the date closing the sentence after a comma (", about two months now").
    Never across a clause break or someone else doing something ("headaches started two
    weeks ago and I just fell off a ladder", "the home he moved into a month ago")."""
    sentence = span.sent
    text, offset = sentence.text, sentence.start_char
    for m in kb.weeks_ago.finditer(text):
        start, end = m.start() + offset, m.end() + offset
        if end <= span.start_char:
            gap = span.doc.text[end:span.start_char]
            gap = kb.weeks_ago_first_subject.sub("", gap, count=1)     # "two weeks ago I ..."
        elif start >= span.end_char:
            gap = span.doc.text[span.end_char:start]
            if m.group().endswith("now"):
                gap = gap.replace(",", " ")                       # "..., about two months now"
        else:
            continue
        if len(gap) <= 40 and not kb.weeks_ago_gap_breaks.search(gap):
            return True
    return False




def _blanked(match: re.Match) -> list[tuple[int, int]]:
    """The parts of a context phrase that are no sign: the whole match, or only its groups
    named `blank...` when the rule names some (the rest is read as any words are)."""
    names = [name for name in match.re.groupindex if name.startswith("blank")]
    if not names:
        return [match.span()]
    return [match.span(name) for name in names if match.start(name) >= 0]


def for_learning(normalised: str) -> str:
    """What the learned layer reads of a normalised message: the same text with the
    phrases that only look like signs or like context words blanked out (lookalikes.yml:
    "a fit of giggles", "keeping fit"; pseudo-negations: "no joke", "no puedo") - same
    length, so offsets still hold. Used for training and for detection alike."""
    kb = _knowledge()
    chars = list(normalised)
    for rx in kb.masked_patterns:
        for m in rx.finditer(normalised):
            for start, end in _blanked(m):
                chars[start:end] = " " * (end - start)
    return "".join(chars)


def _add_learned_spans(doc) -> dict[tuple[int, int, str], tuple[int, int]]:
    """Put the learned layer's proposals in the span group, each on the word that
    weighed most for it, so that ConText judges them like pattern matches; return
    the wider evidence (character offsets) of each."""
    kb = _knowledge()
    # A pattern's match that lies wholly inside a PSEUDO phrase of the context rules
    # ("the worst year of my life") is no evidence either.
    pseudo = [span for rx in kb.not_signs for m in rx.finditer(doc.text) for span in _blanked(m)]
    spans = [span for span in doc.spans[_SPAN_GROUP]
             if not any(start <= span.start_char and span.end_char <= end for start, end in pseudo)]
    found = {span.label_ for span in spans}
    # the sentences (by number, from 1) in which a pattern read each concept, and those in
    # which it is denied ("no weakness.")
    sentence_starts = [sent.start_char for sent in doc.sents]
    read_in = {(span.label_, bisect.bisect_right(sentence_starts, span.start_char)) for span in spans}
    denied = {span.label_ for span in spans if _SENTENCE_DENIES.search(span.sent.text)}
    evidence = {}
    # Words a pattern already read (as a sign, or as a deliberate non-sign such as
    # "so sleepy"), and context words, are never the learned layer's evidence: it is
    # there for the wordings no pattern knows.
    context_words = [span for rx in _knowledge().context_patterns for m in rx.finditer(doc.text)
                     for span in _blanked(m)]
    context_words += [(span.start_char, span.end_char) for span in spans]
    read = list(for_learning(doc.text))
    for span in spans:
        # What a pattern read as a part that is no sign on its own ("so sleepy", "worse
        # lying down", "a stiff neck") is not read again as a whole sign.
        if span.label_ in kb.parts_only:
            read[span.start_char:span.end_char] = " " * (span.end_char - span.start_char)
    read = "".join(read)
    # (imported here: the action server reads screens and rules from this module but never
    # runs the model, and so never loads NumPy and scikit-learn, 14 MB)
    from bot import red_flag_model

    model = red_flag_model.load()
    for mention in model.mentions(read, avoid=context_words):
        sentence = bisect.bisect_right(sentence_starts, mention.anchor[0])
        if mention.concept in found and mention.concept not in denied and (mention.concept, sentence) not in read_in:
            # a pattern read it in another sentence, as a condition or advice: this one is a
            # mention of its own only when its sentence alone says so ("if it wakes me, come in.
            # Pues me despierta"). A sign denied there ("no weakness. legs tired") stays one
            # denied sign, whatever words of it follow.
            start = sentence_starts[sentence - 1]
            end = sentence_starts[sentence] if sentence < len(sentence_starts) else len(read)
            alone = " " * start + read[start:end] + " " * (len(read) - end)
            if not any(m.concept == mention.concept for m in model.mentions(alone, avoid=context_words)):
                continue
        elif mention.concept in found and not (
                mention.concept in kb.said_as_failing_part
                and (kb.failing_function.search(doc.text, 0, mention.anchor[0])
                     or kb.failing_after.match(doc.text, mention.anchor[1]))):
            continue       # a pattern already found it in that sentence, with its own words
            #                (unless it is told as a part failing at its job, which a negation
            #                must not deny)
        if mention.concept in kb.combination_parts and mention.probability < COMBINATION_ALONE and not (
                kb.combination_parts[mention.concept] & found):
            continue       # a combination of signs needs one of its parts read by a pattern, or certainty
        words = kb.vocabulary.get(mention.concept)
        if words is not None:
            # a sign needs one of its words; a combination of signs (a rule's `alone`
            # concept, such as fever with a stiff neck) at least two, where a part a
            # pattern read (and blanked above) counts as one, and the words of that part
            # do not count again: the other half must be in words of its own ("a temp of
            # 39 and a pounding head" is the fever only)
            parts_read = kb.combination_parts.get(mention.concept, frozenset()) & found
            if parts_read:
                # (in the words as written: a part of no rule of its own, such as light
                # hurting the eyes, is the other half here, though blanked above)
                part_spans = [(span.start_char, span.end_char) for span in spans if span.label_ in parts_read]
                used = {m.group() for m in words.finditer(doc.text)
                        if not any(a <= m.start() < b for a, b in part_spans)}
            else:
                # (not the words of a sign a pattern read that this one yields to: "el pie
                # dormido" is the foot's numbness, judged with its own context, not its weakness)
                yielded = [(span.start_char, span.end_char) for span in spans
                           if span.label_ in kb.learned_yields_to.get(mention.concept, ())]
                used = {m.group() for m in words.finditer(read)
                        if not any(a <= m.start() < b for a, b in yielded)}
            if len(used) + bool(parts_read) < kb.words_needed.get(mention.concept, 1):
                continue
            if not parts_read and used <= kb.not_alone | kb.not_alone_for.get(mention.concept, frozenset()):
                continue   # no word of the sign itself ("everything's fine")
            companion = kb.companions.get(mention.concept)
            if companion is not None and not (parts_read or companion.search(read)):
                continue   # a combination's other half is nowhere in the message
        start, end = mention.anchor
        ability = mention.concept in kb.said_as_lost_ability
        if ability or mention.concept in kb.said_as_failing_part:
            # "could not remember", "dont know where": the negation is the sign's own wording
            # (the phrase may end on the sign's own word: "no sabe", "doesnt remember"),
            # or a part failing at its job, earlier in the clause ("her face wont move when she smiles")
            # or later in it ("when I smiled one side of my face didnt move")
            said = ((ability and (kb.lost_ability.search(doc.text, 0, start)
                                  or kb.lost_ability.search(doc.text, 0, mention.anchor[1])))
                    or kb.failing_function.search(doc.text, 0, start)
                    or kb.failing_function.search(doc.text, 0, mention.anchor[1]))
            after = None if said else kb.failing_after.match(doc.text, mention.anchor[1])
            if not said and not after and ability:
                # an ability asked about and answered no ("can he lift both arms? he can't");
                # a sign asked back and denied is none ("a heavy leg? nah")
                after = kb.ability_question_denied.match(doc.text, mention.anchor[1])
                if after and not kb.until_words["ability_asked"].search(doc.text, max(0, start - 80), after.end()):
                    after = None
            if after:
                end = after.end()      # the span takes the failing verb in, so its negation denies nothing
            if not said and not after and ability and kb.ability_words.search(
                    doc.text, min(mention.anchor[0], mention.evidence[0]), max(mention.anchor[1], mention.evidence[1])
            ) and not kb.ability_lost_after.match(doc.text, mention.anchor[1]):
                continue   # an ability not said as lost is no sign: "I remember everything"
            start = said.start() if said else start
        span = doc.char_span(start, end, label=mention.concept, alignment_mode="expand")
        if span is None:
            continue
        spans.append(span)
        evidence[(span.start, span.end, span.label_)] = mention.evidence
    doc.spans[_SPAN_GROUP] = spans
    return evidence


def _affirmed(text: str) -> dict[str, str]:
    return {concept: text[start:end] for concept, (start, end) in _affirmed_spans(text)[0].items()}


@functools.lru_cache(maxsize=1)
def _pipeline():
    from bot import medspacy_speedups, red_flag_model

    medspacy_speedups.install()
    normalise.warm_up()
    red_flag_model.load()
    import spacy
    from medspacy.context import ConTextRule
    from medspacy.target_matcher import TargetRule

    kb = _knowledge()
    nlp = spacy.blank("en")
    # A single letter and its dot end a sentence here ("vitamin D. I have a stiff neck"):
    # spaCy keeps them as one token, an initial, so the sentencizer saw no end there and a
    # denial before it reached the signs after it.
    nlp.tokenizer.rules = {text: rule for text, rule in nlp.tokenizer.rules.items()
                           if not re.fullmatch(r"[a-z]\.", text)}
    nlp.add_pipe("sentencizer")
    # One matcher per concept: a matcher keeps only the longest of overlapping matches,
    # and "fell down the stairs and hit my head" must count for two concepts.
    for concept, patterns in kb.concepts.items():
        if not patterns:
            continue       # learned only (bot/red_flag_model.py)
        matcher = nlp.add_pipe("medspacy_target_matcher", name=f"target_{concept}",
                               config={"result_type": "group", "span_group_name": _SPAN_GROUP})
        matcher.add([TargetRule(concept, concept, pattern=p) for p in patterns])
    context = nlp.add_pipe("medspacy_context", name=_CONTEXT, config={
        "rules": None, "prune_on_target_overlap": True,
        "input_span_type": "group", "span_group_name": _SPAN_GROUP})
    breaks = {"CLAUSE_BREAK"}
    context.add([
        ConTextRule(r["literal"], r["category"], pattern=r["pattern"], direction=r["direction"],
                    max_scope=r.get("max_scope"),
                    allowed_types=set(r["allowed_types"]) if r.get("allowed_types") else None,
                    terminated_by=None if r["category"] in breaks or r.get("until") else breaks,
                    on_modifies=_all_of([
                        _reach(r["until"], kb.until_words, kb.clause_breaks,
                               frozenset(r.get("proxy_report_keeps") or ())) if r.get("until") else None,
                        _near(re.compile(r["near"])) if r.get("near") else None,
                        _near(re.compile(r["not_near"]), present=False) if r.get("not_near") else None]),
                    metadata={"off_in_proxy_report": bool(r.get("off_in_proxy_report")),
                              "proxy_report_keeps": frozenset(r.get("proxy_report_keeps") or ())})
        for r in kb.context_rules])
    return nlp


def _all_of(callbacks: list):
    """One ConText on_modifies callback that holds when each of `callbacks` (None: none) does."""
    callbacks = [c for c in callbacks if c is not None]
    if len(callbacks) < 2:
        return callbacks[0] if callbacks else None
    return lambda target, modifier, between: all(c(target, modifier, between) for c in callbacks)


def _near(words: re.Pattern, reach: int = NEAR_CHARS, present: bool = True):
    """ConText's on_modifies callback for a rule that says what the sign must be told of
    (`near`): one of `words` in the sign's own sentence, at most `reach` characters before it
    or within it ("my lip is still numb from the dentist": numbness of the mouth); or, with
    `present` False, what it must not be told of (`not_near`)."""
    def modifies(target, modifier, between) -> bool:
        doc, sentence = target.doc, target.sent
        found = words.search(doc.text[max(sentence.start_char, target.start_char - reach):target.end_char])
        return bool(found) == present
    return modifies


def _reach(until: str, words: Mapping[str, re.Pattern], clause_breaks: Optional[re.Pattern],
           keeps: frozenset = frozenset()):
    """ConText's on_modifies callback for a rule that reaches across clauses (`until`)."""
    def first_person(target, modifier, between) -> bool:
        return not words["first_person"].search(between.text)

    def present_time(target, modifier, between) -> bool:
        if target.start < modifier.start:      # backward: within the clause only
            reach, doc = between.text, target.doc
            rest = doc.text[modifier.end_char:target.sent.end_char]
            if (_DATES_WHAT_CAME_BEFORE.match(modifier.text) and _CLAUSE_ENDS_HERE.match(rest)
                    and not words["present_time"].search(doc.text[target.sent.start_char:modifier.start_char])
                    and not _TOLD_AGAIN.search(rest)):
                reach = _ONE_BREAK_AT_THE_END.sub("", doc.text[target.end_char:modifier.start_char])
            return not _CLAUSE_PUNCTUATION.search(reach) and not (
                clause_breaks and clause_breaks.search(reach))
        return not words["present_time"].search(f"{between.text} {target.text}")

    def conditional(target, modifier, between) -> bool:
        # An "if" reaches across "and", "or", "and then" only when the condition closes
        # after the sign ("if my face dropped and then my arm went weak, I'd call 999"); an
        # "if" that means "whether" ("not sure if it matters and my face is drooping") and
        # an unclosed one end at the clause break, like any other rule.
        if target.start < modifier.start:
            return False
        doc = target.doc
        if _A_STATE_NOW.search(doc.text[modifier.end_char:target.start_char]):
            # a state told as the setting of the question ("is it safe to fly when you're 30
            # weeks?", "can I take it while I'm breastfeeding"): the asker's now, no condition
            return False
        if words["asks_what_to_do"].search(doc.text[modifier.sent.start_char:modifier.start_char]) and \
                words["someone_now"].match(doc.text[modifier.end_char:]):
            # what to do about something that has happened to someone ("should I go to A&E if
            # my dad collapsed?", "is it safe to drive if I'm seeing double?") asks about what
            # is there; "what should I do if my arm goes numb?" stays a condition
            return False
        if _QUESTION_GOES_ON.search(doc.text[modifier.sent.start_char:modifier.start_char]) and \
                words["question_asked"].search(doc.text[modifier.sent.start_char:modifier.start_char]):
            # ... and an "if" that carries on a question someone asked ("she asked if my eye
            # was red and if I saw halos") is that question, answered or not with it
            return answered(target, modifier, between)
        if _CONDITION_ENDS.search(between.text):
            # a condition told over commas reaches its signs when the sentence then closes
            # it with what would follow ("if I got a sudden headache, nothing to max in
            # seconds, I'd go to A&E"); any other clause break ends it
            if _CONDITION_ENDS.search(between.text.replace(",", " ")):
                return False
            rest = _SENTENCE_END.split(target.doc.text[target.end_char:], maxsplit=1)[0]
            return any(words["conditional"].match(part.strip()) for part in rest.split(",")[1:])
        if not (clause_breaks and clause_breaks.search(between.text)):
            return True
        if _WHETHER.search(doc.text[max(0, modifier.start_char - 25):modifier.start_char]):
            return False
        after = doc.text[target.end_char:]
        rest = _SENTENCE_END.split(after, maxsplit=1)[0]
        # a question about anyone closes its condition ("what would it mean if you got a
        # headache and then started seeing double?"): the whole question is the condition,
        # unless what follows says it is so ("... it happened to me an hour ago"); never a
        # question about someone ("should I go to A&E if my dad collapsed and is now
        # drowsy?") nor a statement typed with a question mark ("I get them if I sit long and
        # then my vision goes double?")
        closes_as_question = (after[len(rest):len(rest) + 1] == "?" and not re.search(r"[,;]", rest)
                              and words["question_opens"].match(doc.text[modifier.sent.start_char:modifier.end_char])
                              and words["anyone"].match(doc.text[modifier.end_char:])
                              and not words["said_to_be_so"].search(after[len(rest):])
                              and not words["signs_claimed"].search(after[len(rest):]))
        return bool(closes_as_question or re.search(r"[,;]", rest)
                    or words["conditional"].search(rest))

    def history_told(target, modifier, between) -> bool:
        # A relative's event ("my wife went down in the kitchen, her face looks droopy") is
        # theirs, now: someone writing for them. It is their history only when the sentence
        # tells it as history ("years ago", "died", a named illness such as a stroke), or for
        # the background concepts (a relative's cancer or pregnancy, `proxy_report_keeps`).
        if not first_person(target, modifier, between):
            return False
        if target.label_ in keeps:
            return True
        return bool(words["history_told"].search(target.sent.text))

    def answered(target, modifier, between) -> bool:
        # A question someone asked ("the nurse asked whether it was the worst ever", "the
        # form asked about weakness, fever, a rash") reaches over its commas, as a list
        # does, to a clause break, and holds its signs as questions only when it is answered
        # no, that sentence or the next: the first answer told there (outside a further
        # question) is a no (`answer_no`, `signs_denied`) and no later yes names the sign's
        # own words, or, with no answer, a no comes right before this sign's own words. A
        # yes first, a claim, a no to another sign or about something else, an unsure
        # answer or none tell what is there: the safer reading.
        # An ability asked about, in the sign's own words (`ability_asked`), is never held: a no to
        # it is the sign.
        if target.start < modifier.start or (clause_breaks and clause_breaks.search(
                f"{between.text} {target[0].text}")):
            return False
        doc = target.doc
        rest = _this_and_next_sentence(target)
        if any(m.end() > target.start_char for m in words["ability_asked"].finditer(
                doc.text, modifier.end_char, target.end_char)) or words["signs_claimed"].search(rest):
            return False
        answers = sorted(
            [(m.start(), m.end(), True) for m in words["answer_yes"].finditer(rest)]
            + [(m.start(), m.end(), False) for name in ("answer_no", "signs_denied")
               for m in words[name].finditer(rest)])
        answers = [a for a in answers if not _ANOTHER_QUESTION.search(_ANSWER_PARTS.split(rest[:a[0]])[-1])]
        if not answers:
            return a_sign_denied(target, modifier, rest, this_sign_only=True)
        if answers[0][2]:
            return False
        own = _own_words(target.text)
        return not any(yes and own & _own_words(" ".join(rest[end:].split()[:3])) for _, end, yes in answers)

    def denied(target, modifier, between) -> bool:
        # Signs someone listed ("my friend reeled off a stiff neck, a rash, fever") reach
        # over the commas of the list, up to a clause break, and are held as a list only
        # when a no to them follows (that sentence or the next) and no claim does.
        if target.start < modifier.start or (clause_breaks and clause_breaks.search(
                f"{between.text} {target[0].text}")):
            return False
        rest = _this_and_next_sentence(target)
        if words["signs_claimed"].search(rest):
            return False
        return bool(words["signs_denied"].search(rest)) or a_sign_denied(target, modifier, rest)

    def a_sign_denied(target, modifier, rest: str, this_sign_only: bool = False) -> bool:
        # ... or a no right before a sign told after the list, or before one of the list's
        # own words ("... a rash. No temp, no rash"): a denial of what was listed, where a no
        # before anything else ("no appointments") is none. Questions are answered one by
        # one: there only a no before this sign, or before its own words, holds it.
        doc = target.doc
        after_target = [(span.start_char - target.end_char, span.label_) for span in doc.spans[_SPAN_GROUP]
                        if target.end_char < span.start_char <= target.end_char + len(rest)]
        begins = {b for b, label in after_target if not this_sign_only or label == target.label_}
        others = {b for b, label in after_target if label != target.label_}
        for m in words["a_no"].finditer(rest):
            if this_sign_only and any(b >= m.end() and len(rest[m.end():b].split()) <= 2 for b in others):
                continue   # a no to another sign asked ("..., not been sick")
            # (a word listed or asked comes before the no: "not sure" denies nothing)
            listed = _own_words(target.text) if this_sign_only else set(
                re.findall(r"[^\W\d_]{4,}", doc.text[modifier.end_char:target.end_char + m.start()]))
            after = rest[m.end():].split()[:2]
            if any(w.strip(".,;:!?") in listed for w in after):
                return True
            if any(b >= m.end() and not _CLAUSE_PUNCTUATION.search(rest[m.end():b])
                   and len(rest[m.end():b].split()) <= 2 for b in begins):
                return True
        return False

    def claimed(target, modifier, between) -> bool:
        # What someone read, heard or knows of ("I read the signs are a stiff neck and a
        # fever") reaches its clause, as any rule does, but holds no sign the same sentence
        # or the next then claims for the person ("..., and I have both", ". I've got the lot").
        # (with the target's first word: a clause break such as ", his" looks ahead at it)
        if clause_breaks and clause_breaks.search(f"{between.text} {target[0].text}"):
            return False
        rest = _this_and_next_sentence(target)
        return not words["signs_claimed"].search(rest)

    def asked_back(target, modifier, between) -> bool:
        # Signs asked back and denied ("muddled or sleepy? nah"): only what follows
        # the last break before the mark (a comma, a colon, a dash, a new line: "mouth
        # lopsided since noon, a weak hand? no" denies no droop), and of that, when it tells
        # something ("my face dropped and a stroke? no"), only the words right before the mark
        if target.start > modifier.start:
            return False
        doc = target.doc
        question = doc.text[modifier.sent.start_char:modifier.start_char]
        # after the last break, unless the sentence itself is the question ("any fits,
        # forgetfulness? nope")
        asked = 0 if words["question_lists_whole"].match(question) else len(question) - len(_ASKED_STRETCH.split(question)[-1])
        if target.start_char < modifier.sent.start_char + asked:
            return False
        return not words["question_tells"].search(question[asked:]) or target.end >= modifier.start

    return {"first_person": first_person, "present_time": present_time, "conditional": conditional,
            "history_told": history_told, "answered": answered, "claimed": claimed, "denied": denied,
            "asked_back": asked_back, "sentence_end": lambda target, modifier, between: True}[until]


# Words too common to tell which sign an answer is about
_NOT_OWN = frozenset("the and any was has had have his her its are were been being with one that this from "
                     "una uno los las del con que".split())


def _own_words(text: str) -> set[str]:
    """The words of a sign as told (three letters or more, not the commonest), lower case."""
    return {w.strip(".,;:!?").lower() for w in re.findall(r"[^\W\d_]{3,}", text)} - _NOT_OWN


def _this_and_next_sentence(target) -> str:
    """The text after a span up to the end of the next sentence: where an answer, a denial
    or a claim about what the span's sentence named is told."""
    text = target.doc.text[target.end_char:]
    ends = [m.end() for m in itertools.islice(_SENTENCE_END.finditer(text), 2)]
    return text[:ends[1]] if len(ends) == 2 else text


# --------------------------------------------------------------------------- knowledge

@functools.lru_cache(maxsize=1)
def _knowledge() -> _Knowledge:
    return _compile(knowledge.load(KNOWLEDGE_NAME))


def _compile(content: Mapping[str, Any]) -> _Knowledge:
    """Validate the parsed red_flags.yml; raise KnowledgeError on the first problem."""
    where = f"{KNOWLEDGE_NAME}.yml"
    for section in ("concepts", "context_rules", "rules", "screens", "fact_rules"):
        if not isinstance(content.get(section), list) or not content[section]:
            raise KnowledgeError(f"{where}: '{section}' must be a non-empty list")

    concepts: dict[str, tuple[str, ...]] = {}
    ignored: dict[str, frozenset[str]] = {}
    learned: dict[str, list[str]] = {}
    for entry in content["concepts"]:
        cid = _entry_id(entry, f"{where} concepts")
        if cid in concepts:
            raise KnowledgeError(f"{where}: duplicate concept id {cid!r}")
        labels = entry.get("learned_from") or []
        if not isinstance(labels, list) or not all(isinstance(x, str) for x in labels):
            raise KnowledgeError(f"{where}: concept {cid!r}: 'learned_from' must be a list of labels")
        for label in labels:
            learned.setdefault(label, []).append(cid)
        patterns = entry.get("patterns") or []
        if not isinstance(patterns, list) or not (patterns or labels):
            raise KnowledgeError(f"{where}: concept {cid!r} needs 'patterns' or 'learned_from'")
        for p in patterns:
            _check_regex(p, f"{where}: concept {cid!r}")
        concepts[cid] = tuple(_gaps_deny_nothing(p) for p in patterns)
        unknown = set(entry.get("ignored_context", ())) - set(_CONTEXT_CATEGORIES.values())
        if unknown:
            raise KnowledgeError(f"{where}: concept {cid!r} has unknown ignored_context {sorted(unknown)}")
        ignored[cid] = frozenset(entry.get("ignored_context", ()))

    known_categories = set(_CONTEXT_CATEGORIES) | _STRUCTURAL_CATEGORIES
    context_rules = tuple(_named_pattern(content, r, where) for r in content["context_rules"])
    for r in context_rules:
        owner = f"{where}: context rule {r.get('literal')!r}"
        if not isinstance(r, dict) or not r.get("literal") or not r.get("pattern"):
            raise KnowledgeError(f"{owner}: needs 'literal' and 'pattern' (or 'pattern_from')")
        if r.get("category") not in known_categories:
            raise KnowledgeError(f"{owner}: unknown category {r.get('category')!r}")
        if str(r.get("direction", "")).upper() not in _DIRECTIONS:
            raise KnowledgeError(f"{owner}: unknown direction {r.get('direction')!r}")
        unknown = set(r.get("allowed_types") or ()) - set(concepts)
        if unknown:
            raise KnowledgeError(f"{owner}: unknown allowed_types {sorted(unknown)}")
        _check_regex(r["pattern"], owner)
        if r.get("sign_words") and r["category"] != "PSEUDO":
            raise KnowledgeError(f"{owner}: only PSEUDO rules can keep their `sign_words`")
        if r.get("until") is not None and r["until"] not in _UNTIL:
            raise KnowledgeError(f"{owner}: 'until' must be one of {sorted(_UNTIL)}")
        if (r.get("off_in_proxy_report") or r.get("proxy_report_keeps")) and r["category"] != "FAMILY":
            raise KnowledgeError(f"{owner}: only FAMILY rules can be 'off_in_proxy_report'")
        if r.get("near") is not None and r.get("not_near") is not None:
            raise KnowledgeError(f"{owner}: 'near' and 'not_near' cannot be used together")
        for key in ("near", "not_near"):
            if r.get(key) is not None:
                _check_regex(r[key], owner)
        unknown = set(r.get("proxy_report_keeps") or ()) - set(concepts)
        if unknown:
            raise KnowledgeError(f"{owner}: unknown proxy_report_keeps {sorted(unknown)}")

    until_words = content.get("until_words") or {}
    if set(until_words) != _UNTIL - _UNTIL_WITHOUT_WORDS or not all(
            isinstance(v, list) and v and all(isinstance(w, str) for w in v) for v in until_words.values()):
        raise KnowledgeError(f"{where}: 'until_words' must list the words of "
                             f"{sorted(_UNTIL - _UNTIL_WITHOUT_WORDS)}")
    until_res = {kind: re.compile(r"\b(" + "|".join(re.escape(w) for w in sorted(ws, key=len, reverse=True)) + r")\b")
                 for kind, ws in until_words.items()}
    until_res.update({name: re.compile(_pattern_setting(content, name, where)) for name in _UNTIL_PATTERNS})

    says_so, proxy_patterns = content.get("proxy_says_so") or [], content.get("proxy_report") or []
    for key, listed in (("proxy_says_so", says_so), ("proxy_report", proxy_patterns)):
        if not isinstance(listed, list):
            raise KnowledgeError(f"{where}: '{key}' must be a list of patterns")
        for p in listed:
            _check_regex(p, f"{where}: {key}")
    proxy_patterns = says_so + proxy_patterns
    proxy_report = re.compile("|".join(f"(?:{p})" for p in proxy_patterns)) if proxy_patterns else None

    raw: dict[str, Mapping[str, Any]] = {}
    rules: dict[str, _Rule] = {}
    for entry in content["rules"]:
        r = _common_rule(entry, raw, where)
        for key in ("all", "any", "alone", "unless"):
            unknown = set(entry.get(key) or ()) - set(concepts)
            if unknown:
                raise KnowledgeError(f"{where}: rule {r.id!r} uses unknown concepts {sorted(unknown)}")
        if not entry.get("all") and not entry.get("any"):
            raise KnowledgeError(f"{where}: rule {r.id!r} needs 'all' or 'any'")
        rules[r.id] = _Rule(r.id, r.level, r.label, r.sources, all=tuple(entry.get("all") or ()),
                            any=tuple(entry.get("any") or ()), min_age=entry.get("min_age"),
                            alone=tuple(entry.get("alone") or ()), unless=tuple(entry.get("unless") or ()))

    fact_rules: dict[str, _Rule] = {}
    for entry in content["fact_rules"]:
        r = _common_rule(entry, raw, where)
        when = entry.get("when")
        if not isinstance(when, dict) or not when or set(when) - _FACT_CONDITIONS:
            raise KnowledgeError(f"{where}: fact rule {r.id!r} needs a 'when' made of {sorted(_FACT_CONDITIONS)}")
        fact_rules[r.id] = _Rule(r.id, r.level, r.label, r.sources, when=dict(when))

    screens = []
    item_ids: set[str] = set()
    for entry in content["screens"]:
        sid = _entry_id(entry, f"{where} screens")
        if set(entry) - _SCREEN_KEYS or not isinstance(entry.get("intro"), str) or not entry.get("items"):
            raise KnowledgeError(f"{where}: screen {sid!r} needs an 'intro' and 'items' (keys {sorted(_SCREEN_KEYS)})")
        items = []
        for q in entry["items"]:
            qid = _entry_id(q, f"{where} screen {sid!r}")
            if qid in item_ids:
                raise KnowledgeError(f"{where}: duplicate screen item id {qid!r}")
            item_ids.add(qid)
            if set(q) - _ITEM_KEYS:
                raise KnowledgeError(f"{where}: item {qid!r} has unknown keys {sorted(set(q) - _ITEM_KEYS)}")
            for key in ("text", "label"):
                if not isinstance(q.get(key), str) or not q[key].strip():
                    raise KnowledgeError(f"{where}: item {qid!r} needs a '{key}'")
            if q.get("rule") not in rules:
                raise KnowledgeError(f"{where}: item {qid!r} points at unknown rule {q.get('rule')!r}")
            unknown = set(q.get("covers") or ()) - set(concepts)
            if unknown:
                raise KnowledgeError(f"{where}: item {qid!r} covers unknown concepts {sorted(unknown)}")
            if set(q.get("ask_if") or {}) - _ASK_IF_CONDITIONS:
                raise KnowledgeError(f"{where}: item {qid!r} has unknown ask_if {sorted(q['ask_if'])}")
            if "sex" in (q.get("ask_if") or {}) and q["ask_if"]["sex"] not in _SEXES:
                raise KnowledgeError(f"{where}: item {qid!r}: ask_if sex must be one of {_SEXES}")
            items.append(ScreenItem(qid, q["text"].strip(), q["label"].strip(), q["rule"],
                                    tuple(q.get("covers") or ()), dict(q.get("ask_if") or {}),
                                    q.get("unknown_note") or ""))
        if not re.fullmatch(r"[a-z][a-z0-9_]*", sid):
            raise KnowledgeError(f"{where}: screen id {sid!r} must be snake_case (it names a slot)")
        screens.append(Screen(sid, SCREEN_SLOT_PREFIX + sid, entry["intro"].strip(), tuple(items)))

    lost_ability, lost_ability_fillers, ability_lost_after, failing_function, failing_parts, ability_words = (
        _pattern_setting(content, name, where)
        for name in ("lost_ability", "lost_ability_fillers", "ability_lost_after", "failing_function",
                     "failing_parts", "ability_words"))
    said_as_lost_ability = frozenset(entry["id"] for entry in content["concepts"]
                                     if entry.get("said_as_lost_ability"))
    said_as_failing_part = frozenset(entry["id"] for entry in content["concepts"]
                                     if entry.get("said_as_failing_part"))
    learned_yields_to = {entry["id"]: frozenset(entry["learned_yields_to"]) for entry in content["concepts"]
                         if entry.get("learned_yields_to")}
    for concept, others in learned_yields_to.items():
        if not others <= set(concepts):
            raise KnowledgeError(f"{where}: {concept}: learned_yields_to names unknown concepts "
                                 f"{sorted(others - set(concepts))}")

    when_dated = {entry["id"]: entry["when_dated"] for entry in content["concepts"] if entry.get("when_dated")}
    if not set(when_dated.values()) <= set(concepts):
        raise KnowledgeError(f"{where}: when_dated names unknown concepts {sorted(set(when_dated.values()) - set(concepts))}")

    vocabulary, needed, companions = _vocabulary(set(concepts))
    not_signs = tuple(re.compile(r["pattern"]) for r in context_rules
                      if r["category"] == "PSEUDO" and not r.get("sign_words"))
    return _Knowledge(concepts=concepts, learned={k: tuple(v) for k, v in learned.items()},
                      ignored_context=ignored,
                      context_rules=context_rules, rules=rules,
                      fact_rules=fact_rules, screens=tuple(screens), raw_rules=raw,
                      proxy_report=proxy_report, until_words=until_res,
                      clause_breaks=re.compile("|".join(f"(?:{r['pattern']})" for r in context_rules
                                                        if r["category"] == "CLAUSE_BREAK")),
                      context_patterns=tuple(re.compile(r["pattern"]) for r in context_rules
                                             if not r.get("sign_words")),
                      not_signs=not_signs,
                      masked_patterns=(*not_signs, *(re.compile(p) for p in says_so),
                                       *_lookalike_patterns()),
                      vocabulary=vocabulary, companions=companions, not_alone=_not_alone(),
                      not_alone_for=_not_alone_for(set(concepts)),
                      words_needed={**{c: 2 for r in rules.values() for c in r.alone}, **needed},
                      combination_parts={c: frozenset((*r.all, *r.any)) for r in rules.values() for c in r.alone},
                      # the phrase, then at most two words and any fillers, right before the learned word
                      lost_ability=re.compile(
                          rf"(?:{lost_ability})(?:\W+\w+){{0,2}}(?:\W+{lost_ability_fillers}\b)*\W*$"),
                      # the phrase, then at most six words of the same clause
                      failing_function=re.compile(
                          rf"(?:{failing_function})(?:[^\w,.;:!?]+(?!{_FUNCTION_CLAUSE_ENDS})\w+){{0,6}}[^\w,.;:!?]*$"),
                      # right after the learned word: at most ten words of the same clause, the
                      # part that fails, then the phrase
                      failing_after=re.compile(
                          rf"(?:[^\w,.;:!?]+(?!{_FUNCTION_CLAUSE_ENDS})\w+){{0,10}}?[^\w,.;:!?]+(?:{failing_parts})"
                          rf"(?:[^\w,.;:!?]+(?:just|really|still|properly|even))?[^\w,.;:!?]+(?:{failing_function})"),
                      said_as_lost_ability=said_as_lost_ability, said_as_failing_part=said_as_failing_part,
                      learned_yields_to=learned_yields_to, when_dated=when_dated,
                      weeks_ago=re.compile(_pattern_setting(content, "weeks_ago", where)),
                      weeks_ago_gap_breaks=re.compile(_pattern_setting(content, "weeks_ago_gap_breaks", where)),
                      weeks_ago_first_subject=re.compile(
                          _pattern_setting(content, "weeks_ago_first_subject", where)),
                      birth_by_other=_birth_by_other(content, concepts, where),
                      birth_by_other_concept=content["birth_by_other"]["concept"],
                      ability_lost_after=re.compile(ability_lost_after),
                      # the rest of the question, then the answer: a no
                      ability_question_denied=re.compile(
                          rf"[^.?!]{{0,80}}\?\s*(?:{_pattern_setting(content, 'answer_no', where)}"
                          rf"|{_pattern_setting(content, 'cannot_answer', where)})"),
                      ability_words=re.compile(ability_words),
                      parts_only=frozenset(concepts) - {
                          c for r in rules.values() for c in (*r.alone, *(r.any if not r.all and r.min_age is None else ()))
                      })


# Top-level patterns of red_flags.yml that a context rule may name (`pattern_from`) and
# that other readers share, so that each is defined once.
NAMED_PATTERNS = ("lifetime_without_headaches", "question_asked")


def named_pattern(name: str) -> str:
    """One of NAMED_PATTERNS as written in red_flags.yml (the history parser reads
    'a lifetime without headaches' from here too)."""
    if name not in NAMED_PATTERNS:
        raise KeyError(name)
    return knowledge.load(KNOWLEDGE_NAME)[name]


def shared_words(name: str) -> str:
    """A list of red_flags.yml's `shared_words` (the age parser reads 'relatives' from here too)."""
    return knowledge.load(KNOWLEDGE_NAME)["shared_words"][name]


def _pattern_setting(content: Mapping[str, Any], name: str, where: str) -> str:
    """A top-level pattern of red_flags.yml (`lost_ability`, `failing_function`, ...), checked."""
    pattern = content.get(name)
    if not isinstance(pattern, str):
        raise KnowledgeError(f"{where}: {name!r} must be a pattern")
    _check_regex(pattern, f"{where}: {name}")
    return pattern


def _birth_by_other(content: Mapping[str, Any], concepts: Mapping[str, Any], where: str) -> re.Pattern:
    """red_flags.yml's `birth_by_other`, one pattern: no birth of the writer's own anywhere, then
    the writer's headache and a partner's birth, or the writer as the baby's father."""
    setting = content.get("birth_by_other")
    lists = ("writer_tells_own", "writer_headache", "partner_birth", "writer_is_father")
    if not isinstance(setting, dict) or setting.get("concept") not in concepts or set(setting) != {"concept", *lists}:
        raise KnowledgeError(f"{where}: 'birth_by_other' needs a concept of red_flags.yml and {list(lists)}")
    words = {}
    for name in lists:
        entries = setting[name]
        if not entries or not all(isinstance(e, str) for e in entries):
            raise KnowledgeError(f"{where}: birth_by_other.{name} must be a list of patterns")
        for entry in entries:
            _check_regex(entry, f"{where}: birth_by_other.{name}")
        words[name] = r"(?<!\w)(?:" + "|".join(entries) + r")(?!\w)"
    return re.compile(rf"^(?![\s\S]*{words['writer_tells_own']})"
                      rf"(?:(?=[\s\S]*{words['writer_headache']})[\s\S]*{words['partner_birth']}"
                      rf"|[\s\S]*{words['writer_is_father']})")


def _named_pattern(content: Mapping[str, Any], rule: Any, where: str) -> Any:
    """A context rule with `pattern_from: <name>` takes that top-level pattern."""
    if not isinstance(rule, dict) or "pattern_from" not in rule:
        return rule
    name = rule["pattern_from"]
    if rule.get("pattern") or name not in NAMED_PATTERNS or not isinstance(content.get(name), str):
        raise KnowledgeError(f"{where}: context rule {rule.get('literal')!r}: 'pattern_from' must name one of "
                             f"{list(NAMED_PATTERNS)}, given as a top-level pattern, instead of a 'pattern'")
    return {k: v for k, v in rule.items() if k != "pattern_from"} | {"pattern": content[name]}


def _stems(concept: str, stems: list) -> re.Pattern:
    if not stems or not all(isinstance(w, str) and len(w.strip()) >= 3 for w in stems):
        raise KnowledgeError(f"sign_vocabulary.yml: {concept!r} needs stems of 3 letters or more")
    body = "|".join(re.escape(w.strip().lower()) for w in sorted(set(stems), key=len, reverse=True))
    return re.compile(rf"\b(?:{body})")


def _vocabulary(concepts: set[str]) -> tuple[dict[str, re.Pattern], dict[str, int], dict[str, re.Pattern]]:
    """sign_vocabulary.yml: per learned concept, the word stems a description of it uses,
    how many different ones it needs, and (`with_one_of`) stems of which one must be there too."""
    content = knowledge.load("sign_vocabulary").get("vocabulary") or {}
    unknown = set(content) - concepts
    if unknown:
        raise KnowledgeError(f"sign_vocabulary.yml: unknown concepts {sorted(unknown)}")
    found, needed, companions = {}, {}, {}
    for concept, entry in content.items():
        entry = dict(entry or {})
        if "with_one_of" in entry:
            with_one_of = entry.pop("with_one_of")
            if not isinstance(with_one_of, dict):
                raise KnowledgeError(f"sign_vocabulary.yml: {concept!r}: with_one_of lists stems per language")
            companions[concept] = _stems(concept, [w for words in with_one_of.values() for w in (words or [])])
        if "words_needed" in entry:
            needed[concept] = entry.pop("words_needed")
            if needed[concept] not in (1, 2, 3):
                raise KnowledgeError(f"sign_vocabulary.yml: {concept!r}: words_needed must be 1, 2 or 3")
        found[concept] = _stems(concept, [w for words in entry.values() for w in (words or [])])
    return found, needed, companions


def _not_alone() -> frozenset[str]:
    """sign_vocabulary.yml `not_alone`: stems of the concepts' words that never stand alone."""
    content = knowledge.load("sign_vocabulary")
    listed = content.get("not_alone") or {}
    if not isinstance(listed, dict):
        raise KnowledgeError("sign_vocabulary.yml: not_alone lists stems per language")
    stems = {w.strip().lower() for words in listed.values() for w in (words or [])}
    every = {w.strip().lower() for entry in (content.get("vocabulary") or {}).values()
             for key, words in (entry or {}).items() if key not in ("with_one_of", "words_needed")
             for w in (words or [])}
    if stems - every:
        raise KnowledgeError(f"sign_vocabulary.yml: not_alone {sorted(stems - every)} are no concept's words")
    return frozenset(stems)


def _not_alone_for(concepts: set[str]) -> dict[str, frozenset]:
    """sign_vocabulary.yml `not_alone_for`: per concept, stems of its words that never stand
    alone for it."""
    content = knowledge.load("sign_vocabulary")
    listed = content.get("not_alone_for") or {}
    vocabulary = content.get("vocabulary") or {}
    if not isinstance(listed, dict) or not all(isinstance(v, list) for v in listed.values()):
        raise KnowledgeError("sign_vocabulary.yml: not_alone_for lists stems per concept")
    found = {}
    for concept, stems in listed.items():
        if concept not in concepts:
            raise KnowledgeError(f"sign_vocabulary.yml: not_alone_for: unknown concept {concept!r}")
        own = {w.strip().lower() for key, words in (vocabulary.get(concept) or {}).items()
               if key not in ("with_one_of", "words_needed") for w in (words or [])}
        stems = {w.strip().lower() for w in stems}
        if stems - own:
            raise KnowledgeError(f"sign_vocabulary.yml: not_alone_for {concept}: {sorted(stems - own)} are not its words")
        found[concept] = frozenset(stems)
    return found


def _lookalike_patterns() -> list[re.Pattern]:
    """lookalikes.yml: everyday phrases that use a sign's words in another sense, listed, and
    classes of them as patterns (whose groups named blank... say what is blanked)."""
    content = knowledge.load("lookalikes")
    phrases = []
    listed_signs = content.get("lookalikes") or {}
    for sign, by_language in listed_signs.items():
        if not isinstance(by_language, dict):
            raise KnowledgeError(f"lookalikes.yml: {sign!r} must list phrases per language")
        for language, listed in by_language.items():
            if not isinstance(listed, list) or not all(isinstance(p, str) and p.strip() for p in listed):
                raise KnowledgeError(f"lookalikes.yml: {sign}.{language} must be a list of phrases")
            phrases += [" ".join(p.lower().replace("'", "").split()) for p in listed]
    found = []
    if phrases:
        body = "|".join(re.escape(p) for p in sorted(set(phrases), key=len, reverse=True))
        found.append(re.compile(rf"\b(?:{body})\b"))
    for sign, entries in (content.get("patterns") or {}).items():
        where = f"lookalikes.yml: patterns.{sign}"
        if sign not in listed_signs:
            raise KnowledgeError(f"{where}: {sign!r} is no sign of the listed lookalikes")
        if not isinstance(entries, list):
            raise KnowledgeError(f"{where} must be a list of {{literal, pattern}}")
        for entry in entries:
            if not isinstance(entry, dict) or set(entry) != {"literal", "pattern"} or not all(
                    isinstance(v, str) and v.strip() for v in entry.values()):
                raise KnowledgeError(f"{where}: every entry needs a 'literal' and a 'pattern', nothing else")
            try:
                found.append(re.compile(entry["pattern"]))
            except re.error as e:
                raise KnowledgeError(f"{where}: {entry['literal']!r}: {e}") from e
    return found


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
