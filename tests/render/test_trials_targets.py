"""Trials: export targets that are not files we may write (issue 14, part 5).

Devices, pipes, folders, empty paths, read-only files and read-only folders are refused
with one sentence before anything is written; slides PDF and handout names stay apart
whatever the title; a deck with no slides is not exported; a full disk is one sentence
and leaves the previous export as it was.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest
from small_disk import fill, small_disk

from briefing_app.cli import main
from briefing_app.render.atomic import ExportTargetError, safe_filename
from briefing_app.render.export import default_export_path, export_deck
from briefing_app.services import decks
from briefing_app.store.errors import DiskFullError, StoreError


@pytest.fixture
def out_dir(tmp_path: Path) -> Path:
    """A folder of its own for exports (the store's files sit in tmp_path)."""
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


@pytest.fixture
def deck_store(essay_store):
    decks.create_deck(essay_store, "trial")
    decks.add_slide(essay_store, "trial", "title")
    return essay_store


def _listing(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}


@pytest.mark.parametrize("target", ["/dev/full", "/dev/null", "/dev/zero"])
def test_a_device_is_refused_and_nothing_is_written_beside_it(deck_store, target: str) -> None:
    before = set(os.listdir("/dev"))
    with pytest.raises(ExportTargetError, match="is a device, not a regular file"):
        export_deck(deck_store, "trial", "pdf", target)
    assert set(os.listdir("/dev")) == before  # no /dev/full.pdf


def test_the_cli_refuses_dev_full(essay_store_path: Path, capsys) -> None:
    db = ["--db", str(essay_store_path)]
    assert main([*db, "deck", "create", "trial", "--from", "default-briefing"]) == 0
    capsys.readouterr()
    assert main([*db, "export", "trial", "--format", "pdf", "--out", "/dev/full"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "is a device" in err
    assert not Path("/dev/full.pdf").exists()


def test_a_pipe_is_refused_without_hanging(deck_store, tmp_path: Path) -> None:
    pipe = tmp_path / "out.pdf"
    os.mkfifo(pipe)
    errors: list[BaseException] = []

    def run() -> None:
        try:
            export_deck(deck_store, "trial", "pdf", pipe)
        except BaseException as exc:  # handed to the test thread
            errors.append(exc)

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(timeout=60)
    assert not worker.is_alive(), "exporting to a pipe hung"
    assert errors and isinstance(errors[0], ExportTargetError)
    assert "named pipe" in str(errors[0])


@pytest.mark.parametrize("out", ["", "   "])
def test_an_empty_path_is_refused(deck_store, out_dir: Path, out: str, monkeypatch) -> None:
    monkeypatch.chdir(out_dir)
    with pytest.raises(ExportTargetError, match="empty path"):
        export_deck(deck_store, "trial", "pdf", out)
    assert list(out_dir.iterdir()) == []


def test_a_read_only_file_is_not_replaced(deck_store, out_dir: Path) -> None:
    target = out_dir / "briefing.pdf"
    target.write_bytes(b"the briefer's own copy")
    target.chmod(0o444)
    before = _listing(out_dir)
    with pytest.raises(ExportTargetError, match="read-only, so it was not replaced"):
        export_deck(deck_store, "trial", "pdf", target)
    assert _listing(out_dir) == before


def test_a_read_only_folder_is_refused(deck_store, tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        with pytest.raises(ExportTargetError, match="read-only"):
            export_deck(deck_store, "trial", "pptx", folder / "deck.pptx")
        with pytest.raises(ExportTargetError, match="read-only"):
            export_deck(deck_store, "trial", "pptx", folder)
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o755)


def test_a_folder_under_a_file_is_one_sentence(deck_store, tmp_path: Path) -> None:
    plain = tmp_path / "notes.txt"
    plain.write_text("x")
    with pytest.raises(StoreError) as caught:
        export_deck(deck_store, "trial", "pdf", plain / "deck.pdf")
    assert str(caught.value).endswith(".") and "\n" not in str(caught.value)


@pytest.mark.parametrize("length", [10, 140, 150, 151, 160, 400, 5000])
def test_slides_and_handout_names_stay_distinct(length: int, tmp_path: Path) -> None:
    title = ("Đukić and Vučić on Kosovo " * 300)[:length]
    names = {fmt: default_export_path(title, fmt, tmp_path).name for fmt in ("pdf", "handout")}
    assert names["pdf"] != names["handout"]
    assert names["handout"].endswith(" handout.pdf")
    assert len(names["handout"].encode()) <= len(safe_filename("x" * 999, "pdf").encode()) + 8


def test_long_title_exports_both_files(deck_store, tmp_path: Path) -> None:
    decks.update_deck(deck_store, "trial", title="A very long title " * 40)
    slides = export_deck(deck_store, "trial", "pdf", tmp_path).path
    handout = export_deck(deck_store, "trial", "handout", tmp_path).path
    assert slides != handout and slides.exists() and handout.exists()


def test_a_deck_with_no_slides_is_not_exported(essay_store, out_dir: Path) -> None:
    decks.create_deck(essay_store, "empty")
    for fmt in ("pdf", "pptx", "handout"):
        with pytest.raises(StoreError, match="has no slides, so there is nothing to export"):
            export_deck(essay_store, "empty", fmt, out_dir)
    assert list(out_dir.iterdir()) == []


def test_an_export_on_a_full_disk_is_one_sentence_and_keeps_the_old_file(
    deck_store, tmp_path: Path
) -> None:
    with small_disk(tmp_path / "disk", size="1m") as disk:
        target = disk / "briefing.pdf"
        target.write_bytes(b"the previous export")
        fill(disk)
        with pytest.raises(DiskFullError) as caught:
            export_deck(deck_store, "trial", "pdf", target)
        message = str(caught.value)
        assert "is full; nothing was lost" in message and "\n" not in message
        assert target.read_bytes() == b"the previous export"
        assert sorted(p.name for p in disk.iterdir()) == ["briefing.pdf", "filler"]
