"""A whole store's rows copied into another store: the team store's backup and restore.

A team store (PostgreSQL) cannot be copied as a file, so before ``import --replace``
changes one, its rows are copied into a new SQLite store (a file the user can keep, open
with ``--db`` and restore). ``briefing-app restore BACKUP`` copies a backup's rows back
into the store given with ``--db``, replacing all of its rows in one transaction: a
restore that fails changes nothing.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Connection, Table, func, select, text

from briefing_app.store import map_models, template_models  # noqa: F401  (their tables)
from briefing_app.store.errors import StoreError
from briefing_app.store.models import Base, Document
from briefing_app.store.store import Store, open_store

_BATCH = 1000


def _tables() -> list[Table]:
    return list(Base.metadata.sorted_tables)


def copy_rows(source: Store, target: Store) -> int:
    """Replace every row of ``target`` with ``source``'s, in one transaction; rows copied.

    Both stores must be at the same schema revision (``open_store`` upgrades both). The
    search index follows through the stores' own triggers.
    """
    copied = 0
    with source.read() as reading, target.transaction() as writing:
        src, dst = reading.connection(), writing.connection()
        for table in reversed(_tables()):
            dst.execute(table.delete())
        for table in _tables():
            rows = [dict(row._mapping) for row in src.execute(table.select())]
            for start in range(0, len(rows), _BATCH):
                dst.execute(table.insert(), rows[start : start + _BATCH])
            copied += len(rows)
        if dst.dialect.name == "postgresql":
            _reset_sequences(dst)
    return copied


def _reset_sequences(conn: Connection) -> None:
    """Each id sequence continues after the highest id restored."""
    for table in _tables():
        key = [
            c
            for c in table.primary_key.columns
            if c.autoincrement is True
            or (
                c.autoincrement == "auto"
                and len(table.primary_key.columns) == 1
                and c.type.python_type is int
            )
        ]
        if len(key) != 1:
            continue
        column = key[0].name
        sequence = conn.execute(
            text("SELECT pg_get_serial_sequence(:table, :column)"),
            {"table": table.name, "column": column},
        ).scalar()
        if sequence:
            conn.execute(
                text(
                    f'SELECT setval(:sequence, COALESCE(MAX("{column}"), 1), MAX("{column}") '
                    f'IS NOT NULL) FROM "{table.name}"'
                ),
                {"sequence": sequence},
            )


def backup_to_file(store: Store, target: Path) -> Path:
    """A new SQLite store at ``target`` holding every row of ``store``."""
    if target.exists():
        raise StoreError(f"The backup {target.name} already exists; nothing was written.")
    copy = open_store(target)
    try:
        copy_rows(store, copy)
    except BaseException:
        copy.close()
        target.unlink(missing_ok=True)
        for suffix in ("-wal", "-shm", "-journal"):
            target.with_name(target.name + suffix).unlink(missing_ok=True)
        raise
    copy.close()
    return target


@contextmanager
def _opened_copy(backup: Path) -> Iterator[Store]:
    """``backup`` opened from a temporary copy (upgraded there if older), never written."""
    if not backup.is_file():
        raise StoreError(f"The backup {backup} does not exist or is not a regular file.")
    if backup.stat().st_size == 0:
        raise StoreError(
            f"The backup {backup} is an empty file, not a store; nothing was restored."
        )
    with tempfile.TemporaryDirectory(prefix="briefing-restore-") as folder:
        copy = Path(folder) / backup.name  # so a refusal names the user's file
        try:
            shutil.copyfile(backup, copy)
        except OSError as exc:
            raise StoreError(
                f"The backup {backup.name} could not be read ({exc.strerror or exc}); "
                "nothing was restored."
            ) from None
        store = open_store(copy)
        try:
            yield store
        finally:
            store.close()


def restore_rows(target: Store, backup: Path) -> int:
    """Replace every row of ``target`` with those of the SQLite store ``backup``.

    The backup file is read from a copy and never changed; an older backup is upgraded
    in that copy first. The target keeps its rows if anything fails.
    """
    with _opened_copy(Path(backup)) as source:
        with source.read() as session:
            documents = session.scalar(select(func.count()).select_from(Document))
        if not documents:
            raise StoreError(
                f"The backup {Path(backup).name} holds no documents, so it is "
                "not a backup of a store; nothing was restored."
            )
        with target.setup_lock():
            return copy_rows(source, target)
