"""Every answer button of the interview means what its title says.

The kiosk answers every question with a tap, so a button whose payload the
interview misreads would silently change the triage: each payload is parsed
by the same code as typed answers and must give the value its title promises.
"""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot import factors, interview, understanding

ROOT = Path(__file__).resolve().parents[2]
RESPONSES = yaml.safe_load((ROOT / "domain.yml").read_text())["responses"]


def buttons(slot, channel=None):
    found = []
    for variation in RESPONSES[f"utter_ask_{slot}"]:
        if variation.get("channel") == channel:
            found += [(b["title"], b["payload"]) for b in variation.get("buttons") or []]
    return found


EXPECTED = {
    "duration": {"Less than 4 hours": 4, "4 hours to a day": 24, "1 to 3 days": 48,
                 "More than 3 days": 72, "A week or more": 168},
    "history": {"This is the first one": "new", "Less than 3 months": "new",
                "3 months to a year": "longstanding", "For years": "longstanding"},
    # the upper end of a band: the safer reading at the 15-day line
    "frequency": {"Less than once a month": 1, "1 to 3 days a month": 3, "4 to 7 days a month": 7,
                  "8 to 14 days a month": 14, "15 or more days a month": 15},
    "severity": {str(n): n for n in range(11)},
    "triggers": {"Desk or screen work": ["desk_work", "posture", "screens"],
                 "Clenching my jaw": ["clenching"], "Stress": ["stress"],
                 "Poor sleep": ["poor_sleep"], "Carrying a heavy bag": ["heavy_bag"],
                 "Not sure": []},
    # 10 and 15 days are the medication-overuse lines (red_flags.yml fact_rules)
    "medication": {"None": {"days": 0, "kind": None},
                   "1 to 9 days a month": {"days": 9, "kind": None},
                   "10 to 14 days a month": {"days": 14, "kind": None},
                   "15 or more days a month": {"days": 15, "kind": None}},
}


@pytest.mark.parametrize("slot", list(EXPECTED))
def test_every_kiosk_answer_button_reads_as_its_title_says(slot):
    got = {title: understanding.parse_answer(slot, payload)
           for title, payload in buttons(slot, "kiosk")}
    assert got == EXPECTED[slot]


def test_every_fact_question_can_be_answered_on_the_kiosk_without_typing():
    for slot in interview.FACT_SLOTS:
        kiosk = [v for v in RESPONSES[f"utter_ask_{slot}"] if v.get("channel") == "kiosk"]
        assert kiosk, slot
        custom = kiosk[0].get("custom") or {}
        assert kiosk[0].get("buttons") or custom.get("type") in ("choose_regions", "number_pad"), slot


def test_typed_channels_keep_numeric_questions_free_of_numbered_buttons():
    # On SMS a button list becomes "Reply 1, 2, 3": a typed "3" for severity
    # would then be read as the third button.
    for slot in ("duration", "frequency", "severity", "age", "medication"):
        assert buttons(slot) == [], slot


@pytest.mark.parametrize("region", factors.region_choices(), ids=lambda r: r["id"])
def test_a_head_map_tap_sends_words_read_as_that_region(region):
    assert understanding.parse_answer("location", region["say"]) == [region["id"]]


def test_a_head_map_with_every_region_tapped_sends_all_of_them():
    choices = factors.region_choices()
    said = ", ".join(r["say"] for r in choices)
    assert sorted(understanding.parse_answer("location", said)) == sorted(r["id"] for r in choices)


def test_every_service_can_be_chosen_with_a_button_that_reads_as_it():
    from bot.knowledge import services
    from bot.understanding.booking import parse_service

    chosen = {title: parse_service(payload) for title, payload in buttons("service")}
    assert chosen == {"NMT": "nmt", "SMRT": "smrt"}
    assert set(chosen.values()) == set(services.ids())


def test_channel_variations_name_channels_that_exist():
    from channels import sms_text, web_session

    named = {v["channel"] for variations in RESPONSES.values() for v in variations
             if isinstance(v, dict) and v.get("channel")}
    assert named and named <= {web_session.KIOSK_CHANNEL, web_session.WEBCHAT_CHANNEL,
                               sms_text.CHANNEL}
