"""Comparison: two headed columns split by a thin divider, both in one type size."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from briefing_app.layout.boxes import Box, RuleBox
from briefing_app.layout.chrome import Ctx, Page, continued_page, text_box, title_boxes
from briefing_app.layout.columns import (
    COLUMNS,
    GAP,
    SIDES,
    column_pages,
    column_xs,
    fit_headings,
    headed_column_slots,
    heading_boxes,
    pending,
)
from briefing_app.layout.content import ContentItem, SlideContent
from briefing_app.layout.layouts.argument import accept_points
from briefing_app.layout.lists import bullet_specs
from briefing_app.layout.slide_layout import (
    Placement,
    PresentItem,
    SlideDraft,
    SlideLayout,
    SourceKey,
    TemplateSlots,
)
from briefing_app.layout.theme import Theme
from briefing_app.layout.wrap import Frame


@dataclass(frozen=True)
class ComparisonContent(SlideContent):
    left_heading: str = ""
    right_heading: str = ""
    left_items: tuple[ContentItem, ...] = ()
    right_items: tuple[ContentItem, ...] = ()


class ComparisonLayout(SlideLayout[ComparisonContent]):
    name = "comparison"
    label = "Comparison"
    content_type = ComparisonContent
    empty_hint = "Drag arguments, quotes or events here from the library"

    def compose(self, draft: SlideDraft) -> ComparisonContent:
        columns = [tuple(i.content for i in draft.items if i.column == n) for n in (0, 1)]
        return ComparisonContent(
            title=draft.title,
            notes=draft.notes,
            left_heading=draft.left_heading,
            right_heading=draft.right_heading,
            left_items=columns[0],
            right_items=columns[1],
            footer_sources=draft.footer(),
        )

    def lay_out(self, content: ComparisonContent, ctx: Ctx) -> list[Page]:
        t = ctx.theme
        body = t.body_frame(ctx.marking)
        xs, col_w = column_xs(body)
        heads, head_h = fit_headings(ctx, (content.left_heading, content.right_heading), body)
        rule_y = body.y + head_h + 4 if head_h else body.y
        top = rule_y + 10 if head_h else body.y
        frames = [Frame(x, top, col_w, body.bottom - top) for x in xs]
        rest = [
            pending(bullet_specs(content.left_items, t, t.body_size)),
            pending(bullet_specs(content.right_items, t, t.body_size)),
        ]
        pages: list[Page] = []
        for i, fits in enumerate(column_pages(rest, frames, t.body_size, t.body_min)):
            boxes: list[Box] = title_boxes(ctx, content.title, i)
            for side, (head, fit, frame) in enumerate(zip(heads, fits, frames, strict=True)):
                if head is not None and (i == 0 or fit.paragraphs):  # no empty column again
                    boxes += heading_boxes(ctx, head, side, body, head_h, rule_y)
                if fit.paragraphs:
                    name = SIDES[side][0] + "Column"
                    boxes.append(text_box(fit, frame, name, slot=COLUMNS[side]))
            if i == 0 or all(f.paragraphs for f in fits):
                mid = body.x + col_w + GAP / 2
                boxes.append(RuleBox(mid, body.y, mid, body.bottom, t.rule, 0.75, "Divider"))
            pages.append(
                continued_page(content.title, i, boxes, content.footer_sources, content.notes)
            )
        return pages

    def template_slots(self, theme: Theme, marked: bool) -> TemplateSlots:
        slots = headed_column_slots(theme.body_frame(marked))
        return TemplateSlots(
            "Comparison", theme.title_frame(marked), slots, ooxml_type="twoTxTwoObj"
        )

    def accept(
        self, dropped: Sequence[SourceKey], present: Sequence[PresentItem]
    ) -> tuple[Placement, ...]:
        return accept_points(dropped)


LAYOUT = ComparisonLayout()
