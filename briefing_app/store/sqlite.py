"""Everything SQLite-specific: connection pragmas, file checks and the FTS5 search index.

The rest of the store is portable SQL; a PostgreSQL store gets its own counterpart.
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from briefing_app.store.errors import (
    CorruptStoreError,
    DiskFullError,
    ReadOnlyStoreError,
    StoreBusyError,
    StoreError,
)
from briefing_app.store.schema import HEAD_TABLES, SCHEMA_HEAD
from briefing_app.store.search_sources import (
    ACTOR_SOURCE,
    HIT_END,
    HIT_START,
    INDEXED_SOURCES,
    RANKED_MATCHES,
    IndexedSource,
    query_words,
)

if TYPE_CHECKING:  # SQLAlchemy loads with the engine: checking a file needs none of it
    from sqlalchemy import Engine
    from sqlalchemy.engine import Connection, ExceptionContext

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5000


# Execution option Store.transaction sets on its connection: this transaction will write.
WRITE_INTENT = "briefing_write_intent"

# Primary SQLite result codes (sqlite3.Error.sqlite_errorcode & 0xFF).
_SQLITE_BUSY, _SQLITE_LOCKED, _SQLITE_READONLY, _SQLITE_IOERR, _SQLITE_FULL = 5, 6, 8, 10, 13
_SQLITE_CANTOPEN = 14
# Below this much free space, an I/O error from SQLite is taken for a full disk: SQLite
# reports a full disk while mapping its -shm file as a plain "disk I/O error".
FULL_DISK_BYTES = 256 * 1024


def install_pragmas(engine: Engine) -> None:
    """Foreign keys, WAL, a busy timeout and real BEGIN/COMMIT on every connection.

    A write transaction (``Store.transaction``) starts with BEGIN IMMEDIATE: it takes the
    write lock first, so when another process is writing it waits up to BUSY_TIMEOUT_MS.
    A deferred transaction that has already read cannot wait: SQLite fails its first
    write at once ("database is locked"), which is what two app processes ran into.
    Lock and read-only failures reach the caller as one-sentence StoreErrors.
    """
    from sqlalchemy import event

    database = Path(engine.url.database or "")
    name = database.name or "in memory"

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        # Take transaction control from pysqlite so BEGIN covers reads, DDL and writes.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = FULL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        immediate = connection.get_execution_options().get(WRITE_INTENT, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    @event.listens_for(engine, "handle_error")
    def _on_error(context: ExceptionContext) -> None:
        error = user_error(context.original_exception, name, database if name else None)
        if error is not None:
            raise error from context.original_exception


def disk_is_full(path: Path) -> bool:
    """True when the disk holding ``path`` has (next to) no space left."""
    try:
        return shutil.disk_usage(path.parent if path.name else path).free < FULL_DISK_BYTES
    except OSError:
        return False


def user_error(exc: BaseException, name: str, path: Path | None = None) -> StoreError | None:
    """The one-sentence StoreError for a lock, read-only or full-disk failure, else None.

    With the store's ``path``, an I/O or open error on a disk with no space left is a
    full disk, not damage.
    """
    code = getattr(exc, "sqlite_errorcode", None)
    if not isinstance(exc, sqlite3.Error) or code is None:
        return None
    if (
        path is not None
        and code & 0xFF in (_SQLITE_IOERR, _SQLITE_CANTOPEN, _SQLITE_FULL)
        and disk_is_full(path)
    ):
        return disk_full(name)
    if code & 0xFF in (_SQLITE_BUSY, _SQLITE_LOCKED):
        return StoreBusyError(
            f"The store {name} is in use: another program (perhaps a second copy of the app) "
            f"kept it locked for {BUSY_TIMEOUT_MS / 1000:g} seconds and nothing was changed; "
            "try again."
        )
    if code & 0xFF == _SQLITE_READONLY:
        return ReadOnlyStoreError(f"The store {name} is read-only, so the change was not saved.")
    if code & 0xFF == _SQLITE_FULL:
        return disk_full(name)
    return None


def disk_full(name: str) -> DiskFullError:
    """The sentence for a write (or an open) the full disk refused; SQLite undid it whole."""
    return DiskFullError(
        f"The disk holding the store {name} is full; nothing was lost, but nothing more "
        "can be saved until you free some space."
    )


@dataclass(frozen=True)
class StoreShape:
    """What a store file holds, read without writing to it: its schema revision (None
    when it has no ``alembic_version`` table), each schema object's type by name, and
    the columns of each table."""

    revision: str | None
    objects: dict[str, str]
    columns: dict[str, set[str]]
    trigger_sql: dict[str, str]

    @property
    def is_empty(self) -> bool:
        return not self.objects


_FILE_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
    (stat.S_ISLNK, "a symbolic link"),
)


def check_regular_file(path: Path, what: str = "store") -> bool:
    """True when ``path`` is a regular file (symlinks followed), False when nothing is
    there; a folder, pipe, socket or device raises StoreError without being opened, as
    reading a pipe or a device could wait for ever."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return False
    except OSError as exc:
        raise StoreError(f"The {what} path {path} cannot be used: {exc.strerror}.") from exc
    if stat.S_ISREG(mode):
        return True
    kind = next((name for test, name in _FILE_KINDS if test(mode)), "not a regular file")
    raise StoreError(f"The {what} path {path} is {kind}, not a file; give the path of a file.")


