"""The deck editor driven through its real widgets: drops, reordering, editing, undo, export."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from deck_editor_support import answer_export_warnings, make_editor
from PySide6.QtCore import QMimeData, QPoint, QPointF, QSettings, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QMessageBox

from briefing_app.bench.synthetic import synthetic_deck, synthetic_store
from briefing_app.gui import painter
from briefing_app.gui.deck.editor import DeckEditor
from briefing_app.gui.deck.strip import SLIDE_MIME
from briefing_app.gui.mime import encode_sources
from briefing_app.services import decks, library
from briefing_app.store.store import open_store

DECK = "Default briefing"


@pytest.fixture
def editor(qtbot, deck_store) -> DeckEditor:
    editor = make_editor(qtbot, deck_store)
    editor.open_deck(DECK)
    return editor


def deck(editor: DeckEditor) -> decks.DeckRecord:
    return decks.get_deck(editor.store, DECK)


def select_layout(editor: DeckEditor, layout: str) -> decks.SlideRecord:
    slide = next(s for s in deck(editor).slides if s.layout == layout)
    editor.select_slide(slide.id)
    return slide


def unused_arguments(editor: DeckEditor, n: int) -> list[int]:
    used = {
        i.source_id for s in deck(editor).slides for i in s.items if i.source_kind == "argument"
    }
    return [a.id for a in library.arguments(editor.store) if a.id not in used][:n]


def drop(widget, data: QMimeData, pos: QPoint) -> None:
    """What a drag from another panel delivers: enter, move, then the drop itself."""
    actions = Qt.DropAction.CopyAction | Qt.DropAction.MoveAction
    button, mods = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    at = QPointF(pos)
    enter = QDragEnterEvent(pos, actions, data, button, mods)  # QPoint in Qt 6.11
    QApplication.sendEvent(widget, enter)
    assert enter.isAccepted()
    QApplication.sendEvent(widget, QDragMoveEvent(pos, actions, data, button, mods))
    QApplication.sendEvent(widget, QDropEvent(at, actions, data, button, mods))


def row_point(editor: DeckEditor, row: int, fraction: float) -> QPoint:
    rect = editor.strip.visualRect(editor.strip.slide_model.index(row))
    return QPoint(rect.center().x(), rect.top() + round(rect.height() * fraction))


def type_into_title(qtbot, editor: DeckEditor, text: str) -> None:
    editor.canvas.setFocus()
    qtbot.keyClick(editor.canvas, Qt.Key.Key_F2)
    assert editor.canvas.is_editing()
    editor.canvas.editor.selectAll()
    qtbot.keyClicks(editor.canvas.editor, text)
    qtbot.keyClick(editor.canvas.editor, Qt.Key.Key_Return)


# --- drops and reordering -------------------------------------------------------------------


def test_drop_on_a_slide_adds_items_and_between_slides_makes_a_new_slide(editor) -> None:
    slides = deck(editor).slides
    row = next(i for i, s in enumerate(slides) if s.layout == "argument")
    target = slides[row]
    first, second = unused_arguments(editor, 2)
    drop(
        editor.strip.viewport(), encode_sources([("argument", first)]), row_point(editor, row, 0.5)
    )
    after = deck(editor).slides
    assert [i.source_id for i in after[row].items][-1] == first
    assert len(after[row].items) == len(target.items) + 1
    assert len(after) == len(slides)

    drop(editor.strip.viewport(), encode_sources([("argument", second)]), row_point(editor, 2, 0.1))
    after = deck(editor).slides
    assert len(after) == len(slides) + 1
    new = after[2]
    assert new.layout == "argument" and [i.source_id for i in new.items] == [second]
    assert editor.strip.current_slide_id() == new.id  # the new slide is shown

    quote = library.quotes(editor.store)[0].id
    drop(editor.strip.viewport(), encode_sources([("quote", quote)]), row_point(editor, 0, 0.9))
    assert deck(editor).slides[1].layout == "quote"

    editor.undo_stack.undo()
    editor.undo_stack.undo()
    editor.undo_stack.undo()
    assert deck(editor).slides == slides


def test_drop_on_canvas_and_add_sources_route_quotes_and_events(editor) -> None:
    select_layout(editor, "argument")
    count = len(deck(editor).slides)
    (arg,) = unused_arguments(editor, 1)
    canvas = editor.canvas
    drop(canvas, encode_sources([("argument", arg)]), canvas.rect().center())
    current = editor.current_slide().record
    assert current.items[-1].source_id == arg and len(deck(editor).slides) == count
    event = library.events(editor.store)[0].id
    quote = library.quotes(editor.store)[0].id
    drop(
        editor.canvas,
        encode_sources([("event", event), ("quote", quote)]),
        editor.canvas.rect().center(),
    )
    layouts = [s.layout for s in deck(editor).slides]
    assert len(layouts) == count + 2
    index = [s.id for s in deck(editor).slides].index(current.id)
    assert layouts[index + 1 : index + 3] == ["timeline", "quote"]
    timeline = select_layout(editor, "timeline")
    drop(editor.canvas, encode_sources([("event", event)]), editor.canvas.rect().center())
    assert len(deck(editor).slides) == count + 2  # onto the timeline slide itself
    assert (
        deck(editor)
        .slides[[s.id for s in deck(editor).slides].index(timeline.id)]
        .items[-1]
        .source_id
        == event
    )


def test_reorder_by_dragging_within_the_strip_and_by_ctrl_down(qtbot, editor) -> None:
    original = [s.id for s in deck(editor).slides]
    data = QMimeData()
    data.setData(SLIDE_MIME, json.dumps({"slide": original[1]}).encode())
    drop(editor.strip.viewport(), data, row_point(editor, 3, 0.9))  # after the fourth slide
    moved = [s.id for s in deck(editor).slides]
    assert moved == [original[0], original[2], original[3], original[1], *original[4:]]

    editor.select_slide(original[0])
    editor.strip.setFocus()
    qtbot.keyClick(editor.strip, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert [s.id for s in deck(editor).slides][:2] == [original[2], original[0]]
    assert editor.strip.current_slide_id() == original[0]  # the moved slide stays selected
    qtbot.keyClick(editor.strip, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert [s.id for s in deck(editor).slides] == moved
    qtbot.keyClick(editor.strip, Qt.Key.Key_Down)  # plain arrows move the selection
    assert editor.strip.current_slide_id() == original[2]
    assert editor.current_slide().record.id == original[2]

    editor.undo_stack.undo()
    editor.undo_stack.undo()
    editor.undo_stack.undo()
    assert [s.id for s in deck(editor).slides] == original


# --- undo and redo --------------------------------------------------------------------------


def test_undo_and_redo_restore_exact_state(qtbot, editor) -> None:
    stack = editor.undo_stack
    original = deck(editor)
    slide = select_layout(editor, "argument")
    drop(
        editor.canvas,
        encode_sources([("argument", a) for a in unused_arguments(editor, 2)]),
        editor.canvas.rect().center(),
    )  # add items
    item = slide.items[0]
    editor.canvas.select_item(item.id)
    editor.canvas.setFocus()
    qtbot.keyClick(editor.canvas, Qt.Key.Key_Return)  # edit the wording in place
    editor.canvas.editor.selectAll()
    qtbot.keyClicks(editor.canvas.editor, "Briefer's wording")
    qtbot.keyClick(editor.canvas.editor, Qt.Key.Key_Return)
    assert editor.current_slide().record.items[0].text == "Briefer's wording"
    editor.canvas.begin_edit("item", slide.items[1].id)
    editor.canvas.editor.setPlainText("Other wording")
    editor.canvas.finish_edit()
    editor.reset_selected_item()  # ... and reset to its source
    type_into_title(qtbot, editor, "A new title")  # edit title
    editor.notes.edit.setPlainText("Fresh notes")  # notes edit
    editor.notes.flush()
    editor.layout_picker.layoutChosen.emit("bluf")  # change layout
    editor.strip.setFocus()
    qtbot.keyClick(editor.strip, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)  # move
    editor.select_slide(deck(editor).slides[0].id)
    qtbot.keyClick(editor.strip, Qt.Key.Key_Delete)  # delete a slide
    editor.canvas.select_item(None)
    edited = deck(editor)
    assert edited != original
    assert edited.slides[0].id != original.slides[0].id

    steps = 0
    while stack.canUndo():
        stack.undo()
        steps += 1
    assert deck(editor) == original
    assert steps >= 8
    while stack.canRedo():
        stack.redo()
    assert deck(editor) == edited
    while stack.canUndo():
        stack.undo()
    assert deck(editor) == original


def test_typing_merges_into_one_undo_step_and_typing_back_removes_it(qtbot, editor) -> None:
    slide = select_layout(editor, "argument")
    canvas, stack = editor.canvas, editor.undo_stack
    canvas.begin_edit("item", slide.items[0].id)
    for text in ("One", "One two", "One two three"):
        canvas.editor.setPlainText(text)
        canvas.flush()
    assert stack.count() == 1 and stack.undoText() == "Edit point"
    canvas.editor.setPlainText(slide.items[0].text)
    canvas.flush()
    assert stack.count() == 0  # back where it started: nothing to undo
    qtbot.keyClick(canvas.editor, Qt.Key.Key_Escape)
    assert deck(editor) == decks.get_deck(editor.store, DECK)
    assert not canvas.is_editing()


# --- editing --------------------------------------------------------------------------------


def test_the_units_own_words_are_marked_as_the_units(qtbot, editor) -> None:
    slide = select_layout(editor, "assessment")
    canvas = editor.canvas
    assert slide.items and all(i.source_kind is None for i in slide.items)
    assert canvas.unit_marks() == [i.id for i in slide.items]
    assert canvas.edited_marks() == []
    item = slide.items[0]
    rect = canvas.region_rect(editor.current_slide().region_for("item", item.id))
    qtbot.mouseClick(canvas, Qt.MouseButton.LeftButton, pos=rect.center().toPoint())
    assert "(the unit's own words)" in canvas.accessibleDescription()


def test_edit_wording_shows_the_edited_mark_until_reset(qtbot, editor) -> None:
    slide = select_layout(editor, "argument")
    item = slide.items[0]
    canvas = editor.canvas
    rect = canvas.region_rect(editor.current_slide().region_for("item", item.id))
    qtbot.mouseClick(canvas, Qt.MouseButton.LeftButton, pos=rect.center().toPoint())
    assert canvas.selected_item() == item.id
    qtbot.mouseDClick(canvas, Qt.MouseButton.LeftButton, pos=rect.center().toPoint())
    assert canvas.is_editing()
    canvas.editor.selectAll()
    qtbot.keyClicks(canvas.editor, "Shorter claim")
    qtbot.keyClick(canvas.editor, Qt.Key.Key_Return)
    assert item.id in canvas.edited_marks()
    assert "(edited)" in canvas.accessibleDescription()
    editor.reset_selected_item()
    assert item.id not in canvas.edited_marks()
    assert editor.current_slide().record.items[0].text == item.source_text
    editor.reset_selected_item()  # nothing to reset now: a message, no command
    assert editor.undo_stack.count() == 2


def test_delete_selection_removes_the_point_then_the_slide(qtbot, editor) -> None:
    slide = select_layout(editor, "argument")
    count = len(deck(editor).slides)
    editor.canvas.setFocus()
    editor.canvas.select_item(slide.items[0].id)
    qtbot.keyClick(editor.canvas, Qt.Key.Key_Delete)  # the selected point
    assert len(editor.current_slide().record.items) == len(slide.items) - 1
    assert editor.canvas.selected_item() is None
    editor.confirm = lambda title, text: False  # "Delete “…” and its points?" — No
    qtbot.keyClick(editor.strip, Qt.Key.Key_Delete)  # the current slide
    assert len(deck(editor).slides) == count
    editor.confirm = lambda title, text: True
    qtbot.keyClick(editor.strip, Qt.Key.Key_Delete)
    assert len(deck(editor).slides) == count - 1
    editor.undo_stack.undo()
    assert len(deck(editor).slides) == count
    editor.undo_stack.redo()
    qtbot.mouseClick(editor.new_slide_button, Qt.MouseButton.LeftButton)
    assert len(deck(editor).slides) == count
    assert editor.current_slide().record.layout == "argument"
    assert editor.current_slide().record.title == ""


# --- autosave and export --------------------------------------------------------------------


def test_typing_reaches_the_store_without_saving(qtbot, editor, essay_store_path) -> None:
    slide = select_layout(editor, "argument")
    editor.notes.edit.setFocus()
    editor.notes.edit.selectAll()
    qtbot.keyClicks(editor.notes.edit, "Say this first")
    editor.canvas.begin_edit("item", slide.items[0].id)
    editor.canvas.editor.selectAll()
    qtbot.keyClicks(editor.canvas.editor, "Typed wording")
    other = open_store(essay_store_path)  # a second reader: what a crash would leave behind

    def saved() -> bool:
        record = next(s for s in decks.get_deck(other, DECK).slides if s.id == slide.id)
        return record.notes == "Say this first" and record.items[0].text == "Typed wording"

    try:
        qtbot.waitUntil(saved, timeout=1500)
    finally:
        other.close()
    assert editor.canvas.is_editing()  # saved while still editing


def test_export_through_the_ui_writes_a_pptx(qtbot, editor, tmp_path: Path) -> None:
    target = tmp_path / "out" / "briefing.pptx"
    asked: list[Path] = []

    def choose(fmt: str, suggested: Path) -> Path:
        asked.append(suggested)
        return target

    editor.choose_export_path = choose
    messages: list[str] = []
    editor.statusMessage.connect(messages.append)
    editor.export("pptx")
    answer_export_warnings(qtbot, editor, "Export anyway")  # the long deck warns
    qtbot.waitUntil(target.is_file, timeout=60_000)
    assert target.stat().st_size > 10_000
    assert asked[0].suffix == ".pptx"
    assert QSettings().value("export/last_folder") == str(target.parent)
    box = editor.export_box
    assert box is not None and box.isVisible()
    assert {b.text() for b in box.buttons()} >= {"Open File", "Open Folder"}
    assert editor.last_export is not None and editor.last_export.slides > 18
    box.close()

    editor.choose_export_path = lambda fmt, suggested: None  # cancelled dialog: nothing
    editor.export("pdf")
    assert editor.export_box is box

    blocker = tmp_path / "file.txt"
    blocker.write_text("not a folder")
    editor.choose_export_path = lambda fmt, suggested: blocker / "x.pdf"
    editor.export("pdf")
    answer_export_warnings(qtbot, editor, "Export anyway")
    qtbot.waitUntil(lambda: editor.export_box.objectName() == "deckErrorBox", timeout=60_000)
    failed = editor.export_box
    assert failed is not box and failed.icon() == QMessageBox.Icon.Warning
    assert failed.text().startswith("The export failed") and "Traceback" not in failed.text()
    assert failed.text().endswith(".") and "\n" not in failed.text()  # one sentence
    assert str(blocker) in failed.text()  # (the path itself may hold dots)
    failed.close()


def test_export_with_warnings_asks_first_and_cancel_writes_nothing(
    qtbot, deck_store, tmp_path: Path
) -> None:
    """Through the window's real File ▸ Export action: a deck whose export warns (the
    full read-ahead runs over the word limit) asks in a dialog before anything is written;
    Cancel leaves no file, Export anyway writes."""
    from PySide6.QtGui import QAction

    from briefing_app.gui.main_window import MainWindow

    win = MainWindow(deck_store)
    qtbot.addWidget(win)
    win.open_initial_deck(None)
    win.show()
    editor = win.deck_editor
    editor.open_deck(DECK)
    editor.confirm = lambda title, question: True
    out = tmp_path / "out"
    out.mkdir()
    target = out / "warned.pdf"
    editor.choose_export_path = lambda fmt, suggested: target
    messages: list[str] = []
    editor.statusMessage.connect(messages.append)
    action = win.findChild(QAction, "action_export_pdf")
    assert action is not None

    action.trigger()
    shown = answer_export_warnings(qtbot, editor, "Cancel")
    assert shown.startswith("• ") and editor.last_export is None
    qtbot.wait(200)
    assert list(out.iterdir()) == []  # nothing written, not even a temporary file
    assert messages[-1] == "Export cancelled; nothing was written."

    action.trigger()
    answer_export_warnings(qtbot, editor, "Export anyway")
    qtbot.waitUntil(lambda: editor.last_export is not None, timeout=60_000)
    assert target.is_file() and editor.last_export.warnings  # warned, then written
    editor.export_box.close()


# --- decks ----------------------------------------------------------------------------------


def test_new_rename_duplicate_and_delete_decks(qtbot, editor) -> None:
    deck_action = editor.deck_list.actions_by_id  # the deck button's menu
    answers = iter(["Second", "Second renamed", "Copy of it"])
    editor.ask_text = lambda title, label, default: next(answers)
    deck_action["new"].trigger()
    assert editor.current_deck() == "Second" and editor.preview.slides == ()
    deck_action["rename"].trigger()
    assert editor.current_deck() == "Second renamed"
    qtbot.mouseClick(editor.new_slide_button, Qt.MouseButton.LeftButton)
    deck_action["duplicate"].trigger()
    assert editor.current_deck() == "Copy of it" and len(editor.preview.slides) == 1
    assert editor.deck_list.names() == sorted([DECK, "Copy of it", "Second renamed"])
    questions: list[str] = []
    editor.confirm = lambda title, text: questions.append(text) is not None and False
    deck_action["delete"].trigger()
    assert editor.current_deck() == "Copy of it"
    editor.confirm = lambda title, text: True
    deck_action["delete"].trigger()
    assert "Copy of it" not in editor.deck_list.names()
    assert editor.current_deck() in (DECK, "Second renamed")
    assert "cannot be undone" in questions[0]


def test_state_is_saved_and_restored(qtbot, deck_store, editor) -> None:
    settings = QSettings()
    editor.splitter.setSizes([300, 900])
    editor.save_state(settings)
    assert settings.value("deck/last") == DECK
    other = make_editor(qtbot, deck_store)
    other.restore_state(settings)
    assert other.current_deck() == DECK
    assert other.splitter.objectName() == "deckEditorSplitter"
    assert other.canvas_splitter.objectName() == "deckCanvasSplitter"


def test_every_control_has_an_accessible_name(editor) -> None:
    from PySide6.QtWidgets import QAbstractButton, QComboBox, QListView, QPlainTextEdit

    kinds = (QAbstractButton, QComboBox, QListView, QPlainTextEdit)
    controls = [w for kind in kinds for w in editor.findChildren(kind) if w.isVisible()]
    assert len(controls) >= 6
    assert all(w.accessibleName() for w in controls), [
        w.objectName() for w in controls if not w.accessibleName()
    ]
    assert editor.canvas.accessibleName() == "Slide"


# --- thumbnails -----------------------------------------------------------------------------


def paint(strip) -> int:
    """Paint the visible thumbnails now; returns how many rows are visible."""
    strip.doItemsLayout()
    strip.viewport().grab()
    rows = range(strip.slide_model.rowCount())
    return sum(
        strip.viewport().rect().intersects(strip.visualRect(strip.model().index(r))) for r in rows
    )


def test_two_hundred_thumbnails_render_once_and_are_cached(qtbot, tmp_path, monkeypatch) -> None:
    store = synthetic_store(tmp_path / "big.sqlite", arguments=1000)
    synthetic_deck(store, "big", 200)
    calls: list[int] = []
    real = painter.render_image

    def counting(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(painter, "render_image", counting)
    editor = make_editor(qtbot, store)
    editor.open_deck("big")
    strip = editor.strip
    visible = paint(strip)
    assert 0 < visible == len(calls) < 20  # drawn lazily: only what is on screen
    for slide in editor.preview.slides:  # every thumbnail, as scrolling through would
        strip.cache.image(slide.record.id, slide.first, strip.devicePixelRatioF())
    assert len(calls) == 200
    paint(strip)
    strip.scrollToBottom()
    paint(strip)
    editor.reload()
    paint(strip)
    assert len(calls) == 200  # second paint: all from the cache
    slide = editor.preview.slides[-1]
    editor.select_slide(slide.record.id)
    editor.notes.edit.setPlainText("Only notes")
    editor.notes.flush()
    paint(strip)
    assert len(calls) == 200  # notes are not on the slide
    editor.canvas.begin_edit("title")  # an edit on the slide redraws that thumbnail only
    editor.canvas.editor.setPlainText("Renamed")
    editor.canvas.finish_edit()
    paint(strip)
    assert len(calls) == 201
    store.close()


def test_a_dropped_map_gets_a_map_slide(editor) -> None:
    from briefing_app.services import maps

    select_layout(editor, "argument")
    count = len(deck(editor).slides)
    europe = next(m for m in maps.list_maps(editor.store) if m.key == "europe-nato")
    drop(editor.canvas, encode_sources([("map", europe.id)]), editor.canvas.rect().center())
    slides = deck(editor).slides
    assert len(slides) == count + 1
    added = editor.current_slide().record
    assert added.layout == "map"
    assert [(i.source_kind, i.source_id) for i in added.items] == [("map", europe.id)]


def test_an_edit_over_someone_elses_change_is_refused_and_theirs_shown(qtbot, editor) -> None:
    slide = select_layout(editor, "argument")
    item = slide.items[0]
    colleague = open_store(editor.store.location)  # a second desktop on the same store
    try:
        decks.set_item_text(colleague, item.id, "The colleague's wording")
    finally:
        colleague.close()
    messages: list[str] = []
    editor.statusMessage.connect(messages.append)
    canvas = editor.canvas
    canvas.begin_edit("item", item.id)
    canvas.editor.setPlainText("My wording")
    canvas.flush()
    assert any("Someone else changed the point" in m for m in messages), messages
    assert not canvas.is_editing()
    assert editor.undo_stack.count() == 0
    shown = editor.current_slide().record.items[0].text
    assert shown == "The colleague's wording"
    assert decks.get_deck(editor.store, DECK).slides[slide.position].items[0].text == shown


def test_a_click_on_the_generated_agenda_explains_it(qtbot, editor) -> None:
    agenda = next(s for s in deck(editor).slides if s.layout == "agenda")
    assert agenda.items == []  # its entries are the section titles
    editor.select_slide(agenda.id)
    said: list[str] = []
    editor.statusMessage.connect(said.append)
    page = editor.canvas.page_rect()
    qtbot.mouseClick(editor.canvas, Qt.MouseButton.LeftButton, pos=page.center().toPoint())
    assert said and "section slides' titles" in said[-1]
    assert editor.canvas.selected_item() is None
