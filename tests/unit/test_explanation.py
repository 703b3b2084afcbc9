"""The assessment in words (bot/explanation.py): the short SMS form costs at
most 4 segments and says what to do now; a warning sign is quoted in a few words."""
from __future__ import annotations

import pytest

from bot import explanation, triage
from bot.assessment import Facts, RedFlag
from channels import sms_text

MANY_FACTS = Facts(regions=("temples", "forehead", "back_of_head", "neck_shoulders", "jaw_face"),
                   duration_hours=5, history="longstanding", frequency_days=4, severity=5,
                   triggers=("desk_work", "clenching", "stress", "poor_sleep", "heavy_bag"),
                   age=38, medication_days=2, medication_kind="simple")


@pytest.mark.parametrize("name, mentions, facts, answers, level", [
    ("emergency, chosen", [], Facts(), {"weakness_speech": "yes", "thunderclap": "yes",
                                        "meningism": "unsure"}, "emergency"),
    ("emergency, said", [("worst_ever", "honestly the worst headache of my whole entire life, "
                                        "it came on like being hit with a bat")],
     Facts(), {}, "emergency"),
    ("urgent", [], Facts(age=60), {"immune": "yes", "gca": "yes"}, "urgent"),
    ("see a doctor, many factors", [], MANY_FACTS, {"precipitated": "yes"}, "see_doctor"),
    ("self care, many factors", [], MANY_FACTS, {}, "self_care"),
])
def test_the_short_form_fits_4_segments_and_says_what_to_do_now(name, mentions, facts, answers,
                                                                level):
    assessment = triage.assess(mentions, facts, answers)
    assert assessment.triage == level
    summary = explanation.summary(assessment)
    assert sms_text.segment_count(summary) <= 4, (name, len(summary))
    assert sms_text.is_gsm(summary)
    lines = summary.split("\n")
    assert lines[-1] == "Reply MORE for details."
    if level == "emergency":
        assert "Call 999 now" in lines[1]
    if level in ("see_doctor", "self_care"):
        assert any(line.startswith("Likely contributing factors") for line in lines)
        assert any(line.startswith("Suggested") for line in lines)


def test_the_whole_self_check_costs_far_more_than_its_short_form():
    assessment = triage.assess([], MANY_FACTS, {})
    whole = sms_text.bodies(explanation.assessment_messages(assessment))
    assert sum(map(sms_text.segment_count, whole)) > 3 * sms_text.segment_count(
        explanation.summary(assessment))


def flag(kind: str, evidence: str) -> RedFlag:
    return RedFlag(id="neuro_deficit", level="emergency", evidence=evidence, sources=("NICE",),
                   label="new weakness, numbness, facial droop, speech, vision or balance problems",
                   evidence_kind=kind)


@pytest.mark.parametrize("kind, evidence, short, whole", [
    ("chose", "weakness, numbness, a drooping face or muddled speech",
     "weakness, numbness, a drooping face or muddled speech",
     'you chose: "weakness, numbness, a drooping face or muddled speech"'),
    ("unsure", "loss of sight, double sight or loss of balance",
     "loss of sight, double sight or loss of balance (you weren't sure)",
     'you weren\'t sure about: "loss of sight, double sight or loss of balance"'),
    ("said", "my arm went numb", 'you said "my arm went numb"',
     'new weakness, numbness, facial droop, speech, vision or balance problems '
     '(you said: "my arm went numb")'),
    ("said", "so my left arm and then my whole left leg went numb and heavy this morning",
     'you said "so my left arm and then my whole..."', None),
])
def test_a_warning_sign_is_quoted_in_a_few_words(kind, evidence, short, whole):
    assert explanation.few_words(flag(kind, evidence)) == short
    if whole:
        assert explanation.why(flag(kind, evidence)) == whole
    assert "answered yes to" not in explanation.why(flag(kind, evidence))
