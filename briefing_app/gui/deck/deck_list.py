"""The deck picker: a combo box of decks and a New button whose menu renames, duplicates
and deletes."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMenu,
    QSizePolicy,
    QToolButton,
    QWidget,
)


class DeckList(QWidget):
    """Shows the decks; choosing one emits ``deckChosen``; commands emit ``requested``."""

    deckChosen = Signal(str)
    requested = Signal(str)  # "new" | "rename" | "duplicate" | "delete"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("deckList")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        label = QLabel("&Deck:", self)
        self.combo = QComboBox(self)
        self.combo.setObjectName("deckCombo")
        self.combo.setAccessibleName("Deck")
        self.combo.setToolTip("The deck being edited")
        self.combo.setMinimumContentsLength(8)
        self.combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        label.setBuddy(self.combo)
        # Grows with the room there is (a long deck name shows in full on a wide window).
        self.combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.combo.setMaximumWidth(self.combo.fontMetrics().horizontalAdvance("x" * 40))
        layout.addWidget(label)
        layout.addWidget(self.combo, 1)
        # "New…" as a button; Rename, Duplicate and Delete in its menu (keeps the bar slim).
        self.button = QToolButton(self)
        self.button.setObjectName("deckMenuButton")
        self.button.setText("New…")
        self.button.setToolTip("New deck; the arrow offers Rename, Duplicate and Delete")
        self.button.setAccessibleName("New deck, and more deck commands")
        self.button.setAutoRaise(True)
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        menu = QMenu(self.button)
        menu.setAccessibleName("Deck commands")
        self.actions_by_id: dict[str, QAction] = {}
        for key, text, tip in (
            ("new", "New Deck…", "Create a new, empty deck"),
            ("rename", "Rename Deck…", "Rename this deck"),
            ("duplicate", "Duplicate Deck…", "Copy this deck"),
            ("delete", "Delete Deck…", "Delete this deck (asks first)"),
        ):
            action = menu.addAction(text)
            action.setObjectName(f"deck_{key}")
            action.setToolTip(tip)
            action.triggered.connect(lambda _=False, k=key: self.requested.emit(k))
            self.actions_by_id[key] = action
        self.button.setMenu(menu)
        self.button.clicked.connect(lambda: self.requested.emit("new"))
        layout.addWidget(self.button)
        self.combo.activated.connect(lambda i: self.deckChosen.emit(self.combo.itemText(i)))

    def use_actions(self, actions: list[QAction]) -> None:
        """Show the window's own deck actions in the menu (one QAction per command, so
        text, shortcut and enabled state agree everywhere); the button runs the first."""
        menu = self.button.menu()
        menu.clear()
        menu.addActions(actions)
        self.actions_by_id = {a.objectName().removeprefix("action_"): a for a in actions}
        self.button.clicked.disconnect()
        self.button.clicked.connect(lambda _=False: actions[0].trigger())

    def set_decks(self, names: list[str], current: str | None) -> None:
        self.combo.blockSignals(True)
        self.combo.clear()
        self.combo.addItems(names)
        if current in names:
            self.combo.setCurrentIndex(names.index(current))
        self.combo.blockSignals(False)
        for action in list(self.actions_by_id.values())[1:]:
            action.setEnabled(current is not None)

    def names(self) -> list[str]:
        return [self.combo.itemText(i) for i in range(self.combo.count())]
