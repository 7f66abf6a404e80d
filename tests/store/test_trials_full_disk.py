"""Trials: a store on a full disk (issue 14, part 5).

A real small disk (tmpfs) is filled until the system says ENOSPC. A write is then one
sentence ("The disk holding the store … is full; nothing was lost …"), the open store
stays usable and takes the next write once there is room; a store on a disk that is
already full is not called damaged; restoring a backup on a full disk leaves the store
as it was (never an empty file).
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from small_disk import fill, small_disk

from briefing_app.cli import main
from briefing_app.services import decks
from briefing_app.services.bootstrap import open_prepared
from briefing_app.store.errors import DiskFullError
from briefing_app.store.store import open_store, restore_backup


def _dump(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def _one_sentence(message: str) -> None:
    assert message.endswith(".") and "\n" not in message, message
    assert "nothing was lost" in message and "is full" in message, message


def _store_on(disk: Path, template: Path) -> Path:
    path = disk / "briefing.sqlite"
    shutil.copyfile(template, path)
    return path


def test_a_write_on_a_full_disk_is_one_sentence_and_the_store_stays_usable(
    tmp_path: Path, essay_store_template: Path
) -> None:
    with small_disk(tmp_path / "disk") as disk:
        path = _store_on(disk, essay_store_template)
        store = open_store(path)
        try:
            decks.create_deck(store, "before")
            filler = fill(disk)
            with pytest.raises(DiskFullError) as caught:
                from briefing_app.deck.outline import DEFAULT_OUTLINE, build_from_outline

                build_from_outline(store, DEFAULT_OUTLINE, "too big for the disk")
            _one_sentence(str(caught.value))
            assert [name for name, _, _ in decks.list_decks(store)] == ["before"]  # reads work
            filler.unlink()
            decks.create_deck(store, "after")  # the same open store takes the next write
            assert [name for name, _, _ in decks.list_decks(store)] == ["after", "before"]
            with store.engine.connect() as conn:
                assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
        finally:
            store.close()


def test_the_cli_on_a_full_disk_is_one_sentence_and_exit_2(
    tmp_path: Path, essay_store_template: Path, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BRIEFING_LOG", str(tmp_path / "log"))
    with small_disk(tmp_path / "disk") as disk:
        path = _store_on(disk, essay_store_template)
        assert main(["--db", str(path), "decks"]) == 0  # leaves its -wal and -shm beside it
        capsys.readouterr()
        fill(disk)
        code = main(["--db", str(path), "deck", "create", "x", "--from", "default-briefing"])
        err = capsys.readouterr().err
        assert code == 2 and err.count("\n") == 1 and "Traceback" not in err
        _one_sentence(err.strip())
    assert not (tmp_path / "log").exists()


@pytest.mark.parametrize("attempts", [1, 2])
def test_a_store_on_an_already_full_disk_is_not_called_damaged(
    tmp_path: Path, essay_store_template: Path, attempts: int
) -> None:
    """The second attempt meets the empty -wal the first one could still create."""
    with small_disk(tmp_path / "disk") as disk:
        path = _store_on(disk, essay_store_template)
        before = _dump(path)
        filler = fill(disk)
        for _ in range(attempts):
            with pytest.raises(DiskFullError) as caught:
                open_prepared(str(path))
            _one_sentence(str(caught.value))
            assert "damaged" not in str(caught.value)
        filler.unlink()
        assert _dump(path) == before
        open_prepared(str(path)).close()


def test_restoring_a_backup_on_a_full_disk_leaves_the_store_as_it_was(
    tmp_path: Path, essay_store_template: Path
) -> None:
    with small_disk(tmp_path / "disk", size="3m") as disk:
        path = disk / "briefing.sqlite"
        damaged = b"SQLite format 3\x00" + b"\xff" * 50_000
        path.write_bytes(damaged)
        backup = disk / "briefing.backup-20260101T000000.sqlite"
        shutil.copyfile(essay_store_template, backup)
        filler = fill(disk)
        with pytest.raises(DiskFullError) as caught:
            restore_backup(path, backup)
        assert "backup was not restored" in str(caught.value)
        assert path.read_bytes() == damaged
        assert sorted(p.name for p in disk.iterdir()) == sorted(
            ["briefing.sqlite", backup.name, filler.name]
        )
        filler.unlink()
        aside = restore_backup(path, backup)
        assert aside.read_bytes() == damaged
        assert path.read_bytes() == backup.read_bytes()
