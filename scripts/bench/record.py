"""Our conversations, recorded: ../shared/eval/converse.py walks each
self-care and see-a-doctor case of ../shared/eval/examples.yml and
tests/cases/cases.yml through the interview, the assessment and a booking
(reading `requested_slot` from the tracker to choose each answer, as a client
may), and the messages it sent become a script the load generator replays
without reading anything back.

The scripts are kept in var/bench/scripts.json (`save`, `load`), so that a later
run can replay the very same conversations (`python -m scripts.bench --scripts
var/bench/scripts.json`): before and after a change, say.

    {"format": "headache-bench-scripts/1", "recorded": "<date>",
     "scripts": [{"name": "<case id>", "turns": ["<what the person wrote>", ...],
                  "outcome": {"triage": "self_care", "booked": true}}, ...]}
"""
from __future__ import annotations

import concurrent.futures
import functools
import importlib.util
import json
from pathlib import Path
from typing import Optional, Sequence

import yaml

from bot import levels
from scripts.bench.load import Script

ROOT = Path(__file__).resolve().parents[2]
SHARED_EVAL = ROOT.parent / "shared" / "eval"
CASE_FILES = (SHARED_EVAL / "examples.yml", ROOT / "tests" / "cases" / "cases.yml")
KINDS = ("self_care", "see_doctor")
FORMAT = "headache-bench-scripts/1"


@functools.lru_cache(maxsize=1)
def converse_module():
    spec = importlib.util.spec_from_file_location("converse", SHARED_EVAL / "converse.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def cases(kinds: Sequence[str] = KINDS) -> list[dict]:
    found = []
    for path in CASE_FILES:
        for case in yaml.safe_load(path.read_text())["cases"]:
            if case["expect"] in kinds:
                # through to a booking: the case's patient accepts the offer
                found.append({**case, "book": True})
    return found


def outcome(replies: Sequence[Sequence[dict]]) -> dict:
    """How a conversation ended: the highest triage assessed, whether a booking was stored."""
    payloads = [m["custom"] for turn in replies for m in turn
                if isinstance(m.get("custom"), dict)]
    assessed = [p.get("triage") for p in payloads if p.get("type") == "headache_assessment"]
    return {"triage": levels.highest(assessed) if assessed else None,
            "booked": any(p.get("type") == "booking_request" and p.get("reference")
                          for p in payloads)}


def record(url: str, token: str, kinds: Sequence[str] = KINDS, concurrency: int = 4
           ) -> list[Script]:
    converse = converse_module()
    bot = converse.Bot(url, token, timeout=120)

    def one(case: dict) -> Script:
        result = converse.run_case(bot, case, max_turns=40, tag="record")
        if result["error"]:
            raise RuntimeError(f"recording {case['id']} failed: {result['error']}")
        turns = tuple(turn["user"] for turn in result["transcript"])
        ended = {"triage": result["triage"],
                 "booked": any(b.get("reference") for b in result["bookings"])}
        return Script(case["id"], turns, ended)

    with concurrent.futures.ThreadPoolExecutor(concurrency) as pool:
        return list(pool.map(one, cases(kinds)))


def save(path: Path, scripts: Sequence[Script], recorded: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"format": FORMAT, "recorded": recorded,
                                "scripts": [s.as_dict() for s in scripts]}, indent=1,
                               ensure_ascii=False))


def load(path: Path) -> list[Script]:
    """The scripts of a file written by `save`, each checked (Script.from_dict),
    with a known outcome when one was recorded."""
    found = json.loads(Path(path).read_text())
    if not isinstance(found, dict) or found.get("format") != FORMAT:
        raise ValueError(f"{path}: not a {FORMAT} file")
    scripts = [Script.from_dict(entry) for entry in found.get("scripts") or []]
    if not scripts:
        raise ValueError(f"{path}: no scripts")
    for script in scripts:
        check_outcome(script.name, script.outcome)
    return scripts


def check_outcome(name: str, ended: Optional[dict]) -> None:
    if ended is None:
        return
    if set(ended) != {"triage", "booked"} or not isinstance(ended["booked"], bool) \
            or ended["triage"] not in (*levels.LEVELS, None):
        raise ValueError(f"script {name}: outcome is {{triage: <level or null>, booked: "
                         f"true/false}}, not {ended!r}")
