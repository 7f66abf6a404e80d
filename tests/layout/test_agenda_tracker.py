"""The agenda tracker (issue 12): drawn by the engine on each slide of a part, the current
part highlighted, in room the theme keeps for it; nothing at all when a deck has no parts."""

from __future__ import annotations

from dataclasses import replace

import pytest
from reportlab.pdfbase import pdfmetrics

from briefing_app.layout.boxes import RectBox, TextBox
from briefing_app.layout.content import ContentItem, DeckContent
from briefing_app.layout.engine import layout_deck
from briefing_app.layout.layouts.argument import ArgumentContent
from briefing_app.layout.layouts.title import TitleContent
from briefing_app.layout.theme import MINISTRY
from briefing_app.layout.tracker import CHIP_NAME, PAD, TRACKER_NAME
from briefing_app.layout.wrap import Frame
from briefing_app.render.pdf_renderer import font_name, register_fonts

PARTS = ("Summary", "Kosovo model", "Serbia and Kosovo", "Gains and risks", "Assessment")
POINTS = tuple(
    ContentItem(f"Point {n}: Vučić and Đukić met in Belgrade to discuss the proposal again.")
    for n in range(1, 9)
)


def _deck(parts: tuple[str, ...] = PARTS, marking: str | None = "OFFICIAL-SENSITIVE"):
    slides = [TitleContent("Balkans Breakthrough")]
    for n, part in enumerate((*parts, "")):
        slides.append(ArgumentContent(f"What slide {n + 2} says", part=part, items=POINTS))
    declared = tuple(p for p in parts if p)
    return DeckContent("Balkans", marking=marking, slides=tuple(slides), parts=declared)


def _box(slide, name):
    return next((b for b in slide.boxes if b.name == name), None)


def _text(box: TextBox) -> str:
    return "".join(r.text for p in box.paragraphs for line in p.lines for r in line.runs)


def test_each_slide_of_a_part_lists_the_parts_with_its_own_highlighted() -> None:
    laid = layout_deck(_deck())
    assert _box(laid.slides[0], TRACKER_NAME) is None  # the cover has no chrome
    assert _box(laid.slides[-1], TRACKER_NAME) is None  # a slide in no part
    tracked = [s for s in laid.slides if _box(s, TRACKER_NAME) is not None]
    assert len(tracked) == len(PARTS)  # every page of a part (continuations included)
    for part, slide in zip(PARTS, tracked, strict=True):
        tracker = _box(slide, TRACKER_NAME)
        assert [n for n in _text(tracker).split("\u00a0") if n] == list(PARTS)
        runs = [r for line in tracker.paragraphs[0].lines for r in line.runs if r.text.strip()]
        bold = [r.text for r in runs if r.style.bold]
        assert bold == [part]
        assert all(r.style.size >= 10.0 for r in runs)  # as readable as the source line
        chip = _box(slide, CHIP_NAME)
        assert isinstance(chip, RectBox) and chip.fill
        current = next(r for r in runs if r.text == part)
        line = tracker.paragraphs[0].lines[0]
        before = sum(len(r.text) for r in line.runs[: line.runs.index(current)])
        assert before == 0 or chip.x > tracker.x  # the chip sits behind its own name
        # drawn after the chip, so the name is on top
        assert slide.boxes.index(chip) < slide.boxes.index(tracker)


def test_the_tracker_has_its_own_room_above_the_title_and_takes_none_from_the_body() -> None:
    with_parts = layout_deck(_deck())
    without = layout_deck(_deck(parts=("",) * len(PARTS)))
    assert all(_box(s, TRACKER_NAME) is None for s in without.slides)
    assert len(with_parts.slides) == len(without.slides)  # nothing pushed onto a new page
    for tracked, plain in zip(with_parts.slides, without.slides, strict=True):
        tracker = _box(tracked, TRACKER_NAME)
        title = _box(tracked, "Title")
        if tracker is not None and title is not None:
            band = _box(tracked, "MarkingTopBand")
            assert band is not None and tracker.y >= band.y + band.h
            top_of_title = min(line.baseline - line.ascent
                               for p in title.paragraphs for line in p.lines)  # fmt: skip
            assert tracker.y + tracker.h <= top_of_title
        # every other box is where it is without parts: the body keeps all its room
        kept = [b for b in tracked.boxes if b.name not in (TRACKER_NAME, CHIP_NAME)]
        assert kept == list(plain.boxes)


def _house(title: Frame, body: Frame | None = None):
    return replace(MINISTRY, title_box=title, body_box=body, margin=title.x, rules=False)


def _placed(theme, marking: str | None = None):
    laid = layout_deck(_deck(marking=marking), theme=theme)
    slide = laid.slides[1]
    return laid, _box(slide, TRACKER_NAME), _box(slide, "Title")


def _inside(box, frame: Frame) -> bool:
    return frame.y - 0.01 <= box.y and box.y + box.h <= frame.bottom + 0.01


