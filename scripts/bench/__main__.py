"""Run the benchmark (see scripts/bench/__init__.py)."""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
import uuid
from pathlib import Path
from typing import Any, Callable, Iterable, Optional, Sequence

from channels import in_process_actions
from scripts import serve
from scripts.bench import load, processes, record, report, stock
from scripts.bench.load import Script
from tests import ports

OUT = serve.VAR / "bench"
README = serve.ROOT / "README.md"
# Both bots: no telemetry, no TensorFlow chatter, no access log (ours sets the same)
QUIET_ENV = {"RASA_TELEMETRY_ENABLED": "false", "TF_CPP_MIN_LOG_LEVEL": "2",
             "SANIC_ACCESS_LOG": "False"}


def messages_for(concurrency: int, fixed: Optional[int]) -> int:
    """Turns per load level: enough for stable percentiles at each level."""
    return fixed or max(150, 40 * concurrency)


def first_answer(url: str, token: Optional[str], timeout: float = 300.0) -> None:
    """Wait until the bot answers a first message (the end of its cold start)."""
    client = load.Client(url, token)
    deadline = time.monotonic() + timeout
    sender = f"bench-cold-{uuid.uuid4().hex[:8]}"
    while True:
        try:
            replies, _ = client.send(sender, "hello")
            client.close()
            if replies:
                return
            raise RuntimeError("the first message got no answer")
        except (OSError, RuntimeError):
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def measure(name: str, url: str, token: Optional[str], scripts: Sequence[Script],
            roots: Callable[[], Iterable[int]], cold_start: float, levels: Sequence[int],
            fixed_messages: Optional[int], sampler: processes.Sampler) -> dict[str, Any]:
    """Every load level in turn (timed, no tracker reads), then the memory peak."""
    found: dict[str, Any] = {}
    for concurrency in levels:
        before = processes.cpu_seconds(processes.tree(roots()))
        machine_before = processes.machine_busy_seconds()
        own_before = processes.cpu_seconds([os.getpid()])
        phase = load.run(url, token, scripts, concurrency,
                         messages_for(concurrency, fixed_messages), f"{name}-c{concurrency}")
        cpu = processes.cpu_seconds(processes.tree(roots())) - before
        # the machine is shared: what everyone else (not the bot, not this load
        # generator) used meanwhile
        others = (processes.machine_busy_seconds() - machine_before - cpu
                  - (processes.cpu_seconds([os.getpid()]) - own_before))
        # a replay that ends unlike its recording measured another conversation
        diverged = sum(1 for c in phase.conversations if c.script.outcome is not None
                       and not c.error and record.outcome(c.replies) != c.script.outcome)
        found[str(concurrency)] = summary = report.phase_summary(phase, cpu, diverged,
                                                                 others_s=others)
        print(f"bench: {name} c={concurrency}: {summary['messages']} messages, "
              f"p50 {summary['p50_ms']} ms, p95 {summary['p95_ms']} ms, "
              f"p99 {summary['p99_ms']} ms, {summary['msgs_per_s']} msg/s, "
              f"{summary['cpu_ms_per_msg']} CPU ms/msg, other processes "
              f"{summary['others_cores']} cores, errors {summary['errors']}, "
              f"ended unlike the recording {diverged}", flush=True)
    sampler.sample()
    return {"cold_start_s": round(cold_start, 1),
            "peak_rss_mb": round(sampler.peak_rss / 2 ** 20),
            "peak_pss_mb": round(sampler.peak_pss / 2 ** 20),
            "processes": sampler.peak_processes,
            "scripts": len(scripts),
            "turns_per_conversation": round(sum(len(s.turns) for s in scripts) / len(scripts), 1),
            "levels": found}


def bench_ours(out: Path, levels: Sequence[int], fixed_messages: Optional[int],
               saved: Optional[Path], rasa_workers: int = 1, in_process: bool = False
               ) -> dict[str, Any]:
    """Our assistant as `make run` starts it (scripts/serve.py), on a database of
    its own under `out`; with `rasa_workers` above 1, that many Rasa processes
    (SANIC_WORKERS) on a throwaway Redis lock store, as README "Several servers"
    sets one machine up to use every core; with `in_process`, the custom actions
    run inside the Rasa server(s), with no action server
    (HEADACHE_ACTION_URL=in-process, channels/in_process_actions.py)."""
    settings = {"HEADACHE_ACTION_URL": in_process_actions.IN_PROCESS} if in_process else {}
    if rasa_workers > 1:
        from tests import redis    # the several-servers test's throwaway Redis

        with redis.throwaway(ports.other(ports.BENCH_REDIS)) as lock_store:
            return _bench_ours(out, levels, fixed_messages, saved, {
                **settings, "HEADACHE_LOCK_STORE_URL": lock_store.url,
                "SANIC_WORKERS": str(rasa_workers)})
    return _bench_ours(out, levels, fixed_messages, saved, settings)


