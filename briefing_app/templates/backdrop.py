"""The colour a house template's art shows at a point of the page: its boxes (the drawing
list :mod:`briefing_app.templates.art` makes) composited, last on top, on white; and the
WCAG contrast of two colours. What text will be read against, for
:mod:`briefing_app.templates.legibility` (masters ranked by it) and the art's own choice
of a footer colour a band can be read on."""

from __future__ import annotations

import itertools
import math
from functools import lru_cache

from PIL import Image

from briefing_app.layout.boxes import Box, Gradient, PathBox, PictureBox, RectBox

RGB = tuple[float, float, float]


def backdrop_at(art: tuple[Box, ...], x: float, y: float) -> RGB:
    """The colour the art shows at (x, y): its boxes composited, last on top, on white."""
    out: RGB = (1.0, 1.0, 1.0)
    for box in art:
        found = _color_at(box, x, y)
        if found is None:
            continue
        color, alpha = found
        out = (
            out[0] + (color[0] - out[0]) * alpha,
            out[1] + (color[1] - out[1]) * alpha,
            out[2] + (color[2] - out[2]) * alpha,
        )
    return out


def _color_at(box: Box, x: float, y: float) -> tuple[RGB, float] | None:
    if isinstance(box, RectBox):
        if not (box.x <= x <= box.x + box.w and box.y <= y <= box.y + box.h):
            return None
        return _fill_at(box.fill, box.gradient, x, y, box.opacity)
    if isinstance(box, PathBox):
        if not box.closed or not _inside(box.rings, x, y):
            return None
        return _fill_at(box.fill, box.gradient, x, y, box.opacity)
    if isinstance(box, PictureBox):
        if box.w <= 0 or box.h <= 0 or not (box.x <= x < box.x + box.w):
            return None
        if not box.y <= y < box.y + box.h:
            return None
        if box.clip and not _inside(box.clip, x, y):
            return None
        return _pixel(box.path, (x - box.x) / box.w, (y - box.y) / box.h)
    return None  # rules and static text are thin: text stays readable across them


def _fill_at(
    fill: str | None, gradient: Gradient | None, x: float, y: float, opacity: float
) -> tuple[RGB, float] | None:
    if gradient is not None and gradient.stops:
        color, own = _gradient_at(gradient, x, y)
        return color, opacity * own
    if fill is None:
        return None
    return rgb(fill), opacity


def _gradient_at(g: Gradient, x: float, y: float) -> tuple[RGB, float]:
    """The gradient's colour and opacity at (x, y) (its stops' own opacity, if any)."""
    if g.radius > 0:
        t = math.hypot(x - g.x1, y - g.y1) / g.radius
    else:
        dx, dy = g.x2 - g.x1, g.y2 - g.y1
        length = dx * dx + dy * dy
        t = ((x - g.x1) * dx + (y - g.y1) * dy) / length if length else 0.0
    t = max(0.0, min(1.0, t))
    alphas = g.opacities if len(g.opacities) == len(g.stops) else (1.0,) * len(g.stops)
    stops = sorted((p, rgb(c), a) for (p, c), a in zip(g.stops, alphas, strict=True))
    if t <= stops[0][0]:
        return stops[0][1], stops[0][2]
    for (p0, a, a0), (p1, b, a1) in itertools.pairwise(stops):
        if t <= p1:
            f = (t - p0) / (p1 - p0) if p1 > p0 else 0.0
            mixed = (a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f, a[2] + (b[2] - a[2]) * f)
            return mixed, a0 + (a1 - a0) * f
    return stops[-1][1], stops[-1][2]


def _inside(rings: tuple[tuple[tuple[float, float], ...], ...], x: float, y: float) -> bool:
    """Even-odd rule over all rings (holes cut out), as the renderers fill them."""
    inside = False
    for ring in rings:
        for (x1, y1), (x2, y2) in zip(ring, (*ring[1:], ring[0]), strict=True):
            if (y1 > y) != (y2 > y) and x < (x2 - x1) * (y - y1) / (y2 - y1) + x1:
                inside = not inside
    return inside


@lru_cache(maxsize=16)
def _image(path: str) -> Image.Image | None:
    try:
        with Image.open(path) as img:
            return img.convert("RGBA")
    except (OSError, ValueError):
        return None  # a picture we cannot read is not judged


def _pixel(path: str, u: float, v: float) -> tuple[RGB, float] | None:
    img = _image(path)
    if img is None:
        return None
    px = img.getpixel(
        (min(img.width - 1, int(u * img.width)), min(img.height - 1, int(v * img.height)))
    )
    assert isinstance(px, tuple)
    r, g, b, a = (int(c) for c in px[:4])
    return (r / 255, g / 255, b / 255), a / 255


def rgb(value: str) -> RGB:
    v = value.lstrip("#")[:6].ljust(6, "0")
    return (int(v[0:2], 16) / 255, int(v[2:4], 16) / 255, int(v[4:6], 16) / 255)


def contrast(a: RGB, b: RGB) -> float:
    """WCAG contrast ratio of two colours."""
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def luminance(c: RGB) -> float:
    def channel(s: float) -> float:
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(c[0]) + 0.7152 * channel(c[1]) + 0.0722 * channel(c[2])
