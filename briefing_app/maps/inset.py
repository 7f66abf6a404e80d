"""Locator inset: a small map of the wider region with the main map's view outlined."""

from __future__ import annotations

import numpy as np

from briefing_app.layout.boxes import Box, PathBox, RectBox
from briefing_app.maps import geodata
from briefing_app.maps.furniture import MARGIN, PANEL_STROKE
from briefing_app.maps.geometry import View, make_view, polygon_rings, to_page
from briefing_app.maps.projection import LambertAzimuthalEqualArea
from briefing_app.maps.spec import Inset
from briefing_app.maps.styles import PALETTE

INSET_LAND = "CFCCC6"
INSET_HIGHLIGHT = "5A5A5A"


def _inset_view(inset: Inset, main: View, area: tuple[float, float, float, float]) -> View:
    lon0, lat0, lon1, lat1 = inset.extent
    proj = LambertAzimuthalEqualArea(lat0=(lat0 + lat1) / 2, lon0=(lon0 + lon1) / 2)
    w = (area[2] - area[0]) * inset.width
    probe = make_view(proj, inset.extent, (0, 0, 100, 100))
    natural = (probe.x1 - probe.x0) / (probe.y1 - probe.y0)
    h = w / max(natural, 0.6)
    x = area[0] + MARGIN if inset.corner.endswith("left") else area[2] - MARGIN - w
    y = area[1] + MARGIN if inset.corner.startswith("top") else area[3] - MARGIN - h
    return make_view(proj, inset.extent, (x, y, w, h))


def _outline(main: View, inset: View) -> tuple[tuple[float, float], ...]:
    """The main view's rectangle as seen in the inset's projection."""
    t = np.linspace(0.0, 1.0, 9)
    xs = np.concatenate(
        [
            main.x0 + (main.x1 - main.x0) * t,
            np.full_like(t, main.x1),
            main.x1 - (main.x1 - main.x0) * t,
            np.full_like(t, main.x0),
        ]
    )
    ys = np.concatenate(
        [
            np.full_like(t, main.y0),
            main.y0 + (main.y1 - main.y0) * t,
            np.full_like(t, main.y1),
            main.y1 - (main.y1 - main.y0) * t,
        ]
    )
    lon, lat = main.proj.inverse(xs, ys)
    ex, ny = inset.proj.forward(lon, lat)
    page = inset.to_page(np.column_stack([ex, ny]))
    return tuple((round(float(px), 2), round(float(py), 2)) for px, py in page)


def inset_boxes(
    inset: Inset, main: View, area: tuple[float, float, float, float]
) -> tuple[list[Box], tuple[float, float, float, float]]:
    view = _inset_view(inset, main, area)
    x, y, w, h = view.rect
    boxes: list[Box] = [RectBox(x, y, w, h, fill=PALETTE["sea"], name="Locator: sea")]
    bounds = view.lonlat_bounds()
    for feat in geodata.select("countries", ("*",)):
        rings = polygon_rings(to_page(feat.geometry, view, bounds))
        if rings:
            fill = INSET_HIGHLIGHT if feat.id in inset.highlight else INSET_LAND
            boxes.append(
                PathBox(
                    rings=rings,
                    fill=fill,
                    stroke="FFFFFF",
                    stroke_width=0.25,
                    name=f"Locator: {feat.name}",
                )
            )
    boxes.append(
        PathBox(
            rings=(_outline(main, view),),
            fill=None,
            stroke="000000",
            stroke_width=1.0,
            name="Locator: map area",
        )
    )
    boxes.append(
        RectBox(x, y, w, h, fill=None, stroke=PANEL_STROKE, stroke_width=0.6, name="Locator frame")
    )
    return boxes, (x, y, x + w, y + h)
