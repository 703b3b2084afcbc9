"""The intent classifier (components/intent_classifier.py): what it loads is what
it trained, read from plain arrays without skops, and a model without its
arrays fails to load instead of answering with an untrained classifier."""
from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest
from rasa.engine.graph import ExecutionContext
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from components.intent_classifier import IntentClassifier
from rasa.nlu.featurizers.sparse_featurizer.count_vectors_featurizer import CountVectorsFeaturizer
from rasa.nlu.tokenizers.whitespace_tokenizer import WhitespaceTokenizer

EXAMPLES = {"greet": ["hello", "hi there", "good morning", "hey"],
            "book": ["book an appointment", "can I book a session", "I want a booking",
                     "schedule me in"],
            "stop": ["stop", "quit this", "cancel everything", "end the chat"]}


def _featurised(texts_and_intents, storage):
    messages = [Message({TEXT: t, **({"intent": i} if i else {})}) for t, i in texts_and_intents]
    tokenizer = WhitespaceTokenizer(WhitespaceTokenizer.get_default_config())
    tokenizer.process(messages)
    return messages


@pytest.fixture
def trained(tmp_path):
    storage = LocalModelStorage(tmp_path)
    context = ExecutionContext(node_name="intents", graph_schema=None)
    training = _featurised([(t, i) for i, ts in EXAMPLES.items() for t in ts], storage)
    featurizer = CountVectorsFeaturizer.create(CountVectorsFeaturizer.get_default_config(), storage,
                                               Resource("vectors"), context)
    data = TrainingData(training_examples=training)
    featurizer.train(data)
    featurizer.process_training_data(data)
    resource = Resource("intents")
    classifier = IntentClassifier.create({}, storage, resource, context)
    classifier.train(data)
    return storage, resource, context, featurizer, classifier


def _ranking(classifier, featurizer, text):
    message = _featurised([(text, None)], None)
    featurizer.process(message)
    classifier.process(message)
    return message[0].get("intent_ranking")


def test_what_loads_is_what_was_trained(trained):
    storage, resource, context, featurizer, classifier = trained
    loaded = IntentClassifier.load({}, storage, resource, context)
    for text in ["hello", "book me a session please", "cancel", "something else entirely"]:
        before, after = _ranking(classifier, featurizer, text), _ranking(loaded, featurizer, text)
        assert [r["name"] for r in after] == [r["name"] for r in before]
        assert np.allclose([r["confidence"] for r in after], [r["confidence"] for r in before])
    assert _ranking(loaded, featurizer, "can I book a session")[0]["name"] == "book"


def test_the_answer_holds_pythons_own_types_with_rasas_values(trained):
    """Names and confidences as `str` and `float` (NumPy's made every copy of a
    conversation three times slower), the same values and order as Rasa's own."""
    from rasa.nlu.classifiers.logistic_regression_classifier import LogisticRegressionClassifier

    _, _, _, featurizer, classifier = trained
    for text in ["hello", "book me a session please", "cancel", "something else entirely"]:
        ours = _featurised([(text, None)], None)
        rasas = _featurised([(text, None)], None)
        featurizer.process(ours)
        featurizer.process(rasas)
        classifier.process(ours)
        LogisticRegressionClassifier.process(classifier, rasas)
        assert ours[0].get("intent_ranking") == rasas[0].get("intent_ranking")
        assert ours[0].get("intent") == rasas[0].get("intent")
        for entry in [ours[0].get("intent"), *ours[0].get("intent_ranking")]:
            assert type(entry["name"]) is str and type(entry["confidence"]) is float
        # Rasa's own are NumPy's: the reason for the conversion
        assert type(rasas[0].get("intent")["confidence"]) is not float


def test_a_model_without_its_arrays_does_not_load(trained, tmp_path):
    storage, _, context, _, _ = trained
    with pytest.raises(Exception):
        IntentClassifier.load({}, storage, Resource("never-trained"), context)


