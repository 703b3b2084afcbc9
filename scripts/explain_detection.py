"""Why the detector reads a message as it does (for developers; reads stdin lines).

  echo "my arm went numb" | python -m scripts.explain_detection
"""
from __future__ import annotations

import sys

from bot import normalise, red_flag_model, red_flags


def explain(text: str) -> None:
    read = normalise.normalise(text)
    print(f"\n> {text}\n  normalised: {read.text}  [{read.language}]")
    # what the learned layer reads: the lookalikes and pseudo-phrases blanked, as detection does
    blanked = red_flags.for_learning(read.text)
    if blanked != read.text:
        print(f"  learned layer reads: {' '.join(blanked.split())}")
    for m in red_flag_model.load().mentions(blanked):
        print(f"  learned {m.concept} p={m.probability:.2f} anchor={read.text[slice(*m.anchor)]!r} "
              f"evidence={read.text[slice(*m.evidence)]!r}")
    said = red_flags.message_mentions(text)
    for concept, start, end in said.affirmed:
        print(f"  AFFIRMED {concept}: {text[start:end]!r}")
    for concept, start, end in said.if_on_behalf:
        print(f"  if on behalf {concept}: {text[start:end]!r}")
    for concept, modifier, category in red_flags.modifiers_in(text):
        print(f"  context {category} {modifier!r} -> {concept}")
    print(f"  rules: {[f.id for f in red_flags.detect(text)]} proxy={said.on_behalf}")


if __name__ == "__main__":
    for line in sys.stdin:
        if line.strip():
            explain(line.strip())
