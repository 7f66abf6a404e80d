"""The dialog for a new (or edited) user argument: label, claim, kind, perspectives, relation."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from briefing_app.domain.vocabulary import (
    ARGUMENT_KINDS,
    RELATION_KINDS,
    RELATION_LABELS,
    Perspective,
)


@dataclass(frozen=True)
class ArgumentFields:
    label: str
    claim: str
    kind: str
    perspectives: tuple[str, ...]
    relation: tuple[str, int] | None = None


class ArgumentDialog(QDialog):
    """Fill in an argument; ``fields()`` holds the answer after ``accepted``."""

    def __init__(
        self,
        parent: QWidget | None,
        *,
        quote: str,
        initial: ArgumentFields | None = None,
        targets: list[tuple[int, str]] | None = None,
        perspectives: Sequence[Perspective] = (),
    ) -> None:
        super().__init__(parent)
        editing = initial is not None
        self.setObjectName("argumentDialog")
        self.setWindowTitle("Edit Argument" if editing else "New Argument from Selection")
        self.setAccessibleName(self.windowTitle())
        self.setMinimumWidth(520)

        shown = quote if len(quote) <= 400 else quote[:399] + "…"
        quote_label = QLabel(f"“{shown}”")
        quote_label.setWordWrap(True)
        quote_label.setTextFormat(Qt.TextFormat.PlainText)
        quote_label.setObjectName("argumentQuote")
        quote_label.setAccessibleName("Quotation")
        quote_label.setStyleSheet("color: #4A525A; font-style: italic;")

        self.label_edit = QLineEdit()
        self.label_edit.setObjectName("argumentLabel")
        self.label_edit.setAccessibleName("Label")
        self.label_edit.setPlaceholderText("A short name, e.g. “Serbia gains from NATO”")
        self.label_edit.setMaxLength(300)
        self.claim_edit = QPlainTextEdit()
        self.claim_edit.setObjectName("argumentClaim")
        self.claim_edit.setAccessibleName("Claim")
        self.claim_edit.setTabChangesFocus(True)
        self.claim_edit.setFixedHeight(90)
        self.kind_combo = QComboBox()
        self.kind_combo.setObjectName("argumentKind")
        self.kind_combo.setAccessibleName("Kind")
        for kind in ARGUMENT_KINDS:
            self.kind_combo.addItem(kind.capitalize(), kind)

        # The document's perspectives (its argument map declares them), plus any the
        # argument already has that the map no longer declares, so an edit keeps them.
        offered = list(perspectives)
        kept = [key for key in (initial.perspectives if initial else ()) if key not in
                {p.key for p in offered}]  # fmt: skip
        offered += [Perspective(key, key) for key in kept]
        perspective_grid = QWidget()
        grid = QGridLayout(perspective_grid)
        grid.setContentsMargins(0, 0, 0, 0)
        self.perspective_boxes: dict[str, QCheckBox] = {}
        for i, perspective in enumerate(offered):
            box = QCheckBox(perspective.name)
            box.setObjectName(f"perspective_{perspective.key}")
            box.setAccessibleName(f"Perspective {perspective.name}")
            grid.addWidget(box, i // 3, i % 3)
            self.perspective_boxes[perspective.key] = box
        if not offered:
            grid.addWidget(QLabel("None declared in the argument map"), 0, 0)

        form = QFormLayout()
        form.addRow("&Label:", self.label_edit)
        form.addRow("&Claim:", self.claim_edit)
        form.addRow("&Kind:", self.kind_combo)
        form.addRow("Perspectives:", perspective_grid)

        self.relation_combo = QComboBox()
        self.target_combo = QComboBox()
        if not editing:
            self.relation_combo.setObjectName("argumentRelation")
            self.relation_combo.setAccessibleName("Relation to another argument")
            self.relation_combo.addItem("No relation", None)
            for kind in RELATION_KINDS:
                self.relation_combo.addItem(RELATION_LABELS[kind].capitalize(), kind)
            self.target_combo.setObjectName("argumentTarget")
            self.target_combo.setAccessibleName("Related argument")
            for argument_id, label in targets or []:
                self.target_combo.addItem(label, argument_id)
            self.target_combo.setEnabled(False)
            self.relation_combo.currentIndexChanged.connect(self._update)
            form.addRow("&Relation:", self.relation_combo)
            form.addRow("&To argument:", self.target_combo)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("Save" if editing else "Create Argument")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(quote_label)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

        if initial is None:
            self.claim_edit.setPlainText(quote)
            self.kind_combo.setCurrentIndex(self.kind_combo.findData("premise"))
        else:
            self.label_edit.setText(initial.label)
            self.claim_edit.setPlainText(initial.claim)
            self.kind_combo.setCurrentIndex(max(0, self.kind_combo.findData(initial.kind)))
            for key in initial.perspectives:
                if key in self.perspective_boxes:
                    self.perspective_boxes[key].setChecked(True)
        self.label_edit.textChanged.connect(self._update)
        self.claim_edit.textChanged.connect(self._update)
        self._update()
        self.label_edit.setFocus()

    def _update(self) -> None:
        relation = self.relation_combo.currentData()
        self.target_combo.setEnabled(relation is not None and self.target_combo.count() > 0)
        ready = bool(self.label_edit.text().strip() and self.claim_edit.toPlainText().strip())
        self.ok_button.setEnabled(ready and (relation is None or self.target_combo.count() > 0))

    def fields(self) -> ArgumentFields:
        relation_kind = self.relation_combo.currentData()
        target = self.target_combo.currentData()
        relation = (relation_kind, int(target)) if relation_kind and target is not None else None
        return ArgumentFields(
            label=self.label_edit.text().strip(),
            claim=self.claim_edit.toPlainText().strip(),
            kind=self.kind_combo.currentData(),
            perspectives=tuple(k for k, box in self.perspective_boxes.items() if box.isChecked()),
            relation=relation,
        )
