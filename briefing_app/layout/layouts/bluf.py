"""Bottom line up front: key judgements, numbered, in a tinted panel with a navy edge."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from briefing_app.layout.boxes import Box, RectBox
from briefing_app.layout.chrome import Ctx, Page, continued_page, paginate, text_box, title_boxes
from briefing_app.layout.content import ContentItem, SlideContent
from briefing_app.layout.layouts.argument import accept_points
from briefing_app.layout.lists import numbered_specs
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
from briefing_app.layout.wrap import Frame, fit_paragraphs

BLUF_FLOOR = 12.0  # below the body floor: a bottom line stays whole on its slide
PAD, BAR = 16.0, 6.0  # panel padding; the navy edge's width
JUDGEMENTS = "key judgements"  # the template slot of the numbered judgements


def panel_text(body: Frame) -> Frame:
    """Where the judgements go inside the panel that fills ``body``."""
    return Frame(body.x + BAR + 20, body.y + PAD, body.w - BAR - 40, body.h - 2 * PAD)


@dataclass(frozen=True)
class BlufContent(SlideContent):
    items: tuple[ContentItem, ...] = ()


class BlufLayout(SlideLayout[BlufContent]):
    name = "bluf"
    label = "Bottom line (BLUF)"
    content_type = BlufContent
    empty_hint = "Drag arguments, quotes or events here from the library"

    def compose(self, draft: SlideDraft) -> BlufContent:
        return BlufContent(
            title=draft.title,
            notes=draft.notes,
            items=tuple(i.content for i in draft.items),
            footer_sources=draft.footer(),
        )

    def lay_out(self, content: BlufContent, ctx: Ctx) -> list[Page]:
        t = ctx.theme
        body = t.body_frame(ctx.marking)
        pad, bar = PAD, BAR
        inner = panel_text(body)
        specs = numbered_specs(content.items, t, 22.0, 0.6)
        title = content.title or "Bottom line up front"
        fits = []
        warnings: list[str] = []
        if any(not s.empty for s in specs):  # never split: shrink to the floor, then warn
            fit = fit_paragraphs(specs, inner, 22.0, t.body_min)
            if not fit.fits:
                fit = fit_paragraphs(specs, inner, t.body_min, BLUF_FLOOR, step=0.5)
                if fit.fits:
                    warnings.append(f"the bottom line only fits at {fit.size:g} pt; shorten it.")
            if fit.fits:
                fits = [fit]
            else:
                fits = paginate(specs, inner, BLUF_FLOOR, BLUF_FLOOR)
                warnings.append(f"the bottom line does not fit on one slide even at "
                                f"{BLUF_FLOOR:g} pt, so it continues; shorten it.")  # fmt: skip
        pages = []
        for i, part in enumerate(fits or [None]):
            boxes: list[Box] = title_boxes(ctx, title, i)
            if part is not None and part.paragraphs:
                h = part.height + 2 * pad
                boxes.append(RectBox(body.x, body.y, body.w, h, fill=t.panel, name="BlufPanel"))
                boxes.append(RectBox(body.x, body.y, bar, h, fill=t.navy, name="BlufBar"))
                frame = replace(inner, h=part.height)
                boxes.append(text_box(part, frame, "Body", slot=JUDGEMENTS))
            pages.append(
                continued_page(title, i, boxes, content.footer_sources, content.notes, warnings)
            )
        return pages

    def template_slots(self, theme: Theme, marked: bool) -> TemplateSlots:
        text = panel_text(theme.body_frame(marked))
        judgements = TemplateSlot(PlaceholderKind.OBJECT, JUDGEMENTS, text)
        return TemplateSlots("Bottom Line Up Front", theme.title_frame(marked), (judgements,))

    def accept(
        self, dropped: Sequence[SourceKey], present: Sequence[PresentItem]
    ) -> tuple[Placement, ...]:
        return accept_points(dropped)


LAYOUT = BlufLayout()
