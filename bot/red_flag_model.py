"""The learned recall layer of the warning-sign detector.

A linear classifier per warning-sign concept over character n-grams (typos,
inflections and Spanish share most of their n-grams with the words they stand
for) and word unigrams and bigrams of English lemmas, learned from the blind,
labelled utterances of data/red_flag_training/ and tests/blind/dev/
(scripts/train_red_flag_model.py). It proposes concepts the patterns of
red_flags.yml do not know; bot.red_flags places each proposal on the words that
weighed most for it, and ConText then decides, as for a pattern, whether those
words are negated, hypothetical, past or about a relative.

A message is read whole and sentence by sentence, so that a sign in one
sentence of a long story is not diluted by the rest.
"""
from __future__ import annotations

import functools
import os
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Mapping, Optional, Sequence

import numpy as np

from bot import normalise

MODEL_PATH = Path(os.environ.get(
    "HEADACHE_RED_FLAG_MODEL",
    Path(__file__).resolve().parent.parent / "var" / "models" / "red_flag_model.joblib"))
FORMAT = 2   # 2: one weight matrix, no classifier objects
_SENTENCE = re.compile(r"[^.!?;\n]+[.!?;]*")
_TOKEN = re.compile(r"[^\W_]+")
# The evidence shown for a learned concept: the strongest word and its neighbours
# that weigh at least this share of it, at most this many words.
_EVIDENCE_SHARE = 0.35
_EVIDENCE_WORDS = 6


@dataclass(frozen=True)
class LearnedMention:
    """A concept the classifier proposes, with where: `anchor` is the word that
    weighed most (character offsets into the normalised text), `evidence` the
    words around it that also weighed."""

    concept: str
    probability: float
    anchor: tuple[int, int]
    evidence: tuple[int, int]


def lemmatised(text: str) -> str:
    """The word-feature view of normalised text: English lookup lemmas."""
    return " ".join(normalise.lemma(w) for w in _TOKEN.findall(text))


def units(text: str) -> list[tuple[int, str]]:
    """(offset, text) of the whole message and of each of its sentences."""
    pieces = [(m.start(), m.group()) for m in _SENTENCE.finditer(text) if m.group().strip()]
    return [(0, text)] + (pieces if len(pieces) > 1 else [])


class RedFlagModel:
    """The fitted features and one linear classifier per concept, kept as one weight
    matrix (features x concepts): one matrix product per message, and no copy of the
    weights or of the feature names in memory (the served process holds one model)."""

    def __init__(self, features, concepts: Sequence[str], matrix: np.ndarray, intercepts: np.ndarray,
                 thresholds: Mapping[str, float], trained_on: str) -> None:
        self.features = features                  # sklearn FeatureUnion (char_wb + lemma words)
        self._concepts = list(concepts)
        self._matrix = matrix                     # features x concepts
        self._intercepts = intercepts
        self.thresholds = dict(thresholds)        # concept -> probability from which it is proposed
        self.trained_on = trained_on              # fingerprint of the training data
        self._column = {c: j for j, c in enumerate(self._concepts)}
        chars, words = (part for _, part in features.transformer_list)
        for part in (chars, words):
            # the terms min_df left out: introspection only, and the largest part of a pickle
            if hasattr(part, "stop_words_"):
                del part.stop_words_
        self._analyse = chars.build_analyzer()
        self._char_index = chars.vocabulary_      # char n-gram -> column (chars come first)
        self._word_index = words.vocabulary_      # lemma n-gram -> column - _word_offset
        self._word_offset = len(chars.vocabulary_)
        # what each part's transform does, done here (scikit-learn's transform costs ten
        # times the work on a short message): its analyser, its vocabulary, its idf weights
        self._parts = [(part.build_analyzer(), part.vocabulary_, part.idf_, offset, bool(part.sublinear_tf))
                       for part, offset in ((chars, 0), (words, self._word_offset))]
        self._width = self._word_offset + len(words.vocabulary_)

    @classmethod
    def from_classifiers(cls, features, classifiers: Mapping[str, object], thresholds: Mapping[str, float],
                         trained_on: str) -> "RedFlagModel":
        """A model from fitted binary classifiers (one per concept, with coef_ and intercept_)."""
        matrix = np.column_stack([clf.coef_.ravel() for clf in classifiers.values()])
        intercepts = np.array([clf.intercept_[0] for clf in classifiers.values()])
        return cls(features, list(classifiers), matrix, intercepts, thresholds, trained_on)

    @property
    def concepts(self) -> list[str]:
        return list(self._concepts)

    def vectors(self, texts: Sequence[str]):
        """The features of `texts` (a sparse row each), as the fitted union's transform gives
        them (each part's tf-idf, sublinear, l2-normalised), computed directly."""
        from scipy.sparse import csr_matrix

        indices: list[int] = []
        data: list[float] = []
        indptr = [0]
        for text in texts:
            for analyse, vocabulary, idf, offset, sublinear in self._parts:
                found = sorted((vocabulary[gram], n) for gram, n in Counter(analyse(text)).items()
                               if gram in vocabulary)
                if not found:
                    continue
                columns = [j for j, _ in found]
                tf = np.array([n for _, n in found], dtype=np.float64)
                if sublinear:
                    tf = np.log(tf) + 1.0
                values = tf * idf[columns]
                norm = float(np.sqrt(values @ values))
                if norm:
                    values /= norm
                indices.extend(j + offset for j in columns)
                data.extend(values.tolist())
            indptr.append(len(indices))
        return csr_matrix((np.asarray(data, dtype=np.float64), np.asarray(indices, dtype=np.int32),
                           np.asarray(indptr, dtype=np.int32)), shape=(len(indptr) - 1, self._width))

    def probabilities(self, texts: Sequence[str], x=None) -> np.ndarray:
        """texts x concepts, in the order of `concepts`."""
        x = self.vectors(texts) if x is None else x
        return 1.0 / (1.0 + np.exp(-(x @ self._matrix + self._intercepts)))

    def mentions(self, text: str, avoid: Sequence[tuple[int, int]] = ()) -> list[LearnedMention]:
        """The concepts proposed for normalised `text` (read as bot.red_flags.for_learning
        gives it), each placed on its words; no word overlapping an `avoid` range (context
        words such as "no" or "if") is used as evidence."""
        if not text.strip():
            return []
        pieces = units(text)
        x = self.vectors([p for _, p in pieces])
        probs = self.probabilities([], x)
        found = []
        for j, concept in enumerate(self._concepts):
            best = int(np.argmax(probs[:, j]))
            p = float(probs[best, j])
            if p < self.thresholds[concept]:
                continue
            offset, piece = pieces[best]
            placed = self._place(concept, piece, x[best], [(a - offset, b - offset) for a, b in avoid])
            if placed is None:
                continue
            anchor, evidence = placed
            found.append(LearnedMention(concept, p, (anchor[0] + offset, anchor[1] + offset),
                                        (evidence[0] + offset, evidence[1] + offset)))
        return found

    def _place(self, concept: str, piece: str, row, avoid: Sequence[tuple[int, int]] = ()
               ) -> Optional[tuple[tuple[int, int], tuple[int, int]]]:
        """The word of `piece` (whose feature row is `row`) that weighs most for `concept`,
        and its weighty neighbours."""
        tokens = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(piece)
                  if not any(m.start() < b and a < m.end() for a, b in avoid)]
        if not tokens:
            return None
        values = dict(zip(row.indices, row.data))
        w = self._matrix[:, self._column[concept]]
        analyse = self._analyse
        lemmas = [normalise.lemma(t) for _, _, t in tokens]
        scores = []
        for i, (_, _, token) in enumerate(tokens):
            score = sum(values.get(self._char_index[g], 0.0) * w[self._char_index[g]]
                        for g in set(analyse(token)) if g in self._char_index)
            for gram, share in ((lemmas[i], 1.0),
                                (f"{lemmas[i - 1]} {lemmas[i]}" if i else None, 0.5),
                                (f"{lemmas[i]} {lemmas[i + 1]}" if i + 1 < len(tokens) else None, 0.5)):
                j = self._word_index.get(gram) if gram else None
                if j is not None:
                    j += self._word_offset
                    score += share * values.get(j, 0.0) * w[j]
            scores.append(score)
        best = int(np.argmax(scores))
        if scores[best] <= 0:
            return None
        lo = hi = best
        while hi - lo + 1 < _EVIDENCE_WORDS:
            left = scores[lo - 1] if lo > 0 and tokens[lo - 1][1] + 1 >= tokens[lo][0] else -1.0
            right = scores[hi + 1] if hi + 1 < len(tokens) and tokens[hi][1] + 1 >= tokens[hi + 1][0] else -1.0
            if max(left, right) < _EVIDENCE_SHARE * scores[best]:
                break
            if left >= right:
                lo -= 1
            else:
                hi += 1
        return (tokens[best][0], tokens[best][1]), (tokens[lo][0], tokens[hi][1])


