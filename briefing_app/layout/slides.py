"""Single-column layouts: title (cover), section, agenda, bluf, argument, map and sources."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from briefing_app.layout.boxes import Box, RectBox, RuleBox
from briefing_app.layout.chrome import (
    Ctx,
    Page,
    body_box,
    cont_title,
    filler_rect,
    item_para,
    paginate,
    text_box,
    title_boxes,
)
from briefing_app.layout.content import ContentItem, SlideContent
from briefing_app.layout.metrics import face
from briefing_app.layout.theme import Theme
from briefing_app.layout.wrap import Fit, Frame, ParaSpec, fit_text


def bullet_specs(items: Sequence[ContentItem], t: Theme, base_size: float) -> list[ParaSpec]:
    """Claims (level 0, navy square bullet) and supporting points (level 1, dash)."""
    base = t.style(base_size)
    specs = []
    for k, item in enumerate(items):
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
                    key=k,
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
                    key=k,
                )
            )
    return specs


def numbered_specs(
    items: Sequence[ContentItem], t: Theme, size: float, gap: float, bold: bool = False
) -> list[ParaSpec]:
    """Level-0 items numbered 1., 2., ...; level-1 items as dashed sub-points."""
    count = sum(1 for i in items if i.level <= 0)
    digits = len(str(max(count, 1)))
    num_style = t.style(size, t.navy, bold=True)
    indent = face(t.font, True).width_em("8" * digits + ".") + 0.55
    base = t.style(size, bold=bold)
    specs, n = [], 0
    for k, item in enumerate(items):
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
                    key=k,
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
                    key=k,
                )
            )
    return specs


def list_pages(
    slide: SlideContent,
    ctx: Ctx,
    specs: Sequence[ParaSpec],
    frame: Frame,
    max_size: float,
    title: str,
    extra: Sequence[Box] = (),
) -> list[Page]:
    """Title + items in ``frame``, continued on as many pages as needed."""
    t = ctx.theme
    fits: list[Fit | None] = (
        list(paginate(specs, frame, max_size, t.body_min))
        if any(not s.empty for s in specs)
        else [None]
    )
    pages = []
    for i, fit in enumerate(fits):
        boxes = [*title_boxes(ctx, title, i), *extra]
        if fit is not None and fit.paragraphs:
            boxes.append(body_box(fit, frame))
        pages.append(
            Page(
                cont_title(title, i),
                boxes,
                True,
                slide.footer_sources,
                slide.notes if i == 0 else "",
            )
        )
    return pages


def layout_argument(slide: SlideContent, ctx: Ctx) -> list[Page]:
    t = ctx.theme
    frame = t.body_frame(ctx.marking)
    return list_pages(
        slide, ctx, bullet_specs(slide.items, t, t.body_size), frame, t.body_size, slide.title
    )


def layout_agenda(slide: SlideContent, ctx: Ctx) -> list[Page]:
    t = ctx.theme
    frame = t.body_frame(ctx.marking)
    specs = numbered_specs(slide.items, t, 24.0, 0.8)
    return list_pages(slide, ctx, specs, frame, 24.0, slide.title or "Agenda")


def layout_sources(slide: SlideContent, ctx: Ctx) -> list[Page]:
    t = ctx.theme
    frame = t.body_frame(ctx.marking)
    specs = [
        item_para(item, t.style(16.0), t, space_before=0.4, key=k)
        for k, item in enumerate(slide.items)
    ]
    return list_pages(slide, ctx, specs, frame, 16.0, slide.title or "Sources")


def layout_map(slide: SlideContent, ctx: Ctx) -> list[Page]:
    """Arguments as bullets on the left; the map, drawn as vectors, with its caption right."""
    t = ctx.theme
    body = t.body_frame(ctx.marking)
    col_w = round(body.w * 0.36)
    text = Frame(body.x, body.y, col_w, body.h)
    caption_h = 48.0 if slide.subtitle else 0.0
    area = Frame(body.x + col_w + 24, body.y, body.w - col_w - 24, body.h - caption_h)
    extra: list[Box] = []
    if slide.map_spec is not None:
        extra += slide.map_spec.boxes((area.x, area.y, area.w, area.h))
    else:
        extra.append(filler_rect(area, t.panel, "MapFrame", stroke=t.rule))
    if slide.subtitle:
        frame = Frame(area.x, area.y + area.h + 4, area.w, caption_h - 4)
        style = t.style(12.0, t.muted, italic=True)
        extra.append(text_box(fit_text(slide.subtitle, style, frame, 12.0, 10.0), frame, "Caption"))
    specs = bullet_specs(slide.items, t, 18.0)
    return list_pages(slide, ctx, specs, text, 18.0, slide.title, extra=extra)


def layout_bluf(slide: SlideContent, ctx: Ctx) -> list[Page]:
    """Key judgements, numbered, in a tinted panel with a navy edge."""
    t = ctx.theme
    body = t.body_frame(ctx.marking)
    pad, bar = 16.0, 6.0
    inner = Frame(body.x + bar + 20, body.y + pad, body.w - bar - 40, body.h - 2 * pad)
    specs = numbered_specs(slide.items, t, 22.0, 0.6)
    title = slide.title or "Bottom line up front"
    fits = paginate(specs, inner, 22.0, t.body_min) if any(not s.empty for s in specs) else []
    pages = []
    for i, fit in enumerate(fits or [None]):
        boxes: list[Box] = title_boxes(ctx, title, i)
        if fit is not None and fit.paragraphs:
            h = fit.height + 2 * pad
            boxes.append(RectBox(body.x, body.y, body.w, h, fill=t.panel, name="BlufPanel"))
            boxes.append(RectBox(body.x, body.y, bar, h, fill=t.navy, name="BlufBar"))
            boxes.append(text_box(fit, replace(inner, h=fit.height), "Body"))
        pages.append(
            Page(
                cont_title(title, i),
                boxes,
                True,
                slide.footer_sources,
                slide.notes if i == 0 else "",
            )
        )
    return pages


def _big_title(ctx: Ctx, title: str, frame: Frame, size: float, floor: float) -> list[Box]:
    t = ctx.theme
    if not title.strip():
        return []
    fit = fit_text(title, t.style(size, t.navy, bold=True), frame, size, floor)
    return [text_box(fit, frame, "Title", anchor="bottom")]


def _band(ctx: Ctx, name: str) -> RectBox:
    t, m = ctx.theme, ctx.marking
    return RectBox(0.0, t.top(m), 16.0, t.bottom(m) - t.top(m), fill=t.navy, name=name)


def layout_title(slide: SlideContent, ctx: Ctx) -> list[Page]:
    """Cover: deck title, subtitle, author/office and date beside a navy band."""
    t, deck = ctx.theme, ctx.deck
    top = t.top(ctx.marking)
    x, w = 80.0, t.page_w - 80.0 - 96.0
    title = slide.title or deck.title
    boxes: list[Box] = [_band(ctx, "CoverBand")]
    boxes += _big_title(
        ctx, title, Frame(x, top + 110, w, 150), t.cover_title_size, t.cover_title_min
    )
    subtitle = slide.subtitle or deck.subtitle
    if subtitle.strip():
        frame = Frame(x, top + 272, w, 56)
        fit = fit_text(subtitle, t.style(22.0, t.muted), frame, 22.0, 16.0)
        boxes.append(text_box(fit, frame, "Subtitle"))
    boxes.append(RuleBox(x, top + 344, x + 240, top + 344, t.navy, 1.5, "CoverRule"))
    y = top + 358
    for name, text, color in (("Author", deck.author, t.text), ("Date", deck.date_label, t.muted)):
        if text.strip():
            frame = Frame(x, y, w, 19.2)
            fit = fit_text(text, t.style(16.0, color, bold=name == "Author"), frame, 16.0, 12.0)
            boxes.append(text_box(fit, frame, name))
            y += 24
    return [Page(title, boxes, False, (), slide.notes)]


def layout_section(slide: SlideContent, ctx: Ctx) -> list[Page]:
    """Divider: big title over a short navy rule, optional subtitle."""
    t = ctx.theme
    top = t.top(ctx.marking)
    x, w = 80.0, t.page_w - 80.0 - 96.0
    boxes: list[Box] = [_band(ctx, "SectionBand")]
    boxes += _big_title(
        ctx, slide.title, Frame(x, top + 100, w, 150), t.section_title_size, t.section_title_min
    )
    boxes.append(RuleBox(x, top + 264, x + 96, top + 264, t.navy, 4.0, "SectionRule"))
    if slide.subtitle.strip():
        frame = Frame(x, top + 282, w, 84)
        fit = fit_text(slide.subtitle, t.style(22.0, t.muted), frame, 22.0, 16.0)
        boxes.append(text_box(fit, frame, "Subtitle"))
    return [Page(slide.title, boxes, False, (), slide.notes)]
