""""Because you said ..." quotes only what the person said or chose, in their own
words or the label of the button they tapped (issue 10, point 7)."""
from __future__ import annotations

from bot import explanation, triage
from bot.assessment import Facts
from bot.evidence import Turn, quotes

KIOSK_TRIGGERS = (("Desk or screen work", "desk work, looking down at a screen"),
                  ("Stress", "stress"))
DESK = Facts(regions=("temples",), triggers=("desk_work", "posture", "screens"), age=35)


def test_one_tap_on_desk_work_is_quoted_as_the_button_not_as_a_paraphrase():
    said = quotes([Turn("my temples ache"),
                   Turn("desk work, looking down at a screen", KIOSK_TRIGGERS)])
    result = triage.assess([], DESK, {}, said)
    text = " ".join([result.service_reason] + [f.explanation for f in result.factors])
    assert 'chose "Desk or screen work"' in text and 'said "my temples ache"' in text
    assert "hunched" not in text and "a lot of time looking at screens" not in text


def test_ticked_options_are_each_quoted_by_their_label():
    said = quotes([Turn("desk work, looking down at a screen; stress", KIOSK_TRIGGERS)])
    assert said["trigger: desk_work"].words == "Desk or screen work"
    assert said["trigger: stress"].words == "Stress"


def test_typed_words_are_quoted_as_typed():
    said = quotes([Turn("long days at my desk, and stress")])
    assert said["trigger: stress"].words == "stress"
    assert said["trigger: desk_work"].words == "long days at my desk"


def test_a_rule_on_the_answers_is_worded_from_the_answers_not_internal_text():
    result = triage.assess([], Facts(regions=("temples",), history="new", age=71), {}, {})
    [flag] = [f for f in result.red_flags if f.evidence_kind == "facts"]
    assert flag.evidence == "you are 71 and this headache is new"
    text = " ".join(explanation.assessment_messages(result))
    assert "headache history" not in text and "you said you are 71" in text
