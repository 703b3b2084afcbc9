"""The learned layer's features, computed directly, are scikit-learn's."""
from pathlib import Path

import numpy as np
import pytest
import yaml
from scipy.sparse import hstack

from bot import normalise, red_flag_model

BLIND_DEV = Path(__file__).resolve().parents[1] / "blind" / "dev"


def test_vectors_are_the_fitted_union_s_transform():
    model = red_flag_model.load()
    texts = [normalise.normalise(u["text"]).text
             for path in sorted(BLIND_DEV.glob("*.yml"))[:4]
             for u in yaml.safe_load(path.read_text(encoding="utf-8"))["utterances"]]
    texts += ["", "no", "?!", "a", "seeing seeing seeing double double"]   # nothing known; repeats
    theirs = hstack([part.transform(texts) for _, part in model.features.transformer_list]).tocsr()
    ours = model.vectors(texts)
    assert ours.shape == theirs.shape
    assert np.abs((ours - theirs).toarray()).max() == pytest.approx(0.0, abs=1e-12)
    assert ours.nnz == theirs.nnz
