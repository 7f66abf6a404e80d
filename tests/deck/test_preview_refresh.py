"""Refreshing the editor's preview after an edit: only the touched slides are read and laid
out again, and the result is exactly what reading the whole deck gives."""

from __future__ import annotations

import pytest

from briefing_app.deck.preview import Previewer, preview_deck
from briefing_app.services import decks

DECK = "Default briefing"


@pytest.fixture
def briefing(with_full_briefing, essay_store):
    return essay_store


def test_refresh_of_one_slide_equals_a_full_read(briefing) -> None:
    previewer = Previewer()
    before = previewer.preview(briefing, DECK)
    slide = next(s for s in before.slides if s.record.layout == "argument")
    changes = decks.set_item_text(briefing, slide.record.items[0].id, "Shorter wording.").changes
    laid = previewer.laid
    after = previewer.refresh(briefing, before, changes.slides)
    assert after is not None
    assert previewer.laid == laid + 1  # that slide alone
    full = preview_deck(briefing, DECK)
    assert after.laid_slides == full.laid_slides
    assert after.record == full.record
    kept = [a for a, b in zip(after.slides, before.slides, strict=True) if a is b]
    assert len(kept) == len(before.slides) - 1  # every other slide's preview is reused


def test_refresh_declines_when_other_slides_depend_on_the_edit(briefing) -> None:
    previewer = Previewer()
    before = previewer.preview(briefing, DECK)
    section = next(s for s in before.slides if s.record.layout == "section")
    changes = decks.update_slide(briefing, section.record.id, title="Renamed section")
    assert previewer.refresh(briefing, before, changes.slides) is None  # the agenda lists it
    argument = next(s for s in before.slides if s.record.layout == "argument")
    other = decks.add_slide(briefing, DECK, "argument")
    assert previewer.refresh(briefing, before, [other.id]) is None  # a slide came
    if any(s.record.layout == "sources" for s in before.slides):
        point = decks.add_item(briefing, argument.record.id, source_kind="footnote",
                               source_id=1)  # fmt: skip
        assert previewer.refresh(briefing, before, point.changes.slides) is None


def _statements(store, run):
    """The SQL statements ``run()`` sends (the engine's and the plain-SQL reader's, which
    composes), and what it returned."""
    with store.statements() as sent:
        result = run()
    return [" ".join(statement.split()) for statement in sent], result


def test_a_refresh_reads_the_slide_not_its_unchanged_sources(briefing) -> None:
    previewer = Previewer()
    before = previewer.preview(briefing, DECK)
    slide = next(s for s in before.slides if s.record.layout == "argument" and s.record.items)
    changes = decks.update_slide(briefing, slide.record.id, title="A sharper title")
    seen, after = _statements(
        briefing, lambda: previewer.refresh(briefing, before, changes.slides, changes)
    )
    assert after is not None and after.slide(slide.record.id).record.title == "A sharper title"
    assert after.laid_slides == preview_deck(briefing, DECK).laid_slides
    read = [s.split(" FROM ")[1].split()[0] for s in seen if s.startswith("SELECT")]
    assert set(read) <= {"slide", "slide_item"}, seen  # the sources were read by preview()


def test_a_refresh_reads_again_the_sources_its_changes_name(briefing) -> None:
    from briefing_app.services import arguments, library

    paragraph = library.paragraphs(briefing)[4]
    made = arguments.create_argument(briefing, paragraph_id=paragraph.id, start=0, end=25,
                                     label="Mine", claim="My first claim", kind="premise",
                                     perspectives=[]).value  # fmt: skip
    slide = next(s for s in preview_deck(briefing, DECK).slides if s.record.layout == "argument")
    decks.add_item(briefing, slide.record.id, source_kind="argument", source_id=made)
    previewer = Previewer()
    before = previewer.preview(briefing, DECK)
    changes = arguments.update_argument(briefing, made, claim="My better claim").changes
    after = previewer.refresh(briefing, before, [slide.record.id], changes)
    assert after is not None
    item = next(i for i in after.slide(slide.record.id).record.items if i.source_id == made)
    assert item.source_text == "My better claim" and item.differs_from_source
    assert after.laid_slides == preview_deck(briefing, DECK).laid_slides


def test_a_refresh_given_the_slide_as_the_edit_left_it_reads_nothing(briefing) -> None:
    from briefing_app.services import commands

    previewer = Previewer()
    before = previewer.preview(briefing, DECK)
    slide = next(s for s in before.slides if s.record.layout == "argument" and s.record.items)
    command = commands.edit_slide_field(briefing, slide.record.id, "title", "Held")
    changes = command.do(briefing)
    seen, after = _statements(
        briefing,
        lambda: previewer.refresh(briefing, before, changes.slides, changes, command.slides_left()),
    )
    assert seen == []  # the slide as the edit left it, its sources as the preview read them
    full = preview_deck(briefing, DECK)
    assert after is not None and after.record == full.record
    assert after.laid_slides == full.laid_slides
    command.undo(briefing)
    undone = previewer.refresh(briefing, after, changes.slides, changes, command.slides_left())
    assert undone is not None and undone.record == preview_deck(briefing, DECK).record


def test_a_whole_deck_preview_reads_the_deck_once(briefing) -> None:
    """Opening or reloading a deck reads its slides and their sources once, for the
    content and the records alike, and the records are those the deck service gives."""
    from briefing_app.store.reading import CHUNK

    seen, preview = _statements(briefing, lambda: Previewer().preview(briefing, DECK))
    record = decks.get_deck(briefing, DECK)
    assert preview.record == record
    points = {(i.source_kind, i.source_id) for s in record.slides for i in s.items}
    assert len([p for p in points if p[0] == "argument"]) <= CHUNK  # one statement reads them
    for table in ("slide", "slide_item", "argument", "footnote"):
        reads = [s for s in seen if s.startswith("SELECT") and f" FROM {table} WHERE" in s]
        assert len(reads) == 1, (table, reads)
