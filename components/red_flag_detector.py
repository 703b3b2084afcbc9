"""NLU component: every user message goes through the warning-sign detector.

Adds one `symptom` entity per affirmed warning-sign concept (negation,
family history, worries and past events are filtered by bot.red_flags), a
`symptom_if_on_behalf` entity for what is said of a relative ("my dad had a
seizure") and an `on_behalf` entity when the message says it is written for
someone. The dialogue (components/safety_policy.py) and the actions combine
these over the whole conversation (bot.interview.mentions_from_messages).
Neither extra entity is in the domain, so neither changes the dialogue's
features.

The detector reads the text alone, so a short message (up to SHORT_TEXT
characters: "no", "none of these", "2", "yes please", an age) that came
before is not analysed again: its entities are remembered (the
SHORT_TEXTS_KEPT most recent, per process) and copied out. Short answers are
most of an interview's messages and half of the detector's time; longer
messages are analysed every time. What is remembered holds no text (a short
message can be a name or a phone number): each is found by a keyed hash (a
random key per process), and an entity holds a concept name and offsets.
"""
from __future__ import annotations

import collections
import hashlib
import secrets
import threading
from typing import Any, Dict, List, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.extractors.extractor import EntityExtractorMixin
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot import red_flags
from bot import interview

SHORT_TEXT = 16          # characters
SHORT_TEXTS_KEPT = 1024


_key = secrets.token_bytes(32)
_kept: collections.OrderedDict[bytes, tuple[dict[str, Any], ...]] = collections.OrderedDict()
_lock = threading.Lock()


def warning_sign_entities(text: str, extractor: str) -> list[dict[str, Any]]:
    """interview.warning_sign_entities, a short text's remembered (as copies)."""
    if len(text) > SHORT_TEXT:
        return interview.warning_sign_entities(text, extractor)
    digest = hashlib.blake2b(f"{extractor}\0{text}".encode("utf-8"), key=_key,
                             digest_size=16).digest()
    with _lock:
        found = _kept.get(digest)
        if found is not None:
            _kept.move_to_end(digest)
    if found is None:
        found = tuple(interview.warning_sign_entities(text, extractor))
        with _lock:
            _kept[digest] = found
            while len(_kept) > SHORT_TEXTS_KEPT:
                _kept.popitem(last=False)
    return [dict(entity) for entity in found]


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR], is_trainable=False
)
class RedFlagDetector(GraphComponent, EntityExtractorMixin):
    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "RedFlagDetector":
        red_flags.mentions("warm up")  # build the spaCy/ConText pipeline at start-up, not on a patient's first message
        return cls()

    @classmethod
    def load(cls, config, model_storage, resource, execution_context, **kwargs: Any) -> "RedFlagDetector":
        return cls.create(config, model_storage, resource, execution_context)

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT)
            if not text:
                continue
            found = warning_sign_entities(text, self.__class__.__name__)
            if found:
                message.set(ENTITIES, message.get(ENTITIES, []) + found, add_to_output=True)
        return messages
