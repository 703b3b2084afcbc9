"""The clinic's locale as one setting (bot/clinic.py, data/locale.yml): every
text takes its country's services from it, the UK by default, the US tested."""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
import yaml

from bot import clinic, explanation, factors, triage
from bot.assessment import Facts
from bot.levels import LEVELS
from bot.understanding import normalise_phone, parse_history

ROOT = Path(__file__).resolve().parents[2]
UK_ONLY = re.compile(r"(?<!\d)(?:999|111|112)(?!\d)|A&E|\bGP\b|\+44")
US_ONLY = re.compile(r"(?<!\d)911(?!\d)|emergency room|urgent care center|\+1 ")


@pytest.fixture
def us(monkeypatch):
    monkeypatch.setenv(clinic.LOCALE_SETTING, "en-US")


def test_the_uk_is_the_default(monkeypatch):
    monkeypatch.delenv(clinic.LOCALE_SETTING, raising=False)
    here = clinic.current()
    assert (here.id, here.country, here.phone_region) == ("en-GB", "GB", "GB")
    assert clinic.emergency_number() == "999" and here.day_first


def test_an_unknown_locale_is_refused_by_name(monkeypatch):
    monkeypatch.setenv(clinic.LOCALE_SETTING, "xx-XX")
    with pytest.raises(clinic.LocaleError, match="en-GB"):
        clinic.current()


@pytest.mark.parametrize("level", LEVELS)
def test_the_advice_names_only_the_clinics_countrys_services(us, level):
    advice = factors.advice(level)
    assert "{" not in advice and not UK_ONLY.search(advice), advice


def test_us_advice_and_uk_advice(monkeypatch):
    assert "call 999 now or go to A&E" in factors.advice("emergency")
    assert "call 111" in factors.advice("urgent") and "(GP)" in factors.advice("see_doctor")
    monkeypatch.setenv(clinic.LOCALE_SETTING, "en-US")
    assert "call 911 now or go to the nearest emergency room" in factors.advice("emergency")
    assert "urgent care" in factors.advice("urgent")


def test_every_domain_response_placeholder_is_a_word_of_every_locale():
    domain = yaml.safe_load((ROOT / "domain.yml").read_text())
    slots = set(domain["slots"]) | {"reference"}
    for name, variations in domain["responses"].items():
        for variation in variations:
            used = clinic.placeholders(variation.get("text") or "") - slots
            for locale in clinic.locale_file().locales.values():
                assert used <= set(locale.words), (name, used)


def test_no_domain_response_names_a_countrys_services():
    text = (ROOT / "domain.yml").read_text()
    assert not UK_ONLY.search(text) and not US_ONLY.search(text)


def test_phone_numbers_without_a_country_code_are_the_clinics_country(us):
    assert normalise_phone("(201) 555-0123") == "+12015550123"
    assert normalise_phone("07700 900123") is None
    assert normalise_phone("+44 7700 900123") == "+447700900123"


def test_uk_numbers_by_default():
    assert normalise_phone("07700 900123") == "+447700900123"


@pytest.mark.parametrize("locale, answer, expected", [
    ("en-GB", "since 1/2", "new"),            # 1 February: 78 days before 20 April
    ("en-US", "since 1/2", "longstanding"),   # January 2nd: 108 days
    ("en-GB", "started 15/01", "longstanding"),
    ("en-US", "started 01/15", "longstanding"),
    ("en-GB", "since 1/3/2025", "new"),
    ("en-GB", "since 12/12/2024", "longstanding"),
])
def test_dates_in_numbers_are_read_in_the_clinics_order(monkeypatch, locale, answer, expected):
    monkeypatch.setenv(clinic.LOCALE_SETTING, locale)
    assert parse_history(answer, now=dt.datetime(2025, 4, 20)) == expected


@pytest.mark.parametrize("locale", ["en-GB", "en-US"])
@pytest.mark.parametrize("level_answers", [
    {"weakness_speech": "yes"}, {"immune": "yes"}, {"precipitated": "yes"}, {}])
def test_the_short_assessment_is_worded_for_the_locale(monkeypatch, locale, level_answers):
    monkeypatch.setenv(clinic.LOCALE_SETTING, locale)
    summary = explanation.summary(triage.assess([], Facts(regions=("temples",)), level_answers))
    other = UK_ONLY if locale == "en-US" else US_ONLY
    assert not other.search(summary) and "{" not in summary, summary


# The file itself

def test_the_locale_file_is_valid():
    found = clinic.load()
    assert {"en-GB", "en-US"} <= set(found.locales)


def edited(tmp_path: Path, change) -> Path:
    content = yaml.safe_load(clinic.LOCALE_FILE.read_text())
    change(content)
    path = tmp_path / "locale.yml"
    path.write_text(yaml.safe_dump(content))
    return path


@pytest.mark.parametrize("change, message", [
    (lambda c: c["locales"]["en-US"]["words"].pop("doctor"), "words must be exactly"),
    (lambda c: c["locales"]["en-US"].update(phone_region="XX"), "phone_region"),
    (lambda c: c["locales"]["en-US"].update(date_format="%Y"), "date_format"),
    (lambda c: c.update(default="fr-FR"), "'default'"),
    (lambda c: c["texts"]["en"]["twilio_sms"].update(help="Call {emergency_numbr}"),
     "unknown placeholders"),
    (lambda c: c["locales"]["en-US"].update(channel_languages={"twilio_sms": "es"}),
     "no texts in language 'es'"),
])
def test_a_malformed_locale_file_is_refused(tmp_path, change, message):
    with pytest.raises(clinic.LocaleError, match=message):
        clinic.load(edited(tmp_path, change))


def test_another_language_can_answer_one_channel(tmp_path, monkeypatch):
    """Spanish for SMS only: a `texts.es` section and `channel_languages`, no code."""
    def spanish(content):
        english = content["texts"]["en"]
        content["texts"]["es"] = {channel: {key: f"[es] {value}" for key, value in texts.items()}
                                  for channel, texts in english.items()}
        content["locales"]["en-US"]["channel_languages"] = {"twilio_sms": "es"}

    monkeypatch.setattr(clinic, "locale_file", lambda: clinic.load(edited(tmp_path, spanish)))
    monkeypatch.setenv(clinic.LOCALE_SETTING, "en-US")
    assert clinic.text("emergency", "twilio_sms").startswith("[es] ")
    assert clinic.text("summary_more", "twilio_sms").startswith("[es] ")
    assert not clinic.text("summary_more", "webchat").startswith("[es]")


def test_a_language_must_define_every_text(tmp_path):
    def half(content):
        content["texts"]["es"] = {"default": {"now_emergency": "Llame al {emergency_number}."}}

    with pytest.raises(clinic.LocaleError, match="same text ids"):
        clinic.load(edited(tmp_path, half))
