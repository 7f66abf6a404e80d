"""Trials: opening only what is a store (issue 14, part 3).

Special files are refused without being opened (a pipe would hang us); a foreign SQLite
file is recognised from a read-only look and keeps every byte; a hot rollback journal a
killed writer left is rolled back by SQLite, not called damaged; failed upgrades leave
no backups and successful ones keep only the newest few; triggers and views we did not
create are refused by name, or removed when the user asks; a store with a table or
column removed, or a view where a table should be, is one sentence.
"""

from __future__ import annotations

import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from alembic import command

from briefing_app.cli import main as cli_main
from briefing_app.services.bootstrap import open_prepared
from briefing_app.store.errors import CorruptStoreError, ForeignObjectsError, StoreError
from briefing_app.store.store import MAX_BACKUPS, alembic_config, backups_of, open_store


def _one_sentence(message: str) -> None:
    assert message.endswith(".") and "\n" not in message and "Traceback" not in message, message


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


# --- special files ----------------------------------------------------------------------


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _folder(path: Path) -> None:
    path.mkdir()


def _socket(path: Path) -> None:
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(path))
    sock.close()


def _device(path: Path) -> None:
    path.symlink_to("/dev/zero")


@pytest.mark.parametrize(
    ("make", "kind"),
    [(_fifo, "named pipe"), (_folder, "folder"), (_socket, "socket"), (_device, "device")],
    ids=["fifo", "folder", "socket", "device-via-symlink"],
)
def test_a_special_file_is_refused_without_being_opened(tmp_path: Path, make, kind: str) -> None:
    path = tmp_path / "briefing.sqlite"
    make(path)
    result: list[BaseException] = []

    def attempt() -> None:
        try:
            open_prepared(str(path))
        except BaseException as exc:  # handed to the test thread
            result.append(exc)

    worker = threading.Thread(target=attempt, daemon=True)
    worker.start()
    worker.join(timeout=20)
    if worker.is_alive():  # unblock the hung open of a pipe before failing
        with open(path, "wb"):
            pass
        pytest.fail("opening a special file hung")
    assert result and isinstance(result[0], StoreError), result
    message = str(result[0])
    _one_sentence(message)
    assert kind in message and "not a file" in message
    assert sorted(p.name for p in tmp_path.iterdir()) == ["briefing.sqlite"]


def test_cli_refuses_a_pipe_as_store(tmp_path: Path, capsys) -> None:
    path = tmp_path / "pipe.sqlite"
    os.mkfifo(path)
    assert cli_main(["--db", str(path), "decks"]) == 2
    err = capsys.readouterr().err
    assert "named pipe, not a file" in err and err.count("\n") == 1


@pytest.mark.parametrize(
    ("suffix", "make", "kind"),
    [
        ("-journal", lambda p: p.mkdir(), "a folder"),
        ("-wal", lambda p: os.mkfifo(p), "a named pipe"),
        ("-shm", lambda p: p.symlink_to("/etc/passwd"), "a symbolic link"),
    ],
    ids=["journal-folder", "wal-fifo", "shm-symlink"],
)
def test_an_odd_file_where_sqlite_keeps_its_own_is_one_sentence(
    essay_store_path: Path, suffix: str, make, kind: str
) -> None:
    companion = essay_store_path.with_name(essay_store_path.name + suffix)
    make(companion)
    before = essay_store_path.read_bytes()
    with pytest.raises(StoreError) as caught:
        open_prepared(str(essay_store_path))
    message = str(caught.value)
    _one_sentence(message)
    assert f"{companion.name} is {kind}" in message
    assert essay_store_path.read_bytes() == before


# --- foreign databases ------------------------------------------------------------------


def test_foreign_sqlite_file_keeps_every_byte(tmp_path: Path) -> None:
    """The old path connected with the app's pragmas first (journal_mode = WAL), which
    rewrote bytes 18-19 of the header before saying the file was not ours."""
    path = tmp_path / "accounts.sqlite"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE customer (id INTEGER PRIMARY KEY, name TEXT)")
        conn.execute("INSERT INTO customer (name) VALUES ('Đukić')")
    conn.close()
    before = _files(tmp_path)
    assert before["accounts.sqlite"][18:20] == b"\x01\x01"  # rollback-journal mode
    with pytest.raises(CorruptStoreError) as caught:
        open_prepared(str(path))
    _one_sentence(str(caught.value))
    assert "not a briefing store" in str(caught.value)
    assert _files(tmp_path) == before


# --- hot journal ------------------------------------------------------------------------

_KILLED_WRITER = """
import os, sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("PRAGMA journal_mode = DELETE")
conn.execute("PRAGMA cache_size = 1")  # spill changed pages into the file mid-transaction
conn.execute("BEGIN")
conn.execute("UPDATE paragraph SET text = 'half-written'")
conn.execute("UPDATE argument SET claim = 'half-written'")
os._exit(9)  # killed before COMMIT: the journal is hot
"""


def test_hot_rollback_journal_is_recovered_not_called_damaged(essay_store_path: Path) -> None:
    with sqlite3.connect(essay_store_path) as conn:
        paragraphs = conn.execute("SELECT count(*), min(text) FROM paragraph").fetchone()
    conn.close()
    done = subprocess.run([sys.executable, "-c", _KILLED_WRITER, str(essay_store_path)])
    assert done.returncode == 9
    journal = essay_store_path.with_name(essay_store_path.name + "-journal")
    assert journal.stat().st_size > 0, "the killed writer must leave a hot journal"
    store = open_prepared(str(essay_store_path))
    try:
        with store.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
            again = conn.exec_driver_sql("SELECT count(*), min(text) FROM paragraph").one()
            half = conn.exec_driver_sql(
                "SELECT count(*) FROM argument WHERE claim = 'half-written'"
            ).scalar()
        assert tuple(again) == paragraphs and half == 0
    finally:
        store.close()


