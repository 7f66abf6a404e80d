"""Every deck write says what it changed, so views refresh from it and nobody emits by hand."""

from __future__ import annotations

from briefing_app.deck import service


def test_deck_writes_report_decks_created_renamed_deleted(essay_store) -> None:
    record = service.create_deck(essay_store, "Brief")
    assert record.changes.decks_created == {record.id}
    renamed = service.update_deck(essay_store, "Brief", name="Brief 2")
    assert renamed.decks_renamed == {record.id} and renamed.deck_fields == {record.id}
    retitled = service.update_deck(essay_store, "Brief 2", title="New title")
    assert retitled.deck_fields == {record.id} and not retitled.deck_list
    copy = service.duplicate_deck(essay_store, "Brief 2", "Copy")
    assert copy.changes.decks_created == {copy.id}
    assert service.delete_deck(essay_store, "Copy").decks_deleted == {copy.id}


def test_slide_and_point_writes_name_what_they_touched(essay_store) -> None:
    deck = service.create_deck(essay_store, "Brief")
    slide = service.add_slide(essay_store, "Brief", "argument", title="One")
    assert slide.changes.slide_order == {deck.id} and slide.changes.slides == {slide.id}
    item = service.add_item(essay_store, slide.id, text="A point")
    assert item.changes.items == {item.id} and item.changes.slides == {slide.id}
    assert item.changes.decks == {deck.id} and not item.changes.slide_order
    edited = service.set_item_text(essay_store, item.id, "Reworded")
    assert edited.changes.items == {item.id}
    assert service.update_slide(essay_store, slide.id, title="Two").slides == {slide.id}
    assert service.set_item_level(essay_store, item.id, 1).items == {item.id}
    assert service.move_item(essay_store, item.id, 0).items == {item.id}
    before = service.slide_snapshot(essay_store, slide.id)
    assert service.delete_item(essay_store, item.id).items == {item.id}
    replaced = service.replace_slide(essay_store, before)
    assert replaced.items == {item.id} and replaced.slides == {slide.id}
    other = service.add_slide(essay_store, "Brief", "bluf")
    assert service.move_slide(essay_store, other.id, 0).slide_order == {deck.id}
    gone = service.delete_slide(essay_store, slide.id)
    assert gone.slide_order == {deck.id} and gone.items == {item.id}
    back = service.restore_slide(essay_store, before)
    assert back.slides == {slide.id} and back.items == {item.id}
