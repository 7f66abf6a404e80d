"""Opening a store: check the file, back it up before an upgrade, migrate, hand out sessions."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, create_engine, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from briefing_app.store import sqlite as sqlite_support
from briefing_app.store.errors import CorruptStoreError, NewerStoreError, StoreError

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
# The newest migration. Opening a store already at this revision needs no Alembic at all
# (a quarter of a second of start-up); a test keeps it equal to the migration history.
SCHEMA_HEAD = "0004"


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

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A session whose work commits as one transaction, or rolls back on error."""
        with self._sessions.begin() as session:
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


def _is_url(location: str) -> bool:
    return "://" in location


def _sqlite_path(location: str) -> Path | None:
    if not _is_url(location):
        return Path(location).expanduser()
    url = make_url(location)
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
        url = f"sqlite:///{path}"
    else:
        url = location
    try:
        engine = create_engine(url)
    except (SQLAlchemyError, ValueError) as exc:
        raise StoreError(f"The store location {location!r} is not a valid path or URL.") from exc
    if engine.dialect.name == "sqlite":
        sqlite_support.install_pragmas(engine)
    store = Store(engine=engine, location=location)
    try:
        _migrate(store, path, upgrade)
    except StoreError:
        engine.dispose()
        raise
    except SQLAlchemyError as exc:
        engine.dispose()
        raise CorruptStoreError(f"The store {location} could not be opened: {exc.orig}.") from exc
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
            f"The database {store.location} holds tables but is not a briefing store."
        )
    if revision is not None:
        try:
            script.get_revision(revision)
        except Exception as exc:  # alembic raises several kinds for unknown revisions
            raise NewerStoreError(
                f"The store {store.location} was made by a newer version of the app "
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
