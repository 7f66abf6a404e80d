"""Decks: decks, their ordered slides and slide items.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29 12:33:34.019024
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "deck",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("subtitle", sa.Text(), nullable=False),
        sa.Column("author", sa.String(length=300), nullable=False),
        sa.Column("date_label", sa.String(length=100), nullable=False),
        sa.Column("marking", sa.String(length=100), nullable=True),
        sa.Column("theme", sa.String(length=50), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_deck")),
        sa.UniqueConstraint("name", name=op.f("uq_deck_name")),
    )
    op.create_table(
        "slide",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("deck_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("layout", sa.String(length=30), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("subtitle", sa.Text(), nullable=False),
        sa.Column("left_heading", sa.Text(), nullable=False),
        sa.Column("right_heading", sa.Text(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["deck_id"], ["deck.id"], name=op.f("fk_slide_deck_id_deck"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_slide")),
    )
    with op.batch_alter_table("slide", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_slide_deck_id"), ["deck_id"], unique=False)

    op.create_table(
        "slide_item",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("slide_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("column", sa.Integer(), nullable=False),
        sa.Column("level", sa.Integer(), nullable=False),
        sa.Column("source_kind", sa.String(length=20), nullable=True),
        sa.Column("source_id", sa.Integer(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.CheckConstraint(
            "source_kind IS NULL OR source_kind IN ('argument', 'quote', 'footnote', 'event', 'map')",
            name=op.f("ck_slide_item_source_kind"),
        ),
        sa.ForeignKeyConstraint(
            ["slide_id"],
            ["slide.id"],
            name=op.f("fk_slide_item_slide_id_slide"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_slide_item")),
    )
    with op.batch_alter_table("slide_item", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_slide_item_slide_id"), ["slide_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("slide_item", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_slide_item_slide_id"))

    op.drop_table("slide_item")
    with op.batch_alter_table("slide", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_slide_deck_id"))

    op.drop_table("slide")
    op.drop_table("deck")
