"""The editor's preview: per stored slide, exactly the laid slides export draws."""

from __future__ import annotations

import time
from itertools import pairwise

import pytest

from briefing_app.bench.synthetic import synthetic_deck, synthetic_store
from briefing_app.deck.outline import DEFAULT_OUTLINE, build_from_outline
from briefing_app.deck.preview import Previewer, preview_deck
from briefing_app.render.export import laid_out
from briefing_app.services import decks

DECK = "Default briefing"


@pytest.fixture
def briefing(essay_store):
    build_from_outline(essay_store, DEFAULT_OUTLINE, DECK)
    return essay_store


def test_preview_is_exactly_what_export_lays_out(briefing) -> None:
    preview = preview_deck(briefing, DECK)
    laid, _ = laid_out(briefing, DECK)
    assert preview.laid_slides == laid.slides
    assert preview.record == decks.get_deck(briefing, DECK)
    assert any(len(s.pages) > 1 for s in preview.slides)  # a continued slide maps to several
    numbers = [page.number for page in preview.laid_slides]
    assert numbers == list(range(1, len(numbers) + 1))


def test_regions_locate_points_title_and_headings(briefing) -> None:
    preview = preview_deck(briefing, DECK)
    argument = next(s for s in preview.slides if s.record.layout == "argument")
    items = [r for r in argument.regions if r.kind == "item"]
    assert [r.item_id for r in items] == [i.id for i in argument.record.items]
    assert all(a.y + a.h <= b.y + 1 for a, b in pairwise(items))
    assert argument.region_for("title") is not None
    comparison = next(s for s in preview.slides if s.record.layout == "comparison")
    kinds = {r.kind for r in comparison.regions}
    assert {"left_heading", "right_heading", "item"} <= kinds
    quote = next(s for s in preview.slides if s.record.layout == "quote")
    assert quote.region_for("item", quote.record.items[0].id) is not None
    first = items[0]
    assert first.contains(first.x + 5, first.y + first.h / 2)


def test_unchanged_slides_are_not_laid_out_again(briefing) -> None:
    previewer = Previewer()
    first = previewer.preview(briefing, DECK)
    laid = previewer.laid
    slide = next(s for s in first.slides if s.record.layout == "argument")
    decks.set_item_text(briefing, slide.record.items[0].id, "Shorter wording.")
    second = previewer.preview(briefing, DECK)
    assert previewer.laid == laid + 1
    assert second.laid_slides == laid_out(briefing, DECK)[0].slides
    assert second.slide(slide.record.id).record.items[0].differs_from_source


def test_two_hundred_slides_lay_out_fast(tmp_path) -> None:
    store = synthetic_store(tmp_path / "big.sqlite", arguments=1000)
    synthetic_deck(store, "big", 200)
    previewer = Previewer()
    previewer.preview(store, "big")
    start = time.perf_counter()
    preview = previewer.preview(store, "big")
    assert time.perf_counter() - start < 1.0
    assert len(preview.slides) == 200
    store.close()


def test_map_slides_wait_for_boundary_data_when_deferred(briefing) -> None:
    from briefing_app.maps import geodata

    geodata.subset.cache_clear()
    previewer = Previewer(defer_maps=True)
    early = previewer.preview(briefing, DECK)
    assert previewer.deferred
    map_slide = next(s for s in early.slides if s.record.layout == "map")
    assert any(b.name == "MapFrame" for b in map_slide.first.boxes)
    geodata.subset()
    later = previewer.preview(briefing, DECK)
    assert not previewer.deferred
    drawn = next(s for s in later.slides if s.record.id == map_slide.record.id)
    assert sum(1 for b in drawn.first.boxes if type(b).__name__ == "PathBox") > 20