def check_store_file(path: Path) -> StoreShape:
    """Raise a StoreError unless ``path`` is an intact SQLite database the app may write.

    Damage raises CorruptStoreError, a read-only file or folder ReadOnlyStoreError, a
    store another program keeps locked StoreBusyError. Opens the file read-only and
    never writes to it, except that a hot rollback journal a killed writer left behind
    is rolled back by SQLite itself, as any program opening the file would. Returns the
    store's shape, so a foreign database is recognised before anything writes to it.
    """
    name = path.name
    check_regular_file(path)
    for suffix in ("-journal", "-wal", "-shm"):  # SQLite's own files beside the store
        companion = path.with_name(name + suffix)
        try:
            mode = companion.lstat().st_mode
        except OSError:
            continue
        if not stat.S_ISREG(mode):
            kind = next((k for test, k in _FILE_KINDS if test(mode)), "not a regular file")
            raise StoreError(
                f"Beside the store {name}, {companion.name} is {kind} where SQLite keeps its "
                "own file; move it away and open the store again."
            )
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            header = handle.read(100)
    except OSError as exc:
        raise CorruptStoreError(f"The store {name} cannot be read: {exc.strerror}.") from exc
    if size == 0:
        raise CorruptStoreError(f"The store {name} is an empty file, not a briefing store.")
    if not header.startswith(SQLITE_HEADER) or len(header) < 100:
        raise CorruptStoreError(f"The store {name} is not a database file (it may be damaged).")
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    page_count = int.from_bytes(header[28:32], "big")
    # A checkpoint interrupted by a crash leaves the header's page count ahead of the
    # file; the write-ahead log still holds the missing pages and SQLite puts them back.
    if page_count and size < page_size * page_count and not _has_wal(path):
        raise CorruptStoreError(f"The store {name} is truncated: part of the file is missing.")
    check_writable(path)
    try:
        if has_journal(path):
            _recover_hot_journal(path)
        shape = _inspect(path)
    except sqlite3.DatabaseError as exc:
        error = user_error(exc, name, path)
        if isinstance(error, (StoreBusyError, DiskFullError)):
            raise error from exc
        raise CorruptStoreError(f"The store {name} is damaged and cannot be opened.") from exc
    return shape


