"""Start the assistant: migrate storage, then the action server and the Rasa
server, each bound to loopback; wait until both answer their health checks;
then supervise them.

`make run` and the end-to-end tests use this same code path:

    python -m scripts.serve                 # foreground until Ctrl-C
    python -m scripts.serve --shell         # talk in the terminal

Several servers (README "Several servers"): one server per process or
container, same entry point, the shared state in PostgreSQL
(HEADACHE_DATABASE_URL) and the per-conversation lock in Redis
(HEADACHE_LOCK_STORE_URL), nginx in front (deploy/nginx/headache.conf):

    python -m scripts.serve --role rasa --host 0.0.0.0      # HEADACHE_ACTION_URL names the actions
    python -m scripts.serve --role actions --host 0.0.0.0

One process instead of two: HEADACHE_ACTION_URL=in-process runs the custom
actions inside the Rasa server (channels/in_process_actions.py), with no action
server; with SANIC_WORKERS=2 (and the Redis lock store) each Rasa worker runs
its own, which is how `make bench --in-process --rasa-workers 2` uses both cores.

Access (SECURITY.md): the Rasa HTTP API and the REST channel need the API
token (HEADACHE_API_TOKEN, else var/api_token); the action server answers
only the Rasa server, which proves itself with the action token
(HEADACHE_ACTION_TOKEN, else var/action_token); browsers may call in only
from the widget origins in HEADACHE_WIDGET_ORIGINS. Secrets never appear on
a command line or in a file other than their own 0600 file under var/.

Supervision: the children die with this process however it ends (SIGKILL
included: each child asks the kernel for SIGKILL when its parent goes); a
child that exits is restarted (at most MAX_RESTARTS times in RESTART_WINDOW_S),
after that the run stops with a clear message and a non-zero exit. The
retention sweep (bot.storage.retention) runs at start and every
HEADACHE_RETENTION_INTERVAL seconds (default 3600).
"""
from __future__ import annotations

import argparse
import contextlib
import ctypes
import os
import secrets
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Iterator, Optional

import yaml
from sqlalchemy.engine import make_url

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bot.storage import crypto, db  # noqa: E402
from channels import in_process_actions  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
VAR = ROOT / "var"
BIN = Path(sys.executable).parent
MODEL = ROOT / "models" / "headache.tar.gz"

MAX_RESTARTS = 3
RESTART_WINDOW_S = 300
# Requests and socket.io messages larger than this are refused (413) before
# anything reads them; a chat message is capped far lower by each channel.
MAX_BODY_BYTES = 64 * 1024
ACTION_SERVER_MAX_BODY_BYTES = 32 * 1024 * 1024
RETENTION_INTERVAL_SETTING = "HEADACHE_RETENTION_INTERVAL"
# Several servers: the action server the Rasa server calls (default: the one
# beside it on loopback) and the Redis lock store that keeps one message of a
# conversation at a time across servers and workers (default: in memory,
# which is right for one server process only).
ACTION_URL_SETTING = in_process_actions.ACTION_URL_SETTING   # "in-process": no action server
LOCK_STORE_SETTING = "HEADACHE_LOCK_STORE_URL"
LOCK_STORE_PASSWORD = "HEADACHE_LOCK_STORE_PASSWORD"   # filled from the URL, never written
WORKERS_SETTING = "SANIC_WORKERS"   # Rasa's own; the action server's is ACTION_SERVER_SANIC_WORKERS
ROLES = ("all", "rasa", "actions")
_PR_SET_PDEATHSIG = 1
# Alembic's context is process-wide: one migration at a time when several
# servers are started from threads of one process (the several-servers test).
_MIGRATING = threading.Lock()


