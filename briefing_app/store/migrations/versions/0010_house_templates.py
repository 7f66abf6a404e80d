"""House templates: PowerPoint templates stored by content, and each deck's template.

Revision ID: 0010
Revises: 0009
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "template",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("filename", sa.Text(), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("width", sa.Float(), nullable=False),
        sa.Column("height", sa.Float(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_template")),
        sa.UniqueConstraint("name", name=op.f("uq_template_name")),
        sa.UniqueConstraint("sha256", name=op.f("uq_template_sha256")),
    )
    with op.batch_alter_table("deck", schema=None) as batch_op:
        batch_op.add_column(sa.Column("template_id", sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f("ix_deck_template_id"), ["template_id"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_deck_template_id_template"),
            "template",
            ["template_id"],
            ["id"],
            ondelete="SET NULL",
        )


def downgrade() -> None:
    with op.batch_alter_table("deck", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_deck_template_id_template"), type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_deck_template_id"))
        batch_op.drop_column("template_id")
    op.drop_table("template")
