"""The conversation rebuilt from Rasa's events: what a reloaded widget shows,
and which choices a bare "2" by SMS refers to."""
from __future__ import annotations

import pytest

from channels import transcript


def bot(text, buttons=None, custom=None):
    return {"event": "bot", "text": text, "data": {"buttons": buttons, "custom": custom}}


def test_the_transcript_shows_what_was_said_with_the_last_choices_and_cards():
    card = {"type": "headache_assessment", "triage": "self_care"}
    events = [
        {"event": "action", "name": "action_session_start"},
        {"event": "session_started"},
        bot("Hello"),
        {"event": "user", "text": "my temples ache", "parse_data": {}},
        {"event": "slot", "name": "location", "value": ["temples"]},
        bot("Do you agree?", buttons=[{"title": "Yes, I agree", "payload": "yes"}]),
        {"event": "user", "text": "yes"},
        bot(None, custom=card),
        bot(None),                                 # nothing to show
        {"event": "user", "text": None},           # e.g. an external event
    ]
    assert transcript.messages(events) == [
        {"from": "bot", "text": "Hello", "buttons": [], "custom": None},
        {"from": "user", "text": "my temples ache", "buttons": [], "custom": None},
        {"from": "bot", "text": "Do you agree?",
         "buttons": [{"title": "Yes, I agree", "payload": "yes"}], "custom": None},
        {"from": "user", "text": "yes", "buttons": [], "custom": None},
        {"from": "bot", "text": "", "buttons": [], "custom": card},
    ]


def test_an_expired_rasa_session_is_not_shown_again():
    events = [{"event": "session_started"}, {"event": "user", "text": "old"},
              {"event": "session_started"}, {"event": "user", "text": "new"}]
    assert [m["text"] for m in transcript.messages(events)] == ["new"]


def user(text):
    return {"event": "user", "text": text}


YES_NO = [{"title": "Yes", "payload": "yes"}, {"title": "No", "payload": "no"}]


@pytest.mark.parametrize("events, expected", [
    ([bot("Do you agree?", buttons=YES_NO)], YES_NO),
    ([bot("Do you agree?", buttons=YES_NO), user("yes")], []),
    ([bot("Do you agree?", buttons=YES_NO), bot(None, custom={"type": "choose_regions"})], YES_NO),
    ([bot("Pick one", buttons=YES_NO), bot("Where does it hurt?")], []),
    ([user("hi"), bot("Intro"), bot("Pick one", buttons=YES_NO)], YES_NO),
    ([], []),
], ids=["asked", "answered", "payload after", "text after", "after intro", "nothing"])
def test_the_choices_pending_are_those_of_the_last_message_read(events, expected):
    assert transcript.pending_buttons(events) == expected


def test_a_channel_with_cards_shows_the_result_once_as_the_card():
    """Issue 10 point 5: the assessment's text is for SMS and REST; the widget and the
    kiosk show the card alone (its text is read aloud from the card)."""
    card = {"type": "headache_assessment", "triage": "self_care"}
    events = [bot("This looks like a tension-type pattern..."),
              {**bot("Because you said ..."), "metadata": {"card_text": "headache_assessment"}},
              bot(None, custom=card)]
    assert [m["custom"] or m["text"] for m in transcript.messages(events, cards=True)] == [
        "This looks like a tension-type pattern...", card]
    assert len(transcript.messages(events)) == 3   # without cards: every text
