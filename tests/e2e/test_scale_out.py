"""Several servers (README "Several servers"): PostgreSQL, Redis and nginx
(deploy/nginx/headache.conf, the shipped file) in front of two Rasa servers and
two action servers, each started by scripts/serve.py as an operator starts
one (`--role`'s code path: serve.running with one server each, HEADACHE_ACTION_URL
through nginx, the Redis lock store).

Every conversation must end exactly as it ends on one server when its turns go
to both servers in turn (directly to each, to force the alternation, and
through nginx) with 50 and more conversations at once; and one Rasa server
killed (SIGKILL) in the middle of it: its conversations continue on the other.
Checked in what PostgreSQL holds (decrypted): the turns sent, once each, in
order; the same dialogue as on one server; one booking per conversation."""
from __future__ import annotations

import asyncio
import collections
import contextlib
import http.client
import json
import os
import re
import signal
import socket
import struct
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Iterator

import pytest
from sqlalchemy import create_engine, text
from twilio.request_validator import RequestValidator

from bot.storage import crypto
from channels import web_session
from channels.sms import conversation_id
from scripts import serve
from tests import nginx, ports, postgres, redis
from tests.e2e.socket_client import RawSocket, WidgetClient
from tests.e2e.test_interruptions import ANSWERS, EMERGENCY_MESSAGE

CONVERSATIONS = 50
EMERGENCIES = 3          # more conversations, each with a warning sign on another route
ROUTES = ("server 1", "server 2", "nginx")
WORKERS = os.environ.get("HEADACHE_SCALE_WORKERS", "1")   # Sanic workers per Rasa server
TWILIO = {"TWILIO_ACCOUNT_SID": "AC" + "0" * 32, "TWILIO_AUTH_TOKEN": "scale-test-auth-token",
          "TWILIO_NUMBER": "+15005550006"}
REFERENCE = re.compile(r"HB-[A-Z0-9]+")


class FakeTwilio:
    """Twilio's Messages.json: records what would have been texted."""

    def __init__(self) -> None:
        self.sent: list[dict] = []
        self.lock = threading.Lock()
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 - http.server's naming
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode()
                with fake.lock:
                    fake.sent.append({k: v[0] for k, v in urllib.parse.parse_qs(body).items()})
                answer = b'{"sid": "SM00000000000000000000000000000000", "status": "queued"}'
                self.send_response(201)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(answer)))
                self.end_headers()
                self.wfile.write(answer)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def to(self, number: str) -> list[str]:
        with self.lock:
            return [m["Body"] for m in self.sent if m.get("To") == number]

    def wait_for(self, number: str, count: int, timeout: float = 60.0) -> list[str]:
        deadline = time.monotonic() + timeout
        while len(self.to(number)) < count and time.monotonic() < deadline:
            time.sleep(0.05)
        return self.to(number)


# The set-up: services, then the servers

@pytest.fixture(scope="module")
def pg():
    with postgres.throwaway(ports.other(ports.POSTGRES_SCALE)) as server:
        yield server


@pytest.fixture(scope="module")
def lock_store():
    with redis.throwaway(ports.other(ports.REDIS)) as server:
        yield server


@pytest.fixture(scope="module")
def proxy():
    rasa = [f"127.0.0.1:{ports.rasa(slot)}" for slot in (ports.SCALE_1, ports.SCALE_2)]
    actions = [f"127.0.0.1:{ports.action(slot)}" for slot in (ports.SCALE_1, ports.SCALE_2)]
    with nginx.throwaway({"rasa": rasa, "rasa_sockets": rasa, "actions": actions},
                         {"public": ports.other(ports.NGINX), "api": ports.other(ports.NGINX_API),
                          "actions": ports.other(ports.NGINX_ACTIONS)}) as server:
        yield server


@pytest.fixture(scope="module")
def twilio():
    fake = FakeTwilio()
    yield fake
    fake.server.shutdown()
    fake.server.server_close()


@contextlib.contextmanager
def environment(settings: dict[str, str]) -> Iterator[None]:
    saved = {name: os.environ.get(name) for name in settings}
    os.environ.update(settings)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


