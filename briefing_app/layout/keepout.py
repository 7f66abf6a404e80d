"""Frames kept clear of a house template's art: where our own frames meet the opaque
shapes, pictures and bands a template draws behind the slide, the text goes beside them.

A template's art (ribbons, wedges, bands, logos) is given to layout as outlines in layout
points (:attr:`briefing_app.layout.theme.Theme.art`, made by
:mod:`briefing_app.templates.keepout`). A frame lying (nearly) wholly on one outline has
that shape as its backdrop, as a title on the band its template draws for it: the
shape stays behind the text. Any other outline reaching into a frame is cut away from
it, on the side that keeps the most room (or, for one-line strips and titles, beside it,
so the text keeps its lines); :func:`lift_clear` moves a strip above what it meets.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from briefing_app.layout.wrap import Frame

Point = tuple[float, float]
Outline = tuple[Point, ...]  # a closed polygon in layout points

# An outline covering this share of a frame is the frame's backdrop, not in its way.
BACKDROP_SHARE = 0.9
# Overlaps smaller than this (square points) are outline noise: a shape's edge
# touching a frame's edge, curves flattened to straight lines.
MIN_OVERLAP = 4.0
# A frame is narrowed beside an outline only while it keeps this share of its width;
# else a strip is moved above it.
MIN_WIDTH_SHARE = 0.6


def rect_outline(x0: float, y0: float, x1: float, y1: float) -> Outline:
    return ((x0, y0), (x1, y0), (x1, y1), (x0, y1))


def _clip(outline: Sequence[Point], frame: Frame) -> list[Point]:
    """The part of the polygon ``outline`` inside ``frame`` (Sutherland-Hodgman): clipped
    by each of the frame's four edges in turn, as (axis, limit, keep the side above)."""
    edges = ((0, frame.x, True), (0, frame.x + frame.w, False),
             (1, frame.y, True), (1, frame.bottom, False))  # fmt: skip
    points = list(outline)
    for axis, limit, above in edges:
        if not points:
            break
        kept: list[Point] = []
        previous = points[-1]
        for point in points:
            inside = (point[axis] >= limit) if above else (point[axis] <= limit)
            was_inside = (previous[axis] >= limit) if above else (previous[axis] <= limit)
            if inside != was_inside:
                kept.append(_crossing(previous, point, axis, limit))
            if inside:
                kept.append(point)
            previous = point
        points = kept
    return points


def _crossing(a: Point, b: Point, axis: int, limit: float) -> Point:
    """Where the segment from ``a`` to ``b`` crosses the line ``axis`` = ``limit``."""
    span = b[axis] - a[axis]
    t = (limit - a[axis]) / span if span else 0.0
    if axis == 0:
        return limit, a[1] + t * (b[1] - a[1])
    return a[0] + t * (b[0] - a[0]), limit


def _area(points: Sequence[Point]) -> float:
    n = len(points)
    twice = sum(
        points[i][0] * points[(i + 1) % n][1] - points[(i + 1) % n][0] * points[i][1]
        for i in range(n)
    )
    return abs(twice) / 2


def in_the_way(outline: Outline, frame: Frame) -> Frame | None:
    """The rectangle of ``frame`` that ``outline`` takes (the bounds of their overlap);
    None when they barely meet or the outline is the frame's backdrop. A frame lying
    mostly on an outline whose edge still crosses it (a tilted card's border through a
    footer line) has the part off the outline in the way instead: text must not cross
    its backdrop's edge either."""
    if frame.w <= 0 or frame.h <= 0:
        return None
    inside = _clip(outline, frame)
    if len(inside) < 3:
        return None
    area = _area(inside)
    if area < MIN_OVERLAP:
        return None
    if area >= BACKDROP_SHARE * frame.w * frame.h:
        if area >= frame.w * frame.h - MIN_OVERLAP:
            return None  # wholly on it
        return _off(outline, frame)
    xs, ys = [p[0] for p in inside], [p[1] for p in inside]
    return Frame(min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys))


SLICE = 6.0  # points: the pieces a frame is cut into to find where it leaves its backdrop


