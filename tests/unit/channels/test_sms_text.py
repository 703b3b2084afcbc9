"""SMS wording (channels/sms_text.py): one Twilio message per reply, GSM-7 only,
what a message costs, carrier keywords, numbered replies."""
from __future__ import annotations

import json
import re

import pytest

from channels import sms_text
from channels.sms_text import (bodies, expand_choice, keyword, outgoing, render, segment_count,
                               to_gsm)

YES_NO = [{"title": "Yes", "payload": "yes"}, {"title": "No", "payload": "no"},
          {"title": "Not sure", "payload": "not sure"}]
CONSENT = [{"title": "Yes, I agree", "payload": "yes"},
           {"title": "No, don't keep them", "payload": "no"}]
EMERGENCY_TEXT = ("Please don't wait: call 999 now, or go to A&E. If you're alone, tell "
                  "someone near you.")
EMERGENCY_PAYLOAD = {"type": "headache_assessment", "triage": "emergency",
                     "red_flags": [{"id": "thunderclap", "level": "emergency",
                                    "evidence": "worst pain", "sources": ["SNNOOP10"]}],
                     "factors": [], "suggested_service": None, "advice": "Call 999."}
SCREEN = ("First, a quick safety check. Do you have any of these now, with this headache?\n"
          + "\n".join(f"{n}. A sign described in about ninety characters of plain words, "
                      f"listed here as item {n}" for n in range(1, 8))
          + "\nReply 'none', or the numbers of any that apply (for example: 2, or 1 and 4).")


def words(n: int, word: str = "abcd") -> str:
    """n words of len(word) separated by single spaces."""
    return " ".join([word] * n)


# What a message costs

@pytest.mark.parametrize("text, expected", [
    ("", 0),
    ("a" * 160, 1),                      # GSM-7 single message limit
    ("a" * 161, 2),                      # one over: parts of 153
    ("a" * 306, 2),                      # 2 x 153
    ("a" * 307, 3),
    ("é" * 160, 1),                      # é is GSM-7
    ("ā" * 70, 1),                       # UCS-2 single message limit
    ("ā" * 71, 2),                       # parts of 67
    ("ā" * 134, 2),
    ("ā" * 135, 3),
    ("a" * 150 + " ā", 3),               # one non-GSM character makes it UCS-2
    ("€" * 80, 1),                       # extension characters count twice: 160 septets
    ("€" * 81, 2),
    ("🙂" * 35, 1),                      # emoji are two UCS-2 units
    ("🙂" * 36, 2),
])
def test_segment_counts_at_the_boundaries(text, expected):
    assert segment_count(text) == expected


def test_extension_characters_count_twice():
    assert sms_text.length("{}") == 4 and sms_text.length("ab") == 2


# GSM-7: one echoed character never doubles the cost

@pytest.mark.parametrize("written, sent", [
    ("O\u2019Neil", "O'Neil"),                       # a curly apostrophe in a name
    ("\u201cworst pain\u201d", '"worst pain"'),
    ("Zo\u00eb", "Zoe"), ("Bj\u00f6rk", "Bj\u00f6rk"),  # ö is GSM-7, ë is not
    ("\u0141\u00f3d\u017a", "Lodz"),
    ("since Monday \u2013 worse \u2014 now\u2026", "since Monday - worse - now..."),
    ("caf\u00e9 \u20ac5", "caf\u00e9 \u20ac5"),      # é and € are GSM-7: kept
    ("thanks \U0001F44D", "thanks "),
    ("a\u00a0b", "a b"),
])
def test_echoed_text_is_made_gsm_7(written, sent):
    assert to_gsm(written) == sent
    assert sms_text.is_gsm(to_gsm(written))


def test_a_curly_apostrophe_in_a_name_keeps_the_read_back_gsm_7():
    read_back = ("Please check: Neuromuscular Therapy (NMT) assessment, preferred time: "
                 "weekday mornings; name Zo\u00eb O\u2019Neil, contact +447700900123. "
                 "Is that correct?")
    [body] = outgoing([{"text": read_back, "buttons": CONSENT}])
    assert sms_text.is_gsm(body)
    assert segment_count(body) == 2          # UCS-2, it would have been 3
    assert "Zoe O'Neil" in body


