"""Starting a throwaway server binary for the tests (Redis, nginx): as an
unprivileged user when the tests run as root, in its own temporary folder,
killed by the kernel if the test process dies."""
from __future__ import annotations

import contextlib
import ctypes
import os
import pwd
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path
from typing import Optional

_PR_SET_PDEATHSIG = 1


def binary(name: str) -> Optional[str]:
    """The binary on PATH or where Debian installs it (sbin is not on every PATH)."""
    return shutil.which(name) or next(
        (str(path) for path in (Path("/usr/sbin") / name, Path("/usr/bin") / name)
         if os.access(path, os.X_OK)), None)


def run_as(*candidates: str) -> Optional[str]:
    """The first of `candidates` that exists, when we are root (else None: ourselves)."""
    if os.geteuid() != 0:
        return None
    for name in (*candidates, "nobody"):
        with contextlib.suppress(KeyError):
            return pwd.getpwnam(name).pw_name
    raise RuntimeError("no unprivileged user to run a test server as")


def folder(prefix: str, owner: Optional[str]) -> Path:
    path = Path(tempfile.mkdtemp(prefix=prefix))   # 0700
    if owner:
        shutil.chown(path, owner, pwd.getpwnam(owner).pw_gid)
    return path


def _die_with_parent() -> None:
    ctypes.CDLL(None).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)


def start(command: list[str], owner: Optional[str], log: Path) -> subprocess.Popen:
    with open(log, "ab") as output:
        extra = {}
        if owner:
            entry = pwd.getpwnam(owner)
            extra = {"user": entry.pw_uid, "group": entry.pw_gid, "extra_groups": []}
        return subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL, preexec_fn=_die_with_parent,
                                **extra)


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
