"""The bundled font families: where their TrueType files are and what Office calls them.

Liberation Sans/Serif have the advance widths of Arial/Times New Roman, so text measured
here wraps the same in PowerPoint (which sees the Office name), LibreOffice (which maps
that name back to Liberation) and our PDFs (which embed the Liberation files).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from briefing_app.paths import FONTS_DIR


@dataclass(frozen=True)
class FontFamily:
    key: str
    pdf_name: str  # base name registered with reportlab
    office_name: str  # name written into PPTX files
    regular: Path
    bold: Path
    italic: Path
    bold_italic: Path

    def file_for(self, bold: bool, italic: bool) -> Path:
        if bold and italic:
            return self.bold_italic
        if bold:
            return self.bold
        if italic:
            return self.italic
        return self.regular


def _family(key: str, stem: str, office_name: str) -> FontFamily:
    return FontFamily(
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
}
