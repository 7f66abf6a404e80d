"""What the full-text index holds: one row per paragraph, footnote, argument, quote,
actor and event, with the SQL that builds its title and body.

Shared by the SQLite (FTS5) and PostgreSQL (tsvector) indexes, so both search the same
text. ``{aliases}`` in an expression stands for the dialect's string aggregate.
"""

from __future__ import annotations

from dataclasses import dataclass

# Highlight markers put around matched words in snippets; private-use characters that
# never occur in stored text, so callers can turn them into brackets, bold or HTML.
HIT_START = "\ue000"
HIT_END = "\ue001"

# When more rows than this match, only this many (in storage order) are ranked, so a
# word that matches most of a 100,000-argument store stays fast to search as you type.
RANKED_MATCHES = 2000


@dataclass(frozen=True)
class IndexedSource:
    kind: str
    code: int  # index position = source id * 8 + code: one row per source row
    table: str
    title_sql: str  # expressions over alias t
    body_sql: str

    def body(self, string_agg: str) -> str:
        """The body expression with the dialect's aggregate (group_concat/string_agg)."""
        return self.body_sql.replace("{aliases}", string_agg)


INDEXED_SOURCES: tuple[IndexedSource, ...] = (
    IndexedSource(
        "paragraph",
        1,
        "paragraph",
        "COALESCE((SELECT s.title FROM section s WHERE s.id = t.section_id), '')",
        "t.text",
    ),
    IndexedSource("footnote", 2, "footnote", "'Footnote ' || t.number", "t.text"),
    IndexedSource("argument", 3, "argument", "t.label", "t.claim || ' ' || COALESCE(t.quote, '')"),
    IndexedSource(
        "quote",
        4,
        "quote",
        "COALESCE((SELECT a.name FROM actor a WHERE a.id = t.speaker_id), 'Quote')",
        "t.text || ' ' || COALESCE(t.context, '')",
    ),
    IndexedSource(
        "actor",
        5,
        "actor",
        "t.name",
        "COALESCE(t.description, '') || ' ' || "
        "COALESCE((SELECT {aliases}(x.alias, ' ') FROM actor_alias x "
        "WHERE x.actor_id = t.id), '')",
    ),
    IndexedSource("event", 6, "event", "t.date_text", "t.description"),
)

ACTOR_SOURCE = next(s for s in INDEXED_SOURCES if s.kind == "actor")
