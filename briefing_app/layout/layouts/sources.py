"""Sources: the essay's full reference and every footnote the deck cites, in full, as a
one-page annex in two columns (type shrinks to fit, down to a floor still readable in
print; only beyond that does it continue)."""

from __future__ import annotations

from dataclasses import dataclass

from briefing_app.layout.boxes import Box, RuleBox
from briefing_app.layout.chrome import Ctx, Page, continued_page, item_para, text_box, title_boxes
from briefing_app.layout.content import ContentItem, SlideContent
from briefing_app.layout.slide_layout import (
    PlaceholderKind,
    SlideDraft,
    SlideLayout,
    TemplateSlot,
    TemplateSlots,
)
from briefing_app.layout.theme import Theme
from briefing_app.layout.wrap import Fit, Frame, ParaSpec, layout_at

ANNEX_SIZE = 14.0
ANNEX_FLOOR = 8.0  # legible on paper and on a screen; the annex is read, not projected
GAP = 28.0
REFERENCES = "references"  # the template slot of the first column


@dataclass(frozen=True)
class SourcesContent(SlideContent):
    items: tuple[ContentItem, ...] = ()


def _columns(
    specs: list[ParaSpec], frames: tuple[Frame, Frame], size: float, final: bool
) -> tuple[Fit, Fit] | None:
    """Both columns at ``size``: the first filled, the rest in the second; None when they
    do not hold everything (unless ``final``)."""
    first = layout_at(specs, frames[0], size, size, final=True)
    assert first is not None
    second = layout_at(list(first.overflow), frames[1], size, size, final=True)
    assert second is not None
    if second.fits or final:
        return first, second
    return None


class SourcesLayout(SlideLayout[SourcesContent]):
    name = "sources"
    label = "Sources"
    content_type = SourcesContent
    composes_last = True  # lists what every other slide cites

    def compose(self, draft: SlideDraft) -> SourcesContent:
        """The references, then the briefer's own items; no footer (this is the list)."""
        items = draft.references() + tuple(i.content for i in draft.items)
        return SourcesContent(title=draft.title, notes=draft.notes, items=items)

    def lay_out(self, content: SourcesContent, ctx: Ctx) -> list[Page]:
        t = ctx.theme
        body = t.body_frame(ctx.marking)
        col_w = (body.w - GAP) / 2
        frames = (
            Frame(body.x, body.y, col_w, body.h),
            Frame(body.x + col_w + GAP, body.y, col_w, body.h),
        )
        title = content.title or "Sources"
        pages: list[Page] = []
        rest = [item_para(item, t.style(ANNEX_SIZE), t, space_before=0.45)
                for item in content.items]  # fmt: skip
        while True:
            size = ANNEX_SIZE if not pages else ANNEX_FLOOR
            fits = None
            while fits is None:
                fits = _columns(rest, frames, size, final=size <= ANNEX_FLOOR)
                size -= 0.5
            left = list(fits[1].overflow)
            placed = rest[: len(rest) - len(left)]
            if len(left) == 1 and not left[0].continued and len(placed) >= 3:
                # never one footnote alone on the next page: the last whole one goes along
                kept = _columns(placed[:-1], frames, size + 0.5, final=True)
                assert kept is not None  # final: both columns, whatever they hold
                fits, left = kept, [placed[-1], *left]
            i = len(pages)
            boxes: list[Box] = title_boxes(ctx, title, i)
            # the first column goes into a template's references placeholder
            for name, slot, fit, frame in zip(
                ("Body", "RightColumn"), (REFERENCES, None), fits, frames, strict=True
            ):
                if fit.paragraphs:
                    boxes.append(text_box(fit, frame, name, slot=slot))
            if fits[1].paragraphs:
                mid = body.x + col_w + GAP / 2
                boxes.append(RuleBox(mid, body.y, mid, body.bottom, t.rule, 0.75, "Divider"))
            pages.append(continued_page(title, i, boxes, (), content.notes))
            if not left or left == rest:
                return pages
            rest = left

    def template_slots(self, theme: Theme, marked: bool) -> TemplateSlots:
        references = TemplateSlot(PlaceholderKind.OBJECT, REFERENCES, theme.body_frame(marked))
        return TemplateSlots("Sources", theme.title_frame(marked), (references,))


LAYOUT = SourcesLayout()
