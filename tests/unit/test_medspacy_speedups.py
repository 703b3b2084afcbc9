"""medspaCy's RegexMatcher, taking the Doc's text once, matches exactly as before."""
from pathlib import Path

import yaml

from bot import medspacy_speedups, normalise, red_flags

BLIND_DEV = Path(__file__).resolve().parents[1] / "blind" / "dev"


def _regex_matchers(nlp):
    """The RegexMatcher inside each target matcher and inside ConText (name-mangled)."""
    for _, component in nlp.pipeline:
        for holder in vars(component).values():
            if type(holder).__name__ == "MedspacyMatcher":
                yield holder._MedspacyMatcher__regex_matcher


def test_the_patched_matcher_matches_as_medspacy_s_own():
    assert medspacy_speedups.install()
    from medspacy.common.regex_matcher import RegexMatcher

    original = RegexMatcher.__call__.original
    nlp = red_flags._pipeline()
    matchers = list(_regex_matchers(nlp))
    assert len(matchers) > 10          # the concepts' and the context rules' matchers
    texts = [normalise.normalise(u["text"]).text
             for path in sorted(BLIND_DEV.glob("*.yml"))[:6]
             for u in yaml.safe_load(path.read_text(encoding="utf-8"))["utterances"]]
    compared = 0
    for text in texts:
        doc = nlp.make_doc(text)
        for matcher in matchers:
            assert matcher(doc) == original(matcher, doc)
            compared += 1
    assert compared > 1000
