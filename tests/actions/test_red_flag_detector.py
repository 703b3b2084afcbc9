"""The NLU component (components/red_flag_detector.py): a short text's remembered
entities are exactly the detector's, every time, and a warning sign said in a few
words is caught however often it comes."""
from __future__ import annotations

import pytest
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot import interview
from components import red_flag_detector
from components.red_flag_detector import SHORT_TEXT, RedFlagDetector

TEXTS = ["no", "none", "yes please", "2", "1 and 3", "I fainted", "had a seizure",
         "worst ever", "my dad fainted", "its for my son", "stiff neck, fever",
         "I can't see properly out of my left eye", "my temples ache after work"]


def _process(text):
    message = Message({TEXT: text})
    RedFlagDetector().process([message])
    return message.get(ENTITIES, [])


@pytest.mark.parametrize("text", TEXTS)
def test_the_entities_are_the_detectors_every_time(text):
    red_flag_detector._kept.clear()
    expected = interview.warning_sign_entities(text, "RedFlagDetector")
    assert _process(text) == expected
    first = _process(text)
    assert first == expected                     # from memory when short
    if first:
        first[0]["value"] = "changed by a later component"
    assert _process(text) == expected            # what was handed out is a copy


def test_short_texts_are_remembered_without_their_words_and_long_ones_are_not(monkeypatch):
    red_flag_detector._kept.clear()
    analysed = []
    real = interview.warning_sign_entities
    monkeypatch.setattr(interview, "warning_sign_entities",
                        lambda text, extractor: analysed.append(text) or real(text, extractor))
    for text in [*TEXTS, *TEXTS]:
        assert _process(text) == real(text, "RedFlagDetector")
    short = [text for text in TEXTS if len(text) <= SHORT_TEXT]
    long = [text for text in TEXTS if len(text) > SHORT_TEXT]
    assert sorted(analysed) == sorted(short + long + long)
    assert len(red_flag_detector._kept) == len(short)
    kept = repr(list(red_flag_detector._kept.items()))
    assert not any(text in kept for text in short if len(text) > 2)


def test_the_remembered_texts_are_bounded(monkeypatch):
    monkeypatch.setattr(red_flag_detector, "SHORT_TEXTS_KEPT", 3)
    red_flag_detector._kept.clear()
    for text in ["no", "yes", "2", "none"]:
        _process(text)
    assert len(red_flag_detector._kept) == 3


@pytest.mark.parametrize("text", ["I fainted", "had a seizure", "double vision", "face drooping"])
def test_a_short_warning_sign_is_caught_every_time(text):
    assert len(text) <= SHORT_TEXT
    for _ in range(3):
        assert any(entity["entity"] == interview.SYMPTOM_ENTITY for entity in _process(text))
