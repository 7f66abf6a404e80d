"""Review mode driven through real widgets: reader, panel, user arguments, undo, report."""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QSettings, Qt, QUrl
from PySide6.QtGui import QTextCursor, QTextDocument, QUndoStack
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QTextBrowser,
)

from briefing_app.gui.commands import Operations
from briefing_app.gui.events import Origin, StoreEvents
from briefing_app.gui.review import ReviewView
from briefing_app.gui.review.reader import argument_url
from briefing_app.services import library
from briefing_app.services.arguments import create_argument, perspectives
from briefing_app.services.review import add_review, reviews
from briefing_app.store.store import open_store


@dataclass
class Harness:
    view: ReviewView
    stack: QUndoStack
    events: StoreEvents


@pytest.fixture
def make_view(qtbot):
    from briefing_app.gui.tasks import TaskRunner

    def make(store) -> Harness:
        events = StoreEvents()
        ops = Operations(store, events)
        view = ReviewView(store, ops, TaskRunner())
        events.setParent(view)
        ops.setParent(view)
        stack = view.undo_stack
        qtbot.addWidget(view)
        view.resize(1300, 850)
        view.show()
        return Harness(view, stack, events)

    return make


def _plain_span(view: ReviewView, length: int = 40) -> tuple[int, int, int]:
    """A stretch of a paragraph free of highlights and footnote markers."""
    doc = view.reader._document
    for paragraph in doc.paragraphs():
        blocked = [(h.start, h.end) for h in paragraph.highlights]
        blocked += [(m.offset, m.offset) for m in paragraph.footnotes]
        for start in range(0, len(paragraph.text) - length, 10):
            end = start + length
            text = paragraph.text[start:end]
            if text != text.strip():
                continue
            if all(e < start or s > end for s, e in blocked):
                return paragraph.id, start, end
    raise AssertionError("no plain span")


def _select(view: ReviewView, paragraph_id: int, start: int, end: int) -> str:
    begin, finish = view.reader.document_range(paragraph_id, start, end)
    cursor = QTextCursor(view.reader.document())
    cursor.setPosition(begin)
    cursor.setPosition(finish, QTextCursor.MoveMode.KeepAnchor)
    view.reader.setTextCursor(cursor)
    return cursor.selectedText()


