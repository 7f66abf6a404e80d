from __future__ import annotations

import pytest
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from briefing_app.layout.boxes import TextStyle
from briefing_app.layout.fonts import FAMILIES
from briefing_app.layout.metrics import (
    VERTICAL_METRICS_SOURCE,
    ascent,
    descent,
    face,
    text_width,
)

SAMPLES = [
    "Security guarantees for Ukraine after a ceasefire",
    "Vučić, Đukić, Šekerinska — Косово [3, 4]",
    "WWW iiiii 1234567890 (cont.) “quoted” – en dash … ellipsis",
]


def _register(bold: bool, italic: bool) -> str:
    fam = FAMILIES["sans"]
    name = f"TestLayout-{fam.pdf_name}-{int(bold)}{int(italic)}"
    if name not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(name, str(fam.file_for(bold, italic))))
    return name


@pytest.mark.parametrize(
    ("bold", "italic"), [(False, False), (True, False), (False, True), (True, True)]
)
@pytest.mark.parametrize("text", SAMPLES)
def test_text_width_matches_reportlab(text: str, bold: bool, italic: bool) -> None:
    name = _register(bold, italic)
    ours = text_width(text, TextStyle("sans", 20.0, bold, italic))
    theirs = pdfmetrics.stringWidth(text, name, 20.0)
    assert ours == pytest.approx(theirs, rel=0.005)


def test_width_scales_with_size_and_empty_is_zero() -> None:
    a = text_width("Policy", TextStyle("sans", 10.0))
    b = text_width("Policy", TextStyle("sans", 30.0))
    assert b == pytest.approx(3 * a)
    assert text_width("", TextStyle("sans", 12.0)) == 0.0


def test_missing_glyph_measures_as_notdef() -> None:
    f = face("sans")
    missing = "\U0001f600"  # not in Liberation Sans
    assert not f.has_char(missing)
    assert text_width(missing, TextStyle("sans", 10.0)) == pytest.approx(f.notdef_em * 10.0)
    assert f.advance(0x1F600) == f.notdef_advance > 0


def test_vertical_metrics_from_hhea() -> None:
    assert VERTICAL_METRICS_SOURCE == "hhea"
    f = face("sans")
    assert (f.units_per_em, f.ascender, f.descender) == (2048, 1854, -434)
    st = TextStyle("sans", 20.0)
    assert ascent(st) == pytest.approx(20 * 1854 / 2048)
    assert descent(st) == pytest.approx(20 * 434 / 2048)
    assert face("serif").ascender != f.ascender  # serif faces load separately


def test_faces_are_cached() -> None:
    assert face("sans", True, False) is face("sans", True, False)
    assert face("unknown-family") is face("sans")


@pytest.mark.parametrize("family", ["sans", "serif", "mono", "carlito", "caladea"])
def test_a_no_break_space_measures_as_the_pdf_draws_it(family: str) -> None:
    """Carlito maps no glyph to U+00A0: it is set as a space (by reportlab, HarfBuzz and
    LibreOffice), so measuring the .notdef box put the agenda tracker's chip off its name."""
    fam = FAMILIES[family]
    name = f"TestLayout-{fam.pdf_name}-nbsp"
    if name not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(name, str(fam.regular)))
    text = "Kosovo\u00a0\u00a0\u00a0\u00a0\u00a0model"
    style = TextStyle(family, 10.0)
    assert text_width(text, style) == pytest.approx(pdfmetrics.stringWidth(text, name, 10.0))
    assert text_width("\u00a0", style) == pytest.approx(text_width(" ", style))
