"""A deck editor widget as the main window would build it, for GUI tests."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from briefing_app.gui.commands import Operations
from briefing_app.gui.deck.editor import DeckEditor
from briefing_app.gui.events import StoreEvents
from briefing_app.gui.tasks import TaskRunner
from briefing_app.store.store import Store


def make_editor(qtbot, store: Store) -> DeckEditor:
    """A shown 1300×820 DeckEditor on ``store`` that owns its operations, events and tasks.

    Its questions are answered Yes and kept in ``editor.questions`` (no dialog blocks).
    """
    events = StoreEvents()
    editor = DeckEditor(store, Operations(store, events), TaskRunner())
    editor.questions = []  # type: ignore[attr-defined]
    editor.confirm = lambda title, text: editor.questions.append(text) is None
    for child in (editor.ops, events, editor.tasks):
        child.setParent(editor)
    qtbot.addWidget(editor)
    editor.resize(1300, 820)
    editor.show()
    return editor


def answer_export_warnings(qtbot, editor: DeckEditor, button: str) -> str:
    """Click ``button`` ("Export anyway" or "Cancel") in the warnings box the export shows
    before writing; returns the warnings it listed."""
    box = editor.export_box
    assert box is not None and box.objectName() == "exportWarningsBox"
    qtbot.waitUntil(box.isVisible)
    shown = box.informativeText()
    if button == "Cancel":
        clicked = box.button(QMessageBox.StandardButton.Cancel)
    else:
        clicked = next(b for b in box.buttons() if b.text() == button)
    qtbot.mouseClick(clicked, Qt.MouseButton.LeftButton)
    return shown
