"""Hostile text through the real widgets: the library tree, details, search and deck editor.

Arguments, notes and deck titles hold NUL and control characters, lone surrogates,
right-to-left scripts, CJK, emoji, markup, path-like names and a megabyte of text. The
widgets must show them (escaped where HTML is involved), paint them, edit them, export
them where the user chose, and get through the megabyte. How long each step takes is not
asserted here (figures belong to ``python -m briefing_app.bench``).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from deck_editor_support import answer_export_warnings, make_editor
from hostile_text import DECK, HOSTILE, MEGABYTE, hostile_arguments, hostile_deck
from PySide6.QtCore import QSettings, Qt

from briefing_app.domain.text import storable_text
from briefing_app.gui.deck.editor import DeckEditor
from briefing_app.gui.events import StoreEvents
from briefing_app.gui.library.detail import DetailView
from briefing_app.gui.library.panel import LibraryPanel
from briefing_app.render.atomic import safe_filename
from briefing_app.services import decks


@pytest.fixture
def panel(qtbot, essay_store):
    events = StoreEvents()
    widget = LibraryPanel(essay_store, events)
    widget.events_ref = events
    qtbot.addWidget(widget)
    widget.resize(380, 800)
    widget.show()
    return widget


def test_library_tree_and_details_show_hostile_arguments(qtbot, essay_store, panel) -> None:
    ids = hostile_arguments(essay_store)
    panel.refresh()
    detail = DetailView(essay_store, StoreEvents())
    qtbot.addWidget(detail)
    detail.resize(520, 700)
    detail.show()
    for key, argument_id in ids.items():
        assert panel.select_argument(argument_id), key
        index = panel.tree.currentIndex()
        label = index.data()
        assert label == storable_text(f"{key}: {HOSTILE.get(key, MEGABYTE)}").strip()
        assert label.startswith(key) and index.data(Qt.ItemDataRole.ToolTipRole)
        assert not panel.tree.viewport().grab().isNull()
        detail.show_source("argument", argument_id)
        assert not detail.browser.viewport().grab().isNull()
        assert "<script>" not in detail.html and "<b>bold" not in detail.html
    detail.show_source("argument", ids["markup"])
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp;amp;" in detail.html
    assert "<script>alert(1)</script> &amp; <b>bold</b>" in detail.browser.toPlainText()


def test_search_field_takes_hostile_and_megabyte_input(qtbot, essay_store, panel) -> None:
    ids = hostile_arguments(essay_store, megabyte=False)
    for key, text in [*HOSTILE.items(), ("megabyte", MEGABYTE)]:
        panel.search_field.setText(text)
        panel.flush_search()
        model = panel.results_model
        rows = [model.index(r) for r in range(model.rowCount())]
        for row in rows:
            assert isinstance(row.data(), str) and row.data(Qt.ItemDataRole.ToolTipRole)
        panel.results_view.viewport().grab()  # paints the rows (hidden when there are none)
        found = {(hit.kind, hit.id) for hit in model.hits}
        if key in ("arabic", "hebrew", "cjk", "markup", "traversal", "windows"):
            assert ("argument", ids[key]) in found, key


@pytest.fixture
def hostile_editor(qtbot, essay_store) -> DeckEditor:
    hostile_deck(essay_store, hostile_arguments(essay_store))
    editor = make_editor(qtbot, essay_store)
    editor.open_deck(DECK)
    return editor


def test_deck_editor_shows_and_edits_hostile_slides(qtbot, hostile_editor) -> None:
    editor = hostile_editor
    assert editor.current_deck() == DECK
    record = decks.get_deck(editor.store, DECK)
    for slide in record.slides:
        editor.select_slide(slide.id)
        assert not editor.canvas.grab().isNull()
        assert not editor.strip.viewport().grab().isNull()
        assert editor.notes.edit.toPlainText() == slide.notes

    slide = next(s for s in record.slides if s.title == HOSTILE["markup"])
    editor.select_slide(slide.id)
    for text in HOSTILE.values():  # typed in place (set: key events cannot carry NUL)
        assert editor.canvas.begin_edit("item", slide.items[0].id)
        editor.canvas.editor.setPlainText(text)
        assert editor.canvas.editor.toPlainText() == _as_qt_holds_it(text)
        editor.canvas.finish_edit()
        stored = editor.current_slide().record.items[0].text
        assert stored == storable_text(_as_qt_holds_it(text)), (text, stored)
        editor.canvas.grab()
    editor.notes.edit.setPlainText(MEGABYTE)
    editor.notes.flush()
    assert decks.get_deck(editor.store, DECK).slides[slide_index(record, slide.id)].notes == (
        MEGABYTE
    )
    while editor.undo_stack.canUndo():
        editor.undo_stack.undo()
    assert decks.get_deck(editor.store, DECK) == record


def _files(root: Path) -> set[Path]:
    """Files under ``root``, leaving out the store's journal and the settings file."""
    return {
        p for p in root.rglob("*")
        if p.is_file() and not p.name.endswith(("-wal", "-shm", "-journal", ".ini"))
    }  # fmt: skip


def _as_qt_holds_it(text: str) -> str:
    """A QString joins surrogate pairs and drops lone surrogates; all else is kept."""
    joined = text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "surrogatepass")
    return re.sub("[\ud800-\udfff]", "", joined)


def slide_index(record: decks.DeckRecord, slide_id: int) -> int:
    return next(i for i, s in enumerate(record.slides) if s.id == slide_id)


@pytest.mark.parametrize("fmt", ["pptx", "pdf", "handout"])
def test_exports_from_the_editor_land_where_the_user_chose(
    qtbot, hostile_editor, tmp_path: Path, fmt: str
) -> None:
    editor = hostile_editor
    folder = tmp_path / "chosen"
    folder.mkdir()
    QSettings().setValue("export/last_folder", str(folder))
    suggestions: list[Path] = []

    def accept_suggestion(_fmt: str, suggested: Path) -> Path:
        suggestions.append(suggested)
        return suggested

    before = _files(tmp_path)
    editor.choose_export_path = accept_suggestion
    editor.export(fmt)
    answer_export_warnings(qtbot, editor, "Export anyway")  # hostile text warns
    (suggested,) = suggestions
    name = editor.current_deck()  # exports are named after the deck (titles repeat)
    stem = f"{name} handout" if fmt == "handout" else name
    assert suggested == folder / safe_filename(stem, "pdf" if fmt == "handout" else fmt)
    assert editor.last_export is not None and editor.last_export.path == suggested
    exact = tmp_path / "elsewhere" / f"exact name {fmt}.{'pdf' if fmt == 'handout' else fmt}"
    editor.choose_export_path = lambda _fmt, _suggested: exact
    editor.export(fmt)
    answer_export_warnings(qtbot, editor, "Export anyway")
    assert editor.last_export.path == exact
    assert _files(tmp_path) - before == {exact, suggested}  # nothing anywhere else
    assert all(f.stat().st_size > 10_000 for f in (exact, suggested))
    editor.export_box.close()
