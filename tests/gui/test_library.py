"""The library panel and detail view, driven through real widgets."""

from __future__ import annotations

import html
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QItemSelectionModel, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from briefing_app.bench.synthetic import synthetic_store
from briefing_app.gui.events import Origin, StoreEvents
from briefing_app.gui.library.detail import DetailView
from briefing_app.gui.library.models import BATCH, IdRole, KindRole
from briefing_app.gui.library.panel import LibraryPanel
from briefing_app.gui.mime import decode_sources
from briefing_app.services import argument_map
from briefing_app.services.argument_map import UNLINKED_ID
from briefing_app.services.review import add_review
from briefing_app.store.changes import Changes

HOSTILE = ['"', '"unclosed', "NEAR(", "NEAR(a b", "*", "a*b*", "-", "(", ")", "AND OR NOT",
           "col:val", "^", "🙂🇺🇦", "'; DROP TABLE argument; --", "x" * 5000, "  ",
           "\x00"]  # fmt: skip


@pytest.fixture
def panel(qtbot, essay_store):
    events = StoreEvents()
    widget = LibraryPanel(essay_store, events)
    qtbot.addWidget(widget)
    widget.resize(380, 800)
    widget.events_ref = events  # keep the QObject alive for the test
    return widget


def _keys(widget, text: str) -> None:
    """Type ``text`` as key events (QTest.keyClicks aborts on non-Latin-1 letters)."""
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char))


def _type(qtbot, panel: LibraryPanel, text: str) -> None:
    panel.search_field.clear()
    _keys(panel.search_field, text)
    assert panel.search_field.text() == text
    panel.flush_search()


def _hits(panel: LibraryPanel) -> set[tuple[str, int]]:
    model = panel.results_model
    return {(model.index(r).data(KindRole), model.index(r).data(IdRole))
            for r in range(model.rowCount())}  # fmt: skip


def test_typing_finds_paragraph_and_actor(qtbot, panel) -> None:
    _type(qtbot, panel, "Šutanovac")
    kinds = {kind for kind, _ in _hits(panel)}
    assert {"paragraph", "actor"} <= kinds
    assert not panel.results_box.isHidden()
    panel.search_field.clear()
    panel.flush_search()
    assert panel.results_box.isHidden()


def test_search_waits_for_typing_to_pause(qtbot, panel) -> None:
    _keys(panel.search_field, "Vučić")
    assert panel.results_model.rowCount() == 0  # debounced
    qtbot.waitUntil(lambda: panel.results_model.rowCount() > 0, timeout=2000)


@pytest.mark.parametrize("query", HOSTILE)
def test_hostile_queries_never_raise(qtbot, panel, query: str) -> None:
    panel.search_field.setText(query)
    panel.flush_search()
    panel.search_field.returnPressed.emit()


def test_enter_on_a_hit_selects_it_in_its_tab(qtbot, panel) -> None:
    seen: list[tuple[str, int]] = []
    panel.sourceActivated.connect(lambda kind, i: seen.append((kind, i)))
    _type(qtbot, panel, "Šutanovac")
    actor = next(i for kind, i in _hits(panel) if kind == "actor")
    row = next(r for r in range(panel.results_model.rowCount())
               if panel.results_model.index(r).data(KindRole) == "actor")  # fmt: skip
    panel.results_view.setCurrentIndex(panel.results_model.index(row))
    panel.results_view.setFocus()
    qtbot.keyClick(panel.results_view, Qt.Key.Key_Return)
    assert seen[-1] == ("actor", actor)
    view = panel.record_views["actor"]
    assert panel.tabs.currentWidget() is view
    assert view.currentIndex().data(IdRole) == actor


def test_enter_in_search_field_opens_first_hit(qtbot, panel) -> None:
    seen: list[tuple[str, int]] = []
    panel.sourceActivated.connect(lambda kind, i: seen.append((kind, i)))
    qtbot.keyClicks(panel.search_field, "Nationalists attack")
    qtbot.keyClick(panel.search_field, Qt.Key.Key_Return)
    first = panel.results_model.index(0)
    assert seen and seen[-1] == (first.data(KindRole), first.data(IdRole))


