"""Map: arguments as bullets on the left; the map, drawn as vectors, with its caption right."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from briefing_app.layout.boxes import Box, FieldRef, ItemRef
from briefing_app.layout.chrome import Ctx, Page, filler_rect, text_box
from briefing_app.layout.content import ContentItem, SlideContent
from briefing_app.layout.figure import Figure
from briefing_app.layout.layouts.argument import accept_points
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
)
from briefing_app.layout.theme import Theme
from briefing_app.layout.wrap import Frame, fit_text

MAP_POINTS = 3  # arguments a map slide lists by itself, beside the map
CAPTION_H = 48.0
POINTS, MAP, CAPTION = "bullets", "map", "caption"  # template slots


def split(body: Frame, caption: bool = True) -> tuple[Frame, Frame]:
    """The points' column and the map's area (above its caption) in ``body``."""
    col_w = round(body.w * 0.36)
    caption_h = CAPTION_H if caption else 0.0
    area = Frame(body.x + col_w + 24, body.y, body.w - col_w - 24, body.h - caption_h)
    return Frame(body.x, body.y, col_w, body.h), area


@dataclass(frozen=True)
class MapContent(SlideContent):
    """``caption`` is the map's caption, or the slide's subtitle when it shows no map."""

    items: tuple[ContentItem, ...] = ()
    caption: str = ""
    figure: Figure | None = None  # drawn in the map frame (a maps MapFigure)
    figure_ref: ItemRef | None = None  # the map's slide item
    map_key: str | None = None

    @property
    def has_figures(self) -> bool:
        return self.figure is not None

    def without_figures(self) -> MapContent:
        return replace(self, figure=None)


class MapLayout(SlideLayout[MapContent]):
    name = "map"
    label = "Map"
    content_type = MapContent
    home_for = frozenset({"map"})
    empty_hint = "Drag a map and the arguments it illustrates here from the library"

    def compose(self, draft: SlideDraft) -> MapContent:
        """The map to draw, its caption, and the points: the briefer's, else the first
        arguments the map illustrates (with their citations)."""
        shown = next((i for i in draft.items if i.kind == "map"), None)
        points = tuple(i.content for i in draft.items if i.kind != "map")
        composed = draft.figure(shown) if shown is not None else None
        if shown is None or composed is None:
            return MapContent(
                title=draft.title,
                notes=draft.notes,
                items=points,
                caption=draft.subtitle,
                footer_sources=draft.footer(),
            )
        if not points:
            points = draft.figure_points(shown, MAP_POINTS)
        return MapContent(
            title=draft.title,
            notes=draft.notes,
            items=points,
            caption=composed.caption,
            figure=composed.figure,
            figure_ref=shown.content.ref,
            map_key=composed.key,
            footer_sources=draft.footer(),
        )

    def lay_out(self, content: MapContent, ctx: Ctx) -> list[Page]:
        t = ctx.theme
        body = t.body_frame(ctx.marking)
        text, area = split(body, bool(content.caption))
        caption_h = CAPTION_H if content.caption else 0.0
        ref = content.figure_ref
        extra: list[Box] = []
        if content.figure is not None:
            drawn = content.figure.boxes((area.x, area.y, area.w, area.h), t.font)
            if ref is not None:
                drawn = [replace(b, source=ItemRef(ref.item_id, "figure")) for b in drawn]
            extra += drawn
        else:
            extra.append(filler_rect(area, t.panel, "MapFrame", stroke=t.rule))
        if content.caption:
            frame = Frame(area.x, area.y + area.h + 4, area.w, caption_h - 4)
            style = t.style(12.0, t.muted, italic=True)
            fit = fit_text(content.caption, style, frame, 12.0, 10.0)
            # The map's caption, or (with no map) the slide's subtitle.
            source = ItemRef(ref.item_id, "caption") if ref is not None else FieldRef("subtitle")
            extra.append(text_box(fit, frame, "Caption", source=source, slot=CAPTION))
        specs = bullet_specs(content.items, t, 18.0)
        return list_pages(  # follow-on pages: the points across the page, no second map
            ctx, specs, text, 18.0, content.title, content.footer_sources, content.notes, extra,
            later=body, slot=POINTS,
        )  # fmt: skip

    def template_slots(self, theme: Theme, marked: bool) -> TemplateSlots:
        text, area = split(theme.body_frame(marked))
        caption = Frame(area.x, area.bottom + 4, area.w, CAPTION_H - 4)
        slots = (
            TemplateSlot(PlaceholderKind.OBJECT, POINTS, text),
            TemplateSlot(PlaceholderKind.PICTURE, MAP, area),
            TemplateSlot(PlaceholderKind.BODY, CAPTION, caption, 0.5),
        )
        return TemplateSlots("Map", theme.title_frame(marked), slots)

    def accept(
        self, dropped: Sequence[SourceKey], present: Sequence[PresentItem]
    ) -> tuple[Placement, ...]:
        """Points, and the first map when the slide has none yet."""
        taken = list(accept_points(dropped))
        first_map = next(((k, i) for k, i in dropped if k == "map"), None)
        if first_map is not None and not any(p.kind == "map" for p in present):
            taken.append(Placement(*first_map))
        return tuple(taken)


LAYOUT = MapLayout()
