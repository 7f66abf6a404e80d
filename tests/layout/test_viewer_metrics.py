"""LibreOffice's pixel size for a font size: the rule ``libreoffice_width`` sets text at."""

from __future__ import annotations

import pytest

from briefing_app.layout.boxes import TextStyle
from briefing_app.layout.viewer_metrics import _pixel_size, libreoffice_width

# Pixel heights on LibreOffice 7.4's 600 dpi reference device, read off the widths it gives
# a 30- and a 62-glyph line of Liberation Sans set at each size (PPTX -> PDF, pdftotext
# -bbox). Several sizes are one pixel off a conversion straight from points (8.08 and
# 8.68 pt larger, 8.21 and 10.51 pt smaller), or through twips alone (10.5 pt).
MEASURED = {
    8.0: 67,
    8.08: 68,
    8.21: 68,
    8.68: 73,
    9.06: 75,
    10.5: 87,
    10.51: 87,
    11.58: 97,
    14.0: 117,
    16.54: 138,
    18.18: 152,
    20.0: 167,
}


@pytest.mark.parametrize(("size", "pixels"), MEASURED.items())
def test_pixel_size_matches_libreoffice(size: float, pixels: int) -> None:
    assert _pixel_size(size) == pixels


def test_width_is_whole_pixels_at_that_size() -> None:
    # "H" in Liberation Sans advances 1479/2048 em: 52.72 px at 73 px (set as 53), 52 at 72
    wide = libreoffice_width([("H" * 10, TextStyle("sans", 8.68))])
    assert wide == pytest.approx(10 * round(1479 * 73 / 2048) * 72 / 600)
