"""Unexpected errors in the app: logged, shown once with "Copy details", never relabelled."""

from __future__ import annotations

import sys
import threading
from pathlib import Path

import pytest
from deck_editor_support import make_editor
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QPushButton

from briefing_app.gui import errors
from briefing_app.gui.main_window import MainWindow
from briefing_app.services import decks


@pytest.fixture
def reporter(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> errors.ErrorReporter:
    """A fresh reporter with its hooks installed, logging to a temp file."""
    monkeypatch.setenv("BRIEFING_LOG", str(tmp_path / "log" / "briefing.log"))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    monkeypatch.setattr(errors, "_reporter", None)
    handler = errors.install_error_handling()
    yield handler
    if handler.dialog is not None:
        handler.dialog.close()


@pytest.mark.qt_no_exception_capture
def test_an_exception_in_a_slot_is_logged_and_shown_once(qtbot, reporter, tmp_path) -> None:
    button = QPushButton("Go")
    qtbot.addWidget(button)

    def broken() -> None:
        raise KeyError("nobody foresaw Đukić")

    button.clicked.connect(broken)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: reporter.dialog is not None and reporter.dialog.isVisible())
    dialog = reporter.dialog
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)  # the same error again
    qtbot.wait(50)
    assert reporter.dialog is dialog  # shown once
    log = tmp_path / "log" / "briefing.log"
    assert log.read_text(encoding="utf-8").count("Traceback") == 2  # logged each time
    assert "KeyError: 'nobody foresaw Đukić'" in dialog.sentence
    assert str(log) in dialog.sentence
    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    copied = QGuiApplication.clipboard().text()
    assert "Traceback" in copied and "in broken" in copied and str(log) in copied
    assert dialog.copy_button.text() == "Copied"


@pytest.mark.qt_no_exception_capture
def test_an_exception_in_a_thread_is_shown_on_the_gui_thread(qtbot, reporter) -> None:
    def work() -> None:
        raise ValueError("background trouble")

    thread = threading.Thread(target=work, name="warm-up")
    thread.start()
    thread.join()
    qtbot.waitUntil(lambda: reporter.dialog is not None)
    assert "ValueError: background trouble" in reporter.dialog.sentence
    assert "working in the background (warm-up)" in reporter.dialog.sentence


def test_a_failing_deck_edit_is_not_relabelled(
    qtbot, reporter, deck_store, monkeypatch: pytest.MonkeyPatch
) -> None:
    editor = make_editor(qtbot, deck_store)
    editor.open_deck("Default briefing")
    slide = next(s for s in decks.get_deck(deck_store, "Default briefing").slides if s.items)
    editor.select_slide(slide.id)

    def broken(*_args, **_kwargs):
        raise ZeroDivisionError("a bug in the service")

    monkeypatch.setattr(decks, "reword_item", broken)  # the service a point edit calls
    editor.canvas.select_item(slide.items[0].id)
    editor.canvas.setFocus()
    qtbot.keyClick(editor.canvas, Qt.Key.Key_Return)
    editor.canvas.editor.selectAll()
    qtbot.keyClicks(editor.canvas.editor, "New wording")
    with qtbot.waitSignal(editor.statusMessage) as shown:
        qtbot.keyClick(editor.canvas.editor, Qt.Key.Key_Return)
    assert "unexpected error" in shown.args[0] and "changed" not in shown.args[0]
    qtbot.waitUntil(lambda: reporter.dialog is not None)
    assert "ZeroDivisionError: a bug in the service" in reporter.dialog.sentence


def test_help_about_names_the_log_file(qtbot, essay_store, monkeypatch, tmp_path) -> None:
    log = tmp_path / "elsewhere" / "briefing.log"
    monkeypatch.setenv("BRIEFING_LOG", str(log))
    window = MainWindow(essay_store)
    qtbot.addWidget(window)
    window.actions_by_id["about"].trigger()  # a box that does not block
    assert str(log) in window.about_box.text()
    window.about_box.done(0)