def _off(outline: Outline, frame: Frame) -> Frame | None:
    """The part of ``frame`` off ``outline`` (which covers most of it): the columns it
    leaves the outline in, full height, or the rows, full width, whichever is smaller."""

    def uncovered(piece: Frame) -> bool:
        covered = _clip(outline, piece)
        area = _area(covered) if len(covered) >= 3 else 0.0
        return piece.w * piece.h - area > MIN_OVERLAP / 4

    n = max(1, math.ceil(frame.w / SLICE))
    cols = [Frame(frame.x + i * frame.w / n, frame.y, frame.w / n, frame.h) for i in range(n)]
    m = max(1, math.ceil(frame.h / SLICE))
    rows = [Frame(frame.x, frame.y + j * frame.h / m, frame.w, frame.h / m) for j in range(m)]
    off_cols = [c for c in cols if uncovered(c)]
    off_rows = [r for r in rows if uncovered(r)]
    found: list[Frame] = []
    if off_cols:
        x0, x1 = off_cols[0].x, off_cols[-1].x + off_cols[-1].w
        found.append(Frame(x0, frame.y, x1 - x0, frame.h))
    if off_rows:
        y0, y1 = off_rows[0].y, off_rows[-1].bottom
        found.append(Frame(frame.x, y0, frame.w, y1 - y0))
    return min(found, key=lambda f: f.w * f.h, default=None)


def _first_hit(frame: Frame, art: Sequence[Outline]) -> Frame | None:
    """The largest part of ``frame`` any outline takes (None when all of it is clear)."""
    hits = [r for r in (in_the_way(o, frame) for o in art) if r is not None]
    return max(hits, key=lambda r: r.w * r.h, default=None)


def _beside(frame: Frame, hit: Frame) -> list[Frame]:
    """The parts of ``frame`` left and right of ``hit``."""
    left = Frame(frame.x, frame.y, hit.x - frame.x, frame.h)
    right = Frame(hit.x + hit.w, frame.y, frame.x + frame.w - hit.x - hit.w, frame.h)
    return [f for f in (left, right) if f.w > 0]


def _around(frame: Frame, hit: Frame) -> list[Frame]:
    """The parts of ``frame`` beside, above and below ``hit``."""
    above = Frame(frame.x, frame.y, frame.w, hit.y - frame.y)
    below = Frame(frame.x, hit.bottom, frame.w, frame.bottom - hit.bottom)
    return [*_beside(frame, hit), *(f for f in (above, below) if f.h > 0)]


def clear(frame: Frame, art: Sequence[Outline], sideways: bool = False) -> Frame:
    """The largest part of ``frame`` no outline of ``art`` reaches into: cut beside,
    above or below each in turn (only beside when ``sideways``: a title or a one-line
    strip keeps its height). An empty frame where nothing is left."""
    for _ in range(2 * len(art) + 1):  # each cut removes one outline's overlap
        hit = _first_hit(frame, art)
        if hit is None:
            return frame
        parts = _beside(frame, hit) if sideways else _around(frame, hit)
        if not parts:
            return Frame(frame.x, frame.y, 0.0, 0.0 if not sideways else frame.h)
        frame = max(parts, key=lambda f: f.w * f.h)
    return frame


def lift_clear(
    frame: Frame, art: Sequence[Outline], top: float, narrow_share: float = MIN_WIDTH_SHARE
) -> Frame:
    """``frame`` (a strip: the sources line, the footer line) clear of ``art``: narrowed
    beside what it meets while it keeps ``narrow_share`` of its width, else moved up
    above it, never above ``top``; where no place up there is clear, narrowed while it
    keeps :data:`MIN_WIDTH_SHARE` of its width; else as it was."""
    start = frame
    for _ in range(4 * len(art) + 4):
        hit = _first_hit(frame, art)
        if hit is None:
            return frame
        narrowed = max(_beside(frame, hit), key=lambda f: f.w, default=None)
        if narrowed is not None and narrowed.w >= narrow_share * start.w:
            frame = narrowed
            continue
        y = min(hit.y, frame.y) - frame.h - 1.0
        if y < top:
            break
        # the whole strip moves up and is tried again at full width
        frame = Frame(start.x, y, start.w, start.h)
    if narrow_share > MIN_WIDTH_SHARE:
        return lift_clear(start, art, start.y, MIN_WIDTH_SHARE)
    return start
