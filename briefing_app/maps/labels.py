"""Label placement: inside the region where the text fits, never overlapping anything placed.

Requests are placed in priority order. For each, candidate anchor points are the region's
pole of inaccessibility followed by interior grid points furthest from its edge; at each the
label is tried at its size and then smaller, on one line and then on two. The first box that
lies wholly inside the region, inside the map and clear of every earlier label and obstacle
wins; a label that fits nowhere is left out rather than drawn over something else.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry
from shapely.ops import polylabel

from briefing_app.layout.boxes import Box, PathBox, TextBox, TextStyle
from briefing_app.layout.metrics import text_width
from briefing_app.maps.text import line_height, text_block

PAD = 1.5  # clear space kept around every label, points
GRID_POINTS = 48
BORDER_SLACK = 3.0  # points a label may run over its region's border (as atlases allow)
LINE_CLEARANCE = 3.0  # points kept between a label and a line feature (a front, a border)
# A callout first looks for room over regions whose own labels matter less (layer label
# priority below this), so it does not cover a neighbouring region of the map's subject.
CALLOUT_AVOID_PRIORITY = 2e9
TIER = 1e9  # a request's priority is its layer's label priority × TIER + a tie-breaker


@dataclass(frozen=True)
class LabelRequest:
    text: str
    style: TextStyle
    region: BaseGeometry  # page points
    priority: float
    name: str
    min_size: float = 6.0
    callout: bool = False


Rect = tuple[float, float, float, float]  # x0, y0, x1, y1


def _variants(text: str, style: TextStyle, min_size: float) -> list[tuple[list[str], TextStyle]]:
    sizes = [style.size]
    size = style.size
    while size - 1.0 >= min_size - 1e-6:
        size -= 1.0
        sizes.append(size)
    # Two-line forms break after a space or a hyphen ("Ivano-" / "Frankivsk"), as even as
    # possible; a name in two languages breaks after its slash.
    splits: list[list[str]] = [[text]]
    breaks = [i + 1 for i, c in enumerate(text[:-1]) if c in " -" and text[i + 1] != " "]
    if breaks:
        at = min(breaks, key=lambda i: abs(len(text[:i].rstrip()) - len(text[i:])))
        splits.append([text[:at].rstrip(), text[at:].strip()])
    out: list[tuple[list[str], TextStyle]] = []
    for s in sizes:
        st = TextStyle(style.font, s, style.bold, style.italic, style.color)
        out.extend((lines, st) for lines in splits)
    return out


def _candidates(region: BaseGeometry) -> list[tuple[float, float]]:
    polys = [p for p in getattr(region, "geoms", [region]) if p.geom_type == "Polygon"]
    if not polys:
        return []
    main = max(polys, key=lambda p: p.area)
    pole = polylabel(main, tolerance=1.0) if main.area > 4 else main.centroid
    points = [(pole.x, pole.y)]
    x0, y0, x1, y1 = main.bounds
    step = max((x1 - x0), (y1 - y0)) / 10
    if step > 0:
        gx, gy = np.meshgrid(np.arange(x0 + step / 2, x1, step), np.arange(y0 + step / 2, y1, step))
        grid = np.asarray(shapely.points(gx.ravel(), gy.ravel()))  # an array for arrays
        inside = grid[shapely.contains(main, grid)]
        if len(inside):
            dist = shapely.distance(main.exterior, inside)
            order = np.argsort(-dist)[:GRID_POINTS]
            points += [(float(inside[i].x), float(inside[i].y)) for i in order]
    return points


def _overlaps(a: Rect, b: Rect) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def place_labels(
    requests: list[LabelRequest],
    bounds: Rect,
    obstacles: list[Rect],
    lines: list[BaseGeometry] | None = None,
) -> list[Box]:
    """Label boxes (and callout leaders) for the requests that fit, none overlapping.

    Inside placements are tried for every label first, so a callout never takes the room
    of a label that could have sat inside its own region. No label sits on ``lines``.
    """
    placed: list[Rect] = list(obstacles)
    boxes: list[Box] = []
    buffered = shapely.union_all([g.buffer(LINE_CLEARANCE) for g in lines or []])
    keep_off = None if buffered.is_empty else buffered
    if keep_off is not None:
        shapely.prepare(keep_off)
    ranked = [
        r
        for r in sorted(requests, key=lambda r: -r.priority)
        if not r.region.is_empty and r.text.strip()
    ]
    # The map's subject (label priority above 0) first: every inside placement, then its
    # callouts; the neighbours' names (priority 0) fill the room that is left.
    for group in (
        [r for r in ranked if r.priority >= TIER],
        [r for r in ranked if r.priority < TIER],
    ):
        pending: list[LabelRequest] = []
        for req in group:
            shapely.prepare(req.region)
            box = _place_one(req, bounds, placed, keep_off)
            if box is not None:
                boxes.append(box)
                placed.append(_padded(box))
            elif req.callout:
                pending.append(req)
        for n, req in enumerate(pending):
            # Not over the subject's main regions, nor over a region still waiting for
            # its own callout (its leader needs a free point inside it).
            others = [
                r.region
                for r in requests
                if r is not req and not r.region.is_empty and r.priority >= CALLOUT_AVOID_PRIORITY
            ]
            others += [r.region for r in pending[n + 1 :]]
            avoid = (
                shapely.GeometryCollection([shapely.make_valid(g) for g in others])
                if others
                else None
            )
            found = _place_callout(
                req, bounds, placed, avoid, keep_off, CALLOUT_CLEAR_REACH
            ) or _place_callout(req, bounds, placed, None, keep_off)
            if found is not None:
                box, leader = found
                boxes += [leader, box]
                placed.append(_padded(box))
    return boxes


def _padded(box: TextBox) -> Rect:
    return (box.x - PAD, box.y - PAD, box.x + box.w + PAD, box.y + box.h + PAD)


CALLOUT_DIRECTIONS = (
    (1, 0),
    (-1, 0),
    (1, -1),
    (1, 1),
    (-1, -1),
    (-1, 1),
    (0, -1),
    (0, 1),
    (2, -1),
    (2, 1),
    (-2, -1),
    (-2, 1),
    (1, -2),
    (1, 2),
    (-1, -2),
    (-1, 2),
)
CALLOUT_DISTANCES = (8.0, 14.0, 22.0, 32.0, 45.0, 60.0, 80.0)  # leader lengths, shortest first
CALLOUT_CLEAR_REACH = 32.0  # how far a callout looks for room off the subject's regions


def _place_callout(
    req: LabelRequest,
    bounds: Rect,
    placed: list[Rect],
    avoid: BaseGeometry | None = None,
    keep_off: BaseGeometry | None = None,
    reach: float = CALLOUT_DISTANCES[-1],
) -> tuple[TextBox, PathBox] | None:
    """A white-backed label beside a region too small for it, joined by a leader line;
    not over ``avoid`` (other regions of the subject) when given, never on a line."""
    polys = [p for p in getattr(req.region, "geoms", [req.region]) if p.geom_type == "Polygon"]
    if not polys:
        return None
    main = max(polys, key=lambda p: p.area)
    anchor = main.representative_point()
    # The leader starts at a point of the region no label covers (a neighbour's label may
    # run over the region's middle).
    x0, y0, x1, y1 = main.bounds
    gx, gy = np.meshgrid(np.linspace(x0, x1, 15), np.linspace(y0, y1, 15))
    grid = [(float(px), float(py)) for px, py in zip(gx.ravel(), gy.ravel(), strict=True)]
    inside = shapely.contains_xy(main, [p[0] for p in grid], [p[1] for p in grid])
    points = _candidates(req.region) + [p for p, ok in zip(grid, inside, strict=True) if ok]
    free = [
        (px, py)
        for px, py in points
        if not any(o[0] <= px <= o[2] and o[1] <= py <= o[3] for o in placed)
    ]
    ax, ay = free[0] if free else (anchor.x, anchor.y)
    style = req.style
    style = TextStyle(
        style.font, max(req.min_size, style.size - 0.5), style.bold, style.italic, "222222"
    )
    w = text_width(req.text, style) + 4.0
    h = line_height(style) + 1.0
    for dist in (d for d in CALLOUT_DISTANCES if d <= reach):
        for dx, dy in CALLOUT_DIRECTIONS:
            norm = (dx * dx + dy * dy) ** 0.5
            cx = ax + dx / norm * dist + (w / 2 if dx > 0 else -w / 2 if dx < 0 else 0.0)
            cy = ay + dy / norm * dist + (h / 2 if dy > 0 else -h / 2 if dy < 0 else 0.0)
            rect = (cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2)
            if (
                rect[0] < bounds[0]
                or rect[1] < bounds[1]
                or rect[2] > bounds[2]
                or rect[3] > bounds[3]
            ):
                continue
            if any(_overlaps(rect, other) for other in placed):
                continue
            shape = shapely.box(*rect)
            if avoid is not None and shape.intersects(avoid):
                continue
            if keep_off is not None and shape.intersects(keep_off):
                continue
            ex = min(max(ax, rect[0]), rect[2])
            ey = min(max(ay, rect[1]), rect[3])
            leader = shapely.LineString([(ax, ay), (ex, ey)])
            if any(leader.intersects(shapely.box(*other)) for other in placed):
                continue
            box = text_block(
                [req.text],
                style,
                rect[0] + 2.0,
                rect[1] + 0.5,
                w - 4.0,
                align="center",
                name=req.name,
                pad=2.0,
            )
            box = TextBox(box.x, rect[1], box.w, h, box.paragraphs, box.name, fill="FFFFFF")
            line = PathBox(
                rings=(((round(ax, 2), round(ay, 2)), (round(ex, 2), round(ey, 2))),),
                closed=False,
                stroke="222222",
                stroke_width=0.5,
                name=f"Leader: {req.text}",
            )
            return box, line
    return None


def _place_one(
    req: LabelRequest, bounds: Rect, placed: list[Rect], keep_off: BaseGeometry | None = None
) -> TextBox | None:
    candidates = _candidates(req.region)

    for lines, style in _variants(req.text, req.style, req.min_size):
        w = max(text_width(line, style) for line in lines) + 2.0
        h = line_height(style) * len(lines)
        rects = [(cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2) for cx, cy in candidates]
        if not rects:
            return None
        polys = shapely.box(*np.array(rects).T)
        # A label may cross its border by a hair: its box less the slack must lie inside.
        s_ = BORDER_SLACK
        inner = shapely.box(*(np.array(rects) + np.array([s_, s_, -s_, -s_])).T)
        fits = shapely.contains(req.region, inner)
        if keep_off is not None:
            fits &= ~shapely.intersects(keep_off, polys)
        for rect, ok in zip(rects, fits, strict=True):
            if not ok:
                continue
            if (
                rect[0] < bounds[0]
                or rect[1] < bounds[1]
                or rect[2] > bounds[2]
                or rect[3] > bounds[3]
            ):
                continue
            if any(_overlaps(rect, other) for other in placed):
                continue
            return text_block(
                lines,
                style,
                rect[0] + 1.0,
                rect[1],
                w - 2.0,
                align="center",
                name=req.name,
                pad=1.0,
                source=req.text,
            )
    return None
