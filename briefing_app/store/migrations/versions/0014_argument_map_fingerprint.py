"""A document records the fingerprint of the curated argument map last applied to it.

Stores made before keep the argument map of the version that made them; with no
fingerprint recorded, the bundled map is applied again when the store next opens
(``services.bootstrap.refresh_bundled_argument_map``), and whenever it changes after.

Revision ID: 0014
Revises: 0013
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("document") as batch:
        batch.add_column(sa.Column("argument_map_hash", sa.String(length=64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("document") as batch:
        batch.drop_column("argument_map_hash")
