"""The app warns of a slide over 60 words or with nothing on it where the briefer works:
the slide counter shows ⚠ (and the warning where it has room), and its tooltip says
what is wrong with the current slide
(issue 12, items 5 and 6)."""

from __future__ import annotations

import pytest

from briefing_app.gui.main_window import MainWindow
from briefing_app.services import decks

WORDY = " ".join(["word"] * 70)


@pytest.fixture
def window(qtbot, essay_store):
    decks.create_deck(essay_store, "W")
    wordy = decks.add_slide(essay_store, "W", "argument", title="A slide with too much on it")
    decks.add_item(essay_store, wordy.id, text=WORDY)
    decks.add_slide(essay_store, "W", "argument", title="A slide with nothing on it")
    win = MainWindow(essay_store)
    qtbot.addWidget(win)
    win.resize(1600, 960)
    win.open_initial_deck("W")
    win.show()
    qtbot.waitExposed(win)
    return win


def test_the_slide_counter_warns_of_too_many_words_and_an_empty_slide(window) -> None:
    editor = window.deck_editor
    wordy, empty = (s.record for s in editor.preview.slides)
    editor.select_slide(wordy.id)
    assert editor.slide_info.text().startswith("Slide 1 of 2") and "⚠" in editor.slide_info.text()
    tip = editor.slide_info.toolTip().splitlines()
    assert tip[0].startswith("Slide 1 “A slide with too much on it” has 70 words")
    editor.select_slide(empty.id)
    assert "⚠" in editor.slide_info.text()
    assert editor.slide_info.toolTip().startswith("Slide 2 “A slide with nothing on it” is empty")
