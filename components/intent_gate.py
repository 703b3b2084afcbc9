"""NLU component: a guessed command or question takes over a message only when it may
(bot/intent_gate.py, data/knowledge/intent_gate.yml); otherwise the message is nlu_fallback,
so that the interview reads it as its answer. Runs after
the FallbackClassifier. The warning-sign check does not depend on it: the SafetyPolicy
assesses every message whatever its intent."""
from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot import intent_gate
from bot.knowledge import intent_gate as gate_rules


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class IntentGate(GraphComponent):
    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "IntentGate":
        gate_rules.table()     # read and validate intent_gate.yml at start-up
        return cls()

    @classmethod
    def load(cls, config, model_storage, resource, execution_context, **kwargs: Any) -> "IntentGate":
        return cls.create(config, model_storage, resource, execution_context)

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            guessed = message.get(INTENT) or {}
            ranking = message.get(INTENT_RANKING_KEY) or []
            if not guessed.get("name") or not ranking:
                continue
            chosen = intent_gate.choose(((r["name"], r["confidence"]) for r in ranking), message.get(TEXT) or "")
            if chosen == guessed["name"]:
                continue
            entry = next((r for r in ranking if r["name"] == chosen), None)
            if entry is None:
                entry = {"name": chosen, "confidence": guessed.get("confidence", 0.0)}
                message.set(INTENT_RANKING_KEY, [entry, *ranking], add_to_output=True)
            message.set(INTENT, dict(entry), add_to_output=True)
        return messages
