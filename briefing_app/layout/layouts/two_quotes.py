"""Two quotes side by side: contrasting positions, each with its speaker and date.

The left column shows the slide's first quote in column 0 and the right column the first
in column 1 (when one column is empty, the other column's next quote moves across). The
slide's left and right headings name the two positions ("Moscow", "Belgrade"). Both quotes
share one type size, shrinking to the body floor before continuing on "(cont.)" slides.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from briefing_app.layout.boxes import Box, RuleBox, TextParagraph
from briefing_app.layout.chrome import Ctx, Page, continued_page, text_box, title_boxes
from briefing_app.layout.columns import (
    GAP,
    SIDES,
    column_pages,
    column_xs,
    fit_headings,
    headed_column_slots,
    heading_boxes,
    pending,
)
from briefing_app.layout.content import SlideContent
from briefing_app.layout.layouts.quote import (
    Quotation,
    credit_ref,
    credit_runs,
    first_quote,
    quotation,
    quote_spec,
)
from briefing_app.layout.slide_layout import (
    DraftItem,
    PlaceholderKind,
    Placement,
    PresentItem,
    SlideDraft,
    SlideLayout,
    SourceKey,
    TemplateSlots,
)
from briefing_app.layout.theme import Theme
from briefing_app.layout.wrap import (
    Frame,
    ParaSpec,
    make_para,
)

QUOTE_SIZE = 24.0
CREDIT_SCALE = 0.75  # the speaker line is set at 18 pt beside 24 pt quotes
BAR_INSET = 20.0  # the quote's bar sits in this margin at the left of its column
QUOTES = ("left quote", "right quote")  # template slots (the headings: columns.HEADINGS)


@dataclass(frozen=True)
class TwoQuotesContent(SlideContent):
    left_heading: str = ""
    right_heading: str = ""
    left: Quotation = field(default_factory=Quotation)
    right: Quotation = field(default_factory=Quotation)


def pick_quotes(items: Sequence[DraftItem]) -> tuple[DraftItem | None, DraftItem | None]:
    """The left and right quotes: each column's first quote (else its first item); an
    empty column takes the other column's next one."""
    columns = [[i for i in items if i.column == n] for n in (0, 1)]
    left, right = first_quote(columns[0]), first_quote(columns[1])
    if left is None and right is not None:
        left, right = right, first_quote([i for i in columns[1] if i is not right])
    elif right is None and left is not None:
        right = first_quote([i for i in columns[0] if i is not left])
    return left, right


def column_specs(quote: Quotation, ctx: Ctx) -> tuple[ParaSpec, ...]:
    """The quote, then its credit line under it."""
    t = ctx.theme
    runs = credit_runs(quote, t, QUOTE_SIZE * CREDIT_SCALE)
    credit = make_para(runs, scale=CREDIT_SCALE, space_before=0.6, source=credit_ref(quote))
    return pending([quote_spec(quote, t, QUOTE_SIZE), credit])


def _quote_extent(paragraphs: Sequence[TextParagraph]) -> tuple[float, float] | None:
    """Top and bottom of the quote's own lines (italic), not its credit line."""
    lines = [
        line
        for p in paragraphs
        if p.lines and p.lines[0].runs and p.lines[0].runs[0].style.italic
        for line in p.lines
    ]
    if not lines:
        return None
    return lines[0].baseline - lines[0].ascent, lines[-1].baseline + lines[-1].descent


class TwoQuotesLayout(SlideLayout[TwoQuotesContent]):
    name = "two_quotes"
    label = "Two quotes"
    content_type = TwoQuotesContent
    empty_hint = "Drag two quotes here from the library, one for each position"

    def compose(self, draft: SlideDraft) -> TwoQuotesContent:
        left, right = pick_quotes(draft.items)
        return TwoQuotesContent(
            title=draft.title,
            notes=draft.notes,
            left_heading=draft.left_heading,
            right_heading=draft.right_heading,
            left=quotation(left),
            right=quotation(right),
            footer_sources=draft.footer(),
        )

    def lay_out(self, content: TwoQuotesContent, ctx: Ctx) -> list[Page]:
        t = ctx.theme
        body = t.body_frame(ctx.marking)
        xs, col_w = column_xs(body)
        heads, head_h = fit_headings(ctx, (content.left_heading, content.right_heading), body)
        rule_y = body.y + head_h + 4
        top = rule_y + 14 if head_h else body.y
        frames = [Frame(x + BAR_INSET, top, col_w - BAR_INSET, body.bottom - top) for x in xs]
        rest = [column_specs(content.left, ctx), column_specs(content.right, ctx)]
        pages: list[Page] = []
        for i, fits in enumerate(column_pages(rest, frames, QUOTE_SIZE, t.body_min)):
            boxes: list[Box] = title_boxes(ctx, content.title, i)
            for side, (head, x, fit, frame) in enumerate(zip(heads, xs, fits, frames, strict=True)):
                if head is not None and i == 0:
                    boxes += heading_boxes(ctx, head, side, body, head_h, rule_y)
                if not fit.paragraphs:
                    continue
                name = SIDES[side][0]
                extent = _quote_extent(fit.paragraphs)
                if extent is not None:
                    bar_x = x + 4
                    boxes.append(
                        RuleBox(bar_x, extent[0], bar_x, extent[1], t.navy, 4.0, name + "QuoteBar")
                    )
                boxes.append(text_box(fit, frame, name + "Quote", slot=QUOTES[side]))
            mid = body.x + col_w + GAP / 2
            boxes.append(RuleBox(mid, body.y, mid, body.bottom, t.rule, 0.75, "Divider"))
            pages.append(
                continued_page(content.title, i, boxes, content.footer_sources, content.notes)
            )
        return pages

    def template_slots(self, theme: Theme, marked: bool) -> TemplateSlots:
        body = theme.body_frame(marked)
        slots = headed_column_slots(body, PlaceholderKind.BODY, QUOTES, BAR_INSET)
        return TemplateSlots(
            "Two Quotes", theme.title_frame(marked), slots, ooxml_type="twoTxTwoObj"
        )

    def accept(
        self, dropped: Sequence[SourceKey], present: Sequence[PresentItem]
    ) -> tuple[Placement, ...]:
        """Dropped quotes fill the empty columns, left first; nothing else is taken."""
        free = [c for c in (0, 1) if not any(p.column == c for p in present)]
        quotes = [(k, i) for k, i in dropped if k == "quote"]
        return tuple(Placement(k, i, column) for (k, i), column in zip(quotes, free, strict=False))


LAYOUT = TwoQuotesLayout()