def foreign_objects(shape: StoreShape) -> list[str]:
    """Triggers and views in a SQLite store that the app did not create, as "trigger 'x'".

    At the current schema a trigger counts as ours only if its SQL is exactly one the app
    writes; an older store's triggers are matched by name (their SQL was older).
    """
    ours = {" ".join(sql.split()) for sql in search_index_ddl()}
    our_names = {sql.split()[2] for sql in ours if sql.startswith("CREATE TRIGGER")}
    current = shape.revision == SCHEMA_HEAD
    found = []
    for name, kind in sorted(shape.objects.items()):
        if kind == "view":
            found.append(f"view {name!r}")
        elif kind == "trigger":
            sql = " ".join(shape.trigger_sql.get(name, "").split())
            if (sql not in ours) if current else (name not in our_names):
                found.append(f"trigger {name!r}")
    return found


def check_shape(shape: StoreShape, path: Path) -> str | None:
    """Refuse, before anything writes to it, a SQLite file that is not a briefing store
    or one whose tables or columns were removed; return the revision of a store not at
    SCHEMA_HEAD (for the caller to check the app knows it), else None."""
    name = path.name
    if shape.is_empty:
        return None
    if shape.revision is None:
        raise CorruptStoreError(f"The database {name} holds tables but is not a briefing store.")
    if shape.revision != SCHEMA_HEAD:
        return shape.revision
    for table, columns in HEAD_TABLES.items():
        kind = shape.objects.get(table)
        if kind is None:
            raise CorruptStoreError(f"The store {name} is damaged: its table {table!r} is missing.")
        if kind != "table":
            raise CorruptStoreError(
                f"The store {name} is damaged: {table!r} is a {kind} where a table should be."
            )
        missing = sorted(columns - shape.columns.get(table, set()))
        if missing:
            raise CorruptStoreError(
                f"The store {name} is damaged: its table {table!r} has no column {missing[0]!r}."
            )
    return None


def has_journal(path: Path) -> bool:
    """Whether a rollback journal a writer left (perhaps a killed one) lies beside the store."""
    try:
        return path.with_name(f"{path.name}-journal").stat().st_size > 0
    except OSError:
        return False


def _recover_hot_journal(path: Path) -> None:
    """Let SQLite roll back what a killed writer left half-done in a rollback journal.

    A read-only connection cannot do it (SQLITE_READONLY_ROLLBACK); the first read on a
    writable one does, and changes nothing else (journal mode stays as it was). A
    journal that belongs to a live writer is not hot, and the read just waits its turn.
    """
    conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    finally:
        conn.close()


def _inspect(path: Path) -> StoreShape:
    """SQLite's quick_check verdict and the store's shape, read without writing anything.

    A store no process has open (no -wal or -journal beside it) is read as immutable:
    no locks, so no -wal and -shm files are left beside a store that turns out damaged.
    If the file changed meanwhile (another process opened it), it is read again, locked.
    """
    stamp = quiet_stamp(path)
    result = None
    if stamp is not None:
        result = _read_shape(path, "mode=ro&immutable=1")
        if quiet_stamp(path) != stamp:
            result = None
    verdict, shape = result or _read_shape(path, "mode=ro")
    if verdict != "ok" or shape is None:
        raise CorruptStoreError(f"The store {path.name} is damaged: its integrity check failed.")
    return shape


def _read_shape(path: Path, options: str) -> tuple[str | None, StoreShape | None]:
    """(quick_check verdict, shape); no shape when the check fails."""
    uri = f"{path.resolve().as_uri()}?{options}"
    conn = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        row = conn.execute("PRAGMA quick_check").fetchone()
        verdict = row[0] if row else None
        if verdict != "ok":
            return verdict, None
        objects, triggers = {}, {}
        for kind, name, sql in conn.execute("SELECT type, name, sql FROM sqlite_master"):
            if not name.startswith("sqlite_"):
                objects[name] = kind
            if kind == "trigger":
                triggers[name] = sql or ""
        columns = {
            table: {col[1] for col in conn.execute("SELECT * FROM pragma_table_info(?)", (table,))}
            for table, kind in objects.items()
            if kind in ("table", "view")
        }
        revision = None
        if objects.get("alembic_version") == "table" and "version_num" in columns.get(
            "alembic_version", set()
        ):
            found = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            revision = str(found[0]) if found else None
    finally:
        conn.close()
    return verdict, StoreShape(revision, objects, columns, triggers)


