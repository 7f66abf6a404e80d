"""Opening a store: check the file, back it up before an upgrade, migrate, hand out sessions."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from briefing_app.store import sqlite as sqlite_support
from briefing_app.store.errors import (
    CorruptStoreError,
    NewerStoreError,
    ReadOnlyStoreError,
    StoreError,
)
from briefing_app.textclean import storable_text

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
# The newest migration. Opening a store already at this revision needs no Alembic at all
# (a quarter of a second of start-up); a test keeps it equal to the migration history.
SCHEMA_HEAD = "0007"


def alembic_config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config()).get_current_head() or ""


@dataclass
class Store:
    """An open store: an engine plus the sessions every service uses."""

    engine: Engine
    location: str
    backup_path: Path | None = None  # set when opening made a pre-upgrade backup
    _sessions: sessionmaker[Session] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
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
        """
        with self._sessions.begin() as session:
            if self.is_sqlite:
                session.connection(execution_options={sqlite_support.WRITE_INTENT: True})
            yield session

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session for reading; anything it wrote would be rolled back."""
        with self._sessions() as session:
            try:
                yield session
            finally:
                session.rollback()

    def close(self) -> None:
        self.engine.dispose()


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
    except ArgumentError:
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
    except ArgumentError as exc:
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
    if not _is_url(location):
        return Path(location).expanduser()
    try:
        url = make_url(location)
    except ArgumentError as exc:
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


def open_store(location: str | Path, *, upgrade: bool = True) -> Store:
    """Open (creating if missing) the store at a file path or SQLAlchemy URL.

    An existing SQLite file is checked read-only first: a damaged file raises
    CorruptStoreError and is never written. A store from an older version is copied to a
    timestamped backup beside it and then upgraded; one from a newer version raises
    NewerStoreError.
    """
    location = str(location)
    path = _sqlite_path(location)
    if path is not None:
        if path.exists():
            sqlite_support.check_store_file(path)
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
    except (SQLAlchemyError, ValueError) as exc:
        raise _invalid_location(location) from exc
    if engine.dialect.name == "sqlite":
        sqlite_support.install_pragmas(engine)
    store = Store(engine=engine, location=location)
    try:
        _migrate(store, path, upgrade)
    except StoreError:
        engine.dispose()
        raise
    except OperationalError as exc:
        engine.dispose()
        if path is None:
            raise _server_error(location, exc) from exc
        raise CorruptStoreError(f"The store {location} could not be opened: {exc.orig}.") from exc
    except SQLAlchemyError as exc:
        engine.dispose()
        shown = display_location(location)
        raise CorruptStoreError(f"The store {shown} could not be opened: {exc.orig}.") from exc
    return store


def _migrate(store: Store, path: Path | None, upgrade: bool) -> None:
    revision, has_tables = _current_revision(store.engine)
    if revision == SCHEMA_HEAD:
        return
    from alembic import command
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config())
    if revision is None and has_tables:
        raise CorruptStoreError(
            f"The database {store.display_location} holds tables but is not a briefing store."
        )
    if revision is not None:
        try:
            script.get_revision(revision)
        except Exception as exc:  # alembic raises several kinds for unknown revisions
            raise NewerStoreError(
                f"The store {store.display_location} was made by a newer version of the app "
                f"(schema {revision}); update the app to open it."
            ) from exc
    if not upgrade:
        return
    if revision is not None and path is not None:
        backup = _backup_path(path)
        sqlite_support.backup_file(path, backup)
        store.backup_path = backup
    config = alembic_config()
    with store.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "head")


def copy_store_file(source: Path, target: Path) -> None:
    """Plain file copy, for restoring a backup the user chose."""
    shutil.copy2(source, target)
