"""SMS wording (channels/sms_text.py): segmentation, rendering, carrier keywords, numbered replies."""
from __future__ import annotations

import json

import pytest

from channels import sms_text
from channels.sms_text import expand_choice, keyword, outgoing, render, segments

YES_NO = [{"title": "Yes", "payload": "yes"}, {"title": "No", "payload": "no"},
          {"title": "Not sure", "payload": "not sure"}]
CONSENT = [{"title": "Yes, I agree", "payload": "yes"},
           {"title": "No, don't keep them", "payload": "no"}]
EMERGENCY_TEXT = ("This needs emergency help now. Please call the emergency number now (999 in "
                  "the UK, 911 in the US, 112 in Europe) or go to A&E.")
EMERGENCY_PAYLOAD = {"type": "headache_assessment", "triage": "emergency",
                     "red_flags": [{"id": "thunderclap", "level": "emergency",
                                    "evidence": "worst pain", "sources": ["SNNOOP10"]}],
                     "factors": [], "suggested_service": None, "advice": "Call 999."}


def words(n: int, word: str = "abcd") -> str:
    """n words of len(word) separated by single spaces."""
    return " ".join([word] * n)


# Segmentation

@pytest.mark.parametrize("text, expected_count", [
    ("", 0),
    ("   \n ", 0),
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
])
def test_segment_counts_at_the_boundaries(text, expected_count):
    assert len(segments(text)) == expected_count


def test_a_text_that_fits_is_sent_as_it_is():
    text = words(32)  # 32 * 5 - 1 = 159
    assert segments(text) == [text]
    assert segments(f"  {text}\n") == [text]


@pytest.mark.parametrize("text", [
    words(40), words(100, "headache"), words(33, "x") + " " + words(60, "word"),
    "line one\nline two " + words(60, "word"), words(30, "ā") + " " + words(20, "āb"),
    "Please don't wait: call 999 (UK), 911 (US) or 112 (EU) now. " * 5,
])
def test_parts_fit_and_never_cut_a_word(text):
    pieces = segments(text)
    assert len(pieces) > 1
    part = sms_text.GSM_PART if sms_text.is_gsm(text) else sms_text.UCS2_PART
    for piece in pieces:
        assert sms_text.length(piece) <= part
        assert piece == piece.strip()
    assert " ".join(pieces).split() == text.split()  # every word whole, in order


def test_parts_are_filled_greedily_up_to_153():
    text = words(31) + " " + words(31)   # 62 words of 4 = 309 characters
    pieces = segments(text)
    assert [len(p) for p in pieces] == [149, 149, 9]  # 30 words per part: 30*5-1 = 149


def test_ucs2_parts_are_at_most_67():
    pieces = segments(words(30, "āāā"))  # 119 UCS-2 units
    assert all(len(p) <= 67 for p in pieces) and len(pieces) == 2


def test_a_word_longer_than_a_part_is_cut():
    url = "https://example.org/" + "x" * 300
    pieces = segments(f"see {url} ok")
    assert all(sms_text.length(p) <= 153 for p in pieces)
    assert "".join(pieces).replace(" ", "") == f"see{url}ok"
    assert pieces[0] == "see"   # the long word starts its own part


def test_extension_characters_count_twice():
    assert sms_text.length("{}") == 4 and sms_text.length("ab") == 2
    assert all(sms_text.length(p) <= 153 for p in segments(words(60, "{a}")))


def test_emoji_count_as_two_ucs2_units():
    assert sms_text.length("🙂") == 2
    assert segments("🙂" * 35) == ["🙂" * 35]
    assert len(segments("🙂" * 36)) == 2


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
])
def test_custom_payloads_never_leak(payload):
    messages = [{"text": "Your reference is HB-7K2QX."}, {"custom": payload}]
    sent = outgoing(messages)
    joined = "\n".join(sent)
    assert "{" not in joined and "type" not in joined and "headache_assessment" not in joined
    assert json.dumps(payload) not in joined
    assert "Your reference is HB-7K2QX." in sent


def test_messages_without_text_or_buttons_are_dropped():
    assert render([{"text": ""}, {"image": None}, {"text": "Hi"}]) == ["Hi"]


def test_emergency_text_goes_first():
    messages = [{"text": "Sorry, I didn't quite catch that."},
                {"text": "Why: sudden severe headache (you said: \"worst pain\")."},
                {"text": EMERGENCY_TEXT},
                {"custom": EMERGENCY_PAYLOAD}]
    texts = render(messages)
    assert texts[0] == EMERGENCY_TEXT
    assert len(texts) == 3
    assert "999" in outgoing(messages)[0]


def test_emergency_without_a_number_in_the_text_gets_the_standard_text_first():
    messages = [{"text": "Something is wrong."}, {"custom": EMERGENCY_PAYLOAD}]
    assert render(messages) == [sms_text.EMERGENCY_TEXT, "Something is wrong."]


def test_a_long_emergency_text_still_shows_the_number_in_the_first_sms():
    late = words(40) + " call 999 now."
    sent = outgoing([{"text": late}, {"custom": EMERGENCY_PAYLOAD}])
    assert "999" in sent[0]


def test_without_an_emergency_the_order_is_kept():
    messages = [{"text": "First."}, {"text": "In an emergency call 999."},
                {"custom": {"type": "headache_assessment", "triage": "see_doctor"}}]
    assert render(messages) == ["First.", "In an emergency call 999."]


# Keywords

@pytest.mark.parametrize("text", [sms_text.HELP_TEXT, sms_text.START_TEXT, sms_text.EMERGENCY_TEXT])
def test_the_fixed_texts_fit_one_sms(text):
    assert segments(text) == [text]


def test_help_gives_the_emergency_numbers():
    assert sms_text.mentions_emergency_number(sms_text.HELP_TEXT)


@pytest.mark.parametrize("text, expected", [
    ("STOP", "stop"), ("stop", "stop"), (" Stop ", "stop"), ("STOPALL", "stop"),
    ("unsubscribe", "stop"), ("CANCEL", "stop"), ("end", "stop"), ("Quit", "stop"),
    ("stop.", "stop"),
    ("HELP", "help"), ("help", "help"), ("Info", "help"),
    ("START", "start"), ("start", "start"), ("UNSTOP", "start"),
    ("yes", None), ("YES", None), ("Yes please", None),
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
