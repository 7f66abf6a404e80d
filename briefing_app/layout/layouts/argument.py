"""Argument: a claim per bullet, supporting points indented under it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from briefing_app.layout.chrome import Ctx, Page
from briefing_app.layout.content import ContentItem, SlideContent
from briefing_app.layout.lists import bullet_specs, list_pages
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

BULLETS = "bullets"  # the template slot of the points


@dataclass(frozen=True)
class ArgumentContent(SlideContent):
    items: tuple[ContentItem, ...] = ()


def accept_points(dropped: Sequence[SourceKey], column: int = 0) -> tuple[Placement, ...]:
    """Every dropped argument or footnote, as a point at the end of ``column``."""
    return tuple(Placement(kind, ref_id, column) for kind, ref_id in dropped if is_point(kind))


class ArgumentLayout(SlideLayout[ArgumentContent]):
    name = "argument"
    label = "Argument"
    content_type = ArgumentContent
    home_for = frozenset({"argument", "footnote"})
    empty_hint = "Drag arguments, quotes or events here from the library"

    def compose(self, draft: SlideDraft) -> ArgumentContent:
        return ArgumentContent(
            title=draft.title,
            notes=draft.notes,
            items=tuple(i.content for i in draft.items),
            footer_sources=draft.footer(),
        )

    def lay_out(self, content: ArgumentContent, ctx: Ctx) -> list[Page]:
        t = ctx.theme
        frame = t.body_frame(ctx.marking)
        specs = bullet_specs(content.items, t, t.body_size)
        return list_pages(
            ctx, specs, frame, t.body_size, content.title, content.footer_sources, content.notes,
            slot=BULLETS,
        )  # fmt: skip

    def template_slots(self, theme: Theme, marked: bool) -> TemplateSlots:
        points = TemplateSlot(PlaceholderKind.OBJECT, BULLETS, theme.body_frame(marked))
        return TemplateSlots("Argument", theme.title_frame(marked), (points,))

    def accept(
        self, dropped: Sequence[SourceKey], present: Sequence[PresentItem]
    ) -> tuple[Placement, ...]:
        return accept_points(dropped)


LAYOUT = ArgumentLayout()
