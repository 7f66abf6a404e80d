"""Deck › Properties…: the cover's title, subtitle, author or unit, date and distribution
line, and the handling marking printed on every page.

The marking is picked from a list (the standard markings, those other decks carry, and
any the user typed before) or typed. The dialog only collects values; the main window
makes the change through one undoable core command.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from briefing_app.services.decks import PROPERTY_FIELDS, PROPERTY_LIMITS, DeckRecord

CUSTOM_MARKINGS_KEY = "deck/custom_markings"
NO_MARKING = "(none)"
OUR_TEMPLATE = "Briefing (our own)"


def remembered_markings() -> list[str]:
    """Markings the user typed in this dialog before (newest first)."""
    value = QSettings().value(CUSTOM_MARKINGS_KEY, [])
    return [str(v) for v in (value if isinstance(value, list) else [value]) if v]


def remember_marking(marking: str, known: list[str]) -> None:
    """Offer a typed marking in the list from now on."""
    if marking and marking not in known:
        kept = [marking, *[m for m in remembered_markings() if m != marking]][:20]
        QSettings().setValue(CUSTOM_MARKINGS_KEY, kept)


class DeckPropertiesDialog(QDialog):
    """Edits one deck's properties; :meth:`changes` says which ones the user changed."""

    def __init__(
        self,
        deck: DeckRecord,
        markings: list[str],
        parent: QWidget | None = None,
        templates: list[str] | None = None,
        template: str | None = None,
        add_template: Callable[[Path], str | None] | None = None,
    ):
        super().__init__(parent)
        self.setObjectName("deckPropertiesDialog")
        self.setWindowTitle(f"Deck Properties — {deck.name}")
        self.setAccessibleName("Deck properties")
        self.deck = deck
        self.fields: dict[str, QLineEdit] = {}
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.form = form
        rows = (
            ("title", "&Title:", "The deck's title, on the cover and in the footer"),
            ("subtitle", "S&ubtitle:", "The line under the title on the cover"),
            ("author", "&Author or unit:", "Who presents it, e.g. Policy unit"),
            ("date_label", "&Date:", "The date as the cover shows it"),
            ("distribution", "Di&stribution:", "Who it is for, e.g. private offices"),
        )  # fmt: skip
        for name, label, tip in rows:
            edit = QLineEdit(getattr(deck, name) or "", self)
            edit.setObjectName(f"deck_{name}")
            edit.setAccessibleName(label.replace("&", "").rstrip(":"))
            edit.setToolTip(tip)
            edit.setPlaceholderText(tip)
            if name in PROPERTY_LIMITS:
                edit.setMaxLength(PROPERTY_LIMITS[name])
            edit.setCursorPosition(0)  # a long title reads from its start, not its end
            self.fields[name] = edit
            if name == "date_label":
                today = QPushButton("T&oday", self)
                today.setObjectName("deckDateToday")
                today.setAccessibleName("Set the date to today")
                today.clicked.connect(lambda: self.fields["date_label"].setText(_today()))
                row = QHBoxLayout()
                row.addWidget(edit, 1)
                row.addWidget(today)
                caption = QLabel(label, self)
                caption.setBuddy(edit)
                form.addRow(caption, row)
            else:
                form.addRow(label, edit)
        self.marking = QComboBox(self)
        self.marking.setObjectName("deck_marking")
        self.marking.setAccessibleName("Marking")
        self.marking.setEditable(True)
        self.marking.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.marking.setToolTip(
            "Printed at the top and bottom of every slide and page; pick one or type your own"
        )
        self.known_markings = [m for m in dict.fromkeys([*markings, *remembered_markings()])]
        self.marking.addItems([NO_MARKING, *self.known_markings])
        self.marking.setCurrentText(deck.marking or NO_MARKING)
        marking_edit = self.marking.lineEdit()  # the box is editable, so it has one
        if marking_edit is not None:
            marking_edit.setMaxLength(PROPERTY_LIMITS["marking"])
        form.addRow("&Marking:", self.marking)
        self.stored_template = template
        self.template = QComboBox(self)
        self.template.setObjectName("deck_template")
        self.template.setAccessibleName("PowerPoint template")
        self.template.setToolTip("The house PowerPoint template the deck exports in")
        self.template.addItems([OUR_TEMPLATE, *(templates or [])])
        self.template.setCurrentText(template or OUR_TEMPLATE)
        # Add…: store a .pptx/.potx (checked first; a bad file is one sentence) and pick it
        self.adder = add_template
        self.choose_template_file: Callable[[], Path | None] = self._ask_template_file
        self.add_template_button = QPushButton("Add…", self)
        self.add_template_button.setObjectName("deckAddTemplate")
        self.add_template_button.setAccessibleName("Add a house PowerPoint template")
        self.add_template_button.setToolTip(
            "Store a ministry's .pptx or .potx template and use it for this deck"
        )
        self.add_template_button.setEnabled(add_template is not None)
        self.add_template_button.clicked.connect(self._add_template)
        template_row = QHBoxLayout()
        template_row.addWidget(self.template, 1)
        template_row.addWidget(self.add_template_button)
        template_caption = QLabel("&PowerPoint template:", self)
        template_caption.setBuddy(self.template)
        form.addRow(template_caption, template_row)
        hint = QLabel("Changes can be undone with Ctrl+Z.", self)
        hint.setStyleSheet("color: #595959;")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(buttons)
        self.resize(560, self.sizeHint().height())

    def values(self) -> dict[str, str | None]:
        """Every property as the dialog shows it (a marking of "(none)" is None)."""
        values: dict[str, str | None] = {n: e.text().strip() for n, e in self.fields.items()}
        marking = " ".join(self.marking.currentText().split())
        values["marking"] = None if marking in ("", NO_MARKING) else marking
        return {name: values[name] for name in PROPERTY_FIELDS}

    def changes(self) -> dict[str, str | None]:
        """The properties the user changed, with their new values."""
        stored = {name: getattr(self.deck, name) for name in PROPERTY_FIELDS}
        stored["marking"] = stored["marking"] or None
        return {name: value for name, value in self.values().items() if value != stored[name]}

    def _ask_template_file(self) -> Path | None:
        chosen, _ = QFileDialog.getOpenFileName(
            self,
            "Add a House PowerPoint Template",
            "",
            "PowerPoint templates (*.potx *.pptx);;All files (*)",
        )
        return Path(chosen) if chosen else None

    def _add_template(self) -> None:
        path = self.choose_template_file()
        if path is None or self.adder is None:
            return
        name = self.adder(path)  # None: refused (the sentence is shown) and nothing stored
        if name is None:
            return
        if self.template.findText(name) < 0:
            self.template.addItem(name)
        self.template.setCurrentText(name)

    def template_change(self) -> tuple[bool, str | None]:
        """Whether the user picked another template, and which (None: our own)."""
        picked = self.template.currentText()
        chosen = None if picked == OUR_TEMPLATE else picked
        return chosen != self.stored_template, chosen

    def accept(self) -> None:
        marking = self.values()["marking"]
        if marking:
            remember_marking(marking, self.known_markings)
        super().accept()


def _today() -> str:
    today = date.today()
    return f"{today.day} {today:%B %Y}"
