"""Apply the retention rules now (bot.storage.retention), or re-encrypt with
the newest key after a key rotation.

    python -m scripts.retention                # anonymise / delete what is due
    python -m scripts.retention --rotate-keys  # then drop the old key
"""
from __future__ import annotations

import argparse
import dataclasses
import logging
import sys

from bot.storage import db, retention


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rotate-keys", action="store_true",
                        help="re-encrypt every stored value with the first key")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    db.migrate()
    if args.rotate_keys:
        print(f"re-encrypted {retention.rotate_keys()} rows")
        return 0
    for name, count in dataclasses.asdict(retention.run()).items():
        print(f"{name.replace('_', ' ')}: {count}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
