"""Undo support in the deck services: snapshots put slides back exactly, ids included."""

from __future__ import annotations

import pytest

from briefing_app.deck import service
from briefing_app.services import library
from briefing_app.store.errors import StoreError


@pytest.fixture
def deck(essay_store):
    service.create_deck(essay_store, "Brief", title="Brief")
    return essay_store


def _args(store, n: int) -> list[int]:
    return [a.id for a in library.arguments(store)[:n]]


def _slide_with_points(store) -> service.SlideRecord:
    slide = service.add_slide(store, "Brief", "argument", title="Points")
    points = [{"source_kind": "argument", "source_id": i} for i in _args(store, 3)]
    service.add_items(store, slide.id, points)
    return next(s for s in service.get_deck(store, "Brief").slides if s.id == slide.id)


def test_add_items_is_one_transaction_in_order(deck) -> None:
    slide = service.add_slide(deck, "Brief", "argument")
    ids = _args(deck, 3)
    records = service.add_items(
        deck, slide.id, [{"source_kind": "argument", "source_id": i} for i in ids]
    )
    assert [r.source_id for r in records] == ids
    with pytest.raises(StoreError):
        service.add_items(
            deck, slide.id, [{"text": "fine"}, {"source_kind": "argument", "source_id": 10**6}]
        )
    assert len(service.get_deck(deck, "Brief").slides[0].items) == 3  # nothing half-added


def test_delete_and_restore_slide_keeps_ids_items_and_notes(deck) -> None:
    service.add_slide(deck, "Brief", "section", title="First")
    slide = _slide_with_points(deck)
    slide = next(s for s in service.get_deck(deck, "Brief").slides if s.id == slide.id)
    service.add_slide(deck, "Brief", "section", title="Last")
    before = service.get_deck(deck, "Brief")
    snapshot = service.slide_snapshot(deck, slide.id)
    assert snapshot.notes and len(snapshot.items) == 3
    service.delete_slide(deck, slide.id)
    assert len(service.get_deck(deck, "Brief").slides) == 2
    service.restore_slide(deck, snapshot)
    assert service.get_deck(deck, "Brief") == before
    with pytest.raises(StoreError):
        service.restore_slide(deck, snapshot)  # already there


def test_replace_slide_undoes_item_edits_exactly(deck) -> None:
    slide = _slide_with_points(deck)
    before = service.get_deck(deck, "Brief")
    snapshot = service.slide_snapshot(deck, slide.id)
    first, second, third = slide.items
    service.set_item_text(deck, first.id, "Edited")
    service.delete_item(deck, second.id)
    service.move_item(deck, third.id, 0)
    service.set_item_level(deck, third.id, 1)
    service.update_slide(deck, slide.id, title="Changed", notes="Other", layout="bluf")
    service.add_item(deck, slide.id, text="Free")
    assert service.get_deck(deck, "Brief") != before
    service.replace_slide(deck, snapshot)
    assert service.get_deck(deck, "Brief") == before


def test_move_item_between_columns_renumbers_both(deck) -> None:
    slide = _slide_with_points(deck)
    first = slide.items[0]
    service.move_item(deck, first.id, 0, column=1)
    items = service.get_deck(deck, "Brief").slides[0].items
    assert [(i.column, i.position) for i in items] == [(0, 0), (0, 1), (1, 0)]
    assert items[-1].id == first.id


def test_deck_name_of_follows_renames(deck) -> None:
    record = service.get_deck(deck, "Brief")
    service.update_deck(deck, "Brief", name="Renamed")
    assert service.deck_name_of(deck, record.id) == "Renamed"
