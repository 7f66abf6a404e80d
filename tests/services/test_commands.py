"""Undoable edits without Qt: do, undo, redo and refusal when someone changed the store."""

from __future__ import annotations

import pytest

from briefing_app.services import commands, decks, history, library
from briefing_app.store.errors import ConflictError


@pytest.fixture
def deck(essay_store):
    record = decks.create_deck(essay_store, "Brief", title="Brief")
    slide = decks.add_slide(essay_store, "Brief", "argument", title="Start")
    decks.add_item(essay_store, slide.id, text="First point")
    return essay_store, record.id, slide.id


def _slide(store, slide_id):
    return decks.slide_snapshot(store, slide_id)


def _round_trip(command):
    """Every command survives the store's history (JSON) unchanged in what it can undo."""
    again = commands.from_json(command.to_json())
    assert again.to_json() == command.to_json()
    return again


def test_slide_edit_does_undoes_and_redoes_exactly(deck) -> None:
    store, deck_id, slide_id = deck
    before = _slide(store, slide_id)
    command = commands.edit_slide_field(store, slide_id, "title", "Changed", shown="Start")
    changes = command.do(store)
    assert changes.slides == {slide_id} and changes.decks == {deck_id}
    after = _slide(store, slide_id)
    assert after.title == "Changed"
    command = _round_trip(command)
    assert command.undo(store).slides == {slide_id}
    assert _slide(store, slide_id) == before
    command.do(store)
    assert _slide(store, slide_id) == after


def test_undo_refuses_when_someone_else_changed_the_slide(deck) -> None:
    store, _, slide_id = deck
    command = commands.edit_slide_field(store, slide_id, "title", "Mine")
    command.do(store)
    decks.update_slide(store, slide_id, title="Theirs")  # another client
    with pytest.raises(ConflictError):
        command.undo(store)
    assert _slide(store, slide_id).title == "Theirs"  # their edit is kept


def test_add_slide_and_items_in_one_batch_undo_together(deck) -> None:
    store, deck_id, _ = deck
    ids = [a.id for a in library.arguments(store)[:2]]

    def plan(batch, s):
        add = commands.add_slide(s, deck_id, "argument", 0)
        batch.run(s, add)
        points = [{"source_kind": "argument", "source_id": i} for i in ids]
        batch.run(s, commands.add_items(s, add.slide_id, points))

    batch = commands.Batch("Add to slide", deck_id, plan)
    changes = batch.do(store)
    assert deck_id in changes.slide_order
    new = batch.parts[0].slide_id
    slides = decks.get_deck(store, "Brief").slides
    assert slides[0].id == new and [i.source_id for i in slides[0].items] == ids
    batch = _round_trip(batch)
    batch.undo(store)
    assert new not in {s.id for s in decks.get_deck(store, "Brief").slides}
    batch.do(store)
    again = decks.get_deck(store, "Brief").slides[0]
    assert again.id == new and [i.source_id for i in again.items] == ids


def test_delete_and_move_slide_round_trip(deck) -> None:
    store, deck_id, slide_id = deck
    other = decks.add_slide(store, "Brief", "bluf", title="Second").id
    move = commands.move_slide(store, other, 0)
    move.do(store)
    assert [s.id for s in decks.get_deck(store, "Brief").slides] == [other, slide_id]
    _round_trip(move).undo(store)
    assert [s.id for s in decks.get_deck(store, "Brief").slides] == [slide_id, other]
    delete = commands.delete_slide(store, slide_id)
    assert delete.do(store).slide_order == {deck_id}
    _round_trip(delete).undo(store)
    assert _slide(store, slide_id).items[0].text == "First point"


def test_typing_merges_and_typing_back_is_no_step(deck) -> None:
    store, _, slide_id = deck
    first = commands.edit_slide_field(store, slide_id, "title", "S", merge_key="k")
    first.do(store)
    second = commands.edit_slide_field(store, slide_id, "title", "Start", merge_key="k")
    second.do(store)
    assert first.merge(second)
    assert first.is_noop


def test_argument_commands_round_trip(essay_store) -> None:
    para = library.paragraphs(essay_store)[3]
    create = commands.create_argument(paragraph_id=para.id, start=0, end=20, label="Mine",
                                      claim="c", kind="premise", perspectives=[])  # fmt: skip
    assert create.do(essay_store).arguments
    new = create.argument_id
    edit = commands.edit_argument(new, "Mine", label="Renamed")
    edit.do(essay_store)
    assert library.argument(essay_store, new).label == "Renamed"
    _round_trip(edit).undo(essay_store)
    assert library.argument(essay_store, new).label == "Mine"
    create = _round_trip(create)
    create.undo(essay_store)
    assert new not in {a.id for a in library.arguments(essay_store)}
    create = _round_trip(create)
    create.do(essay_store)
    assert library.argument(essay_store, create.argument_id).label == "Mine"
    delete = commands.delete_argument(create.argument_id, "Mine")
    delete.do(essay_store)
    _round_trip(delete).undo(essay_store)
    assert library.argument(essay_store, delete.argument_id).label == "Mine"