def is_wal(path: Path) -> bool:
    """Whether the store's header says it keeps a write-ahead log (as the app sets it)."""
    try:
        with path.open("rb") as handle:
            header = handle.read(20)
    except OSError:
        return False
    return header[18:20] == b"\x02\x02"


def quiet_stamp(path: Path) -> tuple[int, int, int] | None:
    """(size, mtime, ctime) of a store with no journal beside it (no process has it
    open), else None: a read of it is still true when the stamp is unchanged after."""
    if any(path.with_name(f"{path.name}{s}").exists() for s in ("-wal", "-journal")):
        return None
    try:
        info = path.stat()
    except OSError:
        return None
    return info.st_size, info.st_mtime_ns, info.st_ctime_ns


def _has_wal(path: Path) -> bool:
    try:
        return path.with_name(f"{path.name}-wal").stat().st_size > 0
    except OSError:
        return False


def check_writable(path: Path) -> None:
    """Raise ReadOnlyStoreError unless the app can save to the store at ``path``.

    The app saves every edit as it is made and has no read-only view, so a store it
    cannot write is refused with advice rather than opened to fail on the first edit.
    Mode bits count as well as ``os.access``: root may write a file nobody may write,
    but a file made read-only (chmod 0444) was made so on purpose. SQLite keeps its
    -wal and -shm files beside the store, so the folder must be writable too.
    """
    advice = "copy it to a folder where you can save, then open the copy"
    if not is_writable(path):
        raise ReadOnlyStoreError(
            f"The store {path.name} is read-only; make the file writable or {advice}."
        )
    if not is_writable(path.parent):
        raise ReadOnlyStoreError(
            f"The store {path.name} is in a read-only folder, where the app cannot keep "
            f"its journal files; {advice}."
        )


def is_writable(path: Path) -> bool:
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return bool(mode & 0o222) and os.access(path, os.W_OK)


def backup_file(source: Path, target: Path) -> None:
    """Copy a live SQLite database consistently with the online backup API."""
    src = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()


# --- full-text search -------------------------------------------------------------------


def _refresh_sql(source: IndexedSource, id_expr: str) -> str:
    return (
        f"DELETE FROM search_index WHERE rowid = ({id_expr}) * 8 + {source.code}; "
        f"INSERT INTO search_index(rowid, title, body, kind, ref_id) "
        f"SELECT t.id * 8 + {source.code}, {source.title()}, {source.body('group_concat')}, "
        f"'{source.kind}', t.id FROM {source.table} t WHERE t.id = ({id_expr});"
    )


# Prefix lengths indexed so search-as-you-type's prefix queries are cheap (migration 0004).
SEARCH_PREFIXES = "1 2 3"


def search_index_ddl(prefix: str = "") -> list[str]:
    """CREATE statements for the FTS5 table and the triggers that keep it current.

    ``prefix`` lists prefix lengths to index (e.g. "2 3"), which makes the prefix
    queries of search-as-you-type cheap.
    """
    prefix_option = f", prefix = '{prefix}'" if prefix else ""
    statements = [
        "CREATE VIRTUAL TABLE search_index USING fts5("
        "title, body, kind UNINDEXED, ref_id UNINDEXED, "
        f"tokenize = 'unicode61 remove_diacritics 2'{prefix_option})"
    ]
    for src in INDEXED_SOURCES:
        delete = f"DELETE FROM search_index WHERE rowid = old.id * 8 + {src.code};"
        statements += [
            f"CREATE TRIGGER search_{src.table}_ai AFTER INSERT ON {src.table} "
            f"BEGIN {_refresh_sql(src, 'new.id')} END",
            f"CREATE TRIGGER search_{src.table}_au AFTER UPDATE ON {src.table} "
            f"BEGIN {delete} {_refresh_sql(src, 'new.id')} END",
            f"CREATE TRIGGER search_{src.table}_ad AFTER DELETE ON {src.table} BEGIN {delete} END",
        ]
    for verb, row in (("INSERT", "new"), ("DELETE", "old")):
        statements.append(
            f"CREATE TRIGGER search_actor_alias_{verb.lower()} AFTER {verb} ON actor_alias "
            f"BEGIN {_refresh_sql(ACTOR_SOURCE, f'{row}.actor_id')} END"
        )
    return statements


