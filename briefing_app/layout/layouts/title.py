"""Title (cover): deck title, subtitle, author/office and date beside a navy band."""

from __future__ import annotations

from dataclasses import dataclass

from briefing_app.layout.banded import LEFT, RIGHT_MARGIN, band, big_title
from briefing_app.layout.boxes import Box, DeckFieldRef, FieldRef, RuleBox, TextBox, TextParagraph
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

SUBTITLE = "subtitle"  # template slots: the subtitle, and the lines under the rule
BYLINE = "author and date"
BYLINE_BOX = "Byline"  # the box of the deck's author, date and distribution


def _frames(t: Theme, marked: bool) -> tuple[Frame, Frame, Frame]:
    """The title, the subtitle, and the author, date and distribution lines."""
    top = t.top(marked)
    x, w = LEFT, t.page_w - LEFT - RIGHT_MARGIN
    return Frame(x, top + 110, w, 150), Frame(x, top + 272, w, 56), Frame(x, top + 358, w, 48)


@dataclass(frozen=True)
class TitleContent(SlideContent):
    subtitle: str = ""  # the deck's subtitle when empty


class TitleLayout(SlideLayout[TitleContent]):
    name = "title"
    label = "Title"
    content_type = TitleContent
    title_zone = False

    def compose(self, draft: SlideDraft) -> TitleContent:
        return TitleContent(title=draft.title, subtitle=draft.subtitle, notes=draft.notes)

    def lay_out(self, content: TitleContent, ctx: Ctx) -> list[Page]:
        t, deck = ctx.theme, ctx.deck
        top = t.top(ctx.marking)
        x, w = LEFT, t.page_w - LEFT - RIGHT_MARGIN
        title = content.title or deck.title
        title_frame, subtitle_frame, _ = _frames(t, ctx.marking)
        boxes: list[Box] = [band(ctx, "CoverBand")]
        boxes += big_title(ctx, title, title_frame, t.cover_title_size, t.cover_title_min)
        subtitle = content.subtitle or deck.subtitle
        if subtitle.strip():
            frame = t.clear_of_art(subtitle_frame)
            fit = fit_text(subtitle, t.style(22.0, t.muted), frame, 22.0, 16.0)
            source = FieldRef("subtitle")
            boxes.append(text_box(fit, frame, "Subtitle", source=source, slot=SUBTITLE))
        boxes.append(RuleBox(x, top + 344, x + 240, top + 344, t.navy, 1.5, "CoverRule"))
        # Author, date and distribution: one paragraph each, in one box, so a template's
        # author-and-date placeholder (our Cover layout's) holds all of them.
        byline: list[TextParagraph] = []
        y = top + 358
        for text, color, bold in (
            (deck.author, t.text, True),
            (deck.date_label, t.muted, False),
            (f"Distribution: {deck.distribution}" if deck.distribution else "", t.muted, False),
        ):
            if text.strip():
                frame = t.clear_of_art(Frame(x, y, w, 19.2), sideways=True)
                style = t.style(16.0, color, bold=bold)
                byline += fit_text(text, style, frame, 16.0, 12.0).paragraphs
                y += 24
        if byline:
            height = y - 24 + 19.2 - (top + 358)
            boxes.append(TextBox(x, top + 358, w, height, tuple(byline), BYLINE_BOX,
                                 source=DeckFieldRef(), slot=BYLINE))  # fmt: skip
        return [Page(title, boxes, False, (), content.notes)]

    def template_slots(self, theme: Theme, marked: bool) -> TemplateSlots:
        title, subtitle, byline = _frames(theme, marked)
        slots = (
            TemplateSlot(PlaceholderKind.SUBTITLE, SUBTITLE, subtitle),
            TemplateSlot(PlaceholderKind.BODY, BYLINE, byline, 0.5),
        )
        return TemplateSlots("Cover", title, slots, PlaceholderKind.CENTER_TITLE, "title")


LAYOUT = TitleLayout()
