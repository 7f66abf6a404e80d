"""Trials: stored text reaches Qt as plain text (issue 14, part 6).

Qt renders any string that "might be rich text" as HTML. A review's author and comment,
and deck names quoted in the "new deck" clash message, are text people typed or a store
someone sent carried; they must show exactly as typed, markup and all.
"""

from __future__ import annotations

from deck_editor_support import make_editor
from PySide6 import QtGui
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QApplication, QMessageBox

from briefing_app.gui.commands import Operations
from briefing_app.gui.events import StoreEvents
from briefing_app.gui.review import ReviewView
from briefing_app.gui.tasks import TaskRunner
from briefing_app.services import decks
from briefing_app.services.review import add_review
from briefing_app.store.store import open_store

MARKUP = '<b>Đukić</b> <img src="http://example.org/x.png"> &amp; <a href="x">Vučić</a>'


def _as_qt_shows(text: str) -> str:
    """What a tooltip or label shows for ``text``: rich text is parsed as HTML."""
    if QtGui.Qt.mightBeRichText(text):
        doc = QTextDocument()
        doc.setHtml(text)
        return doc.toPlainText()
    return text


def test_review_history_tooltip_shows_author_and_comment_as_typed(qtbot, essay_store_path) -> None:
    store = open_store(essay_store_path)
    try:
        events = StoreEvents()
        view = ReviewView(store, Operations(store, events), TaskRunner())
        qtbot.addWidget(view)
        view.show()
        argument_id = view.reader.argument_ids()[0]
        add_review(store, argument_id, "disputed", f"comment {MARKUP}", f"author {MARKUP}")
        view.select_argument(argument_id)
        history = view.panel.history
        tips = [history.item(i).toolTip() for i in range(history.count())]
        shown = [_as_qt_shows(tip) for tip in tips]
        assert any(f"author {MARKUP}" in s and f"comment {MARKUP}" in s for s in shown), shown
    finally:
        store.close()


def test_new_deck_name_clash_message_is_plain_text(qtbot, essay_store) -> None:
    name = f"Deck {MARKUP}"
    decks.create_deck(essay_store, name)
    editor = make_editor(qtbot, essay_store)
    editor.ask_text = lambda title, label, default: name
    editor.new_deck()
    boxes = [w for w in QApplication.topLevelWidgets() if w.objectName() == "deckErrorBox"]
    assert boxes, "the clash must be shown"
    box = boxes[-1]
    assert isinstance(box, QMessageBox)
    assert box.textFormat() == Qt.TextFormat.PlainText
    assert name in box.text() and "already exists" in box.text()
    box.close()
