"""``map_boxes``: a MapSpec drawn into a page frame as renderer boxes.

Order of drawing: sea, layers bottom to top (one PathBox per feature, named after it),
labels, locator inset, legend, scale bar, frame, notes, source line. Everything lies inside
the frame. Labels are never smaller than MIN_LABEL_SIZE at the size drawn, and never sit on
a line feature; the legend and the scale bar go where they cover the least of the map's
subject (none, when the map leaves room). Text is set in the font it is given: the slide
theme's body font, so a house template's theme font reaches the map's labels, legend and
notes as it reaches the bullets. Results are cached by (spec, frame, font).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from functools import lru_cache
from typing import Any

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

from briefing_app.layout.boxes import Box, PathBox, RectBox, TextStyle
from briefing_app.maps import geodata, nato
from briefing_app.maps.furniture import (
    DEFAULT_FONT,
    MARGIN,
    SOURCE_STRIP,
    LegendEntry,
    frame_border,
    legend,
    notes_block,
    notes_height,
    scale_bar,
    source_line,
)
from briefing_app.maps.geodata import ATTRIBUTION, GeoFeature
from briefing_app.maps.geometry import View, line_paths, make_view, polygon_rings, to_page
from briefing_app.maps.inset import inset_boxes
from briefing_app.maps.labels import LabelRequest, place_labels
from briefing_app.maps.policy import apply_policies
from briefing_app.maps.projection import projection_from
from briefing_app.maps.spec import LayerSpec, MapSpec
from briefing_app.maps.styles import label_color_for, resolve

Frame = tuple[float, float, float, float]
Rect = tuple[float, float, float, float]
MIN_LABEL_SIZE = 10.0  # points at the size drawn: readable when projected
MIN_MAP_H = 40.0  # the least height a map beside its legend is drawn in, in points


@dataclass(frozen=True)
class MapFigure:
    """A map as the layout engine's :class:`~briefing_app.layout.figure.Figure`."""

    spec: MapSpec

    def boxes(self, frame: Frame, font: str = DEFAULT_FONT) -> list[Box]:
        return map_boxes(self.spec, frame, font)


def map_boxes(spec: MapSpec, frame: Frame, font: str = DEFAULT_FONT) -> list[Box]:
    """Every box of the map inside ``frame`` = (x, y, w, h) in page points, its text in
    the family ``font`` (a layout.fonts key)."""
    key = tuple(round(float(v), 3) for v in frame)
    return list(_map_boxes(spec, key, font))


def layer_features(layer: LayerSpec) -> list[GeoFeature]:
    """The lon/lat features a layer draws (merged into one when ``layer.merge``)."""
    if layer.source == "inline":
        # Imports store only valid, simplified geometry (maps.import_layers): nothing to repair.
        feats = [
            GeoFeature(f.id, "inline", f.name, shapely.from_geojson(f.geometry))
            for f in layer.features
        ]
    else:
        feats = geodata.select(layer.source, nato.expand(layer.ids), nato.expand(layer.exclude))
    if layer.merge and feats:
        merged = shapely.union_all([f.geometry for f in feats])
        return [GeoFeature(layer.name, feats[0].layer, layer.name, merged)]
    return feats


def _label_style(layer: LayerSpec, fill: str | None, font: str) -> TextStyle:
    st = layer.style
    color = resolve(st.label_color) if st.label_color != "label" else label_color_for(fill)
    return TextStyle(
        font,
        max(st.label_size, MIN_LABEL_SIZE),
        bold=st.label_bold,
        italic=st.label_italic,
        color=color or "2E2E2E",
    )


@dataclass
class _Drawn:
    """What drawing the layers leaves for labels and furniture to respect."""

    requests: list[LabelRequest] = field(default_factory=list)
    lines: list[BaseGeometry] = field(default_factory=list)  # page geometry of line features
    subject: list[BaseGeometry] = field(default_factory=list)  # page geometry to keep clear
    land: list[BaseGeometry] = field(default_factory=list)  # every area feature drawn


