from __future__ import annotations

from functools import cache

from layout_sample_decks import (
    SMALL_TEXT_BOXES,
    frame_violations,
    hostile_deck,
    realistic_deck,
    text_boxes,
)

from briefing_app.layout import registry
from briefing_app.layout.boxes import PAGE_HEIGHT, PAGE_WIDTH, RectBox, RuleBox, TextBox
from briefing_app.layout.content import ContentItem, DeckContent
from briefing_app.layout.engine import layout_deck
from briefing_app.layout.layouts.argument import ArgumentContent
from briefing_app.layout.layouts.timeline import TimelineContent, TimelineEntry


def _layout(content) -> str:
    return registry.for_content(content).name


@cache
def laid_realistic(marking: str | None = "UNCLASSIFIED"):
    return layout_deck(realistic_deck(marking))


@cache
def laid_hostile():
    return layout_deck(hostile_deck())


def _names(slide) -> list[str]:
    return [b.name for b in slide.boxes]


def _problems(slide) -> tuple[str, ...]:
    return (*slide.warnings, *slide.blocking)


def _body_sizes(laid) -> list[float]:
    """Sizes of body text, except the source annex (read, not projected: its own floor)
    and a bottom line that would otherwise split (down to 12 pt, with a warning)."""
    kept = {s.number for s in laid.slides if s.layout not in ("sources", "bluf")}
    return [
        r.style.size
        for slide, box in text_boxes(laid)
        if box.name not in SMALL_TEXT_BOXES
        and slide.number in kept
        # a title set below its floor is warned of (it is never cut instead)
        and not (box.name == "Title" and any("the title" in w for w in _problems(slide)))
        for p in box.paragraphs
        for line in p.lines
        for r in line.runs
    ]


def test_realistic_deck_uses_the_ten_core_layouts() -> None:
    # The ten layouts the sample briefing is built from (a later layout has its own tests).
    core = {"title", "bluf", "agenda", "section", "argument", "quote", "comparison"}
    core |= {"timeline", "map", "sources"}
    assert {_layout(s) for s in realistic_deck().slides} == core <= set(registry.NAMES)
    assert len(laid_realistic().slides) == len(realistic_deck().slides)


def test_every_line_inside_its_frame() -> None:
    assert frame_violations(laid_realistic()) == []
    assert frame_violations(laid_realistic(None)) == []


def test_hostile_input_stays_inside_frames() -> None:
    assert frame_violations(laid_hostile()) == []


def test_boxes_on_the_page() -> None:
    for laid in (laid_realistic(), laid_hostile()):
        for slide in laid.slides:
            for b in slide.boxes:
                if isinstance(b, TextBox | RectBox):
                    assert b.x >= 0 and b.x + b.w <= PAGE_WIDTH + 1e-6, (slide.number, b.name)
                    assert b.y >= 0 and b.y + b.h <= PAGE_HEIGHT + 1e-6, (slide.number, b.name)


def test_no_body_text_under_14pt() -> None:
    for laid in (laid_realistic(), laid_hostile()):
        sizes = _body_sizes(laid)
        assert sizes and min(sizes) >= 14.0
    small = [
        r.style.size
        for _, box in text_boxes(laid_hostile())
        if box.name in SMALL_TEXT_BOXES
        for p in box.paragraphs
        for ln in p.lines
        for r in ln.runs
    ]
    assert min(small) >= 7.0


def test_continuation_slides() -> None:
    laid = laid_hostile()
    titles = [s.title for s in laid.slides]
    assert "Two hundred items (cont.)" in titles
    assert "Megabyte (cont.)" in titles
    assert "Timeline (cont.)" in titles
    assert [s.number for s in laid.slides] == list(range(1, len(laid.slides) + 1))
    cont = next(s for s in laid.slides if s.title == "Two hundred items (cont.)")
    title_box = next(b for b in cont.boxes if b.name == "Title")
    assert "".join(r.text for r in title_box.paragraphs[-1].lines[-1].runs).endswith("(cont.)")
    # All 200 items arrive, each exactly once, in order.
    texts = [
        ln.runs[0].text
        for s in laid.slides
        if s.title.startswith("Two hundred")
        for b in s.boxes
        if b.name == "Body"
        for p in b.paragraphs
        for ln in p.lines
    ]
    points = [t for t in texts if t.startswith("Point ")]
    assert [int(t.split()[1].rstrip(":")) for t in points] == list(range(200))


def test_timeline_with_many_entries_continues() -> None:
    entries = tuple(TimelineEntry(f"{2000 + i}", f"Event number {i}", (i,)) for i in range(25))
    laid = layout_deck(DeckContent("D", slides=(TimelineContent("T", entries=entries),)))
    assert len(laid.slides) >= 2 and laid.slides[1].title == "T (cont.)"
    dates = [
        b.paragraphs[0].lines[0].runs[0].text
        for s in laid.slides
        for b in s.boxes
        if b.name.startswith("Date")
    ]
    assert dates == [f"{2000 + i}" for i in range(25)]
    assert frame_violations(laid) == []