def test_tree_root_is_thesis_and_expands_to_proposals(panel) -> None:
    model = panel.tree_model
    assert model.rowCount() == 1
    thesis = model.index(0, 0)
    assert thesis.data(IdRole) == 1 and thesis.data() == "Balkans breakthrough for Ukraine"
    assert panel.tree.isExpanded(thesis)
    kinds = [model.index(r, 1, thesis).data() for r in range(model.rowCount(thesis))]
    assert kinds.count("Proposal") == 2


def test_select_argument_expands_the_path(panel) -> None:
    assert panel.select_argument(55)  # 1 → 3 → 54 → 55
    current = panel.tree.currentIndex()
    assert current.data(IdRole) == 55
    parent = current.parent()
    while parent.isValid():
        assert panel.tree.isExpanded(parent)
        parent = parent.parent()
    assert current.parent().data(IdRole) == 54
    assert panel.selected_sources() == [("argument", 55)]


def test_filters_reduce_the_list(panel) -> None:
    combo = panel.filter_combos["kind"]
    combo.setCurrentIndex(combo.findData("risk"))
    model = panel.tree_model
    assert model.rowCount() == 4
    assert {model.index(r, 1).data() for r in range(4)} == {"Risk"}
    assert not panel.filter_row.isHidden() and "4" in panel.filter_label.text()
    assert panel.select_argument(13)
    assert panel.select_argument(1)  # not a risk: filters clear, the tree comes back
    assert combo.currentData() is None and panel.tree.currentIndex().data(IdRole) == 1


def test_drag_payload_from_multi_selection(panel) -> None:
    model, tree = panel.tree_model, panel.tree
    thesis = model.index(0, 0)
    first, second = model.index(0, 0, thesis), model.index(2, 0, thesis)
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    tree.selectionModel().select(first, flags)
    tree.selectionModel().select(second, flags)
    indexes = tree.selectionModel().selectedIndexes()
    refs = decode_sources(model.mimeData(indexes))
    assert refs == [("argument", first.data(IdRole)), ("argument", second.data(IdRole))]
    assert panel.selected_sources() == refs


def test_record_tabs_drag_and_actors_do_not(panel) -> None:
    panel.tabs.setCurrentWidget(panel.record_views["quote"])
    quotes = panel.record_models["quote"]
    assert quotes.rowCount() > 2
    indexes = [quotes.index(0, 0), quotes.index(0, 1), quotes.index(2, 0)]
    ids = [quotes.index(r, 0).data(IdRole) for r in (0, 2)]
    assert decode_sources(quotes.mimeData(indexes)) == [("quote", i) for i in ids]
    actors = panel.record_models["actor"]
    actors.ensure_loaded()
    assert actors.mimeData([actors.index(0, 0)]) is None
    assert not actors.flags(actors.index(0, 0)) & Qt.ItemFlag.ItemIsDragEnabled


def test_add_to_slide_signal(qtbot, panel) -> None:
    panel.select_argument(13)
    with qtbot.waitSignal(panel.addToSlideRequested) as blocker:
        panel.addToSlideRequested.emit(panel.selected_sources())
    assert blocker.args == [[("argument", 13)]]


def test_review_change_updates_status(panel, essay_store) -> None:
    panel.select_argument(4)
    added = add_review(essay_store, 4, "disputed", "", "Ana")
    panel.events_ref.changed.emit(added.changes, Origin())
    index = panel.tree_model.index_of(4)
    status = index.sibling(index.row(), 2)
    assert status.data(Qt.ItemDataRole.AccessibleTextRole) == "Disputed"


def test_refresh_keeps_selection(panel) -> None:
    panel.select_argument(55)
    panel.events_ref.changed.emit(Changes(arguments=frozenset({55})), Origin())
    assert panel.tree.currentIndex().data(IdRole) == 55


def test_every_control_has_an_accessible_name(panel) -> None:
    from PySide6.QtWidgets import QAbstractItemView, QComboBox, QLineEdit, QToolButton

    for kind in (QLineEdit, QComboBox, QToolButton, QAbstractItemView):
        for widget in panel.findChildren(kind):
            if widget.objectName().startswith("qt_"):
                continue
            assert widget.accessibleName(), widget


