"""Edit › Slide Part… and Edit › Rename Part… through the real actions: the slide joins a
part, or a part takes a new name on every slide in it; every slide's agenda tracker shows
it at once (drawn by the one layout engine), and Ctrl+Z takes it back in one step."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from briefing_app.deck.outline import DEFAULT_OUTLINE, build_from_outline
from briefing_app.gui.main_window import MainWindow
from briefing_app.layout.tracker import TRACKER_NAME

DECK = "Minister's briefing"


@pytest.fixture
def window(qtbot, essay_store):
    build_from_outline(essay_store, DEFAULT_OUTLINE, DECK, marking="OFFICIAL-SENSITIVE")
    win = MainWindow(essay_store)
    qtbot.addWidget(win)
    win.resize(1400, 900)
    win.open_initial_deck(DECK)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    return win


def _trackers(win: MainWindow) -> list[str]:
    """The text of each laid slide's agenda tracker ("" where there is none)."""
    out = []
    for page in win.deck_editor.preview.laid_slides:
        boxes = [b for b in page.boxes if b.name == TRACKER_NAME]
        runs = [r.text for b in boxes for p in b.paragraphs for ln in p.lines for r in ln.runs]
        out.append(" ".join(t for t in "".join(runs).split("\u00a0") if t))
    return out


def test_slide_part_action_sets_the_part_and_ctrl_z_takes_it_back(qtbot, window) -> None:
    editor = window.deck_editor
    annex = editor.preview.slides[-1].record
    assert annex.layout == "sources" and annex.part == ""
    before = _trackers(window)
    assert before[-1] == "" and all("Annex" not in t for t in before)
    editor.select_slide(annex.id)
    asked: list[tuple[str, list[str]]] = []
    editor.ask_part = lambda current, parts: asked.append((current, parts)) or "Annex"
    window.actions_by_id["slide_part"].trigger()
    assert asked == [("", list(editor.preview.record.parts[:-1]))]  # offered the deck's parts
    after = _trackers(window)
    assert after[-1].endswith("Annex") and all(t.endswith("Annex") for t in after if t)
    assert "now in the part “Annex”" in window.statusBar().currentMessage()
    editor.canvas.setFocus()
    qtbot.keyClick(editor.canvas, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert _trackers(window) == before


def test_rename_part_action_renames_it_on_every_slide_and_ctrl_z_takes_it_back(
    qtbot, window
) -> None:
    editor = window.deck_editor
    parts = list(editor.preview.record.parts)
    assert "Kosovo model" in parts
    slide = next(s.record for s in editor.preview.slides if s.record.part == "Kosovo model")
    editor.select_slide(slide.id)
    before = _trackers(window)
    asked: list[tuple[str, list[str]]] = []

    def answer(current: str, known: list[str]) -> tuple[str, str]:
        asked.append((current, known))
        return current, "  The 1244 model "  # typed with stray spaces

    editor.ask_part_rename = answer
    window.actions_by_id["rename_part"].trigger()
    assert asked == [("Kosovo model", parts)]  # the current slide's part offered first
    renamed = [p if p != "Kosovo model" else "The 1244 model" for p in parts]
    assert list(editor.preview.record.parts) == renamed  # same place in the agenda
    after = _trackers(window)
    assert all("Kosovo model" not in t for t in after)
    assert all("The 1244 model" in t for t in after if t)
    message = window.statusBar().currentMessage()
    assert message == "Renamed the part “Kosovo model” to “The 1244 model” on 2 slides."
    editor.canvas.setFocus()
    qtbot.keyClick(editor.canvas, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert _trackers(window) == before  # one step takes the whole rename back
    assert list(editor.preview.record.parts) == parts
