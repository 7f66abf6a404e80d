"""Does our PDF draw a template's master and layout graphics as LibreOffice draws them
from our PPTX?

Both PDFs are rasterised by poppler at the same resolution. Everything our deck draws
itself (its text, figures, rules and chrome: every box that is not template art) and the
template's static text is masked out, grown by a margin, since glyphs are set by two
different engines; what is left is the page's background and the master's and layout's
shapes and pictures. Per page, the figures are the mean absolute difference of those
pixels (0-255, over the three channels) and the share of them that differ by more than
``FAR`` in some channel.

As a tool (prints the figures per template and page)::

    PYTHONPATH=. python3 tests/graphics_match.py OURS.pdf LIBREOFFICE.pdf
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw, ImageFilter

from briefing_app.layout.boxes import (
    Box,
    LaidDeck,
    PathBox,
    PictureBox,
    RectBox,
    RuleBox,
    TextBox,
)
from briefing_app.templates.art import ART_PREFIX, PLACEHOLDER_FILL

DPI = 30
# Both pages are blurred over this many pixels first: LibreOffice draws a gradient as
# bands or rings of flat colour (a moiré when rasterised), we draw it smooth; the
# comparison is of the colours of regions, not of their texture.
BLUR = 2
MARGIN = 3.0 + 72 * BLUR / DPI  # points of mask around each masked box (anti-aliasing,
# glyph overhang, and the blur, which spreads a box's colours this far)
FAR = 64  # a pixel this far off in some channel is a different colour, not rounding


@dataclass
class PageDiff:
    page: int
    compared: int  # pixels left after masking
    mean: float  # mean absolute difference, 0-255
    far: float  # share of compared pixels differing by more than FAR

    def __str__(self) -> str:
        return f"p{self.page}: {self.compared} px, mean {self.mean:.1f}, far {100 * self.far:.1f} %"


def _raster(pdf: Path, folder: Path, stem: str, dpi: int = DPI) -> list[Image.Image]:
    subprocess.run(
        ["pdftoppm", "-r", str(dpi), "-png", str(pdf), str(folder / stem)],
        check=True,
        timeout=300,
    )
    return [Image.open(p).convert("RGB") for p in sorted(folder.glob(f"{stem}-*.png"))]


Rect = tuple[float, float, float, float]


def _masked(box: Box, filled: bool = False) -> list[Rect]:
    """The page rectangles (x0, y0, x1, y1) a box's own drawing covers, when masked; of
    a text box in a ``filled`` placeholder only its lines (the fill around them is the
    template's, compared)."""
    if box.name.startswith(ART_PREFIX) and not isinstance(box, TextBox):
        return []  # the template's graphics: what is compared
    if isinstance(box, PathBox):
        xs = [p[0] for ring in box.rings for p in ring]
        ys = [p[1] for ring in box.rings for p in ring]
        return [(min(xs), min(ys), max(xs), max(ys))] if xs else []
    if isinstance(box, RuleBox):
        return [
            (min(box.x1, box.x2), min(box.y1, box.y2), max(box.x1, box.x2), max(box.y1, box.y2))
        ]
    if isinstance(box, TextBox) and filled:
        return [
            (min(line.x, p.bullet_x if p.bullet else line.x), line.baseline - line.ascent,
             line.x + line.width, line.baseline + line.descent)
            for p in box.paragraphs
            for line in p.lines
        ]  # fmt: skip
    return [(box.x, box.y, box.x + box.w, box.y + box.h)]


def page_mask(boxes: tuple[Box, ...], size: tuple[int, int], k: float) -> Image.Image:
    """White where a page is compared, black where our own drawing is masked out."""
    mask = Image.new("L", size, 255)
    draw = ImageDraw.Draw(mask)
    filled = {
        b.name.removeprefix(PLACEHOLDER_FILL) for b in boxes if b.name.startswith(PLACEHOLDER_FILL)
    }
    for box in boxes:
        for rect in _masked(box, isinstance(box, TextBox) and box.name in filled):
            x0, y0, x1, y1 = rect
            draw.rectangle(
                [(x0 - MARGIN) * k, (y0 - MARGIN) * k, (x1 + MARGIN) * k, (y1 + MARGIN) * k], 0
            )
    return mask


def compare_pages(
    a: Image.Image, b: Image.Image, mask: Image.Image, page: int, blur_px: int = BLUR
) -> PageDiff:
    if b.size != a.size:
        b = b.resize(a.size)
    blur = ImageFilter.BoxBlur(blur_px)
    diff = ImageChops.difference(a.filter(blur), b.filter(blur)).tobytes()
    kept = mask.tobytes()
    compared = [diff[3 * i : 3 * i + 3] for i, m in enumerate(kept) if m]
    if not compared:
        return PageDiff(page, 0, 0.0, 0.0)
    mean = sum(sum(c) for c in compared) / (3 * len(compared))
    far = sum(1 for c in compared if max(c) > FAR) / len(compared)
    return PageDiff(page, len(compared), mean, far)


def _inside_mask(
    boxes: tuple[Box, ...], size: tuple[int, int], k: float, chosen: Callable[[Box], bool]
) -> Image.Image:
    """White only inside the frames of the ``chosen`` boxes, less our own drawing."""
    inside = Image.new("L", size, 0)
    draw = ImageDraw.Draw(inside)
    for box in boxes:
        if chosen(box) and isinstance(box, (RectBox, PictureBox)):
            draw.rectangle([box.x * k, box.y * k, (box.x + box.w) * k, (box.y + box.h) * k], 255)
    return ImageChops.multiply(inside, page_mask(boxes, size, k))


def placeholder_fill_mask(boxes: tuple[Box, ...], size: tuple[int, int], k: float) -> Image.Image:
    """White only inside the template's placeholder fills (:data:`PLACEHOLDER_FILL`
    boxes), less our drawing there (the lines of the text in them)."""
    return _inside_mask(boxes, size, k, lambda b: b.name.startswith(PLACEHOLDER_FILL))


def is_picture_fill(box: Box) -> bool:
    """A template shape filled with a picture (drawn clipped to the shape)."""
    return isinstance(box, PictureBox) and bool(box.clip)


def picture_fill_mask(boxes: tuple[Box, ...], size: tuple[int, int], k: float) -> Image.Image:
    """White only inside the frames of shapes filled with a picture."""
    return _inside_mask(boxes, size, k, is_picture_fill)


def compare(
    ours: Path,
    theirs: Path,
    laid: LaidDeck,
    mask_of: Callable[[tuple[Box, ...], tuple[int, int], float], Image.Image] = page_mask,
    dpi: int = DPI,
) -> list[PageDiff]:
    """Per page of ``laid``: our PDF ``ours`` against LibreOffice's ``theirs``, where
    ``mask_of`` the page's boxes is white (everything but our own drawing); at ``dpi``
    (finer for textures: poppler draws LibreOffice's tiling patterns with aliasing at
    low resolutions), blurred over the same distance."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        a_pages = _raster(ours, folder, "ours", dpi)
        b_pages = _raster(theirs, folder, "theirs", dpi)
        blur_px = round(BLUR * dpi / DPI)
        out = []
        for n, (slide, a, b) in enumerate(zip(laid.slides, a_pages, b_pages, strict=False), 1):
            mask = mask_of(slide.boxes, a.size, a.width / slide.width)
            out.append(compare_pages(a, b, mask, n, blur_px))
        return out


if __name__ == "__main__":  # a quick look without masking our own drawing
    first, second = Path(sys.argv[1]), Path(sys.argv[2])
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for n, (a, b) in enumerate(
            zip(_raster(first, folder, "a"), _raster(second, folder, "b"), strict=False), 1
        ):
            print(compare_pages(a, b, Image.new("L", a.size, 255), n))