# --- backups ----------------------------------------------------------------------------


def _old_store(path: Path) -> None:
    config = alembic_config()
    config.set_main_option("sqlalchemy.url", f"sqlite:///{path}")
    command.upgrade(config, "0001")


def test_a_failed_upgrade_leaves_no_backup(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    _old_store(path)
    with sqlite3.connect(path) as conn:  # makes migration 0002 fail on every attempt
        conn.execute("CREATE TABLE deck (id INTEGER PRIMARY KEY)")
    conn.close()
    before = _files(tmp_path)
    for _ in range(5):
        with pytest.raises(StoreError) as caught:
            open_store(path)
        _one_sentence(str(caught.value))
    after = {name: data for name, data in _files(tmp_path).items() if not name.endswith("-shm")}
    assert backups_of(path) == []
    assert set(after) <= set(before) | {"old.sqlite-wal"}


def test_backups_before_upgrade_are_bounded(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    for _ in range(MAX_BACKUPS + 3):
        path.unlink(missing_ok=True)
        for suffix in ("-wal", "-shm"):
            path.with_name(path.name + suffix).unlink(missing_ok=True)
        _old_store(path)
        store = open_store(path)
        assert store.backup_path is not None and store.backup_path.exists()
        store.close()
    kept = backups_of(path)
    assert len(kept) == MAX_BACKUPS
    assert store.backup_path in kept  # the newest survives


# --- triggers and views we did not create ----------------------------------------------

_PLANTED = [
    "CREATE TRIGGER wipe_after_edit AFTER UPDATE ON deck BEGIN DELETE FROM argument; END",
    "CREATE VIEW everything AS SELECT * FROM argument",
]


def test_planted_trigger_and_view_are_refused_by_name(essay_store_path: Path) -> None:
    with sqlite3.connect(essay_store_path) as conn:
        for sql in _PLANTED:
            conn.execute(sql)
    conn.close()
    before = _files(essay_store_path.parent)
    with pytest.raises(ForeignObjectsError) as caught:
        open_prepared(str(essay_store_path))
    message = str(caught.value)
    _one_sentence(message)
    assert "trigger 'wipe_after_edit'" in message and "view 'everything'" in message
    assert caught.value.names == ["view 'everything'", "trigger 'wipe_after_edit'"]
    assert _files(essay_store_path.parent) == before


def test_a_trigger_named_like_ours_with_other_sql_is_refused(essay_store_path: Path) -> None:
    with sqlite3.connect(essay_store_path) as conn:
        conn.execute("DROP TRIGGER search_argument_au")
        conn.execute(
            "CREATE TRIGGER search_argument_au AFTER UPDATE ON argument "
            "BEGIN DELETE FROM quote; END"
        )
    conn.close()
    with pytest.raises(ForeignObjectsError, match="trigger 'search_argument_au'"):
        open_prepared(str(essay_store_path))


def test_planted_objects_are_removed_when_asked(essay_store_path: Path, capsys) -> None:
    with sqlite3.connect(essay_store_path) as conn:
        for sql in _PLANTED:
            conn.execute(sql)
        arguments = conn.execute("SELECT count(*) FROM argument").fetchone()[0]
    conn.close()
    assert cli_main(["--db", str(essay_store_path), "decks"]) == 2
    assert "--remove-foreign" in capsys.readouterr().err
    assert cli_main(["--db", str(essay_store_path), "init", "--remove-foreign"]) == 0
    out = capsys.readouterr().out
    assert "Removed view 'everything', trigger 'wipe_after_edit'" in out
    assert cli_main(["--db", str(essay_store_path), "deck", "create", "after"]) == 0
    with sqlite3.connect(essay_store_path) as conn:
        assert conn.execute("SELECT count(*) FROM argument").fetchone()[0] == arguments
        kinds = conn.execute("SELECT name FROM sqlite_master WHERE type = 'view'").fetchall()
    conn.close()
    assert kinds == []


# --- tables, columns and views where tables should be ----------------------------------

SCHEMA_DAMAGE = {
    "dropped-table": ("DROP TABLE slide_item", "table 'slide_item' is missing"),
    "dropped-column": ("ALTER TABLE deck DROP COLUMN theme", "has no column 'theme'"),
    "view-for-table": (
        "ALTER TABLE map_argument RENAME TO map_argument_real; "
        "CREATE VIEW map_argument AS SELECT * FROM map_argument_real",
        "'map_argument' is a view where a table should be",
    ),
    "renamed-table": ("ALTER TABLE quote RENAME TO quotes_old", "table 'quote' is missing"),
    "no-version-row": ("DELETE FROM alembic_version", "not a briefing store"),
}


@pytest.mark.parametrize("case", sorted(SCHEMA_DAMAGE))
def test_tampered_schema_is_one_sentence_and_untouched(essay_store_path: Path, case: str) -> None:
    sql, words = SCHEMA_DAMAGE[case]
    conn = sqlite3.connect(essay_store_path)
    conn.executescript(sql)
    conn.close()
    shutil.copy2(essay_store_path, essay_store_path.with_name("reference"))
    before = _files(essay_store_path.parent)
    with pytest.raises(CorruptStoreError) as caught:
        open_prepared(str(essay_store_path))
    message = str(caught.value)
    _one_sentence(message)
    assert words in message and essay_store_path.name in message
    assert _files(essay_store_path.parent) == before