@pytest.fixture(scope="module")
def cluster(pg, lock_store, proxy, twilio):
    settings = {"HEADACHE_DATABASE_URL": pg.url, "HEADACHE_LOCK_STORE_URL": lock_store.url,
                "HEADACHE_ACTION_URL": f"{proxy.actions_url}/webhook",
                "SANIC_WORKERS": WORKERS, "ACTION_SERVER_SANIC_WORKERS": "1",
                # a dead server's conversation lock lapses after this long
                "TICKET_LOCK_LIFETIME": "20",
                "TWILIO_API_BASE_URL": twilio.url,
                "TWILIO_PUBLIC_URL": f"{proxy.url}/webhooks/twilio_sms/webhook", **TWILIO}
    started = time.monotonic()
    with environment(settings):
        # Both at once, as an operator's servers start (each as `--role all` would).
        runs = [InThread(ports.SCALE_1), InThread(ports.SCALE_2)]
        try:
            servers = [run.wait() for run in runs]
            print(f"\nscale-out: two Rasa and two action servers up in "
                  f"{time.monotonic() - started:.0f} s (SANIC_WORKERS={WORKERS})")
            yield Cluster(servers, proxy, pg, twilio, lock_store)
        finally:
            for run in runs:
                run.stop()


class InThread:
    """serve.running in a thread of its own for the servers' whole life: a
    child's parent-death signal follows the thread that started it."""

    def __init__(self, slot: int) -> None:
        self.slot = slot
        self.url: serve.Running | None = None
        self.error: BaseException | None = None
        self._ready, self._stop = threading.Event(), threading.Event()
        self._thread = threading.Thread(target=self._run, name=f"servers-{slot}", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            with serve.running(rasa_port=ports.rasa(self.slot),
                               action_port=ports.action(self.slot)) as url:
                self.url = url
                self._ready.set()
                self._stop.wait()
        except BaseException as error:  # noqa: BLE001 - handed to the test's thread
            self.error = error
        finally:
            self._ready.set()

    def wait(self) -> serve.Running:
        self._ready.wait(timeout=600)
        if self.url is None:
            raise RuntimeError(f"servers {self.slot} did not start") from self.error
        return self.url

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=60)


class Uncertain(Exception):
    """The request may have reached a server that died before answering."""


class Cluster:
    def __init__(self, servers: list[serve.Running], proxy: nginx.Nginx, pg, twilio,
                 lock_store: redis.Redis) -> None:
        self.servers, self.proxy, self.pg, self.twilio = servers, proxy, pg, twilio
        self.lock_store = lock_store
        self.urls = {"server 1": str(servers[0]), "server 2": str(servers[1]),
                     "nginx": proxy.api_url}
        self._engine = create_engine(pg.url, future=True, pool_size=2)

    # Talking

    def post(self, route: str, sender: str, message: str) -> list[dict]:
        request = urllib.request.Request(
            f"{self.urls[route]}/webhooks/rest/webhook?token={serve.api_token()}",
            data=json.dumps({"sender": sender, "message": message}).encode(),
            headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=150) as response:
                return json.loads(response.read())
        except urllib.error.HTTPError as error:
            if error.code in (502, 504):
                raise Uncertain(route) from error
            raise
        except urllib.error.URLError as error:
            if isinstance(error.reason, ConnectionRefusedError):
                raise   # nothing was sent
            raise Uncertain(route) from error
        except (http.client.RemoteDisconnected, ConnectionResetError, TimeoutError) as error:
            raise Uncertain(route) from error

    def requested(self, route: str, sender: str) -> str | None:
        with urllib.request.urlopen(f"{self.urls[route]}/conversations/{sender}/tracker"
                                    f"?token={serve.api_token()}", timeout=60) as response:
            return json.loads(response.read())["slots"].get("requested_slot")

    # What PostgreSQL holds

    def rows(self, sql: str, **params) -> list:
        with self._engine.connect() as connection:
            return connection.execute(text(sql), params).all()

    def events(self, sender: str) -> list[dict]:
        return [json.loads(crypto.decrypt(data)) for (data,) in self.rows(
            "SELECT data FROM events WHERE sender_id = :s ORDER BY id", s=sender)]

    def user_texts(self, sender: str) -> list[str]:
        return [event["text"] for event in self.events(sender) if event["event"] == "user"]