# One Twilio message per reply

def test_a_reply_is_one_message_with_its_parts_on_their_own_lines():
    sent = outgoing([{"text": "Sorry, I didn't quite catch that."},
                     {"text": "Do you agree?", "buttons": CONSENT}])
    assert sent == ["Sorry, I didn't quite catch that.\n\nDo you agree?\n"
                    "Reply 1 for Yes, I agree; 2 for No, don't keep them"]


def test_a_long_question_is_still_one_message_and_its_choices_stay_whole():
    [body] = outgoing([{"text": "Welcome. " + words(40)}, {"text": SCREEN}])
    assert segment_count(body) > 4 and len(body) <= sms_text.MAX_BODY
    assert body.endswith("(for example: 2, or 1 and 4).")


def test_a_reply_over_1600_characters_is_cut_between_messages_never_inside_one():
    first, second = words(250), words(120, "wxyz")          # 1,249 and 599 characters
    assert bodies([first, second]) == [first, second]


@pytest.mark.parametrize("text", [
    ("A sentence of several plain words that ends here. " * 60).strip(),
    "\n".join(f"- a line with a factor and its muscles, number {n}" for n in range(60)),
    words(500),
])
def test_one_text_over_1600_characters_is_cut_at_lines_then_sentences(text):
    parts = bodies([text])
    assert len(parts) > 1 and all(len(p) <= sms_text.MAX_BODY for p in parts)
    assert " ".join(parts).split() == text.split()           # every word, in order
    if "." in text:
        assert all(p.endswith(".") for p in parts)          # no sentence cut
    if "\n" in text:
        assert all(p.split("\n")[-1].startswith("- a line") for p in parts)


def test_a_word_longer_than_a_message_is_cut():
    url = "https://example.org/" + "x" * 2000
    parts = bodies([f"see {url}"])
    assert all(len(p) <= sms_text.MAX_BODY for p in parts)
    assert "".join(parts).replace(" ", "").replace("\n", "") == f"see{url}"


# Rendering

def test_text_is_kept_and_buttons_are_numbered():
    assert render([{"recipient_id": "+1", "text": "Any fever?", "buttons": YES_NO}]) == [
        "Any fever?\nReply 1 for Yes, 2 for No, 3 for Not sure"]


def test_titles_with_commas_are_separated_by_semicolons():
    assert render([{"text": "Do you agree?", "buttons": CONSENT}]) == [
        "Do you agree?\nReply 1 for Yes, I agree; 2 for No, don't keep them"]


def test_buttons_without_text():
    assert render([{"buttons": YES_NO[:2]}]) == ["Reply 1 for Yes, 2 for No"]


@pytest.mark.parametrize("payload", [
    EMERGENCY_PAYLOAD,
    {"type": "booking_request", "reference": "HB-7K2QX", "service": "nmt",
     "preferred_time": "Thursday", "status": "requested"},
    {"type": "headache_assessment", "triage": "self_care", "red_flags": [], "factors": [],
     "suggested_service": "smrt", "advice": "Rest."},
    {"type": "assessment_details", "messages": ["The whole self-check."]},
])
def test_custom_payloads_never_leak(payload):
    messages = [{"text": "Your reference is HB-7K2QX."}, {"custom": payload}]
    joined = "\n".join(outgoing(messages))
    assert "{" not in joined and "type" not in joined and "headache_assessment" not in joined
    assert json.dumps(payload) not in joined and "whole self-check" not in joined
    assert "Your reference is HB-7K2QX." in joined


def test_messages_without_text_or_buttons_are_dropped():
    assert render([{"text": ""}, {"image": None}, {"text": "Hi"}]) == ["Hi"]


def test_emergency_text_goes_first():
    messages = [{"text": "Sorry, I didn't quite catch that."},
                {"text": "Why: sudden severe headache (you said: \"worst pain\")."},
                {"text": EMERGENCY_TEXT},
                {"custom": EMERGENCY_PAYLOAD}]
    texts = render(messages)
    assert texts[0] == EMERGENCY_TEXT and len(texts) == 3
    [body] = outgoing(messages)
    assert body.startswith(EMERGENCY_TEXT)


