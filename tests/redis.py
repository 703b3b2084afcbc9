"""A throwaway Redis server for the tests (the Redis lock store of several
Rasa servers): loopback only, a password, no persistence, its own folder
and port from tests/ports.py. Skips the test cleanly where redis-server is
not installed (scripts/install_services.sh installs it)."""
from __future__ import annotations

import contextlib
import shutil
import time
from typing import Iterator

import pytest

from tests import service_process

PASSWORD = "redis-test-Pa55word"


class Redis:
    def __init__(self, port: int) -> None:
        self.port = port
        self.url = f"redis://:{PASSWORD}@127.0.0.1:{port}/0"
        self.owner = service_process.run_as("redis")
        self.folder = service_process.folder("headache-redis-", self.owner)
        self.process = None

    def start(self) -> None:
        config = self.folder / "redis.conf"
        # The password in a file of the test's own 0700 folder, not on a command line.
        config.write_text(f"port {self.port}\nbind 127.0.0.1\nprotected-mode yes\n"
                          f"dir {self.folder}\nsave \"\"\nappendonly no\ndaemonize no\n"
                          f"requirepass {PASSWORD}\n")
        config.chmod(0o600)
        if self.owner:
            shutil.chown(config, self.owner)
        self.process = service_process.start(
            [service_process.binary("redis-server"), str(config)], self.owner,
            self.folder / "redis.log")
        self._wait()

    def _wait(self, timeout: float = 30.0) -> bool:
        import redis

        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError("redis-server exited: "
                                   + (self.folder / "redis.log").read_text()[-2000:])
            with contextlib.suppress(redis.exceptions.ConnectionError):
                return self.client().ping()
            time.sleep(0.1)
        raise TimeoutError(f"redis-server did not answer within {timeout:.0f} s")

    def client(self):
        import redis

        return redis.Redis(host="127.0.0.1", port=self.port, password=PASSWORD,
                           socket_timeout=5)

    def stop(self) -> None:
        if self.process is not None:
            service_process.stop(self.process)


@contextlib.contextmanager
def throwaway(port: int) -> Iterator[Redis]:
    if not service_process.binary("redis-server"):
        pytest.skip("Redis is not installed here (scripts/install_services.sh installs it)")
    server = Redis(port)
    try:
        server.start()
        yield server
    finally:
        server.stop()
        shutil.rmtree(server.folder, ignore_errors=True)