def dialogue(events: list[dict]) -> list[tuple]:
    """A conversation as the same script on any server gives it: each turn's
    message, the actions run and what the bot said (booking references aside)."""
    turns: list[tuple] = []
    for event in events:
        if event["event"] == "user":
            turns.append((event["text"], []))
        elif turns and event["event"] == "action":
            turns[-1][1].append(event["name"])
        elif turns and event["event"] == "bot":
            said = json.dumps([event.get("text"), event.get("data", {}).get("custom")],
                              sort_keys=True)
            turns[-1][1].append(REFERENCE.sub("HB-?", said))
    return [(message, tuple(done)) for message, done in turns]


def actions_only(turns: list[tuple]) -> list[tuple]:
    return [(message, tuple(name for name in done if not name.startswith("[")))
            for message, done in turns]


def triages(events: list[dict]) -> list[str]:
    return [event["data"]["custom"]["triage"] for event in events if event["event"] == "bot"
            and (event.get("data", {}).get("custom") or {}).get("type") == "headache_assessment"]


def test_servers_starting_together_migrate_an_empty_database_once(pg) -> None:
    """Each server migrates at start (scripts/serve.py): on one empty database
    at the same moment, one migrates and the others find it done."""
    command = [sys.executable, "-c", "from bot.storage import db; db.migrate()"]
    env = {**os.environ, "HEADACHE_DATABASE_URL": pg.url, "PYTHONPATH": str(serve.ROOT)}
    starts = [subprocess.Popen(command, env=env, cwd=serve.ROOT, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT) for _ in range(3)]
    outputs = [start.communicate(timeout=120)[0].decode(errors="replace") for start in starts]
    assert [start.returncode for start in starts] == [0, 0, 0], outputs
    (version,) = {row for (row,) in postgres_rows(pg, "SELECT version_num FROM alembic_version")}
    assert version


def postgres_rows(pg, sql: str) -> list:
    engine = create_engine(pg.url)
    try:
        with engine.connect() as connection:
            return connection.execute(text(sql)).all()
    finally:
        engine.dispose()


# One server each, one conversation at a time: the reference

SCRIPT: list[str] = []
REFERENCE_DIALOGUE: list[tuple] = []


def test_one_conversation_on_each_server_alone_ends_the_same(cluster: Cluster) -> None:
    sender = f"scale-ref-{uuid.uuid4().hex[:6]}"
    script = ["hello, I get headaches"]
    cluster.post("server 1", sender, script[0])
    for _ in range(40):
        slot = cluster.requested("server 1", sender)
        if slot is None:
            break
        script.append({**ANSWERS, "booking_confirmed": "yes"}.get(slot, "no"))
        cluster.post("server 1", sender, script[-1])
    assert cluster.requested("server 1", sender) is None
    reference = dialogue(cluster.events(sender))
    assert [message for message, _ in reference] == script
    assert triages(cluster.events(sender)) == ["self_care"]
    assert len(cluster.rows("SELECT 1 FROM booking_requests WHERE conversation_id = :s",
                            s=sender)) == 1
    again = f"scale-ref2-{uuid.uuid4().hex[:6]}"
    for message in script:
        cluster.post("server 2", again, message)
    assert dialogue(cluster.events(again)) == reference
    SCRIPT[:], REFERENCE_DIALOGUE[:] = script, reference
    print(f"\nscale-out: the reference interview is {len(script)} turns")


def test_a_warning_sign_gets_the_emergency_reply_on_whichever_server(cluster: Cluster) -> None:
    for route in ROUTES:
        sender = f"scale-emergency-{uuid.uuid4().hex[:6]}"
        cluster.post(route, sender, "hello, I get headaches")
        reply = cluster.post(route, sender, EMERGENCY_MESSAGE)
        assert "999" in (reply[0].get("text") or ""), (route, reply)
        assert [m["custom"]["triage"] for m in reply
                if (m.get("custom") or {}).get("type") == "headache_assessment"] == \
            ["emergency"], route


