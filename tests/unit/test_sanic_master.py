"""The Rasa server's master with several workers (scripts/sanic_master.py): once the
workers run, it is a small waiter that passes stop signals on and waits for them."""
from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from scripts import sanic_master

ROOT = Path(__file__).resolve().parents[2]

# A Sanic app with two workers, started as scripts/launch.py starts the Rasa server.
APP = """
import gc, os, sys
from scripts import sanic_master
if sys.argv[2] == "slim":
    assert sanic_master.install()
from sanic import Sanic, response
app = Sanic("slim_master_test")
app.config.ACCESS_LOG = False
@app.get("/")
async def who(request):
    return response.json({"pid": os.getpid(), "frozen": gc.get_freeze_count()})
if sys.argv[3] == "main_stop":
    @app.main_process_stop
    async def stopped(app, loop):
        print("main_process_stop ran", flush=True)
app.run(host="127.0.0.1", port=int(sys.argv[1]), workers=2)
"""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _ask(port: int, timeout: float = 60.0) -> dict:
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as answer:
                return json.loads(answer.read())
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def _cmdline(pid: int) -> list[str]:
    with open(f"/proc/{pid}/cmdline", "rb") as fh:
        return fh.read().decode().split("\0")[:-1]


def _workers(pid: int) -> set[int]:
    found = set()
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                with open(f"/proc/{name}/stat", "rb") as fh:
                    stat = fh.read()
            except OSError:
                continue
            if int(stat[stat.rindex(b")") + 2:].split()[1]) == pid:
                found.add(int(name))
    return found


@pytest.fixture
def server():
    started = []

    def start(mode: str, listener: str = "none"):
        port = _free_port()
        process = subprocess.Popen([sys.executable, "-c", APP, str(port), mode, listener],
                                   cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)},
                                   stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        started.append(process)
        # every worker serving (a stop signal sent before a worker has set its own
        # handlers is lost, under Sanic's master as under the waiter)
        deadline, seen = time.monotonic() + 60, set()
        while len(seen) < 2:
            assert time.monotonic() < deadline, f"only {seen} answered"
            seen.add(_ask(port)["pid"])
        return process, port

    yield start
    for process in started:
        if process.poll() is None:
            for worker in _workers(process.pid):
                os.kill(worker, signal.SIGKILL)
            process.kill()
            process.wait()


def _stop(process: subprocess.Popen) -> str:
    process.send_signal(signal.SIGTERM)
    output, _ = process.communicate(timeout=60)
    return output


def test_once_the_workers_run_the_master_is_the_small_waiter(server):
    process, port = server("slim")
    workers = _workers(process.pid)
    assert len(workers) == 2
    # the same process, now `python -I -S scripts/sanic_master.py <its workers>`
    command = _cmdline(process.pid)
    assert command[1:4] == ["-I", "-S", sanic_master.__file__]
    assert {int(pid) for pid in command[4:]} == workers
    answer = _ask(port)
    assert answer["pid"] in workers
    # what the master had imported was frozen before the fork: the workers'
    # collector never walks it
    assert answer["frozen"] > 0
    output = _stop(process)
    assert process.returncode == 0
    assert "Received signal SIGTERM. Shutting down." in output
    assert output.rstrip().endswith("Server Stopped")
    assert not any(os.path.exists(f"/proc/{pid}") and _cmdline(pid) for pid in workers)


def test_the_waiter_goes_on_while_one_worker_still_serves(server):
    process, port = server("slim")
    first, second = sorted(_workers(process.pid))
    os.kill(first, signal.SIGKILL)
    deadline = time.monotonic() + 30
    while _workers(process.pid) != {second}:     # the waiter reaps the dead one
        assert time.monotonic() < deadline
        time.sleep(0.1)
    assert _ask(port)["pid"] == second           # as under Sanic's master: one worker serves
    assert process.poll() is None
    _stop(process)
    assert process.returncode == 0


def test_sanics_own_master_when_a_listener_must_run_in_it_after_the_workers(server):
    process, _ = server("slim", "main_stop")
    assert sanic_master.__file__ not in _cmdline(process.pid)
    output = _stop(process)
    assert process.returncode == 0
    assert "main_process_stop ran" in output


def test_without_it_the_master_keeps_everything_it_imported(server):
    """The control: Sanic's own master stays the process that imported the app."""
    process, _ = server("sanic")
    assert sanic_master.__file__ not in _cmdline(process.pid)
    # (no graceful stop: stock Sanic's own shutdown is not what this checks, and under load it
    # once took over a minute in CI; the fixture kills the master and its workers)


def test_only_on_the_sanic_it_was_written_for(monkeypatch):
    import sanic
    import sanic.app

    monkeypatch.setattr(sanic, "__version__", "22.0.0")
    before = sanic.app.serve_multiple
    assert sanic_master.install() is False
    assert sanic.app.serve_multiple is before


def test_the_launcher_installs_it_in_the_rasa_server_only(monkeypatch):
    from bot import log_privacy, rasa_speedups
    from channels import delivery, in_process_actions
    from scripts import launch, tensorflow_stand_in

    installed = []
    for module in (sanic_master, tensorflow_stand_in, rasa_speedups, in_process_actions,
                   log_privacy):
        monkeypatch.setattr(module, "install", lambda m=module: installed.append(m.__name__))
    monkeypatch.setattr(delivery, "answer_failed_action_calls", lambda: None)
    monkeypatch.setattr(launch, "preload_for_workers", lambda: None)
    monkeypatch.setattr(launch.runpy, "run_module", lambda *a, **k: None)
    monkeypatch.setattr(sys, "meta_path", list(sys.meta_path))
    monkeypatch.setattr(sys, "argv", ["launch", "rasa", "run", "--enable-api"])
    launch.main()
    assert "scripts.sanic_master" in installed
    installed.clear()
    monkeypatch.setattr(sys, "argv", ["launch", "rasa_sdk", "--actions", "actions"])
    launch.main()
    assert "scripts.sanic_master" not in installed
