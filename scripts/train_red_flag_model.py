"""Train the learned recall layer of the warning-sign detector (bot/red_flag_model.py).

  python -m scripts.train_red_flag_model [--out var/models/red_flag_model.joblib] [--report]

Learns from the blind-written utterances of data/red_flag_training/ and the
development half of tests/blind/ (never the test half). A label trains the
concepts of data/knowledge/red_flags.yml that name it in `learned_from`; the
signs that rest on a fact (an age, days a month) are left to the interview's
fact rules. Each concept's threshold is chosen on out-of-fold predictions
(5 folds, split by writer so that a threshold is never chosen on the writer who
wrote the examples; repeated on 3 splits and summed, so that no one split
decides): the probability that maximises F-beta, recall weighing more the
higher the level the concept leads to (BETA), within [MIN_THRESHOLD, MAX_THRESHOLD].
The bot's own intent examples (data/nlu) join as messages with no warning sign.
Deterministic: the same data gives the same model.
"""
from __future__ import annotations

import argparse
import hashlib
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np
import yaml

from bot import normalise, red_flag_model, red_flags

ROOT = Path(__file__).resolve().parent.parent
SOURCES = (ROOT / "data" / "red_flag_training", ROOT / "tests" / "blind" / "dev")
# The bot's own intent examples: everyday messages with no warning sign.
EVERYDAY = ROOT / "data" / "nlu"
# A threshold weighs recall this many times as much as precision (F-beta), by the level
# the concept leads to: a missed emergency is the worst error, a needless one the next.
BETA = {"emergency": 3.0, "urgent": 2.0, "see_doctor": 1.5}
MIN_THRESHOLD, MAX_THRESHOLD = 0.2, 0.8
# ... and never below the probability at which at least this share of its proposals are right.
MIN_PRECISION = 0.4
FOLDS = 5
REPEATS = 3     # cross-validation repeated on this many different splits of the writers


def examples(with_dev: bool = True) -> list[dict]:
    found = []
    for folder in SOURCES if with_dev else SOURCES[:1]:
        for path in sorted(folder.glob("*.yml")):
            content = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
            for u in content["utterances"]:
                found.append({"writer": content.get("writer") or path.stem, "text": u["text"],
                              "signs": list(u.get("signs") or [])})
    for path in sorted(EVERYDAY.glob("*.yml")):
        for block in yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)["nlu"]:
            for line in (block.get("examples") or "").splitlines():
                text = line.strip()[2:].strip() if line.strip().startswith("- ") else ""
                if text:
                    found.append({"writer": "nlu", "text": text, "signs": []})
    return found


def fingerprint(items: list[dict]) -> str:
    digest = hashlib.sha256()
    for item in items:
        digest.update(repr((item["text"], sorted(item["signs"]))).encode())
    return digest.hexdigest()[:16]


def concept_labels(signs: list[str], learned: dict[str, list[str]]) -> set[str]:
    return {concept for sign in signs for concept in learned.get(sign, ())}


def message_probabilities(model: red_flag_model.RedFlagModel, texts: list[str]) -> np.ndarray:
    """Per message, the highest probability over the message and its sentences."""
    owner, pieces = [], []
    for k, text in enumerate(texts):
        for _, piece in red_flag_model.units(text):
            owner.append(k)
            pieces.append(piece)
    probs = model.probabilities(pieces)
    best = np.zeros((len(texts), probs.shape[1]))
    np.maximum.at(best, np.array(owner), probs)
    return best


def choose_thresholds(items, texts, labels, concepts, levels_of) -> dict[str, float]:
    candidates = np.arange(MIN_THRESHOLD, MAX_THRESHOLD + 1e-9, 0.02)
    truth = np.array([[concept in labels[i] for concept in concepts] for i in range(len(items))])
    scores = np.zeros((len(concepts), len(candidates)))       # F-beta, summed over the repeats
    precision = np.zeros((len(concepts), len(candidates)))    # ... the share of right proposals
    proposed = np.zeros((len(concepts), len(candidates)))     # ... and the repeats with any
    for repeat in range(REPEATS):
        oof = out_of_fold(items, texts, labels, concepts, repeat)
        for j, concept in enumerate(concepts):
            beta2 = BETA[levels_of[concept]] ** 2
            for k, t in enumerate(candidates):
                predicted = oof[:, j] >= t
                tp = float(np.sum(predicted & truth[:, j]))
                scores[j, k] += (1 + beta2) * tp / max(1e-9, (1 + beta2) * tp + beta2 * np.sum(~predicted & truth[:, j])
                                                        + np.sum(predicted & ~truth[:, j]))
                if predicted.any():
                    proposed[j, k] += 1
                    precision[j, k] += np.mean(truth[predicted, j])
    thresholds = {}
    for j, concept in enumerate(concepts):
        best = float(candidates[int(np.argmax(scores[j] > scores[j].max() - 1e-12))])
        floor = next((float(t) for k, t in enumerate(candidates)
                      if proposed[j, k] and precision[j, k] / proposed[j, k] >= MIN_PRECISION), MAX_THRESHOLD)
        thresholds[concept] = round(max(best, floor), 2)
    return thresholds


def out_of_fold(items, texts, labels, concepts, repeat: int) -> np.ndarray:
    """Each message's probabilities from a model that never saw its writer (5 folds by writer).
    A writer's fold comes from their name and the repeat alone, so that a writer added to the
    sets moves no other writer to another fold; the repeats split the writers differently,
    and the thresholds are chosen on all of them together, so that no one split decides."""
    fold_of = {w: int(hashlib.sha256(f"{repeat}:{w}".encode("utf-8")).hexdigest(), 16) % FOLDS
               for w in {i["writer"] for i in items}}
    oof = np.zeros((len(items), len(concepts)))
    for fold in range(FOLDS):
        train = [i for i, item in enumerate(items) if fold_of[item["writer"]] != fold]
        held = [i for i, item in enumerate(items) if fold_of[item["writer"]] == fold]
        if not held:
            continue
        model = red_flag_model.fit([texts[i] for i in train], [labels[i] for i in train], concepts,
                                   {c: 0.5 for c in concepts}, "fold")
        probs = message_probabilities(model, [texts[i] for i in held])
        for j, concept in enumerate(concepts):
            if concept in model.concepts:
                oof[held, j] = probs[:, model.concepts.index(concept)]
    return oof


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=str(red_flag_model.MODEL_PATH))
    ap.add_argument("--report", action="store_true", help="print each concept's threshold")
    ap.add_argument("--without-dev", action="store_true",
                    help="leave the development half out too, to measure on it (not for the served model)")
    args = ap.parse_args(argv)

    learned = red_flags.learned_labels()           # blind label -> concepts
    concepts = sorted({c for cs in learned.values() for c in cs})
    items = examples(with_dev=not args.without_dev)
    texts = [red_flags.for_learning(normalise.normalise(i["text"]).text) for i in items]
    labels = [concept_labels(i["signs"], learned) for i in items]
    thresholds = choose_thresholds(items, texts, labels, concepts, red_flags.concept_levels())
    model = red_flag_model.fit(texts, labels, concepts, thresholds, fingerprint(items))
    red_flag_model.save(model, Path(args.out))
    counts = defaultdict(int)
    for lab in labels:
        for concept in lab:
            counts[concept] += 1
    print(f"{args.out}: {len(items)} utterances, {len(model.concepts)} concepts")
    if args.report:
        for concept in model.concepts:
            print(f"  {concept:28s} examples={counts[concept]:4d} threshold={model.thresholds[concept]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