def create_search_index(connection: Connection, prefix: str = "") -> None:
    for statement in search_index_ddl(prefix):
        connection.exec_driver_sql(statement)


def fill_search_index(connection: Connection) -> None:
    """Index every existing row (after the index was created on a filled store)."""
    for src in INDEXED_SOURCES:
        connection.exec_driver_sql(
            f"INSERT INTO search_index(rowid, title, body, kind, ref_id) "
            f"SELECT t.id * 8 + {src.code}, {src.title()}, {src.body('group_concat')}, "
            f"'{src.kind}', t.id FROM {src.table} t"
        )


def drop_search_index(connection: Connection) -> None:
    for src in INDEXED_SOURCES:
        for suffix in ("ai", "au", "ad"):
            connection.exec_driver_sql(f"DROP TRIGGER IF EXISTS search_{src.table}_{suffix}")
    for verb in ("insert", "delete"):
        connection.exec_driver_sql(f"DROP TRIGGER IF EXISTS search_actor_alias_{verb}")
    connection.exec_driver_sql("DROP TABLE IF EXISTS search_index")


_WORD = re.compile(r"\w+", re.UNICODE)


def match_expression(query: str) -> str | None:
    """Turn what a user typed into a safe FTS5 MATCH string: words, all required.

    Every word is quoted, so FTS5 operators typed by the user (quotes, NEAR, *, -, :,
    parentheses) are plain text. The last word matches as a prefix unless the query
    ends in a space, which suits search-as-you-type. None when there is no word.
    """
    words, typing = query_words(query, _WORD)
    if not words:
        return None
    terms = [f'"{w}"' for w in words]
    if typing:
        terms[-1] += "*"
    return " ".join(terms)


def search(connection: Connection, query: str, limit: int) -> list[tuple[Any, ...]]:
    """Ranked (kind, ref_id, title, snippet, rank) rows; best (lowest bm25) first.

    bm25 is computed for every matching row before LIMIT applies, so a word that
    matches most of a 100,000-argument store would take a tenth of a second per
    keystroke. When more than RANKED_MATCHES rows match, only the first that many in
    storage order (the essay's own text first, then arguments oldest first) are ranked.
    """
    from sqlalchemy import text

    expression = match_expression(query)
    if expression is None:
        return []
    params = {"hs": HIT_START, "he": HIT_END, "q": expression, "n": limit}
    cut = connection.execute(
        text(
            "SELECT rowid FROM search_index WHERE search_index MATCH :q "
            "ORDER BY rowid LIMIT 1 OFFSET :cap"
        ),
        {"q": expression, "cap": RANKED_MATCHES},
    ).scalar()
    bound = ""
    if cut is not None:
        bound, params["cut"] = " AND rowid < :cut", cut
    rows = connection.execute(
        text(
            "SELECT kind, ref_id, title, "
            "snippet(search_index, 1, :hs, :he, '…', 16), "
            "bm25(search_index, 4.0, 1.0) AS rank "
            f"FROM search_index WHERE search_index MATCH :q{bound} ORDER BY rank LIMIT :n"
        ),
        params,
    )
    return [tuple(row) for row in rows]
