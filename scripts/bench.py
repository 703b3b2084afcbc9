"""Throughput and latency under load: the real servers, started as `make run`
starts them, driven by ../shared/eval/converse.py with many concurrent
conversations. Prints converse.py's SCORE line (msgs_per_s, p50_ms, p95_ms).

    python -m scripts.bench [--concurrency 20] [--repeat 4]
"""
from __future__ import annotations

import argparse
import subprocess
import sys

from scripts import serve
from tests import ports

CASES = serve.ROOT.parent / "shared" / "eval" / "examples.yml"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--concurrency", type=int, default=20)
    parser.add_argument("--repeat", type=int, default=4)
    parser.add_argument("--cases", default=str(CASES))
    args = parser.parse_args(argv)
    with serve.running(rasa_port=ports.rasa(ports.BENCH), action_port=ports.action(ports.BENCH)) as url:
        return subprocess.call([sys.executable, str(CASES.parent / "converse.py"), "--url", url,
                                "--cases", args.cases, "--repeat", str(args.repeat),
                                "--concurrency", str(args.concurrency)])


if __name__ == "__main__":
    sys.exit(main())