def lock_store(url: str) -> dict:
    """Rasa's `lock_store` endpoint for a redis:// (or TLS rediss://) URL; its
    password becomes a ${HEADACHE_LOCK_STORE_PASSWORD} reference."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("redis", "rediss") or not parts.hostname:
        raise RuntimeError(f"{LOCK_STORE_SETTING} must be a redis://[:password@]host[:port]/db "
                           "URL")
    database = parts.path.strip("/") or "0"
    if not database.isdigit():
        raise RuntimeError(f"{LOCK_STORE_SETTING}: the database must be a number, not "
                           f"{database!r}")
    config: dict = {"type": "redis", "url": parts.hostname, "port": parts.port or 6379,
                    "db": int(database), "key_prefix": "headache",
                    "use_ssl": parts.scheme == "rediss"}
    if parts.username:
        config["username"] = urllib.parse.unquote(parts.username)
    if parts.password:
        config["password"] = "${%s}" % LOCK_STORE_PASSWORD
    return config


def lock_store_password(url: Optional[str]) -> str:
    password = urllib.parse.urlsplit(url).password if url else None
    return urllib.parse.unquote(password) if password else ""


def check_workers(env: dict[str, str]) -> None:
    """Several Rasa workers need the Redis lock store: with the in-memory one
    each worker would lock a conversation only against itself (Rasa would
    quietly fall back to one worker; we say so instead)."""
    try:
        workers = int(env.get(WORKERS_SETTING) or "1")
    except ValueError:
        raise RuntimeError(f"{WORKERS_SETTING} must be a whole number") from None
    if workers > 1 and not env.get(LOCK_STORE_SETTING):
        raise RuntimeError(f"{WORKERS_SETTING}={workers} needs the Redis lock store: set "
                           f"{LOCK_STORE_SETTING} (e.g. redis://127.0.0.1:6379/0), or run one "
                           "worker")


def endpoints_file(database_url: Optional[str], action_port: int = 5055,
                   rasa_port: int = 5005, action_url: Optional[str] = None,
                   lock_store_url: Optional[str] = None) -> Path:
    """var/endpoints-<port>.yml: endpoints.yml with this action server
    (`action_url`, default the one on loopback at `action_port`), the tracker
    store on `database_url` when given, and the Redis lock store at
    `lock_store_url` when given. Secrets are written as ${VARIABLE} references,
    which Rasa fills from its environment."""
    endpoints = yaml.safe_load((ROOT / "endpoints.yml").read_text())
    endpoints["action_endpoint"]["url"] = action_url or f"http://127.0.0.1:{action_port}/webhook"
    endpoints["action_endpoint"]["token"] = "${HEADACHE_ACTION_TOKEN}"
    if database_url and not db.is_sqlite(database_url):
        url = make_url(database_url)
        endpoints["tracker_store"] = {
            **endpoints["tracker_store"], "dialect": url.get_backend_name(), "url": url.host,
            "port": url.port or 5432, "db": url.database, "username": url.username,
            "password": "${HEADACHE_DB_PASSWORD}"}
    else:
        # The same SQLite file as the assistant's own tables, so that erasing a
        # conversation (bot.storage.records) erases Rasa's copy too.
        endpoints["tracker_store"]["db"] = make_url(db.database_url(database_url)).database
    if lock_store_url:
        endpoints["lock_store"] = lock_store(lock_store_url)
    path = VAR / f"endpoints-{rasa_port}.yml"
    crypto.private_file(path, lambda: "")
    path.write_text(yaml.safe_dump(endpoints))
    return path


def local_secret(name: str) -> str:
    """A random value kept in var/<name> (created once, 0600 in a 0700 folder)."""
    return crypto.private_file(VAR / name, lambda: secrets.token_urlsafe(32))


def api_token() -> str:
    """The token of the Rasa HTTP API and the REST channel (clients: ?token=...)."""
    return os.environ.get("HEADACHE_API_TOKEN") or local_secret("api_token")


def secrets_env() -> dict[str, str]:
    """Every secret the servers need, from the environment when set (several
    servers must share them), else from var/ (made on first use)."""
    database_password = make_url(db.database_url()).password
    return {"HEADACHE_SESSION_SECRET": os.environ.get("HEADACHE_SESSION_SECRET")
            or local_secret("session_secret"),
            "HEADACHE_KIOSK_TOKENS": os.environ.get("HEADACHE_KIOSK_TOKENS")
            or local_secret("kiosk_token"),
            "HEADACHE_API_TOKEN": api_token(),
            "HEADACHE_ACTION_TOKEN": os.environ.get("HEADACHE_ACTION_TOKEN")
            or local_secret("action_token"),
            "HEADACHE_ENCRYPTION_KEYS": crypto.configured_keys(),
            "HEADACHE_INDEX_KEY": crypto.index_key(),
            "HEADACHE_DB_PASSWORD": database_password or "",
            LOCK_STORE_PASSWORD: lock_store_password(os.environ.get(LOCK_STORE_SETTING))}


web_env = secrets_env   # the name the browser tests knew

# What every server of one assistant must share: made up in var/ by a single
# machine, they would differ between servers (one server's sessions, tokens
# and encrypted rows unreadable to the next).
SHARED_SECRETS = ("HEADACHE_SESSION_SECRET", "HEADACHE_API_TOKEN", "HEADACHE_ACTION_TOKEN",
                  "HEADACHE_ENCRYPTION_KEYS", "HEADACHE_INDEX_KEY")


def check_shared_secrets(role: str) -> None:
    """A server started on its own (--role rasa|actions) is one of several:
    every shared secret must come from the environment."""
    missing = [name for name in SHARED_SECRETS if not os.environ.get(name)]
    if role != "all" and missing:
        raise RuntimeError(f"--role {role} runs one of several servers, which must share their "
                           f"secrets: set {', '.join(missing)} in the environment (the same on "
                           "every server)")


def widget_origins() -> list[str]:
    """The web sites allowed to embed the widget (HEADACHE_WIDGET_ORIGINS)."""
    return [origin.strip().rstrip("/") for origin in
            os.environ.get("HEADACHE_WIDGET_ORIGINS", "").split(",") if origin.strip()]


def local_address(host: str) -> str:
    """Where this machine reaches a server bound to `host` (health checks)."""
    return "127.0.0.1" if host in ("", "0.0.0.0", "::") else host


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


def _die_with_parent() -> None:
    """In the child, before exec: its own session (Ctrl-C goes to us, who stop
    it in order) and SIGKILL from the kernel when the parent dies."""
    os.setsid()
    # The run command blocks its stop signals to wait for them; the server
    # must not inherit that, or SIGTERM would never reach it.
    signal.pthread_sigmask(signal.SIG_SETMASK, set())
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() == 1:   # the parent died before prctl took effect
        os._exit(1)


def _start(command: list[str], log_name: str, env: dict[str, str]) -> subprocess.Popen:
    log_dir = VAR / "log"
    log_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.chmod(log_dir, 0o700)
    log_path = log_dir / log_name
    crypto.private_file(log_path, lambda: "")
    log = open(log_path, "ab")
    try:
        return subprocess.Popen(command, cwd=ROOT, env=env, stdout=log,
                                stderr=subprocess.STDOUT, preexec_fn=_die_with_parent)
    finally:
        log.close()


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait()


class Child:
    """One supervised server: how to start it and how to tell it is up."""

    def __init__(self, name: str, command: list[str], log_name: str, health: str,
                 env: dict[str, str]) -> None:
        self.name, self.command, self.log_name = name, command, log_name
        self.health, self.env = health, env
        self.process: Optional[subprocess.Popen] = None
        self.restarts: list[float] = []

    def start(self) -> None:
        self.process = _start(self.command, self.log_name, self.env)
        wait_for(self.health, self.process)

    def stop(self) -> None:
        if self.process is not None:
            _stop(self.process)


class Supervisor:
    """Restarts a child that exits; gives up (failure set) when one keeps dying.
    Also runs the retention sweep on its schedule."""

    def __init__(self, children: list[Child], retention_interval: Optional[float]) -> None:
        self.children = children
        self.retention_interval = retention_interval
        self.failure: Optional[str] = None
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._watch, name="supervisor", daemon=True)
        self._lock = threading.Lock()

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stopping.set()
        with self._lock:   # a restart in progress finishes before we stop the children
            for child in reversed(self.children):
                child.stop()
        self._thread.join(timeout=5)

    def _watch(self) -> None:
        next_sweep = time.monotonic()
        while not self._stopping.wait(0.5):
            with self._lock:
                if self._stopping.is_set():
                    return
                for child in self.children:
                    code = child.process.poll() if child.process else None
                    if code is not None and not self._restart(child, code):
                        return
            if self.retention_interval and time.monotonic() >= next_sweep:
                next_sweep = time.monotonic() + self.retention_interval
                _sweep()

    def _restart(self, child: Child, code: int) -> bool:
        now = time.monotonic()
        child.restarts = [t for t in child.restarts if now - t < RESTART_WINDOW_S]
        if len(child.restarts) >= MAX_RESTARTS:
            self.failure = (f"the {child.name} exited (code {code}) {MAX_RESTARTS + 1} times "
                            f"within {RESTART_WINDOW_S} s; see var/log/{child.log_name}")
            print(f"error: {self.failure}", file=sys.stderr, flush=True)
            return False
        child.restarts.append(now)
        print(f"warning: the {child.name} exited (code {code}); restarting it "
              f"({len(child.restarts)} of {MAX_RESTARTS})", file=sys.stderr, flush=True)
        try:
            child.start()
        except (RuntimeError, TimeoutError) as error:
            print(f"warning: restarting the {child.name} failed: {error}", file=sys.stderr,
                  flush=True)
        return True


def _sweep() -> None:
    from bot.storage import retention

    try:
        retention.run()
    except Exception as error:  # noqa: BLE001 - the servers go on; the next sweep retries
        print(f"warning: retention sweep failed ({type(error).__name__})", file=sys.stderr,
              flush=True)


class Running(str):
    """The Rasa server's URL, with the supervisor (tests stop or kill children)."""

    supervisor: "Supervisor"

    def child(self, name: str) -> Child:
        return next(c for c in self.supervisor.children if c.name == name)


