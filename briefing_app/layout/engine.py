"""The layout engine: deck content in, positioned boxes out (pure and deterministic)."""

from __future__ import annotations

from briefing_app.layout import registry
from briefing_app.layout.boxes import Box, LaidDeck, LaidSlide
from briefing_app.layout.chrome import Ctx, Page, footer_boxes, marking_boxes
from briefing_app.layout.content import DeckContent, SlideContent
from briefing_app.layout.theme import Theme, get_theme
from briefing_app.progress import Progress, report


def layout_slide(slide: SlideContent, ctx: Ctx) -> list[Page]:
    """One content slide as one or more unnumbered pages, by its layout."""
    layout = registry.for_content(slide)
    pages = layout.lay_out(slide, ctx)
    for page in pages:
        page.layout = layout.name
    return pages


def finish_page(page: Page, number: int, ctx: Ctx) -> LaidSlide:
    """A laid-out page numbered ``number``, with its footer, marking banners and notes."""
    boxes: list[Box] = list(page.boxes)
    if page.chrome:
        boxes += footer_boxes(ctx, page, number)
    boxes += marking_boxes(ctx)
    return LaidSlide(
        number=number,
        title=page.title,
        boxes=tuple(boxes),
        notes=page.notes,
        width=ctx.theme.page_w,
        height=ctx.theme.page_h,
        layout=page.layout,
    )


def layout_deck(
    deck: DeckContent, progress: Progress | None = None, theme: Theme | None = None
) -> LaidDeck:
    """Lay out every slide of ``deck``; long content continues on " (cont.)" slides.
    ``theme`` replaces the deck's named theme (a house template's, say)."""
    ctx = Ctx(theme or get_theme(deck.theme), deck)
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
