"""How wide LibreOffice sets a piece of text, so a PPTX can be made to wrap there as layout did.

Layout measures with advance widths (what our PDF draws and PowerPoint measures). LibreOffice
Impress sets text differently, in two ways that move a line's end by up to a few tenths of a
percent, enough to move a break whose next word only just did not fit:

* it lays text out on a 600 dpi reference device: the font size, kept in whole twips and
  then whole hundredths of a millimetre, is scaled to a whole number of device pixels
  (14 pt is 116.67 px, set as 117 px: 0.3 % wider) and every glyph advance is rounded to
  a whole pixel;
* it applies the font's pair kerning (Impress kerns by default, and its PPTX import ignores
  the ``kern`` attribute that tells PowerPoint not to).

``libreoffice_width`` reproduces that with HarfBuzz, the shaper LibreOffice uses. Lines are
still measured by advance widths: the PPTX renderer uses it to choose a wrap width that both
viewers break at the same words (see ``render.pptx_text.wrap_insets``), and layout to wrap
a paragraph a little narrower where no such width exists (``layout.wrap.layout_at``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache, lru_cache
from math import floor
from operator import attrgetter

import uharfbuzz as hb

from briefing_app.layout.boxes import TextStyle
from briefing_app.layout.fonts import FAMILIES
from briefing_app.layout.metrics import face_path, text_width

REFERENCE_DPI = 600  # LibreOffice Impress's printer-independent reference device
# LibreOffice breaks some sizes' lines as if they were up to this much wider than it draws
# them (and than libreoffice_width models): seen at 11.58 and 14 pt, not at 8, 10.5, 12
# or 16.54 pt.
OFFICE_SLACK = 0.004
# Page points per layout point while a deck is laid out for a house template's page
# (layout.scale draws it that much larger or smaller): LibreOffice sets the text at the
# scaled size, where its pixel rounding differs.
_PAGE_SCALE: ContextVar[float] = ContextVar("page_scale", default=1.0)


@contextmanager
def page_scale(k: float) -> Iterator[None]:
    """Within this block, :func:`libreoffice_width` measures text as LibreOffice sets it
    on a page ``k`` times layout's (a house template's), in layout points."""
    token = _PAGE_SCALE.set(k)
    try:
        yield
    finally:
        _PAGE_SCALE.reset(token)


_X_ADVANCE = attrgetter("x_advance")


@cache
def _shaper(path: str) -> tuple[hb.Font, int]:
    face = hb.Face(hb.Blob.from_file_path(path))
    return hb.Font(face), face.upem


def _half_up(x: float) -> int:
    """``x`` rounded to the nearest integer, halves away from zero (LibreOffice's rounding
    for the positive values here; Python's ``round`` rounds halves to even)."""
    return floor(x + 0.5)


@cache
def _pixel_size(size: float) -> int:
    """The font height in pixels of the reference device at which LibreOffice sets ``size`` pt.

    The file holds hundredths of a point; the import hands points to the text engine,
    which stores them as whole twips (``SvxFontHeightItem::PutValue``: ``pt * 20 + 0.5``,
    truncated), converts those to whole hundredths of a millimetre (Impress's unit;
    ``convertTwipToMm100``, rounded), and the reference device scales that to whole pixels
    (rounded). 8.68 pt: 174 twips, 307, 73 px (not 306 and 72 straight from points).
    """
    twips = _half_up(round(size, 2) * 20)
    height = _half_up(twips * 127 / 72)
    return _half_up(height * REFERENCE_DPI / 2540)


@lru_cache(maxsize=65536)
def _run_width(text: str, font: str, bold: bool, italic: bool, size: float) -> float:
    family = FAMILIES.get(font)
    if family is None or family.width_scale != 1.0:
        # a stand-in for a font we do not have: LibreOffice sets another face anyway
        return text_width(text, TextStyle(font, size, bold, italic))
    shaper, upem = _shaper(str(face_path(font, bold, italic)))
    buf = hb.Buffer()
    buf.add_str(text)
    buf.guess_segment_properties()
    hb.shape(shaper, buf, {"kern": True})
    pixels = _pixel_size(size)
    # each distinct advance rounded once (a line has few): the same whole-pixel sum
    counts = Counter(map(_X_ADVANCE, buf.glyph_positions))
    total: int = sum(round(advance * pixels / upem) * n for advance, n in counts.items())
    return total * 72 / REFERENCE_DPI


def libreoffice_width(pieces: Sequence[tuple[str, TextStyle]]) -> float:
    """Width in points LibreOffice gives consecutive runs (each shaped on its own, as
    LibreOffice shapes each portion of one style; colour does not split a portion), at
    the size LibreOffice will set them (see :func:`page_scale`)."""
    k = _PAGE_SCALE.get()
    merged: list[tuple[str, tuple[str, bool, bool, float]]] = []
    for text, style in pieces:
        key = (style.font, style.bold, style.italic, style.size)
        if merged and merged[-1][1] == key:
            merged[-1] = (merged[-1][0] + text, key)
        elif text:
            merged.append((text, key))
    if k == 1.0:
        return sum(_run_width(t, *key) for t, key in merged)
    return sum(_run_width(t, f, b, i, size * k) for t, (f, b, i, size) in merged) / k


def advance_width(pieces: Sequence[tuple[str, TextStyle]]) -> float:
    """Width in points by advance widths, as layout, the PDF and PowerPoint measure."""
    return sum(text_width(text, style) for text, style in pieces)
