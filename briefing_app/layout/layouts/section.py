"""Section divider: big title over a short navy rule, optional subtitle."""

from __future__ import annotations

from dataclasses import dataclass

from briefing_app.layout.banded import LEFT, RIGHT_MARGIN, band, big_title
from briefing_app.layout.boxes import Box, FieldRef, RuleBox
from briefing_app.layout.chrome import Ctx, Page, text_box
from briefing_app.layout.content import SlideContent
from briefing_app.layout.slide_layout import PlaceholderKind, SlideDraft, SlideLayout
from briefing_app.layout.wrap import Frame, fit_text


@dataclass(frozen=True)
class SectionContent(SlideContent):
    subtitle: str = ""


class SectionLayout(SlideLayout[SectionContent]):
    name = "section"
    label = "Section"
    content_type = SectionContent
    placeholders = (PlaceholderKind.TITLE, PlaceholderKind.BODY)
    starts_section = True
    title_zone = False

    def compose(self, draft: SlideDraft) -> SectionContent:
        return SectionContent(title=draft.title, subtitle=draft.subtitle, notes=draft.notes)

    def lay_out(self, content: SectionContent, ctx: Ctx) -> list[Page]:
        t = ctx.theme
        top = t.top(ctx.marking)
        x, w = LEFT, t.page_w - LEFT - RIGHT_MARGIN
        boxes: list[Box] = [band(ctx, "SectionBand")]
        boxes += big_title(
            ctx,
            content.title,
            Frame(x, top + 100, w, 150),
            t.section_title_size,
            t.section_title_min,
        )
        boxes.append(RuleBox(x, top + 264, x + 96, top + 264, t.navy, 4.0, "SectionRule"))
        if content.subtitle.strip():
            frame = Frame(x, top + 282, w, 84)
            fit = fit_text(content.subtitle, t.style(22.0, t.muted), frame, 22.0, 16.0)
            boxes.append(text_box(fit, frame, "Subtitle", source=FieldRef("subtitle")))
        return [Page(content.title, boxes, False, (), content.notes)]


LAYOUT = SectionLayout()
