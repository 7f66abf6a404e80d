"""Map furniture: legend, scale bar, source line and frame. Each returns boxes + its rect.

Text is set in ``font`` (a layout.fonts family key: the slide theme's body font, so a
house template's theme font reaches the map) in the sizes and colours of the styles below.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, replace

from briefing_app.layout.boxes import Box, PathBox, RectBox, RuleBox, TextStyle
from briefing_app.layout.metrics import text_width
from briefing_app.maps.styles import PALETTE, Style, luminance
from briefing_app.maps.text import line_height, text_block, wrap

MARGIN = 7.0  # from the map edge to a furniture panel
PAD = 5.0  # inside a panel
SWATCH_W, SWATCH_H = 18.0, 11.0
# Read from the back of a room: legend and notes at 10 pt at slide size, like the labels.
LEGEND_STYLE = TextStyle("sans", 10.0, color="222222")
NOTE_STYLE = TextStyle("sans", 10.0, italic=True, color="333333")
SCALE_STYLE = TextStyle("sans", 10.0, color="222222")
SOURCE_STYLE = TextStyle("sans", 7.0, color="555555")
SOURCE_STRIP = 12.0  # height reserved under the map for the source line
PANEL_FILL = "FFFFFF"
PANEL_STROKE = "8C8C8C"
DEFAULT_FONT = "sans"

Rect = tuple[float, float, float, float]  # x0, y0, x1, y1


@dataclass(frozen=True)
class LegendEntry:
    text: str
    style: Style
    kind: str  # area | line


def in_font(style: TextStyle, font: str) -> TextStyle:
    """``style`` set in the family ``font``."""
    return style if style.font == font else replace(style, font=font)


def _corner_origin(corner: str, w: float, h: float, area: Rect) -> tuple[float, float]:
    x = area[0] + MARGIN if corner.endswith("left") else area[2] - MARGIN - w
    y = area[1] + MARGIN if corner.startswith("top") else area[3] - MARGIN - h
    return x, y


def _swatch(entry: LegendEntry, x: float, y: float) -> list[PathBox]:
    st = entry.style
    if entry.kind == "line":
        mid = y + SWATCH_H / 2
        line = PathBox(
            rings=(((x, mid), (x + SWATCH_W, mid)),),
            closed=False,
            stroke=st.hex("stroke") or PALETTE["outline"],
            stroke_width=max(st.stroke_width, 0.8),
            name=f"Legend key: {entry.text}",
        )
        if st.casing and st.casing_width > 0:
            casing = PathBox(
                rings=line.rings,
                closed=False,
                stroke=st.hex("casing"),
                stroke_width=st.casing_width,
                name=f"Legend key casing: {entry.text}",
            )
            return [casing, line]
        return [line]
    ring = ((x, y), (x + SWATCH_W, y), (x + SWATCH_W, y + SWATCH_H), (x, y + SWATCH_H))
    stroke = st.hex("stroke")
    width = st.stroke_width
    if not stroke or luminance(stroke) > 0.9:  # white borders vanish on a white panel
        stroke, width = "7A7A7A", 0.4
    return [
        PathBox(
            rings=(ring,),
            fill=st.hex("fill"),
            stroke=stroke,
            stroke_width=min(width, 1.6),
            hatch=st.hex("hatch"),
            name=f"Legend key: {entry.text}",
        )
    ]


def legend(
    entries: list[LegendEntry],
    notes: list[str],
    corner: str,
    area: Rect,
    max_width: float,
    place: Callable[[float, float], tuple[float, float]] | None = None,
    columns: int = 1,
    font: str = DEFAULT_FONT,
) -> tuple[list[Box], Rect | None]:
    """A white panel with a swatch and text per entry (in ``columns`` columns, filled in
    order), then the notes in italics across its width.

    ``place(width, height)`` chooses the panel's top-left corner; else ``corner`` does.
    """
    if not entries and not notes:
        return [], None
    legend_style, note_style = in_font(LEGEND_STYLE, font), in_font(NOTE_STYLE, font)
    columns = max(1, min(columns, len(entries) or 1))
    per = -(-len(entries) // columns) if entries else 0
    chunks = [entries[i : i + per] for i in range(0, len(entries), per)] if entries else []
    col_max = (max_width - 2 * PAD - 8 * (columns - 1)) / columns
    wrap_w = col_max - SWATCH_W - 5
    rows = [[wrap(e.text, legend_style, wrap_w) for e in chunk] for chunk in chunks]
    col_w = [
        max([text_width(ln, legend_style) for r in col for ln in r] + [20.0]) + SWATCH_W + 5
        for col in rows
    ]
    inner = sum(col_w) + 8 * (len(col_w) - 1)
    note_rows = [wrap(n, note_style, max(inner, 120.0)) for n in notes]
    used = max([inner] + [text_width(ln, note_style) for r in note_rows for ln in r] + [40.0])
    width = min(max_width, used + 2 * PAD + 1)
    lh, nh = line_height(legend_style), line_height(note_style)
    heights = [[max(SWATCH_H, len(r) * lh) for r in col] for col in rows]
    body = max([sum(h) + 3 * max(0, len(h) - 1) for h in heights] + [0.0])
    height = 2 * PAD + body
    if note_rows:
        height += (4 if rows else 0) + sum(len(r) * nh for r in note_rows)
        height += 2 * (len(note_rows) - 1)
    x, y = place(width, height) if place else _corner_origin(corner, width, height, area)
    boxes: list[Box] = [
        RectBox(
            x,
            y,
            width,
            height,
            fill=PANEL_FILL,
            stroke=PANEL_STROKE,
            stroke_width=0.5,
            name="Legend",
        )
    ]
    cx = x + PAD
    for chunk, col_rows, col_heights, cw in zip(chunks, rows, heights, col_w, strict=True):
        cy = y + PAD
        text_w = cw - SWATCH_W - 5  # the lines were wrapped to fit this
        for entry, lines, row_h in zip(chunk, col_rows, col_heights, strict=True):
            boxes += _swatch(entry, cx, cy + (row_h - SWATCH_H) / 2)
            text_top = cy + (row_h - len(lines) * lh) / 2
            boxes.append(
                text_block(
                    lines,
                    legend_style,
                    cx + SWATCH_W + 5,
                    text_top,
                    text_w,
                    name=f"Legend: {entry.text}",
                    pad=0.5,
                    source=entry.text,
                )
            )
            cy += row_h + 3
        cx += cw + 8
    if note_rows:
        cy = y + PAD + body + (1 if rows else -3)
        for note, lines in zip(notes, note_rows, strict=True):
            boxes.append(
                text_block(
                    lines,
                    note_style,
                    x + PAD,
                    cy,
                    width - 2 * PAD,
                    name="Legend note",
                    pad=0.5,
                    source=note,
                )
            )
            cy += len(lines) * nh + 2
    return boxes, (x, y, x + width, y + height)


def _nice_length(max_km: float) -> float:
    exponent = math.floor(math.log10(max_km))
    for step in (5, 2, 1):
        value = step * 10**exponent
        if value <= max_km:
            return float(value)
    return float(10**exponent)


def scale_bar(
    scale_pt_per_m: float,
    corner: str,
    area: Rect,
    place: Callable[[float, float], tuple[float, float]] | None = None,
    font: str = DEFAULT_FONT,
) -> tuple[list[Box], Rect]:
    """A bar of a round number of kilometres (true at the projection centre)."""
    scale_style = in_font(SCALE_STYLE, font)
    max_km = (area[2] - area[0]) * 0.18 / scale_pt_per_m / 1000
    km = _nice_length(max_km)
    bar = km * 1000 * scale_pt_per_m
    label = f"{km:,.0f} km"
    label_w = text_width(label, scale_style)
    width = bar + label_w + 3 * PAD
    height = 18.0
    x, y = place(width, height) if place else _corner_origin(corner, width, height, area)
    bx, by = x + PAD, y + height - 5
    boxes: list[Box] = [
        RectBox(x, y, width, height, fill=PANEL_FILL, name="Scale bar"),
        RuleBox(bx, by, bx + bar, by, color="222222", width=1.0, name="Scale bar line"),
        RuleBox(bx, by - 3.5, bx, by + 0.5, color="222222", width=0.8, name="Scale bar tick"),
        RuleBox(
            bx + bar / 2,
            by - 2.5,
            bx + bar / 2,
            by + 0.5,
            color="222222",
            width=0.6,
            name="Scale bar tick",
        ),
        RuleBox(
            bx + bar, by - 3.5, bx + bar, by + 0.5, color="222222", width=0.8, name="Scale bar tick"
        ),
        text_block(
            [label],
            scale_style,
            bx + bar + PAD,
            by - line_height(scale_style) + 1.5,
            label_w,
            name="Scale bar label",
            pad=1.0,
        ),
    ]
    return boxes, (x, y, x + width, y + height)


def notes_height(notes: list[str], width: float, font: str = DEFAULT_FONT) -> float:
    """Height of the notes block under the map (0 without notes)."""
    if not notes:
        return 0.0
    style = in_font(NOTE_STYLE, font)
    rows = [wrap(n, style, width - 1.0) for n in notes]
    return sum(len(r) for r in rows) * line_height(style) + 2.0 * len(rows) + 2.0


def notes_block(
    notes: list[str], x: float, y: float, width: float, font: str = DEFAULT_FONT
) -> list[Box]:
    """The map's notes (status notes, what a line is), in italics under the map."""
    style = in_font(NOTE_STYLE, font)
    boxes: list[Box] = []
    cy = y + 2.0
    for note in notes:
        lines = wrap(note, style, width - 1.0)
        box = text_block(
            lines, style, x + 0.5, cy, width - 1.0, name="Map note", pad=0.5, source=note
        )
        boxes.append(box)
        cy += len(lines) * line_height(style) + 2.0
    return boxes


def source_line(text: str, x: float, y: float, w: float, font: str = DEFAULT_FONT) -> Box:
    style = in_font(SOURCE_STYLE, font)
    while text_width(text, style) > w and style.size > 5:
        style = TextStyle(style.font, style.size - 0.5, color=style.color)
    return text_block([text], style, x, y + 2.0, w, name="Map source", pad=0.0)


def frame_border(rect: tuple[float, float, float, float]) -> RectBox:
    x, y, w, h = rect
    return RectBox(x, y, w, h, fill=None, stroke="6E6E6E", stroke_width=0.6, name="Map frame")