@lru_cache(maxsize=48)
def _map_boxes(spec: MapSpec, frame: Frame, font: str) -> tuple[Box, ...]:
    x, y, w, h = frame
    probe = make_view(
        projection_from(spec.projection_params), spec.extent, (x, y, w, h - SOURCE_STRIP)
    )
    spec = apply_policies(spec, probe)
    notes = list(spec.notes)
    map_h = h - SOURCE_STRIP - notes_height(notes, w, font)
    entries = [
        LegendEntry(layer.legend, layer.style, layer.kind) for layer in spec.layers if layer.legend
    ]
    legend_w = min(300.0, max(170.0, w * 0.42))
    # The legend goes inside the map where it fits and covers none of the subject: in one
    # column (narrower if need be), else in two; where no such spot exists it stands beside
    # the map (right of a wide frame, under a tall one) and the map takes the rest. A
    # layout where the legend would run past the map's room (over the notes, in a small
    # frame a template's art left) is passed over while another keeps it clear.
    inside = [(legend_w, 1), (legend_w * 0.8, 1), (min(w * 0.8, 2 * legend_w), 2)]
    layouts: list[tuple[Any, ...]] = [((x, y, w, map_h), None, inside)]
    wide = w >= map_h
    beside_w = max(150.0, min(legend_w, w * 0.3)) if wide else legend_w  # a narrow column
    _, size = legend(entries, [], "top-left", (0.0, 0.0, w, map_h), beside_w, font=font)
    if wide and size and size[3] - size[1] > h - SOURCE_STRIP:  # a wider column is shorter
        beside_w = legend_w
        _, size = legend(entries, [], "top-left", (0.0, 0.0, w, map_h), beside_w, font=font)
    notes_at = (x, y + map_h, w)  # notes under the map, across the frame
    if size:
        lw, lh = size[2] - size[0], size[3] - size[1]
        full_h = h - SOURCE_STRIP
        if wide:
            # Beside a wide frame's map, the notes go under the legend when they fit there,
            # and the map keeps the full height; else under the map, across the frame when
            # the legend is no taller than the map, or beside the legend.
            column_notes = notes_height(notes, lw, font)
            tall = lh + MARGIN + column_notes <= full_h
            map_w = w - lw - MARGIN
            if not tall and lh > map_h:
                rect_h = full_h - notes_height(notes, map_w, font)
                if rect_h >= MIN_MAP_H:
                    under = (x, y + rect_h, map_w)
                    layouts.append(((x, y, map_w, rect_h), (x + w - lw, y), [(beside_w, 1)], under))
            rect_h = full_h if tall else map_h
            under = (x + w - lw, y + lh + MARGIN, lw) if tall else notes_at
            layouts.append(((x, y, map_w, rect_h), (x + w - lw, y), [(beside_w, 1)], under))
        else:
            layouts.append(
                ((x, y, w, map_h - lh - MARGIN), (x, y + map_h - lh), [(beside_w, 1)], notes_at)
            )
    for rect, outside, options, *where in layouts:
        result = _compose(spec, rect, entries, options, outside, font)
        if result is not None or outside is not None:
            notes_at = where[0] if where else notes_at
            break
    assert result is not None
    boxes = list(result)
    boxes += notes_block(notes, *notes_at, font=font)
    sources = [ATTRIBUTION, *sorted({lay.attribution for lay in spec.layers if lay.attribution})]
    text = "; ".join(sources) + f". Projection: {probe.proj.name}."
    boxes.append(source_line(text, x, y + h - SOURCE_STRIP, w, font))
    return tuple(boxes)


