"""The clinic the assistant answers for: its locale, its name and how to reach it.

One setting chooses the locale, HEADACHE_LOCALE (default: data/locale.yml's
`default`, en-GB): the country's emergency number and emergency department,
how to get medical help today (111 in the UK, urgent care in the US), what a
doctor is called, an example phone number, the date format and the country
of a phone number written without one. Every text with such words takes
them from here, so that no text names another country's services:

- the domain's responses (domain.yml `{emergency_number}`, ...), filled by
  channels/responses.py on the Rasa server;
- the advice per triage level (data/knowledge/services.yml), through
  bot.factors;
- the channels' own texts (`text(text_id, channel)`: data/locale.yml `texts`),
  worded per language, with per-channel replacements (a channel may be
  answered in another language: `channel_languages`);
- phone numbers (`phone_region`), dates written in numbers (`day_first`) and
  the widget's and kiosk's emergency number (channels/webchat.py).

HEADACHE_CLINIC_NAME and HEADACHE_CLINIC_CONTACT say who the clinic is and
how to reach it (the SMS HELP answer).
"""
from __future__ import annotations

import functools
import os
import string
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional

import yaml

LOCALE_FILE = Path(__file__).resolve().parent.parent / "data" / "locale.yml"
LOCALE_SETTING = "HEADACHE_LOCALE"
NAME_SETTING = "HEADACHE_CLINIC_NAME"
CONTACT_SETTING = "HEADACHE_CLINIC_CONTACT"
DEFAULT_NAME = "The clinic"
DEFAULT_CHANNEL = "default"
# Placeholders a text may use besides the locale's words.
CLINIC_WORDS = ("clinic_name", "clinic_contact")
# Filled by the code that uses the text (bot.explanation's short assessment).
TEXT_ARGUMENTS = frozenset({"signs", "factors", "service"})
_LOCALE_KEYS = {"language", "country", "phone_region", "date_format", "words", "channel_languages"}


class LocaleError(ValueError):
    """data/locale.yml is malformed, or HEADACHE_LOCALE names no locale in it."""


@dataclass(frozen=True)
class Locale:
    id: str                                  # "en-GB"
    language: str                            # which `texts` it is worded in
    country: str                             # "GB"
    phone_region: str                        # region of numbers written without "+"
    date_format: str                         # "%d/%m/%Y"
    words: Mapping[str, str]                 # {placeholder: words}
    channel_languages: Mapping[str, str]     # channel -> language, where not `language`

    def language_for(self, channel: Optional[str]) -> str:
        return self.channel_languages.get(channel or "", self.language)

    @property
    def day_first(self) -> bool:
        """True when 3/4 is the 3rd of April (the day comes before the month)."""
        return self.date_format.index("%d") < self.date_format.index("%m")


@dataclass(frozen=True)
class LocaleFile:
    default: str
    locales: Mapping[str, Locale]
    texts: Mapping[str, Mapping[str, Mapping[str, str]]]   # language -> channel -> id -> text


def placeholders(template: str) -> set[str]:
    """The {names} a text uses."""
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def load(path: Path = LOCALE_FILE) -> LocaleFile:
    """Read and validate data/locale.yml (uncached); raise LocaleError on the first problem."""
    content = yaml.safe_load(path.read_text(encoding="utf-8"))
    where = path.name
    if not isinstance(content, dict) or "version" not in content:
        raise LocaleError(f"{where}: expected a mapping with a 'version' key")
    entries = content.get("locales")
    if not isinstance(entries, dict) or not entries:
        raise LocaleError(f"{where}: 'locales' must be a non-empty mapping")
    texts = content.get("texts")
    if not isinstance(texts, dict) or not texts:
        raise LocaleError(f"{where}: 'texts' must be a non-empty mapping of languages")
    locales = {locale_id: _locale(where, locale_id, entry) for locale_id, entry in entries.items()}
    default = content.get("default")
    if default not in locales:
        raise LocaleError(f"{where}: 'default' must be one of {sorted(locales)}")
    word_keys = set(locales[default].words)
    for locale in locales.values():
        if set(locale.words) != word_keys:
            raise LocaleError(f"{where}: {locale.id}: words must be exactly {sorted(word_keys)}")
        for language in (locale.language, *locale.channel_languages.values()):
            if language not in texts:
                raise LocaleError(f"{where}: {locale.id}: no texts in language {language!r}")
    known = word_keys | set(CLINIC_WORDS) | TEXT_ARGUMENTS
    reference: Optional[set[str]] = None
    checked: dict[str, dict[str, dict[str, str]]] = {}
    for language, sections in texts.items():
        if not isinstance(sections, dict) or DEFAULT_CHANNEL not in sections:
            raise LocaleError(f"{where}: texts.{language} needs a '{DEFAULT_CHANNEL}' section")
        checked[language] = {}
        for channel, section in sections.items():
            if not isinstance(section, dict):
                raise LocaleError(f"{where}: texts.{language}.{channel} must map text ids to texts")
            for text_id, text in section.items():
                if not isinstance(text, str) or not text.strip():
                    raise LocaleError(f"{where}: texts.{language}.{channel}.{text_id} is empty")
                unknown = placeholders(text) - known
                if unknown:
                    raise LocaleError(f"{where}: texts.{language}.{channel}.{text_id}: "
                                      f"unknown placeholders {sorted(unknown)}")
            checked[language][channel] = {k: " ".join(v.split()) for k, v in section.items()}
        ids = {(channel, text_id) for channel, section in sections.items() for text_id in section}
        if reference is None:
            reference = ids
        elif ids != reference:
            raise LocaleError(f"{where}: texts.{language} must define the same text ids, per "
                              f"channel, as the first language")
    return LocaleFile(default, locales, checked)


