"""The effective endpoints the run command writes for the Rasa server."""
from __future__ import annotations

import os
import subprocess
import sys
from unittest import mock

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


# Several servers

def test_without_a_lock_store_url_rasa_keeps_its_in_memory_lock_store():
    path = serve.endpoints_file(None, rasa_port=5105)
    assert "lock_store" not in yaml.safe_load(path.read_text())


def test_a_redis_url_becomes_the_lock_store_without_writing_its_password():
    path = serve.endpoints_file(None, rasa_port=5105,
                                lock_store_url="redis://:s3cret%21@redis.local:6380/2")
    endpoints = yaml.safe_load(path.read_text())
    assert endpoints["lock_store"] == {
        "type": "redis", "url": "redis.local", "port": 6380, "db": 2, "key_prefix": "headache",
        "use_ssl": False, "password": "${HEADACHE_LOCK_STORE_PASSWORD}"}
    assert "s3cret" not in path.read_text()
    assert serve.lock_store_password("redis://:s3cret%21@redis.local:6380/2") == "s3cret!"


def test_a_lock_store_without_password_names_none_and_tls_is_rediss():
    store = serve.lock_store("rediss://redis.local")
    assert store["use_ssl"] is True and store["port"] == 6379 and store["db"] == 0
    assert "password" not in store and serve.lock_store_password("redis://redis.local/0") == ""


def test_a_lock_store_url_that_is_not_redis_is_refused():
    import pytest

    for url in ("http://redis.local/0", "redis://redis.local/zero"):
        with pytest.raises(RuntimeError, match="HEADACHE_LOCK_STORE_URL"):
            serve.lock_store(url)


def test_the_action_url_names_the_action_server_rasa_calls():
    path = serve.endpoints_file(None, rasa_port=5105, action_url="http://actions:5055/webhook")
    assert yaml.safe_load(path.read_text())["action_endpoint"]["url"] == \
        "http://actions:5055/webhook"


def test_several_rasa_workers_without_the_redis_lock_store_are_refused():
    import pytest

    with pytest.raises(RuntimeError, match="SANIC_WORKERS=2 needs the Redis lock store"):
        serve.check_workers({"SANIC_WORKERS": "2"})
    serve.check_workers({"SANIC_WORKERS": "2", "HEADACHE_LOCK_STORE_URL": "redis://r/0"})
    serve.check_workers({"SANIC_WORKERS": "1"})
    serve.check_workers({})


def run_command(*args: str, **env: str) -> subprocess.CompletedProcess:
    """`python -m scripts.serve` as an operator starts it (it stops before
    starting anything in these cases)."""
    return subprocess.run([sys.executable, "-m", "scripts.serve", *args], cwd=serve.ROOT,
                          env={**os.environ, **env}, capture_output=True, text=True,
                          timeout=120)


def test_the_run_command_refuses_several_workers_without_a_lock_store():
    environment = {k: v for k, v in os.environ.items() if k != "HEADACHE_LOCK_STORE_URL"}
    with mock.patch.dict(os.environ, environment, clear=True):
        result = run_command("--port", "1", "--action-port", "2", SANIC_WORKERS="2")
    assert result.returncode == 1
    assert "needs the Redis lock store" in result.stderr


def test_a_server_of_several_refuses_to_make_up_its_own_secrets():
    shared = {name: "shared" for name in serve.SHARED_SECRETS}
    environment = {k: v for k, v in os.environ.items() if k != "HEADACHE_SESSION_SECRET"}
    with mock.patch.dict(os.environ, environment, clear=True):
        result = run_command("--role", "rasa", "--port", "1",
                             **{k: v for k, v in shared.items()
                                if k != "HEADACHE_SESSION_SECRET"})
    assert result.returncode == 1
    assert "set HEADACHE_SESSION_SECRET in the environment" in result.stderr
    serve.check_shared_secrets("all")   # one machine: var/ holds them


def test_the_health_check_of_a_server_bound_to_every_address_asks_loopback():
    assert serve.local_address("0.0.0.0") == "127.0.0.1"
    assert serve.local_address("10.1.2.3") == "10.1.2.3"