def sms(cluster: Cluster, route: str, number: str, body: str) -> int:
    """A text from `number`, signed as Twilio signs it for the public URL."""
    form = {"MessageSid": "SM" + uuid.uuid4().hex, "AccountSid": TWILIO["TWILIO_ACCOUNT_SID"],
            "From": number, "To": TWILIO["TWILIO_NUMBER"], "Body": body, "NumMedia": "0"}
    public = f"{cluster.proxy.url}/webhooks/twilio_sms/webhook"
    base = cluster.proxy.url if route == "nginx" else cluster.urls[route]
    request = urllib.request.Request(
        f"{base}/webhooks/twilio_sms/webhook", data=urllib.parse.urlencode(form).encode(),
        headers={"Content-Type": "application/x-www-form-urlencoded",
                 "X-Twilio-Signature": RequestValidator(TWILIO["TWILIO_AUTH_TOKEN"])
                 .compute_signature(public, form)})
    with urllib.request.urlopen(request, timeout=60) as response:
        return response.status


def test_an_sms_opt_out_sent_to_one_server_is_honoured_by_the_other(cluster: Cluster) -> None:
    number, twilio = f"+447700{uuid.uuid4().int % 10**6:06d}", cluster.twilio
    assert sms(cluster, "server 1", number, "hi, I get headaches") == 200
    assert len(twilio.wait_for(number, 1)) == 1
    assert sms(cluster, "server 1", number, "STOP") == 200
    texted = len(twilio.to(number))
    for route in ("server 2", "nginx"):
        assert sms(cluster, route, number, "my temples ache") == 200
    # START on server 2 is answered; an answer to the texts before it would come first
    assert sms(cluster, "server 2", number, "START") == 200
    after = twilio.wait_for(number, texted + 1)[texted:]
    assert len(after) == 1 and "STOP" in after[0], after
    assert "my temples ache" not in cluster.user_texts(conversation_id(number))


def test_the_widget_over_socket_io_through_nginx_continues_on_either_server(
        cluster: Cluster) -> None:
    """Started through nginx; the browser then reconnects to each server in turn
    (its server died, or the hash moved it): the signed session and the
    conversation in PostgreSQL go with it."""
    assert SCRIPT, "the reference conversation did not run"

    async def talk() -> tuple[str, dict]:
        replies = {}
        async with WidgetClient(cluster.proxy.url) as widget:
            token = await widget.session()
            replies["nginx"] = await widget.say(token, SCRIPT[0])
        for route, message in (("server 2", SCRIPT[1]), ("server 1", SCRIPT[2])):
            async with WidgetClient(cluster.urls[route]) as widget:
                assert await widget.session(token) == token, route
                replies[route] = await widget.say(token, message)
                assert not widget.invalid, route
        # and over a WebSocket, as browsers first try, through nginx's upgrade
        async with RawSocket(cluster.proxy.url) as widget:
            assert await widget.session(token) == token
            await widget.emit("user_uttered", {"session_id": token, "message": SCRIPT[3]})
            replies["nginx websocket"] = await widget.replies()
        return token, replies

    token, replies = asyncio.run(talk())
    assert all(replies.values()), replies
    request = urllib.request.Request(f"{cluster.proxy.url}/webhooks/webchat/history",
                                     headers={"Authorization": f"Bearer {token}"})
    with urllib.request.urlopen(request, timeout=30) as response:
        history = json.loads(response.read())["messages"]
    assert [m["text"] for m in history if m["from"] == "user"] == SCRIPT[:4]
    # the same dialogue as the REST reference, turn by turn (the words may be the widget's)
    key = web_session.channel_key(serve.secrets_env()["HEADACHE_SESSION_SECRET"].encode(),
                                  web_session.WEBCHAT_CHANNEL)
    widget_dialogue = dialogue(cluster.events(web_session.verify(key, token)))
    assert actions_only(widget_dialogue) == actions_only(REFERENCE_DIALOGUE[:4])


