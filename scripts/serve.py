"""Start the assistant: migrate storage, then the action server and the Rasa
server, each bound to loopback; wait until both answer their health checks.

`make run` and the end-to-end tests use this same code path:

    python -m scripts.serve                 # foreground until Ctrl-C
    python -m scripts.serve --shell         # talk in the terminal
"""
from __future__ import annotations

import argparse
import contextlib
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Iterator, Optional

import yaml
from sqlalchemy.engine import make_url

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bot.storage import db  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
VAR = ROOT / "var"
BIN = Path(sys.executable).parent
MODEL = ROOT / "models" / "headache.tar.gz"


def endpoints_file(database_url: Optional[str], action_port: int = 5055,
                   rasa_port: int = 5005) -> Path:
    """var/endpoints-<port>.yml: endpoints.yml with this action server and, when
    `database_url` is given, the tracker store on that database."""
    endpoints = yaml.safe_load((ROOT / "endpoints.yml").read_text())
    endpoints["action_endpoint"]["url"] = f"http://127.0.0.1:{action_port}/webhook"
    if database_url and not db.is_sqlite(database_url):
        url = make_url(database_url)
        endpoints["tracker_store"] = {
            "type": "SQL", "dialect": url.get_backend_name(), "url": url.host,
            "port": url.port or 5432, "db": url.database,
            "username": url.username, "password": url.password}
    else:
        # The same SQLite file as the assistant's own tables, so that erasing a
        # conversation (bot.storage.records) erases Rasa's copy too.
        endpoints["tracker_store"]["db"] = make_url(db.database_url(database_url)).database
    path = VAR / f"endpoints-{rasa_port}.yml"
    path.write_text(yaml.safe_dump(endpoints))
    return path


def local_secret(name: str) -> str:
    """A random value kept in var/<name> (created once, readable by this user only):
    the widget's session secret and the demo kiosk's device token."""
    path = VAR / name
    if not path.exists():
        VAR.mkdir(exist_ok=True)
        path.touch(mode=0o600)
        path.write_text(secrets.token_urlsafe(32))
    return path.read_text().strip()


def web_env() -> dict[str, str]:
    """HEADACHE_SESSION_SECRET and HEADACHE_KIOSK_TOKENS, from the environment
    when set (several servers must share them), else from var/."""
    return {"HEADACHE_SESSION_SECRET": os.environ.get("HEADACHE_SESSION_SECRET")
            or local_secret("session_secret"),
            "HEADACHE_KIOSK_TOKENS": os.environ.get("HEADACHE_KIOSK_TOKENS")
            or local_secret("kiosk_token")}


def ensure_free(port: int) -> None:
    """Fail clearly when a port is taken: a stale server answering the health
    check would otherwise pass for the one we are starting."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        if probe.connect_ex(("127.0.0.1", port)) == 0:
            raise RuntimeError(f"port {port} is already in use: stop the other server first")


def wait_for(url: str, process: subprocess.Popen, timeout: float = 180.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server for {url} exited with code {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.5)
    raise TimeoutError(f"{url} did not answer within {timeout:.0f} s")


def _start(command: list[str], log_name: str, env: dict[str, str]) -> subprocess.Popen:
    (VAR / "log").mkdir(parents=True, exist_ok=True)
    log = open(VAR / "log" / log_name, "ab")
    return subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
                            start_new_session=True)


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


@contextlib.contextmanager
def running(rasa_port: int = 5005, action_port: int = 5055, with_rasa: bool = True,
            model: Path = MODEL, credentials: Optional[Path] = None,
            with_actions: bool = True) -> Iterator[str]:
    """Everything the assistant needs, started and healthy; yields the Rasa URL.

    `credentials`: the channels file (default: the repository's credentials.yml).
    `with_actions=False` leaves the action server out (tests of its failure)."""
    VAR.mkdir(exist_ok=True)
    db.migrate()
    env = {**os.environ, "SANIC_HOST": "127.0.0.1", "PYTHONPATH": str(ROOT),
           "TF_CPP_MIN_LOG_LEVEL": "2",
           # no telemetry or crash reports leave the machine (they can carry
           # what people typed)
           "RASA_TELEMETRY_ENABLED": "false", **web_env()}
    started: list[subprocess.Popen] = []
    for port in (action_port, rasa_port) if with_rasa else (action_port,):
        ensure_free(port)
    try:
        if with_actions:
            actions = _start([str(BIN / "python"), "-m", "rasa_sdk", "--actions", "actions",
                              "--port", str(action_port)], "actions.log", env)
            started.append(actions)
            wait_for(f"http://127.0.0.1:{action_port}/health", actions)
        if with_rasa:
            endpoints = endpoints_file(os.environ.get("HEADACHE_DATABASE_URL"), action_port,
                                       rasa_port)
            rasa = _start([str(BIN / "rasa"), "run", "--enable-api", "-i", "127.0.0.1",
                           "-p", str(rasa_port), "--model", str(model),
                           "--endpoints", str(endpoints),
                           "--credentials", str(credentials or ROOT / "credentials.yml"),
                           "--cors", "*"], "rasa.log", env)
            started.append(rasa)
            wait_for(f"http://127.0.0.1:{rasa_port}/", rasa)
        yield f"http://127.0.0.1:{rasa_port}"
    finally:
        for process in reversed(started):
            _stop(process)


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shell", action="store_true", help="talk to the bot in this terminal")
    args = parser.parse_args(argv)

    if args.shell:
        ensure_free(5005)  # rasa shell serves on it
        with running(with_rasa=False):
            return subprocess.call([str(BIN / "rasa"), "shell", "--model", str(MODEL),
                                    "-i", "127.0.0.1",
                                    "--endpoints", str(endpoints_file(os.environ.get("HEADACHE_DATABASE_URL")))],
                                   cwd=ROOT)
    with running() as url:
        kiosk_token = web_env()["HEADACHE_KIOSK_TOKENS"].split(",")[0].strip()
        print(f"Assistant up: {url}\n"
              f"  REST:          {url}/webhooks/rest/webhook\n"
              f"  widget demo:   {url}/demo/\n"
              f"  kiosk:         {url}/kiosk/#device={kiosk_token}\n"
              f"  SMS (Twilio):  {url}/webhooks/twilio_sms/webhook\n"
              "Ctrl-C stops it.", flush=True)
        stop_signals = {signal.SIGINT, signal.SIGTERM}
        signal.pthread_sigmask(signal.SIG_BLOCK, stop_signals)  # after the servers started
        signal.sigwait(stop_signals)
    return 0


if __name__ == "__main__":
    sys.exit(main())
