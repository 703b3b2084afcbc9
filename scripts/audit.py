"""`pip-audit` over requirements.lock, with the justified allow-list of
audit-allowlist.yml. pip-audit runs from its own environment
(var/audit-venv, requirements-audit.lock).

Needs PyPI's JSON API with its vulnerability data: on a machine without it
the audit is skipped cleanly, saying so (exit 0); SECURITY.md lists the
advisories known for our pins, checked by hand.

    python -m scripts.audit
"""
from __future__ import annotations

import json
import subprocess
import urllib.error
import urllib.request
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
PIP_AUDIT = ROOT / "var" / "audit-venv" / "bin" / "pip-audit"
# One of our pins, asked of the service the way pip-audit asks: a mirror or
# proxy that answers without vulnerability data counts as no service.
PROBE = "https://pypi.org/pypi/rasa/3.6.21/json"


def service_available(url: str = PROBE, timeout: float = 5.0) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as answer:
            return answer.status == 200 and "vulnerabilities" in json.loads(answer.read())
    except (urllib.error.URLError, OSError, ValueError):
        return False


def allowed_ids(path: Path = ROOT / "audit-allowlist.yml") -> list[str]:
    entries = (yaml.safe_load(path.read_text()) or {}).get("allow") or []
    for entry in entries:
        if not entry.get("why") or not entry.get("id") or not entry.get("package"):
            raise SystemExit(f"audit-allowlist.yml: every entry needs id, package and why: {entry}")
    return [entry["id"] for entry in entries]


def main() -> int:
    ignores = [arg for vuln in allowed_ids() for arg in ("--ignore-vuln", vuln)]
    if not PIP_AUDIT.exists():
        print("error: pip-audit is not installed: run `make test-audit`", file=sys.stderr)
        return 1
    if not service_available():
        print("pip-audit skipped: PyPI's vulnerability data is not reachable from this "
              "machine. Known advisories for our pins: SECURITY.md, 'Dependencies'.")
        return 0
    return subprocess.call([str(PIP_AUDIT), "--requirement", str(ROOT / "requirements.lock"),
                            "--no-deps", "--disable-pip", "--progress-spinner", "off",
                            *ignores])


if __name__ == "__main__":
    sys.exit(main())
