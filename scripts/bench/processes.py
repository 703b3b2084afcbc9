"""What a group of server processes costs: resident memory and CPU time, read
from /proc (Linux), for a process and every process it forked (Sanic workers).

Memory is reported two ways: the sum of RSS (each process's resident pages,
so pages that forked workers share are counted once per process) and the sum
of PSS (each shared page divided among the processes sharing it: what the
group really occupies)."""
from __future__ import annotations

import os
import threading
import time
from dataclasses import dataclass
from typing import Callable, Iterable

PAGE = os.sysconf("SC_PAGE_SIZE")
TICKS = os.sysconf("SC_CLK_TCK")


def _children() -> dict[int, list[int]]:
    found: dict[int, list[int]] = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat", "rb") as fh:
                stat = fh.read()
        except OSError:
            continue
        parent = int(stat[stat.rindex(b")") + 2:].split()[1])
        found.setdefault(parent, []).append(int(name))
    return found


def tree(roots: Iterable[int]) -> list[int]:
    """`roots` and all their descendants that are alive."""
    children = _children()
    found, todo = [], [pid for pid in roots if pid and os.path.exists(f"/proc/{pid}")]
    while todo:
        pid = todo.pop()
        if pid not in found:
            found.append(pid)
            todo.extend(children.get(pid, ()))
    return found


def _field(path: str, name: str) -> int:
    """A `Name:  <n> kB` field of a /proc file, in bytes (0 when gone)."""
    try:
        with open(path) as fh:
            for line in fh:
                if line.startswith(name + ":"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def cpu_seconds(pids: Iterable[int]) -> float:
    """User + system CPU time of `pids` so far."""
    total = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat", "rb") as fh:
                fields = fh.read().rsplit(b")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])   # utime, stime
    return total / TICKS


def machine_busy_seconds() -> float:
    """CPU time every process of the machine has used so far, all cores
    (/proc/stat: user, nice, system, irq, softirq, steal)."""
    with open("/proc/stat") as fh:
        fields = [int(x) for x in fh.readline().split()[1:]]
    user, nice, system, _idle, _iowait, irq, softirq, steal = (fields + [0] * 8)[:8]
    return (user + nice + system + irq + softirq + steal) / TICKS


@dataclass
class Memory:
    rss: int = 0
    pss: int = 0
    processes: int = 0


def memory(pids: Iterable[int]) -> Memory:
    pids = list(pids)
    return Memory(rss=sum(_field(f"/proc/{p}/status", "VmRSS") for p in pids),
                  pss=sum(_field(f"/proc/{p}/smaps_rollup", "Pss") for p in pids),
                  processes=len(pids))


class Sampler:
    """Samples the memory of the processes `roots()` names (and their
    descendants) every `interval` seconds in a thread; keeps the peaks."""

    def __init__(self, roots: Callable[[], Iterable[int]], interval: float = 0.5) -> None:
        self.roots = roots
        self.interval = interval
        self.peak_rss = self.peak_pss = self.peak_processes = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="memory-sampler", daemon=True)

    def __enter__(self) -> "Sampler":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()
        self.sample()

    def pids(self) -> list[int]:
        return tree(self.roots())

    def sample(self) -> None:
        now = memory(self.pids())
        self.peak_rss = max(self.peak_rss, now.rss)
        self.peak_pss = max(self.peak_pss, now.pss)
        self.peak_processes = max(self.peak_processes, now.processes)

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            started = time.monotonic()
            self.sample()
            # smaps_rollup walks page tables: never let sampling eat a core
            self._stop.wait(min(2.0, 4 * (time.monotonic() - started)))
