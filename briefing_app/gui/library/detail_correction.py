"""The small dialog a reviewer uses to add, edit or remove a record's correction."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from briefing_app.services.corrections import CorrectionRecord

KINDS = (("correction", "Correction"), ("caveat", "Caveat"))


class CorrectionDialog(QDialog):
    """Text, kind and (for an event) the corrected date; ``removed`` when Remove is pressed."""

    def __init__(
        self, target_kind: str, existing: CorrectionRecord | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("correctionDialog")
        self.setWindowTitle(f"{'Edit' if existing else 'Add'} a correction to this {target_kind}")
        self.removed = False
        form = QFormLayout(self)
        note = QLabel("The essay stays as it is; the correction is shown beside it, in speaker "
                      "notes and in the handout.")  # fmt: skip
        note.setWordWrap(True)
        form.addRow(note)
        self.kind = QComboBox(self)
        self.kind.setObjectName("correctionKind")
        for value, text in KINDS:
            self.kind.addItem(text, value)
        form.addRow("Kind", self.kind)
        self.text = QPlainTextEdit(self)
        self.text.setObjectName("correctionText")
        self.text.setPlaceholderText("The essay says 19 October; it was on 17 October 2025.")
        self.text.setTabChangesFocus(True)
        form.addRow("Text", self.text)
        self.date = QLineEdit(self)
        self.date.setObjectName("correctionDate")
        self.date.setPlaceholderText("YYYY, YYYY-MM or YYYY-MM-DD")
        self.approximate = QCheckBox("Approximate (shown as “c. 2014”)", self)
        self.approximate.setObjectName("correctionApproximate")
        if target_kind == "event":
            form.addRow("Corrected date", self.date)
            form.addRow("", self.approximate)
        else:
            self.date.hide()
            self.approximate.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        if existing is not None:
            remove = QPushButton("Remove", self)
            remove.setObjectName("correctionRemove")
            buttons.addButton(remove, QDialogButtonBox.ButtonRole.DestructiveRole)
            remove.clicked.connect(self._remove)
            self.kind.setCurrentIndex(max(0, self.kind.findData(existing.kind)))
            self.text.setPlainText(existing.text)
            self.date.setText(existing.date or "")
            self.approximate.setChecked(existing.precision == "approximate")
        form.addRow(buttons)
        self.buttons = buttons

    def _remove(self) -> None:
        self.removed = True
        self.accept()

    def values(self) -> tuple[str, str, str | None]:
        """(kind, text, corrected date or None)."""
        return self.kind.currentData(), self.text.toPlainText(), self.date.text().strip() or None

    def precision(self) -> str | None:
        """The precision: "approximate" when ticked (with a date), else the date's own."""
        return "approximate" if self.approximate.isChecked() and self.date.text().strip() else None
