"""Print the deck, the handout or the review report through the system print dialog.

What is printed is the very PDF the export writes: it is made in the background, then
each of its pages is rendered (PDFium, at the printer's resolution) and drawn onto the
printer's page, fitted and centred. So paper, PDF and screen show the same layout.
"""

from __future__ import annotations

import ctypes
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QRectF
from PySide6.QtGui import QImage, QPageLayout, QPainter
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QWidget

from briefing_app.progress import Progress, report

MAX_DPI = 300  # enough for text and maps; more only makes the print job huge
WHAT = {"pdf": "the deck", "handout": "the handout", "review": "the review report"}


def page_count(pdf: Path) -> int:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(pdf))
    try:
        return len(document)
    finally:
        document.close()


def _image(page: object, dpi: float) -> QImage:
    """One PDF page as a QImage at ``dpi`` (PDFium's BGRA is Qt's ARGB32 in memory)."""
    import pypdfium2.raw as pdfium_c

    bitmap = page.render(  # type: ignore[attr-defined]
        scale=dpi / 72.0,
        force_bitmap_format=pdfium_c.FPDFBitmap_BGRA,
        fill_color=(255, 255, 255, 255),
    )
    data = ctypes.string_at(bitmap.buffer, bitmap.stride * bitmap.height)
    image = QImage(data, bitmap.width, bitmap.height, bitmap.stride, QImage.Format.Format_ARGB32)
    return image.copy()  # own the pixels: ``data`` goes away with this function


def print_pdf(pdf: Path, printer: QPrinter, progress: Progress | None = None) -> int:
    """Draw the pages of ``pdf`` (within the printer's page range) onto ``printer``;
    the number of pages printed."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(pdf))
    try:
        total = len(document)
        first, last = printer.fromPage(), printer.toPage()
        numbers = range(first - 1, min(last, total)) if first and last else range(total)
        dpi = min(printer.resolution(), MAX_DPI)
        painter = QPainter()
        if not painter.begin(printer):
            raise OSError("The printer could not be started.")
        try:
            for n, index in enumerate(numbers):
                report(progress, n, len(numbers), f"Printing page {index + 1} of {total}")
                if n:
                    printer.newPage()
                image = _image(document[index], dpi)
                area = QRectF(printer.pageLayout().paintRectPixels(printer.resolution()))
                area.moveTo(0, 0)
                scale = min(area.width() / image.width(), area.height() / image.height())
                w, h = image.width() * scale, image.height() * scale
                target = QRectF((area.width() - w) / 2, (area.height() - h) / 2, w, h)
                painter.drawImage(target, image)
        finally:
            painter.end()
        report(progress, len(numbers), len(numbers), "Printed")
        return len(numbers)
    finally:
        document.close()


def new_printer(what: str, title: str) -> QPrinter:
    """A printer set up for ``what``: slides landscape, handout and report portrait."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(title)
    printer.setPageOrientation(
        QPageLayout.Orientation.Landscape if what == "pdf" else QPageLayout.Orientation.Portrait
    )
    return printer


def ask_with_dialog(parent: QWidget) -> Callable[[QPrinter, str], bool]:
    """The system print dialog (printer, copies, pages); whether the user chose Print."""

    def ask(printer: QPrinter, title: str) -> bool:
        dialog = QPrintDialog(printer, parent)
        dialog.setWindowTitle(f"Print {title}")
        return dialog.exec() == QPrintDialog.DialogCode.Accepted

    return ask
