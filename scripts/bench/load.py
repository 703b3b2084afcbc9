"""The load generator: replays recorded conversations over the REST channel,
`concurrency` at a time, each turn sent when the previous reply has arrived
(no think time, no tracker reads), and times every turn.

Used unchanged for our assistant and for the stock `rasa init` bot."""
from __future__ import annotations

import http.client
import itertools
import json
import threading
import time
import urllib.parse
import uuid
from dataclasses import dataclass, field
from typing import Any, Callable, Optional, Sequence

REST_PATH = "/webhooks/rest/webhook"


@dataclass(frozen=True)
class Script:
    """One conversation: what the person writes, turn by turn, and how it ended
    when it was recorded (`outcome`, compared after each replay)."""

    name: str
    turns: tuple[str, ...]
    outcome: Optional[dict] = None

    def as_dict(self) -> dict[str, Any]:
        return {"name": self.name, "turns": list(self.turns), "outcome": self.outcome}

    @classmethod
    def from_dict(cls, entry: dict[str, Any]) -> "Script":
        """One entry of a scripts file (scripts/bench/record.py), checked: a
        name, at least one turn, every turn a non-empty text."""
        if not isinstance(entry, dict) or set(entry) - {"name", "turns", "outcome"}:
            raise ValueError(f"a script has name, turns and outcome only: {entry!r:.80}")
        name, turns = entry.get("name"), entry.get("turns")
        if not isinstance(name, str) or not name:
            raise ValueError("a script needs a name")
        if not isinstance(turns, list) or not turns:
            raise ValueError(f"script {name}: no turns")
        if not all(isinstance(text, str) and text.strip() for text in turns):
            raise ValueError(f"script {name}: every turn is a non-empty text")
        outcome = entry.get("outcome")
        if outcome is not None and not isinstance(outcome, dict):
            raise ValueError(f"script {name}: outcome is a mapping or null")
        return cls(name, tuple(turns), outcome)


@dataclass
class Conversation:
    script: Script
    latencies: list[float] = field(default_factory=list)
    completed: list[float] = field(default_factory=list)   # perf_counter() of each reply
    replies: list[list[dict]] = field(default_factory=list)
    error: Optional[str] = None


class Client:
    """One keep-alive HTTP connection to a bot's REST channel."""

    def __init__(self, url: str, token: Optional[str], timeout: float = 120.0) -> None:
        parsed = urllib.parse.urlsplit(url)
        self.host, self.port = parsed.hostname, parsed.port or 80
        self.path = REST_PATH + ("?" + urllib.parse.urlencode({"token": token}) if token else "")
        self.timeout = timeout
        self.connection: Optional[http.client.HTTPConnection] = None

    def send(self, sender: str, text: str) -> tuple[list[dict], float]:
        body = json.dumps({"sender": sender, "message": text})
        if self.connection is None:
            self.connection = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
        start = time.perf_counter()
        try:
            self.connection.request("POST", self.path, body,
                                    {"Content-Type": "application/json"})
            response = self.connection.getresponse()
            data = response.read()
        except (OSError, http.client.HTTPException):
            self.close()
            raise
        elapsed = time.perf_counter() - start
        if response.status != 200:
            raise RuntimeError(f"HTTP {response.status}")
        return json.loads(data or b"[]"), elapsed

    def close(self) -> None:
        if self.connection is not None:
            self.connection.close()
            self.connection = None


def converse(client: Client, script: Script, sender: str) -> Conversation:
    """One conversation, turn after turn, on its own connection."""
    done = Conversation(script)
    try:
        for text in script.turns:
            replies, elapsed = client.send(sender, text)
            done.latencies.append(elapsed)
            done.completed.append(time.perf_counter())
            done.replies.append(replies)
    except (OSError, RuntimeError, ValueError, http.client.HTTPException) as error:
        done.error = f"{type(error).__name__}: {error}"
    finally:
        client.close()
    return done


@dataclass
class Phase:
    """One load level's results."""

    concurrency: int
    conversations: list[Conversation]
    wall_s: float
    saturated_s: float          # until the first client ran out of conversations
    saturated_messages: int     # turns answered by then

    @property
    def latencies(self) -> list[float]:
        return [x for c in self.conversations for x in c.latencies]

    @property
    def messages(self) -> int:
        return len(self.latencies)

    @property
    def errors(self) -> int:
        return sum(1 for c in self.conversations if c.error)


def run(url: str, token: Optional[str], scripts: Sequence[Script], concurrency: int,
        messages: int, tag: str,
        on_start: Callable[[], None] = lambda: None) -> Phase:
    """Replay `scripts` (in turn, again and again) with `concurrency` clients until
    about `messages` turns have been handed out; whole conversations only."""
    lock = threading.Lock()
    queue = itertools.cycle(scripts)
    handed_out = [0]
    results: list[Conversation] = []
    turn_times: list[float] = []       # completion time of every turn
    first_idle: list[float] = []

    def take() -> Optional[Script]:
        with lock:
            if handed_out[0] >= messages:
                return None
            script = next(queue)
            handed_out[0] += len(script.turns)
            return script

    def client_loop(number: int) -> None:
        client = Client(url, token)
        count = 0
        while (script := take()) is not None:
            count += 1
            sender = f"bench-{tag}-{number}-{count}-{uuid.uuid4().hex[:6]}"
            done = converse(client, script, sender)
            with lock:
                results.append(done)
                turn_times.extend(done.completed)
        with lock:
            first_idle.append(time.perf_counter())

    on_start()
    start = time.perf_counter()
    threads = [threading.Thread(target=client_loop, args=(n,), daemon=True)
               for n in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - start
    saturated_until = min(first_idle) if first_idle else start + wall
    return Phase(concurrency, results, wall, saturated_until - start,
                 sum(1 for t in turn_times if t <= saturated_until))
