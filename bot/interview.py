"""What the interview asks, in which order, and how its slots become facts.

The slot names are the contract of CONTRACT.md ("Dialogue state"): clients
read `requested_slot` to know what is being asked.
"""
from __future__ import annotations

import copy
import functools
from typing import Any, Iterable, Mapping

from bot import red_flags, understanding
from bot.assessment import Facts
from bot.knowledge import someone_else
from bot.understanding.person import MYSELF, Person, who_has_the_headache

CONSENT_SLOT = "consent"
FACT_SLOTS = ("location", "duration", "history", "frequency", "severity",
              "triggers", "age", "medication")
SCREEN_SLOT_PREFIX = red_flags.SCREEN_SLOT_PREFIX
# Screens asked first, in this order.
SCREENS_FIRST = ("emergency", "urgent")
EMERGENCY_SCREEN_SLOT = SCREEN_SLOT_PREFIX + "emergency"
# Consent to keep the answers is asked when they would be kept: with a booking, so that the
# therapist can see them. The self-check itself keeps nothing beyond the session.
BOOKING_SLOTS = ("booking_wanted", CONSENT_SLOT, "service", "patient_name", "contact",
                 "preferred_time", "booking_confirmed")
# patient_name / contact value on the kiosk: "I'll give it at reception"
AT_RECEPTION = "at_reception"
# Never asked, only heard ("no I'm a bloke", "it's my mum"): leaves out what cannot apply.
SEX_SLOT = "sex"
# Who the questions are about (bot.understanding.person): someone_else is True when the
# person answers for someone else, who the questions call "who" ("your mum", "the person").
SOMEONE_ELSE_SLOT = "someone_else"
WHO_SLOT = "who"
# Facts read from what the person said before their question came, still asked once when it
# comes (where it hurts, how long it has lasted): the words a fact was heard in can be about
# something else ("a massage for my tight neck and shoulders" names no place of the headache),
# and people tell a new thing in the answer to the plain question ("since lunch; and I
# couldn't read the clock"). The slot lists those heard and not yet asked.
CHECKED_FACTS = ("location", "duration", "history", "triggers")
HEARD_SLOT = "heard_facts"


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
        sex=slots.get(SEX_SLOT) if slots.get(SEX_SLOT) in ("female", "male") else None,
    )


# understanding.extract_facts() key -> slot
_FACT_KEYS = {"location": "location", "duration_hours": "duration", "history": "history",
              "frequency_days": "frequency", "severity": "severity", "triggers": "triggers",
              "age": "age", "sex": "sex"}


def facts_stated(text: str) -> dict[str, Any]:
    """Slot values clearly stated in one free message, whatever was asked."""
    return copy.deepcopy(_facts_stated(text))


# The form reads every earlier message of the conversation on every turn (what was said
# before the question was asked is not asked again): each text is parsed once per process.
@functools.lru_cache(maxsize=4096)
def _facts_stated(text: str) -> dict[str, Any]:
    found = understanding.extract_facts(text)
    slots = {_FACT_KEYS[key]: value for key, value in found.items() if key in _FACT_KEYS}
    if found.get("medication_days") is not None:
        slots["medication"] = {"days": found["medication_days"], "kind": found.get("medication_kind")}
    return {slot: value for slot, value in slots.items() if value not in (None, [], "")}


def person_from_slots(slots: Mapping[str, Any]) -> Person:
    """Who the questions are about: the person writing, or the one they answer for."""
    if not slots.get(SOMEONE_ELSE_SLOT):
        return MYSELF
    who = slots.get(WHO_SLOT) or ""
    sex = slots.get(SEX_SLOT) if slots.get(SEX_SLOT) in someone_else.SEXES else None
    return Person(word=who[len("your "):] if who.startswith("your ") else None, sex=sex)


def person_slots(person: Person) -> dict[str, Any]:
    """The slots that say who the questions are about (the sex a word like "mum" tells too)."""
    if person.myself:
        return {SOMEONE_ELSE_SLOT: None, WHO_SLOT: None}
    return {SOMEONE_ELSE_SLOT: True, WHO_SLOT: person.who, SEX_SLOT: person.sex}


def screen_label(item_id: str, label: str, person: Person) -> str:
    """What a checklist shows for an item, about `person` ("the worst of her life")."""
    if person.myself:
        return label
    screen_id = next(s.id for s in red_flags.all_screens() if item_id in {i.id for i in s.items})
    about = someone_else.table().screens[screen_id].labels.get(item_id)
    return someone_else.pronouns(person.sex).fill(about) if about else label


def screen_texts(screen: red_flags.Screen, items: list[red_flags.ScreenItem],
                 person: Person) -> tuple[str, list[str]]:
    """The intro and item texts of a screen, about `person`: as red_flags.yml words
    them for the person writing, as someone_else.yml words them for anyone else."""
    if person.myself:
        return screen.intro, [item.text for item in items]
    wording = someone_else.table().screens[screen.id]
    words = someone_else.pronouns(person.sex)
    written = {item.id: item for item in red_flags.screen(screen.id).items}
    texts = []
    for item in items:
        text = words.fill(wording.items[item.id])
        if item.text != written[item.id].text and item.id in wording.unknown_notes:
            text = words.fill(wording.unknown_notes[item.id]) + text   # "if she is over 50: "
        texts.append(text)
    return words.fill(wording.intro, who=person.who), texts
