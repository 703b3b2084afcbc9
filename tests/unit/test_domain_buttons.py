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


def buttons(slot, channel=None, someone_else=False):
    """(title, payload) of every answer a question offers: its buttons, or the options of
    its checklist (choose_many) and the checklist's "none" answer."""
    found = []
    for variation in RESPONSES[f"utter_ask_{slot}"]:
        if variation.get("channel") == channel and bool(variation.get("condition")) == someone_else:
            found += [(b["title"], b["payload"]) for b in variation.get("buttons") or []]
            custom = variation.get("custom") or {}
            found += [(o["title"], o["payload"]) for o in custom.get("options") or []]
            if custom.get("none_payload"):
                found.append((custom["none"], custom["none_payload"]))
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
                 "Clenching the jaw": ["clenching"], "Stress": ["stress"],
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
        assert len(kiosk) == 2, slot    # about the person, and about someone they answer for
        for variation in kiosk:
            custom = variation.get("custom") or {}
            assert variation.get("buttons") or custom.get("type") in (
                "choose_regions", "number_pad", "choose_many"), slot


@pytest.mark.parametrize("slot", interview.FACT_SLOTS)
@pytest.mark.parametrize("channel", [None, "kiosk"])
def test_questions_about_someone_else_offer_the_same_answers_and_name_them(slot, channel):
    about = [v for v in RESPONSES[f"utter_ask_{slot}"]
             if v.get("channel") == channel and v.get("condition")]
    assert len(about) == 1 and about[0]["condition"] == [
        {"type": "slot", "name": "someone_else", "value": True}]
    assert "{who}" in about[0]["text"] and " you" not in about[0]["text"].replace("you're answering", "")
    assert buttons(slot, channel, someone_else=True) == buttons(slot, channel)
    assert (about[0].get("custom") or {}).get("type") == next(
        (v.get("custom") or {}).get("type") for v in RESPONSES[f"utter_ask_{slot}"]
        if v.get("channel") == channel and not v.get("condition"))


@pytest.mark.parametrize("response", ["utter_ask_consent", "utter_skip_consent", "utter_why_consent"])
def test_consent_about_someone_else_names_them(response):
    """Consent is asked with the booking, once the interview knows whom it is about."""
    [about] = [v for v in RESPONSES[response] if v.get("condition")]
    assert about["condition"] == [{"type": "slot", "name": "someone_else", "value": True}]
    assert "{who}" in about["text"]
    if response == "utter_ask_consent":
        assert buttons("consent", None, someone_else=True) == buttons("consent", None)


def test_several_triggers_can_be_ticked_on_the_kiosk():
    """The checklist sends the payloads of the ticked options joined by "; "."""
    kiosk = dict(buttons("triggers", "kiosk"))
    ticked = "; ".join([kiosk["Desk or screen work"], kiosk["Clenching the jaw"], kiosk["Stress"]])
    assert set(understanding.parse_answer("triggers", ticked)) == {
        "desk_work", "posture", "screens", "clenching", "stress"}


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


@pytest.mark.parametrize("slot", interview.FACT_SLOTS + ("consent",))
def test_an_answer_not_understood_gets_a_hint_with_an_example(slot):
    """Issue 10 point 6: never a bare "Sorry, I didn't quite catch that". (The booking form,
    which asks consent, answers a miss with utter_invalid_<slot>, actions/booking.py.)"""
    kind = "invalid" if slot in interview.BOOKING_SLOTS else "hint"
    [hint] = RESPONSES[f"utter_{kind}_{slot}"]
    assert "for example" in hint["text"].lower() or "\"" in hint["text"]
    assert "utter_not_understood" not in RESPONSES


def test_every_booking_question_has_its_answer_not_understood():
    """A response Rasa does not know is dropped without a word: each must exist."""
    assert [slot for slot in interview.BOOKING_SLOTS if f"utter_invalid_{slot}" not in RESPONSES] == []


def test_the_kiosk_s_emergency_words_are_for_a_waiting_room():
    """Issue 10 point 10: a tablet has no phone; the staff are a few steps away."""
    kiosk = [v for v in RESPONSES["utter_emergency_reminder"] if v.get("channel") == "kiosk"]
    assert kiosk and "reception" in kiosk[0]["text"] and "999" not in kiosk[0]["text"]
