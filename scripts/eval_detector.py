"""Warning-sign detection on the blind utterances of tests/blind/ (make eval-detector).

Each utterance was written from CLINICAL.md alone by a helper who never saw the
detector (tests/blind/BRIEF.md), and is read here as the interview reads it: its
warning-sign entities and the facts it states, and, for an utterance written as
the answer to a fact question (its `context`), that answer
(bot.interview.message_red_flags). Reported per half (the writers of dev/ and
of test/ differ): recall per level and per sign, and false alarms on messages
with no warning sign. Only the development half may be learned from, so only
its misses can be printed (--misses).

  python -m scripts.eval_detector [--split dev|test|all] [--misses] [--json FILE]
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

import yaml

from bot.levels import LEVELS, rank

BLIND = Path(__file__).resolve().parent.parent / "tests" / "blind"
SPANISH = {"es", "mixed"}
# The brief's contexts that name a question of the interview by another word.
_CONTEXT_SLOTS = {"meds": "medication", "medications": "medication", "painkillers": "medication"}


def load_split(split: str) -> list[dict]:
    utterances = []
    for path in sorted((BLIND / split).glob("*.yml")):
        utterances += yaml.safe_load(path.read_text(encoding="utf-8"))["utterances"]
    return utterances


def sign_rules() -> dict[str, set[str]]:
    signs = yaml.safe_load((BLIND / "labels.yml").read_text(encoding="utf-8"))["signs"]
    return {sign: set(entry["rules"]) for sign, entry in signs.items()}


def judge(utterances: list[dict]) -> list[dict]:
    from bot import interview
    from bot.levels import highest

    results = []
    for u in utterances:
        context = u.get("context")
        flags = interview.message_red_flags(u["text"], _CONTEXT_SLOTS.get(context, context))
        results.append({"id": u["id"], "expect": u["level"], "signs": list(u.get("signs") or []),
                        "lang": u.get("lang", "en"), "style": list(u.get("style") or []),
                        "got": highest(f.level for f in flags), "rules": sorted({f.id for f in flags})})
    return results


def _share(hits: int, total: int) -> str:
    return f"{hits}/{total} ({100 * hits / total:.0f}%)" if total else "n/a"


def summary(results: list[dict], rules_of: dict[str, set[str]]) -> dict:
    by_level = {}
    for level in LEVELS[1:]:
        pool = [r for r in results if r["expect"] == level]
        by_level[level] = {"n": len(pool),
                           "reached": sum(rank(r["got"]) >= rank(level) for r in pool),
                           "exact": sum(r["got"] == level for r in pool)}
    benign = [r for r in results if r["expect"] == "self_care"]
    emergencies = [r for r in results if r["expect"] == "emergency"]
    per_sign: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for r in results:
        for sign in r["signs"]:
            per_sign[sign][0] += 1
            per_sign[sign][1] += bool(rules_of.get(sign, set()) & set(r["rules"]))
    return {
        "n": len(results),
        "levels": by_level,
        "emergency_recall": [sum(r["got"] == "emergency" for r in emergencies), len(emergencies)],
        "emergency_recall_spanish": [sum(r["got"] == "emergency" for r in emergencies if r["lang"] in SPANISH),
                                     sum(r["lang"] in SPANISH for r in emergencies)],
        "under_triaged": sum(rank(r["got"]) < rank(r["expect"]) for r in results),
        "benign_escalated": [sum(rank(r["got"]) >= rank("urgent") for r in benign), len(benign)],
        "benign_flagged": [sum(rank(r["got"]) >= rank("see_doctor") for r in benign), len(benign)],
        "signs": {sign: per_sign[sign] for sign in rules_of if sign in per_sign},
    }


def print_summary(name: str, s: dict) -> None:
    print(f"\n## {name}: {s['n']} utterances\n")
    print("| measure | result |\n|---|---|")
    print(f"| emergency messages read as emergency | {_share(*s['emergency_recall'])} |")
    print(f"| ... of them in Spanish or mixed | {_share(*s['emergency_recall_spanish'])} |")
    for level, v in s["levels"].items():
        print(f"| {level} messages reaching at least {level} | {_share(v['reached'], v['n'])} |")
    print(f"| under-triaged messages (all levels) | {s['under_triaged']} |")
    print(f"| benign messages escalated to urgent or emergency | {_share(*s['benign_escalated'])} |")
    print(f"| benign messages given any warning sign | {_share(*s['benign_flagged'])} |")
    print("\n| sign | found |\n|---|---|")
    for sign, (total, hits) in s["signs"].items():
        print(f"| {sign} | {_share(hits, total)} |")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", choices=("dev", "test", "fresh", "all"), default="all")
    ap.add_argument("--misses", action="store_true", help="print the development half's misses")
    ap.add_argument("--json", default=None, help="write the summaries here")
    args = ap.parse_args(argv)

    rules_of = sign_rules()
    report = {}
    for split in (("dev", "test", "fresh") if args.split == "all" else (args.split,)):
        results = judge(load_split(split))
        report[split] = summary(results, rules_of)
        print_summary(split, report[split])
        if args.misses and split == "dev":
            texts = {u["id"]: u["text"] for u in load_split("dev")}
            print("\n### development-half misses and false alarms\n")
            for r in results:
                missed = [s for s in r["signs"] if not rules_of.get(s, set()) & set(r["rules"])]
                if rank(r["got"]) < rank(r["expect"]) or (r["expect"] == "self_care" and r["got"] != "self_care") \
                        or missed:
                    print(f"- {r['id']} expect={r['expect']} got={r['got']} rules={r['rules']} "
                          f"missed={missed}: {texts[r['id']]}")
    if args.json:
        write_report(args.json, report)
    return 0


def write_report(path: str, report: dict) -> None:
    """The summaries, as JSON (`--json`)."""
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    Path(path).write_text(json.dumps(report, indent=1), encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