def test_fifty_conversations_at_once_alternating_servers_with_one_killed(
        cluster: Cluster) -> None:
    assert SCRIPT, "the reference conversation did not run"
    emergency_at = 5
    plans = {f"scale-{i:02d}-{uuid.uuid4().hex[:4]}": (i, SCRIPT) for i in range(CONVERSATIONS)}
    for i in range(EMERGENCIES):   # the warning sign lands on each route in turn
        plans[f"scale-sos-{i}-{uuid.uuid4().hex[:4]}"] = (
            (i - emergency_at) % len(ROUTES), [*SCRIPT[:emergency_at], EMERGENCY_MESSAGE])
    total = sum(len(script) for _, script in plans.values())
    done = collections.Counter()
    progress = threading.Condition()
    sent: dict[str, list[str]] = {sender: [] for sender in plans}
    killed = threading.Event()

    def deliver(sender: str, message: str, route: str) -> str:
        """Send one turn; on a dead server, elsewhere; exactly once whatever happens."""
        other = {"server 1": "server 2", "server 2": "server 1", "nginx": "nginx"}
        for attempt in range(4):
            try:
                cluster.post(route, sender, message)
                return route
            except urllib.error.URLError as error:   # refused: nothing was sent
                assert isinstance(error.reason, ConnectionRefusedError), error
                done["refused " + route] += 1
                route = other[route] if attempt == 0 else "nginx"
            except Uncertain:
                done["uncertain"] += 1
                time.sleep(1.5)   # a commit in flight lands
                texts = cluster.user_texts(sender)
                if texts == [*sent[sender], message]:
                    return "stored before the failure"
                assert texts == sent[sender], (sender, texts[-3:])
                route = "nginx"
        raise AssertionError(f"{sender}: no server took the turn")

    def converse(sender: str) -> None:
        index, script = plans[sender]
        for k, message in enumerate(script):
            handled = deliver(sender, message, ROUTES[(index + k) % len(ROUTES)])
            sent[sender].append(message)
            with progress:
                done[handled] += 1
                done["turns"] += 1
                if killed.is_set():
                    done["after the kill"] += 1
                progress.notify_all()

    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=len(plans)) as pool:
        futures = [pool.submit(converse, sender) for sender in plans]
        with progress:
            assert progress.wait_for(lambda: done["turns"] >= total * 0.4, timeout=240)
        victim = cluster.servers[1].child("Rasa server").process
        os.killpg(victim.pid, signal.SIGKILL)   # the Rasa server and any workers, at once
        killed.set()
        killed_at = done["turns"]
        for future in futures:
            future.result(timeout=300)
    elapsed = time.monotonic() - started
    print(f"\nscale-out: {len(plans)} conversations, {total} turns in {elapsed:.0f} s "
          f"({total / elapsed:.1f} turns/s); server 2 killed after {killed_at}; "
          f"{dict(done)}")

    # Each conversation: the turns sent, once each, in order; the same dialogue
    for sender, (_, script) in plans.items():
        events = cluster.events(sender)
        assert [e["text"] for e in events if e["event"] == "user"] == script, sender
        stamps = [e["timestamp"] for e in events]
        assert stamps == sorted(stamps), f"{sender}: events out of order"
        assert len({json.dumps(e, sort_keys=True) for e in events}) == len(events), sender
        if script is SCRIPT:
            assert dialogue(events) == REFERENCE_DIALOGUE, sender
        else:
            assert dialogue(events) == REFERENCE_DIALOGUE[:emergency_at] + dialogue(events)[-1:]
            assert triages(events)[-1:] == ["emergency"], sender
            assert "999" in dialogue(events)[-1][1][1], sender
    # every booking stored exactly once
    bookings = collections.Counter(conversation for (conversation,) in cluster.rows(
        "SELECT conversation_id FROM booking_requests WHERE conversation_id LIKE 'scale-%'"))
    expected = {sender for sender, (_, script) in plans.items() if script is SCRIPT}
    assert {s: n for s, n in bookings.items() if s in plans} == dict.fromkeys(expected, 1)
    # the kill really was in the middle, and server 2's turns went on elsewhere
    assert 0 < killed_at < total and done["after the kill"] > 0
    assert done["refused server 2"] > 0, done
    # the Redis lock store was used: several commands per turn
    commands = cluster.lock_store.client().info("stats")["total_commands_processed"]
    assert commands > total, commands


