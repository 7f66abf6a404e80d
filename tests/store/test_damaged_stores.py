"""Damaged, newer, read-only and crash-interrupted stores, opened the way the app opens them.

Each refused store gets one sentence and is left exactly as it was: same bytes, same
modification time, and no -wal or -shm files left beside it. A store whose checkpoint a
crash interrupted is not refused: SQLite restores it from its write-ahead log.

Read-only stores are refused with advice rather than opened for viewing: the app saves
every edit as it is made and has no read-only mode, so a store it cannot write would
fail on the first edit instead. Tests run as root, which may write any file, so the
check reads the mode bits as well as asking the system.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
from collections.abc import Callable
from pathlib import Path

import pytest

from briefing_app.services.bootstrap import open_prepared
from briefing_app.store.errors import (
    CorruptStoreError,
    NewerStoreError,
    ReadOnlyStoreError,
    StoreError,
)


def _state(folder: Path) -> dict[str, tuple[bytes, int, int]]:
    """Every file in ``folder``: bytes, modification time (ns) and mode."""
    return {
        p.name: (p.read_bytes(), p.stat().st_mtime_ns, stat.S_IMODE(p.stat().st_mode))
        for p in folder.iterdir()
    }


def _zero_length(path: Path) -> None:
    path.write_bytes(b"")


def _not_a_database(path: Path) -> None:
    path.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 40)


def _truncated(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 3])


def _damaged_page(path: Path) -> None:
    data = bytearray(path.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    data[page * 3 : page * 6] = b"\xff" * (page * 3)  # three b-tree pages overwritten
    path.write_bytes(bytes(data))


def _newer(path: Path) -> None:
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    conn.close()


def _read_only_file(path: Path) -> None:
    path.chmod(0o444)


def _read_only_folder(path: Path) -> None:
    path.parent.chmod(0o555)


CASES: list[tuple[str, Callable[[Path], None], type[StoreError], str]] = [
    ("zero-length", _zero_length, CorruptStoreError, "empty file"),
    ("not-a-database", _not_a_database, CorruptStoreError, "not a database"),
    ("truncated", _truncated, CorruptStoreError, "truncated"),
    ("damaged-page", _damaged_page, CorruptStoreError, "damaged"),
    ("newer-version", _newer, NewerStoreError, "newer version"),
    ("read-only-file", _read_only_file, ReadOnlyStoreError, "is read-only"),
    ("read-only-folder", _read_only_folder, ReadOnlyStoreError, "read-only folder"),
]


@pytest.mark.parametrize(
    ("spoil", "error", "words"), [case[1:] for case in CASES], ids=[case[0] for case in CASES]
)
def test_refused_store_gets_one_sentence_and_is_untouched(
    essay_store_template: Path,
    tmp_path: Path,
    spoil: Callable[[Path], None],
    error: type[StoreError],
    words: str,
) -> None:
    folder = tmp_path / "stores"
    folder.mkdir()
    path = folder / "briefing.sqlite"
    shutil.copy2(essay_store_template, path)
    spoil(path)
    before = _state(folder)
    try:
        with pytest.raises(error) as info:
            open_prepared(str(path))
        after = _state(folder)
    finally:
        folder.chmod(0o755)
    message = str(info.value)
    assert words in message and path.name in message
    assert message.endswith(".") and "\n" not in message and ". " not in message, message
    assert after == before


def test_read_only_store_is_refused_even_for_root(essay_store_path: Path) -> None:
    """The reason for the mode-bit check: root's os.access says yes to a 0444 file."""
    essay_store_path.chmod(0o444)
    if os.geteuid() == 0:
        assert os.access(essay_store_path, os.W_OK)
    with pytest.raises(ReadOnlyStoreError, match="make the file writable or copy it"):
        open_prepared(str(essay_store_path))
    essay_store_path.chmod(0o644)
    open_prepared(str(essay_store_path)).close()


def test_checkpoint_cut_short_by_a_crash_is_recovered_not_called_truncated(
    essay_store_path: Path, tmp_path: Path
) -> None:
    """A checkpoint copies pages from the log in page order, page 1 (with the new page
    count) first; a crash part-way leaves a file shorter than its header says, but the
    log still holds every page, and SQLite finishes the job on the next open."""
    conn = sqlite3.connect(essay_store_path, isolation_level=None)
    conn.execute("PRAGMA wal_autocheckpoint = 0")
    conn.execute("BEGIN")
    for n in range(400):
        conn.execute(
            "INSERT INTO review_annotation (argument_id, status, comment, author, created_at) "
            "VALUES (1, 'agreed', ?, 'crash', '2026-11-29 12:00:00')",
            (f"{n} " + "x" * 2000,),
        )
    conn.execute("COMMIT")
    wal = essay_store_path.with_name(essay_store_path.name + "-wal")
    crashed = tmp_path / "crashed"
    crashed.mkdir()
    shutil.copy2(essay_store_path, crashed / essay_store_path.name)  # as the crash left them
    shutil.copy2(wal, crashed / wal.name)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    checkpointed = essay_store_path.read_bytes()
    old_size = (crashed / essay_store_path.name).stat().st_size
    assert len(checkpointed) > old_size * 1.2, "the log must have grown the store"
    # The checkpoint got half way: pages up to the middle are written, the rest is missing.
    (crashed / essay_store_path.name).write_bytes(checkpointed[: len(checkpointed) // 2])

    store = open_prepared(str(crashed / essay_store_path.name))
    try:
        with store.engine.connect() as db:
            assert db.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
            count = db.exec_driver_sql(
                "SELECT count(*) FROM review_annotation WHERE author = 'crash'"
            ).scalar()
        assert count == 400
    finally:
        store.close()


def test_a_new_store_in_a_read_only_folder_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        with pytest.raises(ReadOnlyStoreError, match="cannot be made there"):
            open_prepared(str(folder / "briefing.sqlite"))
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o755)
