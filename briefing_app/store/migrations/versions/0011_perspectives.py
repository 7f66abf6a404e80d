"""Perspectives come from each document's argument map instead of a fixed list.

A store written before this kept only the keys inside its arguments: each document gets
those keys back as perspectives, named as the bundled argument map names them when the
document is the bundled essay, else by the key itself (reloading the map renames them).

Revision ID: 0011
Revises: 0010
"""

from __future__ import annotations

import json
import tomllib

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def _declared_names(slug: str) -> dict[str, str]:
    """The names the bundled argument map of ``slug`` gives its perspectives, if any."""
    from briefing_app.paths import ARGUMENT_MAP_DIR

    try:
        with (ARGUMENT_MAP_DIR / f"{slug}.toml").open("rb") as handle:
            entries = tomllib.load(handle).get("perspective", [])
        return {str(e["key"]): str(e["name"]) for e in entries}
    except (OSError, ValueError, KeyError, TypeError, tomllib.TOMLDecodeError):
        return {}


def upgrade() -> None:
    table = op.create_table(
        "perspective",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=60), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["document.id"],
            name=op.f("fk_perspective_document_id_document"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_perspective")),
        sa.UniqueConstraint("document_id", "key", name=op.f("uq_perspective_document_id")),
    )
    op.create_index(op.f("ix_perspective_document_id"), "perspective", ["document_id"])
    connection = op.get_bind()
    documents = connection.execute(sa.text("SELECT id, slug FROM document")).all()
    rows = []
    for document_id, slug in documents:
        names = _declared_names(slug)
        used: list[str] = list(names)
        stored = connection.execute(
            sa.text("SELECT perspectives FROM argument WHERE document_id = :d"), {"d": document_id}
        )
        for (value,) in stored:
            keys = json.loads(value) if isinstance(value, str) else value
            used += [str(k) for k in keys or [] if str(k) not in used]
        rows += [
            {"document_id": document_id, "key": key, "name": names.get(key, key), "position": i}
            for i, key in enumerate(used)
        ]
    if rows:
        op.bulk_insert(table, rows)


def downgrade() -> None:
    op.drop_index(op.f("ix_perspective_document_id"), table_name="perspective")
    op.drop_table("perspective")
