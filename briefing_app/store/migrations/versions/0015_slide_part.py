"""Slides belong to parts of the briefing ("Kosovo model", "Risks"), shown in a tracker.

A deck's parts are the distinct parts of its slides in slide order; the layout engine
draws them as a small agenda tracker on each slide of a part, with that slide's part
highlighted (instead of near-empty section dividers). "" means the slide belongs to no
part; existing slides get "" and their decks show no tracker.

Revision ID: 0015
Revises: 0014
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("slide") as batch:
        batch.add_column(sa.Column("part", sa.String(100), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("slide") as batch:
        batch.drop_column("part")
