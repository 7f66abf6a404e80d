"""Opening a store: check the file, back it up before an upgrade, migrate, hand out sessions."""

from __future__ import annotations

import contextlib
import errno
import os
import re
import shutil
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import (
    ArgumentError,
    DBAPIError,
    IntegrityError,
    InterfaceError,
    NoSuchModuleError,
    OperationalError,
    SQLAlchemyError,
)
from sqlalchemy.orm import Session, sessionmaker

from briefing_app.domain.text import storable_text
from briefing_app.store import (
    map_models,  # noqa: F401  (registers the map tables)
    template_models,  # noqa: F401  (registers the template table)
)
from briefing_app.store import sqlite as sqlite_support
from briefing_app.store.errors import (
    CorruptStoreError,
    DiskFullError,
    ForeignObjectsError,
    NewerStoreError,
    ReadOnlyStoreError,
    StoreBusyError,
    StoreError,
    StoreFailedError,
)
from briefing_app.store.reading import Connection as DBAPIConnection
from briefing_app.store.reading import StoreReader
from briefing_app.store.schema import SCHEMA_HEAD

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
# Pre-upgrade backups kept beside a store; older ones are removed when a new one is made.
MAX_BACKUPS = 3
# PostgreSQL advisory lock key under which a team store's schema is created or upgraded
# and the bundled essay first imported, so concurrent first opens wait for one another.
SETUP_LOCK_KEY = 0x62726965  # "brie"
SETUP_WAIT_SECONDS = 120


def alembic_config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config()).get_current_head() or ""


# SQLite result codes that mean the file or the machine failed, not the app's SQL:
# NOMEM, IOERR, CORRUPT, CANTOPEN, PROTOCOL, NOTADB (busy, read-only and full are
# translated where they happen, in store/sqlite.py).
_SQLITE_FAILURES = frozenset({7, 10, 11, 14, 15, 26})


