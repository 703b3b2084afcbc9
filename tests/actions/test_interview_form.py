"""The interview form: answers fill their slots, what was already said is not
asked again, questions and commands are left to the rules."""
from __future__ import annotations

import pytest

from actions.interview_form import ValidateHeadacheForm
from tests.actions.conftest import make_tracker, slot_events

SCREENED = {"screen_emergency": {}, "screen_urgent": {}}
BASE = SCREENED


async def run(slots, said, intent="describe_headache", dispatcher=None, domain=None):
    from rasa_sdk.executor import CollectingDispatcher

    dispatcher = dispatcher or CollectingDispatcher()
    tracker = make_tracker(slots, said, intent, active_loop="headache_form")
    return await ValidateHeadacheForm().run(dispatcher, tracker, domain or {}), dispatcher


@pytest.mark.parametrize("requested, answer, expected", [
    ("location", "where my head meets my neck", ["back_of_head"]),
    ("location", "templs", ["temples"]),
    ("location", "behind my eyes", ["eyes"]),
    ("severity", "7", 7),
    ("severity", "really bad", 8),
    ("age", "40", 40),
    # typos people make (issue 10, point 6)
    ("history", "ive had them for yeras", "longstanding"),
])
async def test_answer_fills_the_requested_slot(requested, answer, expected):
    events, _ = await run({**BASE, "requested_slot": requested}, [answer])
    assert slot_events(events)[requested] == expected


async def test_what_was_said_in_the_opening_is_not_asked_again():
    # the age is not asked again; where it hurts and how long they have had them are asked
    # once, as checks (below)
    events, dispatcher = await run({"screen_emergency": {}, "requested_slot": "screen_urgent"},
                                   ["I'm 70 and I have a new headache at my temple", "none of these"])
    slots = slot_events(events)
    assert slots["screen_urgent"] == {}
    assert slots["age"] == 70
    assert slots["location"] == ["temples"]
    assert slots["heard_facts"] == ["location", "history"]
    assert slots["requested_slot"] == "location"
    assert [m["response"] for m in dispatcher.messages] == ["utter_check_heard"]


async def test_a_trigger_told_in_the_opening_is_still_asked_as_a_check():
    """What brings the headaches on, told in the opening ("probably too much coffee"), is asked
    once all the same: the answer to the plain question is where people tell what else happened
    (a late sign told only there had been missed: the question was never asked)."""
    events, _ = await run({"screen_emergency": {}, "requested_slot": "screen_urgent"},
                          ["thick head for two days, probably too much coffee and stress at work", "none"])
    slots = slot_events(events)
    assert slots["triggers"]
    assert "triggers" in slots["heard_facts"]


HEARD = {**BASE, "location": ["neck_shoulders"], "heard_facts": ["location", "duration"],
         "duration": 5.0, "requested_slot": "location"}


@pytest.mark.parametrize("answer, location", [
    ("yes, just there", ["neck_shoulders"]),             # kept: no hint, not asked again
    ("as I said", ["neck_shoulders"]),
    ("my temples as well", ["neck_shoulders", "temples"]),  # places added to those heard
    ("temples", ["neck_shoulders", "temples"]),
    ("no, only my temples", ["temples"]),                # ... unless the answer puts them right
    ("actually it's just the forehead", ["forehead"]),
    ("not just my neck, my temples too", ["neck_shoulders", "temples"]),
])
async def test_a_fact_heard_before_its_question_is_asked_once_as_a_check(answer, location):
    events, dispatcher = await run(HEARD, [answer])
    slots = slot_events(events)
    assert slots.get("location", HEARD["location"]) == location
    assert slots["heard_facts"] == ["duration"]
    assert slots["requested_slot"] == "duration"        # duration next, checked the same way
    assert [m["response"] for m in dispatcher.messages] == ["utter_check_heard"]