def test_history_is_per_deck_and_in_the_store(deck) -> None:
    store, deck_id, slide_id = deck
    other = decks.create_deck(store, "Other")
    other_slide = decks.add_slide(store, "Other", "argument", title="Theirs")
    for command in (commands.edit_slide_field(store, slide_id, "title", "A1"),
                    commands.edit_slide_field(store, other_slide.id, "title", "B1"),
                    commands.edit_slide_field(store, slide_id, "title", "A2")):  # fmt: skip
        command.do(store)
        history.record(store, command)
    step, changes = history.undo(store, deck_id)
    assert step.label == "Edit title" and changes.slides == {slide_id}
    assert _slide(store, slide_id).title == "A1"
    assert _slide(store, other_slide.id).title == "B1"  # the other deck is untouched
    history.undo(store, deck_id)
    assert _slide(store, slide_id).title == "Start"
    assert history.undo(store, deck_id) is None
    history.redo(store, deck_id)
    assert _slide(store, slide_id).title == "A1"
    new = commands.edit_slide_field(store, slide_id, "title", "A3")
    new.do(store)
    history.record(store, new)  # a new edit drops what could be redone
    assert history.redo(store, deck_id) is None
    assert [s.undone for s in history.steps(store, deck_id)] == [False, False]
    decks.delete_deck(store, "Other")
    assert history.steps(store, other.id) == []


def test_history_keeps_the_newest_steps_and_drops_what_was_undone(deck, monkeypatch) -> None:
    store, deck_id, slide_id = deck
    monkeypatch.setattr(history, "MAX_STEPS", 3)
    for n in range(5):
        history.run(store, commands.edit_slide_field(store, slide_id, "title", f"T{n}"))
    assert len(history.steps(store, deck_id)) == 3  # the two oldest were dropped
    history.undo(store, deck_id)
    history.undo(store, deck_id)
    history.run(store, commands.edit_slide_field(store, slide_id, "title", "New"))
    kept = history.steps(store, deck_id)
    assert [s.undone for s in kept] == [False, False]  # the undone two cannot be redone
    assert history.undo(store, deck_id) is not None
    assert _slide(store, slide_id).title == "T2"


def test_a_slide_edit_reads_its_slide_once(deck, store_backend) -> None:
    """The snapshots before and after the edit and the edit itself share one read of
    the slide (its deck locked first on a team store)."""
    from sqlalchemy import event

    store, deck_id, slide_id = deck
    command = commands.edit_slide_field(store, slide_id, "title", "Once", deck_id=deck_id)
    statements: list[str] = []

    def seen(_conn, _cursor, statement, *_args) -> None:
        statements.append(statement)

    event.listen(store.engine, "before_cursor_execute", seen)
    try:
        command.do(store)
    finally:
        event.remove(store.engine, "before_cursor_execute", seen)
    slide_reads = [s for s in statements if s.lstrip().startswith("SELECT slide.id")]
    assert len(slide_reads) == 1, statements
    assert _slide(store, slide_id).title == "Once"
    assert command.before is not None and command.before.title == "Start"
    assert command.after is not None and command.after.title == "Once"


def test_deck_details_edit_round_trips_and_refuses_after_someone_else(deck) -> None:
    store, deck_id, _ = deck
    edit = commands.edit_deck(deck_id, title="New title", marking="  OFFICIAL ")
    changes = history.run(store, edit)
    assert changes.deck_fields == {deck_id}
    assert decks.deck_fields(store, deck_id, ["marking", "title"]) == {
        "marking": "OFFICIAL", "title": "New title"}  # fmt: skip
    step, _ = history.undo(store, deck_id)
    assert step.label == "Edit deck details"
    assert decks.deck_fields(store, deck_id, ["title"]) == {"title": "Brief"}
    history.redo(store, deck_id)
    decks.update_deck(store, "Brief", title="Theirs")
    with pytest.raises(ConflictError):
        history.undo(store, deck_id)
    assert decks.deck_fields(store, deck_id, ["title"]) == {"title": "Theirs"}


def test_a_damaged_history_step_is_one_sentence(deck) -> None:
    from sqlalchemy import update

    from briefing_app.store.errors import StoreError
    from briefing_app.store.models import UndoStep

    store, deck_id, slide_id = deck
    history.run(store, commands.edit_slide_field(store, slide_id, "title", "Mine"))
    for junk in ("{not json", '{"kind": "slide", "label": "x"}', '{"kind": "teleport"}', "[]"):
        with store.transaction() as session:
            session.execute(update(UndoStep).values(command=junk))
        with pytest.raises(StoreError) as caught:
            history.undo(store, deck_id)
        assert "undo history" in str(caught.value)
        assert decks.slide_snapshot(store, slide_id).title == "Mine"  # nothing changed
