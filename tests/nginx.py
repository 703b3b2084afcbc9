"""A throwaway nginx running the shipped deploy/nginx/headache.conf: the same
file, with the test's own servers in its upstream blocks, its listeners on
ports from tests/ports.py and its logs in a temporary folder (its own prefix,
pid file and temporary paths there too). Skips the test cleanly where nginx
is not installed (scripts/install_services.sh installs it)."""
from __future__ import annotations

import contextlib
import re
import shutil
import socket
import time
from pathlib import Path
from typing import Iterator

import pytest

from tests import service_process

SHIPPED = Path(__file__).resolve().parent.parent / "deploy" / "nginx" / "headache.conf"
LISTENERS = {"public": "listen 8080;", "api": "listen 127.0.0.1:8081;",
             "actions": "listen 127.0.0.1:8082;"}
_UPSTREAM = re.compile(r"(upstream (\w+) \{\n)(.*?)(\n\})", re.S)


def render(conf: str, upstreams: dict[str, list[str]], ports: dict[str, int], logs: Path) -> str:
    """`conf` with each upstream's `server` lines replaced by `upstreams[name]`
    (host:port, keeping the shipped options), each listener on its port, and
    /var/log/nginx/ moved to `logs`."""
    def servers(match: re.Match) -> str:
        lines = match.group(3).split("\n")
        options = next(re.match(r"\s*server \S+?( [^;]*)?;", line).group(1) or ""
                       for line in lines if line.strip().startswith("server "))
        kept = [line for line in lines if not line.strip().startswith("server ")]
        new = [f"    server {address}{options};" for address in upstreams[match.group(2)]]
        return match.group(1) + "\n".join(new + kept) + match.group(4)

    conf, count = _UPSTREAM.subn(servers, conf)
    assert count == len(upstreams), f"{count} upstream blocks, expected {len(upstreams)}"
    for name, listen in LISTENERS.items():
        assert conf.count(listen) == 1, listen
        conf = conf.replace(listen, f"listen 127.0.0.1:{ports[name]};")
    return conf.replace("/var/log/nginx/", f"{logs}/")


class Nginx:
    def __init__(self, upstreams: dict[str, list[str]], ports: dict[str, int]) -> None:
        self.ports = ports
        self.owner = service_process.run_as("www-data")
        self.folder = service_process.folder("headache-nginx-", self.owner)
        self.logs = self.folder / "logs"
        self.url = f"http://127.0.0.1:{ports['public']}"
        self.api_url = f"http://127.0.0.1:{ports['api']}"
        self.actions_url = f"http://127.0.0.1:{ports['actions']}"
        site = render(SHIPPED.read_text(), upstreams, ports, self.logs)
        (self.folder / "headache.conf").write_text(site)
        temp = "\n".join(f"    {kind}_temp_path {self.folder}/temp/{kind};"
                         for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
        (self.folder / "nginx.conf").write_text(
            f"daemon off;\nworker_processes 1;\npid {self.folder}/nginx.pid;\n"
            f"error_log {self.logs}/main-error.log warn;\n"
            "events { worker_connections 1024; }\n"
            f"http {{\n    access_log off;\n{temp}\n"
            f"    include {self.folder}/headache.conf;\n}}\n")
        for path in (self.logs, self.folder / "temp"):
            path.mkdir()
            if self.owner:
                shutil.chown(path, self.owner)
        self.process = None

    def start(self) -> None:
        command = [service_process.binary("nginx"), "-p", str(self.folder), "-c",
                   str(self.folder / "nginx.conf"), "-e", str(self.logs / "main-error.log")]
        self.process = service_process.start(command, self.owner, self.folder / "nginx.out")
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError("nginx exited: " + (self.folder / "nginx.out").read_text()
                                   + (self.logs / "main-error.log").read_text()[-2000:])
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", self.ports["public"])) == 0:
                    return
            time.sleep(0.1)
        raise TimeoutError("nginx did not listen within 30 s")

    def log_text(self) -> str:
        return "".join(path.read_text(errors="replace") for path in self.logs.iterdir())

    def stop(self) -> None:
        if self.process is not None:
            service_process.stop(self.process)


@contextlib.contextmanager
def throwaway(upstreams: dict[str, list[str]], ports: dict[str, int]) -> Iterator[Nginx]:
    if not service_process.binary("nginx"):
        pytest.skip("nginx is not installed here (scripts/install_services.sh installs it)")
    server = Nginx(upstreams, ports)
    try:
        server.start()
        yield server
    finally:
        server.stop()
        shutil.rmtree(server.folder, ignore_errors=True)
