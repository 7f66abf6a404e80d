"""Undo support in the deck services: snapshots put slides back exactly, ids included."""

from __future__ import annotations

import pytest

from briefing_app.services import decks, library
from briefing_app.store.errors import StoreError


@pytest.fixture
def deck(essay_store):
    decks.create_deck(essay_store, "Brief", title="Brief")
    return essay_store


def _args(store, n: int) -> list[int]:
    return [a.id for a in library.arguments(store)[:n]]


def _slide_with_points(store) -> decks.SlideRecord:
    slide = decks.add_slide(store, "Brief", "argument", title="Points")
    points = [{"source_kind": "argument", "source_id": i} for i in _args(store, 3)]
    decks.add_items(store, slide.id, points)
    return next(s for s in decks.get_deck(store, "Brief").slides if s.id == slide.id)


def test_add_items_is_one_transaction_in_order(deck) -> None:
    slide = decks.add_slide(deck, "Brief", "argument")
    ids = _args(deck, 3)
    records = decks.add_items(
        deck, slide.id, [{"source_kind": "argument", "source_id": i} for i in ids]
    )
    assert [r.source_id for r in records] == ids
    with pytest.raises(StoreError):
        decks.add_items(
            deck, slide.id, [{"text": "fine"}, {"source_kind": "argument", "source_id": 10**6}]
        )
    assert len(decks.get_deck(deck, "Brief").slides[0].items) == 3  # nothing half-added


def test_delete_and_restore_slide_keeps_ids_items_and_notes(deck) -> None:
    decks.add_slide(deck, "Brief", "section", title="First")
    slide = _slide_with_points(deck)
    slide = next(s for s in decks.get_deck(deck, "Brief").slides if s.id == slide.id)
    decks.add_slide(deck, "Brief", "section", title="Last")
    before = decks.get_deck(deck, "Brief")
    snapshot = decks.slide_snapshot(deck, slide.id)
    assert snapshot.notes and len(snapshot.items) == 3
    decks.delete_slide(deck, slide.id)
    assert len(decks.get_deck(deck, "Brief").slides) == 2
    decks.restore_slide(deck, snapshot)
    assert decks.get_deck(deck, "Brief") == before
    with pytest.raises(StoreError):
        decks.restore_slide(deck, snapshot)  # already there


def test_replace_slide_undoes_item_edits_exactly(deck) -> None:
    slide = _slide_with_points(deck)
    before = decks.get_deck(deck, "Brief")
    snapshot = decks.slide_snapshot(deck, slide.id)
    first, second, third = slide.items
    decks.set_item_text(deck, first.id, "Edited")
    decks.delete_item(deck, second.id)
    decks.move_item(deck, third.id, 0)
    decks.set_item_level(deck, third.id, 1)
    decks.update_slide(deck, slide.id, title="Changed", notes="Other", layout="bluf")
    decks.add_item(deck, slide.id, text="Free")
    assert decks.get_deck(deck, "Brief") != before
    decks.replace_slide(deck, snapshot)
    assert decks.get_deck(deck, "Brief") == before


def test_move_item_between_columns_renumbers_both(deck) -> None:
    slide = _slide_with_points(deck)
    first = slide.items[0]
    decks.move_item(deck, first.id, 0, column=1)
    items = decks.get_deck(deck, "Brief").slides[0].items
    assert [(i.column, i.position) for i in items] == [(0, 0), (0, 1), (1, 0)]
    assert items[-1].id == first.id


def test_deck_name_of_follows_renames(deck) -> None:
    record = decks.get_deck(deck, "Brief")
    decks.update_deck(deck, "Brief", name="Renamed")
    assert decks.deck_name_of(deck, record.id) == "Renamed"
