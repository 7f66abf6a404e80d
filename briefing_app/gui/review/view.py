"""Review mode: the essay reader beside the review panel, plus the review report export."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QSplitter, QVBoxLayout, QWidget

from briefing_app.domain.errors import BriefingError
from briefing_app.gui.commands import LIBRARY, Operations
from briefing_app.gui.errors import report_unexpected
from briefing_app.gui.file_offer import offer_to_open
from briefing_app.gui.review.dialog import ArgumentDialog, ArgumentFields
from briefing_app.gui.review.panel import ReviewPanel
from briefing_app.gui.review.reader import ReaderView, SelectionSpan
from briefing_app.gui.tasks import TaskRunner
from briefing_app.paths import EXPORTS_DIR
from briefing_app.progress import Cancelled, Progress
from briefing_app.render.atomic import safe_filename
from briefing_app.services import commands, library
from briefing_app.services.arguments import perspectives
from briefing_app.services.reader import reader_document
from briefing_app.services.review import review_progress as count_reviewed
from briefing_app.store.changes import Changes
from briefing_app.store.errors import StoreError
from briefing_app.store.store import Store

SPLITTER_KEY = "review/splitter"
ARGUMENT_KEY = "review/argument"
REPORT_DIR_KEY = "review/report_dir"


class ReviewView(QWidget):
    """Reader + panel. The main window connects its actions to the public methods."""

    argumentSelected = Signal(int)  # the user picked an argument here (not via select_argument)
    statusMessage = Signal(str)

    def __init__(
        self,
        store: Store,
        operations: Operations,
        tasks: TaskRunner,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("reviewView")
        self.setAccessibleName("Review")
        self.store, self.ops, self.tasks = store, operations, tasks
        self.events = operations.events
        self.undo_stack = operations.stack(LIBRARY)  # edits of arguments: the library's
        self.argument_dialog: ArgumentDialog | None = None
        # Overridable for tests: ask for the report path; offer to open the written file.
        self.choose_report_path: Callable[[Path], Path | None] = self._ask_report_path
        self.offer_open: Callable[[Path], None] = self._offer_open
        # The handling marking the report carries on every page (the main window gives
        # the marking of the deck being briefed).
        self.marking_of: Callable[[], str] = lambda: ""

        self.reader = ReaderView(self)
        self.panel = ReviewPanel(store, operations, self)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("reviewSplitter")
        self.splitter.addWidget(self.reader)
        self.splitter.addWidget(self.panel)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([880, 520])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)
        self.setFocusProxy(self.reader)

        self.reader.argumentSelected.connect(self._picked)
        self.reader.newArgumentRequested.connect(self.new_argument)
        self.reader.statusMessage.connect(self.statusMessage)
        self.panel.statusMessage.connect(self.statusMessage)
        self.panel.editRequested.connect(self.edit_argument)
        self.panel.deleteRequested.connect(self.delete_argument)
        self.panel.navigateRequested.connect(self.step)
        self.events.changed.connect(self._store_changed)
        self.refresh()

    # --- showing ------------------------------------------------------------------------

    def refresh(self) -> None:
        """Re-read the essay, highlights, panel and progress from the store."""
        try:
            document = reader_document(self.store)
        except StoreError as exc:
            self.statusMessage.emit(str(exc))
            return
        self.reader.set_document(document)
        self.panel.refresh()
        if self.panel.argument_id is None and self.reader.current_argument() is not None:
            self.reader.set_current_argument(None, scroll=False)
        self.panel.set_progress(*count_reviewed(self.store))

    def _store_changed(self, changes: Changes, _origin: object) -> None:
        if changes.arguments or changes.reviews:
            self.refresh()

    def select_argument(self, argument_id: int) -> None:
        """Scroll the reader to the argument's highlight and load it in the panel."""
        self.reader.set_current_argument(argument_id)
        self.panel.load_argument(argument_id)

    def current_argument(self) -> int | None:
        return self.panel.argument_id

    def _picked(self, argument_id: int) -> None:
        self.select_argument(argument_id)
        self.argumentSelected.emit(argument_id)

    def step(self, delta: int) -> None:
        """Go to the previous (-1) or next (+1) highlighted argument in reading order."""
        ids = self.reader.argument_ids()
        if not ids:
            return
        current = self.panel.argument_id
        index = ids.index(current) + delta if current in ids else (0 if delta > 0 else -1)
        self._picked(ids[index % len(ids)])

    # --- user arguments -------------------------------------------------------------------

    def new_argument_from_selection(self) -> None:
        self.reader.request_new_argument()

    def new_argument(self, span: SelectionSpan) -> None:
        """Open the dialog for a new argument quoting ``span``; create it when accepted."""
        targets = [(a.id, f"{a.label} ({a.kind})") for a in library.arguments(self.store)]
        dialog = ArgumentDialog(
            self, quote=span.text, targets=targets, perspectives=perspectives(self.store)
        )
        dialog.accepted.connect(lambda: self._create(span, dialog.fields()))
        dialog.finished.connect(dialog.deleteLater)
        self.argument_dialog = dialog
        dialog.open()

    def _create(self, span: SelectionSpan, fields: ArgumentFields) -> int | None:
        command = commands.create_argument(
            paragraph_id=span.paragraph_id,
            start=span.start,
            end=span.end,
            label=fields.label,
            claim=fields.claim,
            kind=fields.kind,
            perspectives=list(fields.perspectives),
            relation=fields.relation,
        )
        if self._refused(command) or command.argument_id is None:
            return None
        argument_id = command.argument_id
        self.select_argument(argument_id)
        self.argumentSelected.emit(argument_id)
        self.statusMessage.emit(f"Argument “{fields.label}” created.")
        return argument_id

    def edit_argument(self, argument_id: int) -> None:
        try:
            record = library.argument(self.store, argument_id)
        except StoreError as exc:
            self._report_failure(str(exc))
            return
        if record.origin != "user":
            self._report_failure(
                f"“{record.label}” is curated: curated arguments are edited in the "
                "argument map file."
            )
            return
        initial = ArgumentFields(
            record.label, record.claim, record.kind, tuple(record.perspectives)
        )
        dialog = ArgumentDialog(
            self, quote=record.quote, initial=initial, perspectives=perspectives(self.store)
        )
        dialog.accepted.connect(lambda: self._save_edit(argument_id, initial, dialog.fields()))
        dialog.finished.connect(dialog.deleteLater)
        self.argument_dialog = dialog
        dialog.open()

    def _save_edit(self, argument_id: int, before: ArgumentFields, after: ArgumentFields) -> None:
        changes = {
            name: list(new) if name == "perspectives" else new
            for name in ("label", "claim", "kind", "perspectives")
            if (new := getattr(after, name)) != getattr(before, name)
        }
        if not changes:
            return
        if self._refused(commands.edit_argument(argument_id, after.label, **changes)):
            return
        self.statusMessage.emit(f"Argument “{after.label}” saved.")

    def delete_selected_user_argument(self) -> None:
        if self.panel.argument_id is None:
            self.statusMessage.emit("Select one of your arguments to delete it.")
            return
        self.delete_argument(self.panel.argument_id)

    def delete_argument(self, argument_id: int) -> bool:
        """Delete a user-made argument (undoable); curated ones are refused with a message."""
        try:
            label = library.argument(self.store, argument_id).label
        except StoreError as exc:
            self._report_failure(f"Cannot delete: {exc}")
            return False
        if self._refused(commands.delete_argument(argument_id, label)):
            return False
        self.statusMessage.emit(f"Argument “{label}” deleted (Undo brings it back).")
        return True

    def _refused(self, command: commands.Command) -> bool:
        """Run an undoable edit; on refusal show its sentence and say so."""
        sentence = self.ops.push(command, self)
        if sentence is not None:
            self._report_failure(sentence)
        return sentence is not None

    def _report_failure(self, message: str) -> None:
        self.statusMessage.emit(message)
        box = QMessageBox(QMessageBox.Icon.Information, "Review", message, parent=self)
        box.setObjectName("reviewMessage")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.last_message_box = box
        box.open()

    # --- report ---------------------------------------------------------------------------

    def _default_report_path(self) -> Path:
        folder = Path(str(QSettings().value(REPORT_DIR_KEY, "") or EXPORTS_DIR))
        docs = library.documents(self.store)
        title = docs[0].title.split(":")[0] if docs else "Essay"
        return folder / safe_filename(f"{title} – review report", "pdf")

    def _ask_report_path(self, suggested: Path) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(
            self, "Export Review Report", str(suggested), "PDF documents (*.pdf)"
        )
        if not name:
            return None
        path = Path(name)
        return path if path.suffix.lower() == ".pdf" else path.with_suffix(".pdf")

    def export_report(self) -> None:
        """Ask where, write the review report PDF in the background, then offer to open it."""
        path = self.choose_report_path(self._default_report_path())
        if path is None:
            return
        QSettings().setValue(REPORT_DIR_KEY, str(Path(path).parent))
        marking = self.marking_of()
        self.tasks.run(
            "Exporting the review report",
            lambda progress: _export_review_report(self.store, path, progress, marking),
            self._report_done,
            self._report_failed,
        )

    def _report_done(self, path: Path) -> None:
        self.last_report = Path(path)
        self.statusMessage.emit(f"Review report written to {path}.")
        self.offer_open(Path(path))

    def _report_failed(self, error: BaseException) -> None:
        if isinstance(error, Cancelled):
            self.statusMessage.emit("The review report export was cancelled.")
            return
        if isinstance(error, OSError):
            reason = error.strerror or str(error)
            message = f"The review report could not be written: {reason}."
        elif isinstance(error, BriefingError):
            message = f"The review report could not be written: {error.sentence}"
        else:  # a bug: logged and shown as such, never relabelled
            report_unexpected(error, "exporting the review report")
            self.statusMessage.emit("The review report could not be written: unexpected error.")
            return
        self.statusMessage.emit(message)
        box = QMessageBox(QMessageBox.Icon.Warning, "Export Review Report", message, parent=self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.last_message_box = box
        box.open()

    def _offer_open(self, path: Path) -> None:
        box = offer_to_open(
            self, "Export Review Report", f"The review report was saved as {path.name}.", path
        )
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.last_message_box = box

    # --- state ----------------------------------------------------------------------------

    def save_state(self, settings: QSettings) -> None:
        settings.setValue(SPLITTER_KEY, self.splitter.saveState())
        if self.panel.argument_id is not None:
            settings.setValue(ARGUMENT_KEY, self.panel.argument_id)
        else:
            settings.remove(ARGUMENT_KEY)

    def restore_state(self, settings: QSettings) -> None:
        state = settings.value(SPLITTER_KEY)
        if state:
            self.splitter.restoreState(state)
        argument = settings.value(ARGUMENT_KEY)
        try:
            argument_id = int(argument) if argument is not None else None
        except (TypeError, ValueError):
            argument_id = None
        if argument_id is not None:
            self.select_argument(argument_id)


def _export_review_report(store: Store, path: Path, progress: Progress, marking: str) -> Path:
    """The report writer, imported on first use (reportlab is not needed to start)."""
    from briefing_app.render.review_report import export_review_report

    return export_review_report(store, path, progress, marking=marking)
