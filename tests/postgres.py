"""A throwaway PostgreSQL server for the tests that must run on PostgreSQL too:
initdb into a temporary folder, password authentication, one port from
tests/ports.py. Skips the test cleanly where PostgreSQL is not installed."""
from __future__ import annotations

import contextlib
import glob
import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Iterator, Optional

import pytest

USER, PASSWORD, DATABASE = "headache", "pg-test-Pa55word", "headache"


def _binary(name: str) -> Optional[str]:
    found = shutil.which(name) or sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return found if isinstance(found, str) else (found[-1] if found else None)


class Postgres:
    def __init__(self, port: int) -> None:
        self.port = port
        self.folder = Path(tempfile.mkdtemp(prefix="headache-pg-"))
        self.data = self.folder / "data"
        self.url = f"postgresql://{USER}:{PASSWORD}@127.0.0.1:{port}/{DATABASE}"

    def _run(self, *command: str) -> None:
        # PostgreSQL refuses to run as root: as its own system user then.
        prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        subprocess.run([*prefix, *command], check=True, capture_output=True, timeout=120)

    def init(self) -> None:
        password_file = self.folder / "password"
        password_file.write_text(PASSWORD)
        if os.geteuid() == 0:
            shutil.chown(self.folder, "postgres")
            shutil.chown(password_file, "postgres")
        self._run(_binary("initdb"), "-D", str(self.data), "-U", USER,
                  "--auth=scram-sha-256", f"--pwfile={password_file}", "-E", "UTF8")
        self.start()
        import psycopg2

        connection = psycopg2.connect(host="127.0.0.1", port=self.port, user=USER,
                                      password=PASSWORD, dbname="postgres")
        connection.autocommit = True
        with connection.cursor() as cursor:
            cursor.execute(f"CREATE DATABASE {DATABASE}")
        connection.close()

    def start(self) -> None:
        self._run(_binary("pg_ctl"), "-D", str(self.data), "-l", str(self.folder / "log"),
                  "-o", f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1",
                  "-w", "start")

    def stop(self) -> None:
        self._run(_binary("pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop")


@contextlib.contextmanager
def throwaway(port: int) -> Iterator[Postgres]:
    if not (_binary("initdb") and _binary("pg_ctl")):
        pytest.skip("PostgreSQL is not installed here (initdb, pg_ctl)")
    server = Postgres(port)
    server.init()
    try:
        yield server
    finally:
        with contextlib.suppress(subprocess.SubprocessError):
            server.stop()
        shutil.rmtree(server.folder, ignore_errors=True)
