"""The real servers, started by the run command's code path, driven through
patient cases by ../shared/eval/converse.py over the REST channel."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from scripts import serve
from tests import ports

ROOT = Path(__file__).resolve().parents[2]
SHARED_EVAL = ROOT.parent / "shared" / "eval"
CASE_FILES = {
    "examples": SHARED_EVAL / "examples.yml",
    "own": ROOT / "tests" / "cases" / "cases.yml",
    "probes": ROOT / "tests" / "cases" / "probes.yml",
}


@pytest.fixture(scope="module")
def bot_url():
    with serve.running(rasa_port=ports.rasa(ports.CONVERSE),
                       action_port=ports.action(ports.CONVERSE)) as url:
        yield url


@pytest.mark.parametrize("name", sorted(CASE_FILES))
def test_every_case_passes(bot_url: str, name: str) -> None:
    _converse(bot_url, name)


def test_the_examples_pass_with_the_actions_run_in_process() -> None:
    """HEADACHE_ACTION_URL=in-process (channels/in_process_actions.py): no action
    server is started, and the Rasa server, running the same actions itself, ends
    every example as the two servers do (assessments, emergencies, bookings)."""
    with serve.running(rasa_port=ports.rasa(ports.IN_PROCESS), action_port=ports.action(ports.IN_PROCESS),
                       extra_env={"HEADACHE_ACTION_URL": "in-process"}) as url:
        assert [child.name for child in url.supervisor.children] == ["Rasa server"]
        _converse(url, "examples", "converse-examples-in-process")


def _converse(bot_url: str, name: str, result_name: str = "") -> None:
    cases = CASE_FILES[name]
    if not cases.exists():
        pytest.fail(f"{cases} is missing (CI places ../shared beside the repo)")
    out = ROOT / "var" / "results" / f"{result_name or 'converse-' + name}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    result = subprocess.run(
        [sys.executable, str(SHARED_EVAL / "converse.py"), "--url", bot_url,
         "--cases", str(cases), "--require-all", "--json", str(out), "-v"],
        capture_output=True, text=True, timeout=900,
        env={**os.environ, "HEADACHE_API_TOKEN": serve.api_token()})
    print(result.stdout)
    score = [line for line in result.stdout.splitlines() if line.startswith("SCORE")]
    assert result.returncode == 0, "\n".join([*score, result.stdout[-6000:], result.stderr[-2000:]])
