"""Real advance widths and vertical metrics of the bundled TrueType faces (via HarfBuzz).

Each face is read once and cached. Widths are kept per character in em units, so a width in
points is one dictionary walk and a multiplication by the size; there is no kerning (neither
reportlab's ``stringWidth`` nor our renderers apply any). Vertical metrics are the ``hhea``
ascender/descender (for Liberation they equal OS/2 usWinAscent/usWinDescent). HarfBuzz
reads the same cmap, hmtx and hhea tables fontTools would, without parsing every glyph's
name first (and it is loaded anyway to measure text as LibreOffice sets it).
A character missing from the font measures as the ``.notdef`` advance: text reaching layout
is already cleaned, but measuring never fails.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from itertools import repeat
from pathlib import Path

import uharfbuzz as hb

from briefing_app.layout.boxes import TextStyle
from briefing_app.layout.fonts import FAMILIES

VERTICAL_METRICS_SOURCE = "hhea"


@dataclass(frozen=True)
class FaceMetrics:
    """Metrics of one face; ``ascent``/``descent`` are positive fractions of the em."""

    path: str
    units_per_em: int
    ascender: int  # hhea ascender, font units (positive)
    descender: int  # hhea descender, font units (negative)
    notdef_advance: int
    advances: dict[int, int]  # codepoint -> advance width in font units
    em_widths: dict[str, float]  # character -> advance width in ems
    width_scale: float = 1.0  # how much wider than the file's own these widths are

    @property
    def key(self) -> tuple[str, float]:
        """What the widths depend on: the file and the scale (a conservative family
        shares its file with another family but measures wider)."""
        return (self.path, self.width_scale)

    @property
    def ascent(self) -> float:
        return self.ascender / self.units_per_em

    @property
    def descent(self) -> float:
        return -self.descender / self.units_per_em

    @property
    def notdef_em(self) -> float:
        return self.notdef_advance / self.units_per_em

    def advance(self, codepoint: int) -> int:
        """Advance width of ``codepoint`` in font units (.notdef when unmapped)."""
        return self.advances.get(codepoint, self.notdef_advance)

    def char_em(self, char: str) -> float:
        return self.em_widths.get(char, self.notdef_em)

    def width_em(self, text: str) -> float:
        """Width of ``text`` in ems (multiply by the size for points)."""
        return sum(map(self.em_widths.get, text, repeat(self.notdef_em)))

    def has_char(self, char: str) -> bool:
        return char in self.em_widths


_SPACE, _NBSP = 0x20, 0xA0


@cache
def load_face(path: str) -> FaceMetrics:
    """Read a TrueType file once and keep its widths."""
    hb_face = hb.Face(hb.Blob.from_file_path(path))
    font = hb.Font(hb_face)  # scaled in font units
    upem = int(hb_face.upem)
    ascender, descender = struct.unpack_from(">hh", hb_face.reference_table("hhea").data, 4)
    notdef = int(font.get_glyph_h_advance(0))
    advance, glyph = font.get_glyph_h_advance, font.get_nominal_glyph
    advances = {cp: int(advance(glyph(cp))) for cp in hb_face.unicodes}
    if _NBSP not in advances and _SPACE in advances:
        # Carlito maps no glyph to U+00A0; HarfBuzz, LibreOffice and reportlab set it as a
        # space (and Calibri's own is a space's width), never as the wide .notdef box
        advances[_NBSP] = advances[_SPACE]
    em_widths = {chr(cp): adv / upem for cp, adv in advances.items()}
    return FaceMetrics(
        path=path,
        units_per_em=upem,
        ascender=ascender,
        descender=descender,
        notdef_advance=notdef,
        advances=advances,
        em_widths=em_widths,
    )


def face_path(font: str, bold: bool = False, italic: bool = False) -> Path:
    """The TTF file of a family key (unknown keys fall back to "sans")."""
    family = FAMILIES.get(font) or FAMILIES["sans"]
    return family.file_for(bold, italic)


@lru_cache(maxsize=64)
def face(font: str, bold: bool = False, italic: bool = False) -> FaceMetrics:
    """Metrics of the face a style selects (widened for a conservative family)."""
    metrics = load_face(str(face_path(font, bold, italic)))
    family = FAMILIES.get(font)
    if family is None or family.width_scale == 1.0:
        return metrics
    k = family.width_scale
    return replace(
        metrics,
        notdef_advance=round(metrics.notdef_advance * k),
        advances={cp: round(a * k) for cp, a in metrics.advances.items()},
        em_widths={c: w * k for c, w in metrics.em_widths.items()},
        width_scale=k,
    )


def face_for(style: TextStyle) -> FaceMetrics:
    return face(style.font, style.bold, style.italic)


def text_width(text: str, style: TextStyle) -> float:
    """Advance width of ``text`` in points when set in ``style``."""
    return face_for(style).width_em(text) * style.size


def ascent(style: TextStyle) -> float:
    """Distance from baseline up to the hhea ascender, in points."""
    return face_for(style).ascent * style.size


def descent(style: TextStyle) -> float:
    """Distance from baseline down to the hhea descender (positive), in points."""
    return face_for(style).descent * style.size