def test_marking_banners_on_every_slide_when_set() -> None:
    for slide in laid_realistic().slides:
        names = _names(slide)
        assert "MarkingTop" in names and "MarkingBottom" in names
        top = next(b for b in slide.boxes if b.name == "MarkingTop")
        assert top.y < 20 and top.paragraphs[0].lines[0].runs[0].text == "UNCLASSIFIED"
        assert top.paragraphs[0].lines[0].runs[0].style.bold
    for slide in laid_realistic(None).slides:
        assert not any(n.startswith("Marking") for n in _names(slide))


def test_every_slide_has_number_and_deck_title_content_slides_a_footer() -> None:
    laid = laid_realistic()
    first_number, first_title = (
        next(b for b in laid.slides[0].boxes if b.name == name)
        for name in ("SlideNumber", "DeckTitle")
    )
    for slide, content in zip(laid.slides, realistic_deck().slides, strict=True):
        names = _names(slide)
        assert {"SlideNumber", "DeckTitle"} <= set(names)  # on every page, the cover too
        number = next(b for b in slide.boxes if b.name == "SlideNumber")
        title = next(b for b in slide.boxes if b.name == "DeckTitle")
        assert (number.y, title.y) == (first_number.y, first_title.y)  # the same place
        line = number.paragraphs[0].lines[0]
        assert line.runs[0].text == str(slide.number)
        assert line.x + line.width > number.x + number.w - 1  # right-aligned
        if _layout(content) in ("title", "section"):  # no sources line or rule there
            assert not {"FooterRule", "Footer"} & set(names)
            continue
        assert "FooterRule" in names
        if content.footer_sources:
            footer = next(b for b in slide.boxes if b.name == "Footer")
            text = " ".join(
                "".join(r.text for r in ln.runs) for p in footer.paragraphs for ln in p.lines
            )
            assert text == "Source: " + "; ".join(content.footer_sources)


def test_names_titles_notes_links_and_marks() -> None:
    laid = laid_realistic()
    by_layout = dict(zip((_layout(s) for s in realistic_deck().slides), laid.slides, strict=True))
    assert "MapFrame" in _names(by_layout["map"])
    assert {"Quote", "Speaker"} <= set(_names(by_layout["quote"]))
    assert {"LeftColumn", "RightColumn", "LeftHeading", "RightHeading", "Divider"} <= set(
        _names(by_layout["comparison"])
    )
    assert by_layout["bluf"].notes == "Lead with the judgement; detail follows."
    assert by_layout["argument"].title == "A guarantee is only as good as the forces that back it"
    runs = [
        r
        for b in by_layout["argument"].boxes
        if b.name == "Body"
        for p in b.paragraphs
        for ln in p.lines
        for r in ln.runs
    ]
    assert any(r.link == "https://example.org/report" for r in runs)
    marks = [r for r in runs if r.text.startswith("[")]
    assert marks and all(r.style.color == "2E6DA4" for r in marks)
    bluf_runs = [
        r.text
        for b in by_layout["bluf"].boxes
        if b.name == "Body"
        for p in b.paragraphs
        for ln in p.lines
        for r in ln.runs
    ]
    assert "[1,\u00a02]" in bluf_runs  # a mark never splits across lines


def test_unsafe_links_are_dropped() -> None:
    items = tuple(
        ContentItem(f"link {u}", link=u)
        for u in (
            "javascript:alert(1)",
            "file:///etc/passwd",
            "mailto:desk@example.org",
            "http://",
            "https://example.org/a b",
        )
    )
    laid = layout_deck(DeckContent("D", slides=(ArgumentContent("T", items=items),)))
    links = {
        r.link for _, b in text_boxes(laid) for p in b.paragraphs for ln in p.lines for r in ln.runs
    }
    assert links == {None, "mailto:desk@example.org"}


def test_deterministic() -> None:
    assert layout_deck(realistic_deck()) == layout_deck(realistic_deck())
    assert layout_deck(hostile_deck()) == laid_hostile()


def test_empty_and_degenerate_decks() -> None:
    assert layout_deck(DeckContent("")).slides == ()
    slides = tuple(layout.content_type() for layout in registry.LAYOUTS)
    laid = layout_deck(DeckContent("", marking="", slides=slides))
    assert len(laid.slides) == len(registry.LAYOUTS)
    assert frame_violations(laid) == []


def test_progress_reports_every_slide() -> None:
    calls: list[tuple[int, int, str]] = []
    layout_deck(realistic_deck(), progress=lambda d, t, m: calls.append((d, t, m)))
    total = len(realistic_deck().slides)
    assert calls[-1][:2] == (total, total)
    assert [c[0] for c in calls[:-1]] == list(range(total))


def test_hundred_slide_deck_lays_out_every_slide() -> None:
    """One laid slide per slide, each in its frame (the time is the core benchmark's)."""
    deck = realistic_deck()
    big = DeckContent(deck.title, marking="UNCLASSIFIED", slides=deck.slides * 10)
    laid = layout_deck(big)
    assert len(laid.slides) == 100
    assert frame_violations(laid) == []


def test_rules_and_rects_have_names() -> None:
    for slide in laid_realistic().slides:
        for b in slide.boxes:
            if isinstance(b, RuleBox | RectBox | TextBox):
                assert b.name not in ("Rule", "Rectangle", "Text")
