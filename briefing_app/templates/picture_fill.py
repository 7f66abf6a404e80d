"""A template shape's picture fill (``a:blipFill`` in its ``spPr``) as one picture to
draw over the shape's bounding box, clipped to its outline: cropped (``a:srcRect``),
then stretched into the frame less its insets (``a:stretch/a:fillRect``) or tiled at its
own size times the tile's scale (``a:tile``: a texture, such as Grey_Elegant's dots), and
flipped and turned with the shape. The picture is made once per content and kept as a file, as
the template's other pictures are.
"""

from __future__ import annotations

import hashlib
import io
import math
import os
import tempfile
from pathlib import Path

from lxml import etree
from PIL import Image

from briefing_app.templates import ooxml as ox
from briefing_app.templates.drawingml import num

_A = f"{{{ox.NS_A}}}"
_PCT = 100000.0
DEFAULT_DPI = 96.0  # a picture that says none is taken at 96 dpi, as PowerPoint does
TILE_PIXELS_PER_POINT = 4.0  # a tiled texture is drawn this finely (its dots stay round)
MAX_TILED_PIXELS = 4_000_000
# Where a tile's alignment puts its anchor, as fractions of the frame and of the tile.
_ALIGN = {
    "tl": (0.0, 0.0), "t": (0.5, 0.0), "tr": (1.0, 0.0),
    "l": (0.0, 0.5), "ctr": (0.5, 0.5), "r": (1.0, 0.5),
    "bl": (0.0, 1.0), "b": (0.5, 1.0), "br": (1.0, 1.0),
}  # fmt: skip

Size = tuple[float, float]  # a shape's width and height in points, before it turns


def _folder() -> Path:
    folder = Path(tempfile.gettempdir()) / "briefing-app-template-art"
    folder.mkdir(exist_ok=True)
    return folder


def _cropped(image: Image.Image, blip_fill: etree._Element) -> Image.Image:
    src = blip_fill.find(f"{_A}srcRect")
    if src is None:
        return image
    w, h = image.size
    left, top = num(src, "l") / _PCT * w, num(src, "t") / _PCT * h
    right, bottom = w - num(src, "r") / _PCT * w, h - num(src, "b") / _PCT * h
    if right - left < 1 or bottom - top < 1:
        return image
    if (left, top, right, bottom) == (0, 0, w, h):
        return image
    # outside the picture (negative insets) stays transparent
    return image.convert("RGBA").crop((round(left), round(top), round(right), round(bottom)))


def _tiled(image: Image.Image, tile: etree._Element, size: Size) -> Image.Image | None:
    """The frame covered with the picture repeated at its own size times the tile's
    scale, placed by its alignment and offset."""
    w, h = size
    dpi = image.info.get("dpi", (DEFAULT_DPI, DEFAULT_DPI))
    try:
        dpi_x, dpi_y = (float(d) or DEFAULT_DPI for d in dpi)
    except (TypeError, ValueError):
        dpi_x = dpi_y = DEFAULT_DPI
    tile_w = image.width / dpi_x * 72 * (num(tile, "sx", _PCT) / _PCT)
    tile_h = image.height / dpi_y * 72 * (num(tile, "sy", _PCT) / _PCT)
    if tile_w <= 0.01 or tile_h <= 0.01 or w <= 0 or h <= 0:
        return None
    k = min(TILE_PIXELS_PER_POINT, math.sqrt(MAX_TILED_PIXELS / (w * h)))
    cols, rows = max(1, round(w * k)), max(1, round(h * k))
    k_x, k_y = cols / w, rows / h
    size = (max(1, round(tile_w * k_x)), max(1, round(tile_h * k_y)))
    piece = image.convert("RGBA").resize(size, Image.Resampling.NEAREST)
    fx, fy = _ALIGN.get(tile.get("algn", "tl"), (0.0, 0.0))
    # the anchor tile's top-left, in pixels of the frame
    left = (w * fx + num(tile, "tx") / ox.EMU_PER_PT) * k_x - size[0] * fx
    top = (h * fy + num(tile, "ty") / ox.EMU_PER_PT) * k_y - size[1] * fy
    left -= math.ceil(left / size[0]) * size[0]
    top -= math.ceil(top / size[1]) * size[1]
    out = Image.new("RGBA", (cols, rows), (0, 0, 0, 0))
    flip = tile.get("flip", "none")
    row = 0
    py = round(top)
    while py < rows:
        col = 0
        px = round(left)
        while px < cols:
            each = piece
            if flip in ("x", "xy") and col % 2:
                each = each.transpose(Image.Transpose.FLIP_LEFT_RIGHT)
            if flip in ("y", "xy") and row % 2:
                each = each.transpose(Image.Transpose.FLIP_TOP_BOTTOM)
            out.paste(each, (px, py))
            col += 1
            px = round(left + col * size[0])
        row += 1
        py = round(top + row * size[1])
    return out


