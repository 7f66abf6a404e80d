"""Undo per deck through the real Ctrl+Z, and panels refreshed by the one ``changed`` signal."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt

from briefing_app.cli import main
from briefing_app.gui.main_window import DEFAULT_DECK, MainWindow
from briefing_app.services import decks, history

OTHER = "Other deck"


@pytest.fixture
def window(qtbot, deck_store):
    decks.duplicate_deck(deck_store, DEFAULT_DECK, OTHER)
    win = MainWindow(deck_store)
    qtbot.addWidget(win)
    win.resize(1400, 900)
    win.open_initial_deck(DEFAULT_DECK)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    return win


def _type_title(qtbot, win: MainWindow, text: str) -> int:
    """Give the current slide a title as a user does: F2, type, Return; its id."""
    editor = win.deck_editor
    editor.select_slide(editor.preview.slides[2].record.id)
    editor.canvas.setFocus()
    qtbot.keyClick(editor.canvas, Qt.Key.Key_F2)
    assert editor.canvas.is_editing()
    editor.canvas.editor.selectAll()
    qtbot.keyClicks(editor.canvas.editor, text)
    qtbot.keyClick(editor.canvas.editor, Qt.Key.Key_Return)
    return editor.current_slide().record.id


def _open(qtbot, win: MainWindow, name: str) -> None:
    """Pick a deck in the editor's deck list, as a user does."""
    combo = win.deck_editor.deck_list.combo
    combo.setCurrentIndex(combo.findText(name))
    combo.activated.emit(combo.currentIndex())
    assert win.deck_editor.current_deck() == name


def _ctrl_z(qtbot, win: MainWindow) -> None:
    qtbot.keyClick(win.deck_editor.strip, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)


def _title(win: MainWindow, slide_id: int) -> str:
    return decks.slide_snapshot(win.store, slide_id).title


def test_ctrl_z_undoes_only_the_deck_being_viewed(qtbot, window) -> None:
    first = _type_title(qtbot, window, "Edited in the default deck")
    _open(qtbot, window, OTHER)
    second = _type_title(qtbot, window, "Edited in the other deck")
    _open(qtbot, window, DEFAULT_DECK)
    assert window.undo_action.text().endswith("Edit title")
    _ctrl_z(qtbot, window)
    assert _title(window, first) != "Edited in the default deck"
    assert _title(window, second) == "Edited in the other deck"  # the other deck kept it
    assert window.deck_editor.current_deck() == DEFAULT_DECK  # and we did not jump there
    assert not window.undo_action.isEnabled()  # nothing more to undo in this deck
    _open(qtbot, window, OTHER)
    assert window.undo_action.isEnabled()
    _ctrl_z(qtbot, window)
    assert _title(window, second) != "Edited in the other deck"
    assert window.deck_editor.current_slide().record.title == _title(window, second)


def test_an_edit_re_lays_out_only_its_slide_and_the_strip_keeps_the_rest(qtbot, window):
    editor = window.deck_editor
    before = editor.preview
    laid = editor.previewer.laid
    slide_id = _type_title(qtbot, window, "Only this slide changes")
    assert editor.previewer.laid == laid + 1
    after = editor.preview
    changed = [a.record.id for a, b in zip(after.slides, before.slides, strict=True) if a is not b]
    assert changed == [slide_id]
    assert editor.current_slide().record.title == "Only this slide changes"


