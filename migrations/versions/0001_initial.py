"""Assessments and booking requests.

Revision ID: 0001
Revises:
Create Date: 2024-11-21

"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0001"
down_revision: Union[str, Sequence[str], None] = None
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table(
        "assessments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("conversation_id", sa.String(length=255), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("triage", sa.String(length=20), nullable=False),
        sa.Column("answers", sa.JSON(), nullable=False),
        sa.Column("red_flags", sa.JSON(), nullable=False),
        sa.Column("factors", sa.JSON(), nullable=False),
        sa.Column("rule_ids", sa.JSON(), nullable=False),
        sa.Column("suggested_service", sa.String(length=10), nullable=True),
        sa.Column("consented", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_assessments"),
    )
    op.create_index("ix_assessments_conversation_id", "assessments",
                    ["conversation_id"], unique=False)

    op.create_table(
        "booking_requests",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("reference", sa.String(length=8), nullable=False),
        sa.Column("conversation_id", sa.String(length=255), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("service", sa.String(length=10), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("phone", sa.String(length=16), nullable=True),
        sa.Column("email", sa.String(length=254), nullable=True),
        sa.Column("preferred_time", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("assessment_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["assessment_id"], ["assessments.id"],
                                name="fk_booking_requests_assessment_id_assessments",
                                ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name="pk_booking_requests"),
        sa.UniqueConstraint("reference", name="uq_booking_requests_reference"),
    )
    op.create_index("ix_booking_requests_conversation_id", "booking_requests",
                    ["conversation_id"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_booking_requests_conversation_id", table_name="booking_requests")
    op.drop_table("booking_requests")
    op.drop_index("ix_assessments_conversation_id", table_name="assessments")
    op.drop_table("assessments")
