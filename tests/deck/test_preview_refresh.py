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
