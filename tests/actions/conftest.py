"""Fixtures for action tests: rasa-sdk Trackers built like the Rasa server sends them."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def domain() -> dict[str, Any]:
    return yaml.safe_load((ROOT / "domain.yml").read_text())


@pytest.fixture
def dispatcher() -> CollectingDispatcher:
    return CollectingDispatcher()


@pytest.fixture(autouse=True)
def database(tmp_path, monkeypatch):
    """Every action test stores into its own migrated SQLite file."""
    from bot.storage import db

    url = f"sqlite:///{tmp_path / 'test.db'}"
    monkeypatch.setenv("HEADACHE_DATABASE_URL", url)
    db.migrate(url)
    return url


def user(text: str, intent: str = "describe_headache", entities: list | None = None) -> dict:
    return {"event": "user", "text": text,
            "parse_data": {"text": text, "intent": {"name": intent, "confidence": 1.0},
                           "entities": entities or []}}


def symptoms(text: str) -> list[dict]:
    """The warning-sign entities the NLU component would add for `text`."""
    from bot import interview

    return interview.warning_sign_entities(text)


def make_tracker(slots: dict[str, Any] | None = None, said: list[str] | None = None,
                 intent: str = "describe_headache", active_loop: str | None = None,
                 sender: str = "test-user", channel: str = "rest",
                 metadata: dict[str, Any] | None = None) -> Tracker:
    """A tracker whose user said each text of `said` in turn (the last one is the latest)
    on `channel` (the input channel's name: rest, webchat, kiosk, twilio_sms); the
    latest with the channel's `metadata`."""
    said = said or ["hello"]
    events = [{**user(text, intent if i == len(said) - 1 else "describe_headache",
                      symptoms(text)), "input_channel": channel}
              for i, text in enumerate(said)]
    if metadata is not None:
        events[-1]["parse_data"]["metadata"] = metadata
    return Tracker(sender, dict(slots or {}), events[-1]["parse_data"], events, False, None,
                   {"name": active_loop} if active_loop else {}, "action_listen")


def slot_events(events: list[dict]) -> dict[str, Any]:
    return {e["name"]: e["value"] for e in events if e.get("event") == "slot"}


def without_timestamps(events: list[dict]) -> list[dict]:
    return [{k: v for k, v in e.items() if k != "timestamp"} for e in events]
