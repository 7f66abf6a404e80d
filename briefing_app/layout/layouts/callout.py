"""Points with a quote: the slide's points on the left, the quote that supports them as a
callout on the right (in quotation marks and credited with role and date, or, edited,
as a paraphrase)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from briefing_app.layout.boxes import Box, RectBox
from briefing_app.layout.chrome import Ctx, Page, continued_page, paginate, text_box, title_boxes
from briefing_app.layout.content import ContentItem, SlideContent
from briefing_app.layout.layouts.quote import (
    Quotation,
    credit_ref,
    credit_runs,
    quotation,
    quote_spec,
)
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
    is_point,
)
from briefing_app.layout.theme import Theme
from briefing_app.layout.wrap import Fit, Frame, fit_paragraphs, make_para

CALLOUT_SHARE = 0.4  # of the body width
POINTS_SIZE = 20.0
QUOTE_SIZE = 18.0
CREDIT_SIZE = 12.0
PAD = 14.0
BAR = 5.0
GAP = 28.0  # between the points and the callouts
POINTS, QUOTE = "bullets", "quote"  # template slots: the points, the first quote


def split(body: Frame, quotes: bool = True) -> tuple[Frame, Frame]:
    """The points' frame and the callouts' (empty without quotes) in ``body``."""
    quote_w = round(body.w * CALLOUT_SHARE) if quotes else 0.0
    points = Frame(body.x, body.y, body.w - quote_w - (GAP if quote_w else 0.0), body.h)
    return points, Frame(body.x + body.w - quote_w, body.y, quote_w, body.h)


@dataclass(frozen=True)
class CalloutContent(SlideContent):
    items: tuple[ContentItem, ...] = ()
    quotes: tuple[Quotation, ...] = ()


class CalloutLayout(SlideLayout[CalloutContent]):
    name = "callout"
    label = "Points with a quote"
    content_type = CalloutContent
    empty_hint = "Drag arguments and the quote that supports them here from the library"

    def compose(self, draft: SlideDraft) -> CalloutContent:
        return CalloutContent(
            title=draft.title,
            notes=draft.notes,
            items=tuple(i.content for i in draft.items if i.kind != "quote"),
            quotes=tuple(quotation(i) for i in draft.items if i.kind == "quote"),
            footer_sources=draft.footer(),
        )

    def _callouts(self, content: CalloutContent, ctx: Ctx, frame: Frame) -> list[Box]:
        """The quotes stacked in tinted panels, as tall as their text, top-aligned."""
        t = ctx.theme
        boxes: list[Box] = []
        y = frame.y
        inner_w = frame.w - BAR - 2 * PAD
        per = (frame.h - 12.0 * max(len(content.quotes) - 1, 0)) / max(len(content.quotes), 1)
        for n, quote in enumerate(content.quotes):
            text_frame = Frame(frame.x + BAR + PAD, y + PAD, inner_w, per - 2 * PAD)
            specs = [quote_spec(quote, t, QUOTE_SIZE)]
            credit = credit_runs(quote, t, CREDIT_SIZE)
            if credit:
                specs.append(make_para(credit, space_before=0.6, source=credit_ref(quote)))
            fit = fit_paragraphs(specs, text_frame, QUOTE_SIZE, t.body_min, floor=CREDIT_SIZE)
            h = fit.height + 2 * PAD
            boxes.append(RectBox(frame.x, y, frame.w, h, fill=t.panel, name="CalloutPanel"))
            boxes.append(RectBox(frame.x, y, BAR, h, fill=t.navy, name="CalloutBar"))
            frame = Frame(text_frame.x, y + PAD, inner_w, fit.height)
            slot = QUOTE if n == 0 else None  # a template offers one placeholder for it
            boxes.append(text_box(fit, frame, "Quote", source=quote.ref, slot=slot))
            y += h + 12.0
        return boxes

    def lay_out(self, content: CalloutContent, ctx: Ctx) -> list[Page]:
        t = ctx.theme
        body = t.body_frame(ctx.marking)
        points, area = split(body, bool(content.quotes))
        callouts: list[Box] = []
        if content.quotes:
            callouts = self._callouts(content, ctx, area)
        specs = bullet_specs(content.items, t, POINTS_SIZE)
        fits: list[Fit | None] = (
            list(paginate(specs, points, POINTS_SIZE, t.body_min))
            if any(not s.empty for s in specs)
            else [None]
        )
        pages = []
        for i, fit in enumerate(fits):
            boxes = title_boxes(ctx, content.title, i)
            if fit is not None and fit.paragraphs:
                boxes.append(text_box(fit, points, "Body", slot=POINTS))
            if i == 0:  # the quote supports the slide's point: drawn once, not repeated,
                boxes += callouts  # and read after the points it stands beside
            pages.append(
                continued_page(content.title, i, boxes, content.footer_sources, content.notes)
            )
        return pages

    def template_slots(self, theme: Theme, marked: bool) -> TemplateSlots:
        points, area = split(theme.body_frame(marked))
        inner = Frame(area.x + BAR + PAD, area.y + PAD, area.w - BAR - 2 * PAD, area.h - 2 * PAD)
        slots = (
            TemplateSlot(PlaceholderKind.OBJECT, POINTS, points),
            TemplateSlot(PlaceholderKind.BODY, QUOTE, inner),
        )
        return TemplateSlots("Points with a Quote", theme.title_frame(marked), slots)

    def accept(
        self, dropped: Sequence[SourceKey], present: Sequence[PresentItem]
    ) -> tuple[Placement, ...]:
        """Points and quotes (quotes become callouts)."""
        return tuple(
            Placement(kind, ref_id) for kind, ref_id in dropped if is_point(kind) or kind == "quote"
        )


LAYOUT = CalloutLayout()