def test_loading_never_imports_skops(trained, tmp_path):
    code = ("import sys; from pathlib import Path; "
            "from rasa.engine.graph import ExecutionContext; "
            "from rasa.engine.storage.local_model_storage import LocalModelStorage; "
            "from rasa.engine.storage.resource import Resource; "
            "from components.intent_classifier import IntentClassifier; "
            f"c = IntentClassifier.load({{}}, LocalModelStorage(Path({str(tmp_path)!r})), "
            "Resource('intents'), ExecutionContext(node_name='intents', graph_schema=None)); "
            "print(list(c.clf.classes_), 'skops' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip().splitlines()[-1] == "['book', 'greet', 'stop'] False"


# ------------------------------------------------- the features it reads: Rasa's, less the unused

TEXTS = ["hello", "book me a session please", "cancel", "something else entirely", "no",
         "I have had a headache for 3 days at my temples", "¿puedo reservar una cita?", "2",
         "stop!!", "what does this mean", "my dad had a seizure yesterday and now he is confused"]


def _two_featurizers(storage, context, training):
    """Words and char_wb 2-4 grams, as config.yml's pipeline has them."""
    words = CountVectorsFeaturizer.create(CountVectorsFeaturizer.get_default_config(), storage,
                                          Resource("words"), context)
    chars = CountVectorsFeaturizer.create(
        {**CountVectorsFeaturizer.get_default_config(), "analyzer": "char_wb", "min_ngram": 2,
         "max_ngram": 4}, storage, Resource("chars"), context)
    data = TrainingData(training_examples=training)
    for featurizer in (words, chars):
        featurizer.train(data)
        featurizer.process_training_data(data)
    return words, chars


def _same_matrix(a, b):
    a, b = a.tocsr(), b.tocsr()
    assert type(a) is type(b) and a.shape == b.shape and a.dtype == b.dtype
    assert a.has_sorted_indices == b.has_sorted_indices
    assert np.array_equal(a.indptr, b.indptr) and np.array_equal(a.indices, b.indices)
    assert np.array_equal(a.data, b.data)


def test_the_features_read_are_rasas_own_and_so_is_every_answer(tmp_path):
    from rasa.nlu.classifiers.logistic_regression_classifier import LogisticRegressionClassifier
    from rasa.shared.nlu.training_data.features import Features

    storage = LocalModelStorage(tmp_path)
    context = ExecutionContext(node_name="intents", graph_schema=None)
    training = _featurised([(t, i) for i, ts in EXAMPLES.items() for t in ts], storage)
    words, chars = _two_featurizers(storage, context, training)
    classifier = IntentClassifier.create({}, storage, Resource("intents"), context)
    classifier.train(TrainingData(training_examples=training))
    # training: all examples at once, as Rasa reads them
    _same_matrix(classifier._create_X(training),
                 LogisticRegressionClassifier._create_X(classifier, training))
    for text in TEXTS:
        message = _featurised([(text, None)], None)
        words.process(message)
        chars.process(message)
        ours = classifier._create_X(message)
        _same_matrix(ours, LogisticRegressionClassifier._create_X(classifier, message))
        assert np.array_equal(classifier.clf.predict_proba(ours), classifier.clf.predict_proba(
            LogisticRegressionClassifier._create_X(classifier, message)))
        # a dense sentence feature too (none in config.yml, but Rasa's stacks it)
        message[0].add_features(Features(np.array([[0.5, -1.0]]), "sentence", TEXT, "dense"))
        _same_matrix(classifier._create_X(message),
                     LogisticRegressionClassifier._create_X(classifier, message))


def test_features_not_as_the_featurizers_make_them_are_stacked_as_rasa_stacks_them():
    from rasa.nlu.classifiers.logistic_regression_classifier import LogisticRegressionClassifier
    from rasa.shared.nlu.training_data.features import Features
    from scipy.sparse import coo_matrix, csr_matrix

    from components import intent_classifier

    def message(*parts):
        m = Message({TEXT: "x"})
        for n, part in enumerate(parts):
            m.add_features(Features(part, "sentence", TEXT, f"featurizer{n}"))
            m.add_features(Features(coo_matrix(np.ones((3, part.shape[1]), dtype=np.int64)),
                                    "sequence", TEXT, f"featurizer{n}"))
        return m

    ints = coo_matrix(np.array([[0, 2, 0, 1]], dtype=np.int64))
    cases = {
        "the featurizers' own": (ints, coo_matrix(np.array([[3, 0, 1]], dtype=np.int64)), True),
        "nothing counted": (coo_matrix((1, 4), dtype=np.int64), coo_matrix((1, 2), dtype=np.int64),
                            True),
        "columns out of order": (coo_matrix((np.array([5, 7], dtype=np.int64),
                                             (np.array([0, 0]), np.array([3, 1]))), shape=(1, 4)),
                                 ints, True),
        "an explicit zero": (coo_matrix((np.array([0, 7], dtype=np.int64),
                                         (np.array([0, 0]), np.array([1, 2]))), shape=(1, 4)),
                             ints, True),
        "a column twice": (coo_matrix((np.array([5, 7], dtype=np.int64),
                                       (np.array([0, 0]), np.array([1, 1]))), shape=(1, 4)),
                           ints, False),
        "two dtypes": (ints, coo_matrix(np.array([[0.5, 0.0]], dtype=np.float32)), False),
        "floats": (coo_matrix(np.array([[0.1, 0.0, 2.5]])), coo_matrix(np.array([[0.3]])), True),
        "CSR": (csr_matrix(np.array([[1, 0]], dtype=np.int64)), ints, False),
        "two rows": (coo_matrix(np.ones((2, 2), dtype=np.int64)),
                     coo_matrix(np.ones((2, 1), dtype=np.int64)), False),
    }
    classifier = IntentClassifier({}, "intents", None, None)
    for name, (first, second, direct) in cases.items():
        m = message(first, second)
        assert (intent_classifier._stacked_counts([first, second]) is not None) is direct, name
        if first.shape[0] != 1:      # Rasa's own hstack with csr_matrix([]) fails: so does ours
            with pytest.raises(ValueError):
                LogisticRegressionClassifier._create_X(classifier, [m])
            with pytest.raises(ValueError):
                classifier._create_X([m])
            continue
        _same_matrix(intent_classifier._sentence_row(m),
                     LogisticRegressionClassifier._create_X(classifier, [m]))
        blank = message(*(coo_matrix((1, p.shape[1]), dtype=p.dtype) for p in (first, second)))
        _same_matrix(classifier._create_X([m, blank, m]),
                     LogisticRegressionClassifier._create_X(classifier, [m, blank, m]))
    one = message(ints)
    _same_matrix(classifier._create_X([one]), LogisticRegressionClassifier._create_X(classifier, [one]))


def test_a_message_without_features_fails_as_in_rasa(trained):
    from rasa.nlu.classifiers.logistic_regression_classifier import LogisticRegressionClassifier

    *_, classifier = trained
    message = _featurised([("hello", None)], None)
    _same_matrix(classifier._create_X(message),
                 LogisticRegressionClassifier._create_X(classifier, message))


def test_on_another_rasa_version_rasas_own_method_is_used(trained, monkeypatch):
    import components.intent_classifier as module

    *_, classifier = trained
    called = []
    monkeypatch.setattr(module.rasa, "__version__", "3.7.0")
    monkeypatch.setattr(module.LogisticRegressionClassifier, "_create_X",
                        lambda self, messages: called.append(messages) or "rasa's")
    assert classifier._create_X([]) == "rasa's" and called == [[]]
