"""Start-up with a missing, damaged or too-new store."""

from __future__ import annotations

import hashlib
import importlib
import os
import shutil
import sqlite3
import threading
from pathlib import Path

import pytest

from briefing_app.gui.startup import NEW_ELSEWHERE, QUIT, RESTORE, open_store_interactively
from briefing_app.services import library


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_missing_store_is_created_and_imported(tmp_path: Path) -> None:
    store = open_store_interactively(str(tmp_path / "new" / "briefing.sqlite"), ask=None)
    assert store is not None
    assert len(library.paragraphs(store)) > 30
    store.close()


def test_corrupt_store_asks_and_quitting_leaves_it_untouched(tmp_path: Path) -> None:
    path = tmp_path / "briefing.sqlite"
    path.write_bytes(os.urandom(10_000))
    before = _digest(path)
    asked: list[tuple[str, Path | None]] = []

    def ask(message: str, backup: Path | None) -> str:
        asked.append((message, backup))
        return QUIT

    assert open_store_interactively(str(path), ask=ask) is None
    assert asked and "briefing.sqlite" in asked[0][0] and asked[0][1] is None
    assert _digest(path) == before


def test_restore_latest_backup_keeps_damaged_file_aside(
    tmp_path: Path, essay_store_template: Path
) -> None:
    path = tmp_path / "briefing.sqlite"
    backup = tmp_path / "briefing.backup-20260101T000000.sqlite"
    shutil.copy2(essay_store_template, backup)
    damaged = os.urandom(10_000)
    path.write_bytes(damaged)
    store = open_store_interactively(str(path), ask=lambda message, found: RESTORE)
    assert store is not None
    assert library.documents(store)
    store.close()
    aside = [p for p in tmp_path.iterdir() if ".damaged-" in p.name]
    assert len(aside) == 1 and aside[0].read_bytes() == damaged


