"""Replies to the warning-sign screens, on the blind replies of tests/blind/screen/.

Each reply was written from CLINICAL.md and the screens as the assistant sends them
(tests/blind/screen/BRIEF.md) by a helper who never saw this code, labelled with the
items it chooses (yes or unsure), "none", or "unclear". It is read here as the
conversation reads it: the warning-sign detector on the message (the SafetyPolicy
assesses every message, a screen reply too) and the screen's reading of the reply
(bot.screening.read_reply), every item of the screen shown, numbered as in the brief.

An outcome per reply:
- right: exactly what was labelled (a follow-up question for an "unclear" reply);
- asked again: a clear reply read as "which?" or "didn't catch that": one more turn;
- missed: an item labelled yes or unsure that neither the screen nor the detector
  fired, with no question asked again: the worst outcome;
- needless: a warning sign fired that the reply did not choose, or a higher level than
  the labelled items lead to (an "unclear" reply read as some item counts here too);
- other: the right level, other items (for example a detector's sign inside the item chosen).

  python -m scripts.eval_screen_replies [--split dev|test|all] [--misses] [--json FILE]
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

import yaml

from bot.levels import rank
from scripts.eval_detector import write_report

BLIND = Path(__file__).resolve().parent.parent / "tests" / "blind" / "screen"
OUTCOMES = ("right", "asked again", "missed", "needless", "other")


def load_split(split: str) -> list[dict]:
    replies = []
    for path in sorted((BLIND / split).glob("*.yml")):
        replies += yaml.safe_load(path.read_text(encoding="utf-8"))
    return replies


def _level(flags) -> str:
    return max((f.level for f in flags), key=rank, default="self_care")


def judge(replies: list[dict]) -> list[dict]:
    from bot import interview, red_flags, screening

    results = []
    for r in replies:
        screen = red_flags.screen(r["screen"])
        items = list(screen.items)
        text = str(r["text"])
        said = interview.message_red_flags(text)
        concepts = red_flags.concepts_in(text)
        reply = screening.read_reply(items, text, concepts, screen.intro)
        # YAML reads a bare yes as true
        expected = {items[int(n) - 1].id: "yes" if a is True else str(a) for n, a in (r.get("items") or {}).items()}
        want = red_flags.from_screen_answers(expected)
        got = said + (red_flags.from_screen_answers(reply.answers) if reply.kind == screening.CHOSEN else [])
        got_rules, want_rules = {f.id for f in got}, {f.id for f in want}
        asked = reply.kind in (screening.AFFIRM, screening.UNSURE, screening.CHECK, screening.UNKNOWN)
        if r["answer"] == "unclear":
            outcome = "needless" if got else ("right" if asked else "other")
        elif not want_rules <= got_rules:
            outcome = "asked again" if asked else "missed"
        elif rank(_level(got)) > rank(_level(want)) or (not want and got):
            outcome = "needless"
        elif asked and not got:
            outcome = "asked again"
        elif reply.kind == screening.CHOSEN and dict(reply.answers) == expected and not (got_rules - want_rules):
            outcome = "right"
        elif reply.kind == screening.NONE and not expected and not got:
            outcome = "right"
        else:
            outcome = "other"
        results.append({"id": r["id"], "screen": r["screen"], "answer": r["answer"], "outcome": outcome,
                        "kind": reply.kind, "chosen": dict(reply.answers), "expected": expected,
                        "detector": sorted({f.id for f in said})})
    return results


def summary(results: list[dict]) -> dict:
    by_answer = {answer: Counter(r["outcome"] for r in results if r["answer"] == answer)
                 for answer in ("none", "chosen", "unclear")}
    total = Counter(r["outcome"] for r in results)
    return {"replies": len(results), "outcomes": {o: total.get(o, 0) for o in OUTCOMES},
            "by_answer": {a: {o: c.get(o, 0) for o in OUTCOMES} for a, c in by_answer.items()}}


def print_summary(name: str, s: dict) -> None:
    print(f"\n## {name}: {s['replies']} replies\n")
    print("| labelled | " + " | ".join(OUTCOMES) + " |")
    print("|---|" + "---|" * len(OUTCOMES))
    for answer, counts in s["by_answer"].items():
        print(f"| {answer} | " + " | ".join(str(counts[o]) for o in OUTCOMES) + " |")
    print("| all | " + " | ".join(str(s["outcomes"][o]) for o in OUTCOMES) + " |")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", choices=("dev", "test", "all"), default="all")
    ap.add_argument("--misses", action="store_true", help="print the development half's wrong readings")
    ap.add_argument("--json", default=None, help="write the summaries here")
    args = ap.parse_args(argv)

    report = {}
    for split in (("dev", "test") if args.split == "all" else (args.split,)):
        replies = load_split(split)
        results = judge(replies)
        report[split] = summary(results)
        print_summary(split, report[split])
        if args.misses and split == "dev":
            texts = {r["id"]: r["text"] for r in replies}
            print("\n### development half: not right\n")
            for r in results:
                if r["outcome"] != "right":
                    print(f"- {r['id']} [{r['screen']}] {r['outcome']}: labelled {r['answer']} {r['expected']}, "
                          f"read {r['kind']} {r['chosen']} detector={r['detector']}: {texts[r['id']]!r}")
    if args.json:
        write_report(args.json, report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
