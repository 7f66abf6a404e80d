"""Speaker notes of the current slide: typing is saved after a short pause, undoably."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QVBoxLayout, QWidget

NOTES_DEBOUNCE_MS = 500


class _NotesEdit(QPlainTextEdit):
    focusLost = Signal()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.focusLost.emit()


class NotesPanel(QWidget):
    """A label and a plain-text editor; ``notesEdited`` fires debounced with a merge key."""

    notesEdited = Signal(int, str, object)  # slide id, text, merge key

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("notesPanel")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 8)
        layout.setSpacing(4)
        self.label = QLabel("Speaker &notes", self)
        self.label.setObjectName("notesLabel")
        self.edit = _NotesEdit(self)
        self.edit.setObjectName("notesEdit")
        self.edit.setAccessibleName("Speaker notes")
        self.edit.setPlaceholderText("Speaker notes for this slide")
        self.edit.setTabChangesFocus(True)
        self.label.setBuddy(self.edit)
        layout.addWidget(self.label)
        layout.addWidget(self.edit, 1)
        self.setStyleSheet(
            "QWidget#notesPanel { background: #FAFAFB; }"
            " QLabel#notesLabel { color: #595959; font-weight: bold; }"
            " QPlainTextEdit#notesEdit { background: white; border: 1px solid #D0D3D8;"
            " border-radius: 3px; padding: 4px; }"
        )
        self._slide_id: int | None = None
        self._sent = ""
        self._session = 0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(NOTES_DEBOUNCE_MS)
        self._timer.timeout.connect(self.flush)
        self.edit.textChanged.connect(self._timer.start)
        self.edit.focusLost.connect(self._end_session)

    def show_notes(self, slide_id: int | None, text: str) -> None:
        """Show the slide's stored notes (unchanged text is left alone: cursor stays)."""
        if slide_id != self._slide_id:
            self.flush()
            self._session += 1
        self._slide_id = slide_id
        self.edit.setEnabled(slide_id is not None)
        if self._timer.isActive() and slide_id == self._slide_id:
            return  # the user is typing; their text wins and is about to be saved
        self._sent = text
        if self.edit.toPlainText() != text:
            self.edit.blockSignals(True)
            self.edit.setPlainText(text)
            self.edit.blockSignals(False)

    def flush(self) -> None:
        """Save typed notes now."""
        self._timer.stop()
        text = self.edit.toPlainText()
        if self._slide_id is not None and text != self._sent:
            self._sent = text
            self.notesEdited.emit(self._slide_id, text, ("notes", self._slide_id, self._session))

    def _end_session(self) -> None:
        self.flush()
        self._session += 1  # the next typing is a new undo step

    def focus(self) -> None:
        self.edit.setFocus(Qt.FocusReason.OtherFocusReason)