def _from_outside(exc: DBAPIError) -> bool:
    """Whether ``exc`` is the database or its machine failing rather than a bug of ours."""
    code = getattr(exc.orig, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF in _SQLITE_FAILURES
    # PostgreSQL: connection lost, server shutting down, serialization or lock timeouts.
    return isinstance(exc, (OperationalError, InterfaceError))


_STORE = "briefing_store"  # session.info key: the Store that made the session


@dataclass
class Store:
    """An open store: an engine plus the sessions every service uses."""

    engine: Engine
    location: str
    backup_path: Path | None = None  # set when opening made a pre-upgrade backup
    removed_objects: list[str] = field(default_factory=list)  # foreign ones removed on open
    # what opening changed in the data (an old imported layer dropped), one sentence each
    upgrade_notes: list[str] = field(default_factory=list)
    _sessions: sessionmaker[Session] = field(init=False, repr=False)
    _open: threading.local = field(init=False, repr=False, default_factory=threading.local)
    _watching: list[list[str]] = field(init=False, repr=False, default_factory=list)

    def __post_init__(self) -> None:
        self._sessions = sessionmaker(self.engine, expire_on_commit=False, info={_STORE: self})
        event.listen(self._sessions, "before_flush", _keep_text_storable)

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @property
    def display_location(self) -> str:
        """The location fit to show or log: a server URL's password is masked."""
        return display_location(self.location)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A session whose work commits as one transaction, or rolls back on error.

        On SQLite it begins with BEGIN IMMEDIATE (see ``sqlite.install_pragmas``): a
        write takes the lock first, so it waits for another writer instead of failing.
        Opened inside another transaction of this thread, it joins that one: an undoable
        edit, its snapshots and its undo step commit together or not at all.
        A name someone else took meanwhile (a unique constraint the services' own check
        could not see yet, on a team store) is one sentence, and nothing is saved.
        """
        joined = getattr(self._open, "session", None)
        if joined is not None:
            yield joined
            return
        with self._translated(), self._sessions.begin() as session:
            if self.is_sqlite:
                session.connection(execution_options={sqlite_support.WRITE_INTENT: True})
            self._open.session = session
            try:
                yield session
            finally:
                self._open.session = None

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session for reading; anything it wrote would be rolled back. Inside a
        transaction or a read of this thread, that one's session (so several reads see
        one state, and a transaction's reads see its writes)."""
        joined = getattr(self._open, "session", None) or getattr(self._open, "reading", None)
        if joined is not None:
            yield joined
            return
        with self._translated(), self._sessions() as session:
            self._open.reading = session
            try:
                yield session
            finally:
                self._open.reading = None
                session.rollback()

    @contextmanager
    def reader(self) -> Iterator[StoreReader]:
        """A :class:`StoreReader` on the connection of a read (see :meth:`read`): plain
        SQL, so composing a deck reads the same way here and in the export command."""
        with self.read() as session:
            yield session_reader(session)

    @contextmanager
    def connection(self) -> Iterator[Connection]:
        """A plain connection (for SQL the ORM does not express, such as full-text search),
        behind the same boundary as sessions; the caller commits or rolls back."""
        with self._translated(), self.engine.connect() as conn:
            yield conn

    @contextmanager
    def statements(self) -> Iterator[list[str]]:
        """Every SQL statement sent to the store while inside, in order: the engine's
        (sessions, connections) and its plain-SQL readers' (:class:`StoreReader`), which
        run on the driver's own cursor where the engine's events do not see them. For tests and
        benchmarks that check what an operation reads."""
        sent: list[str] = []

        def engine_sent(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
            sent.append(statement)

        event.listen(self.engine, "before_cursor_execute", engine_sent)
        self._watching.append(sent)
        try:
            yield sent
        finally:
            self._watching[:] = [w for w in self._watching if w is not sent]
            event.remove(self.engine, "before_cursor_execute", engine_sent)

    def _reader_sent(self, statement: str) -> None:
        for sent in self._watching:
            sent.append(statement)

    @contextmanager
    def _translated(self) -> Iterator[None]:
        """The service boundary: a database failure from outside the app (a server gone,
        a disk error, a damaged page) becomes one sentence. SQL, constraint and other
        programming errors are bugs: they pass through, to be logged as unexpected."""
        try:
            yield
        except IntegrityError as exc:  # a name someone else took meanwhile: one sentence
            clash = unique_clash(exc)
            if clash is None:
                raise
            raise clash from exc
        except DBAPIError as exc:
            if not _from_outside(exc):
                raise
            raise self._failed(exc) from exc

    def _driver_error(self, exc: Exception) -> StoreError | None:
        """What :meth:`_translated` and the engine's error hook make of ``exc``, raised by
        the driver itself (a :class:`StoreReader`'s query), else None to let it pass."""
        if self.is_sqlite:
            database = Path(self.engine.url.database or "")
            error = sqlite_support.user_error(exc, database.name or "in memory",
                                              database if database.name else None)  # fmt: skip
            if error is not None:
                return error
        if _driver_from_outside(exc):
            return self._failed(exc)
        return None

    def _failed(self, exc: DBAPIError | Exception) -> StoreFailedError:
        orig = exc.orig if isinstance(exc, DBAPIError) else exc
        reason = " ".join(str(orig).split())[:200] or type(orig).__name__
        return StoreFailedError(
            f"The store {self.display_location} could not carry out the request ({reason}); "
            "nothing was changed."
        )

    @contextmanager
    def setup_lock(self) -> Iterator[None]:
        """Hold the team store's setup lock, so one process at a time creates or upgrades
        the schema and imports the bundled essay; the others wait, then find it done.

        SQLite needs none: its writers already take turns on the file.
        """
        if self.is_sqlite:
            yield
            return
        with self.engine.connect() as conn:
            deadline = time.monotonic() + SETUP_WAIT_SECONDS
            while not conn.exec_driver_sql(
                f"SELECT pg_try_advisory_lock({SETUP_LOCK_KEY})"
            ).scalar():
                conn.commit()
                if time.monotonic() > deadline:
                    raise StoreBusyError(
                        f"The team store {self.display_location} is being set up by another "
                        f"program, which has not finished after {SETUP_WAIT_SECONDS} seconds; "
                        "try again later."
                    )
                time.sleep(0.05)
            conn.commit()
            try:
                yield
            finally:
                conn.exec_driver_sql(f"SELECT pg_advisory_unlock({SETUP_LOCK_KEY})")
                conn.commit()

    def close(self) -> None:
        self.engine.dispose()


def _driver_from_outside(exc: Exception) -> bool:
    """:func:`_from_outside` for an exception the driver raised (not wrapped)."""
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF in _SQLITE_FAILURES
    names = {cls.__name__ for cls in type(exc).__mro__}
    return not isinstance(exc, sqlite3.Error) and bool(
        names & {"OperationalError", "InterfaceError"}
    )


def session_reader(session: Session) -> StoreReader:
    """A :class:`StoreReader` on ``session``'s own connection (its transaction, after
    flushing what it holds), with the store's error translation."""
    session.flush()
    store = session.info.get(_STORE)
    translate = store._driver_error if isinstance(store, Store) else None
    dialect = session.get_bind().dialect

    def connect() -> DBAPIConnection:
        raw: DBAPIConnection = session.connection().connection.dbapi_connection  # type: ignore[assignment]
        return raw

    return StoreReader(
        connect,
        dialect.paramstyle,
        translate,
        decodes_json=dialect.name == "sqlite",
        observe=store._reader_sent if isinstance(store, Store) else None,
    )


# What a unique key names, for the sentence when someone else took it first.
_UNIQUE_THINGS = {
    ("deck", "name"): "deck named",
    ("map", "key"): "map with the key",
    ("tag", "name"): "tag named",
    ("map_layer", "name"): "layer named",
    ("document", "slug"): "document with the slug",
}


# "Key (name)=(x) already exists." or, for a two-column key, "Key (map_id, name)=(3, x) …"
_PG_KEY_DETAIL = re.compile(r"Key \((?:[^,)]*, )?(\w+)\)=\((?:[^,)]*, )?(.*)\) already")


def unique_clash(exc: IntegrityError) -> StoreError | None:
    """The sentence for a unique constraint another writer won, else None.

    PostgreSQL names the table, the constraint and the value; SQLite says
    "UNIQUE constraint failed: table.column".
    """
    orig = exc.orig
    diag = getattr(orig, "diag", None)
    table = column = value = None
    if diag is not None and getattr(orig, "sqlstate", None) == "23505":
        table = diag.table_name
        match = re.match(
            r"Key \((?:[^,)]*, )?(\w+)\)=\((?:[^,)]*, )?(.*)\) already", diag.message_detail or ""
        )
        if match:
            column, value = match.group(1), match.group(2)
    else:
        match = re.search(r"UNIQUE constraint failed: (\w+)\.(\w+)", str(orig))
        if match is None:
            return None
        table, column = match.group(1), match.group(2)
    thing = _UNIQUE_THINGS.get((table or "", column or ""))
    if thing is None:
        thing = f"{(table or 'record').replace('_', ' ')} with that {column or 'key'}"
        return StoreError(f"A {thing} already exists, so nothing was saved.")
    named = f" {value!r}" if value is not None else " that"
    return StoreError(
        f"A {thing}{named} already exists (someone may have just made it), so nothing "
        "was saved; choose another."
    )


def _keep_text_storable(session: Session, _context: object, _instances: object) -> None:
    """Make every string written by any service one that every store can hold.

    SQLite would keep a NUL that PostgreSQL refuses, and neither can encode a lone
    surrogate; cleaning here, once, makes both stores hold the same text.
    """
    for obj in (*session.new, *session.dirty):
        state = inspect(obj)
        for attr in state.mapper.column_attrs:
            value = state.dict.get(attr.key)
            if isinstance(value, str) and (clean := storable_text(value)) != value:
                setattr(obj, attr.key, clean)


def _is_url(location: str) -> bool:
    return "://" in location


def display_location(location: str) -> str:
    """``location`` with any password in a URL replaced by ``***``."""
    if not _is_url(location):
        return location
    try:
        return make_url(location).render_as_string(hide_password=True)
    except (ArgumentError, ValueError):
        return location.split("://", 1)[0] + "://…"


def _server_error(location: str, exc: OperationalError) -> StoreError:
    """One sentence for a server store that cannot be reached or refuses us."""
    url = make_url(location)
    where = f"{url.host or 'localhost'}:{url.port or 5432}/{url.database or ''}"
    lines = str(getattr(exc, "orig", exc)).strip().splitlines()
    reason = lines[0] if lines else "no reason given"
    reason = reason.rsplit(" failed: ", 1)[-1].removeprefix("FATAL:").strip().rstrip(".")
    return StoreError(f"Cannot open the team store at {where}: {reason}.")


SUPPORTED_BACKENDS = ("sqlite", "postgresql")


def _invalid_location(location: str) -> StoreError:
    return StoreError(
        f"The store location {display_location(location)!r} is not a valid path or URL."
    )


def _engine_url(location: str) -> str:
    """The SQLAlchemy URL for a server location; plain postgresql:// uses psycopg 3."""
    try:
        url = make_url(location)
    except (ArgumentError, ValueError) as exc:
        raise _invalid_location(location) from exc
    if url.get_backend_name() not in SUPPORTED_BACKENDS:
        raise StoreError(
            "A briefing store lives in a SQLite file or on PostgreSQL, not in "
            f"{url.get_backend_name()}; give a file path or a postgresql:// URL."
        )
    if url.drivername == "postgresql":
        url = url.set(drivername="postgresql+psycopg")
    return url.render_as_string(hide_password=False)


def _sqlite_path(location: str) -> Path | None:
    if "\x00" in location:  # no file system takes it; os calls raise ValueError
        raise _invalid_location(location)
    if not _is_url(location):
        return Path(location).expanduser()
    try:
        url = make_url(location)
    except (ArgumentError, ValueError) as exc:
        raise _invalid_location(location) from exc
    if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
        return Path(url.database).expanduser()
    return None


def _current_revision(engine: Engine) -> tuple[str | None, bool]:
    """(revision, has_tables) read from the database without changing it."""
    with engine.connect() as conn:
        tables = inspect(conn).get_table_names()
        revision = None
        if "alembic_version" in tables:
            revision = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
        conn.rollback()
    return revision, bool(tables)


def _backup_path(path: Path) -> Path:
    stamp = datetime.now().strftime("%Y%m%dT%H%M%S")
    candidate = path.with_name(f"{path.stem}.backup-{stamp}{path.suffix}")
    counter = 1
    while candidate.exists():
        candidate = path.with_name(f"{path.stem}.backup-{stamp}-{counter}{path.suffix}")
        counter += 1
    return candidate


def backups_of(path: Path) -> list[Path]:
    """The pre-upgrade backups beside ``path``, oldest first."""
    found = []
    for candidate in path.parent.glob(f"{path.stem}.backup-*{path.suffix}"):
        with contextlib.suppress(OSError):
            found.append((candidate.stat().st_mtime_ns, candidate.name, candidate))
    return [entry[2] for entry in sorted(found)]


def _prune_backups(path: Path, keep: int = MAX_BACKUPS) -> None:
    """Remove all but the newest ``keep`` backups, so failed upgrades cannot fill a disk."""
    for old in backups_of(path)[:-keep] if keep else backups_of(path):
        with contextlib.suppress(OSError):
            old.unlink()


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _refuse_or_remove_foreign(
    path: Path, shape: sqlite_support.StoreShape, remove: bool
) -> list[str]:
    """Refuse a store carrying triggers or views we did not create, naming them; with
    ``remove`` (after the user was asked), drop them in one transaction instead."""
    found = sqlite_support.foreign_objects(shape)
    if not found:
        return []
    listing = ", ".join(found)
    if not remove:
        raise ForeignObjectsError(
            f"The store {path.name} carries what the app did not create ({listing}), and a "
            "trigger would run its own commands whenever the app saves; it was not opened "
            "or changed, and the app can remove them if you ask it to "
            "(briefing-app --db STORE init --remove-foreign).",
            found,
        )
    conn = sqlite3.connect(path, timeout=sqlite_support.BUSY_TIMEOUT_MS / 1000,
                           isolation_level=None)  # fmt: skip
    try:
        conn.execute("BEGIN IMMEDIATE")
        for item in found:
            kind, name = item.split(" ", 1)
            conn.execute(f"DROP {kind.upper()} IF EXISTS {_quoted(name[1:-1])}")
        conn.execute("COMMIT")
    except sqlite3.Error as exc:
        conn.close()
        error = sqlite_support.user_error(exc, path.name)
        raise error or CorruptStoreError(
            f"The store {path.name} could not be cleaned: {exc}."
        ) from exc
    conn.close()
    return found


_PG_OBJECTS = """
SELECT 'trigger', t.tgname, c.relname, t.tgfoid::regproc::text
FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE NOT t.tgisinternal AND n.nspname = current_schema()
UNION ALL
SELECT 'view', viewname, '', '' FROM pg_views WHERE schemaname = current_schema()
"""


def _refuse_or_remove_server_foreign(store: Store, remove: bool) -> list[str]:
    """The team store's counterpart of :func:`_refuse_or_remove_foreign`: a trigger is
    ours when it is the search index's (``search_<table>`` calling
    ``search_refresh_<table>``); any other trigger, and any view, is named and refused,
    or dropped when ``remove`` says the user agreed."""
    from briefing_app.store.search_sources import INDEXED_SOURCES

    tables = {source.table for source in INDEXED_SOURCES} | {"actor_alias"}
    with store.engine.connect() as conn:
        rows = conn.exec_driver_sql(_PG_OBJECTS).all()
        conn.rollback()
    foreign = [
        (kind, name, table)
        for kind, name, table, function in rows
        if kind == "view"
        or not (
            table in tables and name == f"search_{table}" and function == f"search_refresh_{table}"
        )
    ]
    found = [f"{kind} {name!r}" for kind, name, _ in sorted(foreign, key=lambda r: (r[0], r[1]))]
    if not found:
        return []
    if not remove:
        raise ForeignObjectsError(
            f"The team store {store.display_location} carries what the app did not create "
            f"({', '.join(found)}), and a trigger would run its own commands whenever the app "
            "saves; it was not opened or changed, and the app can remove them if you ask it "
            "to (briefing-app --db STORE init --remove-foreign).",
            found,
        )
    with store.engine.begin() as conn:
        for kind, name, table in foreign:
            if kind == "view":
                conn.exec_driver_sql(f"DROP VIEW IF EXISTS {_quoted(name)}")
            else:
                conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS {_quoted(name)} ON {_quoted(table)}")
    return found


def _check_known_revision(revision: str, shown: str) -> None:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config())
    try:
        script.get_revision(revision)
    except Exception as exc:  # alembic raises several kinds for unknown revisions
        raise NewerStoreError(
            f"The store {shown} was made by a newer version of the app "
            f"(schema {revision}); update the app to open it."
        ) from exc


def open_store(
    location: str | Path, *, upgrade: bool = True, remove_foreign: bool = False
) -> Store:
    """Open (creating if missing) the store at a file path or SQLAlchemy URL.

    An existing SQLite file must be a regular file and is checked read-only first: a
    damaged, foreign, tampered or newer file raises a StoreError and is never written.
    Triggers or views the app did not create are refused with their names, or removed
    when ``remove_foreign`` says the user agreed. A store from an older version is
    copied to a timestamped backup beside it (the newest MAX_BACKUPS are kept) and then
    upgraded. A team store's schema is created under an advisory lock.
    """
    location = str(location)
    path = _sqlite_path(location)
    removed: list[str] = []
    if path is not None:
        if sqlite_support.check_regular_file(path):
            shape = sqlite_support.check_store_file(path)
            older = sqlite_support.check_shape(shape, path)
            if older is not None:
                _check_known_revision(older, path.name)
            removed = _refuse_or_remove_foreign(path, shape, remove_foreign)
        else:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(f"Cannot create the folder for the store {path}: {exc}.") from exc
            if not sqlite_support.is_writable(path.parent):
                raise ReadOnlyStoreError(
                    f"The folder {path.parent} is read-only, so a new store cannot be made "
                    "there; choose a folder where you can save."
                )
        url = f"sqlite:///{path}"
    else:
        url = _engine_url(location)
    try:
        engine = create_engine(url)
    except NoSuchModuleError as exc:
        raise StoreError(
            f"The store location {display_location(location)} names a database driver this "
            "app cannot use; give a file path or a postgresql+psycopg:// URL."
        ) from exc
    except ModuleNotFoundError as exc:
        raise StoreError(
            f"A {make_url(url).get_backend_name()} store needs the Python package "
            f"{exc.name}, which is not installed."
        ) from exc
    except (SQLAlchemyError, ValueError, TypeError) as exc:
        raise _invalid_location(location) from exc
    if engine.dialect.name == "sqlite":
        sqlite_support.install_pragmas(engine)
    store = Store(engine=engine, location=location, removed_objects=removed)
    try:
        _migrate(store, path, upgrade)
        if path is None and engine.dialect.name == "postgresql":
            store.removed_objects = _refuse_or_remove_server_foreign(store, remove_foreign)
    except StoreError:
        engine.dispose()
        raise
    except OperationalError as exc:
        engine.dispose()
        if path is None:
            raise _server_error(location, exc) from exc
        full = sqlite_support.user_error(exc.orig or exc, path.name, path)
        if full is not None:
            raise full from exc
        raise CorruptStoreError(f"The store {location} could not be opened: {exc.orig}.") from exc
    except SQLAlchemyError as exc:
        engine.dispose()
        shown = display_location(location)
        detail = exc.orig if isinstance(exc, DBAPIError) else exc
        raise CorruptStoreError(f"The store {shown} could not be opened: {detail}.") from exc
    except (ValueError, TypeError) as exc:  # a URL part the driver cannot take (a port "x")
        engine.dispose()
        raise _invalid_location(location) from exc
    return store


def _migrate(store: Store, path: Path | None, upgrade: bool) -> None:
    revision, _ = _current_revision(store.engine)
    if revision == SCHEMA_HEAD:
        return
    if not store.is_sqlite and upgrade:
        with store.setup_lock():  # whoever comes first creates the schema; others wait
            _upgrade(store, path, upgrade)
        return
    _upgrade(store, path, upgrade)


def _upgrade(store: Store, path: Path | None, upgrade: bool) -> None:
    revision, has_tables = _current_revision(store.engine)
    if revision == SCHEMA_HEAD:
        return
    from alembic import command

    if revision is None and has_tables:
        raise CorruptStoreError(
            f"The database {store.display_location} holds tables but is not a briefing store."
        )
    if revision is not None:
        _check_known_revision(revision, store.display_location)
    if not upgrade:
        return
    backup = None
    if revision is not None and path is not None:
        backup = _backup_path(path)
        try:
            sqlite_support.backup_file(path, backup)
        except (OSError, sqlite3.Error) as exc:
            with contextlib.suppress(OSError):
                backup.unlink()
            error = sqlite_support.user_error(exc, path.name)
            raise error or StoreError(
                f"The store {path.name} was not upgraded, because its backup could not be "
                f"written beside it ({getattr(exc, 'strerror', None) or exc})."
            ) from exc
    config = alembic_config()
    try:
        with store.engine.begin() as conn:
            config.attributes["connection"] = conn
            command.upgrade(config, "head")
    except BaseException:
        if backup is not None:  # the upgrade was undone whole: the store is its own backup
            with contextlib.suppress(OSError):
                backup.unlink()
        raise
    if backup is not None and path is not None:
        store.backup_path = backup
        _prune_backups(path)


def copy_store_file(source: Path, target: Path) -> None:
    """Plain file copy, for restoring a backup the user chose."""
    shutil.copy2(source, target)


def restore_backup(path: Path, backup: Path) -> Path:
    """Put ``backup`` in place of the store at ``path``; returns where the old file went.

    The backup is first copied to a temporary file beside the store and synced; only then
    is the old store (with its -wal and -shm) moved aside, unchanged, and the copy renamed
    into place. A full disk or any other failure leaves the old store where it was,
    never an empty or half-copied file.
    """
    stamp = datetime.now().strftime("%Y%m%dT%H%M%S")
    aside = path.with_name(f"{path.stem}.damaged-{stamp}{path.suffix}")
    tmp = path.with_name(f".{path.name}.restoring.tmp")
    try:
        shutil.copyfile(backup, tmp)
        with open(tmp, "rb+") as handle:
            os.fsync(handle.fileno())
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        if exc.errno in (errno.ENOSPC, errno.EDQUOT):
            raise DiskFullError(
                f"The disk holding the store {path.name} is full, so the backup was not "
                "restored; nothing was lost and the store is as it was."
            ) from exc
        raise StoreError(
            f"The backup {backup.name} could not be restored ({exc.strerror or exc}); the "
            "store is as it was."
        ) from exc
    moved = []
    try:
        path.rename(aside)
        moved.append((path, aside))
        for suffix in ("-wal", "-shm"):
            journal = path.with_name(path.name + suffix)
            if journal.exists():
                journal.rename(aside.with_name(aside.name + suffix))
                moved.append((journal, aside.with_name(aside.name + suffix)))
        os.replace(tmp, path)
    except OSError as exc:
        for original, now in reversed(moved):  # put everything back as it was
            with contextlib.suppress(OSError):
                now.rename(original)
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise StoreError(
            f"The backup {backup.name} could not be put in place ({exc.strerror or exc}); "
            "the store is as it was."
        ) from exc
    return aside