def test_a_house_template_title_stays_in_its_frame_and_the_tracker_takes_free_room() -> None:
    """The title never leaves the template's title frame (its art: a band, a box); the
    tracker goes above the frame where that is free, else at the frame's top where the
    rest still holds two title lines, else between title and body, else nowhere."""
    # room above the frame: the title keeps all of it
    theme = _house(Frame(40.0, 30.0, 880.0, 70.0))
    _, tracker, title = _placed(theme)
    assert _inside(title, Frame(40.0, 30.0, 880.0, 70.0))
    assert tracker.y + tracker.h <= 30.0
    # a tall frame from the page's top: the tracker at its top, the title under it
    frame = Frame(40.0, 0.0, 880.0, 90.0)
    _, tracker, title = _placed(_house(frame))
    assert _inside(tracker, frame) and _inside(title, frame)
    assert title.y >= tracker.y + tracker.h
    # a low frame on a band at the top (Blue_Curve): the tracker below it, above the body
    frame, body = Frame(40.0, 17.0, 880.0, 45.0), Frame(40.0, 103.0, 880.0, 340.0)
    _, tracker, title = _placed(_house(frame, body), marking="OFFICIAL-SENSITIVE")
    assert _inside(title, Frame(40.0, 20.0, 880.0, 42.0))  # clear of the marking band
    assert frame.bottom <= tracker.y and tracker.y + tracker.h <= body.y
    # no free room: no tracker, one warning for the deck, the title where it was
    laid, tracker, title = _placed(_house(frame, Frame(40.0, 70.0, 880.0, 340.0)))
    assert tracker is None and _inside(title, frame)
    assert sum("agenda tracker" in w for w in laid.warnings) == 1
    assert not any(_box(s, TRACKER_NAME) for s in laid.slides)


def test_too_many_parts_for_one_line_show_only_this_slides_part_and_warn() -> None:
    parts = tuple(f"Part named at some length {n}" for n in range(1, 16))
    laid = layout_deck(_deck(parts=parts))
    slide = laid.slides[3]
    assert _text(_box(slide, TRACKER_NAME)) == f"Part 3 of 15: {parts[2]}"
    assert any("agenda tracker" in w for w in slide.warnings)


@pytest.mark.parametrize("font", ["sans", "carlito", "caladea", "wide"])
def test_the_chip_sits_under_its_name_as_the_pdf_draws_it(font: str) -> None:
    """In a Calibri template (Carlito has no no-break space) and in one whose font we only
    measure wider than it is ("wide"), the chip is behind its own name as reportlab sets
    the runs, not a name's width off it."""
    register_fonts()
    laid = layout_deck(_deck(), theme=replace(MINISTRY, font=font))
    tracked = [s for s in laid.slides if _box(s, TRACKER_NAME) is not None]
    for part, slide in zip(PARTS, tracked, strict=True):
        chip, tracker = _box(slide, CHIP_NAME), _box(slide, TRACKER_NAME)
        (line,) = tracker.paragraphs[0].lines
        x = line.x
        for run in line.runs:
            width = pdfmetrics.stringWidth(run.text, font_name(run.style), run.style.size)
            if run.text == part:
                assert (chip.x + PAD, chip.w - 2 * PAD) == pytest.approx((x, width), abs=0.05)
            x += width


def _luminance(rgb: str) -> float:
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(int(rgb[i : i + 2], 16) / 255) for i in (0, 2, 4))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _contrast(a: str, b: str) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def _over(top: str, opacity: float, under: str) -> str:
    """``top`` at ``opacity`` over ``under``, as a viewer blends them."""
    mix = (
        round(opacity * int(top[i : i + 2], 16) + (1 - opacity) * int(under[i : i + 2], 16))
        for i in (0, 2, 4)
    )
    return "".join(f"{c:02X}" for c in mix)


def test_on_a_house_template_the_names_sit_on_a_band_that_keeps_their_contrast() -> None:
    """A template's art can run under the strip in any colour (LibreOffice's Focus: red,
    orange and purple rays): the names get a band of the page's colour behind them, so the
    grey names stay readable (WCAG 4.5:1) over black, white or any saturated colour."""
    laid = layout_deck(_deck(), theme=replace(MINISTRY, name="template"))
    slide = laid.slides[1]
    band = _box(slide, "Agenda tracker: band")
    text, chip = _box(slide, TRACKER_NAME), _box(slide, CHIP_NAME)
    assert isinstance(band, RectBox) and isinstance(text, TextBox)
    order = [b.name for b in slide.boxes]
    assert order.index(band.name) < order.index(CHIP_NAME) < order.index(TRACKER_NAME)
    line = text.paragraphs[0].lines[0]
    assert band.x <= line.x and line.x + line.width <= band.x + band.w  # every name on it
    assert band.y <= chip.y and chip.y + chip.h <= band.y + band.h
    names = {r.style.color for r in line.runs if not r.style.bold}
    for beneath in ("000000", "FFFFFF", "C00000", "E46C0A", "7030A0", "1F497D", "00B050"):
        shown = _over(band.fill, band.opacity, beneath)
        assert all(_contrast(colour, shown) >= 4.5 for colour in names), beneath
    # our own white page needs no band
    assert _box(layout_deck(_deck()).slides[1], "Agenda tracker: band") is None


def test_the_chip_keeps_its_name_readable_when_titles_are_white() -> None:
    """LibreOffice's Midnightblue sets white titles on a dark band: a chip in the titles'
    colour was white under a white name. It takes our navy then; a dark title colour is
    still the chip's."""
    for title, expected in (("FFFFFF", MINISTRY.navy), ("F2F2F2", MINISTRY.navy),
                            ("C00000", "C00000")):  # fmt: skip
        theme = replace(MINISTRY, name="template", title_color=title)
        slide = layout_deck(_deck(), theme=theme).slides[1]
        chip, text = _box(slide, CHIP_NAME), _box(slide, TRACKER_NAME)
        current = next(r for r in text.paragraphs[0].lines[0].runs if r.style.bold)
        assert chip.fill == expected
        assert _contrast(chip.fill, current.style.color) >= 4.5
