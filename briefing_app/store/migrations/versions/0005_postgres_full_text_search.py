"""Search on PostgreSQL: a tsvector index with triggers, as FTS5 is on SQLite.

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

from alembic import op

from briefing_app.store import postgres as postgres_support

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    postgres_support.create_search_index(bind)
    postgres_support.fill_search_index(bind)


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    postgres_support.drop_search_index(bind)