def build_features():
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.pipeline import FeatureUnion

    return FeatureUnion([
        ("chars", TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), min_df=2, sublinear_tf=True)),
        ("words", TfidfVectorizer(analyzer="word", ngram_range=(1, 2), min_df=2, sublinear_tf=True,
                                  preprocessor=lemmatised, token_pattern=r"[^\W_]+")),
    ])


def fit(texts: Sequence[str], labels: Sequence[Iterable[str]], concepts: Sequence[str],
        thresholds: Mapping[str, float], trained_on: str, c: float = 0.5) -> RedFlagModel:
    """A model over normalised `texts`, one classifier per concept of `concepts`."""
    from sklearn.linear_model import LogisticRegression

    features = build_features()
    x = features.fit_transform(list(texts))
    classifiers = {}
    for concept in concepts:
        y = np.array([concept in set(lab) for lab in labels], dtype=int)
        if y.sum() == 0:
            continue
        # dual: far more features than examples
        classifiers[concept] = LogisticRegression(
            C=c, class_weight="balanced", max_iter=5000, solver="liblinear", dual=True,
            random_state=0).fit(x, y)
    return RedFlagModel.from_classifiers(features, classifiers, {k: thresholds[k] for k in classifiers}, trained_on)


def save(model: RedFlagModel, path: Path = MODEL_PATH) -> None:
    import joblib

    path.parent.mkdir(parents=True, exist_ok=True)
    joblib.dump({"format": FORMAT, "features": model.features, "concepts": model.concepts,
                 "matrix": model._matrix, "intercepts": model._intercepts,
                 "thresholds": model.thresholds, "trained_on": model.trained_on}, path)


@functools.lru_cache(maxsize=1)
def load(path: Path = MODEL_PATH) -> RedFlagModel:
    """The trained model; FileNotFoundError when `make` has not trained it yet."""
    import joblib

    if not path.exists():
        raise FileNotFoundError(f"{path} is missing: run `make setup` (scripts/train_red_flag_model.py)")
    stored = joblib.load(path)
    if stored.get("format") != FORMAT:
        raise ValueError(f"{path} was trained by another version: run `make setup` again")
    return RedFlagModel(stored["features"], stored["concepts"], stored["matrix"], stored["intercepts"],
                        stored["thresholds"], stored["trained_on"])
