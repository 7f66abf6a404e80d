"""The one geometry pipeline: project, clip to the view, simplify to the output size, place.

Everything after this module works in page points (y down), so the QPainter, PowerPoint and
PDF renderers all receive the same paths.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

from briefing_app.maps.projection import LambertAzimuthalEqualArea

SIMPLIFY_PT = 0.5  # drop detail finer than this many points on the page
MIN_AREA_PT2 = 2.0  # drop polygon parts smaller than this on the page

Ring = tuple[tuple[float, float], ...]


@dataclass(frozen=True)
class View:
    """Projected rectangle (metres) shown in a page rectangle (points)."""

    proj: LambertAzimuthalEqualArea
    x0: float
    y0: float
    x1: float
    y1: float
    rect: tuple[float, float, float, float]  # page x, y, w, h

    @property
    def scale(self) -> float:
        """Page points per projected metre."""
        return self.rect[2] / (self.x1 - self.x0)

    def lonlat_bounds(self) -> tuple[float, float, float, float]:
        """A lon/lat box covering the view (for quick rejection), with a margin."""
        t = np.linspace(0.0, 1.0, 41)
        xs = np.concatenate(
            [
                self.x0 + (self.x1 - self.x0) * t,
                np.full_like(t, self.x1),
                self.x0 + (self.x1 - self.x0) * t,
                np.full_like(t, self.x0),
            ]
        )
        ys = np.concatenate(
            [
                np.full_like(t, self.y0),
                self.y0 + (self.y1 - self.y0) * t,
                np.full_like(t, self.y1),
                self.y0 + (self.y1 - self.y0) * t,
            ]
        )
        lon, lat = self.proj.inverse(xs, ys)
        return (
            float(lon.min()) - 1,
            float(lat.min()) - 1,
            float(lon.max()) + 1,
            float(lat.max()) + 1,
        )

    def to_page(self, coords: np.ndarray) -> np.ndarray:
        s = self.scale
        px, py = self.rect[0], self.rect[1]
        return np.column_stack(
            [px + (coords[:, 0] - self.x0) * s, py + (self.y1 - coords[:, 1]) * s]
        )

    def page_point(self, lon: float, lat: float) -> tuple[float, float]:
        x, y = self.proj.forward(np.array([lon]), np.array([lat]))
        page = self.to_page(np.column_stack([x, y]))
        return float(page[0, 0]), float(page[0, 1])


def make_view(
    proj: LambertAzimuthalEqualArea,
    extent: tuple[float, float, float, float],
    rect: tuple[float, float, float, float],
) -> View:
    """The smallest view holding ``extent`` with the page rectangle's aspect, centred."""
    lon0, lat0, lon1, lat1 = extent
    t = np.linspace(0.0, 1.0, 41)
    lons = np.concatenate(
        [
            lon0 + (lon1 - lon0) * t,
            np.full_like(t, lon1),
            lon0 + (lon1 - lon0) * t,
            np.full_like(t, lon0),
        ]
    )
    lats = np.concatenate(
        [
            np.full_like(t, lat0),
            lat0 + (lat1 - lat0) * t,
            np.full_like(t, lat1),
            lat0 + (lat1 - lat0) * t,
        ]
    )
    xs, ys = proj.forward(lons, lats)
    x0, x1, y0, y1 = float(xs.min()), float(xs.max()), float(ys.min()), float(ys.max())
    w, h = rect[2], rect[3]
    if (x1 - x0) / (y1 - y0) < w / h:  # too tall: widen
        half = (y1 - y0) * w / h / 2
        cx = (x0 + x1) / 2
        x0, x1 = cx - half, cx + half
    else:
        half = (x1 - x0) * h / w / 2
        cy = (y0 + y1) / 2
        y0, y1 = cy - half, cy + half
    return View(proj, x0, y0, x1, y1, rect)


def to_page(
    geom: BaseGeometry, view: View, bounds: tuple[float, float, float, float] | None = None
) -> BaseGeometry:
    """Project a lon/lat geometry, clip it to the view, simplify, move to page points."""
    if bounds is not None and not geom.intersects(shapely.box(*bounds)):
        return shapely.Polygon()
    projected = shapely.transform(geom, view.proj.forward_xy)
    clipped = shapely.clip_by_rect(projected, view.x0, view.y0, view.x1, view.y1)
    if clipped.is_empty:
        return clipped
    simple = shapely.simplify(clipped, SIMPLIFY_PT / view.scale, preserve_topology=True)
    return shapely.transform(simple, view.to_page)


def _parts(geom: BaseGeometry) -> list[BaseGeometry]:
    if geom.is_empty:
        return []
    if hasattr(geom, "geoms"):
        return [p for g in geom.geoms for p in _parts(g)]
    return [geom]


def polygon_rings(geom: BaseGeometry) -> tuple[Ring, ...]:
    """Exterior and hole rings of every polygon part (closing point dropped)."""
    rings: list[Ring] = []
    for part in _parts(geom):
        if not isinstance(part, shapely.Polygon) or part.area < MIN_AREA_PT2:
            continue
        for ring in (part.exterior, *part.interiors):
            coords = shapely.get_coordinates(ring)[:-1]
            if len(coords) >= 3:
                rings.append(tuple((round(float(x), 2), round(float(y), 2)) for x, y in coords))
    return tuple(rings)


def line_paths(geom: BaseGeometry) -> tuple[Ring, ...]:
    """Open paths of every line part."""
    paths: list[Ring] = []
    for part in _parts(geom):
        if part.geom_type == "LineString":
            coords = shapely.get_coordinates(part)
            if len(coords) >= 2:
                paths.append(tuple((round(float(x), 2), round(float(y), 2)) for x, y in coords))
    return tuple(paths)


def largest_polygon(geom: BaseGeometry) -> BaseGeometry | None:
    polys = [p for p in _parts(geom) if p.geom_type == "Polygon" and not p.is_empty]
    return max(polys, key=lambda p: p.area) if polys else None