class DiesAfterAnswering:
    """An action server that does the work (passes the call on to a real one)
    and dies before answering: the connection is reset, as when the process is
    killed between storing a booking and replying."""

    def __init__(self, port: int, real: str) -> None:
        self.real, self.calls = real, 0
        self.listener = socket.create_server(("127.0.0.1", port))
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        while True:
            try:
                connection, _ = self.listener.accept()
            except OSError:
                return
            with connection:
                reader = connection.makefile("rb")
                path = reader.readline().split()[1].decode()
                headers = {}
                for line in iter(reader.readline, b"\r\n"):
                    name, _, value = line.decode().partition(":")
                    headers[name.strip().lower()] = value.strip()
                body = reader.read(int(headers.get("content-length", 0)))
                reader.close()    # else the socket stays open after `with` closes it
                self.calls += 1
                request = urllib.request.Request(self.real + path, data=body,
                                                 headers={"Content-Type": "application/json"})
                urllib.request.urlopen(request, timeout=60).read()   # done, then gone:
                connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER,
                                      struct.pack("ii", 1, 0))

    def close(self) -> None:
        self.listener.close()


def test_an_action_call_whose_server_dies_after_storing_is_resent_and_stores_once(
        cluster: Cluster) -> None:
    # deploy/nginx/headache.conf resends action calls (non_idempotent); the
    # booking's request key makes the resent call find what the first stored.
    from rasa.core.actions.action import RemoteAction
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.events import SlotSet, UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    real = f"http://127.0.0.1:{ports.action(ports.SCALE_1)}"
    dying = DiesAfterAnswering(ports.other(ports.DYING_ACTION_SERVER), real)
    rasa = str(cluster.servers[0]).split("//")[1]     # not used here, but configured
    upstreams = {"rasa": [rasa], "rasa_sockets": [rasa],
                 "actions": [f"127.0.0.1:{ports.other(ports.DYING_ACTION_SERVER)}",
                             real.split("//")[1]]}
    listeners = {"public": ports.other(ports.RETRY_NGINX),
                 "api": ports.other(ports.RETRY_NGINX_API),
                 "actions": ports.other(ports.RETRY_NGINX_ACTIONS)}
    sender = f"scale-resent-{uuid.uuid4().hex[:6]}"
    domain = Domain.load(str(Path(__file__).resolve().parents[2] / "domain.yml"))
    slots = {"booking_wanted": True, "booking_confirmed": True, "service": "nmt",
             "patient_name": "Resent Call", "contact": "+441632960001",
             "preferred_time": "Monday"}
    tracker = DialogueStateTracker.from_events(
        sender, [UserUttered("yes", {"name": "affirm", "confidence": 1.0},
                             message_id=uuid.uuid4().hex),
                 *(SlotSet(name, value) for name, value in slots.items())], domain.slots)
    body = RemoteAction("action_submit_booking", None)._action_call_format(tracker, domain)
    token = serve.secrets_env()["HEADACHE_ACTION_TOKEN"]
    try:
        with nginx.throwaway(upstreams, listeners) as proxy:
            request = urllib.request.Request(
                f"{proxy.actions_url}/webhook?token={token}", data=json.dumps(body).encode(),
                headers={"Content-Type": "application/json"})
            with urllib.request.urlopen(request, timeout=120) as response:
                answer = json.loads(response.read())
    finally:
        dying.close()
    assert dying.calls == 1, "the call did not go to the dying server first"
    [reference] = [e["value"] for e in answer["events"] if e.get("name") == "booking_reference"]
    assert cluster.rows("SELECT reference FROM booking_requests WHERE conversation_id = :s",
                        s=sender) == [(reference,)]


def test_no_token_reaches_the_nginx_logs(cluster: Cluster) -> None:
    logs = cluster.proxy.log_text()
    assert "webhooks/rest/webhook" in logs   # the turns went through it
    for secret in (serve.api_token(), serve.secrets_env()["HEADACHE_ACTION_TOKEN"]):
        assert secret not in logs
