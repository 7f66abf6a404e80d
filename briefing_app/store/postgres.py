"""Everything PostgreSQL-specific: connection errors and the tsvector search index.

The counterpart of ``store/sqlite.py`` for a team store on a server. The index holds
the same rows as the SQLite FTS5 index (``search_sources``), kept current by triggers,
searched with PostgreSQL's own full-text search: a ``briefing_search`` configuration
that folds diacritics (``unaccent``) so "Vucic" finds "Vučić", a GIN index, ranking
with titles weighted above bodies, and ``ts_headline`` snippets with the same markers.
"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import text
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError

from briefing_app.store.search_sources import (
    ACTOR_SOURCE,
    HIT_END,
    HIT_START,
    INDEXED_SOURCES,
    RANKED_MATCHES,
    IndexedSource,
    query_words,
)

CONFIG = "briefing_search"
# ts_rank weights in the order {D, C, B, A}: titles (A) count four times bodies (B),
# as the SQLite index's bm25 weights do.
RANK_WEIGHTS = "{0.1, 0.2, 0.25, 1.0}"
_HEADLINE_OPTIONS = (
    f'StartSel="{HIT_START}", StopSel="{HIT_END}", MinWords=10, MaxWords=24, '
    'MaxFragments=1, FragmentDelimiter=" … ", HighlightAll=false'
)


def _create_config(connection: Connection) -> None:
    """A text search configuration without stemming that ignores diacritics.

    ``unaccent`` ships with PostgreSQL (contrib) and is a trusted extension, so a
    database owner may create it. Where it is missing the configuration still works,
    only without folding diacritics.
    """
    connection.exec_driver_sql(f"CREATE TEXT SEARCH CONFIGURATION {CONFIG} (COPY = simple)")
    try:
        with connection.begin_nested():
            connection.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS unaccent")
    except DBAPIError:  # not installed on the server, or not permitted: no folding
        return
    connection.exec_driver_sql(
        f"ALTER TEXT SEARCH CONFIGURATION {CONFIG} "
        "ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple"
    )


def _words_only(expression: str) -> str:
    """The text with every run of non-letters/digits made a space.

    PostgreSQL's parser keeps "<script>" as a tag and "../../etc/passwd" as a file path
    and the configuration indexes neither, while a query (like FTS5) is read as plain
    words; splitting the text the same way makes every word findable.
    """
    return f"regexp_replace({expression}, '[^[:alnum:]]+', ' ', 'g')"


def _document_sql(title: str, body: str) -> str:
    return (
        f"setweight(to_tsvector('{CONFIG}', {_words_only(title)}), 'A') || "
        f"setweight(to_tsvector('{CONFIG}', {_words_only(body)}), 'B')"
    )


def _select_rows(source: IndexedSource, where: str) -> str:
    """Index rows for ``source`` (position, kind, ref_id, title, body, document)."""
    title, body = source.title(), source.body("string_agg")
    return (
        f"SELECT t.id * 8 + {source.code}, '{source.kind}', t.id, s.title, s.body, "
        f"{_document_sql('s.title', 's.body')} "
        f"FROM {source.table} t, LATERAL (SELECT COALESCE(({title})::text, '') AS title, "
        f"COALESCE(({body})::text, '') AS body) s{where}"
    )


def _refresh_function(source: IndexedSource, name: str) -> str:
    return (
        f"CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        "IF TG_OP <> 'INSERT' THEN "
        f"DELETE FROM search_index WHERE position = OLD.id * 8 + {source.code}; END IF; "
        "IF TG_OP <> 'DELETE' THEN "
        "INSERT INTO search_index(position, kind, ref_id, title, body, document) "
        f"{_select_rows(source, ' WHERE t.id = NEW.id')}; END IF; "
        "RETURN NULL; END $$"
    )


def search_index_ddl() -> list[str]:
    """CREATE statements for the index table, its GIN index and its triggers."""
    statements = [
        "CREATE TABLE search_index (position bigint PRIMARY KEY, kind varchar(16) NOT NULL, "
        "ref_id integer NOT NULL, title text NOT NULL, body text NOT NULL, "
        "document tsvector NOT NULL)",
        "CREATE INDEX search_index_document ON search_index USING gin (document)",
    ]
    for src in INDEXED_SOURCES:
        function = f"search_refresh_{src.table}"
        statements += [
            _refresh_function(src, function),
            f"CREATE TRIGGER search_{src.table} AFTER INSERT OR UPDATE OR DELETE "
            f"ON {src.table} FOR EACH ROW EXECUTE FUNCTION {function}()",
        ]
    # An alias changes its actor's row in the index; OLD for deletes, NEW otherwise.
    statements += [
        "CREATE FUNCTION search_refresh_actor_alias() RETURNS trigger LANGUAGE plpgsql AS $$ "
        "DECLARE actor integer := CASE WHEN TG_OP = 'DELETE' THEN OLD.actor_id "
        "ELSE NEW.actor_id END; BEGIN "
        f"DELETE FROM search_index WHERE position = actor * 8 + {ACTOR_SOURCE.code}; "
        "INSERT INTO search_index(position, kind, ref_id, title, body, document) "
        f"{_select_rows(ACTOR_SOURCE, ' WHERE t.id = actor')}; "
        "RETURN NULL; END $$",
        "CREATE TRIGGER search_actor_alias AFTER INSERT OR UPDATE OR DELETE ON actor_alias "
        "FOR EACH ROW EXECUTE FUNCTION search_refresh_actor_alias()",
    ]
    return statements


def create_search_index(connection: Connection) -> None:
    _create_config(connection)
    for statement in search_index_ddl():
        connection.exec_driver_sql(statement)


def fill_search_index(connection: Connection) -> None:
    """Index every existing row (after the index was created on a filled store)."""
    for src in INDEXED_SOURCES:
        connection.exec_driver_sql(
            "INSERT INTO search_index(position, kind, ref_id, title, body, document) "
            + _select_rows(src, "")
        )


def drop_search_index(connection: Connection) -> None:
    for table in (*(src.table for src in INDEXED_SOURCES), "actor_alias"):
        connection.exec_driver_sql(f"DROP TRIGGER IF EXISTS search_{table} ON {table}")
        connection.exec_driver_sql(f"DROP FUNCTION IF EXISTS search_refresh_{table}()")
    connection.exec_driver_sql("DROP TABLE IF EXISTS search_index")
    connection.exec_driver_sql(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {CONFIG}")


_WORD = re.compile(r"\w+", re.UNICODE)


def tsquery_expression(query: str) -> str | None:
    """Turn what a user typed into a safe to_tsquery string: words, all required.

    Each word is quoted as a lexeme, so operators typed by the user (&, |, !, <->, :,
    parentheses) are plain text. The last word matches as a prefix unless the query ends
    in a space, as in the SQLite index. None when there is no word.
    """
    words, typing = query_words(query, _WORD)
    if not words:
        return None
    terms = [f"'{word}'" for word in words]
    if typing:
        terms[-1] += ":*"
    return " & ".join(terms)


# Rows sampled in storage order to judge how common the words are (see search()), and
# the most rows read in storage order before the GIN index is the cheaper way.
PROBE_ROWS = 5_000
MAX_WINDOW = 40_000


def _ranked(connection: Connection, source: str, params: dict[str, Any]) -> list[tuple[Any, ...]]:
    """Rank the first RANKED_MATCHES matches in ``source`` (a table or subquery)."""
    rows = connection.execute(
        text(
            f"WITH q AS (SELECT to_tsquery('{CONFIG}', :q) AS query), "
            "matches AS (SELECT s.kind, s.ref_id, s.title, s.body, "
            f"ts_rank('{RANK_WEIGHTS}'::float4[], s.document, q.query) AS score "
            f"FROM {source} s, q WHERE s.document @@ q.query "
            "ORDER BY s.position LIMIT :cap), "
            "best AS (SELECT * FROM matches ORDER BY score DESC, kind, ref_id LIMIT :n) "
            "SELECT best.kind, best.ref_id, best.title, "
            f"ts_headline('{CONFIG}', best.body, q.query, :options), -best.score, "
            "(SELECT count(*) FROM matches) "
            "FROM best, q ORDER BY best.score DESC, best.kind, best.ref_id"
        ),
        params,
    )
    return [tuple(row) for row in rows]


def search(connection: Connection, query: str, limit: int) -> list[tuple[Any, ...]]:
    """Ranked (kind, ref_id, title, snippet, rank) rows; best (lowest rank) first.

    ``rank`` is the negated ts_rank so that, as with bm25, lower is better. As in the
    SQLite index, at most RANKED_MATCHES matches (in storage order) are ranked.

    PostgreSQL cannot estimate how many rows a prefix query ("s:*") matches, and its
    GIN plan re-reads every match: 85,000 rows and 90 ms for one typed letter at
    100,000 arguments. So a sample of rows in storage order judges how common the words
    are: common words are ranked within the first rows that hold enough matches (a few
    milliseconds); rarer words go to the GIN index, where they match few rows.
    """
    expression = tsquery_expression(query)
    if expression is None:
        return []
    params = {"q": expression, "cap": RANKED_MATCHES, "n": limit, "options": _HEADLINE_OPTIONS}
    window = _window_for(connection, expression)
    if window:
        rows = _ranked(connection, _WINDOW_SQL, {**params, "window": window})
        if rows and rows[0][5] >= RANKED_MATCHES:
            return [row[:5] for row in rows]
    return [row[:5] for row in _ranked(connection, "search_index", params)]


_WINDOW_SQL = "(SELECT * FROM search_index ORDER BY position LIMIT :window)"


def _window_for(connection: Connection, expression: str) -> int:
    """How many rows, read in storage order, should hold RANKED_MATCHES matches; 0 when
    the words are rare enough that the GIN index is the faster way to find them."""
    seen = connection.execute(
        text(
            f"SELECT count(*) FROM {_WINDOW_SQL} s WHERE s.document @@ to_tsquery('{CONFIG}', :q)"
        ),
        {"q": expression, "window": PROBE_ROWS},
    ).scalar()
    if not seen:
        return 0
    if seen >= RANKED_MATCHES:
        return PROBE_ROWS
    needed = PROBE_ROWS * RANKED_MATCHES * 5 // (seen * 4)  # a quarter more, to be sure
    return needed if needed <= MAX_WINDOW else 0
