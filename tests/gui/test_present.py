"""Presenting: F5 shows the deck full screen, drawn by the canvas's painter; with two
screens the presenter view (current and next slide, notes, time, count) is on the
briefer's screen and the slides on the other. Keys move the show as in PowerPoint.

The two-screen case runs this module's test again in a child process whose offscreen
platform has two virtual screens (``-platform offscreen:configfile=…``).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter
from PySide6.QtTest import QTest

from briefing_app.gui import painter as slide_painter
from briefing_app.gui.main_window import MainWindow

SCREENS = int(os.environ.get("BRIEFING_TEST_SCREENS", "1"))
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def window(qtbot, essay_store):
    win = MainWindow(essay_store)
    qtbot.addWidget(win)
    win.restore_settings()
    win.open_initial_deck(None)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    return win


def _keys(widget, *keys: Qt.Key) -> None:
    for key in keys:
        QTest.keyClick(widget, key)


def _painted_like_the_canvas(show, slide) -> bool:
    """The audience's window shows exactly what the canvas painter draws for ``slide``."""
    shot = show.grab().toImage()
    expected = QImage(shot.size(), QImage.Format.Format_ARGB32_Premultiplied)
    expected.fill(QColor("black"))
    p = QPainter(expected)
    from briefing_app.gui.present.show import paint_fitted

    paint_fitted(p, slide, QRectF(0, 0, shot.width(), shot.height()))
    p.end()
    reference = slide_painter.render_image(slide, 400)
    assert not reference.isNull()
    step = max(1, shot.width() // 80)
    points = [(x, y) for x in range(0, shot.width(), step) for y in range(0, shot.height(), step)]
    differ = sum(shot.pixelColor(x, y) != expected.pixelColor(x, y) for x, y in points)
    return differ <= len(points) // 100


def _all_black(show) -> bool:
    shot = show.grab().toImage()
    return all(
        shot.pixelColor(x, y) == QColor("black")
        for x in range(0, shot.width(), 37)
        for y in range(0, shot.height(), 29)
    )


def test_present_on_the_screens_there_are(window: MainWindow, qtbot) -> None:
    assert len(QGuiApplication.screens()) == SCREENS
    QTest.keyClick(window, Qt.Key.Key_F5)
    session = window.slideshow
    show, presenter = session.show_window, session.presenter
    slides = session.presentation.slides
    assert show.isVisible() and show.windowState() & Qt.WindowState.WindowFullScreen
    assert session.presentation.index == 0
    if SCREENS == 1:
        assert presenter is None
        assert "full screen" in window.statusBar().currentMessage()
    else:
        assert presenter is not None and presenter.isVisible()
        assert show.screen() is not QGuiApplication.primaryScreen()
        assert presenter.screen() is QGuiApplication.primaryScreen()
        assert "presenter view" in window.statusBar().currentMessage()
    assert _painted_like_the_canvas(show, slides[0])

    keys = session.focus_widget()
    _keys(keys, Qt.Key.Key_Right, Qt.Key.Key_Space, Qt.Key.Key_PageDown, Qt.Key.Key_Down)
    assert session.presentation.index == 4
    _keys(keys, Qt.Key.Key_Left, Qt.Key.Key_PageUp, Qt.Key.Key_Up)
    assert session.presentation.index == 1
    _keys(keys, Qt.Key.Key_End)
    assert session.presentation.index == len(slides) - 1
    _keys(keys, Qt.Key.Key_Right)  # past the end stays on the last slide
    assert session.presentation.index == len(slides) - 1
    _keys(keys, Qt.Key.Key_Home)
    assert session.presentation.index == 0
    number = len(slides) - 1  # a slide with one after it, typed as digits
    assert number >= 10  # two digits, so the digits are collected before Enter
    for digit in str(number):
        QTest.keyClicks(keys, digit)
    _keys(keys, Qt.Key.Key_Return)
    assert session.presentation.index == number - 1
    assert _painted_like_the_canvas(show, slides[number - 1])
    if presenter is not None:
        assert presenter.counter.text() == f"Slide {number} of {len(slides)}"
        assert presenter.notes.toPlainText() == slides[number - 1].notes
        assert presenter.next.presentation.following is slides[number]
        qtbot.waitUntil(lambda: presenter.clock.text() != "0:00", timeout=3000)
    _keys(keys, Qt.Key.Key_B)
    assert session.presentation.blanked and _all_black(show)
    _keys(keys, Qt.Key.Key_B)
    assert not session.presentation.blanked and not _all_black(show)
    _keys(keys, Qt.Key.Key_Escape)
    assert not show.isVisible()
    assert window.statusBar().currentMessage() == (
        f"The slideshow ended at slide {number} of {len(slides)}."
    )


def test_present_from_the_current_slide(window: MainWindow) -> None:
    editor = window.deck_editor
    slide = editor.preview.slides[3]
    editor.select_slide(slide.record.id)
    QTest.keyClick(window, Qt.Key.Key_F5, Qt.KeyboardModifier.ShiftModifier)
    assert window.slideshow.presentation.index == slide.first.number - 1
    QTest.keyClick(window.slideshow.focus_widget(), Qt.Key.Key_Escape)


@pytest.mark.skipif(SCREENS != 1, reason="the child process itself")
def test_present_with_two_screens(tmp_path: Path) -> None:
    config = tmp_path / "screens.json"
    screen = {"logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1, "y": 0}
    config.write_text(json.dumps({"screens": [
        {**screen, "name": "laptop", "x": 0, "width": 1280, "height": 720},
        {**screen, "name": "projector", "x": 1280, "width": 1920, "height": 1080},
    ]}))  # fmt: skip
    env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={config}",
           "BRIEFING_TEST_SCREENS": "2", "PYTHONPATH": str(ROOT)}  # fmt: skip
    test = f"{Path(__file__)}::test_present_on_the_screens_there_are"
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-n", "0", test],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    assert "1 passed" in done.stdout