def test_detail_view_highlights_the_quote(qtbot, essay_store) -> None:
    view = DetailView(essay_store, StoreEvents())
    qtbot.addWidget(view)
    view.show_source("argument", 6)
    detail = argument_map.argument_detail(essay_store, 6)
    assert f'<span class="highlight">{html.escape(detail.quote)}</span>' in view.html
    for note in detail.footnotes:
        assert html.escape(note.text) in view.html
    assert "Footnotes" in view.browser.toPlainText()
    for kind in ("quote", "footnote", "event", "actor", "paragraph"):
        view.show_source(kind, 1)
        assert 'class="passage"' in view.html
    view.show_source("argument", 99_999)
    assert "no argument" in view.browser.toPlainText()


def test_detail_links_emit_source_activated(qtbot, essay_store) -> None:
    from PySide6.QtCore import QUrl

    view = DetailView(essay_store, StoreEvents())
    qtbot.addWidget(view)
    view.show_source("argument", 3)
    assert 'href="argument:1"' in view.html
    with qtbot.waitSignal(view.sourceActivated) as blocker:
        view.browser.anchorClicked.emit(QUrl("argument:1"))
    assert blocker.args == ["argument", 1]


def test_lazy_tree_on_a_large_store(qtbot, tmp_path: Path) -> None:
    from briefing_app.gui.library.models import RANGE

    store = synthetic_store(tmp_path / "syn.sqlite", arguments=5000)
    try:
        panel = LibraryPanel(store, StoreEvents())
        qtbot.addWidget(panel)
        model = panel.tree_model
        assert model.rowCount() == 1
        unlinked = model.index(0, 0)
        assert unlinked.data(IdRole) == UNLINKED_ID
        model.fetchMore(unlinked)
        # 5,000 unlinked arguments show as ranges of RANGE, each a group, not an argument
        ranges = model.rowCount(unlinked)
        assert ranges == -(-5000 // RANGE) > 1
        first = model.index(0, 0, unlinked)
        assert first.data() == f"Arguments 1–{RANGE:,}"
        assert first.data(KindRole) == "group" and model.refs([first]) == []
        model.fetchMore(first)
        assert model.rowCount(first) == RANGE  # rows are there, read only when shown
        assert model.index(0, 0, first).data(IdRole) is not None
        assert len(model.loaded_ids()) <= 2 * BATCH + 1

        with store.statements() as statements:  # the engine's and the plain-SQL reader's
            assert panel.select_argument(4321)
        current = panel.tree.currentIndex()
        assert current.data(IdRole) == 4321
        assert current.parent().parent() == unlinked
        n = (4321 - 1) // RANGE  # the range holding it (ids are rows + 1 here)
        assert current.parent().data() == f"Arguments {n * RANGE + 1:,}–{(n + 1) * RANGE:,}"
        # selection reads the argument's page, beside it by id, not every argument above it
        assert len(model.loaded_ids()) <= 4 * BATCH + 1
        assert not any("OFFSET" in s for s in statements)
        row, offset = current.row(), n * RANGE + current.row()
        shown = [model.index(r, 0, current.parent()).data(IdRole) for r in range(row - 3, row + 4)]
        stored = argument_map.children(store, UNLINKED_ID, offset - 3, 7)
        assert shown == [node.id for node in stored]
        assert len(statements) < 40
    finally:
        store.close()


def test_detail_view_draws_a_map_preview(qtbot, essay_store) -> None:
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QTextDocument

    from briefing_app.gui.events import StoreEvents
    from briefing_app.gui.library.detail import PREVIEW_URL, DetailView
    from briefing_app.services import maps

    view = DetailView(essay_store, StoreEvents())
    qtbot.addWidget(view)
    kosovo = next(m for m in maps.list_maps(essay_store) if m.key == "kosovo-north")
    view.show_source("map", kosovo.id)
    assert f'src="{PREVIEW_URL}"' in view.html and "Arguments it illustrates" in view.html
    image = view.browser.document().resource(
        QTextDocument.ResourceType.ImageResource, QUrl(PREVIEW_URL)
    )
    assert not image.isNull() and image.width() >= 240


def test_footnotes_name_their_document_once_there_are_several(qtbot, essay_store, tmp_path) -> None:
    from briefing_app.services.bootstrap import import_file

    source = tmp_path / "second-note.md"
    source.write_text("# A second note\n\nIt says one thing.[^1]\n\n[^1]: Its only footnote.\n",
                      encoding="utf-8")  # fmt: skip
    import_file(essay_store, source)
    panel = LibraryPanel(essay_store, StoreEvents(), None)
    qtbot.addWidget(panel)
    model = panel.record_models["footnote"]
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == ["No.", "Footnote", "Document"]
