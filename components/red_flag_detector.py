"""NLU component: every user message goes through the warning-sign detector.

Adds one `symptom` entity per affirmed warning-sign concept (negation,
family history, worries and past events are filtered by bot.red_flags), a
`symptom_if_on_behalf` entity for what is said of a relative ("my dad had a
seizure") and an `on_behalf` entity when the message says it is written for
someone. The dialogue (components/safety_policy.py) and the actions combine
these over the whole conversation (bot.interview.mentions_from_messages).
Neither extra entity is in the domain, so neither changes the dialogue's
features.
"""
from __future__ import annotations

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
            found = interview.warning_sign_entities(text, self.__class__.__name__)
            if found:
                message.set(ENTITIES, message.get(ENTITIES, []) + found, add_to_output=True)
        return messages