def test_an_edit_repaints_its_page_and_its_thumbnail_alone(qtbot, window) -> None:
    """Return in the title editor repaints the canvas's page and the edited slide's row
    of the strip (its thumbnail redrawn), and nothing else of the editor."""
    from PySide6.QtCore import QEvent, QObject, QRect
    from PySide6.QtWidgets import QWidget

    editor = window.deck_editor
    strip, canvas = editor.strip, editor.canvas
    painted: dict[str, list[QRect]] = {}

    class Paints(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                name = "strip" if watched is strip.viewport() else watched.objectName()
                painted.setdefault(name, []).append(event.rect())  # type: ignore[attr-defined]
            return False

    watcher = Paints()
    watched = [strip.viewport(), canvas, *editor.findChildren(QWidget, "deckCombo")]
    for widget in watched:
        widget.installEventFilter(watcher)
    editor.select_slide(editor.preview.slides[2].record.id)
    canvas.setFocus()  # the strip repaints as it loses focus: not the edit's doing
    for _ in range(20):  # until everything has painted what it had to
        painted.clear()
        qtbot.wait(100)
        if not painted:
            break
    qtbot.keyClick(canvas, Qt.Key.Key_F2)
    qtbot.keyClicks(canvas.editor, "One thumbnail")
    qtbot.wait(20)
    drawn = strip.cache.renders
    painted.clear()
    qtbot.keyClick(canvas.editor, Qt.Key.Key_Return)
    slide_id = editor.current_slide().record.id
    assert editor.current_slide().record.title.endswith("One thumbnail")
    qtbot.waitUntil(lambda: strip.cache.renders > drawn)
    qtbot.wait(50)
    for widget in watched:
        widget.removeEventFilter(watcher)
    assert strip.cache.renders == drawn + 1
    row = strip.visualRect(strip.slide_model.index(strip.slide_model.row_of(slide_id)))
    assert all(row.contains(rect) for rect in painted["strip"]), (row, painted)
    page = canvas.page_rect().toAlignedRect()
    assert all(page.contains(rect) for rect in painted["slideCanvas"]), (page, painted)
    assert "deckCombo" not in painted  # focus went straight back to the canvas
    assert canvas.hasFocus()


def test_an_edit_shows_what_another_client_changed_on_that_slide(qtbot, window) -> None:
    """The refresh after an edit reads the slide from the store, so another client's
    change to it (here: new speaker notes and a new point) shows with the edit."""
    editor = window.deck_editor
    slide_id = editor.preview.slides[2].record.id
    decks.update_slide(window.store, slide_id, notes="Their notes")  # another client
    decks.add_item(window.store, slide_id, text="Their point")
    _type_title(qtbot, window, "My title")
    shown = editor.current_slide().record
    assert shown.id == slide_id and shown.title == "My title"
    assert shown.notes == "Their notes"
    assert "Their point" in [i.text for i in shown.items]


def test_an_edit_made_in_the_app_is_undone_from_the_command_line(qtbot, window, capsys):
    slide_id = _type_title(qtbot, window, "Typed in the app")
    assert [s.label for s in history.steps(window.store, window.deck_editor.current_deck_id())]
    assert main(["--db", window.store.location, "undo", DEFAULT_DECK]) == 0
    assert "Undid “Edit title”" in capsys.readouterr().out
    assert _title(window, slide_id) != "Typed in the app"


def test_undo_after_someone_else_changed_the_slide_is_refused(qtbot, window) -> None:
    slide_id = _type_title(qtbot, window, "Mine")
    decks.update_slide(window.store, slide_id, title="Theirs")  # another client
    messages: list[str] = []
    window.deck_editor.statusMessage.connect(messages.append)
    _ctrl_z(qtbot, window)
    assert _title(window, slide_id) == "Theirs"
    assert any("Someone else has changed this slide" in m for m in messages), messages
    assert window.deck_editor.current_slide().record.title == "Theirs"  # shown as stored


def test_a_review_refreshes_the_library_and_details_through_changed(qtbot, window) -> None:
    window.actions_by_id["show_review"].trigger()
    review = window.review
    argument_id = review.reader.argument_ids()[0]
    review.select_argument(argument_id)
    window.detail.show_source("argument", argument_id)
    button = review.panel.status_buttons["disputed"]
    with qtbot.waitSignal(window.events.changed) as blocker:
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=QPoint(8, button.height() // 2))
    changes, origin = blocker.args
    assert changes.reviews == {argument_id} and origin.initiator is review.panel
    index = window.library.tree_model.index_of(argument_id)
    status = index.sibling(index.row(), 2)
    assert status.data(Qt.ItemDataRole.AccessibleTextRole) == "Disputed"
    assert "Disputed" in window.detail.html


def test_editing_an_argument_in_review_refreshes_only_the_slides_showing_it(qtbot, window):
    from briefing_app.services import arguments, library

    paragraph = library.paragraphs(window.store)[4]
    made = arguments.create_argument(window.store, paragraph_id=paragraph.id, start=0, end=25,
                                     label="Mine", claim="My first claim", kind="premise",
                                     perspectives=[]).value  # fmt: skip
    editor = window.deck_editor
    slide_id = editor.preview.slides[4].record.id
    decks.add_item(window.store, slide_id, source_kind="argument", source_id=made)
    editor.reload()
    laid = editor.previewer.laid
    window.actions_by_id["show_review"].trigger()
    window.review.select_argument(made)
    qtbot.mouseClick(window.review.panel.edit_button, Qt.MouseButton.LeftButton)
    dialog = window.review.argument_dialog
    dialog.claim_edit.setPlainText("My better claim")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    item = next(i for i in editor.preview.slide(slide_id).record.items if i.source_id == made)
    assert item.source_text == "My better claim" and item.differs_from_source
    assert editor.previewer.laid - laid <= 2  # that slide (and a map slide, if any)


def test_ctrl_z_in_review_undoes_the_argument_edit_not_the_deck_edit(qtbot, window) -> None:
    from briefing_app.services import arguments, library

    slide_id = _type_title(qtbot, window, "Deck edit stays")
    paragraph = library.paragraphs(window.store)[6]
    made = arguments.create_argument(window.store, paragraph_id=paragraph.id, start=0, end=20,
                                     label="Before", claim="c", kind="premise",
                                     perspectives=[]).value  # fmt: skip
    window.actions_by_id["show_review"].trigger()
    review = window.review
    review.select_argument(made)
    qtbot.mouseClick(review.panel.edit_button, Qt.MouseButton.LeftButton)
    review.argument_dialog.label_edit.setText("After")
    qtbot.mouseClick(review.argument_dialog.ok_button, Qt.MouseButton.LeftButton)
    assert library.argument(window.store, made).label == "After"
    qtbot.keyClick(review.reader, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert library.argument(window.store, made).label == "Before"
    assert _title(window, slide_id) == "Deck edit stays"
    window.actions_by_id["show_slides"].trigger()
    _ctrl_z(qtbot, window)
    assert _title(window, slide_id) != "Deck edit stays"
