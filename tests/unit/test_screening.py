"""Reading the one reply to a grouped warning-sign question (CONTRACT.md: "none of
these", the numbers of the options, or words naming the signs; a bare "yes" leads to
a follow-up asking which)."""
from __future__ import annotations

import pytest

from bot import red_flags, screening
from bot.screening import AFFIRM, CHECK, CHOSEN, NONE, UNKNOWN, UNSURE

EMERGENCY = list(red_flags.screen("emergency").items)
ORDER = [item.id for item in EMERGENCY]   # as numbered when asked
QUESTION = red_flags.screen("emergency").intro


def chosen(*numbers: int) -> dict:
    return {ORDER[n - 1]: "yes" for n in numbers}


@pytest.mark.parametrize("reply, kind, answers", [
    ("none", NONE, {}),
    ("None of these", NONE, {}),
    ("no", NONE, {}),
    ("nope, none of them", NONE, {}),
    ("no to all", NONE, {}),
    ("0", NONE, {}),
    ("nada", NONE, {}),
    ("ninguno", NONE, {}),
    ("👎", NONE, {}),
    ("2", CHOSEN, chosen(2)),
    ("1 and 4", CHOSEN, chosen(1, 4)),
    ("1, 3", CHOSEN, chosen(1, 3)),
    ("number 5", CHOSEN, chosen(5)),
    ("the 3rd one", CHOSEN, chosen(3)),
    ("dos y tres", CHOSEN, chosen(2, 3)),
    ("yes 6", CHOSEN, chosen(6)),
    ("all of them", CHOSEN, chosen(1, 2, 3, 4, 5, 6, 7)),
    ("yes, the rash one", CHOSEN, {"meningism": "yes"}),
    ("the eye thing", CHOSEN, {"red_eye": "yes"}),
    ("not sure, maybe the balance one", CHOSEN, {"sight_balance": "unsure"}),
    # an item's words, not pointed at, in a reply the detector found no sign in:
    # shown again to choose, never a guessed sign
    ("I have a headache", CHECK, {}),
    ("just a really bad headache tbh", UNKNOWN, {}),  # the question's own word: the hint
    ("my neck is stiff and my shoulders ache", CHECK, {}),
    ("my eyes are tired from the screen", CHECK, {}),
    ("yes I have a headache", CHECK, {}),          # "headache" is the question's own word
    ("yes, a fit", CHOSEN, {"consciousness": "yes"}),   # a yes, then an item's words
    ("yes my neck is stiff", CHOSEN, {"meningism": "yes"}),
    ("I have pain across my shoulders", CHECK, {}),
    ("i do", AFFIRM, {}),
    ("of course", AFFIRM, {}),
    ("yes", AFFIRM, {}),
    ("yeah one of those", AFFIRM, {}),
    ("not sure", UNSURE, {}),
    ("maybe", UNSURE, {}),
    ("9", UNKNOWN, {}),
    ("banana", UNKNOWN, {}),
])
def test_replies_to_the_emergency_screen(reply, kind, answers):
    read = screening.read_reply(EMERGENCY, reply, question=QUESTION)
    assert (read.kind, dict(read.answers)) == (kind, answers)


def test_words_naming_a_sign_choose_the_item_that_covers_it():
    text = "yes my left arm has gone weak"
    read = screening.read_reply(EMERGENCY, text, red_flags.concepts_in(text))
    assert read.kind == CHOSEN and read.answers == {"weakness_speech": "yes"}


def test_unsure_about_a_named_sign_is_the_safer_answer_for_it():
    read = screening.read_reply(EMERGENCY, "not sure, maybe a bit confused", {"confusion"})
    assert read.answers == {"consciousness": "unsure"}


def test_a_sign_of_another_list_is_not_read_as_an_item_of_this_one():
    # "no, but I'm pregnant" to the emergency screen: none of these (pregnancy counts elsewhere)
    read = screening.read_reply(EMERGENCY, "no, but I'm pregnant", {"pregnancy"})
    assert read.kind == NONE and read.other_concepts
    # "yes, I have a fever": not the fever-WITH-stiff-neck item; asked which
    read = screening.read_reply(EMERGENCY, "yes I have a fever", {"fever"})
    assert read.kind == AFFIRM and read.other_concepts


def test_numbers_follow_the_items_as_they_were_shown():
    shown = red_flags.screens_to_ask(red_flags.Facts(age=70), set())[1].items   # urgent, no pregnancy item
    read = screening.read_reply(list(shown), "1")
    assert read.answers == {shown[0].id: "yes"} and shown[0].id != "pregnancy"


@pytest.mark.parametrize("text, slots, added", [
    ("and my neck too", {"location": ["temples"]}, {"location": ["temples", "neck_shoulders"]}),
    ("oh and stress", {"triggers": ["desk_work"]}, {"triggers": ["desk_work", "stress"]}),
    ("temples", {"location": ["temples"]}, {}),             # nothing new
    ("and my neck too", {"location": None}, {}),           # not answered yet: the answer itself
    ("since yesterday", {"location": ["temples"]}, {}),
])
def test_a_message_can_add_to_an_answer_already_given(text, slots, added):
    from bot import interview

    assert interview.added_facts(text, slots) == added
