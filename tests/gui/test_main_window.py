"""The main window: wiring, shortcuts, accessibility, persistence, screenshot mode."""

from __future__ import annotations

import html
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
)

from briefing_app.gui.main_window import DEFAULT_DECK, MainWindow


@pytest.fixture
def window(qtbot, essay_store):
    win = MainWindow(essay_store)
    qtbot.addWidget(win)
    win.restore_settings()
    win.open_initial_deck(None)
    win.show()
    return win


def _shortcuts(win: MainWindow) -> set[str]:
    keys = set()
    for action in win.findChildren(type(win.undo_action)):
        keys |= {s.toString() for s in action.shortcuts()}
    return keys


def test_standard_shortcuts_are_bound(window) -> None:
    keys = _shortcuts(window)
    for wanted in ("Ctrl+Z", "Ctrl+Shift+Z", "Ctrl+Y", "Ctrl+S", "Ctrl+E", "Ctrl+F", "Del"):
        assert QKeySequence(wanted).toString() in keys, wanted


def test_first_start_opens_the_default_briefing(window) -> None:
    assert window.deck_editor.current_deck() == DEFAULT_DECK


@pytest.mark.parametrize("mode", [0, 1], ids=["slides", "review"])
def test_every_control_has_an_accessible_name(window, mode: int) -> None:
    window.modes.setCurrentIndex(mode)  # review mode is built when first shown
    kinds = (QAbstractButton, QComboBox, QLineEdit, QPlainTextEdit, QTextEdit, QAbstractItemView)
    unnamed = [
        f"{type(w).__name__}:{w.objectName()}"
        for kind in kinds
        for w in window.findChildren(kind)
        if w.isVisible() and not w.accessibleName() and not w.objectName().startswith("qt_")
    ]
    assert unnamed == []


def test_add_to_slide_from_library_selection(window, qtbot) -> None:
    before = sum(len(s.items) for s in _deck(window).slides)
    assert window.library.select_argument(1)  # what a click in the tree selects
    window.actions_by_id["add_to_slide"].trigger()
    assert sum(len(s.items) for s in _deck(window).slides) == before + 1
    window.undo_action.trigger()
    assert sum(len(s.items) for s in _deck(window).slides) == before


def test_settings_persist_across_restart(qtbot, essay_store) -> None:
    first = MainWindow(essay_store)
    qtbot.addWidget(first)
    first.restore_settings()
    first.open_initial_deck(None)
    first.show()
    first.resize(760, 560)  # narrow: Details folded away
    first.splitter.setSizes([300, 700, 0])
    first.modes.setCurrentIndex(1)
    sizes = first.splitter.sizes()
    first.close()
    assert QSettings().value("deck/last") == DEFAULT_DECK
    second = MainWindow(essay_store)
    qtbot.addWidget(second)
    second.restore_settings()
    second.open_initial_deck(None)
    second.show()
    assert second.size().width() == first.size().width()
    assert second.modes.currentIndex() == 1
    assert second.splitter.sizes() == sizes
    assert second.deck_editor.current_deck() == DEFAULT_DECK


def test_screenshot_mode_writes_a_png(tmp_path: Path, essay_store_path: Path) -> None:
    from briefing_app.gui.app import main

    png = tmp_path / "shot.png"
    assert main(["--db", str(essay_store_path), "--screenshot", str(png)]) == 0
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 20_000


