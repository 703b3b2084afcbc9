"""A booking remembers the action call that stored it, so a resent call stores nothing new.

When an action server dies after storing a booking but before answering, the
call is resent to another action server (deploy/nginx/headache.conf,
`non_idempotent`). The key (a hash of the conversation, the message and the
call's place in the conversation; records.request_key) lets that second call
return the booking already stored. Rows stored before have no key.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02

"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: Union[str, Sequence[str], None] = "0004"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    # batch mode: SQLite cannot add a constraint to a table in place
    with op.batch_alter_table("booking_requests") as batch:
        batch.add_column(sa.Column("request_key", sa.String(length=64), nullable=True))
        batch.create_unique_constraint("uq_booking_requests_request_key", ["request_key"])


def downgrade() -> None:
    with op.batch_alter_table("booking_requests") as batch:
        batch.drop_constraint("uq_booking_requests_request_key", type_="unique")
        batch.drop_column("request_key")
