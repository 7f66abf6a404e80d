"""Every deck write says what it changed, so views refresh from it and nobody emits by hand."""

from __future__ import annotations

from briefing_app.services import decks


def test_deck_writes_report_decks_created_renamed_deleted(essay_store) -> None:
    record = decks.create_deck(essay_store, "Brief")
    assert record.changes.decks_created == {record.id}
    renamed = decks.update_deck(essay_store, "Brief", name="Brief 2")
    assert renamed.decks_renamed == {record.id} and renamed.deck_fields == {record.id}
    retitled = decks.update_deck(essay_store, "Brief 2", title="New title")
    assert retitled.deck_fields == {record.id} and not retitled.deck_list
    copy = decks.duplicate_deck(essay_store, "Brief 2", "Copy")
    assert copy.changes.decks_created == {copy.id}
    assert decks.delete_deck(essay_store, "Copy").decks_deleted == {copy.id}


def test_slide_and_point_writes_name_what_they_touched(essay_store) -> None:
    deck = decks.create_deck(essay_store, "Brief")
    slide = decks.add_slide(essay_store, "Brief", "argument", title="One")
    assert slide.changes.slide_order == {deck.id} and slide.changes.slides == {slide.id}
    item = decks.add_item(essay_store, slide.id, text="A point")
    assert item.changes.items == {item.id} and item.changes.slides == {slide.id}
    assert item.changes.decks == {deck.id} and not item.changes.slide_order
    edited = decks.set_item_text(essay_store, item.id, "Reworded")
    assert edited.changes.items == {item.id}
    assert decks.update_slide(essay_store, slide.id, title="Two").slides == {slide.id}
    assert decks.set_item_level(essay_store, item.id, 1).items == {item.id}
    assert decks.move_item(essay_store, item.id, 0).items == {item.id}
    before = decks.slide_snapshot(essay_store, slide.id)
    assert decks.delete_item(essay_store, item.id).items == {item.id}
    replaced = decks.replace_slide(essay_store, before)
    assert replaced.items == {item.id} and replaced.slides == {slide.id}
    other = decks.add_slide(essay_store, "Brief", "bluf")
    assert decks.move_slide(essay_store, other.id, 0).slide_order == {deck.id}
    gone = decks.delete_slide(essay_store, slide.id)
    assert gone.slide_order == {deck.id} and gone.items == {item.id}
    back = decks.restore_slide(essay_store, before)
    assert back.slides == {slide.id} and back.items == {item.id}
