"""Build the word lists the text normaliser needs, from installed packages only.

  python scripts/build_language.py var/language

Writes, from spacy-lookups-data (installed from PyPI, nothing downloaded here):
- es_frequency.txt: the most frequent Spanish words with a count, for recognising
  Spanish words (never "corrected" into English) and correcting Spanish typos;
- en_lemmas.tsv: English word -> lemma (spaCy's lookup lemmatizer table).
symspellpy ships its own English frequency dictionary, used as is.
"""
from __future__ import annotations

import gzip
import json
import math
import re
import sys
from pathlib import Path

import spacy_lookups_data

SPANISH_WORDS = 150_000
_WORD = re.compile(r"[a-záéíóúüñ]{2,}")


def _table(name: str) -> dict:
    path = Path(spacy_lookups_data.__file__).parent / "data" / f"{name}.json.gz"
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        return json.load(fh)


def main(out: str) -> int:
    target = Path(out)
    target.mkdir(parents=True, exist_ok=True)
    probs = _table("es_lexeme_prob")
    words = sorted(((w, p) for w, p in probs.items() if _WORD.fullmatch(w)), key=lambda wp: -wp[1])
    with (target / "es_frequency.txt").open("w", encoding="utf-8") as fh:
        for word, logprob in words[:SPANISH_WORDS]:
            fh.write(f"{word} {max(1, int(math.exp(logprob) * 1e10))}\n")
    lemmas = _table("en_lemma_lookup")
    with (target / "en_lemmas.tsv").open("w", encoding="utf-8") as fh:
        for word, lemma in sorted(lemmas.items()):
            if word.isalpha() and lemma.isalpha() and word.lower() == word:
                fh.write(f"{word}\t{lemma.lower()}\n")
    print(f"{target}: {min(len(words), SPANISH_WORDS)} Spanish words, {len(lemmas)} English lemmas")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "var/language"))
