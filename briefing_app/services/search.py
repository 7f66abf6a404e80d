"""Full-text search over paragraphs, footnotes, arguments, quotes, actors and events."""

from __future__ import annotations

from dataclasses import dataclass

from briefing_app.store import postgres as postgres_support
from briefing_app.store import sqlite as sqlite_support
from briefing_app.store.errors import StoreError
from briefing_app.store.search_sources import HIT_END, HIT_START
from briefing_app.store.store import Store

_BACKENDS = {"sqlite": sqlite_support.search, "postgresql": postgres_support.search}


@dataclass(frozen=True)
class SearchHit:
    kind: str  # paragraph | footnote | argument | quote | actor | event
    id: int
    title: str
    snippet: str  # plain text
    highlights: list[tuple[int, int]]  # [start, end) spans of matched words in snippet
    rank: float  # lower is better (bm25 on SQLite, negated ts_rank on PostgreSQL)

    def marked_snippet(self, start: str = "[", end: str = "]") -> str:
        """The snippet with each matched word wrapped in ``start``/``end``."""
        out, last = [], 0
        for a, b in self.highlights:
            out += [self.snippet[last:a], start, self.snippet[a:b], end]
            last = b
        out.append(self.snippet[last:])
        return "".join(out)


def _split_markers(marked: str) -> tuple[str, list[tuple[int, int]]]:
    plain: list[str] = []
    spans: list[tuple[int, int]] = []
    length, opened = 0, None
    for char in marked:
        if char == HIT_START:
            opened = length
        elif char == HIT_END and opened is not None:
            spans.append((opened, length))
            opened = None
        else:
            plain.append(char)
            length += 1
    return "".join(plain), spans


def search(store: Store, query: str, limit: int = 20) -> list[SearchHit]:
    """Ranked hits for what the user typed; operators in ``query`` are plain words."""
    if limit < 1:
        return []
    backend = _BACKENDS.get(store.engine.dialect.name)
    if backend is None:
        raise StoreError(f"Search is not available on a {store.engine.dialect.name} store.")
    with store.connection() as conn:
        rows = backend(conn, query, limit)
        conn.rollback()
    hits = []
    for kind, ref_id, title, marked, rank in rows:
        snippet, spans = _split_markers(marked or "")
        hits.append(SearchHit(kind, int(ref_id), title or "", snippet, spans, float(rank)))
    return hits
