"""The layout engine: deck content in, positioned boxes out (pure and deterministic)."""

from __future__ import annotations

import re
from dataclasses import replace

from briefing_app.layout import registry
from briefing_app.layout.boxes import Box, ItemRef, LaidDeck, LaidSlide, TextBox
from briefing_app.layout.chrome import (
    CONT,
    TITLE_FLOOR,
    Ctx,
    Page,
    footer_boxes,
    marking_boxes,
    running_footer,
    title_fits,
)
from briefing_app.layout.content import DeckContent, SlideContent
from briefing_app.layout.textclean import MAX_LINE_FIELD
from briefing_app.layout.theme import Theme, get_theme
from briefing_app.layout.tracker import NO_ROOM, tracker_boxes
from briefing_app.layout.viewer_metrics import page_scale
from briefing_app.progress import Progress, report


def layout_slide(slide: SlideContent, ctx: Ctx) -> list[Page]:
    """One content slide as one or more unnumbered pages, by its layout."""
    layout = registry.for_content(slide)
    with page_scale(ctx.theme.page_scale):
        pages = layout.lay_out(slide, ctx.for_layout(layout.name))
    for page in pages:
        page.layout = layout.name
        page.part = slide.part
    return pages


def deck_theme(theme: Theme, deck: DeckContent) -> Theme:
    """``theme`` as this deck uses it: with room for the agenda tracker when it has parts."""
    tracker = bool(deck.parts)
    return theme if theme.tracker == tracker else replace(theme, tracker=tracker)


MAX_WORDS = 60  # on a content slide: one message, read in the time it is shown
# Slides that carry no message of their own (cover, dividers, agenda, the source list).
NOT_CONTENT = frozenset({"title", "section", "agenda", "sources"})
_MARK = re.compile(r"^(\[[\d,\s]+\]|[\u2020\u2021])$")  # citation and provenance marks


def words_on(boxes: list[Box]) -> int:
    """Words of the points and quotes drawn (not titles, footers, labels or citation
    marks): what the audience has to read."""
    count = 0
    for box in boxes:
        if not isinstance(box, TextBox):
            continue
        for paragraph in box.paragraphs:
            ref = paragraph.source or box.source
            if not isinstance(ref, ItemRef) or ref.part != "text":
                continue
            for line in paragraph.lines:
                text = " ".join(r.text for r in line.runs if not _MARK.match(r.text.strip()))
                count += len(text.split())
    return count


def _shows_item(box: Box) -> bool:
    """Whether ``box`` draws (part of) a slide item."""
    if isinstance(box.source, ItemRef):
        return True
    return isinstance(box, TextBox) and any(isinstance(p.source, ItemRef) for p in box.paragraphs)


def page_checks(page: Page, number: int, ctx: Ctx) -> tuple[list[str], list[str]]:
    """(warnings, blocking) for one page: the layout's own, too many words, an empty
    slide, a title that fits only cut."""
    layout = registry.get(page.layout)
    title = page.title.removesuffix(CONT).strip()
    shown = title if len(title) <= 70 else title[:69].rstrip() + "…"  # in a message only
    name = f"Slide {number}" + (f" “{shown}”" if title else "")
    warnings = [f"{name}: {w}" for w in page.warnings]
    blocking: list[str] = []
    if page.layout not in NOT_CONTENT:
        if not any(_shows_item(b) for b in page.boxes):
            warnings.append(f"{name} is empty: it has no points." if title else f"{name} is empty.")
        words = words_on(page.boxes)
        if words > MAX_WORDS:
            warnings.append(f"{name} has {words} words; a content slide should carry at most "
                            f"{MAX_WORDS} (one message per slide).")  # fmt: skip
    if page.layout != "title" and len(title) >= MAX_LINE_FIELD and title.endswith("…"):
        # a slide's own title cut where it was composed (the cover shows the deck's title)
        blocking.append(f"{name}: the title is longer than {MAX_LINE_FIELD} characters, so "
                        "it cannot be shown whole; shorten it.")  # fmt: skip
    elif layout.title_zone and title and not title_fits(ctx, page.title):
        size = f"{ctx.theme.title_min:g}"
        if title_fits(ctx, page.title, TITLE_FLOOR):
            warnings.append(f"{name}: the title does not fit on two lines at {size} pt, so "
                            "it is set smaller; shorten it.")  # fmt: skip
        else:
            blocking.append(f"{name}: the title does not fit its frame even at "
                            f"{TITLE_FLOOR:g} pt; shorten it.")  # fmt: skip
    return warnings, blocking


def finish_page(page: Page, number: int, ctx: Ctx) -> LaidSlide:
    """A laid-out page numbered ``number``, with its footer, marking banners and notes,
    and what it warns of."""
    with page_scale(ctx.theme.page_scale):
        return _finish_page(page, number, ctx.for_layout(page.layout))


def _finish_page(page: Page, number: int, ctx: Ctx) -> LaidSlide:
    boxes: list[Box] = list(page.boxes)
    tracker_warning = ""
    if page.chrome:
        boxes += footer_boxes(ctx, page, number)
        tracker, tracker_warning = tracker_boxes(ctx.theme, ctx.marking, ctx.deck.parts, page.part)
        boxes += tracker
        if tracker_warning == NO_ROOM:  # of the whole deck: said once
            tracker_warning = "" if NO_ROOM in ctx.said else NO_ROOM
            ctx.said.add(NO_ROOM)
    else:  # the cover and section dividers: no sources line or rule
        boxes += running_footer(ctx, number)
    boxes += marking_boxes(ctx)
    if tracker_warning:
        page = replace(page, warnings=[*page.warnings, tracker_warning])
    warnings, blocking = page_checks(page, number, ctx)
    return LaidSlide(
        number=number,
        title=page.title,
        boxes=tuple(boxes),
        notes=page.notes,
        width=ctx.theme.page_w,
        height=ctx.theme.page_h,
        layout=page.layout,
        warnings=tuple(warnings),
        blocking=tuple(blocking),
    )


def layout_deck(
    deck: DeckContent, progress: Progress | None = None, theme: Theme | None = None
) -> LaidDeck:
    """Lay out every slide of ``deck``; long content continues on " (cont.)" slides.
    ``theme`` replaces the deck's named theme (a house template's, say)."""
    ctx = Ctx(deck_theme(theme or get_theme(deck.theme), deck), deck)
    total = len(deck.slides)
    pages: list[Page] = []
    for i, slide in enumerate(deck.slides):
        report(progress, i, total, f"Laying out slide {i + 1} of {total}")
        pages.extend(layout_slide(slide, ctx))
    slides = tuple(finish_page(page, n, ctx) for n, page in enumerate(pages, start=1))
    report(progress, total, total, "Layout finished")
    return LaidDeck(
        title=deck.title,
        author=deck.author,
        subject=deck.subject,
        slides=slides,
        keywords=deck.keywords,
        marking=(deck.marking or "").strip(),
        subtitle=deck.subtitle,
        date_label=deck.date_label,
        distribution=deck.distribution,
    )
