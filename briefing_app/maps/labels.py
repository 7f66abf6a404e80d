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
    words = text.split()
    splits: list[list[str]] = [[text]]
    if len(words) > 1:
        best = min(range(1, len(words)),
                   key=lambda i: abs(len(" ".join(words[:i])) - len(" ".join(words[i:]))))
        splits.append([" ".join(words[:best]), " ".join(words[best:])])
    out = []
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
        grid = shapely.points(gx.ravel(), gy.ravel())
        inside = grid[shapely.contains(main, grid)]
        if len(inside):
            dist = shapely.distance(main.exterior, inside)
            order = np.argsort(-dist)[:GRID_POINTS]
            points += [(float(inside[i].x), float(inside[i].y)) for i in order]
    return points


def _overlaps(a: Rect, b: Rect) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def place_labels(requests: list[LabelRequest], bounds: Rect,
                 obstacles: list[Rect]) -> list[Box]:
    """Label boxes (and callout leaders) for the requests that fit, none overlapping.

    Inside placements are tried for every label first, so a callout never takes the room
    of a label that could have sat inside its own region.
    """
    placed: list[Rect] = list(obstacles)
    boxes: list[Box] = []
    pending: list[LabelRequest] = []
    for req in sorted(requests, key=lambda r: -r.priority):
        if req.region.is_empty or not req.text.strip():
            continue
        shapely.prepare(req.region)
        box = _place_one(req, bounds, placed)
        if box is not None:
            boxes.append(box)
            placed.append((box.x - PAD, box.y - PAD, box.x + box.w + PAD, box.y + box.h + PAD))
        elif req.callout:
            pending.append(req)
    for req in pending:
        found = _place_callout(req, bounds, placed)
        if found is not None:
            box, leader = found
            boxes += [leader, box]
            placed.append((box.x - PAD, box.y - PAD, box.x + box.w + PAD, box.y + box.h + PAD))
    return boxes


CALLOUT_DIRECTIONS = ((1, 0), (-1, 0), (1, -1), (1, 1), (-1, -1), (-1, 1), (0, -1), (0, 1))
CALLOUT_DISTANCES = (10.0, 18.0, 28.0, 40.0)


def _place_callout(req: LabelRequest, bounds: Rect,
                   placed: list[Rect]) -> tuple[TextBox, PathBox] | None:
    """A white-backed label beside a region too small for it, joined by a leader line."""
    polys = [p for p in getattr(req.region, "geoms", [req.region]) if p.geom_type == "Polygon"]
    if not polys:
        return None
    main = max(polys, key=lambda p: p.area)
    anchor = main.representative_point()
    ax, ay = anchor.x, anchor.y
    style = req.style
    style = TextStyle(style.font, max(req.min_size, style.size - 0.5), style.bold, style.italic,
                      "222222")
    w = text_width(req.text, style) + 4.0
    h = line_height(style) + 1.0
    for dist in CALLOUT_DISTANCES:
        for dx, dy in CALLOUT_DIRECTIONS:
            cx = ax + dx * (dist + w / 2)
            cy = ay + dy * (dist + h / 2)
            rect = (cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2)
            if (rect[0] < bounds[0] or rect[1] < bounds[1] or rect[2] > bounds[2]
                    or rect[3] > bounds[3]):
                continue
            if any(_overlaps(rect, other) for other in placed):
                continue
            ex = min(max(ax, rect[0]), rect[2])
            ey = min(max(ay, rect[1]), rect[3])
            leader = shapely.LineString([(ax, ay), (ex, ey)])
            if any(leader.intersects(shapely.box(*other)) for other in placed):
                continue
            box = text_block([req.text], style, rect[0] + 2.0, rect[1] + 0.5, w - 4.0,
                             align="center", name=req.name, pad=2.0)
            box = TextBox(box.x, rect[1], box.w, h, box.paragraphs, box.name, fill="FFFFFF")
            line = PathBox(rings=(((round(ax, 2), round(ay, 2)), (round(ex, 2), round(ey, 2))),),
                           closed=False, stroke="222222", stroke_width=0.5,
                           name=f"Leader: {req.text}")
            return box, line
    return None


def _place_one(req: LabelRequest, bounds: Rect, placed: list[Rect]) -> TextBox | None:
    candidates = _candidates(req.region)
    for lines, style in _variants(req.text, req.style, req.min_size):
        w = max(text_width(line, style) for line in lines) + 2.0
        h = line_height(style) * len(lines)
        rects = [(cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2) for cx, cy in candidates]
        if not rects:
            return None
        polys = shapely.box(*np.array(rects).T)
        fits = shapely.contains(req.region, polys)
        for rect, ok in zip(rects, fits, strict=True):
            if not ok:
                continue
            if (rect[0] < bounds[0] or rect[1] < bounds[1] or rect[2] > bounds[2]
                    or rect[3] > bounds[3]):
                continue
            if any(_overlaps(rect, other) for other in placed):
                continue
            return text_block(lines, style, rect[0] + 1.0, rect[1], w - 2.0, align="center",
                              name=req.name, pad=1.0)
    return None
