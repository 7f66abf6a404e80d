"""QPainter timing of the bundled maps: first draw and cached redraw (the maps' own bench,
``briefing_app.maps.bench``, covers the Qt-free PDF and PPTX paths)."""

from __future__ import annotations

import os
import statistics
import time

from briefing_app.layout.boxes import LaidSlide
from briefing_app.maps.bundled import bundled_specs
from briefing_app.maps.compose import map_boxes

FRAME = (40.0, 80.0, 600.0, 430.0)


def main(runs: int = 5) -> dict[str, float]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QColor, QImage, QPainter
    from PySide6.QtWidgets import QApplication

    from briefing_app.gui.painter import paint_slide, register_fonts

    app = QApplication.instance() or QApplication([])
    register_fonts()
    image = QImage(1280, 720, QImage.Format.Format_ARGB32_Premultiplied)
    results: dict[str, float] = {}
    print("| map | first draw incl. geometry (ms) | cached redraw (ms) | target |")
    print("|---|---|---|---|")
    for spec in bundled_specs():
        start = time.perf_counter()
        slide = LaidSlide(1, spec.title, tuple(map_boxes(spec, FRAME)))
        times = []
        for run in range(runs + 1):
            image.fill(QColor("white"))
            painter = QPainter(image)
            if run:
                start = time.perf_counter()
            paint_slide(painter, slide, QRectF(0, 0, 1280, 720))
            painter.end()
            elapsed = (time.perf_counter() - start) * 1000
            if run == 0:
                first = elapsed
            else:
                times.append(elapsed)
        redraw = statistics.median(times)
        results[spec.key] = redraw
        print(f"| {spec.key} | {first:.0f} | {redraw:.1f} | < 50 ms |")
    del app
    return results


if __name__ == "__main__":
    main()