def test_screenshot_waits_until_the_maps_are_drawn(
    tmp_path: Path, essay_store_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The default briefing has a map slide: the screenshot is taken only once its map's
    boundaries are read (in the background) and the deck laid out again with them."""
    from PySide6.QtGui import QPixmap

    from briefing_app.gui.app import main
    from briefing_app.maps import geodata

    png = str(tmp_path / "s.png")
    assert main(["--db", str(essay_store_path), "--screenshot", png]) == 0  # makes the deck
    geodata.subset.cache_clear()  # as on a fresh start: boundaries not read yet
    states: list[tuple[bool, bool]] = []
    grab = MainWindow.grab

    def grab_when(window: MainWindow, *args: object) -> QPixmap:
        states.append((window.is_drawn(), window.deck_editor.previewer.deferred))
        return grab(window, *args)

    monkeypatch.setattr(MainWindow, "grab", grab_when)
    assert main(["--db", str(essay_store_path), "--screenshot", png]) == 0
    assert states == [(True, False)]
    assert geodata.loaded()


def _deck(window: MainWindow):
    from briefing_app.services import decks

    return decks.get_deck(window.store, window.deck_editor.current_deck())


@pytest.mark.parametrize(
    ("name", "sentence"),
    [("missing/shot.png", "does not exist"), ("shot", "needs an extension")],
    ids=["missing-folder", "no-extension"],
)
def test_screenshot_that_cannot_be_written_fails_with_a_sentence(
    tmp_path: Path, essay_store_path: Path, capsys, name: str, sentence: str
) -> None:
    from briefing_app.gui.app import main

    code = main(["--db", str(essay_store_path), "--screenshot", str(tmp_path / name)])
    assert code != 0 and sentence in capsys.readouterr().err
    assert not (tmp_path / name).exists()


def test_screenshot_size_and_unknown_deck(tmp_path: Path, essay_store_path: Path, capsys) -> None:
    from PySide6.QtGui import QImage

    from briefing_app.gui.app import main

    png = tmp_path / "small.png"
    db = str(essay_store_path)
    assert main(["--db", db, "--screenshot", str(png), "--size", "1024x700"]) == 0
    assert QImage(str(png)).size().toTuple() == (1024, 700)
    code = main(["--db", db, "--deck", "No such deck", "--screenshot", str(png)])
    assert code != 0 and "There is no deck named “No such deck”" in capsys.readouterr().err


def test_window_title_names_the_deck_and_marks_edits(window) -> None:
    assert window.windowTitle() == f"{DEFAULT_DECK}[*] — Briefing"
    assert not window.isWindowModified()
    window.actions_by_id["new_slide"].trigger()
    assert window.isWindowModified()
    window.actions_by_id["save"].trigger()
    assert not window.isWindowModified()


def test_deck_properties_from_a_double_click_on_the_cover(window, qtbot) -> None:
    from PySide6.QtCore import QPointF, Qt

    from briefing_app.gui.deck_properties import NO_MARKING

    editor = window.deck_editor
    cover = next(s for s in _deck(window).slides if s.layout == "title")
    editor.select_slide(cover.id)
    author = next(b for b in editor.current_slide().first.boxes if b.name == "Byline")
    page, scale = editor.canvas.page_rect(), editor.canvas._scale()
    where = QPointF(page.x() + (author.x + 4) * scale, page.y() + (author.y + 4) * scale)
    qtbot.mouseDClick(editor.canvas, Qt.MouseButton.LeftButton, pos=where.toPoint())
    dialog = window.properties_dialog
    assert dialog.isVisible() and dialog.fields["author"].text() == "Policy unit"
    dialog.fields["author"].setText("Western Balkans unit")
    dialog.marking.setCurrentText("EYES ONLY")  # typed, not in the list
    dialog.accept()
    deck = _deck(window)
    assert (deck.author, deck.marking) == ("Western Balkans unit", "EYES ONLY")
    window.undo_action.trigger()  # one step back: both as they were
    deck = _deck(window)
    assert (deck.author, deck.marking) == ("Policy unit", None)
    window.actions_by_id["deck_properties"].trigger()
    dialog = window.properties_dialog
    offered = [dialog.marking.itemText(i) for i in range(dialog.marking.count())]
    assert offered[0] == NO_MARKING and "EYES ONLY" in offered and "OFFICIAL" in offered
    title = dialog.fields["title"]  # a title longer than its field reads from its start
    assert title.cursorPosition() == 0 and title.text() == _deck(window).title
    dialog.reject()


@pytest.mark.parametrize("size", [(1600, 960), (1280, 720), (1024, 700)], ids=str)
def test_nothing_that_matters_is_clipped(window, size: tuple[int, int]) -> None:
    from PySide6.QtWidgets import QApplication, QToolButton

    window.resize(*size)
    window.fit_panes()
    QApplication.processEvents()
    assert window.width() == size[0]  # the panes' minimums fit the window
    bar = window.library.tabs.tabBar()
    arrows = [b for b in bar.findChildren(QToolButton) if b.isVisible()]
    assert arrows == [] and bar.width() >= bar.sizeHint().width()
    info = window.deck_editor.slide_info
    assert info.text().startswith("Slide 1 of ")
    assert info.width() >= info.fontMetrics().horizontalAdvance(info.text())
    for combo in window.library.filter_combos.values():
        longest = max(combo.itemText(i) for i in range(combo.count()))
        assert combo.width() >= combo.minimumSizeHint().width(), longest
    if size[0] >= 1200:
        assert window.detail.isVisible() and window.detail.width() >= 220
    else:  # folded away, and one shortcut away
        assert not window.detail.isVisible()
        window.actions_by_id["show_details"].trigger()
        assert window.detail.isVisible()


def test_a_geometry_saved_on_another_screen_is_ignored(qtbot, essay_store) -> None:
    first = MainWindow(essay_store)
    qtbot.addWidget(first)
    first.resize(1066, 406)
    first.save_settings()
    QSettings().setValue("window/screen", [3840, 2160])  # saved on a bigger screen
    second = MainWindow(essay_store)
    qtbot.addWidget(second)
    second.restore_settings()
    screen = second.screen().availableGeometry()
    assert second.size().toTuple() != (1066, 406)
    assert second.width() == min(1600, round(screen.width() * 0.94))


def _press_ok(qtbot, dialog) -> None:
    from PySide6.QtCore import Qt

    ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)


def test_deck_properties_pick_a_house_template(window, qtbot, tmp_path) -> None:
    from briefing_app.gui.deck_properties import OUR_TEMPLATE
    from briefing_app.services import templates
    from briefing_app.templates.build_default import DEFAULT_TEMPLATE

    templates.add_template(window.store, DEFAULT_TEMPLATE, "Ministry 2026")
    name = window.deck_editor.current_deck()
    window.actions_by_id["deck_properties"].trigger()
    dialog = window.properties_dialog
    offered = [dialog.template.itemText(i) for i in range(dialog.template.count())]
    assert offered == [OUR_TEMPLATE, "Ministry 2026"]
    assert dialog.template.currentText() == OUR_TEMPLATE
    dialog.template.setCurrentText("Ministry 2026")
    _press_ok(qtbot, dialog)
    assert templates.deck_template_name(window.store, name) == "Ministry 2026"
    window.actions_by_id["deck_properties"].trigger()
    dialog = window.properties_dialog
    assert dialog.template.currentText() == "Ministry 2026"
    dialog.template.setCurrentText(OUR_TEMPLATE)
    _press_ok(qtbot, dialog)
    assert templates.deck_template_name(window.store, name) is None
    window.undo_action.trigger()  # a change of template is undone as any other edit
    assert templates.deck_template_name(window.store, name) == "Ministry 2026"


def test_deck_properties_add_a_house_template_from_a_file(window, qtbot, tmp_path) -> None:
    """Add… stores a .potx/.pptx the user picks and selects it; OK makes the deck use it.
    A bad file is refused in one sentence and nothing is stored."""
    from PySide6.QtCore import Qt

    from briefing_app.services import templates
    from briefing_app.templates.build_default import DEFAULT_TEMPLATE

    house = tmp_path / "Ministry 2027.pptx"
    house.write_bytes(DEFAULT_TEMPLATE.read_bytes())
    bad = tmp_path / "notes.pptx"
    bad.write_text("not a presentation")
    failures: list[str] = []
    window.ops.failed.connect(lambda sentence, *_: failures.append(sentence))
    name = window.deck_editor.current_deck()
    window.actions_by_id["deck_properties"].trigger()
    dialog = window.properties_dialog
    dialog.choose_template_file = lambda: bad
    qtbot.mouseClick(dialog.add_template_button, Qt.MouseButton.LeftButton)
    assert failures == ["notes.pptx is not a PowerPoint file (.pptx or .potx)."]
    assert templates.list_templates(window.store) == []
    dialog.choose_template_file = lambda: house
    qtbot.mouseClick(dialog.add_template_button, Qt.MouseButton.LeftButton)
    assert dialog.template.currentText() == "Ministry 2027"
    assert [t.name for t in templates.list_templates(window.store)] == ["Ministry 2027"]
    _press_ok(qtbot, dialog)
    assert templates.deck_template_name(window.store, name) == "Ministry 2027"


def test_a_4_3_templates_slides_keep_their_shape_on_the_canvas_and_in_the_strip(
    window, qtbot, tmp_path
) -> None:
    """python-pptx's own template is 4:3: a deck in it is laid out on a 4:3 page (as the
    PDF and PPTX are), and the canvas and thumbnails show that page unsqueezed."""
    from pptx import Presentation

    from briefing_app.services import templates

    path = tmp_path / "four-by-three.pptx"
    Presentation().save(str(path))
    templates.add_template(window.store, path, "Four by three")
    window.actions_by_id["deck_properties"].trigger()
    dialog = window.properties_dialog
    dialog.template.setCurrentText("Four by three")
    _press_ok(qtbot, dialog)
    editor = window.deck_editor
    laid = editor.current_slide().first
    assert laid.width / laid.height == pytest.approx(4 / 3)
    page = editor.canvas.page_rect()
    assert page.width() / page.height() == pytest.approx(4 / 3, abs=0.01)
    strip = editor.strip
    row = strip.visualRect(strip.slide_model.index(0))
    thumb = strip.itemDelegate().thumb_size(laid)
    assert thumb.width() / thumb.height() == pytest.approx(4 / 3, abs=0.02)
    assert row.height() >= thumb.height()


def test_review_panel_and_details_show_the_same_argument(window) -> None:
    from briefing_app.services import library

    window.actions_by_id["show_review"].trigger()
    review = window.review
    for argument_id in review.reader.argument_ids()[:3]:
        assert window.library.select_argument(argument_id)  # picked in the library
        assert review.current_argument() == argument_id
        label = library.argument(window.store, argument_id).label
        assert label in window.detail.browser.toPlainText()
        assert html.escape(label) in review.panel.title_label.text()


def test_delete_on_the_agenda_asks_first_and_undo_brings_it_back(window, qtbot) -> None:
    from PySide6.QtCore import Qt

    editor = window.deck_editor
    editor.open_deck("Full read-ahead")  # the long version has an agenda slide
    agenda = next(s for s in _deck(window).slides if s.layout == "agenda")
    editor.select_slide(agenda.id)
    qtbot.mouseClick(editor.canvas, Qt.MouseButton.LeftButton,
                     pos=editor.canvas.page_rect().center().toPoint())  # fmt: skip
    asked: list[str] = []
    editor.confirm = lambda title, text: asked.append(text) is not None  # No
    window.actions_by_id["delete"].trigger()
    assert asked == ["Delete “Agenda”? Undo brings it back."]
    assert any(s.id == agenda.id for s in _deck(window).slides)
    editor.confirm = lambda title, text: True
    window.actions_by_id["delete"].trigger()
    assert all(s.id != agenda.id for s in _deck(window).slides)
    window.undo_action.trigger()
    assert any(s.id == agenda.id for s in _deck(window).slides)


def test_the_window_shows_its_panes_loading_until_the_store_is_attached(qtbot, essay_store) -> None:
    """Built without a store (as the app paints it first): menus and toolbar are there, the
    actions that need the store are disabled, the panes say they are loading; attaching
    the store puts the panels in, and the deck pane waits for the deck to open."""
    from briefing_app.gui.loading import LoadingLibrary, LoadingPane
    from briefing_app.gui.main_window import ALWAYS_ENABLED

    win = MainWindow()
    qtbot.addWidget(win)
    win.restore_settings(open_deck=False)
    win.show()
    qtbot.waitUntil(lambda: win.painted)
    assert not win.is_loaded and not win.is_drawn()
    menus = [action.text() for action in win.menuBar().actions()]
    assert menus == ["&File", "&Edit", "&View", "&Deck", "&Help"]
    enabled = {name for name, action in win.actions_by_id.items() if action.isEnabled()}
    assert enabled == set(ALWAYS_ENABLED)
    loading = win.splitter.widget(0)
    assert isinstance(loading, LoadingLibrary) and "Loading" in loading.label.text()
    library_width = win.splitter.sizes()[0]

    win.actions_by_id["new_slide"].trigger()  # disabled: nothing happens, nothing breaks
    details_shown = win.splitter.widget(2).isVisible()
    win.actions_by_id["show_details"].trigger()  # works while loading
    assert win.splitter.widget(2).isVisible() is not details_shown
    win.actions_by_id["show_details"].trigger()
    assert win.splitter.widget(2).isVisible() is details_shown

    win.attach_store(essay_store, show_deck_editor=False)
    assert win.is_loaded and win.splitter.widget(0) is win.library
    assert win.splitter.sizes()[0] == library_width  # the real panel where the pane was
    assert win.library.tabs_width() == loading.tabs_width()
    assert all(action.isEnabled() for action in win.actions_by_id.values())
    assert win.findChild(LoadingPane, "deckLoading") is not None
    assert not win.deck_editor.isVisible()

    win.show_initial_deck(win.initial_deck(None))
    assert win.deck_editor.isVisible() and win.deck_editor.current_deck() == DEFAULT_DECK
    qtbot.waitUntil(lambda: win.findChild(LoadingPane, "deckLoading") is None)
    qtbot.waitUntil(win.is_drawn, timeout=30_000)  # the maps' boundaries read and drawn
    assert not win.deck_editor.previewer.deferred


def test_quit_while_loading_closes_the_window(qtbot) -> None:
    win = MainWindow()
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.painted)
    win.actions_by_id["quit"].trigger()
    assert not win.isVisible()
    assert QSettings().value("window/geometry") is not None  # the frame's settings kept
