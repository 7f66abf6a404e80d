"""Export from the editor: choose a file, run the export as a task, report the outcome."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from briefing_app.deck.preview import DeckPreview
from briefing_app.gui.file_offer import offer_to_open
from briefing_app.paths import EXPORTS_DIR
from briefing_app.progress import Cancelled
from briefing_app.render.export import FORMATS, ExportResult
from briefing_app.store.errors import StoreError

LAST_FOLDER_KEY = "export/last_folder"
FORMAT_NAMES = {"pptx": "PowerPoint", "pdf": "PDF", "handout": "handout PDF"}
FILTERS = {"pptx": "PowerPoint presentation (*.pptx)", "pdf": "PDF document (*.pdf)",
           "handout": "PDF document (*.pdf)"}  # fmt: skip


def last_folder() -> Path:
    folder = QSettings().value(LAST_FOLDER_KEY, "", str)
    if isinstance(folder, str) and folder and Path(folder).is_dir():
        return Path(folder)
    return EXPORTS_DIR


def remember_folder(path: Path) -> None:
    QSettings().setValue(LAST_FOLDER_KEY, str(path.parent))


def ask_export_path(parent: QWidget, fmt: str, suggested: Path) -> Path | None:
    """The native save dialog, starting in the last export folder."""
    chosen, _ = QFileDialog.getSaveFileName(
        parent, f"Export to {FORMAT_NAMES[fmt]}", str(suggested), FILTERS[fmt]
    )
    if not chosen:
        return None
    path = Path(chosen)
    extension = "." + FORMATS[fmt][0]
    if path.suffix.lower() == extension:
        return path  # the dialog itself asked before replacing it
    path = path.with_name(path.name + extension)
    if path.exists():  # the dialog checked the name without the extension
        answer = QMessageBox.question(
            parent, "Replace File?", f"{path.name} already exists. Replace it?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )  # fmt: skip
        if answer != QMessageBox.StandardButton.Yes:
            return None
    return path


def failure_sentence(exc: BaseException) -> str:
    """One plain sentence for a failed export; never a traceback."""
    if isinstance(exc, StoreError):
        return f"The export failed: {str(exc).rstrip('.')}."
    if isinstance(exc, PermissionError):
        return "The export failed: you do not have permission to write that file."
    if isinstance(exc, OSError):
        reason = exc.strerror or "the file could not be written"
        return f"The export failed: {reason.rstrip('.').lower()}."
    return "The export failed unexpectedly; the deck itself is unchanged."


def is_cancel(exc: BaseException) -> bool:
    return isinstance(exc, Cancelled)


def export_warnings(preview: DeckPreview) -> list[str]:
    """What the export about to run will warn of, each once, in slide order."""
    warnings = [w for page in preview.laid_slides for w in (*page.blocking, *page.warnings)]
    return list(dict.fromkeys([*warnings, *preview.warnings]))


def has_blocking(preview: DeckPreview) -> bool:
    """Whether the export will refuse (it then says why itself)."""
    return any(page.blocking for page in preview.laid_slides)


def warnings_notice(preview: DeckPreview) -> str:
    """What the export about to run will warn of, in one line (empty when nothing)."""
    warnings = export_warnings(preview)
    if not warnings:
        return ""
    more = f" (and {len(warnings) - 1} more)" if len(warnings) > 1 else ""
    return f"Exporting with {len(warnings)} warning{'s' * (len(warnings) > 1)}: {warnings[0]}{more}"


EXPORT_ANYWAY = "Export anyway"


def warnings_box(parent: QWidget, fmt: str, warnings: list[str]) -> QMessageBox:
    """The export's warnings, asked before anything is written: "Export anyway" or
    "Cancel" (the default; nothing is written). Window-modal and non-blocking: the caller
    connects ``finished`` and reads :func:`chose_export`."""
    count = len(warnings)
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        "Export with warnings?",
        f"The {FORMAT_NAMES[fmt]} export has {count} warning{'s' * (count > 1)}. "
        "Export anyway, or cancel and fix the deck first?",
        QMessageBox.StandardButton.NoButton,
        parent,
    )
    box.setTextFormat(Qt.TextFormat.PlainText)  # warnings quote titles the user typed
    box.setInformativeText("\n".join(f"• {w}" for w in warnings))
    box.addButton(EXPORT_ANYWAY, QMessageBox.ButtonRole.AcceptRole)
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(cancel)
    box.setEscapeButton(cancel)
    box.setObjectName("exportWarningsBox")
    box.setAccessibleName("Export with warnings?")
    box.setWindowModality(Qt.WindowModality.WindowModal)
    return box


def chose_export(box: QMessageBox) -> bool:
    """Whether the user answered the warnings box with "Export anyway"."""
    clicked = box.clickedButton()
    return clicked is not None and clicked.text() == EXPORT_ANYWAY


def result_box(parent: QWidget, result: ExportResult) -> QMessageBox:
    """A non-blocking message offering to open the file or its folder."""
    slides = f"{result.slides} slide{'s' if result.slides != 1 else ''}"
    details = f"Saved in {result.path.parent}."
    if result.warnings:
        count = len(result.warnings)
        details += f"\n\n{count} warning{'s' * (count > 1)}:\n" + "\n".join(
            f"• {w}" for w in result.warnings
        )
    box = offer_to_open(
        parent, "Export finished", f"Exported {slides} to {result.path.name}.", result.path, details
    )
    box.setObjectName("exportDoneBox")
    return box


def error_box(parent: QWidget, title: str, sentence: str) -> QMessageBox:
    box = QMessageBox(QMessageBox.Icon.Warning, title, sentence, QMessageBox.StandardButton.Ok,
                      parent)  # fmt: skip
    box.setTextFormat(Qt.TextFormat.PlainText)  # the sentence quotes names the user typed
    box.setObjectName("deckErrorBox")
    box.setAccessibleName(title)
    box.open()
    return box