def _compose(
    spec: MapSpec,
    rect: Rect,
    entries: list[LegendEntry],
    options: list[tuple[float, int]],
    outside: tuple[float, float] | None,
    font: str,
) -> list[Box] | None:
    """The map in ``rect`` (x, y, w, h) with its labels and furniture; None when the legend
    must go inside but in none of ``options`` (width, columns) does a spot inside keep it
    off the subject. The layers are drawn once for all the options."""
    x, y, w, h = rect
    # With the legend beside the map, the room the extent keeps for it is not needed: the
    # view closes in on the subject, so it is drawn as large as the frame allows.
    extent = spec.extent if outside is None else _subject_extent(spec)
    view = make_view(projection_from(spec.projection_params), extent, rect)
    area = (x, y, x + w, y + h)
    boxes: list[Box] = [RectBox(*rect, fill=resolve(spec.sea), name="Sea")]
    drawn = _draw_layers(spec, view, boxes, font)
    # Areas do not overlap one another, so what a panel covers is the sum over them.
    subject, land = drawn.subject, drawn.land
    for shape in subject + land:
        shapely.prepare(shape)

    furniture: list[Box] = []
    obstacles: list[Rect] = []
    if spec.inset is not None:
        inset, inset_rect = inset_boxes(spec.inset, view, area)
        furniture += inset
        obstacles.append(inset_rect)
    covered: list[float] = []

    def place_legend(pw: float, ph: float) -> tuple[float, float]:
        if outside is not None:
            return outside
        if pw > w - 2 * MARGIN or ph > h - 2 * MARGIN:  # it would run off the map
            covered.append(float("inf"))
            return x + MARGIN, y + MARGIN
        sx, sy, cover = _clear_spot(pw, ph, area, subject, land, obstacles, spec.legend_corner)
        covered.append(cover)
        return sx, sy

    for legend_w, columns in options:
        covered.clear()
        legend_boxes, legend_rect = legend(
            entries,
            [],
            spec.legend_corner,
            area,
            legend_w,
            place=place_legend,
            columns=columns,
            font=font,
        )
        if not covered or covered[0] <= 1.0:
            break
    else:
        return None
    furniture += legend_boxes
    if legend_rect and outside is None:
        obstacles.append(legend_rect)
    if spec.scale_bar:
        corner = spec.scale_bar
        bar, bar_rect = scale_bar(
            view.scale,
            corner,
            area,
            place=lambda pw, ph: _clear_spot(
                pw, ph, area, subject, land, obstacles, corner, corners_only=True
            )[:2],
            font=font,
        )
        furniture += bar
        obstacles.append(bar_rect)

    boxes += place_labels(drawn.requests, area, obstacles, lines=drawn.lines)
    boxes += furniture
    boxes.append(frame_border(rect))
    return boxes


def _subject_extent(spec: MapSpec) -> tuple[float, float, float, float]:
    """The lon/lat bounds of the map's subject (a little margin), within its extent."""
    patterns = nato.expand(spec.subject)
    if not patterns:
        return spec.extent
    shapes = [
        f.geometry
        for f in geodata.subset().values()
        if f.layer != "disputed" and _matches(f.id, patterns)
    ]
    if not shapes:
        return spec.extent
    lon0, lat0, lon1, lat1 = shapely.union_all(shapes).bounds
    pad_x, pad_y = (lon1 - lon0) * 0.03, (lat1 - lat0) * 0.03
    e = spec.extent
    box = (
        max(e[0], lon0 - pad_x),
        max(e[1], lat0 - pad_y),
        min(e[2], lon1 + pad_x),
        min(e[3], lat1 + pad_y),
    )
    return box if box[0] < box[2] and box[1] < box[3] else spec.extent


GRID_STEP = 2.0  # points between the samples that rank panel positions


def _clear_spot(
    w: float,
    h: float,
    area: Rect,
    subject: list[BaseGeometry],
    land: list[BaseGeometry],
    taken: list[Rect],
    preferred: str,
    *,
    corners_only: bool = False,
) -> tuple[float, float, float]:
    """(x, y, subject area covered) for a w × h panel inside ``area`` that covers the least
    of the map's subject (then the least land, then lies nearest the preferred corner) and
    overlaps no other panel. Positions run along the four edges of the map; they are ranked
    on a sampled grid, and the best few measured exactly."""
    x0, y0 = area[0] + MARGIN, area[1] + MARGIN
    x1, y1 = area[2] - MARGIN - w, area[3] - MARGIN - h
    if corners_only:
        spots = [(sx, sy) for sx in (x0, x1) for sy in (y0, y1)]
    else:
        xs, ys = np.linspace(x0, max(x0, x1), 41), np.linspace(y0, max(y0, y1), 25)
        spots = [(float(sx), sy) for sx in xs for sy in (y0, y1)] + [
            (sx, float(sy)) for sy in ys[1:-1] for sx in (x0, x1)
        ]
    spots = [
        (sx, sy)
        for sx, sy in spots
        if not any(sx < o[2] and o[0] < sx + w and sy < o[3] and o[1] < sy + h for o in taken)
    ]
    want = (x0 if preferred.endswith("left") else x1, y0 if preferred.startswith("top") else y1)
    if not spots:
        return want[0], want[1], float("inf")
    gx = np.arange(area[0] + GRID_STEP / 2, area[2], GRID_STEP)
    gy = np.arange(area[1] + GRID_STEP / 2, area[3], GRID_STEP)
    mx, my = np.meshgrid(gx, gy)
    sums = [_integral(_covered(shapes, mx, my)) for shapes in (subject, land)]

    def sampled(table: np.ndarray, sx: float, sy: float) -> float:
        i0, i1 = np.searchsorted(gy, [sy, sy + h])
        j0, j1 = np.searchsorted(gx, [sx, sx + w])
        return float(table[i1, j1] - table[i0, j1] - table[i1, j0] + table[i0, j0])

    ranked = sorted(
        spots,
        key=lambda p: (
            sampled(sums[0], *p),
            sampled(sums[1], *p),
            abs(p[0] - want[0]) + abs(p[1] - want[1]),
        ),
    )
    best: tuple[float, float, float] | None = None
    for sx, sy in ranked[:12]:
        panel = shapely.box(sx, sy, sx + w, sy + h)
        cover = sum(
            float(shapely.area(shapely.intersection(panel, g)))
            for g in subject
            if g.intersects(panel)
        )
        if best is None or cover < best[2]:
            best = (float(sx), float(sy), cover)
        if cover <= 1.0:
            break
    assert best is not None
    return best