def launcher(module: str, *args: str) -> list[str]:
    """A server process started through scripts.launch (privacy-safe logging,
    secrets passed in the environment, never on the command line)."""
    return [str(BIN / "python"), "-m", "scripts.launch", module, *args]


@contextlib.contextmanager
def running(rasa_port: int = 5005, action_port: int = 5055, with_rasa: bool = True,
            model: Path = MODEL, credentials: Optional[Path] = None,
            with_actions: bool = True, extra_env: Optional[dict[str, str]] = None,
            retention_interval: Optional[float] = None,
            host: str = "127.0.0.1") -> Iterator[Running]:
    """Everything the assistant needs, started, healthy and supervised; yields
    the Rasa URL.

    `credentials`: the channels file (default: the repository's credentials.yml).
    `with_actions=False` leaves the action server out (tests of its failure).
    `extra_env`: settings for these servers only (e.g. HEADACHE_WIDGET_ORIGINS).
    `host`: the address both servers bind to (loopback unless a container's
    0.0.0.0 is wanted)."""
    if with_rasa:
        check_workers({**os.environ, **(extra_env or {})})
    crypto.private_file(VAR / ".keep", lambda: "")
    os.environ.update(extra_env or {})
    try:
        with _MIGRATING:
            db.migrate()
        env = {**os.environ, "SANIC_HOST": host, "PYTHONPATH": str(ROOT),
               "TF_CPP_MIN_LOG_LEVEL": "2",
               # no telemetry or crash reports leave the machine (they can carry
               # what people typed)
               "RASA_TELEMETRY_ENABLED": "false",
               "SANIC_REQUEST_MAX_SIZE": str(MAX_BODY_BYTES),
               "SANIC_WEBSOCKET_MAX_SIZE": str(MAX_BODY_BYTES),
               "SANIC_ACCESS_LOG": "False",
               **secrets_env(), **(extra_env or {})}
    finally:
        for key in extra_env or {}:
            os.environ.pop(key, None)
    if env.get(ACTION_URL_SETTING) == in_process_actions.IN_PROCESS:
        # the Rasa server runs the actions itself (channels/in_process_actions.py)
        if not with_rasa:
            raise RuntimeError(f"{ACTION_URL_SETTING}={in_process_actions.IN_PROCESS} runs the "
                               "actions inside the Rasa server: there is no action server to start")
        with_actions = False
    for port in [*([action_port] if with_actions else []), *([rasa_port] if with_rasa else [])]:
        ensure_free(port)
    here = local_address(host)
    children: list[Child] = []
    if with_actions:
        children.append(Child("action server", launcher(
            "rasa_sdk", "--actions", "actions", "--port", str(action_port)),
            "actions.log", f"http://{here}:{action_port}/health",
            # Only the Rasa server, with its token, reaches the action server;
            # each call carries the whole conversation and the domain.
            {**env, "SANIC_REQUEST_MAX_SIZE": str(ACTION_SERVER_MAX_BODY_BYTES)}))
    if with_rasa:
        endpoints = endpoints_file(env.get("HEADACHE_DATABASE_URL"), action_port, rasa_port,
                                   env.get(ACTION_URL_SETTING), env.get(LOCK_STORE_SETTING))
        origins = [origin.strip() for origin in env.get("HEADACHE_WIDGET_ORIGINS", "").split(",")
                   if origin.strip()]
        children.append(Child("Rasa server", launcher(
            "rasa", "run", "--enable-api", "-i", host, "-p", str(rasa_port),
            "--model", str(model), "--endpoints", str(endpoints),
            "--credentials", str(credentials or ROOT / "credentials.yml"),
            *(["--cors", *origins] if origins else [])),
            "rasa.log", f"http://{here}:{rasa_port}/", env))
    supervisor = Supervisor(children, retention_interval)
    try:
        for child in children:
            child.start()
        supervisor.start()
        url = Running(f"http://{here}:{rasa_port}")
        url.supervisor = supervisor
        yield url
    finally:
        supervisor.stop()


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shell", action="store_true", help="talk to the bot in this terminal")
    parser.add_argument("--port", type=int, default=5005, help="the Rasa server's port")
    parser.add_argument("--action-port", type=int, default=5055, help="the action server's port")
    parser.add_argument("--role", choices=ROLES, default="all",
                        help="which server(s) this process runs: both (default), only the Rasa "
                             "server (its actions at HEADACHE_ACTION_URL) or only the action "
                             "server")
    parser.add_argument("--host", default="127.0.0.1",
                        help="the address to bind (default loopback; 0.0.0.0 in a container)")
    args = parser.parse_args(argv)
    # If whatever started us (make, a terminal) dies, we stop too, and our
    # children with us.
    ctypes.CDLL(None).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)

    if args.shell:
        ensure_free(args.port)  # rasa shell serves on it
        with running(action_port=args.action_port, with_rasa=False):
            return subprocess.call([*launcher("rasa", "shell", "--model", str(MODEL),
                                              "-i", "127.0.0.1", "--endpoints",
                                              str(endpoints_file(os.environ.get(
                                                  "HEADACHE_DATABASE_URL"), args.action_port,
                                                  args.port, os.environ.get(ACTION_URL_SETTING),
                                                  os.environ.get(LOCK_STORE_SETTING))))],
                                   cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT),
                                                  **secrets_env()})
    stop_signals = {signal.SIGINT, signal.SIGTERM, signal.SIGHUP}
    signal.pthread_sigmask(signal.SIG_BLOCK, stop_signals)
    interval = float(os.environ.get(RETENTION_INTERVAL_SETTING, "3600"))
    try:
        check_shared_secrets(args.role)
        with running(rasa_port=args.port, action_port=args.action_port,
                     retention_interval=interval, host=args.host,
                     with_rasa=args.role != "actions", with_actions=args.role != "rasa") as url:
            if args.role == "actions":
                print(f"Action server up: http://{args.host}:{args.action_port}/webhook "
                      "(Rasa servers call it with the action token)\nCtrl-C stops it.",
                      flush=True)
            else:
                _print_addresses(url)
            while url.supervisor.failure is None:
                if signal.sigtimedwait(stop_signals, 1.0) is not None:
                    return 0
            print(f"error: stopping: {url.supervisor.failure}", file=sys.stderr, flush=True)
            return 1
    except (RuntimeError, TimeoutError) as error:
        print(f"error: {error}", file=sys.stderr, flush=True)
        return 1


def _print_addresses(url: str) -> None:
    kiosk_token = secrets_env()["HEADACHE_KIOSK_TOKENS"].split(",")[0].strip()
    print(f"Assistant up: {url}\n"
          f"  REST:          {url}/webhooks/rest/webhook?token=<API token>\n"
          f"  widget demo:   {url}/demo/\n"
          f"  kiosk:         {url}/kiosk/#device={kiosk_token}\n"
          f"  SMS (Twilio):  {url}/webhooks/twilio_sms/webhook\n"
          "  API token:     $HEADACHE_API_TOKEN, else the file var/api_token\n"
          "Ctrl-C stops it.", flush=True)


if __name__ == "__main__":
    sys.exit(main())