def test_newer_store_offers_new_store_elsewhere(tmp_path: Path, essay_store_path: Path) -> None:
    with sqlite3.connect(essay_store_path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_future'")
    before = _digest(essay_store_path)
    elsewhere = tmp_path / "elsewhere.sqlite"
    store = open_store_interactively(
        str(essay_store_path),
        ask=lambda message, found: NEW_ELSEWHERE,
        choose=lambda near: elsewhere,
    )
    assert store is not None and elsewhere.exists()
    store.close()
    assert _digest(essay_store_path) == before


def test_real_dialog_is_shown_for_a_corrupt_store(tmp_path: Path, qtbot) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    from briefing_app.gui.startup import ask_with_dialog

    path = tmp_path / "briefing.sqlite"
    path.write_bytes(b"SQLite format 3\x00" + os.urandom(5000))
    before = _digest(path)
    seen: list[str] = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        seen.append(box.text())
        labels = {b.text(): b for b in box.buttons()}
        assert "New Store Elsewhere…" in labels
        labels["Quit"].click()

    QTimer.singleShot(0, answer)
    assert open_store_interactively(str(path), ask=ask_with_dialog(None)) is None
    assert seen and "briefing.sqlite" in seen[0]
    assert _digest(path) == before


def test_planted_trigger_is_removed_only_after_asking(essay_store_path: Path) -> None:
    with sqlite3.connect(essay_store_path) as conn:
        conn.execute("CREATE TRIGGER wipe AFTER UPDATE ON deck BEGIN DELETE FROM argument; END")
    conn.close()
    before = _digest(essay_store_path)
    asked: list[list[str]] = []
    declined = open_store_interactively(
        str(essay_store_path),
        ask=lambda message, backup: QUIT,
        confirm_removal=lambda sentence, names: asked.append(names) is not None and False,
    )
    assert declined is None and asked == [["trigger 'wipe'"]]
    assert _digest(essay_store_path) == before
    store = open_store_interactively(
        str(essay_store_path), ask=lambda m, b: QUIT, confirm_removal=lambda s, n: True
    )
    assert store is not None and store.removed_objects == ["trigger 'wipe'"]
    store.close()
    with sqlite3.connect(essay_store_path) as conn:
        assert conn.execute("SELECT count(*) FROM sqlite_master WHERE type = 'trigger' "
                            "AND name = 'wipe'").fetchone() == (0,)  # fmt: skip
    conn.close()


def test_restore_latest_backup_on_a_full_disk_says_so_and_keeps_the_store(
    tmp_path: Path, essay_store_template: Path
) -> None:
    """The old restore copied over the store in place: on a full disk it raised out of
    the dialog and left a 0-byte store. Now the copy goes to a temp file first."""
    from small_disk import fill, small_disk

    with small_disk(tmp_path / "disk", size="3m") as disk:
        path = disk / "briefing.sqlite"
        damaged = b"SQLite format 3\x00" + b"\xff" * 50_000
        path.write_bytes(damaged)
        shutil.copyfile(essay_store_template, disk / "briefing.backup-20260101T000000.sqlite")
        filler = fill(disk)
        choices = iter([RESTORE, QUIT])
        told: list[tuple[str, str]] = []
        store = open_store_interactively(
            str(path),
            ask=lambda message, backup: next(choices),
            tell=lambda title, sentence: told.append((title, sentence)),
        )
        assert store is None
        assert told and "is full" in told[0][1] and "nothing was lost" in told[0][1]
        assert path.read_bytes() == damaged
        filler.unlink()
        store = open_store_interactively(str(path), ask=lambda message, backup: RESTORE)
        assert store is not None and library.documents(store)
        store.close()


# The app with markers: whether the store's modules were imported when the window was
# first painted, and when the main window starts opening a deck.
_MARKED_APP = """
import sys
from briefing_app.gui import app, main_window
moment = app._moment
def marked(what):
    moment(what)
    if what == "painted-at":
        loaded = [m for m in sys.modules if m.startswith(("sqlalchemy", "briefing_app.store"))]
        print("store-imported" if loaded else "store-not-imported", flush=True)
app._moment = marked
original = main_window.MainWindow.show_initial_deck
def show_initial_deck(self, name):
    print("opening-deck", flush=True)
    return original(self, name)
main_window.MainWindow.show_initial_deck = show_initial_deck
sys.exit(app.main(sys.argv[1:]))
"""


def test_the_window_paints_before_the_store_is_opened_and_the_deck_laid_out(
    essay_store_path: Path, tmp_path: Path
) -> None:
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "PYTHONPATH": str(root), "QT_QPA_PLATFORM": "offscreen",
           "BRIEFING_STARTUP_PROBE": "1", "XDG_CONFIG_HOME": str(tmp_path / "config")}  # fmt: skip
    done = subprocess.run(
        [sys.executable, "-c", _MARKED_APP, "--db", str(essay_store_path)],
        env=env, capture_output=True, text=True, timeout=300, cwd=tmp_path,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    order = [line.split()[0] for line in done.stdout.splitlines() if line.strip()]
    assert order == ["painted-at", "store-not-imported", "opening-deck", "deck-shown-at"]


def test_background_imports_leave_a_failing_import_to_the_gui_thread(
    qtbot, qapp, monkeypatch
) -> None:
    """A module that cannot be imported does not stop the wait, and is not reported from
    the worker: the GUI thread's own import raises it, where it is reported once."""
    from briefing_app.gui.app import BackgroundImports
    from briefing_app.gui.main_window import MainWindow

    reported: list[object] = []
    monkeypatch.setattr(threading, "excepthook", reported.append)
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    names = ("json", "briefing_app.no_such_module", "csv")
    imports = BackgroundImports(names)
    imports.start()
    assert imports.wait(qapp, window, names)
    imports.join(5)
    assert not imports.is_alive() and not reported
    with pytest.raises(ModuleNotFoundError):
        importlib.import_module("briefing_app.no_such_module")
    window.close()
    assert not imports.wait(qapp, window, names[:1])  # a closed window stops the loading


_NOTES_APP = """
import sys
from briefing_app.gui import main_window
original = main_window.MainWindow.tell_upgrade_notes
def tell(self, notes):
    box = original(self, notes)
    shown = box is not None and box.isVisible() and not box.isModal()
    print("shown" if shown else "not-shown", repr(box.text() if box else ""), flush=True)
    return box
main_window.MainWindow.tell_upgrade_notes = tell
from briefing_app.gui import app
sys.exit(app.main(sys.argv[1:]))
"""


def test_the_app_says_what_opening_an_older_store_changed(
    essay_store_path: Path, tmp_path: Path
) -> None:
    """A store an earlier version made gets the bundled argument map's fixes when the app
    opens it, and the app says so in a window that does not block (nothing said otherwise)."""
    import sqlite3
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "PYTHONPATH": str(root), "QT_QPA_PLATFORM": "offscreen",
           "BRIEFING_STARTUP_PROBE": "1", "XDG_CONFIG_HOME": str(tmp_path / "config")}  # fmt: skip

    def run() -> str:
        done = subprocess.run(
            [sys.executable, "-c", _NOTES_APP, "--db", str(essay_store_path)],
            env=env, capture_output=True, text=True, timeout=300, cwd=tmp_path,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        return next(line for line in done.stdout.splitlines() if "shown" in line)

    assert run().startswith("not-shown")
    with sqlite3.connect(essay_store_path) as db:
        db.execute("UPDATE document SET argument_map_hash = NULL")
    said = run()
    assert said.startswith("shown") and "argument map was updated" in said
    assert run().startswith("not-shown")  # said once: the store is up to date now