def _stretched(image: Image.Image, stretch: etree._Element | None, size: Size) -> Image.Image:
    """The frame with the picture stretched into it less its insets (negative insets
    reach beyond it: that part is cut off), at about the picture's own resolution."""
    w, h = size
    left = top = right = bottom = 0.0
    if stretch is not None:
        left, top = num(stretch, "l") / _PCT * w, num(stretch, "t") / _PCT * h
        right, bottom = num(stretch, "r") / _PCT * w, num(stretch, "b") / _PCT * h
    inner_w, inner_h = w - left - right, h - top - bottom
    if inner_w <= 0 or inner_h <= 0:
        return Image.new("RGBA", (1, 1), (0, 0, 0, 0))
    k = max(image.width / inner_w, image.height / inner_h, 1.0)
    k = min(k, math.sqrt(MAX_TILED_PIXELS / (w * h)))
    cols, rows = max(1, round(w * k)), max(1, round(h * k))
    placed = image.convert("RGBA").resize(
        (max(1, round(inner_w * k)), max(1, round(inner_h * k))), Image.Resampling.LANCZOS
    )
    if (left, top, right, bottom) == (0.0, 0.0, 0.0, 0.0):
        return placed
    out = Image.new("RGBA", (cols, rows), (0, 0, 0, 0))
    out.paste(placed, (round(left * k), round(top * k)))
    return out


def picture_fill(
    data: bytes, blip_fill: etree._Element, size: Size, flip_h: bool, flip_v: bool, rot: float
) -> str | None:
    """The picture file to draw for ``blip_fill`` (holding the picture ``data``) on a
    shape ``size`` points large, flipped, then turned ``rot`` degrees clockwise as the
    shape is: drawn over the turned shape's bounding box, it covers the shape. None for
    a picture that cannot be read or a shape with no area."""
    w, h = size
    if w <= 0 or h <= 0:
        return None
    key = hashlib.sha256(
        data
        + etree.tostring(blip_fill)
        + repr((round(w, 2), round(h, 2), flip_h, flip_v, round(rot, 2))).encode()
    ).hexdigest()[:32]
    path = _folder() / f"fill-{key}.png"
    if path.exists():
        return str(path)
    try:
        with Image.open(io.BytesIO(data)) as opened:
            opened.load()
            image = _cropped(opened, blip_fill)
            image.info["dpi"] = opened.info.get("dpi", (DEFAULT_DPI, DEFAULT_DPI))
    except (OSError, ValueError, Image.DecompressionBombError):
        return None
    tile = blip_fill.find(f"{_A}tile")
    if tile is not None:
        made = _tiled(image, tile, size)
        if made is None:
            return None
        image = made
    else:
        image = _stretched(image, blip_fill.find(f"{_A}stretch/{_A}fillRect"), size)
    if flip_h:
        image = image.transpose(Image.Transpose.FLIP_LEFT_RIGHT)
    if flip_v:
        image = image.transpose(Image.Transpose.FLIP_TOP_BOTTOM)
    if rot % 360.0:
        image = image.convert("RGBA").rotate(
            -rot, Image.Resampling.BICUBIC, expand=True, fillcolor=(0, 0, 0, 0)
        )
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    image.save(tmp, "PNG")
    tmp.replace(path)  # whole or not at all, whoever else is drawing it
    return str(path)