# Answers that are lists: a later message can add to them ("and my neck too").
LIST_SLOTS = ("location", "triggers")


def added_facts(text: str, slots: Mapping[str, Any]) -> dict[str, Any]:
    """The list answers already given, with what `text` adds to them; {} when it adds nothing."""
    added: dict[str, Any] = {}
    for slot, value in facts_stated(text).items():
        given = slots.get(slot)
        if slot in LIST_SLOTS and isinstance(given, list) and given:
            new = [v for v in value if v not in given]
            if new:
                added[slot] = [*given, *new]
    return added


def is_screen_slot(slot: str) -> bool:
    return slot.startswith(SCREEN_SLOT_PREFIX) and slot[len(SCREEN_SLOT_PREFIX):] in {
        s.id for s in red_flags.all_screens()}


def screen_answers_from_slots(slots: Mapping[str, Any]) -> dict[str, str]:
    """Screen item id -> "yes" | "unsure" for every item chosen in an answered screen."""
    answers: dict[str, str] = {}
    for screen in red_flags.all_screens():
        value = slots.get(screen.slot)
        if isinstance(value, dict):
            answers.update({k: v for k, v in value.items() if v in red_flags.ANSWERS})
    return answers


def emergency_screened(slots: Mapping[str, Any]) -> bool:
    return isinstance(slots.get(EMERGENCY_SCREEN_SLOT), dict)


def required_slots(facts: Facts, concepts: Iterable[str]) -> list[str]:
    """The emergency and urgent screens, the facts, then the see-a-doctor screen: each
    screen with the items that apply to this person (none left: not asked). Consent is
    asked with a booking (BOOKING_SLOTS), when there is something to keep."""
    screens = {s.id: s.slot for s in red_flags.screens_to_ask(facts, set(concepts))}
    first = [screens.pop(name) for name in SCREENS_FIRST if name in screens]
    return [*first, *FACT_SLOTS, *screens.values()]


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
# Set by components/red_flag_detector.py beside `symptom` (bot.red_flags.MessageMentions):
IF_ON_BEHALF_ENTITY = "symptom_if_on_behalf"   # counts once the conversation is on someone's behalf
ON_BEHALF_ENTITY = "on_behalf"                 # this message says it is written for someone


def warning_sign_entities(text: str, extractor: str = "RedFlagDetector") -> list[dict[str, Any]]:
    """The NLU entities of one message (components/red_flag_detector.py)."""
    said = red_flags.message_mentions(text)

    def entity(name: str, value: str, start: int, end: int) -> dict[str, Any]:
        return {"entity": name, "value": value, "start": start, "end": end,
                "confidence_entity": 1.0, "extractor": extractor}

    found = [entity(SYMPTOM_ENTITY, c, start, end) for c, start, end in said.affirmed]
    found += [entity(IF_ON_BEHALF_ENTITY, c, start, end) for c, start, end in said.if_on_behalf]
    person = who_has_the_headache(text)
    if said.on_behalf or (person is not None and not person.myself):
        # "it's for my son": what is said of him counts for the person being assessed
        found.append(entity(ON_BEHALF_ENTITY, "yes", 0, len(text)))
    return found


def mentions_from_messages(messages: Iterable[tuple[str, Iterable[Mapping[str, Any]]]]) -> list[tuple[str, str]]:
    """(concept, the person's words) for each warning-sign entity of each (text, entities)
    message. When any message says it is written on someone's behalf, what the
    other messages say of "my dad" is about the person being assessed too."""
    messages = [(text or "", list(entities or ())) for text, entities in messages]
    on_behalf = any(e.get("entity") == ON_BEHALF_ENTITY for _, entities in messages for e in entities)
    kinds = {SYMPTOM_ENTITY, IF_ON_BEHALF_ENTITY} if on_behalf else {SYMPTOM_ENTITY}
    found = []
    for text, entities in messages:
        for entity in entities:
            if entity.get("entity") in kinds:
                found.append((entity["value"], text[entity.get("start", 0):entity.get("end", len(text))]))
    return found


def message_red_flags(text: str, answers: str | None = None) -> list:
    """The warning signs one message shows on its own, as the interview reads it: its
    warning-sign entities plus the facts it states, and, when it is the answer to the
    question for the fact slot `answers`, that answer too."""
    from bot import triage  # triage imports the factor tables; only needed here

    mentions = mentions_from_messages([(text, warning_sign_entities(text))])
    stated = facts_stated(text)
    if answers in FACT_SLOTS:
        value = understanding.parse_answer(answers, text)
        if value not in (None, [], ""):
            stated[answers] = value
    return triage.red_flags_found(mentions, facts_from_slots(stated), {})