def test_emergency_without_a_number_in_the_text_gets_the_channels_emergency_text_first():
    messages = [{"text": "Something is wrong."}, {"custom": EMERGENCY_PAYLOAD}]
    assert render(messages) == [sms_text.emergency_text(), "Something is wrong."]
    assert "999" in sms_text.emergency_text() and "A&E" in sms_text.emergency_text()


def test_without_an_emergency_the_order_is_kept():
    messages = [{"text": "First."}, {"text": "In an emergency call 999."},
                {"custom": {"type": "headache_assessment", "triage": "see_doctor"}}]
    assert render(messages) == ["First.", "In an emergency call 999."]


def test_the_whole_self_check_is_found_for_more():
    assert sms_text.details([{"text": "short"}]) is None
    assert sms_text.details([{"custom": {"type": "assessment_details", "messages": ["a", "b"]}},
                             {"custom": {"type": "assessment_details", "messages": ["c"]}}]) == ["c"]


# The channel's own texts

@pytest.mark.parametrize("locale", ["en-GB", "en-US"])
@pytest.mark.parametrize("contact", ["", "0300 123 4567"])
def test_the_fixed_texts_fit_one_sms_in_gsm_7(monkeypatch, locale, contact):
    monkeypatch.setenv("HEADACHE_LOCALE", locale)
    monkeypatch.setenv("HEADACHE_CLINIC_NAME", "Riverside Physio Clinic")
    monkeypatch.setenv("HEADACHE_CLINIC_CONTACT", contact)
    texts = [sms_text.help_text(), sms_text.start_text(), sms_text.emergency_text(),
             *(sms_text.text(t) for t in ("picture", "picture_noted", "blank", "details_heading",
                                          "new_session"))]
    for text in texts:
        assert segment_count(text) == 1 and sms_text.is_gsm(text), text


def test_help_names_the_clinic_a_contact_and_the_emergency_number(monkeypatch):
    monkeypatch.setenv("HEADACHE_CLINIC_NAME", "Riverside Physio Clinic")
    monkeypatch.setenv("HEADACHE_CLINIC_CONTACT", "0300 123 4567")
    help_text = sms_text.help_text()
    assert "Riverside Physio Clinic" in help_text and "0300 123 4567" in help_text
    assert "STOP" in help_text and sms_text.mentions_emergency_number(help_text)


def test_the_us_texts_never_name_uk_services(monkeypatch):
    monkeypatch.setenv("HEADACHE_LOCALE", "en-US")
    texts = " ".join([sms_text.help_text(), sms_text.emergency_text(), sms_text.start_text()])
    assert "911" in texts
    assert not re.search(r"\b999\b|A&E|\b111\b|\bGP\b", texts)


# Keywords

@pytest.mark.parametrize("text, expected", [
    ("STOP", "stop"), ("stop", "stop"), (" Stop ", "stop"), ("STOPALL", "stop"),
    ("unsubscribe", "stop"), ("CANCEL", "stop"), ("end", "stop"), ("Quit", "stop"),
    ("stop.", "stop"),
    ("HELP", "help"), ("help", "help"), ("Info", "help"),
    ("START", "start"), ("start", "start"), ("UNSTOP", "start"),
    ("MORE", "more"), ("more", "more"), ("More details", "more"), ("details!", "more"),
    ("yes", None), ("YES", None), ("Yes please", None), ("more or less", None),
    ("stop texting me please", None), ("please stop", None), ("I need help", None),
    ("start over", None), ("", None), ("   ", None), ("1", None),
])
def test_keywords_are_whole_messages(text, expected):
    assert keyword(text) == expected


# Numbered replies

@pytest.mark.parametrize("text, expected", [
    ("1", "yes"), ("2", "no"), ("3", "not sure"), (" 2 ", "no"), ("2.", "no"),
    ("4", "4"), ("0", "0"), ("12", "12"), ("yes", "yes"), ("1 or 2", "1 or 2"),
])
def test_numbered_replies_expand_to_the_button_payload(text, expected):
    assert expand_choice(text, YES_NO) == expected


def test_numbers_stay_numbers_without_buttons():
    # "How bad is it, 0 to 10?" has no buttons: "3" is an answer, not a choice.
    assert expand_choice("3", []) == "3"
    assert expand_choice("3", None) == "3"
