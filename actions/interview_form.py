"""The interview form: fills slots from the answer to the question asked and
from anything the person already said, then decides what to ask next.

The warning-sign screens come first (bot.interview.required_slots): the
emergency screen, then the urgent one, then the facts, then the see-a-doctor
screen (consent to keep the answers is asked with a booking, actions/booking.py). A sign whose advice is "get help today" is answered at
once with that advice; the emergency screen is still finished before the
assessment, so that nothing more urgent is missed. A screen whose grouped question
cannot be answered ("yes" twice without saying which, or three replies not
understood) is asked one item at a time; it is never skipped.

A person may answer for someone else ("actually it's my mum with the
headache"): from then on the questions speak of that person, the age and sex
heard before are theirs no longer, and a screen answered "none of these" is
asked again about the right person (a sign chosen stays). Places tapped on the
head map while another question is asked are kept as where it hurts."""
from __future__ import annotations

from typing import Any, Optional

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.conversation import (attempts_at, latest_concepts, latest_intent, latest_text,
                                  mentions, user_messages_since_start_over)
from actions.form_answers import INTERRUPTIONS, MAX_ATTEMPTS, AnswerFormValidation
from bot import interview, red_flags, screening, triage, understanding
from bot.levels import EMERGENCY, URGENT, rank
from bot.understanding.facts import only_where_it_hurts, puts_places_right
from bot.understanding.person import who_has_the_headache

# After this many answers not understood, a question is not asked again: the
# interview moves on with the safe value below instead of looping.
UNANSWERED = {"location": [], "triggers": [],
              "medication": {"days": None, "kind": None}}
UNANSWERED_SIGN = "unsure"  # the safer answer to a warning-sign question (CLINICAL.md)
FOLLOW_UP_SLOT = "screen_follow_up"     # {"screen": id, "kind": "affirm" | "unsure" | "check"}
# ... or, when the grouped question could not be answered, its items asked one at a time:
# {"screen": id, "kind": ONE_AT_A_TIME, "at": index of the item asked, "tries": 0 | 1}
ONE_AT_A_TIME = "each"
SHOWN_SLOT = "screen_shown"             # {"screen": id, "items": [item ids as numbered]}
URGENT_ADVISED_SLOT = "urgent_advised"  # the "get help today" advice was given
# Facts about the person themselves, not about the headache: on a switch to someone
# else they are no longer known (the interview asks the age of the right person).
PERSONAL_FACTS = ("age", interview.SEX_SLOT)


def is_no_answer(slot: str, text: str) -> bool:
    """A message that answers none of the questions but is understood: who has the
    headache, or (while another question is asked) only where it hurts."""
    return who_has_the_headache(text) is not None or (
        slot != "location" and only_where_it_hurts(text) is not None)


def shown_items(tracker: Tracker, slot: str, facts, concepts) -> list[red_flags.ScreenItem]:
    """The items of the screen as they were numbered when it was asked."""
    screen_id = slot[len(interview.SCREEN_SLOT_PREFIX):]
    all_items = {item.id: item for item in red_flags.screen(screen_id).items}
    shown = tracker.get_slot(SHOWN_SLOT) or {}
    if shown.get("screen") == screen_id and all(i in all_items for i in shown.get("items", ())):
        return [all_items[i] for i in shown["items"]]
    for screen in red_flags.screens_to_ask(facts, concepts):
        if screen.id == screen_id:
            return list(screen.items)
    return list(all_items.values())


