"""Triage over a whole conversation: the clinic's rules, table-driven."""
from __future__ import annotations

import pytest

from bot import triage
from bot.assessment import Facts

BENIGN = Facts(regions=("temples",), duration_hours=3, history="longstanding", frequency_days=4,
               severity=5, triggers=("clenching",), age=35, medication_days=2,
               medication_kind="simple")


def facts(**changes) -> Facts:
    return Facts(**{**BENIGN.__dict__, **changes})


@pytest.mark.parametrize("label, mentions, known, answers, expected", [
    ("no warning sign -> self care", [], BENIGN, {}, "self_care"),
    ("thunderclap in the words -> emergency", [("worst_ever", "worst headache of my life")],
     BENIGN, {}, "emergency"),
    ("fever then stiff neck in two messages -> emergency",
     [("fever", "temperature"), ("stiff_neck", "stiff neck")], BENIGN, {}, "emergency"),
    ("weakness chosen on the emergency screen -> emergency", [], BENIGN, {"weakness_speech": "yes"},
     "emergency"),
    ("not sure counts as yes", [], BENIGN, {"immune": "unsure"}, "urgent"),
    ("a screen answered none never lowers it", [("worst_ever", "worst ever")], BENIGN,
     {}, "emergency"),
    ("jaw pain chosen on the urgent screen at 70 -> urgent", [], facts(age=70), {"gca": "yes"}, "urgent"),
    ("jaw pain chosen on the urgent screen at 30 -> not GCA", [], facts(age=30), {"gca": "yes"},
     "self_care"),
    ("jaw pain chosen, age not known yet -> the safer reading", [], facts(age=None), {"gca": "yes"},
     "urgent"),
    ("jaw pain on chewing over 50 -> urgent", [("jaw_claudication", "hurts to chew")],
     facts(age=70), {}, "urgent"),
    ("jaw pain on chewing at 30 -> not GCA", [("jaw_claudication", "hurts to chew")],
     facts(age=30), {}, "self_care"),
    ("new headache after 50 -> see doctor", [], facts(age=57, history="new"), {}, "see_doctor"),
    ("15 headache days a month -> see doctor", [], facts(frequency_days=15), {}, "see_doctor"),
    ("14 headache days a month -> self care", [], facts(frequency_days=14), {}, "self_care"),
    ("simple painkillers 15 days -> see doctor", [], facts(medication_days=15), {},
     "see_doctor"),
    ("combination painkillers 10 days -> see doctor", [],
     facts(medication_days=10, medication_kind="combination"), {}, "see_doctor"),
    ("triptan 9 days -> self care", [], facts(medication_days=9, medication_kind="triptan"), {},
     "self_care"),
    ("exertion as a trigger -> see doctor", [], facts(triggers=("exertion",)), {}, "see_doctor"),
])
def test_triage_level(label, mentions, known, answers, expected):
    assert triage.level_of(mentions, known, answers) == expected, label


def test_emergency_and_urgent_give_no_muscles_and_no_booking():
    result = triage.assess([("worst_ever", "worst headache of my life")], BENIGN, {})
    assert result.triage == "emergency"
    assert result.factors == () and result.suggested_service is None and not result.offer_booking
    assert result.red_flags[0].sources and result.red_flags[0].evidence


def test_self_care_names_muscles_service_and_rule_ids():
    result = triage.assess([], BENIGN, {})
    assert result.triage == "self_care" and result.offer_booking
    assert result.suggested_service in ("nmt", "smrt")
    muscles = {m for f in result.factors for m in f.muscles}
    assert {"temporalis", "masseter"} <= muscles
    assert set(result.rule_ids) >= {f.id for f in result.factors}


def test_see_doctor_still_offers_booking_as_a_complement():
    result = triage.assess([], facts(frequency_days=20), {})
    assert result.triage == "see_doctor" and result.offer_booking
    assert "chronic_daily" in result.rule_ids


def test_payload_matches_the_contract():
    payload = triage.assess([], BENIGN, {}).as_payload()
    assert payload["type"] == "headache_assessment"
    assert set(payload) >= {"triage", "red_flags", "factors", "suggested_service", "advice"}
    for factor in payload["factors"]:
        assert set(factor) >= {"id", "label", "muscles", "because", "sources"}
