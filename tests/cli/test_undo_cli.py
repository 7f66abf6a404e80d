"""`briefing-app undo DECK` / `redo DECK`: the store's history, per deck, across processes."""

from __future__ import annotations

import json
from pathlib import Path

from briefing_app.cli import main
from briefing_app.services import commands, decks, history
from briefing_app.store.store import open_store


def _edit(path: Path) -> tuple[int, int]:
    """As the app does: an edit in deck "Brief" and one in deck "Other", both recorded."""
    store = open_store(path)
    try:
        decks.create_deck(store, "Brief")
        slide = decks.add_slide(store, "Brief", "argument", title="Before").id
        decks.create_deck(store, "Other")
        other_slide = decks.add_slide(store, "Other", "argument", title="Other before").id
        for command in (
            commands.edit_slide_field(store, slide, "title", "After"),
            commands.edit_slide_field(store, other_slide, "title", "Other after"),
        ):
            command.do(store)
            history.record(store, command)
        return slide, other_slide
    finally:
        store.close()


def _title(path: Path, slide_id: int) -> str:
    store = open_store(path)
    try:
        return decks.slide_snapshot(store, slide_id).title
    finally:
        store.close()


def test_undo_and_redo_one_deck_from_the_command_line(capsys, essay_store_path: Path) -> None:
    slide, other = _edit(essay_store_path)
    db = ["--db", str(essay_store_path)]
    assert main([*db, "undo", "Brief"]) == 0
    assert "Undid “Edit title” in deck 'Brief'" in capsys.readouterr().out
    assert _title(essay_store_path, slide) == "Before"
    assert _title(essay_store_path, other) == "Other after"  # per deck
    assert main([*db, "undo", "Brief"]) == 0
    assert "Nothing to undo" in capsys.readouterr().out
    assert main([*db, "redo", "Brief", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["redo"] == "Edit title" and out["changes"]["slides"] == [slide]
    assert _title(essay_store_path, slide) == "After"
    assert main([*db, "history", "Brief"]) == 0
    assert "Edit title" in capsys.readouterr().out


def test_undo_refuses_in_one_sentence_when_the_slide_changed(capsys, essay_store_path) -> None:
    slide, _ = _edit(essay_store_path)
    store = open_store(essay_store_path)
    decks.update_slide(store, slide, title="Someone else's")
    store.close()
    assert main(["--db", str(essay_store_path), "undo", "Brief"]) == 2
    err = capsys.readouterr().err
    assert "Someone else has changed this slide" in err and "Traceback" not in err
    assert _title(essay_store_path, slide) == "Someone else's"


def test_undo_of_an_unknown_deck_is_one_sentence(capsys, essay_store_path) -> None:
    assert main(["--db", str(essay_store_path), "undo", "No such deck"]) == 2
    assert "There is no deck named 'No such deck'." in capsys.readouterr().err