class ValidateHeadacheForm(AnswerFormValidation):
    def name(self) -> str:
        return "validate_headache_form"

    def parse(self, slot, text, tracker, dispatcher):
        heard = list(tracker.get_slot(interview.HEARD_SLOT) or [])
        if slot in heard:
            return checked_answer(slot, text, tracker, heard)
        if not interview.is_screen_slot(slot):
            value = understanding.parse_answer(slot, text)
            return None if value is None else {slot: value}
        facts = interview.facts_from_slots(tracker.current_slot_values())
        concepts = {c for c, _ in mentions(tracker)}
        items = shown_items(tracker, slot, facts, concepts)
        question = red_flags.screen(slot[len(interview.SCREEN_SLOT_PREFIX):]).intro
        reply = screening.read_reply(items, text, latest_concepts(tracker), question)
        follow_up = tracker.get_slot(FOLLOW_UP_SLOT) or {}
        asked_which = follow_up.get("screen") == slot
        if asked_which and follow_up.get("kind") == ONE_AT_A_TIME:
            return one_item_answered(slot, items, follow_up, screening.read_reply(
                items[follow_up["at"]:follow_up["at"] + 1], text, latest_concepts(tracker), question), dispatcher)
        if reply.kind == screening.CHOSEN:
            return {slot: dict(reply.answers), FOLLOW_UP_SLOT: None}
        if reply.kind == screening.NONE or (asked_which and reply.other_concepts):
            # "none", or, asked which, they named a sign that is not on this list
            return {slot: {}, FOLLOW_UP_SLOT: None}
        if reply.kind == screening.CHECK:
            # Words of an item without choosing it: shown again to choose, once; never a guess.
            return None if asked_which else {slot: None, FOLLOW_UP_SLOT: {"screen": slot, "kind": reply.kind}}
        if reply.kind in (screening.AFFIRM, screening.UNSURE):
            if asked_which:
                # Asked which, still "yes" or "not sure": the items are asked one at a time.
                return {slot: None, FOLLOW_UP_SLOT: one_at_a_time(slot)}
            return {slot: None, FOLLOW_UP_SLOT: {"screen": slot, "kind": reply.kind}}
        return None

    def aside(self, slot, text, tracker, dispatcher):
        if who_has_the_headache(text) is not None:
            return {}    # also_known takes in who it is about
        places = only_where_it_hurts(text) if slot != "location" else None
        if places is None:
            return None
        known = list(tracker.get_slot("location") or [])
        dispatcher.utter_message(response="utter_location_noted")
        return {"location": known + [p for p in places if p not in known]}

    def not_understood(self, slot, tracker, dispatcher):
        if attempts_at(tracker, slot, lambda text: not is_no_answer(slot, text)) >= MAX_ATTEMPTS:
            follow_up = tracker.get_slot(FOLLOW_UP_SLOT) or {}
            if interview.is_screen_slot(slot) and not (follow_up.get("screen") == slot
                                                        and follow_up.get("kind") == ONE_AT_A_TIME):
                # A warning-sign question is never skipped: its items are asked one at a time.
                return {slot: None, FOLLOW_UP_SLOT: one_at_a_time(slot)}
            dispatcher.utter_message(response="utter_skip_question")
            return {slot: skipped_value(slot, tracker), FOLLOW_UP_SLOT: None}
        # A hint with an example of an answer this question understands.
        hint = "utter_hint_screen" if interview.is_screen_slot(slot) else f"utter_hint_{slot}"
        dispatcher.utter_message(response=hint)
        return {slot: None}

    def also_known(self, tracker, slots, dispatcher):
        messages = user_messages_since_start_over(tracker)
        updates: dict[str, Any] = {}
        # Who the questions are about: the latest message that says so.
        person, since = None, 0
        for index, message in enumerate(messages):
            said = who_has_the_headache(message.get("text") or "")
            if said is not None:
                person, since = said, index
        if person is not None and person != interview.person_from_slots(slots):
            updates.update(switched_to(person, slots))
            dispatcher.utter_message(response="utter_answering_for_self" if person.myself
                                     else "utter_answering_for", who=person.who)
        current = {**slots, **updates}
        # Free text gives the writer's own age and sex ("I'm 40", "I'm a bloke"): never
        # theirs for someone they answer for (a wrong age or sex could hide a warning-sign
        # question); that person's age is asked, their sex comes from the word ("my mum").
        for_someone_else = bool(current.get(interview.SOMEONE_ELSE_SLOT))
        heard = list(current.get(interview.HEARD_SLOT) or [])
        for index, message in enumerate(messages):
            for slot, value in interview.facts_stated(message.get("text") or "").items():
                if slot in PERSONAL_FACTS and (for_someone_else or index < since):
                    continue
                if current.get(slot) is None and slot not in updates:
                    updates[slot] = value
                    # (a message of places only is where it hurts, told as such)
                    if (slot in interview.CHECKED_FACTS and slot not in heard
                            and not (slot == "location" and only_where_it_hurts(message.get("text") or ""))):
                        heard.append(slot)
        if heard != list(current.get(interview.HEARD_SLOT) or []):
            updates[interview.HEARD_SLOT] = heard
        return updates

    def additions(self, tracker, slots):
        """More places or triggers for answers already given ("and my neck too")."""
        return interview.added_facts(latest_text(tracker), slots)

    def next_slot(self, tracker, slots):
        facts = interview.facts_from_slots(slots)
        said = mentions(tracker)
        level = triage.level_of(said, facts, interview.screen_answers_from_slots(slots))
        if level == EMERGENCY:
            return None  # stop asking: the assessment follows at once
        if rank(level) >= rank(URGENT) and interview.emergency_screened(slots):
            return None  # "get help today": the assessment follows at once
        concepts = {concept for concept, _ in said}
        heard = slots.get(interview.HEARD_SLOT) or []
        return next((slot for slot in interview.required_slots(facts, concepts)
                     if slots.get(slot) is None or slot in heard), None)

    def before_asking(self, tracker, slots, following, dispatcher) -> dict[str, Any]:
        """A sign whose advice is "today" is answered at once, before the next question; a
        fact already heard is asked as a check."""
        updates: dict[str, Any] = {}
        facts = interview.facts_from_slots(slots)
        level = triage.level_of(mentions(tracker), facts, interview.screen_answers_from_slots(slots))
        if level == URGENT and not slots.get(URGENT_ADVISED_SLOT) and not interview.emergency_screened(slots):
            dispatcher.utter_message(response="utter_urgent_first")
            updates[URGENT_ADVISED_SLOT] = True
        if following in (slots.get(interview.HEARD_SLOT) or []):
            dispatcher.utter_message(response="utter_check_heard")
        return updates


