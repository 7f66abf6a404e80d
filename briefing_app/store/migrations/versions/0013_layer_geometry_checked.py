"""Imported map layers carry whether their geometry was checked at import.

Layers imported before the geometry limits may hold shapes that cross themselves, which
drawing would have to repair (minutes and gigabytes for a few thousand points). Existing
imported layers are marked unchecked; the map service validates, repairs and simplifies
them once under the import's budget when the store is next opened
(``services.maps.check_stored_layers``), dropping with a recorded sentence a layer beyond
it. Layers imported since are checked at import.

Revision ID: 0013
Revises: 0012
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("map_layer") as batch:
        batch.add_column(
            sa.Column("geometry_checked", sa.Boolean(), nullable=False, server_default=sa.true())
        )
    op.execute("UPDATE map_layer SET geometry_checked = false WHERE source = 'inline'")


def downgrade() -> None:
    with op.batch_alter_table("map_layer") as batch:
        batch.drop_column("geometry_checked")
