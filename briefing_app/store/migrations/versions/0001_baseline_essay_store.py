"""Baseline: the essay store (documents, text, arguments, actors, quotes, events, review).

Revision ID: 0001
Revises:
Create Date: 2026-11-29 12:30:44.604495
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from briefing_app.store import sqlite as sqlite_support

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "document",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("slug", sa.String(length=200), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("author", sa.String(length=200), nullable=True),
        sa.Column("affiliation", sa.Text(), nullable=True),
        sa.Column("publisher", sa.String(length=300), nullable=True),
        sa.Column("published", sa.Date(), nullable=True),
        sa.Column("revised", sa.Date(), nullable=True),
        sa.Column("category", sa.String(length=200), nullable=True),
        sa.Column("image_caption", sa.Text(), nullable=True),
        sa.Column("attribution", sa.Text(), nullable=True),
        sa.Column("source_name", sa.String(length=500), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column(
            "imported_at",
            sa.DateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_document")),
        sa.UniqueConstraint("slug", name=op.f("uq_document_slug")),
    )
    op.create_table(
        "tag",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tag")),
        sa.UniqueConstraint("name", name=op.f("uq_tag_name")),
    )
    op.create_table(
        "actor",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.CheckConstraint(
            "kind IN ('person', 'state', 'organisation', 'place')", name=op.f("ck_actor_kind")
        ),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["document.id"],
            name=op.f("fk_actor_document_id_document"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_actor")),
        sa.UniqueConstraint("document_id", "key", name=op.f("uq_actor_document_id")),
    )
    with op.batch_alter_table("actor", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_actor_document_id"), ["document_id"], unique=False)

    op.create_table(
        "section",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("title", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["document.id"],
            name=op.f("fk_section_document_id_document"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_section")),
        sa.UniqueConstraint("document_id", "position", name=op.f("uq_section_document_id")),
    )
    op.create_table(
        "actor_alias",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=False),
        sa.Column("alias", sa.String(length=300), nullable=False),
        sa.ForeignKeyConstraint(
            ["actor_id"],
            ["actor.id"],
            name=op.f("fk_actor_alias_actor_id_actor"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_actor_alias")),
    )
    with op.batch_alter_table("actor_alias", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_actor_alias_actor_id"), ["actor_id"], unique=False)

    op.create_table(
        "paragraph",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("section_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("source_line", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["document.id"],
            name=op.f("fk_paragraph_document_id_document"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["section_id"],
            ["section.id"],
            name=op.f("fk_paragraph_section_id_section"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_paragraph")),
        sa.UniqueConstraint("document_id", "position", name=op.f("uq_paragraph_document_id")),
    )
    with op.batch_alter_table("paragraph", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_paragraph_document_id"), ["document_id"], unique=False)

    op.create_table(
        "footnote",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("paragraph_id", sa.Integer(), nullable=True),
        sa.Column("offset", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["document.id"],
            name=op.f("fk_footnote_document_id_document"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["paragraph_id"],
            ["paragraph.id"],
            name=op.f("fk_footnote_paragraph_id_paragraph"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_footnote")),
        sa.UniqueConstraint("document_id", "number", name=op.f("uq_footnote_document_id")),
    )
    with op.batch_alter_table("footnote", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_footnote_document_id"), ["document_id"], unique=False)

    op.create_table(
        "argument",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("label", sa.String(length=300), nullable=False),
        sa.Column("claim", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("perspectives", sa.JSON(), nullable=False),
        sa.Column("quote", sa.Text(), nullable=False),
        sa.Column("origin", sa.String(length=20), nullable=False),
        sa.Column("paragraph_id", sa.Integer(), nullable=True),
        sa.Column("footnote_id", sa.Integer(), nullable=True),
        sa.Column("span_start", sa.Integer(), nullable=True),
        sa.Column("span_end", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "kind IN ('thesis', 'proposal', 'premise', 'benefit', 'risk', 'objection', 'rebuttal', 'precedent', 'evidence')",
            name=op.f("ck_argument_kind"),
        ),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["document.id"],
            name=op.f("fk_argument_document_id_document"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["footnote_id"],
            ["footnote.id"],
            name=op.f("fk_argument_footnote_id_footnote"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["paragraph_id"],
            ["paragraph.id"],
            name=op.f("fk_argument_paragraph_id_paragraph"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_argument")),
        sa.UniqueConstraint("document_id", "key", name=op.f("uq_argument_document_id")),
    )
    with op.batch_alter_table("argument", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_argument_document_id"), ["document_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_argument_footnote_id"), ["footnote_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_argument_paragraph_id"), ["paragraph_id"], unique=False
        )

    op.create_table(
        "event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("date_text", sa.String(length=10), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("quote", sa.Text(), nullable=False),
        sa.Column("paragraph_id", sa.Integer(), nullable=True),
        sa.Column("footnote_id", sa.Integer(), nullable=True),
        sa.Column("span_start", sa.Integer(), nullable=True),
        sa.Column("span_end", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["document.id"],
            name=op.f("fk_event_document_id_document"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["footnote_id"],
            ["footnote.id"],
            name=op.f("fk_event_footnote_id_footnote"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["paragraph_id"],
            ["paragraph.id"],
            name=op.f("fk_event_paragraph_id_paragraph"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_event")),
        sa.UniqueConstraint("document_id", "key", name=op.f("uq_event_document_id")),
    )
    with op.batch_alter_table("event", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_event_document_id"), ["document_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_event_footnote_id"), ["footnote_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_event_paragraph_id"), ["paragraph_id"], unique=False)

    op.create_table(
        "link",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("anchor_text", sa.Text(), nullable=False),
        sa.Column("target", sa.Text(), nullable=True),
        sa.Column("paragraph_id", sa.Integer(), nullable=True),
        sa.Column("footnote_id", sa.Integer(), nullable=True),
        sa.Column("span_start", sa.Integer(), nullable=True),
        sa.Column("span_end", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["document.id"],
            name=op.f("fk_link_document_id_document"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["footnote_id"],
            ["footnote.id"],
            name=op.f("fk_link_footnote_id_footnote"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["paragraph_id"],
            ["paragraph.id"],
            name=op.f("fk_link_paragraph_id_paragraph"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_link")),
    )
    with op.batch_alter_table("link", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_link_document_id"), ["document_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_link_footnote_id"), ["footnote_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_link_paragraph_id"), ["paragraph_id"], unique=False)

    op.create_table(
        "quote",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("speaker_id", sa.Integer(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("date_text", sa.String(length=10), nullable=True),
        sa.Column("context", sa.Text(), nullable=False),
        sa.Column("paragraph_id", sa.Integer(), nullable=True),
        sa.Column("footnote_id", sa.Integer(), nullable=True),
        sa.Column("span_start", sa.Integer(), nullable=True),
        sa.Column("span_end", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["document.id"],
            name=op.f("fk_quote_document_id_document"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["footnote_id"],
            ["footnote.id"],
            name=op.f("fk_quote_footnote_id_footnote"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["paragraph_id"],
            ["paragraph.id"],
            name=op.f("fk_quote_paragraph_id_paragraph"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["speaker_id"],
            ["actor.id"],
            name=op.f("fk_quote_speaker_id_actor"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_quote")),
        sa.UniqueConstraint("document_id", "key", name=op.f("uq_quote_document_id")),
    )
    with op.batch_alter_table("quote", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_quote_document_id"), ["document_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_quote_footnote_id"), ["footnote_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_quote_paragraph_id"), ["paragraph_id"], unique=False)

    op.create_table(
        "text_style_span",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("paragraph_id", sa.Integer(), nullable=True),
        sa.Column("footnote_id", sa.Integer(), nullable=True),
        sa.Column("span_start", sa.Integer(), nullable=True),
        sa.Column("span_end", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["document.id"],
            name=op.f("fk_text_style_span_document_id_document"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["footnote_id"],
            ["footnote.id"],
            name=op.f("fk_text_style_span_footnote_id_footnote"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["paragraph_id"],
            ["paragraph.id"],
            name=op.f("fk_text_style_span_paragraph_id_paragraph"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_text_style_span")),
    )
    with op.batch_alter_table("text_style_span", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_text_style_span_document_id"), ["document_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_text_style_span_footnote_id"), ["footnote_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_text_style_span_paragraph_id"), ["paragraph_id"], unique=False
        )

    op.create_table(
        "argument_footnote",
        sa.Column("argument_id", sa.Integer(), nullable=False),
        sa.Column("footnote_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["argument_id"],
            ["argument.id"],
            name=op.f("fk_argument_footnote_argument_id_argument"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["footnote_id"],
            ["footnote.id"],
            name=op.f("fk_argument_footnote_footnote_id_footnote"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("argument_id", "footnote_id", name=op.f("pk_argument_footnote")),
    )
    op.create_table(
        "argument_relation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.Column("target_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.CheckConstraint(
            "kind IN ('supports', 'opposes', 'elaborates', 'responds_to')",
            name=op.f("ck_argument_relation_kind"),
        ),
        sa.ForeignKeyConstraint(
            ["source_id"],
            ["argument.id"],
            name=op.f("fk_argument_relation_source_id_argument"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["target_id"],
            ["argument.id"],
            name=op.f("fk_argument_relation_target_id_argument"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_argument_relation")),
        sa.UniqueConstraint(
            "source_id", "target_id", "kind", name=op.f("uq_argument_relation_source_id")
        ),
    )
    with op.batch_alter_table("argument_relation", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_argument_relation_source_id"), ["source_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_argument_relation_target_id"), ["target_id"], unique=False
        )

    op.create_table(
        "argument_tag",
        sa.Column("argument_id", sa.Integer(), nullable=False),
        sa.Column("tag_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["argument_id"],
            ["argument.id"],
            name=op.f("fk_argument_tag_argument_id_argument"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["tag_id"], ["tag.id"], name=op.f("fk_argument_tag_tag_id_tag"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("argument_id", "tag_id", name=op.f("pk_argument_tag")),
    )
    op.create_table(
        "review_annotation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("argument_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("author", sa.String(length=200), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.CheckConstraint(
            "status IN ('unreviewed', 'agreed', 'disputed', 'needs-source')",
            name=op.f("ck_review_annotation_status"),
        ),
        sa.ForeignKeyConstraint(
            ["argument_id"],
            ["argument.id"],
            name=op.f("fk_review_annotation_argument_id_argument"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_review_annotation")),
    )
    with op.batch_alter_table("review_annotation", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_review_annotation_argument_id"), ["argument_id"], unique=False
        )
    if op.get_bind().dialect.name == "sqlite":
        sqlite_support.create_search_index(op.get_bind())


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        sqlite_support.drop_search_index(op.get_bind())
    with op.batch_alter_table("review_annotation", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_review_annotation_argument_id"))

    op.drop_table("review_annotation")
    op.drop_table("argument_tag")
    with op.batch_alter_table("argument_relation", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_argument_relation_target_id"))
        batch_op.drop_index(batch_op.f("ix_argument_relation_source_id"))

    op.drop_table("argument_relation")
    op.drop_table("argument_footnote")
    with op.batch_alter_table("text_style_span", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_text_style_span_paragraph_id"))
        batch_op.drop_index(batch_op.f("ix_text_style_span_footnote_id"))
        batch_op.drop_index(batch_op.f("ix_text_style_span_document_id"))

    op.drop_table("text_style_span")
    with op.batch_alter_table("quote", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_quote_paragraph_id"))
        batch_op.drop_index(batch_op.f("ix_quote_footnote_id"))
        batch_op.drop_index(batch_op.f("ix_quote_document_id"))

    op.drop_table("quote")
    with op.batch_alter_table("link", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_link_paragraph_id"))
        batch_op.drop_index(batch_op.f("ix_link_footnote_id"))
        batch_op.drop_index(batch_op.f("ix_link_document_id"))

    op.drop_table("link")
    with op.batch_alter_table("event", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_event_paragraph_id"))
        batch_op.drop_index(batch_op.f("ix_event_footnote_id"))
        batch_op.drop_index(batch_op.f("ix_event_document_id"))

    op.drop_table("event")
    with op.batch_alter_table("argument", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_argument_paragraph_id"))
        batch_op.drop_index(batch_op.f("ix_argument_footnote_id"))
        batch_op.drop_index(batch_op.f("ix_argument_document_id"))

    op.drop_table("argument")
    with op.batch_alter_table("footnote", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_footnote_document_id"))

    op.drop_table("footnote")
    with op.batch_alter_table("paragraph", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_paragraph_document_id"))

    op.drop_table("paragraph")
    with op.batch_alter_table("actor_alias", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_actor_alias_actor_id"))

    op.drop_table("actor_alias")
    op.drop_table("section")
    with op.batch_alter_table("actor", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_actor_document_id"))

    op.drop_table("actor")
    op.drop_table("tag")
    op.drop_table("document")
