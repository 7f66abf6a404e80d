"""Every action in the menus and toolbars, through its real path, on a fresh store.

Each action is triggered as the menu would, clicked where a toolbar or button shows it,
and pressed through each of its shortcuts. After each, the store or the view must have
changed as the last status message says (or the action is disabled), and no message may
report success after an error. A new action without a probe here fails the test.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMenu, QMessageBox, QToolBar, QWidget

from briefing_app.gui.main_window import MainWindow
from briefing_app.services import decks as service

FAILURE = re.compile(r"^(Could not|Cannot|The export failed|.*could not be)", re.IGNORECASE)


@dataclass
class Run:
    """What one firing of an action saw: the state before and the messages it showed."""

    win: MainWindow
    before: dict
    messages: list[str] = field(default_factory=list)

    @property
    def last(self) -> str:
        return self.messages[-1] if self.messages else ""


@dataclass
class Probe:
    """How to set up for an action and how to tell that it did what it said."""

    check: Callable[[Run], None]
    prepare: Callable[[MainWindow], None] = lambda win: None
    focus: Callable[[MainWindow], QWidget] | None = None  # where its shortcut is pressed


def _deck(win: MainWindow):
    return service.get_deck(win.store, win.deck_editor.current_deck())


def _state(win: MainWindow) -> dict:
    name = win.deck_editor.current_deck()
    # Snapshots, not get_deck: counting needs no item's source resolved.
    slides = service.deck_slides(win.store, service.get_deck_id(win.store, name)) if name else []
    return {
        "decks": [n for n, _, _ in service.list_decks(win.store)],
        "deck": name,
        "slides": len(slides),
        "items": sum(len(s.items) for s in slides),
        "undo": _stack(win).index() if _stack(win) is not None else 0,
        "mode": win.modes.currentIndex(),
        "details": win.detail.isVisible(),
    }


def _stack(win: MainWindow):
    return win.undo_group.activeStack()


def _says(run: Run, pattern: str) -> None:
    assert re.search(pattern, run.last), f"status was {run.last!r}, expected /{pattern}/"


_names = (f"Probe deck {n}" for n in itertools.count(1))


def _answer_text(title: str, label: str, default: str) -> str:
    return next(_names)


# --- preparations -------------------------------------------------------------------------


def _open_default(win: MainWindow) -> None:
    decks = service.list_decks(win.store)
    wanted = next((name for name, _, count in decks if count), decks[0][0])
    win.deck_editor.open_deck(wanted)
    win.modes.setCurrentIndex(0)


def _on_argument_slide(win: MainWindow) -> None:
    _open_default(win)
    slide = next(s for s in _deck(win).slides if s.layout == "argument" and s.items)
    win.deck_editor.select_slide(slide.id)


def _select_point(win: MainWindow) -> None:
    _on_argument_slide(win)
    editor = win.deck_editor
    editor.canvas.select_item(editor.current_slide().record.items[0].id)
    editor.canvas.setFocus()


def _edited_point(win: MainWindow) -> None:
    _on_argument_slide(win)
    editor = win.deck_editor
    item = editor.current_slide().record.items[0]
    win.ops.run(lambda: service.set_item_text(win.store, item.id, "Reworded by the probe."))
    editor.canvas.select_item(item.id)


def _library_argument(win: MainWindow) -> None:
    _on_argument_slide(win)
    on_slide = {i.source_id for i in win.deck_editor.current_slide().record.items}
    pick = next(n for n in itertools.count(1) if n not in on_slide)
    assert win.library.select_argument(pick)


def _scratch_deck(win: MainWindow) -> None:
    name = next(_names)
    deck = win.ops.run(lambda: service.create_deck(win.store, name))
    win.ops.run(lambda: service.add_slide(win.store, deck.name, "argument", title="Scratch"))
    win.deck_editor.open_deck(deck.name)


def _typed_notes(win: MainWindow) -> None:
    _open_default(win)
    edit = win.deck_editor.notes.edit
    edit.setFocus()
    edit.moveCursor(edit.textCursor().MoveOperation.End)
    QTest.keyClicks(edit, " probe")


def _undoable_edit(win: MainWindow) -> None:
    _open_default(win)
    win.actions_by_id["new_slide"].trigger()


def _undone_edit(win: MainWindow) -> None:
    _undoable_edit(win)
    _stack(win).undo()


# --- checks ---------------------------------------------------------------------------------


def _created(run: Run, from_default: bool) -> None:
    after = _state(run.win)
    _says(run, r"^Created the deck “Probe deck \d+”\.$")
    assert after["deck"] not in run.before["decks"] and after["deck"] in after["decks"]
    assert (after["slides"] > 0) == from_default


def _renamed(run: Run) -> None:
    after = _state(run.win)
    _says(run, f"^Renamed the deck to “{re.escape(after['deck'])}”")
    assert run.before["deck"] not in after["decks"] and after["deck"] in after["decks"]


def _duplicated(run: Run) -> None:
    after = _state(run.win)
    _says(run, f"^Copied the deck to “{re.escape(after['deck'])}”")
    assert after["slides"] == run.before["slides"] and after["deck"] not in run.before["decks"]


def _deleted_deck(run: Run) -> None:
    after = _state(run.win)
    _says(run, f"^Deleted the deck “{re.escape(run.before['deck'])}”")
    assert run.before["deck"] not in after["decks"]


def _saved(run: Run) -> None:
    _says(run, "^All changes are saved")
    assert _deck(run.win).slides[0].notes.endswith("probe")


def _exported(fmt: str) -> Callable[[Run], None]:
    def check(run: Run) -> None:
        _says(run, r"^Exported .+\.(pptx|pdf)\.$")
        path = run.win.deck_editor.last_export.path
        assert path.exists() and path.stat().st_size > 1000
        assert path.suffix == (".pptx" if fmt == "pptx" else ".pdf")
        assert ("handout" in path.name) == (fmt == "handout")
        path.unlink()

    return check


def _review_report(run: Run) -> None:
    _says(run, "^Review report written to")
    assert run.win.review.last_report.exists()
    run.win.review.last_report.unlink()


def _deleted_point(run: Run) -> None:
    _says(run, r"^Deleted the point")
    assert _state(run.win)["items"] == run.before["items"] - 1


def _added(run: Run) -> None:
    _says(run, r"^Added 1 item to the deck\.")
    assert _state(run.win)["items"] == run.before["items"] + 1


def _reset(run: Run) -> None:
    _says(run, r"^Put the source's wording back\.$")
    item = run.win.deck_editor.current_slide().record.items[0]
    assert item.text == item.source_text


def _new_slide(run: Run) -> None:
    _says(run, r"^Added a slide\.")
    after = _state(run.win)
    assert after["slides"] == run.before["slides"] + 1
    assert after["undo"] == run.before["undo"] + 1


def _part_set(run: Run) -> None:
    _says(run, r"^Slide \d+ is now in the part “Probe part \d+”")
    slide = run.win.deck_editor.current_slide()
    assert slide is not None and slide.record.part in run.last
    assert slide.record.part in run.win.deck_editor.preview.record.parts
    assert _state(run.win)["undo"] == run.before["undo"] + 1


def _part_renamed(run: Run) -> None:
    _says(run, r"^Renamed the part “.+” to “Renamed part \d+” on \d+ slides?\.$")
    parts = run.win.deck_editor.preview.record.parts
    assert any(p.startswith("Renamed part") for p in parts)
    assert _state(run.win)["undo"] == run.before["undo"] + 1  # one step


def _in_a_part(win: MainWindow) -> None:
    """On a slide of a part (the first probe of Slide Part… made one if none had)."""
    _open_default(win)
    slide = next((s for s in _deck(win).slides if s.part), None)
    if slide is None:
        _on_argument_slide(win)
        win.deck_editor.set_slide_part()
        slide = next(s for s in _deck(win).slides if s.part)
    win.deck_editor.select_slide(slide.id)


def _found(run: Run) -> None:
    assert QApplication.focusWidget() is run.win.library.search_field


def _mode(index: int) -> Callable[[Run], None]:
    def check(run: Run) -> None:
        assert run.win.modes.currentIndex() == index

    return check


def _about(run: Run) -> None:
    box = run.win.findChild(QMessageBox, "aboutBox")
    assert box is not None and box.isVisible() and "Briefing" in box.text()
    assert "Version " in box.text() and run.win.store.display_location in box.text()
    box.done(0)


def _undone(run: Run) -> None:
    assert _state(run.win)["slides"] == run.before["slides"] - 1


def _redone(run: Run) -> None:
    assert _state(run.win)["slides"] == run.before["slides"] + 1


def _properties(run: Run) -> None:
    dialog = run.win.properties_dialog
    assert dialog.isVisible()
    distribution = f"Probe office {next(_names)}"
    dialog.fields["distribution"].setText(distribution)
    dialog.marking.setCurrentText("OFFICIAL-SENSITIVE")
    QTest.mouseClick(
        dialog.buttons.button(dialog.buttons.StandardButton.Ok), Qt.MouseButton.LeftButton
    )
    deck = _deck(run.win)
    assert (deck.distribution, deck.marking) == (distribution, "OFFICIAL-SENSITIVE")
    message = run.win.statusBar().currentMessage()
    assert message.startswith("Changed the deck's") and "distribution line" in message


def _presented(from_current: bool) -> Callable[[Run], None]:
    def check(run: Run) -> None:
        _says(run, r"^Presenting “.+”.*; Esc ends the slideshow\.$")
        session = run.win.slideshow
        assert session.show_window.isVisible()
        current = run.win.deck_editor.current_slide()
        start = current.first.number - 1 if from_current else 0
        assert session.presentation.index == start
        QTest.keyClick(session.focus_widget(), Qt.Key.Key_Escape)
        assert not session.show_window.isVisible()

    return check


def _shortcuts_sheet(run: Run) -> None:
    dialog = run.win.shortcuts_dialog
    assert dialog.isVisible()
    table = dialog.table
    rows = {(table.item(r, 1).text(), table.item(r, 2).text()) for r in range(table.rowCount())}
    assert ("Ctrl+M", "New Slide") in rows and ("F5", "Present from Beginning") in rows
    assert ("?", "Keyboard Shortcuts") in rows
    dialog.done(0)


def _guide(run: Run) -> None:
    dialog = run.win.guide_dialog
    text = dialog.text.toPlainText()
    assert dialog.isVisible() and "Find an argument" in text and "Export" in text
    dialog.done(0)


def _printed(what: str) -> Callable[[Run], None]:
    def check(run: Run) -> None:
        from briefing_app.gui.printing import page_count

        _says(run, rf"^Printed \d+ pages of the {what} on .+\.pdf\.$")
        pages = int(run.last.split()[1])
        path = Path(run.last.rsplit(" on ", 1)[1][:-1])
        assert page_count(path) == pages > 0
        if what == "deck":
            assert pages == len(run.win.deck_editor.preview.laid_slides)
        path.unlink()

    return check


def _details_toggled(run: Run) -> None:
    shown = run.win.actions_by_id["show_details"].isChecked()
    assert run.win.detail.isVisible() == shown
    assert run.before["details"] != shown


def _quit(run: Run) -> None:
    assert not run.win.isVisible()


def _library_view(win: MainWindow) -> QWidget:
    return win.library._last_view


PROBES: dict[str, Probe] = {
    "action_new_deck": Probe(lambda r: _created(r, False), _open_default),
    "action_new_default_deck": Probe(lambda r: _created(r, True), _open_default),
    "action_rename_deck": Probe(_renamed, _scratch_deck, lambda w: w.deck_editor.deck_list.combo),
    "action_duplicate_deck": Probe(_duplicated, _open_default),
    "action_delete_deck": Probe(_deleted_deck, _scratch_deck),
    "action_deck_properties": Probe(_properties, _open_default),
    "action_print_deck": Probe(_printed("deck"), _open_default),
    "action_print_handout": Probe(_printed("handout"), _open_default),
    "action_print_review": Probe(_printed("review report"), _open_default),
    "action_save": Probe(_saved, _typed_notes, lambda w: w.deck_editor.notes.edit),
    "action_export_pptx": Probe(_exported("pptx"), _open_default),
    "action_export_pdf": Probe(_exported("pdf"), _open_default),
    "action_export_handout": Probe(_exported("handout"), _open_default),
    "action_export_review": Probe(_review_report, _open_default),
    "action_delete": Probe(_deleted_point, _select_point, lambda w: w.deck_editor.canvas),
    "action_add_to_slide": Probe(_added, _library_argument, _library_view),
    "action_reset_to_source": Probe(_reset, _edited_point, lambda w: w.deck_editor.canvas),
    "action_new_slide": Probe(_new_slide, _open_default),
    "action_slide_part": Probe(_part_set, _on_argument_slide),
    "action_rename_part": Probe(_part_renamed, _in_a_part),
    "action_find": Probe(_found, _open_default),
    "action_show_details": Probe(_details_toggled),
    "action_present": Probe(_presented(False), _on_argument_slide),
    "action_present_current": Probe(_presented(True), _on_argument_slide),
    "action_show_slides": Probe(_mode(0), lambda w: w.modes.setCurrentIndex(1)),
    "action_show_review": Probe(_mode(1), _open_default),
    "action_about": Probe(_about),
    "action_shortcuts": Probe(_shortcuts_sheet),
    "action_guide": Probe(_guide),
    "action_undo": Probe(_undone, _undoable_edit),
    "action_redo": Probe(_redone, _undone_edit),
    "newSlideButton": Probe(_new_slide, _open_default),
    "action_quit": Probe(_quit),
}


def _key(action: QAction) -> str:
    return action.objectName()


@pytest.fixture
def window(qtbot, essay_store, tmp_path: Path):
    win = MainWindow(essay_store)
    qtbot.addWidget(win)
    win.restore_settings()
    win.open_initial_deck(None)
    win.resize(1600, 960)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    editor = win.deck_editor
    editor.ask_text = _answer_text
    parts = (f"Probe part {n}" for n in itertools.count(1))
    editor.ask_part = lambda current, known: next(parts)
    renames = (f"Renamed part {n}" for n in itertools.count(1))
    editor.ask_part_rename = lambda current, known: (current, next(renames))
    editor.confirm = lambda title, question: True
    editor.choose_export_path = lambda fmt, suggested: tmp_path / suggested.name
    win.review.choose_report_path = lambda suggested: tmp_path / suggested.name
    win.review.offer_open = lambda path: None
    printed = itertools.count(1)

    def to_pdf(printer, what: str) -> bool:
        printer.setOutputFormat(printer.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(tmp_path / f"printed-{next(printed)}.pdf"))
        return True

    win.choose_printer = to_pdf
    return win


def _activate(win: MainWindow) -> None:
    win.activateWindow()
    win.windowHandle().requestActivate()
    QApplication.processEvents()
    assert QApplication.activeWindow() is win


def _fire(win: MainWindow, probe: Probe, fire: Callable[[], None]) -> Run:
    probe.prepare(win)
    QApplication.processEvents()
    run = Run(win, _state(win))
    win.statusBar().clearMessage()  # a repeated message would not signal again
    win.statusBar().messageChanged.connect(lambda text: text and run.messages.append(text))
    try:
        fire()
        QApplication.processEvents()
        for box in win.findChildren(QMessageBox, "exportWarningsBox"):
            if box.isVisible():  # an export that warns asks first: answer it as a user would
                next(b for b in box.buttons() if b.text() == "Export anyway").click()
                QApplication.processEvents()
    finally:
        win.statusBar().messageChanged.disconnect()
    for box in win.findChildren(QMessageBox):
        if box.objectName() != "aboutBox" and box.isVisible():
            box.done(0)  # close() is ignored by a box without an Escape button
    return run


def _check(name: str, path: str, run: Run, probe: Probe) -> None:
    failed = [i for i, m in enumerate(run.messages) if FAILURE.search(m)]
    assert not failed or failed[-1] == len(run.messages) - 1, (
        f"{name} via {path} reported {run.messages[failed[-1] + 1 :]} after {run.messages}"
    )
    try:
        probe.check(run)
    except AssertionError as exc:
        raise AssertionError(f"{name} via {path}: {exc} (messages {run.messages})") from exc


def test_every_action_does_what_it_says(window: MainWindow, qtbot) -> None:
    menu_actions = [a for m in window.menuBar().findChildren(QMenu) for a in m.actions()]
    assert set(window.deck_editor.deck_list.actions_by_id.values()) <= set(menu_actions)  # shared
    toolbars = window.findChildren(QToolBar)
    toolbar_actions = {id(a): (t, a) for t in toolbars for a in t.actions()}
    actions = [a for a in menu_actions if not a.isSeparator() and not a.menu()]
    actions += [a for t, a in toolbar_actions.values() if a not in actions]
    names = {_key(a) for a in actions} | {"newSlideButton"}
    assert names - set(PROBES) == set(), "actions without a probe"
    assert "" not in names

    tried: list[str] = []
    quit_action = None
    for action in actions:
        name = _key(action)
        if name == "action_quit":
            quit_action = action
            continue
        probe = PROBES[name]
        probe.prepare(window)
        if not action.isEnabled():
            tried.append(f"{name} (disabled)")
            continue
        _check(name, "menu", _fire(window, probe, action.trigger), probe)
        if id(action) in toolbar_actions:
            toolbar, _ = toolbar_actions[id(action)]
            button = toolbar.widgetForAction(action)
            click = lambda b=button: QTest.mouseClick(b, Qt.MouseButton.LeftButton)  # noqa: E731
            _check(name, "toolbar", _fire(window, probe, click), probe)
        for sequence in action.shortcuts():

            def press(seq: QKeySequence = sequence, p: Probe = probe) -> None:
                target = p.focus(window) if p.focus else window.deck_editor.deck_list.combo
                _activate(window)  # a closed message box may have held the focus
                target.setFocus()
                QTest.keySequence(target, seq)

            _check(name, sequence.toString(), _fire(window, probe, press), probe)
        tried.append(name)

    editor = window.deck_editor
    for label, button, probe in (
        ("+ New Slide", editor.new_slide_button, PROBES["newSlideButton"]),
        ("New…", editor.deck_list.button, PROBES["action_new_deck"]),
    ):
        click = lambda b=button: QTest.mouseClick(b, Qt.MouseButton.LeftButton)  # noqa: E731
        _check(label, "button", _fire(window, probe, click), probe)

    assert quit_action is not None
    quit = PROBES["action_quit"]
    _check("Quit", "menu", _fire(window, quit, quit_action.trigger), quit)
    window.show()
    _activate(window)
    press = lambda: QTest.keySequence(window, quit_action.shortcuts()[0])  # noqa: E731
    _check("Quit", "shortcut", _fire(window, quit, press), quit)
    assert len(tried) == len(PROBES) - 2, tried
