"""Search: index only the start of very long titles and bodies.

A megabyte-long argument made FTS5's snippet() take minutes and cannot be held by a
PostgreSQL tsvector at all; both indexes are rebuilt with the bounded expressions.

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

from alembic import op

from briefing_app.store import postgres as postgres_support
from briefing_app.store import sqlite as sqlite_support

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def _rebuild() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        sqlite_support.drop_search_index(bind)
        sqlite_support.create_search_index(bind, prefix=sqlite_support.SEARCH_PREFIXES)
        sqlite_support.fill_search_index(bind)
    elif bind.dialect.name == "postgresql":
        postgres_support.drop_search_index(bind)
        postgres_support.create_search_index(bind)
        postgres_support.fill_search_index(bind)


def upgrade() -> None:
    _rebuild()


def downgrade() -> None:
    _rebuild()  # the unbounded index is not worth restoring