def _click_status(qtbot, panel, status: str) -> None:
    """Click the radio button's indicator (its whole row is wider than what it answers to)."""
    button = panel.status_buttons[status]
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=QPoint(8, button.height() // 2))


def _user_arguments(store) -> list[library.ArgumentRecord]:
    return [a for a in library.arguments(store) if a.origin == "user"]


def test_status_and_comment_persist_across_restart(essay_store_path, make_view, qtbot) -> None:
    store = open_store(essay_store_path)
    h = make_view(store)
    panel = h.view.panel
    argument_id = h.view.reader.argument_ids()[2]
    h.view.select_argument(argument_id)
    panel.author_edit.setText("Ana Đukić")
    _click_status(qtbot, panel, "disputed")
    panel.comment_edit.setPlainText("Vučić would not accept this.")
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    assert panel.comment_edit.toPlainText() == ""
    h.view.close()
    h.view.deleteLater()
    store.close()

    again = open_store(essay_store_path)
    try:
        h2 = make_view(again)
        assert h2.view.reader.highlight(argument_id).status == "disputed"
        h2.view.select_argument(argument_id)
        panel2 = h2.view.panel
        assert panel2.status_buttons["disputed"].isChecked()
        history = [panel2.history.item(i).text() for i in range(panel2.history.count())]
        assert any("Vučić would not accept this." in t and "Ana Đukić" in t for t in history)
        assert len(history) == 1  # the status, then its comment: one entry
        assert panel2.author_edit.text() == "Ana Đukić"
        assert QSettings().value("review/author") == "Ana Đukić"
    finally:
        again.close()


def test_clicking_a_highlight_selects_its_argument(essay_store, make_view, qtbot) -> None:
    h = make_view(essay_store)
    target = h.view.reader.argument_ids()[1]
    with qtbot.waitSignal(h.view.argumentSelected) as blocker:
        h.view.reader.anchorClicked.emit(argument_url(target))
    assert blocker.args == [target]
    assert h.view.panel.argument_id == target
    assert h.view.reader.current_argument() == target
    assert h.view.panel.title_label.text()

    # a real mouse click inside the first highlight
    first = h.view.reader.argument_ids()[0]
    high = h.view.reader.highlight(first)
    pid = h.view.reader._highlight_paragraph[first]
    begin, _ = h.view.reader.document_range(pid, high.start + 3, high.end)
    h.view.select_argument(first)  # scrolls it into view
    cursor = QTextCursor(h.view.reader.document())
    cursor.setPosition(begin)
    point = h.view.reader.cursorRect(cursor).center()
    with qtbot.waitSignal(h.view.argumentSelected) as blocker:
        qtbot.mouseClick(h.view.reader.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert blocker.args == [first]


def test_next_and_previous_walk_the_highlights(essay_store, make_view, qtbot) -> None:
    h = make_view(essay_store)
    ids = h.view.reader.argument_ids()
    qtbot.mouseClick(h.view.panel.next_button, Qt.MouseButton.LeftButton)
    assert h.view.panel.argument_id == ids[0]
    qtbot.mouseClick(h.view.panel.next_button, Qt.MouseButton.LeftButton)
    assert h.view.panel.argument_id == ids[1]
    qtbot.mouseClick(h.view.panel.previous_button, Qt.MouseButton.LeftButton)
    assert h.view.panel.argument_id == ids[0]


def test_new_argument_from_selection_with_undo_and_redo(essay_store, make_view, qtbot) -> None:
    h = make_view(essay_store)
    pid, start, end = _plain_span(h.view)
    selected = _select(h.view, pid, start, end)
    assert h.view.reader.selection_span().text == selected

    h.view.new_argument_from_selection()
    dialog = h.view.argument_dialog
    assert dialog is not None and dialog.claim_edit.toPlainText() == selected
    assert not dialog.ok_button.isEnabled()  # no label yet
    qtbot.keyClicks(dialog.label_edit, "My reading")
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData("risk"))
    declared = perspectives(essay_store)  # the argument map's, with its names
    assert [box.text() for box in dialog.perspective_boxes.values()] == [p.name for p in declared]
    dialog.perspective_boxes["serbia"].setChecked(True)
    target = h.view.reader.argument_ids()[0]
    dialog.relation_combo.setCurrentIndex(dialog.relation_combo.findData("supports"))
    dialog.target_combo.setCurrentIndex(dialog.target_combo.findData(target))
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    [made] = _user_arguments(essay_store)
    assert made.quote == selected
    assert (made.label, made.kind, made.perspectives) == ("My reading", "risk", ["serbia"])
    assert made.supports == [target]
    assert h.view.panel.argument_id == made.id
    assert h.view.reader.highlight(made.id) is not None
    assert h.stack.count() == 1

    h.stack.undo()
    assert _user_arguments(essay_store) == []
    assert h.view.reader.highlight(made.id) is None
    assert h.view.panel.argument_id is None

    h.stack.redo()
    [back] = _user_arguments(essay_store)
    assert (back.key, back.quote, back.supports) == (made.key, selected, [target])
    assert h.view.reader.highlight(back.id) is not None


def test_selection_across_paragraphs_is_refused(essay_store, make_view, qtbot) -> None:
    h = make_view(essay_store)
    paragraphs = h.view.reader._document.paragraphs()
    begin, _ = h.view.reader.document_range(paragraphs[1].id, 0, 5)
    _, finish = h.view.reader.document_range(paragraphs[2].id, 0, 5)
    cursor = QTextCursor(h.view.reader.document())
    cursor.setPosition(begin)
    cursor.setPosition(finish, QTextCursor.MoveMode.KeepAnchor)
    h.view.reader.setTextCursor(cursor)
    with qtbot.waitSignal(h.view.statusMessage) as blocker:
        h.view.new_argument_from_selection()
    assert "one paragraph" in blocker.args[0]
    assert h.view.argument_dialog is None


def test_delete_user_argument_and_undo_restores_reviews(essay_store, make_view, qtbot) -> None:
    para = library.paragraphs(essay_store)[5]
    made = create_argument(essay_store, paragraph_id=para.id, start=0, end=20, label="Temp",
                           claim="c", kind="premise", perspectives=[]).value  # fmt: skip
    add_review(essay_store, made, "needs-source", "Which source?", "Bo")
    add_review(essay_store, made, "agreed", "Found it", "Bo")
    before = reviews(essay_store, made)
    h = make_view(essay_store)
    h.view.select_argument(made)
    assert h.view.panel.delete_button.isVisible()
    qtbot.mouseClick(h.view.panel.delete_button, Qt.MouseButton.LeftButton)
    assert _user_arguments(essay_store) == []
    assert h.view.reader.highlight(made) is None

    h.stack.undo()
    [back] = _user_arguments(essay_store)
    assert reviews(essay_store, back.id) == [r for r in before]
    assert h.view.reader.highlight(back.id).status == "agreed"
    h.stack.redo()
    assert _user_arguments(essay_store) == []


def test_curated_arguments_cannot_be_deleted(essay_store, make_view, qtbot) -> None:
    h = make_view(essay_store)
    curated = h.view.reader.argument_ids()[0]
    h.view.select_argument(curated)
    assert not h.view.panel.delete_button.isVisible()
    assert not h.view.panel.edit_button.isVisible()
    with qtbot.waitSignal(h.view.statusMessage) as blocker:
        h.view.delete_selected_user_argument()
    assert "curated arguments are edited in the argument map file" in blocker.args[0]
    assert curated in {a.id for a in library.arguments(essay_store)}
    assert h.stack.count() == 0
    h.view.last_message_box.close()


def test_edit_user_argument_is_undoable(essay_store, make_view, qtbot) -> None:
    para = library.paragraphs(essay_store)[6]
    made = create_argument(essay_store, paragraph_id=para.id, start=0, end=20, label="Before",
                           claim="c", kind="premise", perspectives=[]).value  # fmt: skip
    h = make_view(essay_store)
    h.view.select_argument(made)
    qtbot.mouseClick(h.view.panel.edit_button, Qt.MouseButton.LeftButton)
    dialog = h.view.argument_dialog
    assert dialog.label_edit.text() == "Before"
    dialog.label_edit.setText("After")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert library.argument(essay_store, made).label == "After"
    assert "After" in h.view.panel.title_label.text()
    h.stack.undo()
    assert library.argument(essay_store, made).label == "Before"
    assert "Before" in h.view.panel.title_label.text()


def test_reader_escapes_hostile_text(essay_store, make_view) -> None:
    para = library.paragraphs(essay_store)[2]
    made = create_argument(essay_store, paragraph_id=para.id, start=0, end=15,
                           label="<script>alert('x')</script>", claim="<b>bold</b> & more",
                           kind="risk", perspectives=[]).value  # fmt: skip
    h = make_view(essay_store)
    html = h.view.reader.html
    assert "<script>" not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html
    h.view.select_argument(made)
    assert "<script>" not in h.view.panel.title_label.text()
    assert "&lt;b&gt;bold&lt;/b&gt; &amp; more" in h.view.panel.claim_label.text()


def test_progress_bar_counts(essay_store, make_view, qtbot) -> None:
    h = make_view(essay_store)
    bar: QProgressBar = h.view.panel.progress
    total = len(library.arguments(essay_store))
    assert (bar.value(), bar.maximum()) == (0, total)
    ids = h.view.reader.argument_ids()
    for argument_id, status in ((ids[0], "agreed"), (ids[1], "needs-source")):
        h.view.select_argument(argument_id)
        _click_status(qtbot, h.view.panel, status)
    assert bar.value() == 2 and bar.text() == f"2 of {total} reviewed"
    h.view.select_argument(ids[0])
    _click_status(qtbot, h.view.panel, "unreviewed")
    assert bar.value() == 1
    # another panel's write arrives through the shared events
    added = add_review(essay_store, ids[5], "disputed")
    h.events.changed.emit(added.changes, Origin())
    assert bar.value() == 2
    assert h.view.reader.highlight(ids[5]).status == "disputed"


def test_tags_editor_saves_tags(essay_store, make_view, qtbot) -> None:
    h = make_view(essay_store)
    argument_id = h.view.reader.argument_ids()[0]
    h.view.select_argument(argument_id)
    edit = h.view.panel.tags_edit
    edit.setFocus()
    edit.setText("alpha, beta , alpha")
    with qtbot.waitSignal(h.events.changed):
        edit.editingFinished.emit()
    assert library.argument(essay_store, argument_id).tags == ["alpha", "beta"]
    assert edit.text() == "alpha, beta"


def test_footnote_marker_shows_its_text(essay_store, make_view, qtbot) -> None:
    h = make_view(essay_store)
    notes = {n.number: n.text for n in library.footnotes(essay_store)}
    with qtbot.waitSignal(h.view.statusMessage) as blocker:
        h.view.reader.anchorClicked.emit(QUrl("fn:1"))
    assert blocker.args[0] == f"Footnote 1: {notes[1]}"
    # hovering the marker: its tooltip holds the (escaped) note
    reader = h.view.reader
    para = next(p for p in reader._document.paragraphs() if p.footnotes)
    mark = para.footnotes[0]
    after, _ = reader.document_range(para.id, mark.offset, mark.offset)
    before = after - len(str(mark.number))
    cursor = QTextCursor(reader.document())
    cursor.setPosition(after)
    reader.setTextCursor(cursor)
    reader.ensureCursorVisible()
    right = reader.cursorRect(cursor)
    cursor.setPosition(before)
    left = reader.cursorRect(cursor)
    point = QPoint((left.left() + right.left()) // 2, left.center().y())
    assert reader.anchorAt(point) == f"fn:{mark.number}"
    tip = reader.tooltip_at(point)
    assert f"Footnote {mark.number}." in tip
    assert html.escape(mark.text[:40]) in tip


def test_export_report_runs_and_offers_to_open(essay_store, make_view, tmp_path: Path) -> None:
    h = make_view(essay_store)
    target = tmp_path / "out" / "review.pdf"
    offered: list[Path] = []
    h.view.choose_report_path = lambda suggested: target
    h.view.offer_open = offered.append
    h.view.export_report()
    assert target.is_file() and offered == [target]


def test_export_report_carries_the_briefed_decks_marking(essay_store, make_view, tmp_path) -> None:
    from office_tools import pdf_text

    h = make_view(essay_store)
    target = tmp_path / "marked.pdf"
    h.view.choose_report_path = lambda suggested: target
    h.view.offer_open = lambda path: None
    h.view.marking_of = lambda: "OFFICIAL-SENSITIVE"
    h.view.export_report()
    first = [line for line in pdf_text(target, 1).splitlines() if line.strip()]
    assert first[0].strip() == "OFFICIAL-SENSITIVE" and first[-1].strip() == "OFFICIAL-SENSITIVE"


def test_export_report_failure_is_one_sentence(essay_store, make_view, qtbot, tmp_path) -> None:
    h = make_view(essay_store)
    blocker_file = tmp_path / "not-a-folder"
    blocker_file.write_text("x")
    h.view.choose_report_path = lambda suggested: blocker_file / "review.pdf"
    with qtbot.waitSignal(h.view.statusMessage) as blocker:
        h.view.export_report()
    message = blocker.args[0]
    assert message.startswith("The review report could not be written")
    assert message.endswith(".") and "Traceback" not in message
    h.view.last_message_box.close()


def test_state_round_trip(essay_store, make_view) -> None:
    h = make_view(essay_store)
    argument_id = h.view.reader.argument_ids()[4]
    h.view.select_argument(argument_id)
    h.view.splitter.setSizes([700, 600])
    settings = QSettings()
    h.view.save_state(settings)
    h2 = make_view(essay_store)
    h2.view.restore_state(settings)
    assert h2.view.panel.argument_id == argument_id
    assert h2.view.splitter.objectName() == "reviewSplitter"


def test_controls_have_accessible_names(essay_store, make_view) -> None:
    h = make_view(essay_store)
    h.view.select_argument(h.view.reader.argument_ids()[0])
    kinds = (QAbstractButton, QLineEdit, QPlainTextEdit, QComboBox, QProgressBar, QTextBrowser)
    for kind in kinds:
        for widget in h.view.findChildren(kind):
            if widget.isVisibleTo(h.view) and widget.objectName() != "qt_scrollarea_viewport":
                assert widget.accessibleName(), f"{kind.__name__} {widget.objectName()}"


def test_keyboard_reaches_highlights_and_new_argument(essay_store, make_view, qtbot) -> None:
    h = make_view(essay_store)
    reader = h.view.reader
    reader.setFocus()
    reader.moveCursor(QTextCursor.MoveOperation.Start)
    qtbot.keyClick(reader, Qt.Key.Key_Tab)
    with qtbot.waitSignal(h.view.argumentSelected) as blocker:
        qtbot.keyClick(reader, Qt.Key.Key_Return)
    assert blocker.args == [reader.argument_ids()[0]]

    pid, start, end = _plain_span(h.view)
    _select(h.view, pid, start, end)
    qtbot.keyClick(reader, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)  # fmt: skip
    assert h.view.argument_dialog is not None
    h.view.argument_dialog.reject()


def test_tag_completion_keeps_earlier_tags(essay_store, make_view) -> None:
    h = make_view(essay_store)
    h.view.select_argument(h.view.reader.argument_ids()[0])
    edit = h.view.panel.tags_edit
    completer = edit.completer()
    edit.setText("alpha, cease")
    assert completer.splitPath(edit.text()) == ["cease"]
    model = completer.model()
    row = model.stringList().index("ceasefire")
    assert completer.pathFromIndex(model.index(row)) == "alpha, ceasefire"


def test_a_blank_author_is_not_called_anonymous(essay_store, make_view, qtbot) -> None:
    h = make_view(essay_store)
    panel = h.view.panel
    h.view.select_argument(h.view.reader.argument_ids()[1])
    panel.author_edit.setText("  ")
    panel.comment_edit.setPlainText("Needs a source.")
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    entry = panel.history.item(0).text()
    assert "Needs a source." in entry and "anonymous" not in entry
    assert reviews(essay_store, h.view.current_argument())[-1].author == ""


def test_the_legend_is_never_cut_or_split(essay_store, make_view) -> None:
    h = make_view(essay_store)
    legend = h.view.panel.legend
    for width in (1400, 600, 420):
        h.view.resize(width, 700)
        h.view.show()
        QApplication.processEvents()
        shown = QTextDocument()
        shown.setDefaultFont(legend.font())
        shown.setHtml(legend.text())
        assert shown.idealWidth() <= legend.contentsRect().width() + 1, width
        assert "Needs source" in shown.toPlainText()  # never "Needs" / "source"
