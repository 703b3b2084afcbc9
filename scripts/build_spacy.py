"""Build the spaCy pipeline Rasa's SpacyNLP loads: a blank English pipeline
with a sentencizer, saved under var/. Nothing is downloaded."""
from __future__ import annotations

import sys
from pathlib import Path

import spacy


def build(target: Path) -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.meta.update({"name": "en_headache", "version": "1.0.0",
                     "description": "Blank English tokenizer + sentencizer for the headache assistant"})
    target.parent.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(target)


if __name__ == "__main__":
    build(Path(sys.argv[1] if len(sys.argv) > 1 else "var/spacy/en_headache"))
