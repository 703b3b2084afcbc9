"""Booking requests made at the kiosk may leave the name to reception.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22

"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0003"
down_revision: Union[str, Sequence[str], None] = "0002"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    # batch mode: SQLite cannot alter a column in place
    with op.batch_alter_table("booking_requests") as batch:
        batch.alter_column("name", existing_type=sa.String(length=200), nullable=True)


def downgrade() -> None:
    with op.batch_alter_table("booking_requests") as batch:
        batch.alter_column("name", existing_type=sa.String(length=200), nullable=False)
