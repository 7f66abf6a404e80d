"""After writing a file: a non-blocking message offering to open it or its folder."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox, QWidget


def offer_to_open(
    parent: QWidget, title: str, text: str, path: Path, details: str = ""
) -> QMessageBox:
    """Show (without blocking) that ``path`` was written, with Open File / Open Folder."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Information)
    box.setWindowTitle(title)
    box.setAccessibleName(title)
    box.setTextFormat(Qt.TextFormat.PlainText)  # file names come from deck titles
    box.setText(text)
    box.setInformativeText(details or f"Saved in {path.parent}.")
    open_file = box.addButton("Open File", QMessageBox.ButtonRole.ActionRole)
    open_folder = box.addButton("Open Folder", QMessageBox.ButtonRole.ActionRole)
    box.addButton(QMessageBox.StandardButton.Close)

    def clicked(button: object) -> None:
        if button is open_file:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
        elif button is open_folder:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path.parent)))

    box.buttonClicked.connect(clicked)
    box.open()
    return box
