"""A deck's distribution line ("Distribution: Ministers' offices"), shown on its cover.

Revision ID: 0012
Revises: 0011
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("deck") as batch:
        batch.add_column(sa.Column("distribution", sa.Text(), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("deck") as batch:
        batch.drop_column("distribution")
