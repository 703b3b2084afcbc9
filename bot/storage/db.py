"""The one database session factory.

The URL comes from `HEADACHE_DATABASE_URL`; without it, a SQLite file under the
repository's `var/`. A PostgreSQL URL works unchanged. The schema belongs to
Alembic (`migrations/`): call `migrate()` once at start-up, never `create_all`.
"""
from __future__ import annotations

import functools
import os
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, Optional

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.orm import Session, sessionmaker

REPO = Path(__file__).resolve().parents[2]
URL_SETTING = "HEADACHE_DATABASE_URL"
DEFAULT_URL = f"sqlite:///{REPO / 'var' / 'headache.db'}"
BUSY_TIMEOUT_MS = 5000


def database_url(url: Optional[str] = None) -> str:
    """`url` if given, else the setting, else the default SQLite file."""
    return url or os.environ.get(URL_SETTING) or DEFAULT_URL


def is_sqlite(url: Optional[str] = None) -> bool:
    return make_url(database_url(url)).get_backend_name() == "sqlite"


def engine(url: Optional[str] = None) -> Engine:
    """The engine for `url` (default: the setting), created once per URL."""
    return _engine(database_url(url))


@functools.lru_cache(maxsize=None)
def _engine(url: str) -> Engine:
    parsed = make_url(url)
    # hide_parameters: a database error's message never quotes the values
    # (names, phone numbers, answers) of the statement that failed.
    if parsed.get_backend_name() != "sqlite":
        return create_engine(url, future=True, pool_pre_ping=True, hide_parameters=True)
    if parsed.database and parsed.database != ":memory:":
        private_database_file(Path(parsed.database))
    sqlite_engine = create_engine(url, future=True, hide_parameters=True)
    event.listen(sqlite_engine, "connect", configure_sqlite)
    return sqlite_engine


def private_database_file(path: Path) -> None:
    """The SQLite file and its -wal / -shm companions readable by their owner
    only, in a 0700 folder (the umask decides nothing here)."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    if path.parent.name == "var":
        os.chmod(path.parent, 0o700)
    for companion in (path, path.with_name(path.name + "-wal"),
                      path.with_name(path.name + "-shm")):
        if not companion.exists():
            os.close(os.open(companion, os.O_WRONLY | os.O_CREAT, 0o600))
        os.chmod(companion, 0o600)


def configure_sqlite(dbapi_connection, _record=None) -> None:
    """Every SQLite connection to the assistant's file, ours or the tracker store's."""
    cursor = dbapi_connection.cursor()
    # WAL lets the action server read while another request writes; the busy
    # timeout makes a writer wait for the lock instead of failing at once.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA foreign_keys=ON")
    # Erased rows are overwritten, not left readable in free pages.
    cursor.execute("PRAGMA secure_delete=ON")
    cursor.close()


@functools.lru_cache(maxsize=None)
def _session_factory(url: str) -> sessionmaker:
    return sessionmaker(bind=_engine(url), future=True, expire_on_commit=False)


@contextmanager
def session_scope(url: Optional[str] = None) -> Iterator[Session]:
    """A session that commits when the block ends, rolls back if it raises."""
    session = _session_factory(database_url(url))()
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


def alembic_config(url: Optional[str] = None):
    """Alembic's configuration for `url`, usable from any working directory. (Alembic is
    imported here, not at the top: only migrations need it, never the servers' requests.)"""
    from alembic.config import Config

    config = Config(str(REPO / "alembic.ini"))
    config.set_main_option("script_location", str(REPO / "migrations"))
    config.attributes["url"] = database_url(url)
    # The application owns logging; migrations run from it must not reset it.
    config.attributes["configure_logger"] = False
    return config


def migrate(url: Optional[str] = None) -> None:
    """Bring the database at `url` (default: the setting) to the latest schema."""
    from alembic import command

    command.upgrade(alembic_config(url), "head")
