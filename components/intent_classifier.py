"""NLU component: Rasa's logistic-regression intent classifier, stored as plain
arrays instead of with skops.

Rasa 3.6 saves `LogisticRegressionClassifier` with skops, whose import walks
every scikit-learn estimator to list the types it trusts: about 5 s of the
Rasa server's cold start and 20 MB of its memory, for a model that is four
arrays. This subclass trains exactly as Rasa's does and keeps those arrays
(coefficients, intercepts, class names) in a `.npz` file read with
`allow_pickle=False`, so loading runs no code from the model file either.

Unlike Rasa's, a model without its arrays does not load: Rasa's falls back to
an untrained classifier and the server would fail on every message instead
of at start.
"""
from __future__ import annotations

from typing import Any, Dict, Text

import numpy as np

from rasa.engine.graph import ExecutionContext
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.logistic_regression_classifier import LogisticRegressionClassifier

ARRAYS_FILE = "classifier.npz"


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True)
class IntentClassifier(LogisticRegressionClassifier):
    """Rasa's `LogisticRegressionClassifier`, persisted as arrays (see the module)."""

    def persist(self) -> None:
        with self._model_storage.write_to(self._resource) as model_dir:
            np.savez(model_dir / ARRAYS_FILE, coef=self.clf.coef_,
                     intercept=self.clf.intercept_,
                     classes=np.asarray(self.clf.classes_, dtype=str))

    @classmethod
    def load(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
             execution_context: ExecutionContext, **kwargs: Any) -> "IntentClassifier":
        component = cls(config, execution_context.node_name, model_storage, resource)
        with model_storage.read_from(resource) as model_dir:
            with np.load(model_dir / ARRAYS_FILE, allow_pickle=False) as arrays:
                component.clf.coef_ = arrays["coef"]
                component.clf.intercept_ = arrays["intercept"]
                component.clf.classes_ = arrays["classes"]
        component.clf.n_features_in_ = component.clf.coef_.shape[1]
        return component
