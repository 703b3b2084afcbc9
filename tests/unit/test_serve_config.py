"""The effective endpoints the run command writes for the Rasa server."""
from __future__ import annotations

import yaml

from scripts import serve


def test_default_tracker_store_is_the_assistants_sqlite_file():
    path = serve.endpoints_file(None, action_port=5155, rasa_port=5105)
    endpoints = yaml.safe_load(path.read_text())
    assert endpoints["tracker_store"]["dialect"] == "sqlite"
    assert endpoints["tracker_store"]["db"].endswith("var/headache.db")
    assert endpoints["tracker_store"]["db"].startswith("/")
    assert endpoints["action_endpoint"]["url"] == "http://127.0.0.1:5155/webhook"


def test_a_postgresql_url_moves_the_tracker_store_there_without_writing_its_password():
    path = serve.endpoints_file("postgresql://bot:secret@db.local:5433/headache", rasa_port=5107)
    store = yaml.safe_load(path.read_text())["tracker_store"]
    assert store == {"type": "channels.tracker_store.PrivateSQLTrackerStore",
                     "dialect": "postgresql", "url": "db.local", "port": 5433,
                     "db": "headache", "username": "bot", "password": "${HEADACHE_DB_PASSWORD}"}
    assert "secret" not in path.read_text()
    assert path.stat().st_mode & 0o777 == 0o600


def test_the_rasa_server_proves_itself_to_the_action_server_with_a_token_from_its_env():
    path = serve.endpoints_file(None, rasa_port=5105)
    assert yaml.safe_load(path.read_text())["action_endpoint"]["token"] == \
        "${HEADACHE_ACTION_TOKEN}"


def test_every_secret_is_in_the_environment_and_none_is_empty(monkeypatch):
    monkeypatch.setenv("HEADACHE_API_TOKEN", "from-the-environment")
    env = serve.secrets_env()
    assert env["HEADACHE_API_TOKEN"] == "from-the-environment"
    for name in ("HEADACHE_SESSION_SECRET", "HEADACHE_KIOSK_TOKENS", "HEADACHE_ACTION_TOKEN",
                 "HEADACHE_ENCRYPTION_KEYS", "HEADACHE_INDEX_KEY"):
        assert env[name], name
    for name in ("session_secret", "kiosk_token", "action_token", "encryption_key", "index_key"):
        assert (serve.VAR / name).stat().st_mode & 0o777 == 0o600, name
    assert serve.VAR.stat().st_mode & 0o777 == 0o700


def test_without_the_setting_the_api_token_is_made_once_in_var(monkeypatch):
    monkeypatch.delenv("HEADACHE_API_TOKEN", raising=False)
    token = serve.api_token()
    assert len(token) >= 32 and serve.api_token() == token
    assert (serve.VAR / "api_token").stat().st_mode & 0o777 == 0o600


def test_no_secret_is_passed_on_a_command_line():
    command = serve.launcher("rasa", "run", "--enable-api")
    assert "--auth-token" not in command


def test_a_taken_port_is_refused_clearly():
    import socket

    import pytest

    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        with pytest.raises(RuntimeError, match="already in use"):
            serve.ensure_free(server.getsockname()[1])
