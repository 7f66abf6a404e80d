"""Agenda: numbered entries; with no items of its own, the deck's section titles."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from briefing_app.layout.chrome import Ctx, Page
from briefing_app.layout.content import ContentItem, SlideContent
from briefing_app.layout.layouts.argument import accept_points
from briefing_app.layout.lists import list_pages, numbered_specs
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

ENTRIES = "agenda"  # the template slot of the entries


@dataclass(frozen=True)
class AgendaContent(SlideContent):
    items: tuple[ContentItem, ...] = ()


class AgendaLayout(SlideLayout[AgendaContent]):
    name = "agenda"
    label = "Agenda"
    content_type = AgendaContent
    click_hint = (
        "The agenda lists the section slides' titles: change them there, or add "
        "points of your own to this slide to replace them."
    )

    def compose(self, draft: SlideDraft) -> AgendaContent:
        items = tuple(i.content for i in draft.items)
        if not items:
            items = tuple(ContentItem(text=t) for t in draft.section_titles())
        return AgendaContent(
            title=draft.title, notes=draft.notes, items=items, footer_sources=draft.footer()
        )

    def lay_out(self, content: AgendaContent, ctx: Ctx) -> list[Page]:
        t = ctx.theme
        frame = t.body_frame(ctx.marking)
        specs = numbered_specs(content.items, t, 24.0, 0.8)
        title = content.title or "Agenda"
        return list_pages(
            ctx, specs, frame, 24.0, title, content.footer_sources, content.notes, slot=ENTRIES
        )

    def template_slots(self, theme: Theme, marked: bool) -> TemplateSlots:
        entries = TemplateSlot(PlaceholderKind.OBJECT, ENTRIES, theme.body_frame(marked))
        return TemplateSlots("Agenda", theme.title_frame(marked), (entries,))

    def accept(
        self, dropped: Sequence[SourceKey], present: Sequence[PresentItem]
    ) -> tuple[Placement, ...]:
        return accept_points(dropped)


LAYOUT = AgendaLayout()