async def test_a_duration_heard_is_replaced_by_the_answer_to_its_question():
    events, _ = await run({**HEARD, "location": ["temples"], "heard_facts": ["duration"],
                           "requested_slot": "duration"}, ["two days"])
    slots = slot_events(events)
    assert slots["duration"] == 48.0 and slots["heard_facts"] == []
    assert slots["requested_slot"] == "history"


async def test_a_question_during_a_check_is_left_to_the_rules():
    events, _ = await run(HEARD, ["why do you need to know that?"], intent="ask_why_needed")
    assert events == []


async def test_an_answer_not_understood_is_asked_again_with_a_hint():
    answered = {**BASE, "location": ["forehead"], "duration": 3.0, "history": "longstanding",
                "frequency": 3, "severity": 5, "triggers": []}
    events, dispatcher = await run({**answered, "requested_slot": "age"}, ["banana"])
    slots = slot_events(events)
    assert slots["age"] is None and slots["requested_slot"] == "age"
    assert dispatcher.messages[0]["response"] == "utter_hint_age"   # an example that works


async def test_a_question_inside_the_form_is_left_to_the_rules():
    events, dispatcher = await run({**BASE, "requested_slot": "age"},
                                   ["why do you need my age?"], intent="ask_why_needed")
    assert events == [] and dispatcher.messages == []


FACTS_DONE = {**BASE, "location": ["forehead"], "duration": 3.0, "history": "longstanding",
              "frequency": 3, "severity": 5, "triggers": [], "age": 40,
              "medication": {"days": 0, "kind": None}}


async def test_the_screens_come_first_then_the_facts():
    events, _ = await run({}, ["my head hurts"])
    assert slot_events(events)["requested_slot"] == "screen_emergency"
    events, _ = await run({"requested_slot": "screen_emergency"}, ["none of these"])
    assert slot_events(events) == {"screen_emergency": {}, "screen_follow_up": None,
                                   "requested_slot": "screen_urgent"}
    events, _ = await run({"screen_emergency": {}, "requested_slot": "screen_urgent"}, ["no"])
    # consent to keep the answers is asked with a booking (tests/actions/test_booking.py)
    assert slot_events(events)["requested_slot"] == "location"


async def test_an_emergency_item_chosen_by_number_ends_the_interview_at_once():
    events, _ = await run({"requested_slot": "screen_emergency"}, ["2"])
    result = slot_events(events)
    assert result["screen_emergency"] == {"weakness_speech": "yes"}
    assert result["requested_slot"] is None


async def test_a_bare_yes_asks_which_then_a_second_yes_asks_the_items_one_at_a_time():
    events, _ = await run({"requested_slot": "screen_emergency"}, ["yes"])
    result = slot_events(events)
    assert result["screen_emergency"] is None and result["requested_slot"] == "screen_emergency"
    assert result["screen_follow_up"] == {"screen": "screen_emergency", "kind": "affirm"}
    events, _ = await run({"requested_slot": "screen_emergency", "screen_follow_up": result["screen_follow_up"]},
                          ["yes"])
    result = slot_events(events)
    assert result["screen_emergency"] is None and result["requested_slot"] == "screen_emergency"
    assert result["screen_follow_up"] == {"screen": "screen_emergency", "kind": "each", "at": 0, "tries": 0}


ONE_AT_A_TIME = {"screen": "screen_emergency", "kind": "each", "at": 0, "tries": 0}


async def test_items_asked_one_at_a_time_no_then_yes_ends_the_screen_with_that_item():
    asked = {"requested_slot": "screen_emergency", "screen_follow_up": ONE_AT_A_TIME}
    events, _ = await run(asked, ["no"])
    result = slot_events(events)
    assert result["screen_emergency"] is None and result["screen_follow_up"]["at"] == 1
    events, _ = await run({**asked, "screen_follow_up": result["screen_follow_up"]}, ["yes"])
    result = slot_events(events)
    assert result["screen_emergency"] == {"weakness_speech": "yes"} and result["requested_slot"] is None


