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


def test_a_postgresql_url_moves_the_tracker_store_there():
    path = serve.endpoints_file("postgresql://bot:secret@db.local:5433/headache", rasa_port=5107)
    store = yaml.safe_load(path.read_text())["tracker_store"]
    assert store == {"type": "SQL", "dialect": "postgresql", "url": "db.local", "port": 5433,
                     "db": "headache", "username": "bot", "password": "secret"}


def test_a_taken_port_is_refused_clearly():
    import socket

    import pytest

    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        with pytest.raises(RuntimeError, match="already in use"):
            serve.ensure_free(server.getsockname()[1])
