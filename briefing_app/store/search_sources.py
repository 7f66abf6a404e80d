"""What the full-text index holds: one row per paragraph, footnote, argument, quote,
actor and event, with the SQL that builds its title and body.

Shared by the SQLite (FTS5) and PostgreSQL (tsvector) indexes, so both search the same
text. ``{aliases}`` in an expression stands for the dialect's string aggregate.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Highlight markers put around matched words in snippets; private-use characters that
# never occur in stored text, so callers can turn them into brackets, bold or HTML.
HIT_START = "\ue000"
HIT_END = "\ue001"

# When more rows than this match, only this many (in storage order) are ranked, so a
# word that matches most of a 100,000-argument store stays fast to search as you type.
RANKED_MATCHES = 2000


# Only the start of a very long title or body is indexed: both SQLite's snippet() and
# PostgreSQL's tsvector (1 MB at most) fail or slow down badly on a megabyte-long
# argument, and a briefer searches for what a passage says, not its ten-thousandth word.
INDEXED_TITLE_CHARS = 500
INDEXED_BODY_CHARS = 10_000

# The most of a query that reaches the index (the search field also cuts at this), and
# the most distinct words in it: 1,000 repeated words took seconds to match.
MAX_QUERY_CHARS = 200
MAX_QUERY_WORDS = 16


@dataclass(frozen=True)
class IndexedSource:
    kind: str
    code: int  # index position = source id * 8 + code: one row per source row
    table: str
    title_sql: str  # expressions over alias t
    body_sql: str

    def title(self) -> str:
        """The title expression, cut to INDEXED_TITLE_CHARS."""
        return f"substr({self.title_sql}, 1, {INDEXED_TITLE_CHARS})"

    def body(self, string_agg: str) -> str:
        """The body expression with the dialect's aggregate (group_concat/string_agg),
        cut to INDEXED_BODY_CHARS."""
        body = self.body_sql.replace("{aliases}", string_agg)
        return f"substr({body}, 1, {INDEXED_BODY_CHARS})"


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


def query_words(query: str, pattern: re.Pattern[str]) -> tuple[list[str], bool]:
    """The distinct words of what the user typed, and whether the last is still being
    typed (no space after it: it then matches as a prefix and stays last).

    Only the first MAX_QUERY_CHARS characters count, and the last MAX_QUERY_WORDS
    distinct words.
    """
    query = query[:MAX_QUERY_CHARS]
    found = pattern.findall(query)
    typing = bool(found) and not query[-1:].isspace()
    words = list(dict.fromkeys(found))
    if typing:
        words.remove(found[-1])
        words.append(found[-1])
    return words[-MAX_QUERY_WORDS:], typing
