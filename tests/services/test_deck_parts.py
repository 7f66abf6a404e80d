"""Parts of a briefing (issue 12: the agenda tracker): each slide may belong to a part,
set and renamed through undoable commands that return what they changed; the deck's
parts are its slides' parts in slide order."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alembic import command

from briefing_app.services import commands, decks
from briefing_app.store.errors import StoreError
from briefing_app.store.store import alembic_config, open_store


@pytest.fixture
def deck(essay_store):
    decks.create_deck(essay_store, "Brief", title="Brief")
    for title in ("Bottom line", "Map", "Quote", "Risks"):
        decks.add_slide(essay_store, "Brief", "argument", title=title)
    return essay_store


def _slides(store) -> list[decks.SlideRecord]:
    return decks.get_deck(store, "Brief").slides


def test_a_part_is_set_undone_and_listed_in_slide_order(deck) -> None:
    deck_id = decks.get_deck_id(deck, "Brief")
    _, second, third, fourth = _slides(deck)
    made = [commands.set_part(deck, s.id, part) for s, part in
            ((fourth, "Risks"), (second, "Kosovo  model"), (third, "Kosovo model"))]  # fmt: skip
    changes = [c.do(deck) for c in made]
    assert changes[0].slides == {fourth.id} and deck_id in changes[0].decks
    record = decks.get_deck(deck, "Brief")
    assert record.parts == ("Kosovo model", "Risks")  # slide order, spaces collapsed
    assert [s.part for s in record.slides] == ["", "Kosovo model", "Kosovo model", "Risks"]
    made[0].undo(deck)
    assert decks.get_deck(deck, "Brief").parts == ("Kosovo model",)
    made[0].do(deck)  # redo
    assert decks.get_deck(deck, "Brief").parts == ("Kosovo model", "Risks")


def test_renaming_a_part_renames_it_on_every_slide_as_one_step(deck) -> None:
    deck_id = decks.get_deck_id(deck, "Brief")
    for slide in _slides(deck)[1:3]:
        commands.set_part(deck, slide.id, "Kosovo model").do(deck)
    rename = commands.rename_part(deck, deck_id, "Kosovo model", "The 1244 model")
    changes = rename.do(deck)
    assert len(changes.slides) == 2
    assert decks.get_deck(deck, "Brief").parts == ("The 1244 model",)
    rename.undo(deck)
    assert decks.get_deck(deck, "Brief").parts == ("Kosovo model",)
    with pytest.raises(StoreError, match="no part named"):
        commands.rename_part(deck, deck_id, "Nowhere", "Else")


def test_a_part_name_too_long_for_the_tracker_is_refused(deck) -> None:
    slide = _slides(deck)[0]
    with pytest.raises(StoreError, match="at most 40 characters"):
        commands.set_part(deck, slide.id, "x" * 41).do(deck)
    assert _slides(deck)[0].part == ""


def test_copies_and_snapshots_keep_the_part(deck) -> None:
    slide = _slides(deck)[1]
    commands.set_part(deck, slide.id, "Serbia").do(deck)
    copy = decks.duplicate_deck(deck, "Brief", "Brief copy")
    assert copy.parts == ("Serbia",)
    delete = commands.delete_slide(deck, slide.id)
    delete.do(deck)
    assert decks.get_deck(deck, "Brief").parts == ()
    delete.undo(deck)
    assert decks.get_deck(deck, "Brief").parts == ("Serbia",)
    # undo history written before parts existed has no part in its snapshots
    state = commands.from_json(delete.to_json().replace(', "part": "Serbia"', ""))
    assert isinstance(state, commands.DeleteSlide) and state.snapshot.part == ""


def test_slides_of_a_store_made_before_parts_belong_to_none(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    config = alembic_config()
    config.set_main_option("sqlalchemy.url", f"sqlite:///{path}")
    command.upgrade(config, "0014")
    with sqlite3.connect(path) as conn:
        conn.execute("INSERT INTO deck (id, name, title, subtitle, author, date_label, theme) "
                     "VALUES (1, 'Old', 'Old', '', '', '', 'ministry')")  # fmt: skip
        conn.execute("INSERT INTO slide (deck_id, position, layout, title, subtitle, "
                     "left_heading, right_heading, notes) "
                     "VALUES (1, 0, 'argument', 'Vučić and Đukić', '', '', '', '')")  # fmt: skip
    store = open_store(path)
    try:
        record = decks.get_deck(store, "Old")
        assert record.slides[0].part == "" and record.parts == ()
        assert record.slides[0].title == "Vučić and Đukić"
        decks.update_slide(store, record.slides[0].id, part="Serbia")
        assert decks.get_deck(store, "Old").parts == ("Serbia",)
    finally:
        store.close()
