"""Personal data encrypted at rest; SMS numbers pseudonymised; handled SMS ids.

Names, phone numbers, e-mail addresses, preferred times (free text), the
answers and the warning signs' evidence (the person's own words) become
Fernet ciphertext (bot.storage.crypto): their columns turn to TEXT and the
rows already stored are encrypted here. Opt-outs keep the number's keyed
pseudonym instead of the number. `sms_messages` remembers Twilio's message
ids so a replayed request is not answered twice.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02

"""
import json
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

from bot.storage import crypto

revision: str = "0004"
down_revision: Union[str, Sequence[str], None] = "0003"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

BOOKING_TEXT = {"name": sa.String(length=200), "phone": sa.String(length=16),
                "email": sa.String(length=254), "preferred_time": sa.Text()}
ASSESSMENT_JSON = ("answers", "red_flags")


def upgrade() -> None:
    bind = op.get_bind()
    postgres = bind.dialect.name == "postgresql"
    with op.batch_alter_table("booking_requests") as batch:
        for column, old in BOOKING_TEXT.items():
            batch.alter_column(column, existing_type=old, type_=sa.Text())
    with op.batch_alter_table("assessments") as batch:
        for column in ASSESSMENT_JSON:
            batch.alter_column(column, existing_type=sa.JSON(), type_=sa.Text(),
                               postgresql_using=f"{column}::text" if postgres else None)

    for row in bind.execute(sa.text(
            "SELECT id, name, phone, email, preferred_time FROM booking_requests")).mappings():
        bind.execute(sa.text(
            "UPDATE booking_requests SET name = :name, phone = :phone, email = :email, "
            "preferred_time = :preferred_time WHERE id = :id"),
            {"id": row["id"], **{c: crypto.rotate(row[c]) for c in BOOKING_TEXT}})
    for row in bind.execute(sa.text("SELECT id, answers, red_flags FROM assessments")).mappings():
        bind.execute(sa.text(
            "UPDATE assessments SET answers = :answers, red_flags = :red_flags WHERE id = :id"),
            {"id": row["id"], **{c: crypto.rotate(_json_text(row[c])) for c in ASSESSMENT_JSON}})
    for row in bind.execute(sa.text("SELECT phone FROM sms_opt_outs")).mappings():
        if not row["phone"].startswith("sms-"):
            bind.execute(sa.text("UPDATE sms_opt_outs SET phone = :new WHERE phone = :old"),
                         {"old": row["phone"], "new": crypto.pseudonym("sms", row["phone"])})

    op.create_table(
        "sms_messages",
        sa.Column("message_id", sa.String(length=40), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("message_id", name=op.f("pk_sms_messages")),
    )
    op.create_index(op.f("ix_sms_messages_received_at"), "sms_messages", ["received_at"])


def _json_text(value) -> str:
    return value if isinstance(value, str) else json.dumps(value)


def downgrade() -> None:
    # The old schema stored these in clear: going back means decrypting them
    # (pseudonymised opt-outs cannot be reversed and stay as they are).
    bind = op.get_bind()
    postgres = bind.dialect.name == "postgresql"
    op.drop_index(op.f("ix_sms_messages_received_at"), table_name="sms_messages")
    op.drop_table("sms_messages")
    for row in bind.execute(sa.text(
            "SELECT id, name, phone, email, preferred_time FROM booking_requests")).mappings():
        bind.execute(sa.text(
            "UPDATE booking_requests SET name = :name, phone = :phone, email = :email, "
            "preferred_time = :preferred_time WHERE id = :id"),
            {"id": row["id"], **{c: crypto.decrypt(row[c]) for c in BOOKING_TEXT}})
    for row in bind.execute(sa.text("SELECT id, answers, red_flags FROM assessments")).mappings():
        bind.execute(sa.text(
            "UPDATE assessments SET answers = :answers, red_flags = :red_flags WHERE id = :id"),
            {"id": row["id"], **{c: crypto.decrypt(row[c]) for c in ASSESSMENT_JSON}})
    with op.batch_alter_table("assessments") as batch:
        for column in ASSESSMENT_JSON:
            batch.alter_column(column, existing_type=sa.Text(), type_=sa.JSON(),
                               postgresql_using=f"{column}::json" if postgres else None)
    with op.batch_alter_table("booking_requests") as batch:
        for column, old in BOOKING_TEXT.items():
            batch.alter_column(column, existing_type=sa.Text(), type_=old)
