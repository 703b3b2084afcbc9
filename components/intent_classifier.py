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

A message's features for the classifier (`_create_X`): Rasa 3.6.21's own, less
the work whose result it throws away. Rasa asks the message for its sparse
features, which deep-copies the first featurizer's and stacks every
featurizer's sequence features (a row per token) as well as its sentence
features, then uses the sentence features only, and goes through four scipy
constructions for a row of two one-row matrices: 5% of the Rasa server's time
under load. Here the sentence features alone are put side by side directly
when they are what the CountVectorsFeaturizers make (one-row COO, one dtype,
no column twice): the same values, columns, types and index types as Rasa's
result; anything else goes Rasa's way. On another Rasa version Rasa's own
method is used.

A message's intent and ranking hold Python's own `str` and `float`: Rasa's
classifier hands on NumPy's (`np.str_` names, `np.float64` confidences), the same
numbers, but each one is an object pickle and copy must rebuild by calling NumPy,
and every user event of a conversation carries them: the in-process action call's
copy of the conversation (channels/in_process_actions.py) took three times as long
with them, 16% of the Rasa server under load. JSON writes both alike, so nothing
stored or sent changes.
"""
from __future__ import annotations

from typing import Any, Dict, List, Text

import numpy as np
import rasa

from rasa.engine.graph import ExecutionContext
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.logistic_regression_classifier import LogisticRegressionClassifier
from rasa.shared.nlu.constants import FEATURE_TYPE_SENTENCE, INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

ARRAYS_FILE = "classifier.npz"
RASA_VERSION = "3.6.21"    # whose LogisticRegressionClassifier._create_X is repeated here


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True)
class IntentClassifier(LogisticRegressionClassifier):
    """Rasa's `LogisticRegressionClassifier`, persisted as arrays (see the module)."""

    def _create_X(self, messages: List[Message]) -> Any:
        """LogisticRegressionClassifier._create_X of Rasa 3.6.21, without combining the
        sequence features it does not use (see the module)."""
        if rasa.__version__ != RASA_VERSION:
            return super()._create_X(messages)
        from scipy.sparse import vstack

        return vstack([_sentence_row(message) for message in messages])

    def process(self, messages: List[Message]) -> List[Message]:
        """Rasa's answer, with its names and confidences as Python's types (see the module)."""
        for message in super().process(messages):
            for entry in [message.get(INTENT), *(message.get(INTENT_RANKING_KEY) or [])]:
                if entry:
                    entry["name"] = str(entry["name"])
                    entry["confidence"] = float(entry["confidence"])
        return messages

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


def _sentence_row(message: Message) -> Any:
    """One message's row of Rasa 3.6.21's `_create_X`: `hstack([csr_matrix(sparse),
    csr_matrix(dense or [])])` of its sentence features."""
    from scipy.sparse import csr_matrix, hstack

    sparse = [f.features for f in message.features
              if f.attribute == TEXT and f.is_sparse() and f.type == FEATURE_TYPE_SENTENCE]
    dense_feats = message.get_dense_features(attribute=TEXT)[1]
    if dense_feats is None and sparse:
        row = _stacked_counts(sparse)
        if row is not None:
            return row
    # Message.get_sparse_features(TEXT)[1]: the sentence features of every featurizer,
    # in the message's order, each hstack-ed onto those before
    combined = None
    for features in sparse:
        combined = features if combined is None else hstack([combined, features])
    return hstack([csr_matrix(combined if combined is not None else []),
                   csr_matrix(dense_feats.features if dense_feats else [])])


def _stacked_counts(parts: List[Any]) -> Any:
    """What Rasa's stacking makes of one-row COO sentence features of one dtype, with no
    column twice (the featurizers' sum over the tokens): their columns side by side, in
    order, the values as float64 (the type its final hstack with `csr_matrix([])` gives),
    int32 indices, as one CSR row. None (Rasa's own stacking) for anything else."""
    from scipy.sparse import coo_matrix, csr_matrix

    if any(type(p) is not coo_matrix or p.shape[0] != 1 for p in parts) or \
            len({p.dtype for p in parts}) != 1:
        return None
    width = sum(p.shape[1] for p in parts)
    if width - 1 > np.iinfo(np.int32).max or sum(p.nnz for p in parts) > np.iinfo(np.int32).max:
        return None
    columns, offset = [], 0
    for p in parts:
        columns.append(p.col.astype(np.int64) + offset)
        offset += p.shape[1]
    cols = np.concatenate(columns)
    data = np.concatenate([p.data for p in parts])
    order = np.argsort(cols, kind="stable")
    cols = cols[order]
    if cols.size > 1 and bool(np.any(cols[1:] == cols[:-1])):
        return None      # a column twice: summed by Rasa's conversion, left to it
    values = np.concatenate([data[order], np.empty(0, dtype=np.float64)])
    return csr_matrix((values, cols.astype(np.int32), np.array([0, cols.size], dtype=np.int32)),
                      shape=(1, width))
