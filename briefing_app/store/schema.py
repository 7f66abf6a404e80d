"""The store's schema at the newest migration, as plain data (no SQLAlchemy).

Opening a store checks its tables against this before anything writes to it, and the
export command checks it before reading a store without opening it. A test keeps it
equal to the ORM models and ``SCHEMA_HEAD`` equal to the migration history.
"""

from __future__ import annotations

# The newest migration. Opening a store already at this revision needs no Alembic at all
# (a quarter of a second of start-up).
SCHEMA_HEAD = "0015"

# Every table at SCHEMA_HEAD with its columns.
HEAD_TABLES: dict[str, frozenset[str]] = {
    "actor": frozenset({"description", "document_id", "id", "key", "kind", "name"}),
    "actor_alias": frozenset({"actor_id", "alias", "id"}),
    "argument": frozenset(
        {
            "claim",
            "document_id",
            "footnote_id",
            "id",
            "key",
            "kind",
            "label",
            "origin",
            "paragraph_id",
            "perspectives",
            "quote",
            "span_end",
            "span_start",
        }
    ),
    "argument_footnote": frozenset({"argument_id", "footnote_id"}),
    "argument_relation": frozenset({"id", "kind", "source_id", "target_id"}),
    "argument_tag": frozenset({"argument_id", "tag_id"}),
    "correction": frozenset(
        {
            "actor_id",
            "argument_id",
            "author",
            "date_precision",
            "date_text",
            "event_id",
            "id",
            "kind",
            "origin",
            "quote_id",
            "text",
            "updated_at",
        }
    ),
    "deck": frozenset(
        {
            "author",
            "created_at",
            "date_label",
            "distribution",
            "id",
            "marking",
            "name",
            "subtitle",
            "template_id",
            "theme",
            "title",
            "updated_at",
        }
    ),
    "document": frozenset(
        {
            "affiliation",
            "argument_map_hash",
            "attribution",
            "author",
            "category",
            "content_hash",
            "id",
            "image_caption",
            "imported_at",
            "published",
            "publisher",
            "revised",
            "slug",
            "source_name",
            "title",
        }
    ),
    "event": frozenset(
        {
            "date_precision",
            "date_text",
            "description",
            "document_id",
            "footnote_id",
            "id",
            "key",
            "paragraph_id",
            "quote",
            "span_end",
            "span_start",
        }
    ),
    "footnote": frozenset({"document_id", "id", "number", "offset", "paragraph_id", "text"}),
    "link": frozenset(
        {
            "anchor_text",
            "document_id",
            "footnote_id",
            "id",
            "paragraph_id",
            "span_end",
            "span_start",
            "target",
        }
    ),
    "map": frozenset(
        {
            "caption",
            "created_at",
            "document_id",
            "extent",
            "id",
            "key",
            "options",
            "origin",
            "projection",
            "title",
            "updated_at",
        }
    ),
    "map_argument": frozenset({"argument_id", "map_id", "position"}),
    "map_layer": frozenset(
        {
            "attribution",
            "features",
            "geometry_checked",
            "id",
            "kind",
            "legend",
            "map_id",
            "name",
            "position",
            "selector",
            "source",
            "style",
        }
    ),
    "paragraph": frozenset({"document_id", "id", "position", "section_id", "source_line", "text"}),
    "perspective": frozenset({"document_id", "id", "key", "name", "position"}),
    "quote": frozenset(
        {
            "context",
            "date_text",
            "document_id",
            "footnote_id",
            "id",
            "key",
            "paragraph_id",
            "source",
            "span_end",
            "span_start",
            "speaker_id",
            "text",
        }
    ),
    "review_annotation": frozenset(
        {"argument_id", "author", "comment", "created_at", "id", "status"}
    ),
    "section": frozenset({"document_id", "id", "position", "title"}),
    "slide": frozenset(
        {
            "deck_id",
            "id",
            "layout",
            "left_heading",
            "notes",
            "part",
            "position",
            "right_heading",
            "subtitle",
            "title",
        }
    ),
    "slide_item": frozenset(
        {"column", "id", "level", "position", "slide_id", "source_id", "source_kind", "text"}
    ),
    "tag": frozenset({"id", "name"}),
    "template": frozenset(
        {"created_at", "data", "filename", "height", "id", "name", "sha256", "size", "width"}
    ),
    "text_style_span": frozenset(
        {"document_id", "footnote_id", "id", "kind", "paragraph_id", "span_end", "span_start"}
    ),
    "undo_step": frozenset({"command", "created_at", "deck_id", "id", "label", "undone"}),
}
