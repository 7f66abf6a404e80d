"""Maps: maps, their styled layers and the arguments they illustrate.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-29 13:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "map",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("caption", sa.Text(), nullable=False),
        sa.Column("extent", sa.JSON(), nullable=False),
        sa.Column("projection", sa.JSON(), nullable=False),
        sa.Column("options", sa.JSON(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=True),
        sa.Column("origin", sa.String(length=20), nullable=False),
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
        sa.CheckConstraint("origin IN ('bundled', 'user')", name=op.f("ck_map_origin")),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["document.id"],
            name=op.f("fk_map_document_id_document"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_map")),
        sa.UniqueConstraint("key", name=op.f("uq_map_key")),
    )
    with op.batch_alter_table("map", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_map_document_id"), ["document_id"], unique=False)

    op.create_table(
        "map_layer",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("map_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("source", sa.String(length=20), nullable=False),
        sa.Column("selector", sa.JSON(), nullable=False),
        sa.Column("features", sa.JSON(), nullable=True),
        sa.Column("style", sa.JSON(), nullable=False),
        sa.Column("legend", sa.Text(), nullable=True),
        sa.Column("attribution", sa.Text(), nullable=True),
        sa.CheckConstraint(
            "source IN ('countries', 'admin1', 'disputed', 'inline')",
            name=op.f("ck_map_layer_source"),
        ),
        sa.ForeignKeyConstraint(
            ["map_id"], ["map.id"], name=op.f("fk_map_layer_map_id_map"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_map_layer")),
        sa.UniqueConstraint("map_id", "name", name=op.f("uq_map_layer_map_id")),
    )
    with op.batch_alter_table("map_layer", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_map_layer_map_id"), ["map_id"], unique=False)

    op.create_table(
        "map_argument",
        sa.Column("map_id", sa.Integer(), nullable=False),
        sa.Column("argument_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["argument_id"],
            ["argument.id"],
            name=op.f("fk_map_argument_argument_id_argument"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["map_id"], ["map.id"], name=op.f("fk_map_argument_map_id_map"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("map_id", "argument_id", name=op.f("pk_map_argument")),
    )


def downgrade() -> None:
    op.drop_table("map_argument")
    with op.batch_alter_table("map_layer", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_map_layer_map_id"))
    op.drop_table("map_layer")
    with op.batch_alter_table("map", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_map_document_id"))
    op.drop_table("map")