async def test_items_asked_one_at_a_time_all_no_is_none_of_these():
    from bot import red_flags

    n = len(red_flags.screen("emergency").items)
    follow_up = {**ONE_AT_A_TIME, "at": n - 1}
    events, _ = await run({"requested_slot": "screen_emergency", "screen_follow_up": follow_up}, ["nope"])
    result = slot_events(events)
    assert result["screen_emergency"] == {} and result["screen_follow_up"] is None
    assert result["requested_slot"] == "screen_urgent"


async def test_one_item_not_understood_is_asked_again_then_taken_as_not_sure():
    asked = {"requested_slot": "screen_emergency", "screen_follow_up": ONE_AT_A_TIME}
    events, dispatcher = await run(asked, ["purple monkey"])
    result = slot_events(events)
    assert dispatcher.messages[0]["response"] == "utter_hint_screen_item"
    assert result["screen_emergency"] is None and result["screen_follow_up"]["tries"] == 1
    events, _ = await run({**asked, "screen_follow_up": result["screen_follow_up"]}, ["purple monkey"])
    assert slot_events(events)["screen_emergency"] == {"thunderclap": "unsure"}


async def test_one_item_is_asked_on_its_own_with_yes_no_buttons():
    from rasa_sdk.executor import CollectingDispatcher

    from actions.interview_form import ASK_ACTIONS

    ask = next(a() for a in ASK_ACTIONS if a().name() == "action_ask_screen_emergency")
    dispatcher = CollectingDispatcher()
    tracker = make_tracker({"requested_slot": "screen_emergency",
                            "screen_follow_up": {**ONE_AT_A_TIME, "at": 1}}, ["yes"], "affirm",
                           active_loop="headache_form")
    await ask.run(dispatcher, tracker, {})
    message = dispatcher.messages[0]
    assert message["text"].startswith("(2 of ") and "weakness" in message["text"]
    assert [b["payload"] for b in message["buttons"]] == ["yes", "no", "not sure"]


async def test_words_of_an_item_not_pointed_at_show_the_items_again_then_a_hint():
    # "I have a headache" shares a word with the thunderclap item and names no sign
    events, dispatcher = await run({"requested_slot": "screen_emergency"}, ["I have a headache"])
    result = slot_events(events)
    assert result["screen_emergency"] is None and result["requested_slot"] == "screen_emergency"
    assert result["screen_follow_up"] == {"screen": "screen_emergency", "kind": "check"}
    # said again when shown the items: not understood (a hint), not every sign assumed
    events, dispatcher = await run({"requested_slot": "screen_emergency", "screen_follow_up": result["screen_follow_up"]},
                                   ["just a headache"])
    assert "screen_emergency" not in slot_events(events) or slot_events(events)["screen_emergency"] is None
    assert dispatcher.messages[0]["response"] == "utter_hint_screen"
    events, _ = await run({"requested_slot": "screen_emergency", "screen_follow_up": result["screen_follow_up"]},
                          ["none"])
    assert slot_events(events)["screen_emergency"] == {}


async def test_asked_which_they_name_a_sign_of_another_list():
    follow_up = {"screen": "screen_emergency", "kind": "affirm"}
    events, _ = await run({"requested_slot": "screen_emergency", "screen_follow_up": follow_up},
                          ["I just have a fever"])
    result = slot_events(events)
    assert result["screen_emergency"] == {} and result["requested_slot"] == "screen_urgent"


async def test_an_urgent_sign_gets_todays_advice_at_once_then_the_emergency_screen():
    events, dispatcher = await run({}, ["I'm 34 weeks pregnant and my head is pounding"])
    result = slot_events(events)
    assert dispatcher.messages[0]["response"] == "utter_urgent_first"
    assert result["urgent_advised"] is True and result["requested_slot"] == "screen_emergency"
    events, _ = await run({"urgent_advised": True, "requested_slot": "screen_emergency"},
                          ["I'm 34 weeks pregnant and my head is pounding", "none"])
    assert slot_events(events)["requested_slot"] is None   # the urgent assessment follows


