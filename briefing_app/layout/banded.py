"""Shared by the title (cover) and section layouts: a navy band down the left and a big title."""

from __future__ import annotations

from briefing_app.layout.boxes import Box, RectBox
from briefing_app.layout.chrome import TITLE_REF, Ctx, text_box
from briefing_app.layout.wrap import Frame, fit_text

LEFT = 80.0  # left edge of the text
RIGHT_MARGIN = 96.0


def big_title(ctx: Ctx, title: str, frame: Frame, size: float, floor: float) -> list[Box]:
    t = ctx.theme
    if not title.strip():
        return []
    frame = t.clear_of_art(frame)  # below a house template's band, beside its art
    fit = fit_text(title, t.heading_style(size, t.navy, bold=True), frame, size, floor)
    return [text_box(fit, frame, "Title", anchor="bottom", source=TITLE_REF)]


def band(ctx: Ctx, name: str) -> RectBox:
    t, m = ctx.theme, ctx.marking
    return RectBox(0.0, t.top(m), 16.0, t.bottom(m) - t.top(m), fill=t.navy, name=name)
