"""Turning the person's words into normalised facts.

Pure Python (stdlib `re`, `difflib`, PyYAML through bot.knowledge, and
`phonenumbers`): the Rasa components and the form validation actions call
these functions; they never import Rasa.

Two entry points, in `facts`: `extract_facts(text)` for a free message and
`parse_answer(slot, text)` for the answer to the question for `slot`. Each
kind of answer has its own module, all reading text normalised by `text`:
`lexicon` (regions and triggers), `duration`, `history`, `frequency`,
`severity`, `age`, `medication`, `yes_no`, `contact` (phone, e-mail, name),
`booking` (service, contact, preferred time), `sex` (when said), `person` (who
has the headache: the writer or someone they answer for); `numbers` reads
numbers in digits and words. The word lists are data/knowledge files, read through
their loaders in bot.knowledge.

This package re-exports the names its callers use, so
`understanding.parse_yes_no(...)` keeps working.
"""
from __future__ import annotations

from bot.understanding.age import parse_age
from bot.understanding.contact import normalise_phone, parse_email, parse_name
from bot.understanding.duration import parse_duration_hours
from bot.understanding.facts import SLOTS, extract_facts, parse_answer
from bot.understanding.frequency import parse_frequency_days
from bot.understanding.history import parse_history
from bot.understanding.lexicon import find_regions, find_triggers, warning_concepts
from bot.understanding.medication import parse_medication
from bot.understanding.severity import parse_severity
from bot.understanding.yes_no import parse_yes_no, says_yes_first, words_beyond_the_answer

__all__ = [
    "SLOTS", "extract_facts", "find_regions", "find_triggers", "normalise_phone", "parse_age",
    "parse_answer", "parse_duration_hours", "parse_email", "parse_frequency_days",
    "parse_history", "parse_medication", "parse_name", "parse_severity", "parse_yes_no",
    "says_yes_first", "warning_concepts", "words_beyond_the_answer",
]