async def test_facts_said_before_starting_over_are_not_reused():
    from rasa_sdk import Tracker
    from rasa_sdk.executor import CollectingDispatcher

    events = [{"event": "user", "text": "I'm 70 with a pain in my temples",
               "parse_data": {"intent": {"name": "describe_headache"}, "entities": []}},
              {"event": "action", "name": "action_start_over"},
              {"event": "user", "text": "my forehead aches",
               "parse_data": {"intent": {"name": "describe_headache"}, "entities": []}}]
    tracker = Tracker("t", {}, events[-1]["parse_data"] | {"text": "my forehead aches"}, events,
                      False, None, {"name": "headache_form"}, "action_listen")
    result = slot_events(await ValidateHeadacheForm().run(CollectingDispatcher(), tracker, {}))
    assert result["location"] == ["forehead"] and "age" not in result


async def test_gca_item_only_shown_over_50():
    from bot import red_flags

    urgent = lambda age: [i.id for i in red_flags.screens_to_ask(red_flags.Facts(age=age), set())[1].items]  # noqa: E731
    assert "gca" not in urgent(30)
    assert "gca" in urgent(70)


async def test_a_screen_not_understood_three_times_is_asked_one_item_at_a_time():
    from rasa_sdk import Tracker
    from rasa_sdk.executor import CollectingDispatcher

    answered = {**FACTS_DONE, "requested_slot": "screen_doctor"}
    events = []
    for _ in range(3):
        events += [{"event": "slot", "name": "requested_slot", "value": "screen_doctor"},
                   {"event": "user", "text": "purple monkey",
                    "parse_data": {"intent": {"name": "describe_headache"}, "entities": []}}]
    tracker = Tracker("t", answered, events[-1]["parse_data"] | {"text": "purple monkey"}, events,
                      False, None, {"name": "headache_form"}, "action_listen")
    dispatcher = CollectingDispatcher()
    result = slot_events(await ValidateHeadacheForm().run(dispatcher, tracker, {}))
    # never skipped, never a silent "no": each item is asked on its own
    assert result["screen_doctor"] is None and result["requested_slot"] == "screen_doctor"
    assert result["screen_follow_up"] == {"screen": "screen_doctor", "kind": "each", "at": 0, "tries": 0}
    assert "utter_skip_question" not in [m["response"] for m in dispatcher.messages]


# ---- issue 10: what patients notice ------------------------------------------------

ASKED_SEVERITY = {**BASE, "location": None, "duration": 3.0, "history": "longstanding",
                  "frequency": 3, "requested_slot": "severity"}


async def test_places_from_the_head_map_at_another_question_are_kept_as_where_it_hurts():
    events, dispatcher = await run(ASKED_SEVERITY, ["temples, back of my head"])
    slots = slot_events(events)
    assert slots["location"] == ["temples", "back_of_head"]
    assert slots.get("severity") is None and slots["requested_slot"] == "severity"
    assert [m["response"] for m in dispatcher.messages] == ["utter_location_noted"]


async def test_places_sent_at_another_question_never_count_as_misses_of_it():
    from rasa_sdk import Tracker
    from rasa_sdk.executor import CollectingDispatcher

    events = []
    for text in ["forehead", "temples", "jaw or face"]:
        events += [{"event": "slot", "name": "requested_slot", "value": "severity"},
                   {"event": "user", "text": text,
                    "parse_data": {"intent": {"name": "describe_headache"}, "entities": []}}]
    tracker = Tracker("t", ASKED_SEVERITY, events[-1]["parse_data"] | {"text": "jaw or face"},
                      events, False, None, {"name": "headache_form"}, "action_listen")
    dispatcher = CollectingDispatcher()
    slots = slot_events(await ValidateHeadacheForm().run(dispatcher, tracker, {}))
    assert "utter_skip_question" not in [m["response"] for m in dispatcher.messages]
    assert slots["requested_slot"] == "severity" and slots["severity"] is None


