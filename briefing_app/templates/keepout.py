"""Which of a house template's art our text keeps clear of, as outlines for layout.

The art a template draws behind a slide (:mod:`briefing_app.templates.art`) is of two
kinds for the text laid over it. A tint (Beehive's pale honeycomb, a faint watermark)
differs little from the page, and text reads across it as across paper. Graphics (a
ribbon, a coloured wedge, a band, a logo, a row of notes) stand out from the page, and
text must not run under or across them: those become outlines that layout keeps its
frames clear of (:mod:`briefing_app.layout.keepout`), unless a frame lies wholly on one
(a title on the band drawn for it).

The template's own static text (outside placeholders) is kept clear of as well, line by
line. A picture is judged by what it shows, not by its frame: it is read on a coarse grid,
and the cells that stand out from the page (or, for a picture that covers the page, from
its own prevailing tone: Vintage's paper, whose ribbon and ink blots are in the picture)
are grouped into the rectangles they cover.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from PIL import Image

from briefing_app.layout.boxes import Box, PathBox, PictureBox, RectBox, TextBox
from briefing_app.layout.keepout import Outline, rect_outline
from briefing_app.templates.backdrop import RGB, contrast, luminance, rgb

# Art that differs from the page by less than this contrast ratio is a tint: text
# reads across it. Beehive's honeycomb is about 1.1-1.4 on white, Piano's notes 2.3.
TINT_CONTRAST = 1.5
# A fill or picture more transparent than this is not in the way.
MIN_ALPHA = 0.5
# Pictures are read in cells about this size (points): fine enough for a ribbon's
# edge, coarse enough that a paper's grain averages out.
CELL = 6.0
# On a picture covering the page, a group of standing-out cells smaller than this
# (square points) is the paper's grain, not art.
MIN_INK = 4 * CELL * CELL
# A cell of a picture on the page this opaque shows ink (a note's thin stem, averaged
# with the clear picture around it).
INK_ALPHA = 0.15
# Art covering this share of the page (both ways) is the page itself.
PAGE_SHARE = 0.95


def art_outlines(
    art: Sequence[Box], page: tuple[float, float], scale: float
) -> tuple[Outline, ...]:
    """The outlines (in layout points: page points divided by ``scale``) of the art in
    ``art`` (page points, on a page of size ``page``) that our text must keep clear of."""
    w, h = page
    paper = _paper(art, page)
    found: list[Outline] = []
    for box in art:
        if isinstance(box, RectBox):
            if _covers_page(box.x, box.y, box.w, box.h, w, h) or not _stands_out(box, paper):
                continue
            found.append(rect_outline(box.x, box.y, box.x + box.w, box.y + box.h))
        elif isinstance(box, PathBox):
            if box.closed and _stands_out(box, paper):
                found += [ring for ring in box.rings if len(ring) >= 3]
        elif isinstance(box, PictureBox) and box.w > 0 and box.h > 0:
            whole = _covers_page(box.x, box.y, box.w, box.h, w, h)
            found += _picture_ink(box, None if whole else paper)
        elif isinstance(box, TextBox):  # the template's own words (Lights' "<date/time>")
            lines = [ln for p in box.paragraphs for ln in p.lines if ln.width > 0]
            found += [
                rect_outline(
                    ln.x, ln.baseline - ln.ascent, ln.x + ln.width, ln.baseline + ln.descent
                )
                for ln in lines
                if "".join(r.text for r in ln.runs).strip()
            ]
    return tuple(tuple((x / scale, y / scale) for x, y in outline) for outline in found)


def _covers_page(x: float, y: float, w: float, h: float, page_w: float, page_h: float) -> bool:
    return w >= PAGE_SHARE * page_w and h >= PAGE_SHARE * page_h and x <= 1 and y <= 1


def _paper(art: Sequence[Box], page: tuple[float, float]) -> RGB:
    """The colour of the page under the art: the topmost art covering the whole page (a
    picture by its prevailing tone), else white."""
    paper: RGB = (1.0, 1.0, 1.0)
    for box in art:
        if not isinstance(box, (RectBox, PictureBox)):
            continue
        if not _covers_page(box.x, box.y, box.w, box.h, *page):
            continue
        if isinstance(box, PictureBox):
            grid = _grid(box.path, 8, 8)
            if grid is not None:
                paper = _median([c for c, a in grid[2] if a >= MIN_ALPHA] or [paper])
        elif box.gradient is not None and box.gradient.stops:
            paper = _median([rgb(c) for _, c in box.gradient.stops])
        elif box.fill is not None and box.opacity >= MIN_ALPHA:
            paper = rgb(box.fill)
    return paper


def _stands_out(box: RectBox | PathBox, paper: RGB) -> bool:
    """Whether the filled shape ``box`` is graphics (not a tint) on ``paper``."""
    if box.opacity < MIN_ALPHA:
        return False
    if box.gradient is not None and box.gradient.stops:
        colors = [rgb(c) for _, c in box.gradient.stops]
    elif box.fill is not None:
        colors = [rgb(box.fill)]
    else:
        return False
    return any(contrast(c, paper) >= TINT_CONTRAST for c in colors)


def _picture_ink(box: PictureBox, paper: RGB | None) -> list[Outline]:
    """Rectangles (page points) around the parts of the picture that stand out from
    ``paper`` (None: from the picture's own prevailing tone)."""
    cols, rows = max(1, round(box.w / CELL)), max(1, round(box.h / CELL))
    grid = _grid(box.path, cols, rows)
    if grid is None:  # unreadable: its whole frame is kept clear
        return [rect_outline(box.x, box.y, box.x + box.w, box.y + box.h)]
    cols, rows, cells = grid
    if paper is None:
        paper = _median([c for c, a in cells if a >= MIN_ALPHA] or [(1.0, 1.0, 1.0)])
        least, alpha = MIN_INK, MIN_ALPHA  # the page's own grain is not art
    else:  # a picture on the page: any part of it that shows counts, thin strokes too
        least, alpha = 0.0, INK_ALPHA
    ink = [a >= alpha and contrast(c, paper) >= TINT_CONTRAST for c, a in cells]
    cw, ch = box.w / cols, box.h / rows
    out: list[Outline] = []
    for c0, r0, c1, r1, count in _groups(ink, cols, rows):
        if count * cw * ch < least:
            continue
        out.append(rect_outline(box.x + c0 * cw, box.y + r0 * ch,
                                box.x + (c1 + 1) * cw, box.y + (r1 + 1) * ch))  # fmt: skip
    return out


def _groups(ink: list[bool], cols: int, rows: int) -> list[tuple[int, int, int, int, int]]:
    """Connected groups of ``ink`` cells (row-major), as (col0, row0, col1, row1, cells)."""
    seen = [False] * len(ink)
    groups = []
    for start, marked in enumerate(ink):
        if not marked or seen[start]:
            continue
        seen[start] = True
        stack = [start]
        c0, r0, c1, r1, count = cols, rows, 0, 0, 0
        while stack:
            i = stack.pop()
            r, c = divmod(i, cols)
            c0, r0, c1, r1, count = min(c0, c), min(r0, r), max(c1, c), max(r1, r), count + 1
            for dr, dc in ((1, 0), (-1, 0), (0, 1), (0, -1)):
                rr, cc = r + dr, c + dc
                j = rr * cols + cc
                if 0 <= rr < rows and 0 <= cc < cols and ink[j] and not seen[j]:
                    seen[j] = True
                    stack.append(j)
        groups.append((c0, r0, c1, r1, count))
    return groups


@lru_cache(maxsize=32)
def _grid(path: str, cols: int, rows: int) -> tuple[int, int, list[tuple[RGB, float]]] | None:
    """The picture averaged into ``cols`` x ``rows`` cells: (colour, opacity) each, row by
    row; colours are averaged over the opaque pixels only."""
    try:
        with Image.open(path) as opened:
            img = opened.convert("RGBA")
    except (OSError, ValueError):
        return None
    cols, rows = min(cols, img.width), min(rows, img.height)
    premultiplied = img.convert("RGBa").resize((cols, rows), Image.Resampling.BOX)
    cells: list[tuple[RGB, float]] = []
    data = premultiplied.tobytes()
    for i in range(0, len(data), 4):
        r, g, b, a = data[i : i + 4]
        alpha = a / 255
        color = (min(1.0, r / a), min(1.0, g / a), min(1.0, b / a)) if a else (1.0, 1.0, 1.0)
        cells.append((color, alpha))
    return cols, rows, cells


def _median(colors: list[RGB]) -> RGB:
    ordered = sorted(colors, key=luminance)
    return ordered[len(ordered) // 2]