def checked_answer(slot: str, text: str, tracker: Tracker, heard: list[str]) -> Optional[dict[str, Any]]:
    """The answer to a fact's question when the fact was heard before (bot.interview.
    CHECKED_FACTS), asked once: a new answer replaces what was heard (places are added to
    those heard, unless the answer puts them right: "no, only my temples"); "yes", "as I
    said" or anything not read as the fact keeps what was heard,
    never a hint and the question again. A question or a command is left to the rules."""
    value = understanding.parse_answer(slot, text)
    if value is None and latest_intent(tracker) in INTERRUPTIONS:
        return None
    updates: dict[str, Any] = {interview.HEARD_SLOT: [s for s in heard if s != slot]}
    if value is not None and slot == "location" and not puts_places_right(text):
        known = list(tracker.get_slot("location") or [])
        value = known + [place for place in value if place not in known]
    if value is not None:
        updates[slot] = value
    return updates


def one_at_a_time(slot: str) -> dict[str, Any]:
    """The follow-up that asks a screen's items one at a time, from the first."""
    return {"screen": slot, "kind": ONE_AT_A_TIME, "at": 0, "tries": 0}


def one_item_answered(slot: str, items: list, follow_up: dict[str, Any], reply: screening.ScreenReply,
                      dispatcher: CollectingDispatcher) -> dict[str, Any]:
    """The answer to one item asked on its own. A yes or a not sure ends the screen with
    it (every item of a screen is of the same level, so the others change nothing); a no
    asks the next; after the last no, none applies. A reply not understood is asked once
    more, then counts as not sure, the safer answer."""
    item = items[follow_up["at"]]
    if reply.kind == screening.CHOSEN and item.id in reply.answers:
        answer = reply.answers[item.id]
    else:
        answer = {screening.AFFIRM: "yes", screening.UNSURE: "unsure", screening.NONE: "no"}.get(reply.kind)
    if answer is None and not follow_up.get("tries"):
        dispatcher.utter_message(response="utter_hint_screen_item")
        return {slot: None, FOLLOW_UP_SLOT: {**follow_up, "tries": 1}}
    if answer in (None, "unsure"):
        answer = UNANSWERED_SIGN
    if answer != "no":
        return {slot: {item.id: answer}, FOLLOW_UP_SLOT: None}
    if follow_up["at"] + 1 >= len(items):
        return {slot: {}, FOLLOW_UP_SLOT: None}
    return {slot: None, FOLLOW_UP_SLOT: {**follow_up, "at": follow_up["at"] + 1, "tries": 0}}


