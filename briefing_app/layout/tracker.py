"""The agenda tracker: the briefing's parts in a line above the title, this slide's marked.

A deck whose slides belong to parts ("Kosovo model", "Risks") shows, on every slide of a
part, the short names of all its parts with the current one set white on a navy chip;
this replaces near-empty section dividers. It is chrome, drawn by the engine like the
footer, in a strip the theme reserves above the title (:meth:`Theme.tracker_frame`), so
it never takes room from the body. On a house template the title stays in the template's
title frame, on its art, and the tracker goes where that leaves room (above the frame,
at its top, or between title and body), or is not shown, with a warning. A deck with no
parts draws nothing and reserves nothing.

It is one text box (one line: the names as runs, spaced with no-break spaces) plus a
rectangle behind the current name: in PowerPoint a real, editable text box named
"Agenda tracker" (read after the slide's content) with the chip a decorative shape. On a
house template, whose art may run under the strip in any colour (LibreOffice's Focus puts
red, orange and purple rays there), the names sit on a band of the page's background
colour, so the grey names keep their contrast whatever lies beneath.
"""

from __future__ import annotations

from dataclasses import replace

from briefing_app.layout.boxes import Box, RectBox, Run, TextBox, TextLine, TextParagraph
from briefing_app.layout.fonts import FAMILIES
from briefing_app.layout.metrics import ascent, descent, text_width
from briefing_app.layout.theme import Theme
from briefing_app.layout.wrap import Frame

TRACKER_NAME = "Agenda tracker"
CHIP_NAME = "Agenda tracker: current part"
BAND_NAME = "Agenda tracker: band"
BAND_OPACITY = 0.9  # the template's art shows through faintly; the names stay legible
TRACKER_MIN = 7.0  # the tracker shrinks this far before it shows only the current part
GAP = "\u00a0" * 5  # between two names: room for the chip's padding and a clear gap
PAD = 4.0  # the chip reaches this far beyond its name on each side
NO_ROOM = ("the house template leaves no room for the agenda tracker above or below its "
           "title frame, so no slide shows it")  # fmt: skip


def tracker_boxes(
    theme: Theme, marking: bool, parts: tuple[str, ...], current: str
) -> tuple[list[Box], str]:
    """The tracker's boxes for a slide of the part ``current`` (none when the deck has no
    parts or the slide is in none), and a warning when the names did not fit the line."""
    if not parts or current not in parts:
        return [], ""
    frame = theme.tracker_frame(marking)
    if frame is None:
        return [], NO_ROOM
    size = theme.tracker_size
    while size > TRACKER_MIN and _width(theme, parts, current, size) > frame.w - PAD:
        size = max(TRACKER_MIN, size - 0.5)
    warning = ""
    shown = parts
    if _width(theme, parts, current, size) > frame.w - PAD:
        number = parts.index(current) + 1
        shown = (f"Part {number} of {len(parts)}: {current}",)
        current = shown[0]
        warning = ("the agenda tracker's parts do not fit on one line, so it shows only this "
                   "slide's part; use fewer or shorter part names")  # fmt: skip
    return _draw(theme, frame, shown, current, size), warning


def _styles(theme: Theme, size: float) -> tuple[Run, Run]:
    """Template runs: another part, and the current part."""
    other = theme.style(size, theme.muted)
    mine = theme.style(size, theme.marking_text, bold=True)
    if FAMILIES.get(theme.font, FAMILIES["sans"]).width_scale != 1.0:
        # the chip is placed by measured widths, and a theme font we have no metric twin
        # of is only measured wider than any viewer sets it: the chip would sit off its
        # name everywhere. The tracker is set in Arial (Liberation Sans), measured exactly.
        other, mine = replace(other, font="sans"), replace(mine, font="sans")
    return Run("", other), Run("", mine)


def _width(theme: Theme, parts: tuple[str, ...], current: str, size: float) -> float:
    other, mine = _styles(theme, size)
    total = text_width(GAP, other.style) * (len(parts) - 1)
    for part in parts:
        total += text_width(part, (mine if part == current else other).style)
    return total


def _draw(
    theme: Theme, frame: Frame, parts: tuple[str, ...], current: str, size: float
) -> list[Box]:
    other, mine = _styles(theme, size)
    x0 = frame.x  # names start where the title does; the chip reaches into the margin
    up, down = ascent(other.style), descent(other.style)
    baseline = frame.y + (frame.h - (up + down)) / 2 + up
    runs: list[Run] = []
    chip: RectBox | None = None
    x = x0
    for n, part in enumerate(parts):
        if n:
            runs.append(replace(other, text=GAP))
            x += text_width(GAP, other.style)
        run = replace(mine if part == current else other, text=part)
        width = text_width(part, run.style)
        if part == current:
            fill = _chip_fill(theme, run.style.color)
            chip = RectBox(x - PAD, frame.y, width + 2 * PAD, frame.h, fill=fill, name=CHIP_NAME)
        runs.append(run)
        x += width
    line = TextLine(tuple(runs), x0, baseline, x - x0, up, down)
    paragraph = TextParagraph((line,), line_height=1.2 * size)
    text = TextBox(frame.x, frame.y, frame.w, frame.h, (paragraph,), TRACKER_NAME)
    band: list[Box] = []
    if theme.name == "template":  # a house template's art may lie under the strip
        band.append(RectBox(x0 - PAD, frame.y, x - x0 + 2 * PAD, frame.h,
                            fill=theme.background, name=BAND_NAME,
                            opacity=BAND_OPACITY))  # fmt: skip
    return [*band, *([chip] if chip is not None else []), text]


def _chip_fill(theme: Theme, text: str) -> str:
    """The chip in the titles' colour where the current name (white) reads on it: a
    template whose titles are white on a dark band gets our navy chip, never a white one."""
    if theme.title_color and _contrast(theme.title_color, text) >= MIN_CONTRAST:
        return theme.title_color
    return theme.navy


MIN_CONTRAST = 4.5  # WCAG AA for normal text


def _contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two RGB hex colours."""
    light, dark = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def _luminance(rgb: str) -> float:
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    value = rgb.lstrip("#")[:6].ljust(6, "0")
    r, g, b = (channel(int(value[i : i + 2], 16) / 255) for i in (0, 2, 4))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b
