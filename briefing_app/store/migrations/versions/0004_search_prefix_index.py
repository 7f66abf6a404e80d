"""Search: index 1- to 3-character prefixes so search-as-you-type stays fast.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

from alembic import op

from briefing_app.store import sqlite as sqlite_support

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

PREFIXES = "1 2 3"


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        return
    sqlite_support.drop_search_index(bind)
    sqlite_support.create_search_index(bind, prefix=PREFIXES)
    sqlite_support.fill_search_index(bind)


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        return
    sqlite_support.drop_search_index(bind)
    sqlite_support.create_search_index(bind)
    sqlite_support.fill_search_index(bind)
