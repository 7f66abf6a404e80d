"""A gradient whose stops differ in opacity, as an RGBA picture the PDF draws clipped
to its shape.

A PDF shading takes one opacity (reportlab's canvas sets a fill alpha for the whole
shading and can give only an image a soft mask), so a template's glow that fades from
90 % to 20 % opacity is drawn as a picture whose alpha channel is that fade. Smooth
gradients need few pixels: ``PIXELS_PER_POINT`` (108 dpi) keeps neighbouring pixels
within about one colour level of each other on a slide-sized glow.
"""

from __future__ import annotations

import math
from functools import lru_cache

import numpy as np
from PIL import Image

from briefing_app.layout.boxes import Gradient

PIXELS_PER_POINT = 1.5
MAX_PIXELS = 4_000_000  # a larger area is drawn with fewer pixels per point


def _channels(color: str) -> tuple[float, float, float]:
    return (int(color[0:2], 16), int(color[2:4], 16), int(color[4:6], 16))


@lru_cache(maxsize=32)
def gradient_image(
    gradient: Gradient, bounds: tuple[float, float, float, float]
) -> Image.Image | None:
    """``gradient`` over ``bounds`` (x, y, w, h in page points, y down) as an RGBA
    picture, row 0 at the top; None for an empty area. Colour and opacity are each
    interpolated linearly between stops, and keep their end values beyond the ends."""
    x, y, w, h = bounds
    if w <= 0 or h <= 0 or not gradient.stops:
        return None
    k = min(PIXELS_PER_POINT, math.sqrt(MAX_PIXELS / (w * h)))
    cols, rows = max(1, math.ceil(w * k)), max(1, math.ceil(h * k))
    # pixel centres in page points
    px = x + (np.arange(cols) + 0.5) * (w / cols)
    py = y + (np.arange(rows) + 0.5) * (h / rows)
    gx, gy = np.meshgrid(px, py)
    g = gradient
    if g.radius > 0:
        t = np.hypot(gx - g.x1, gy - g.y1) / g.radius
    else:
        dx, dy = g.x2 - g.x1, g.y2 - g.y1
        length = dx * dx + dy * dy or 1.0
        t = ((gx - g.x1) * dx + (gy - g.y1) * dy) / length
    t = np.clip(t, 0.0, 1.0)
    positions = [p for p, _ in g.stops]
    colors = [_channels(c) for _, c in g.stops]
    opacities = list(g.opacities) if len(g.opacities) == len(g.stops) else [1.0] * len(g.stops)
    planes = [np.interp(t, positions, [c[n] for c in colors]) for n in range(3)]
    planes.append(np.interp(t, positions, [a * 255 for a in opacities]))
    rgba = np.clip(np.rint(np.stack(planes, axis=-1)), 0, 255).astype(np.uint8)
    return Image.fromarray(rgba, "RGBA")