async def test_a_switch_to_a_carer_is_understood_and_the_age_heard_before_is_asked_again():
    events, dispatcher = await run(
        {**BASE, "location": ["temples"], "age": 34, "requested_slot": "duration"},
        ["I'm 34 and my head hurts", "actually my mum is the one with the headache, not me"])
    slots = slot_events(events)
    assert slots["someone_else"] is True and slots["who"] == "your mum"
    assert slots["sex"] == "female" and slots["age"] is None
    assert "utter_answering_for" in [m["response"] for m in dispatcher.messages]


async def test_a_screen_answered_none_is_asked_again_about_the_person_answered_for():
    events, _ = await run({**BASE, "requested_slot": "duration"},
                          ["it's for my dad, he has a bad headache"])
    slots = slot_events(events)
    assert slots["screen_emergency"] is None and slots["screen_urgent"] is None
    assert slots["requested_slot"] == "screen_emergency"


@pytest.mark.parametrize("facts, shown", [
    ({"sex": "male", "age": 30}, False),      # "no im a bloke lol"
    ({"sex": "female", "age": 30}, True),
    ({"age": 30}, True),                      # not said: asked
    ({"sex": "female", "age": 70}, False),
])
async def test_pregnancy_is_not_asked_of_a_man_who_said_so(facts, shown):
    from bot import red_flags

    urgent = next(s for s in red_flags.screens_to_ask(red_flags.Facts(**facts), set())
                  if s.id == "urgent")
    assert ("pregnancy" in [i.id for i in urgent.items]) is shown


@pytest.mark.parametrize("said", [
    ["I'm a bloke, 40, asking for my partner who has a headache"],
    ["I'm asking for my partner", "I'm a bloke by the way, I'm 40"],
])
async def test_the_writer_s_own_age_and_sex_are_never_taken_as_the_other_person_s(said):
    """A partner's pregnancy or age-related sign must not be hidden by the writer's facts."""
    events, _ = await run({**BASE, "requested_slot": "duration"}, said)
    slots = slot_events(events)
    assert slots["someone_else"] is True
    assert slots.get("sex") is None and slots.get("age") is None


async def test_a_typo_in_an_answer_is_read_as_the_word_meant():
    typo, _ = await run({**BASE, "requested_slot": "duration"}, ["since this moring"])
    right, _ = await run({**BASE, "requested_slot": "duration"}, ["since this morning"])
    assert slot_events(typo)["duration"] == slot_events(right)["duration"] is not None


# More of an earlier answer, and texts sent before the question was seen (SMS)

LOCATED = {**BASE, "location": ["temples"], "requested_slot": "duration"}


async def test_a_message_adding_to_an_earlier_answer_is_taken_so():
    events, dispatcher = await run(LOCATED, ["my temples", "and my neck too"])
    slots = slot_events(events)
    assert slots["location"] == ["temples", "neck_shoulders"]
    assert slots["requested_slot"] == "duration" and slots.get("duration") is None
    # places are taken in as the head map's are (ValidateHeadacheForm.aside)
    assert [m["response"] for m in dispatcher.messages] == ["utter_location_noted"]


async def sms(slots, said, written_before_reply=True):
    from rasa_sdk.executor import CollectingDispatcher

    dispatcher = CollectingDispatcher()
    tracker = make_tracker(slots, said, active_loop="headache_form", channel="twilio_sms",
                           metadata={"written_before_reply": written_before_reply})
    return slot_events(await ValidateHeadacheForm().run(dispatcher, tracker, {})), dispatcher


async def test_a_text_sent_before_the_question_was_seen_never_answers_it():
    # "none" to the emergency screen, then at once "no": the urgent screen was not seen yet
    slots, dispatcher = await sms({"screen_emergency": {}, "requested_slot": "screen_urgent"},
                                  ["none", "no"])
    assert slots.get("screen_urgent") is None and slots["requested_slot"] == "screen_urgent"
    assert dispatcher.messages == []          # asked again, no "sorry"


async def test_a_text_sent_before_the_question_was_seen_still_adds_to_the_answer_before():
    slots, dispatcher = await sms(LOCATED, ["my temples", "and my neck too"])
    assert slots["location"] == ["temples", "neck_shoulders"] and slots.get("duration") is None
    assert [m["response"] for m in dispatcher.messages] == ["utter_location_noted"]