def _locale(where: str, locale_id: str, entry: Any) -> Locale:
    owner = f"{where}: {locale_id}"
    if not isinstance(entry, dict):
        raise LocaleError(f"{owner}: must be a mapping")
    unknown = set(entry) - _LOCALE_KEYS
    if unknown:
        raise LocaleError(f"{owner}: unknown keys {sorted(unknown)}")
    for key in ("language", "country", "phone_region", "date_format"):
        if not isinstance(entry.get(key), str) or not entry[key].strip():
            raise LocaleError(f"{owner}: missing '{key}'")
    fmt = entry["date_format"]
    if "%d" not in fmt or "%m" not in fmt:
        raise LocaleError(f"{owner}: date_format needs %d and %m")
    import phonenumbers

    if entry["phone_region"] not in phonenumbers.SUPPORTED_REGIONS:
        raise LocaleError(f"{owner}: phone_region {entry['phone_region']!r} is not a region")
    words = entry.get("words")
    if not isinstance(words, dict) or not words or not all(
            isinstance(v, str) and v.strip() for v in words.values()):
        raise LocaleError(f"{owner}: 'words' must map placeholders to words")
    channels = entry.get("channel_languages") or {}
    if not isinstance(channels, dict):
        raise LocaleError(f"{owner}: channel_languages must map channels to languages")
    return Locale(locale_id, entry["language"], entry["country"], entry["phone_region"], fmt,
                  {k: str(v).strip() for k, v in words.items()}, dict(channels))


@functools.lru_cache(maxsize=1)
def locale_file() -> LocaleFile:
    return load()


def current() -> Locale:
    """The clinic's locale: HEADACHE_LOCALE, else the file's default."""
    file = locale_file()
    chosen = os.environ.get(LOCALE_SETTING, "").strip() or file.default
    if chosen not in file.locales:
        raise LocaleError(f"{LOCALE_SETTING}={chosen!r} is not one of {sorted(file.locales)}")
    return file.locales[chosen]


def clinic_name() -> str:
    return os.environ.get(NAME_SETTING, "").strip() or DEFAULT_NAME


def clinic_contact() -> str:
    """How to reach the clinic (a phone number, a web address); "" when not set."""
    return os.environ.get(CONTACT_SETTING, "").strip()


def words() -> dict[str, str]:
    """Every placeholder a text may use for the clinic: the locale's words, its name and contact."""
    return {**current().words, "clinic_name": clinic_name(), "clinic_contact": clinic_contact()}


def fill(template: str, **extra: str) -> str:
    """`template` with the clinic's words (and `extra`) in its placeholders; spaces collapsed."""
    return " ".join(template.format_map({**words(), **extra}).split())


def text(text_id: str, channel: Optional[str] = None, **extra: str) -> str:
    """The text `text_id` for `channel`, in the channel's language, filled."""
    language = current().language_for(channel)
    sections = locale_file().texts[language]
    section = sections.get(channel or DEFAULT_CHANNEL, {})
    template = section.get(text_id) or sections[DEFAULT_CHANNEL].get(text_id)
    if template is None:
        raise KeyError(f"no text {text_id!r} for channel {channel!r} in data/locale.yml")
    return fill(template, **extra)


def emergency_number() -> str:
    return current().words["emergency_number"]


def phone_region() -> str:
    return current().phone_region
