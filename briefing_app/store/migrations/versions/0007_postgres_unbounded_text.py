"""PostgreSQL: text columns hold text of any length, as they do on SQLite.

SQLite never enforced the VARCHAR lengths in the models, so a long label, author or
marking was stored there and refused on PostgreSQL. The lengths stay in the models as
what the app expects; the services check the few that matter (a deck name, say).

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

from alembic import op
from sqlalchemy import text

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def _varchar_columns() -> list[tuple[str, str]]:
    rows = op.get_bind().execute(
        text(
            "SELECT table_name, column_name FROM information_schema.columns "
            "WHERE table_schema = current_schema() AND data_type = 'character varying' "
            "AND table_name <> 'alembic_version' ORDER BY table_name, column_name"
        )
    )
    return [(str(table), str(column)) for table, column in rows]


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table, column in _varchar_columns():
        op.execute(f'ALTER TABLE "{table}" ALTER COLUMN "{column}" TYPE text')


def downgrade() -> None:
    """Lengths are not put back: text already stored may be longer."""
