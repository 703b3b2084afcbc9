"""Alembic environment: the URL comes from the application's own setting.

`bot.storage.db.migrate(url)` passes its URL in `config.attributes["url"]`;
the `alembic` command line uses HEADACHE_DATABASE_URL or the default file.
"""
import sys
from logging.config import fileConfig
from pathlib import Path

import sqlalchemy as sa
from alembic import context

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bot.storage import db  # noqa: E402
from bot.storage.models import Base  # noqa: E402

config = context.config
if config.config_file_name and config.attributes.get("configure_logger", True):
    fileConfig(config.config_file_name, disable_existing_loggers=False)

target_metadata = Base.metadata
# Several servers starting at once on PostgreSQL: one migrates while the
# others wait on this lock, then find the schema current.
MIGRATION_LOCK = 0x6865616461636865   # "headache"
url = db.database_url(config.attributes.get("url"))


def run_migrations_offline() -> None:
    """Write the SQL to stdout (`alembic upgrade head --sql`)."""
    context.configure(url=url, target_metadata=target_metadata, literal_binds=True,
                      dialect_opts={"paramstyle": "named"},
                      render_as_batch=db.is_sqlite(url))
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    with db.engine(url).connect() as connection:
        # Batch mode lets later migrations alter SQLite tables (copy and move).
        context.configure(connection=connection, target_metadata=target_metadata,
                          render_as_batch=db.is_sqlite(url))
        with context.begin_transaction():
            if connection.dialect.name == "postgresql":
                connection.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"),
                                   {"key": MIGRATION_LOCK})
            context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
