"""Lists of points shared by the list layouts: bullets, numbers, and pages of them."""

from __future__ import annotations

from collections.abc import Sequence

from briefing_app.layout.boxes import Box
from briefing_app.layout.chrome import (
    Ctx,
    Page,
    continued_page,
    item_para,
    paginate,
    text_box,
    title_boxes,
)
from briefing_app.layout.content import ContentItem
from briefing_app.layout.metrics import face
from briefing_app.layout.theme import Theme
from briefing_app.layout.wrap import Fit, Frame, ParaSpec, fit_paragraphs


def bullet_specs(items: Sequence[ContentItem], t: Theme, base_size: float) -> list[ParaSpec]:
    """Claims (level 0, navy square bullet) and supporting points (level 1, dash)."""
    base = t.style(base_size)
    specs = []
    for item in items:
        if item.level <= 0:
            specs.append(
                item_para(
                    item,
                    base,
                    t,
                    bullet="\u25aa",
                    bullet_style=t.style(base_size, t.navy),
                    indent=1.0,
                    space_before=0.55,
                )
            )
        else:
            specs.append(
                item_para(
                    item,
                    base,
                    t,
                    scale=0.9,
                    bullet="\u2013",
                    bullet_style=t.style(base_size, t.muted),
                    bullet_indent=1.2,
                    indent=2.1,
                    space_before=0.25,
                )
            )
    return specs


def numbered_specs(
    items: Sequence[ContentItem], t: Theme, size: float, gap: float, bold: bool = False
) -> list[ParaSpec]:
    """Level-0 items numbered 1., 2., ...; level-1 items as dashed sub-points."""
    count = sum(1 for i in items if i.level <= 0)
    digits = len(str(max(count, 1)))
    # PowerPoint draws an auto-number in the weight of its text (a bullet has none of its
    # own), so ours is too; the indent leaves room for bold digits all the same.
    num_style = t.style(size, t.navy, bold=bold)
    indent = face(t.font, True).width_em("8" * digits + ".") + 0.55
    base = t.style(size, bold=bold)
    specs, n = [], 0
    for item in items:
        if item.level <= 0:
            n += 1
            specs.append(
                item_para(
                    item,
                    base,
                    t,
                    bullet=f"{n}.",
                    bullet_style=num_style,
                    indent=indent,
                    space_before=gap,
                )
            )
        else:
            specs.append(
                item_para(
                    item,
                    t.style(size),
                    t,
                    scale=0.9,
                    bullet="\u2013",
                    bullet_style=t.style(size, t.muted),
                    bullet_indent=indent,
                    indent=indent + 0.9,
                    space_before=gap / 2,
                )
            )
    return specs


def list_pages(
    ctx: Ctx,
    specs: Sequence[ParaSpec],
    frame: Frame,
    max_size: float,
    title: str,
    footer_sources: tuple[str, ...],
    notes: str,
    extra: Sequence[Box] = (),
    later: Frame | None = None,
    slot: str | None = None,
) -> list[Page]:
    """Title + items in ``frame``, continued on as many pages as needed; ``extra`` boxes
    (a tag line) are drawn on every page, or, with a ``later`` frame for the items of
    follow-on pages, only on the first (a map is never drawn twice). The items' box
    fills the template slot ``slot``."""
    t = ctx.theme
    fits: list[Fit | None] = [None]
    if any(not s.empty for s in specs) and later is None:
        fits = list(paginate(specs, frame, max_size, t.body_min))
    elif any(not s.empty for s in specs) and later is not None:
        first = fit_paragraphs(specs, frame, max_size, t.body_min)
        fits = [first]
        if not first.fits:
            fits += paginate(first.overflow, later, t.body_min, t.body_min)
    pages = []
    for i, fit in enumerate(fits):
        boxes = [*title_boxes(ctx, title, i)]
        if i == 0 or later is None:
            boxes += extra
        if fit is not None and fit.paragraphs:
            where = frame if i == 0 or later is None else later
            boxes.append(text_box(fit, where, "Body", slot=slot))
        pages.append(continued_page(title, i, boxes, footer_sources, notes))
    return pages
