"""Comparison: two headed columns split by a thin divider, both in one type size."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from briefing_app.layout.boxes import Box, FieldRef, RuleBox, SlideField
from briefing_app.layout.chrome import Ctx, Page, cont_title, text_box, title_boxes
from briefing_app.layout.content import ContentItem, SlideContent
from briefing_app.layout.layouts.argument import accept_points
from briefing_app.layout.lists import bullet_specs
from briefing_app.layout.slide_layout import (
    PlaceholderKind,
    Placement,
    PresentItem,
    SlideDraft,
    SlideLayout,
    SourceKey,
    TemplateSlot,
    TemplateSlots,
)
from briefing_app.layout.theme import Theme
from briefing_app.layout.wrap import LINE_HEIGHT, Fit, Frame, ParaSpec, fit_paragraphs, fit_text

GAP = 48.0  # between the columns
# Template slots, left then right: the headings and the columns under them.
HEADINGS = ("left heading", "right heading")
COLUMNS = ("left column", "right column")
HEAD_H = 2 * LINE_HEIGHT * 20.0  # room for a two-line heading


def column_xs(body: Frame, gap: float = GAP) -> tuple[tuple[float, float], float]:
    """The left edges of the two columns in ``body`` and their width."""
    col_w = (body.w - gap) / 2
    return (body.x, body.x + col_w + gap), col_w


def headed_column_slots(
    body: Frame,
    kind: PlaceholderKind = PlaceholderKind.OBJECT,
    columns: tuple[str, str] = COLUMNS,
    inset: float = 0.0,
) -> tuple[TemplateSlot, ...]:
    """Template slots of two headed columns in ``body``: each heading (optional) over its
    column (``columns`` labels, ``kind`` placeholders, ``inset`` from the left edge)."""
    xs, col_w = column_xs(body)
    top = body.y + HEAD_H + 14
    slots: list[TemplateSlot] = []
    for x, heading, column in zip(xs, HEADINGS, columns, strict=True):
        head = Frame(x, body.y, col_w, HEAD_H)
        slots.append(TemplateSlot(PlaceholderKind.BODY, heading, head, 0.5))
        frame = Frame(x + inset, top, col_w - inset, body.bottom - top)
        slots.append(TemplateSlot(kind, column, frame))
    return tuple(slots)


@dataclass(frozen=True)
class ComparisonContent(SlideContent):
    left_heading: str = ""
    right_heading: str = ""
    left_items: tuple[ContentItem, ...] = ()
    right_items: tuple[ContentItem, ...] = ()


def pending(specs: Sequence[ParaSpec]) -> tuple[ParaSpec, ...]:
    return tuple(s for s in specs if not s.empty)


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
        gap = GAP
        xs, col_w = column_xs(body)
        head_style = t.style(20.0, t.navy, bold=True)
        heads: list[Fit | None] = []
        for text, x in zip((content.left_heading, content.right_heading), xs, strict=True):
            frame = Frame(x, body.y, col_w, HEAD_H)
            heads.append(fit_text(text, head_style, frame, 20.0, 16.0) if text.strip() else None)
        head_h = max((h.height for h in heads if h is not None), default=0.0)
        rule_y = body.y + head_h + 4 if head_h else body.y
        top = rule_y + 10 if head_h else body.y
        frames = [Frame(x, top, col_w, body.bottom - top) for x in xs]
        rest = [
            pending(bullet_specs(content.left_items, t, t.body_size)),
            pending(bullet_specs(content.right_items, t, t.body_size)),
        ]
        pages: list[Page] = []
        while True:
            top_size = t.body_size if not pages else t.body_min  # follow-on pages at the floor
            fits = [
                fit_paragraphs(r, f, top_size, t.body_min)
                for r, f in zip(rest, frames, strict=True)
            ]
            size = min((f.size for f, r in zip(fits, rest, strict=True) if r), default=t.body_size)
            fits = [
                f
                if f.size == size or not r
                else fit_paragraphs(r, fr, size, size, floor=t.body_min)
                for f, r, fr in zip(fits, rest, frames, strict=True)
            ]
            i = len(pages)
            boxes: list[Box] = title_boxes(ctx, content.title, i)
            sides: tuple[tuple[str, SlideField], ...] = (
                ("Left", "left_heading"),
                ("Right", "right_heading"),
            )
            for (side, field), head, x, fit, frame, heading, column in zip(
                sides, heads, xs, fits, frames, HEADINGS, COLUMNS, strict=True
            ):
                if head is not None and (i == 0 or fit.paragraphs):  # no empty column again
                    head_frame = Frame(x, body.y, col_w, head_h)
                    ref = FieldRef(field)
                    name = side + "Heading"
                    boxes.append(
                        text_box(head, head_frame, name, "bottom", source=ref, slot=heading)
                    )
                    boxes.append(
                        RuleBox(x, rule_y, x + col_w, rule_y, t.navy, 1.0, side + "HeadingRule")
                    )
                if fit.paragraphs:
                    boxes.append(text_box(fit, frame, side + "Column", slot=column))
            if i == 0 or all(f.paragraphs for f in fits):
                mid = body.x + col_w + gap / 2
                boxes.append(RuleBox(mid, body.y, mid, body.bottom, t.rule, 0.75, "Divider"))
            pages.append(
                Page(
                    cont_title(content.title, i),
                    boxes,
                    True,
                    content.footer_sources,
                    content.notes if i == 0 else "",
                )
            )
            new_rest = [pending(f.overflow) for f in fits]
            if not any(new_rest) or new_rest == rest:
                return pages
            rest = new_rest

    def template_slots(self, theme: Theme, marked: bool) -> TemplateSlots:
        slots = headed_column_slots(theme.body_frame(marked))
        return TemplateSlots("Comparison", theme.title_frame(marked), slots)

    def accept(
        self, dropped: Sequence[SourceKey], present: Sequence[PresentItem]
    ) -> tuple[Placement, ...]:
        return accept_points(dropped)


LAYOUT = ComparisonLayout()
