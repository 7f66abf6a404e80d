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
from briefing_app.store.errors import (
    CorruptStoreError,
    ForeignObjectsError,
    NewerStoreError,
    StoreError,
)
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


def confirm_removal_with_dialog(parent: QWidget | None) -> Callable[[str, list[str]], bool]:
    def confirm(sentence: str, names: list[str]) -> bool:
        box = QMessageBox(QMessageBox.Icon.Warning, "The store carries foreign commands", "",
                          parent=parent)  # fmt: skip
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(
            f"This store carries {', '.join(names)}, which the app did not create. A trigger "
            "runs its own commands whenever the app saves. Remove them and open the store?"
        )
        box.setDetailedText(sentence)
        remove = box.addButton("Remove and Open", QMessageBox.ButtonRole.AcceptRole)
        box.addButton("Do Not Open", QMessageBox.ButtonRole.RejectRole)
        box.exec()
        return box.clickedButton() is remove

    return confirm


def open_store_interactively(
    location: str,
    parent: QWidget | None = None,
    ask: Asker | None = None,
    choose: Callable[[Path], Path | None] | None = None,
    tell: Callable[[str, str], None] | None = None,
    confirm_removal: Callable[[str, list[str]], bool] | None = None,
) -> Store | None:
    """The opened store, or None when the user chose to quit (or nothing could open).

    A store carrying triggers or views the app did not create is opened only after the
    user agreed to remove them (named in the question); otherwise it is treated as a
    store that cannot be opened.
    """
    ask = ask or ask_with_dialog(parent)
    choose = choose or (lambda near: choose_new_location(parent, near))
    tell = tell or tell_with_dialog(parent)
    confirm_removal = confirm_removal or confirm_removal_with_dialog(parent)
    again = (ask, choose, tell, confirm_removal)
    try:
        try:
            return open_prepared(location)
        except ForeignObjectsError as foreign:
            if not confirm_removal(str(foreign), foreign.names):
                raise
            return open_prepared(location, remove_foreign=True)
    except (CorruptStoreError, NewerStoreError) as exc:
        path = Path(location) if "://" not in location else None
        backup = latest_backup(path) if path is not None else None
        choice = ask(str(exc), backup)
        if choice == RESTORE and path is not None and backup is not None:
            try:
                restore_backup(path, backup)
            except StoreError as failure:  # e.g. a full disk: the store is as it was
                tell("The backup could not be restored", str(failure))
            return open_store_interactively(location, parent, *again)
        if choice == NEW_ELSEWHERE:
            target = choose(path or Path.cwd() / "briefing.sqlite")
            if target is not None:
                return open_store_interactively(str(target), parent, *again)
        return None
    except StoreError as exc:
        tell("The store cannot be opened", str(exc))
        return None
