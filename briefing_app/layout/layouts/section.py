"""Section divider: big title over a short navy rule, optional subtitle."""

from __future__ import annotations

from dataclasses import dataclass

from briefing_app.layout.banded import LEFT, RIGHT_MARGIN, band, big_title
from briefing_app.layout.boxes import Box, FieldRef, RuleBox
from briefing_app.layout.chrome import Ctx, Page, text_box
from briefing_app.layout.content import SlideContent
from briefing_app.layout.slide_layout import (
    PlaceholderKind,
    SlideDraft,
    SlideLayout,
    TemplateSlot,
    TemplateSlots,
)
from briefing_app.layout.theme import Theme
from briefing_app.layout.wrap import Frame, fit_text

SUBTITLE = "subtitle"  # the template slot of the subtitle


def _frames(t: Theme, marked: bool) -> tuple[Frame, Frame]:
    """The title and the subtitle."""
    top = t.top(marked)
    x, w = LEFT, t.page_w - LEFT - RIGHT_MARGIN
    return Frame(x, top + 100, w, 150), Frame(x, top + 282, w, 84)


@dataclass(frozen=True)
class SectionContent(SlideContent):
    subtitle: str = ""


class SectionLayout(SlideLayout[SectionContent]):
    name = "section"
    label = "Section"
    content_type = SectionContent
    starts_section = True
    title_zone = False

    def compose(self, draft: SlideDraft) -> SectionContent:
        return SectionContent(title=draft.title, subtitle=draft.subtitle, notes=draft.notes)

    def lay_out(self, content: SectionContent, ctx: Ctx) -> list[Page]:
        t = ctx.theme
        top, x = t.top(ctx.marking), LEFT
        title_frame, subtitle_frame = _frames(t, ctx.marking)
        boxes: list[Box] = [band(ctx, "SectionBand")]
        boxes += big_title(
            ctx, content.title, title_frame, t.section_title_size, t.section_title_min
        )
        boxes.append(RuleBox(x, top + 264, x + 96, top + 264, t.navy, 4.0, "SectionRule"))
        if content.subtitle.strip():
            frame = t.clear_of_art(subtitle_frame)
            fit = fit_text(content.subtitle, t.style(22.0, t.muted), frame, 22.0, 16.0)
            source = FieldRef("subtitle")
            boxes.append(text_box(fit, frame, "Subtitle", source=source, slot=SUBTITLE))
        return [Page(content.title, boxes, False, (), content.notes)]

    def template_slots(self, theme: Theme, marked: bool) -> TemplateSlots:
        title, subtitle = _frames(theme, marked)
        slot = TemplateSlot(PlaceholderKind.BODY, SUBTITLE, subtitle, 0.5)
        return TemplateSlots("Section", title, (slot,), ooxml_type="secHead")


LAYOUT = SectionLayout()