async def test_only_the_sms_channels_mark_counts():
    from rasa_sdk.executor import CollectingDispatcher

    tracker = make_tracker({**LOCATED}, ["since yesterday"], active_loop="headache_form",
                           channel="rest", metadata={"written_before_reply": True})
    slots = slot_events(await ValidateHeadacheForm().run(CollectingDispatcher(), tracker, {}))
    assert slots["duration"] == 24.0


async def test_a_message_adding_a_trigger_to_an_earlier_answer_is_taken_so():
    answered = {**BASE, "location": ["temples"], "duration": 3.0, "history": "longstanding",
                "frequency": 3, "severity": 5, "triggers": ["desk_work"], "requested_slot": "age"}
    events, dispatcher = await run(answered, ["long days at my desk", "and stress too"])
    slots = slot_events(events)
    assert slots["triggers"] == ["desk_work", "stress"] and slots.get("age") is None
    assert [m["response"] for m in dispatcher.messages] == ["utter_added"]



async def test_an_answer_that_ends_in_a_question_mark_still_counts_as_a_miss():
    """"Out of ten? Three, maybe four?" is an answer not understood, not a question asked
    meanwhile: counted, so the question is skipped after three, never asked for ever (a blind
    conversation looped to its 30th message when such answers were not counted)."""
    from rasa_sdk import Tracker
    from rasa_sdk.executor import CollectingDispatcher

    def said(text):
        return {"event": "user", "text": text,
                "parse_data": {"intent": {"name": "describe_headache"}, "entities": []}}

    asked = {"event": "slot", "name": "requested_slot", "value": "severity"}
    answer = "hmm? dunno, sorta meh?"
    events = [{"event": "slot", "name": "requested_slot", "value": "frequency"}, said("twice a week"),
              asked, said(answer), asked, said(answer), asked, said(answer)]
    before = {**BASE, "location": ["temples"], "duration": 3.0, "history": "longstanding", "frequency": 8}
    tracker = Tracker("t", {**before, "requested_slot": "severity"}, events[-1]["parse_data"] | {"text": answer},
                      events, False, None, {"name": "headache_form"}, "action_listen")
    dispatcher = CollectingDispatcher()
    slots = slot_events(await ValidateHeadacheForm().run(dispatcher, tracker, {}))
    assert dispatcher.messages[0]["response"] == "utter_skip_question"
    assert slots["requested_slot"] != "severity"


async def test_a_question_answered_meanwhile_is_no_miss_of_the_interview_question():
    """Asking "why do you need that?" twice and then answering badly once is one miss, not
    three: the question is asked again, not skipped."""
    from rasa_sdk import Tracker
    from rasa_sdk.executor import CollectingDispatcher

    from actions.conversation import ANSWER_QUESTION_ACTION

    def said(text):
        return {"event": "user", "text": text,
                "parse_data": {"intent": {"name": "describe_headache"}, "entities": []}}

    asked = {"event": "slot", "name": "requested_slot", "value": "severity"}
    answered = {"event": "action", "name": ANSWER_QUESTION_ACTION}
    answer = "hmm dunno sorta meh"
    events = [{"event": "slot", "name": "requested_slot", "value": "frequency"}, said("twice a week"),
              asked, said("why do you need that?"), answered, asked, said("is this private?"), answered,
              asked, said(answer)]
    before = {**BASE, "location": ["temples"], "duration": 3.0, "history": "longstanding", "frequency": 8}
    tracker = Tracker("t", {**before, "requested_slot": "severity"}, events[-1]["parse_data"] | {"text": answer},
                      events, False, None, {"name": "headache_form"}, "action_listen")
    dispatcher = CollectingDispatcher()
    slots = slot_events(await ValidateHeadacheForm().run(dispatcher, tracker, {}))
    assert dispatcher.messages[0]["response"] == "utter_hint_severity"
    assert slots["severity"] is None and slots["requested_slot"] == "severity"
