"""The benchmark's results: per bot and load level, the ratios ours / stock,
the targets of issue 9, a JSON report, a chart and a Markdown table (the one
README.md shows, between BEGIN and END below)."""
from __future__ import annotations

import datetime
import json
import math
import os
import platform
from pathlib import Path
from typing import Any, Optional, Sequence

from scripts.bench.load import Phase

# Issue 9's targets, on ratios ours / stock measured in the same run:
# (what, ratio key, sense, bound)
TARGETS = (
    ("throughput at concurrency 20 at least 2x stock", "c20_msgs_per_s", ">=", 2.0),
    ("p95 at concurrency 20 at most half of stock", "c20_p95", "<=", 0.5),
    ("cold start no worse than 0.35x stock", "cold_start", "<=", 0.35),
    ("memory (sum of RSS) no worse than 0.69x stock", "peak_rss", "<=", 0.69),
)
# ... and one absolute bound on ours.
P95_AT_1_MS = 100.0

BEGIN = "<!-- bench:begin (python -m scripts.bench --readme) -->"
END = "<!-- bench:end -->"


def percentile(values: Sequence[float], p: float) -> Optional[float]:
    """The nearest-rank percentile: the smallest value with at least p of all
    values at or below it (p between 0 and 1); None when there are none."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p * len(ordered)) - 1)]


def phase_summary(phase: Phase, cpu_s: float, diverged: int = 0,
                  others_s: Optional[float] = None) -> dict[str, Any]:
    latencies = phase.latencies

    def ms(p: float) -> Optional[float]:
        value = percentile(latencies, p)
        return None if value is None else round(value * 1000, 1)

    return {"concurrency": phase.concurrency, "conversations": len(phase.conversations),
            "messages": phase.messages, "errors": phase.errors, "diverged": diverged,
            "p50_ms": ms(0.50), "p95_ms": ms(0.95), "p99_ms": ms(0.99),
            # turns answered while every client was busy, over that time: the
            # tail where fewer clients are left is not throughput at this level
            "msgs_per_s": round(phase.saturated_messages / phase.saturated_s, 2)
            if phase.saturated_s > 0 else None,
            "wall_s": round(phase.wall_s, 1),
            "cpu_s": round(cpu_s, 1),
            # CPU time of all the bot's server processes per message: the cost
            # of a message in core-milliseconds, whatever the concurrency
            "cpu_ms_per_msg": round(1000 * cpu_s / phase.messages, 1) if phase.messages else None,
            # CPU the machine's other users took meanwhile, in cores: the noise
            "others_cores": round(max(0.0, others_s) / phase.wall_s, 2)
            if others_s is not None and phase.wall_s > 0 else None,
            "latencies_ms": [round(x * 1000, 1) for x in latencies]}


def machine() -> dict[str, Any]:
    model = ""
    try:
        with open("/proc/cpuinfo") as fh:
            model = next((line.split(":", 1)[1].strip() for line in fh
                          if line.startswith("model name")), "")
    except OSError:
        pass
    memory_gb = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2 ** 30
    return {"cores": os.cpu_count(), "cpu": model or platform.processor(),
            "memory_gb": round(memory_gb, 1), "system": f"{platform.system()} {platform.release()}",
            "python": platform.python_version()}


def ratio(ours: Optional[float], stock: Optional[float]) -> Optional[float]:
    """ours / stock, or None when either is missing or stock is 0."""
    return round(ours / stock, 3) if ours is not None and stock else None


def ratios(ours: dict, stock: dict) -> dict[str, Optional[float]]:
    """Every ratio ours / stock: `cold_start`, `peak_rss`, `peak_pss`, and per load
    level `c<level>_p50`, `_p95`, `_p99`, `_msgs_per_s`, `_cpu_ms_per_msg`."""
    found = {"cold_start": ratio(ours["cold_start_s"], stock["cold_start_s"]),
             "peak_rss": ratio(ours["peak_rss_mb"], stock["peak_rss_mb"]),
             "peak_pss": ratio(ours["peak_pss_mb"], stock["peak_pss_mb"])}
    for level, mine in ours["levels"].items():
        theirs = stock["levels"].get(level)
        if not theirs:
            continue
        for key in ("p50_ms", "p95_ms", "p99_ms"):
            found[f"c{level}_{key[:-3]}"] = ratio(mine[key], theirs[key])
        for key in ("msgs_per_s", "cpu_ms_per_msg"):
            found[f"c{level}_{key}"] = ratio(mine[key], theirs[key])
    return found


def meets(value: Optional[float], sense: str, bound: float) -> Optional[bool]:
    """Whether `value` holds `sense` (">=", "<=", "<") `bound`; None when not measured."""
    if value is None:
        return None
    return {">=": value >= bound, "<=": value <= bound, "<": value < bound}[sense]


def targets(ours: dict, found: dict) -> list[dict[str, Any]]:
    checks = [{"target": name, "value": found.get(key), "met": meets(found.get(key), sense, bound)}
              for name, key, sense, bound in TARGETS]
    at_one = (ours["levels"].get("1") or {}).get("p95_ms")
    checks.append({"target": f"p95 at concurrency 1 under {P95_AT_1_MS:.0f} ms (ours)",
                   "value": at_one, "met": meets(at_one, "<", P95_AT_1_MS)})
    return checks


def write(out: Path, report: dict[str, Any]) -> None:
    out.mkdir(parents=True, exist_ok=True)
    (out / "report.json").write_text(json.dumps(report, indent=1))
    (out / "table.md").write_text(table(report))
    chart(report, out / "bench.png")


def _number(value: Optional[float], unit: str = "") -> str:
    if value is None:
        return "-"
    text = f"{value:.3g}" if abs(value) < 100 else f"{value:.0f}"
    return text + unit


def _times(value: Optional[float]) -> str:
    return "-" if value is None else f"{value:.2f}x"


def table(report: dict[str, Any]) -> str:
    """The Markdown table: both bots, every load level, the ratios, the targets."""
    bots = report["bots"]
    ours, stock, r = bots.get("ours"), bots.get("stock"), report.get("ratios", {})
    if not (ours and stock):
        return ""
    m = report["machine"]
    lines = [f"Measured {report['date']} on {m['cores']} cores ({m['cpu']}), "
             f"{m['memory_gb']} GB, {m['system']}, Python {m['python']}; "
             "`make bench`, one run, the two bots one after the other"
             + (f"; ours with {ours['rasa_workers']} Rasa processes on a Redis lock store"
                if ours.get("rasa_workers", 1) > 1 else "")
             + ("; ours with its custom actions inside the Rasa server (no action server)"
                if ours.get("in_process") else "") + ".", "",
             "| | stock `rasa init` | ours | ours / stock |", "|---|---|---|---|"]
    for level in sorted(ours["levels"], key=int):
        a, b = ours["levels"][level], stock["levels"].get(level, {})
        lines.append(f"| concurrency {level}: p50 / p95 / p99 per turn | "
                     f"{_number(b.get('p50_ms'))} / {_number(b.get('p95_ms'))} / "
                     f"{_number(b.get('p99_ms'))} ms | "
                     f"{_number(a['p50_ms'])} / {_number(a['p95_ms'])} / "
                     f"{_number(a['p99_ms'])} ms | "
                     f"{_times(r.get(f'c{level}_p50'))} / {_times(r.get(f'c{level}_p95'))} / "
                     f"{_times(r.get(f'c{level}_p99'))} |")
        lines.append(f"| concurrency {level}: messages per second | "
                     f"{_number(b.get('msgs_per_s'))} | {_number(a['msgs_per_s'])} | "
                     f"{_times(r.get(f'c{level}_msgs_per_s'))} |")
        lines.append(f"| concurrency {level}: CPU per message (core-ms, all its processes) | "
                     f"{_number(b.get('cpu_ms_per_msg'))} | {_number(a['cpu_ms_per_msg'])} | "
                     f"{_times(r.get(f'c{level}_cpu_ms_per_msg'))} |")
        lines.append(f"| concurrency {level}: other processes' CPU meanwhile (cores, of "
                     f"{m['cores']}) | {_number(b.get('others_cores'))} | "
                     f"{_number(a.get('others_cores'))} | |")
        lines.append(f"| concurrency {level}: messages / conversations / errors / "
                     "ended unlike the recording | "
                     f"{b.get('messages', '-')} / {b.get('conversations', '-')} / "
                     f"{b.get('errors', '-')} / - | "
                     f"{a['messages']} / {a['conversations']} / {a['errors']} / "
                     f"{a['diverged']} | |")
    lines.append(f"| cold start (process start to first answer) | "
                 f"{_number(stock['cold_start_s'], ' s')} | "
                 f"{_number(ours['cold_start_s'], ' s')} | "
                 f"{_times(r.get('cold_start'))} |")
    lines.append(f"| peak memory, sum of RSS ({stock['processes']} / {ours['processes']} "
                 f"processes) | {stock['peak_rss_mb']} MB | {ours['peak_rss_mb']} MB | "
                 f"{_times(r.get('peak_rss'))} |")
    lines.append(f"| peak memory, sum of PSS (shared pages counted once) | "
                 f"{stock['peak_pss_mb']} MB | {ours['peak_pss_mb']} MB | "
                 f"{_times(r.get('peak_pss'))} |")
    lines.append(f"| conversations replayed (turns each, on average) | "
                 f"{stock['scripts']} ({_number(stock['turns_per_conversation'])}) | "
                 f"{ours['scripts']} ({_number(ours['turns_per_conversation'])}) | |")
    lines += ["", "| issue 9's target | measured | met |", "|---|---|---|"]
    verdict = {True: "yes", False: "**no**", None: "not measured"}
    for check in report.get("targets", []):
        unit = " ms" if check["target"].startswith("p95 at concurrency 1") else "x"
        value = "-" if check["value"] is None else f"{check['value']:.3g}{unit}"
        lines.append(f"| {check['target']} | {value} | {verdict[check['met']]} |")
    return "\n".join(lines) + "\n"


def with_table(readme: str, markdown: str) -> str:
    """`readme` with the text between BEGIN and END replaced by `markdown`."""
    start, end = readme.find(BEGIN), readme.find(END)
    if start < 0 or end < start:
        raise ValueError(f"README has no {BEGIN} ... {END} section")
    return readme[:start + len(BEGIN)] + "\n" + markdown.rstrip("\n") + "\n" + readme[end:]


def chart(report: dict[str, Any], path: Path) -> None:
    """Latency per turn (box plots, log scale) and throughput, side by side."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    bots = [name for name in ("stock", "ours") if name in report["bots"]]
    levels = sorted({lv for b in bots for lv in report["bots"][b]["levels"]}, key=int)
    colours = {"stock": "#9e9e9e", "ours": "#1f77b4"}
    fig, (left, right) = plt.subplots(1, 2, figsize=(12, 4.8))
    data, labels, boxcolours = [], [], []
    for level in levels:
        for bot in bots:
            phase = report["bots"][bot]["levels"].get(level)
            if phase and phase["latencies_ms"]:
                data.append(phase["latencies_ms"])
                labels.append(f"{bot}\nc={level}")
                boxcolours.append(colours[bot])
    if data:
        boxes = left.boxplot(data, labels=labels, whis=(5, 95), showfliers=False,
                             patch_artist=True)
        for patch, colour in zip(boxes["boxes"], boxcolours):
            patch.set_facecolor(colour)
        left.set_yscale("log")
    left.set_ylabel("latency per turn (ms, log scale)")
    left.set_title("Latency per turn (box: p25-p75, whiskers: p5-p95)")
    width = 0.38
    for i, bot in enumerate(bots):
        values = [report["bots"][bot]["levels"].get(lv, {}).get("msgs_per_s") or 0 for lv in levels]
        positions = [j + (i - 0.5) * width for j in range(len(levels))]
        bars = right.bar(positions, values, width, label=bot, color=colours[bot])
        right.bar_label(bars, fmt="%.1f")
    right.set_xticks(range(len(levels)))
    right.set_xticklabels([f"concurrency {lv}" for lv in levels])
    right.set_ylabel("messages per second")
    right.set_title("Throughput")
    right.legend()
    fig.suptitle(f"make bench, {report['date']}, {report['machine']['cores']} cores")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def now() -> str:
    return datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