def _covered(shapes: list[BaseGeometry], mx: np.ndarray, my: np.ndarray) -> np.ndarray:
    """Which grid points lie in any of ``shapes`` (each tested only within its bounds)."""
    mask = np.zeros(mx.shape, dtype=bool)
    for shape in shapes:
        bx0, by0, bx1, by1 = shape.bounds
        window = (mx >= bx0) & (mx <= bx1) & (my >= by0) & (my <= by1)
        if window.any():
            mask[window] |= shapely.contains_xy(shape, mx[window], my[window])
    return mask


def _integral(mask: np.ndarray) -> np.ndarray:
    """Summed-area table of a boolean grid (a zero row and column in front)."""
    table = np.zeros((mask.shape[0] + 1, mask.shape[1] + 1))
    table[1:, 1:] = mask.cumsum(0).cumsum(1)
    return table


def _matches(feature_id: str, patterns: tuple[str, ...]) -> bool:
    return any(fnmatchcase(feature_id, p) for p in patterns)


def _draw_layers(spec: MapSpec, view: View, boxes: list[Box], font: str) -> _Drawn:
    bounds = view.lonlat_bounds()
    drawn = _Drawn()
    subject = nato.expand(spec.subject)
    names = nato.label_names()
    for index, layer in enumerate(spec.layers):
        st = layer.style
        overrides = dict(layer.label_text)
        for feat in layer_features(layer):
            page = to_page(feat.geometry, view, bounds)
            if page.is_empty:
                continue
            if layer.kind == "line":
                paths = line_paths(page)
                if paths and st.casing and st.casing_width > 0:
                    boxes.append(
                        PathBox(
                            rings=paths,
                            closed=False,
                            stroke=st.hex("casing"),
                            stroke_width=st.casing_width,
                            name=f"{feat.name} (casing)",
                        )
                    )
                if paths:
                    boxes.append(
                        PathBox(
                            rings=paths,
                            closed=False,
                            stroke=st.hex("stroke"),
                            stroke_width=st.stroke_width,
                            name=feat.name,
                        )
                    )
                    drawn.lines.append(page)
                continue
            rings = polygon_rings(page)
            if not rings:
                continue
            boxes.append(
                PathBox(
                    rings=rings,
                    fill=st.hex("fill"),
                    stroke=st.hex("stroke"),
                    stroke_width=st.stroke_width,
                    hatch=st.hex("hatch"),
                    name=feat.name,
                )
            )
            if st.fill or st.hatch:
                valid = shapely.make_valid(page)  # simplified outlines can self-touch
                drawn.land.append(valid)
                if _matches(feat.id, subject) if subject else index > 0:
                    drawn.subject.append(valid)
            text = overrides.get(feat.id, names.get(feat.id, feat.name))
            if st.label and text:
                drawn.requests.append(
                    LabelRequest(
                        text=text.upper() if st.label_caps else text,
                        style=_label_style(layer, st.hex("fill"), font),
                        region=page,
                        priority=st.label_priority * 1e9 + index * 1e6 + min(page.area, 9e5),
                        name=f"Label: {text}",
                        min_size=max(st.label_min_size, MIN_LABEL_SIZE),
                        callout=st.label_callout,
                    )
                )
    return drawn
