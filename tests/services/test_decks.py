"""Deck editing services: items keep their source, reset to it, and writes are whole."""

from __future__ import annotations

import pytest

from briefing_app.services import decks, library
from briefing_app.store.errors import NotFoundError, StoreError


@pytest.fixture
def deck(essay_store):
    decks.create_deck(essay_store, "Brief", title="Brief", marking="UNCLASSIFIED")
    return essay_store


def _argument(store, key: str) -> library.ArgumentRecord:
    return next(a for a in library.arguments(store) if a.key == key)


def test_item_from_argument_takes_claim_and_fills_notes(deck) -> None:
    slide = decks.add_slide(deck, "Brief", "argument", title="Proposal")
    arg = _argument(deck, "premise-security-obstacle")
    item = decks.add_item(deck, slide.id, source_kind="argument", source_id=arg.id)
    assert item.text == arg.claim and not item.differs_from_source
    notes = decks.get_deck(deck, "Brief").slides[0].notes
    assert arg.quote in notes
    assert "Footnote 3: " in notes and "Witkoff" in notes  # the footnotes it rests on, in full


def test_edit_then_reset_to_source(deck) -> None:
    slide = decks.add_slide(deck, "Brief", "argument")
    arg = _argument(deck, "thesis")
    item = decks.add_item(deck, slide.id, source_kind="argument", source_id=arg.id)
    edited = decks.set_item_text(deck, item.id, "My own wording")
    assert edited.differs_from_source and edited.source_text == arg.claim
    reset = decks.reset_item(deck, item.id)
    assert reset.text == arg.claim and not reset.differs_from_source


def test_a_point_s_source_is_read_once_for_the_write_and_its_record(deck) -> None:
    """Adding points and resetting one read each source once: the record they return
    takes it from the read the write made."""
    slide = decks.add_slide(deck, "Brief", "argument")
    args = [_argument(deck, key) for key in ("thesis", "premise-security-obstacle")]
    points = [{"source_kind": "argument", "source_id": a.id} for a in args]
    with deck.statements() as sent:
        added = decks.add_items(deck, slide.id, points)
    assert [p.source_text for p in added] == [a.claim for a in args]
    assert len([s for s in sent if " FROM argument WHERE" in s]) == 2, sent
    decks.set_item_text(deck, added[0].id, "My own wording")
    with deck.statements() as sent:
        reset = decks.reset_item(deck, added[0].id)
    assert reset.text == args[0].claim and not reset.differs_from_source
    assert len([s for s in sent if " FROM argument WHERE" in s]) == 1, sent


def test_free_text_cannot_be_reset(deck) -> None:
    slide = decks.add_slide(deck, "Brief", "argument")
    item = decks.add_item(deck, slide.id, text="Free point")
    assert item.source_text is None and not item.differs_from_source
    with pytest.raises(StoreError, match="no stored source"):
        decks.reset_item(deck, item.id)


def test_slides_reorder_and_delete(deck) -> None:
    ids = [decks.add_slide(deck, "Brief", "section", title=t).id for t in "ABC"]
    decks.move_slide(deck, ids[2], 0)
    assert [s.title for s in decks.get_deck(deck, "Brief").slides] == ["C", "A", "B"]
    decks.delete_slide(deck, ids[0])
    slides = decks.get_deck(deck, "Brief").slides
    assert [s.title for s in slides] == ["C", "B"]
    assert [s.position for s in slides] == [0, 1]


def test_rename_duplicate_delete(deck) -> None:
    slide = decks.add_slide(deck, "Brief", "argument", title="One")
    decks.add_item(deck, slide.id, text="Point")
    decks.update_deck(deck, "Brief", name="Renamed")
    copy = decks.duplicate_deck(deck, "Renamed", "Copy")
    assert [s.title for s in copy.slides] == ["One"]
    assert copy.slides[0].items[0].text == "Point"
    with pytest.raises(StoreError, match="already exists"):
        decks.create_deck(deck, "Copy")
    decks.delete_deck(deck, "Renamed")
    assert [name for name, _, _ in decks.list_decks(deck)] == ["Copy"]


def test_bad_requests_are_clear(deck) -> None:
    with pytest.raises(NotFoundError):
        decks.get_deck(deck, "nope")
    with pytest.raises(StoreError, match="not a slide layout"):
        decks.add_slide(deck, "Brief", "wobble")
    slide = decks.add_slide(deck, "Brief", "argument")
    with pytest.raises(NotFoundError, match="no argument with id"):
        decks.add_item(deck, slide.id, source_kind="argument", source_id=10**9)
    with pytest.raises(StoreError, match="needs a name"):
        decks.create_deck(deck, "   ")
