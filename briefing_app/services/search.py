"""Full-text search over paragraphs, footnotes, arguments, quotes, actors and events."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from briefing_app.store import postgres as postgres_support
from briefing_app.store import sqlite as sqlite_support
from briefing_app.store.errors import StoreError
from briefing_app.store.models import Actor
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
    return _with_actor_snippets(store, hits, query)


ACTOR_SNIPPET_CHARS = 160


def _with_actor_snippets(store: Store, hits: list[SearchHit], query: str) -> list[SearchHit]:
    """Actor hits get a snippet that says each name once: the index holds the name, the
    description and every alias together, so its own snippet repeats them."""
    ids = [hit.id for hit in hits if hit.kind == "actor"]
    if not ids:
        return hits
    with store.read() as session:
        found = session.scalars(
            select(Actor).where(Actor.id.in_(ids)).options(selectinload(Actor.aliases))
        )
        texts = {a.id: actor_snippet(a.name, a.description, [x.alias for x in a.aliases])
                 for a in found}  # fmt: skip
    words = [w for w in re.findall(r"\w+", query) if len(w) > 1]
    pattern = re.compile(r"\b(" + "|".join(map(re.escape, words)) + r")", re.I) if words else None
    out = []
    for hit in hits:
        text = texts.get(hit.id) if hit.kind == "actor" else None
        if text is None:
            out.append(hit)
            continue
        spans = [m.span() for m in pattern.finditer(text)] if pattern else []
        out.append(replace(hit, snippet=text, highlights=spans))
    return out


def actor_snippet(name: str, description: str, aliases: list[str]) -> str:
    """The actor's description, then the names it also goes by that add something."""
    known = set(re.findall(r"\w+", f"{name} {description}".casefold()))
    others: list[str] = []
    for alias in aliases:
        words = set(re.findall(r"\w+", alias.casefold()))
        if not words <= known:
            others.append(alias)
            known |= words
    text = description or name
    if len(text) > ACTOR_SNIPPET_CHARS:
        text = text[: ACTOR_SNIPPET_CHARS - 1].rstrip() + "…"
    return f"{text} (also: {', '.join(others)})" if others else text
