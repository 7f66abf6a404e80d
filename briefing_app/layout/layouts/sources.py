"""Sources: the essay's full reference and every footnote the deck cites, in full."""

from __future__ import annotations

from dataclasses import dataclass

from briefing_app.layout.chrome import Ctx, Page, item_para
from briefing_app.layout.content import ContentItem, SlideContent
from briefing_app.layout.lists import list_pages
from briefing_app.layout.slide_layout import PlaceholderKind, SlideDraft, SlideLayout


@dataclass(frozen=True)
class SourcesContent(SlideContent):
    items: tuple[ContentItem, ...] = ()


class SourcesLayout(SlideLayout[SourcesContent]):
    name = "sources"
    label = "Sources"
    content_type = SourcesContent
    placeholders = (PlaceholderKind.TITLE, PlaceholderKind.BODY)
    composes_last = True  # lists what every other slide cites

    def compose(self, draft: SlideDraft) -> SourcesContent:
        """The references, then the briefer's own items; no footer (this is the list)."""
        items = draft.references() + tuple(i.content for i in draft.items)
        return SourcesContent(title=draft.title, notes=draft.notes, items=items)

    def lay_out(self, content: SourcesContent, ctx: Ctx) -> list[Page]:
        t = ctx.theme
        frame = t.body_frame(ctx.marking)
        specs = [item_para(item, t.style(16.0), t, space_before=0.4) for item in content.items]
        title = content.title or "Sources"
        return list_pages(ctx, specs, frame, 16.0, title, (), content.notes)


LAYOUT = SourcesLayout()
