"""The editor's preview: per stored slide, exactly the laid slides export draws."""

from __future__ import annotations

from itertools import pairwise

import pytest

from briefing_app.bench.synthetic import synthetic_deck, synthetic_store
from briefing_app.deck.preview import Previewer, preview_deck
from briefing_app.render.export import laid_out
from briefing_app.services import decks

DECK = "Default briefing"


@pytest.fixture
def briefing(with_full_briefing, essay_store):
    return essay_store


def test_preview_is_exactly_what_export_lays_out(briefing) -> None:
    preview = preview_deck(briefing, DECK)
    laid, _ = laid_out(briefing, DECK)
    assert preview.laid_slides == laid.slides
    assert preview.record == decks.get_deck(briefing, DECK)
    assert any(len(s.pages) > 1 for s in preview.slides)  # a continued slide maps to several
    numbers = [page.number for page in preview.laid_slides]
    assert numbers == list(range(1, len(numbers) + 1))


def test_preview_in_a_house_template_is_what_export_lays_out(briefing, tmp_path) -> None:
    import io
    import zipfile

    from briefing_app.services import templates
    from briefing_app.templates.art import ART_PREFIX
    from briefing_app.templates.build_default import build_bytes

    # our template at 4:3 with a coloured band on its master: another page, and art
    data = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(build_bytes())) as src, zipfile.ZipFile(data, "w") as dst:
        for info in src.infolist():
            part = src.read(info)
            if info.filename == "ppt/presentation.xml":
                part = part.replace(b'cx="12192000" cy="6858000"', b'cx="9144000" cy="6858000"')
            dst.writestr(info, part)
    path = tmp_path / "four-three.pptx"
    path.write_bytes(data.getvalue())
    templates.add_template(briefing, path, "4:3")
    previewer = Previewer()
    before = previewer.preview(briefing, DECK)
    templates.set_deck_template(briefing, DECK, "4:3")
    preview = previewer.preview(briefing, DECK)  # the same previewer: nothing stale
    laid, _ = laid_out(briefing, DECK)
    assert preview.laid_slides == laid.slides
    assert {(s.width, s.height) for s in preview.laid_slides} == {(720.0, 540.0)}
    assert {(s.width, s.height) for s in before.laid_slides} == {(960.0, 540.0)}
    assert any(b.name.startswith(ART_PREFIX) for s in laid.slides for b in s.boxes)


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


def test_a_long_deck_previewed_again_is_not_laid_out_again(tmp_path) -> None:
    """Nothing changed, nothing laid out: the second preview reuses every slide (the time
    for 200 slides is the core benchmark's ``preview_200_s``)."""
    store = synthetic_store(tmp_path / "big.sqlite", arguments=40)
    synthetic_deck(store, "big", 60)
    previewer = Previewer()
    first = previewer.preview(store, "big")
    laid = previewer.laid
    preview = previewer.preview(store, "big")
    assert previewer.laid == laid
    assert len(preview.slides) == 60
    assert preview.laid_slides == first.laid_slides
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


def _sources(page):
    for box in page.boxes:
        yield box, box.source
        for paragraph in getattr(box, "paragraphs", ()):
            yield box, paragraph.source


def test_every_box_says_which_item_or_field_it_was_drawn_from(briefing) -> None:
    from briefing_app.layout.boxes import FieldRef, ItemRef

    preview = preview_deck(briefing, DECK)
    drawn_items = set()
    for slide in preview.slides:
        ids = {item.id for item in slide.record.items}
        for page in slide.pages:
            for box, source in _sources(page):
                if isinstance(source, ItemRef):
                    assert source.item_id in ids, (slide.record.title, box.name)
                    drawn_items.add(source.item_id)
                elif isinstance(source, FieldRef):
                    # The field, or on the cover the deck's title or subtitle it defaults to.
                    shown = getattr(slide.record, source.field) or getattr(
                        preview.record, source.field
                    )
                    text = "".join(
                        r.text for p in box.paragraphs for ln in p.lines for r in ln.runs
                    )
                    squeezed = text.replace(" (cont.)", "").replace(" ", "")
                    assert squeezed in shown.replace(" ", ""), (source, text)
    # Every stored item is drawn somewhere (the default briefing shows all of them).
    assert drawn_items == {i.id for s in preview.slides for i in s.record.items}
    # Chrome (rules, footer, marking, slide number) comes from no item or field.
    for page in preview.laid_slides:
        names = {b.name for b in page.boxes if b.source is not None}
        assert not names & {"TitleRule", "FooterRule", "Footer", "SlideNumber", "DeckTitle"}


def test_regions_come_from_refs_not_box_names(briefing) -> None:
    preview = preview_deck(briefing, DECK)
    timeline = next(s for s in preview.slides if s.record.layout == "timeline")
    rows = [r for r in timeline.regions if r.kind == "item"]
    assert rows and [r.item_id for r in rows] == [i.id for i in timeline.record.items][: len(rows)]
    map_slide = next(s for s in preview.slides if s.record.layout == "map")
    figure = [b for b in map_slide.first.boxes if getattr(b.source, "part", None) == "figure"]
    assert len(figure) > 20  # the map is drawn from the map item …
    assert not [r for r in map_slide.regions if r.kind == "item"]  # … but is no text to edit
