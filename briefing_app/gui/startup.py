"""Opening the store when the app starts: create it, or explain why it cannot be opened.

A missing store is created and filled from the bundled essay. A damaged or too-new store
gets a dialog that offers the latest backup or a new store elsewhere; the damaged file is
never written to (restoring moves it aside under a new name, byte for byte).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from briefing_app.services.bootstrap import open_prepared
from briefing_app.store.errors import CorruptStoreError, NewerStoreError, StoreError
from briefing_app.store.store import Store, restore_backup

RESTORE, NEW_ELSEWHERE, QUIT = "restore", "new", "quit"
Asker = Callable[[str, Path | None], str]  # (message, latest backup) -> choice


def latest_backup(path: Path) -> Path | None:
    """The newest ``<stem>.backup-*<suffix>`` beside ``path``, if any."""
    candidates = sorted(
        path.parent.glob(f"{path.stem}.backup-*{path.suffix}"),
        key=lambda p: p.stat().st_mtime,
    )
    return candidates[-1] if candidates else None


def ask_with_dialog(parent: QWidget | None) -> Asker:
    def ask(message: str, backup: Path | None) -> str:
        box = QMessageBox(parent)
        box.setIcon(QMessageBox.Icon.Critical)
        box.setWindowTitle("The store cannot be opened")
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(message)
        box.setInformativeText(
            "The file has not been changed. You can restore the latest backup (the damaged "
            "file is kept beside it under a new name) or start a new store elsewhere."
        )
        restore = None
        if backup is not None:
            restore = box.addButton("Restore Latest Backup", QMessageBox.ButtonRole.AcceptRole)
            restore.setAccessibleName("Restore the latest backup")
        elsewhere = box.addButton("New Store Elsewhere…", QMessageBox.ButtonRole.ActionRole)
        elsewhere.setAccessibleName("Start a new store elsewhere")
        box.addButton("Quit", QMessageBox.ButtonRole.RejectRole)
        box.exec()
        clicked = box.clickedButton()
        if restore is not None and clicked is restore:
            return RESTORE
        return NEW_ELSEWHERE if clicked is elsewhere else QUIT

    return ask


def choose_new_location(parent: QWidget | None, near: Path) -> Path | None:
    name, _ = QFileDialog.getSaveFileName(
        parent, "New store", str(near.with_name("briefing-new.sqlite")), "Stores (*.sqlite)"
    )
    return Path(name) if name else None


def tell_with_dialog(parent: QWidget | None) -> Callable[[str, str], None]:
    def tell(title: str, sentence: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Critical, title, sentence, parent=parent)
        box.setTextFormat(Qt.TextFormat.PlainText)  # paths and store text, never markup
        box.exec()

    return tell


def open_store_interactively(
    location: str,
    parent: QWidget | None = None,
    ask: Asker | None = None,
    choose: Callable[[Path], Path | None] | None = None,
    tell: Callable[[str, str], None] | None = None,
) -> Store | None:
    """The opened store, or None when the user chose to quit (or nothing could open)."""
    ask = ask or ask_with_dialog(parent)
    choose = choose or (lambda near: choose_new_location(parent, near))
    tell = tell or tell_with_dialog(parent)
    try:
        return open_prepared(location)
    except (CorruptStoreError, NewerStoreError) as exc:
        path = Path(location) if "://" not in location else None
        backup = latest_backup(path) if path is not None else None
        choice = ask(str(exc), backup)
        if choice == RESTORE and path is not None and backup is not None:
            try:
                restore_backup(path, backup)
            except StoreError as failure:  # e.g. a full disk: the store is as it was
                tell("The backup could not be restored", str(failure))
            return open_store_interactively(location, parent, ask, choose, tell)
        if choice == NEW_ELSEWHERE:
            target = choose(path or Path.cwd() / "briefing.sqlite")
            if target is not None:
                return open_store_interactively(str(target), parent, ask, choose, tell)
        return None
    except StoreError as exc:
        tell("The store cannot be opened", str(exc))
        return None
