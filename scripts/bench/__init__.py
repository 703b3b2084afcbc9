"""`make bench`: our assistant against the stock `rasa init` bot, in one run.

Both bots run on this machine one after the other, each driven by the same
load generator (scripts/bench/load.py) over the REST channel with complete
multi-turn conversations and no tracker reads: ours replays interviews
recorded from the self-care and see-a-doctor cases of
../shared/eval/examples.yml and tests/cases/cases.yml (scripts/bench/record.py)
through to an assessment and a booking; the stock bot, created and trained
once with the same Rasa in var/bench/stock-rasa-<version>/
(scripts/bench/stock.py), its own stories. For each bot and load level:
latency per turn (p50, p95, p99), messages per second, CPU per message; for
each bot: cold start (process start to the first answered message) and peak
memory of all its processes (scripts/bench/processes.py). Results
(scripts/bench/report.py): var/bench/report.json, var/bench/bench.png,
var/bench/table.md (the README's table), the ratios ours / stock and issue
9's targets on standard output.

    python -m scripts.bench [--concurrency 1,20] [--messages N] [--only ours|stock]
                            [--scripts var/bench/scripts.json] [--readme]

Ports: tests/ports.py's BENCH (ours) and BENCH_STOCK slots, so a run never
meets `make test`'s servers (HEADACHE_TEST_PORT_BASE moves them all).
"""