def _bench_ours(out: Path, levels: Sequence[int], fixed_messages: Optional[int],
                saved: Optional[Path], settings: dict[str, str]) -> dict[str, Any]:
    out.mkdir(parents=True, exist_ok=True)
    database = out / "headache.db"
    for leftover in out.glob("headache.db*"):
        leftover.unlink()
    token = serve.api_token()
    started = time.perf_counter()
    with serve.running(rasa_port=ports.rasa(ports.BENCH), action_port=ports.action(ports.BENCH),
                       extra_env={**QUIET_ENV, **settings,
                                  "HEADACHE_DATABASE_URL": f"sqlite:///{database}"}) as url:
        first_answer(url, token)
        cold_start = time.perf_counter() - started
        print(f"bench: ours up, first answer after {cold_start:.1f} s", flush=True)

        def roots() -> list[int]:
            return [c.process.pid for c in url.supervisor.children if c.process]

        with processes.Sampler(roots) as sampler:
            if saved:
                scripts = record.load(saved)
                print(f"bench: ours: {len(scripts)} conversations from {saved}; warming up ...",
                      flush=True)
                load.run(url, token, scripts, 1, sum(len(s.turns) for s in scripts), "ours-warm")
            else:
                print("bench: ours: recording the conversations (the warm-up too) ...",
                      flush=True)
                scripts = record.record(url, token)
                record.save(out / "scripts.json", scripts, report.now())
            unfinished = [s.name for s in scripts if s.outcome and not s.outcome["booked"]]
            if unfinished:
                print(f"bench: warning: recorded without a booking: {unfinished}", flush=True)
            result = measure("ours", url, token, scripts, roots, cold_start, levels,
                             fixed_messages, sampler)
        if url.supervisor.failure or any(c.restarts for c in url.supervisor.children):
            raise RuntimeError("one of our servers exited during the benchmark: see var/log/")
    return result


def bench_stock(out: Path, levels: Sequence[int], fixed_messages: Optional[int]
                ) -> dict[str, Any]:
    """The stock `rasa init` bot: one `rasa run`, as its project sets it up."""
    env = {**os.environ, **QUIET_ENV}
    model = stock.model(env)
    port = ports.rasa(ports.BENCH_STOCK)
    serve.ensure_free(port)
    out.mkdir(parents=True, exist_ok=True)
    url = f"http://127.0.0.1:{port}"
    with open(out / "stock.log", "wb") as log:
        started = time.perf_counter()
        process = subprocess.Popen(stock.command(port, model), cwd=model.parent.parent, env=env,
                                   stdout=log, stderr=subprocess.STDOUT,
                                   preexec_fn=serve._die_with_parent)
    try:
        serve.wait_for(f"{url}/", process, timeout=600)
        first_answer(url, None)
        cold_start = time.perf_counter() - started
        print(f"bench: stock up, first answer after {cold_start:.1f} s", flush=True)
        with processes.Sampler(lambda: [process.pid]) as sampler:
            scripts = stock.scripts(model.parent.parent)
            print(f"bench: stock: {len(scripts)} conversations; warming up ...", flush=True)
            load.run(url, None, scripts, 1, sum(len(s.turns) for s in scripts), "stock-warm")
            return measure("stock", url, None, scripts, lambda: [process.pid], cold_start,
                           levels, fixed_messages, sampler)
    finally:
        serve._stop(process)


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(description="ours against the stock rasa init bot")
    parser.add_argument("--concurrency", default=os.environ.get("BENCH_CONCURRENCY", "1,20"),
                        help="load levels, comma-separated (default 1,20, or $BENCH_CONCURRENCY)")
    parser.add_argument("--messages", type=int, default=None,
                        help="turns per load level (default max(150, 40 x concurrency))")
    parser.add_argument("--only", choices=("ours", "stock"), default=None)
    parser.add_argument("--scripts", type=Path, default=None,
                        help="replay these recorded conversations (a scripts.json of an "
                             "earlier run) instead of recording them afresh")
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--rasa-workers", type=int,
                        default=int(os.environ.get("BENCH_RASA_WORKERS", "1")),
                        help="Rasa processes of ours (SANIC_WORKERS, on a throwaway Redis lock "
                             "store when above 1; default 1, or $BENCH_RASA_WORKERS)")
    parser.add_argument("--in-process", action="store_true",
                        default=os.environ.get("BENCH_IN_PROCESS") == "1",
                        help="ours with the custom actions inside the Rasa server(s), no action "
                             "server (HEADACHE_ACTION_URL=in-process; or $BENCH_IN_PROCESS=1)")
    parser.add_argument("--readme", action="store_true",
                        help="also put the table into README.md")
    parser.add_argument("--require-targets", action="store_true",
                        help="exit 1 unless every target of issue 9 is met")
    args = parser.parse_args(argv)
    levels = [int(x) for x in args.concurrency.split(",") if x.strip()]
    result: dict[str, Any] = {"date": report.now(), "machine": report.machine(),
                              "concurrency": levels, "bots": {}}
    bots = result["bots"]
    if args.only in (None, "ours"):
        bots["ours"] = bench_ours(args.out, levels, args.messages, args.scripts,
                                  args.rasa_workers, args.in_process)
        bots["ours"]["rasa_workers"] = args.rasa_workers
        bots["ours"]["in_process"] = args.in_process
    if args.only in (None, "stock"):
        bots["stock"] = bench_stock(args.out, levels, args.messages)
    if "ours" in bots and "stock" in bots:
        result["ratios"] = report.ratios(bots["ours"], bots["stock"])
        result["targets"] = report.targets(bots["ours"], result["ratios"])
    report.write(args.out, result)
    table = report.table(result)
    print("\n" + table, flush=True)
    print(f"bench: {args.out / 'report.json'}, {args.out / 'bench.png'}, "
          f"{args.out / 'table.md'}", flush=True)
    if args.readme and table:
        README.write_text(report.with_table(README.read_text(), table))
        print(f"bench: table written into {README}", flush=True)
    errors = sum(level["errors"] for bot in bots.values() for level in bot["levels"].values())
    if errors:
        print(f"bench: {errors} conversations failed: the figures are not comparable",
              file=sys.stderr, flush=True)
        return 1
    if args.require_targets and not all(t["met"] for t in result.get("targets", [{"met": False}])):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
