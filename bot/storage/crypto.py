"""Encryption at rest of what identifies a person or is written in their words.

- Values (names, phone numbers, e-mail addresses, free text, the tracker
  store's event data) are encrypted with Fernet (AES-128-CBC + HMAC-SHA256).
  The keys come from `HEADACHE_ENCRYPTION_KEYS` (comma-separated, newest
  first), else from `var/encryption_key` (created once, 0600). Every key
  listed decrypts; only the first encrypts: to rotate, put a new key first,
  run `python -m scripts.retention --rotate-keys`, then drop the old key
  (SECURITY.md).
- Identifiers that must be looked up (an SMS conversation is its phone
  number) are replaced by a keyed pseudonym: HMAC-SHA256 with
  `HEADACHE_INDEX_KEY`, else `var/index_key`. That key is not rotated (a new
  one would orphan every stored conversation).

A stored value that is not ours (written before encryption was introduced)
reads back as it is, and is encrypted the next time it is written.
"""
from __future__ import annotations

import functools
import hashlib
import hmac
import os
import secrets
from pathlib import Path
from typing import Optional

from cryptography.fernet import Fernet, InvalidToken, MultiFernet

REPO = Path(__file__).resolve().parents[2]
VAR = REPO / "var"
KEYS_SETTING = "HEADACHE_ENCRYPTION_KEYS"
INDEX_KEY_SETTING = "HEADACHE_INDEX_KEY"
PREFIX = "fernet:"     # marks our ciphertext, so legacy plain values still read


class UnusableKey(RuntimeError):
    """The configured keys cannot be used (never shows the key)."""


def private_file(path: Path, make_value) -> str:
    """The content of `path`, created with `make_value()` first if missing; the
    file is readable by its owner only and its folder is 0700."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.chmod(path.parent, 0o700)
    if not path.exists():
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w") as file:
            file.write(make_value())
    os.chmod(path, 0o600)
    return path.read_text().strip()


def configured_keys() -> str:
    return os.environ.get(KEYS_SETTING) or private_file(
        VAR / "encryption_key", lambda: Fernet.generate_key().decode())


def index_key() -> str:
    return os.environ.get(INDEX_KEY_SETTING) or private_file(
        VAR / "index_key", lambda: secrets.token_urlsafe(32))


@functools.lru_cache(maxsize=4)
def _fernet(keys: str) -> MultiFernet:
    try:
        return MultiFernet([Fernet(key.strip().encode()) for key in keys.split(",")
                            if key.strip()])
    except (ValueError, TypeError):
        raise UnusableKey(f"{KEYS_SETTING} must hold Fernet keys (32 url-safe base64 bytes), "
                        "comma-separated") from None


def fernet() -> MultiFernet:
    return _fernet(configured_keys())


def encrypt(value: Optional[str]) -> Optional[str]:
    if value is None:
        return None
    return PREFIX + fernet().encrypt(value.encode("utf-8")).decode("ascii")


def is_encrypted(value: Optional[str]) -> bool:
    return isinstance(value, str) and value.startswith(PREFIX)


def decrypt(value: Optional[str]) -> Optional[str]:
    """The plain text of a value we encrypted; other values as they are."""
    if not is_encrypted(value):
        return value
    try:
        return fernet().decrypt(value[len(PREFIX):].encode("ascii")).decode("utf-8")
    except InvalidToken:
        raise UnusableKey("a stored value cannot be decrypted with the configured keys "
                        f"({KEYS_SETTING}): was a key removed too early?") from None


def rotate(value: Optional[str]) -> Optional[str]:
    """`value` encrypted with the newest key (plain values get encrypted)."""
    if value is None:
        return None
    if not is_encrypted(value):
        return encrypt(value)
    token = fernet().rotate(value[len(PREFIX):].encode("ascii"))
    return PREFIX + token.decode("ascii")


def pseudonym(kind: str, value: str) -> str:
    """A stable id for `value` that does not reveal it: "<kind>-<keyed hash>"."""
    digest = hmac.new(index_key().encode(), f"{kind}:{value}".encode("utf-8"),
                      hashlib.sha256).hexdigest()
    return f"{kind}-{digest[:24]}"
