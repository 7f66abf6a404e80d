"""Corrections beside the source, event date precision, and quotes from texts.

A reviewer's correction or caveat is stored beside an argument, quote, event or actor
(the essay stays verbatim); an event records how precisely its date is known; a quote
can come from a text (a bill) rather than a speaker. Only columns are added to existing
tables: rebuilding one on SQLite would fire its foreign keys' cascades and break the
search triggers, so the allowed precisions are checked by the code.

Revision ID: 0009
Revises: 0008
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

PRECISIONS = "('day', 'month', 'year', 'approximate')"
ONE_TARGET = (
    "(CASE WHEN argument_id IS NULL THEN 0 ELSE 1 END) + "
    "(CASE WHEN quote_id IS NULL THEN 0 ELSE 1 END) + "
    "(CASE WHEN event_id IS NULL THEN 0 ELSE 1 END) + "
    "(CASE WHEN actor_id IS NULL THEN 0 ELSE 1 END) = 1"
)


def upgrade() -> None:
    with op.batch_alter_table("event", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("date_precision", sa.String(length=12), nullable=False, server_default="day")
        )
    # Existing dates are as precise as they are written: YYYY, YYYY-MM or YYYY-MM-DD.
    op.execute("UPDATE event SET date_precision = 'year' WHERE length(date_text) = 4")
    op.execute("UPDATE event SET date_precision = 'month' WHERE length(date_text) = 7")
    with op.batch_alter_table("quote", schema=None) as batch_op:
        batch_op.add_column(sa.Column("source", sa.Text(), nullable=True))

    op.create_table(
        "correction",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("argument_id", sa.Integer(), nullable=True),
        sa.Column("quote_id", sa.Integer(), nullable=True),
        sa.Column("event_id", sa.Integer(), nullable=True),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("date_text", sa.String(length=10), nullable=True),
        sa.Column("date_precision", sa.String(length=12), nullable=True),
        sa.Column("origin", sa.String(length=20), nullable=False),
        sa.Column("author", sa.String(length=200), nullable=False),
        sa.Column(
            "updated_at",
            sa.DateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.CheckConstraint("kind IN ('correction', 'caveat')", name=op.f("ck_correction_kind")),
        sa.CheckConstraint("origin IN ('curated', 'user')", name=op.f("ck_correction_origin")),
        sa.CheckConstraint(ONE_TARGET, name=op.f("ck_correction_one_target")),
        sa.CheckConstraint(
            f"date_precision IS NULL OR date_precision IN {PRECISIONS}",
            name=op.f("ck_correction_date_precision"),
        ),
        sa.ForeignKeyConstraint(
            ["argument_id"],
            ["argument.id"],
            name=op.f("fk_correction_argument_id_argument"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["quote_id"],
            ["quote.id"],
            name=op.f("fk_correction_quote_id_quote"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["event.id"],
            name=op.f("fk_correction_event_id_event"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["actor_id"],
            ["actor.id"],
            name=op.f("fk_correction_actor_id_actor"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_correction")),
        sa.UniqueConstraint("argument_id", name=op.f("uq_correction_argument_id")),
        sa.UniqueConstraint("quote_id", name=op.f("uq_correction_quote_id")),
        sa.UniqueConstraint("event_id", name=op.f("uq_correction_event_id")),
        sa.UniqueConstraint("actor_id", name=op.f("uq_correction_actor_id")),
    )


def downgrade() -> None:
    op.drop_table("correction")
    # Dropping a column rebuilds the table on SQLite (see above); the extra columns are
    # left in place and ignored by the older code.
