"""A deck editor widget as the main window would build it, for GUI tests."""

from __future__ import annotations

from PySide6.QtGui import QUndoStack

from briefing_app.gui.deck.editor import DeckEditor
from briefing_app.gui.events import StoreEvents
from briefing_app.gui.tasks import TaskRunner
from briefing_app.store.store import Store


def make_editor(qtbot, store: Store) -> DeckEditor:
    """A shown 1300×820 DeckEditor on ``store`` that owns its undo stack, events and tasks."""
    editor = DeckEditor(store, QUndoStack(), TaskRunner(), StoreEvents())
    for child in (editor.undo_stack, editor.events, editor.tasks):
        child.setParent(editor)
    qtbot.addWidget(editor)
    editor.resize(1300, 820)
    editor.show()
    return editor