def switched_to(person, slots: dict[str, Any]) -> dict[str, Any]:
    """The slot updates when the questions turn to another person: who it is, their
    age and sex unknown again, and the screens answered "none" asked again about them."""
    updates = {slot: None for slot in PERSONAL_FACTS if slots.get(slot) is not None}
    updates.update(interview.person_slots(person))
    for screen in red_flags.all_screens():
        if slots.get(screen.slot) == {}:
            updates[screen.slot] = None
    updates[FOLLOW_UP_SLOT] = None
    return updates


def skipped_value(slot: str, tracker: Tracker) -> Any:
    """What a question not understood after MAX_ATTEMPTS counts as."""
    if interview.is_screen_slot(slot):
        facts = interview.facts_from_slots(tracker.current_slot_values())
        items = shown_items(tracker, slot, facts, {c for c, _ in mentions(tracker)})
        return {item.id: UNANSWERED_SIGN for item in items}
    return UNANSWERED.get(slot, "unknown")


def screen_question(texts: list[str], intro: str, which: Optional[str]) -> str:
    """The grouped question: intro, numbered items, how to answer."""
    lead = {"affirm": "Which of these apply? Reply with their numbers, for example 2, or 1 and 4.",
            "unsure": "Which one are you not sure about? Reply with its number, or 'none'.",
            "check": "To be sure I read you right: do you have any of these? "
                     "Reply with their numbers, for example 2, or 'none'."}.get(which, intro)
    lines = [lead] + [f"{n}. {text[0].upper()}{text[1:]}" for n, text in enumerate(texts, 1)]
    if not which:
        lines.append("Reply 'none', or the numbers of any that apply (for example: 2, or 1 and 4).")
    return "\n".join(lines)


def one_item_question(texts: list[str], at: int) -> str:
    """One item of a screen asked on its own (ONE_AT_A_TIME)."""
    lead = "Let's take them one at a time, to be sure I read you right.\n" if at == 0 else ""
    text = texts[at]
    return f"{lead}({at + 1} of {len(texts)}) {text[0].upper()}{text[1:]}?\nReply yes, no or not sure."


def _ask_screen_action(screen_id: str) -> type:
    """An action asking one warning-sign screen, worded in data/knowledge/red_flags.yml."""
    slot = f"{interview.SCREEN_SLOT_PREFIX}{screen_id}"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[dict[str, Any]]:
        slots = tracker.current_slot_values()
        facts = interview.facts_from_slots(slots)
        concepts = {c for c, _ in mentions(tracker)}
        screen = next((s for s in red_flags.screens_to_ask(facts, concepts) if s.id == screen_id),
                      red_flags.screen(screen_id))
        follow_up = slots.get(FOLLOW_UP_SLOT) or {}
        which = follow_up.get("kind") if follow_up.get("screen") == slot else None
        items = shown_items(tracker, slot, facts, concepts) if which else list(screen.items)
        person = interview.person_from_slots(slots)
        intro, texts = interview.screen_texts(screen, items, person)
        if which == ONE_AT_A_TIME:
            at = follow_up["at"]
            dispatcher.utter_message(text=one_item_question(texts, at), buttons=[
                {"title": "Yes", "payload": "yes"}, {"title": "No", "payload": "no"},
                {"title": "Not sure", "payload": "not sure"}])
            return [SlotSet(SHOWN_SLOT, {"screen": screen_id, "items": [item.id for item in items]})]
        dispatcher.utter_message(text=screen_question(texts, intro, which), json_message={
            "type": "choose_many", "slot": slot,
            "options": [{"number": n, "title": interview.screen_label(item.id, item.label, person)}
                        for n, item in enumerate(items, 1)],
            "none": "None of these"})
        return [SlotSet(SHOWN_SLOT, {"screen": screen_id, "items": [item.id for item in items]})]

    return type(f"AskScreen_{screen_id}", (Action,), {"name": lambda self: f"action_ask_{slot}", "run": run})


# One class per screen: the action server registers actions by class.
ASK_ACTIONS = [_ask_screen_action(s.id) for s in red_flags.all_screens()]
