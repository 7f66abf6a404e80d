"""The bundled font families: where their TrueType files are and what Office calls them.

Liberation Sans/Serif/Mono have the advance widths of Arial/Times New Roman/Courier New,
Carlito those of Calibri and Caladea those of Cambria, so text measured here wraps the
same in PowerPoint (which sees the Office name), LibreOffice (which maps that name back to
the free face) and our PDFs (which embed the free files). A template's theme fonts are
measured with the family ``METRIC_SUBSTITUTES`` names for them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from briefing_app.paths import FONTS_DIR

# How much wider than Liberation Sans a font with no metric twin is assumed to be: enough
# for the widest common Office sans faces (Verdana, Tahoma), so measured text never
# overflows in the real font (it may wrap earlier than it needs to).
CONSERVATIVE_WIDTH = 1.2


@dataclass(frozen=True)
class FontFamily:
    key: str
    pdf_name: str  # base name registered with reportlab
    office_name: str  # name written into PPTX files
    regular: Path
    bold: Path
    italic: Path
    bold_italic: Path
    # > 1 for a family that stands in for a font we have no metric twin of: its text is
    # measured this much wider than the file we draw with, so it fits in the real font.
    width_scale: float = 1.0

    def file_for(self, bold: bool, italic: bool) -> Path:
        if bold and italic:
            return self.bold_italic
        if bold:
            return self.bold
        if italic:
            return self.italic
        return self.regular


def _family(key: str, stem: str, office_name: str, width_scale: float = 1.0) -> FontFamily:
    return FontFamily(
        width_scale=width_scale,
        key=key,
        pdf_name=stem,
        office_name=office_name,
        regular=FONTS_DIR / f"{stem}-Regular.ttf",
        bold=FONTS_DIR / f"{stem}-Bold.ttf",
        italic=FONTS_DIR / f"{stem}-Italic.ttf",
        bold_italic=FONTS_DIR / f"{stem}-BoldItalic.ttf",
    )


FAMILIES: dict[str, FontFamily] = {
    "sans": _family("sans", "LiberationSans", "Arial"),
    "serif": _family("serif", "LiberationSerif", "Times New Roman"),
    "mono": _family("mono", "LiberationMono", "Courier New"),
    "carlito": _family("carlito", "Carlito", "Calibri"),
    "caladea": _family("caladea", "Caladea", "Cambria"),
    # A template's theme font we have no twin of (Verdana, a corporate face): text names
    # the theme's font ("+mn-lt"), is drawn in PDFs with Liberation Sans and measured wider.
    "wide": _family("wide", "LiberationSans", "+mn-lt", CONSERVATIVE_WIDTH),
    # The same for a theme's heading font: titles name the theme's heading font ("+mj-lt").
    "wide_headings": _family("wide_headings", "LiberationSans", "+mj-lt", CONSERVATIVE_WIDTH),
}

# Office font name (lower case) -> family key of a metric-compatible bundled face (the
# groups of fontconfig's 30-metric-aliases.conf: Helvetica's URW and GUST clones have
# Arial's advance widths, and so on).
METRIC_SUBSTITUTES: dict[str, str] = {
    "arial": "sans",
    "helvetica": "sans",
    "liberation sans": "sans",
    "arimo": "sans",
    "nimbus sans": "sans",
    "nimbus sans l": "sans",
    "tex gyre heros": "sans",
    "albany": "sans",
    "albany amt": "sans",
    "times new roman": "serif",
    "times": "serif",
    "liberation serif": "serif",
    "tinos": "serif",
    "nimbus roman": "serif",
    "nimbus roman no9 l": "serif",
    "tex gyre termes": "serif",
    "thorndale": "serif",
    "thorndale amt": "serif",
    "courier new": "mono",
    "courier": "mono",
    "liberation mono": "mono",
    "cousine": "mono",
    "nimbus mono ps": "mono",
    "nimbus mono l": "mono",
    "tex gyre cursor": "mono",
    "cumberland": "mono",
    "cumberland amt": "mono",
    "calibri": "carlito",
    "carlito": "carlito",
    "cambria": "caladea",
    "caladea": "caladea",
}


def metric_substitute(office_name: str) -> FontFamily | None:
    """The bundled family with the advance widths of ``office_name``, if we have one."""
    key = METRIC_SUBSTITUTES.get(" ".join(office_name.split()).lower())
    return FAMILIES[key] if key else None
