"""QPainter timing of the bundled maps: first draw and cached redraw (the maps' own bench,
``briefing_app.bench.maps``, covers the Qt-free PDF and PPTX paths)."""

from __future__ import annotations

import os
import statistics
import time

from briefing_app.bench.measures import BenchResult, Measure
from briefing_app.layout.boxes import LaidSlide
from briefing_app.maps.bundled import bundled_specs
from briefing_app.maps.compose import map_boxes

FRAME = (40.0, 80.0, 600.0, 430.0)


def main(runs: int = 5) -> BenchResult:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QColor, QImage, QPainter
    from PySide6.QtWidgets import QApplication

    from briefing_app.gui.painter import paint_slide, register_fonts

    app = QApplication.instance() or QApplication([])
    register_fonts()
    image = QImage(1280, 720, QImage.Format.Format_ARGB32_Premultiplied)
    out = BenchResult("map-painter")
    out.say("| map | first draw incl. geometry (ms) | cached redraw (ms) | target |")
    out.say("|---|---|---|---|")
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
        out.add(
            Measure(f"{spec.key}_first_ms", f"{spec.key}: first QPainter draw incl. geometry",
                    first, "ms"),
            Measure(f"{spec.key}_redraw_ms", f"{spec.key}: cached QPainter redraw", redraw,
                    "ms", 50.0),
        )  # fmt: skip
        out.say(f"| {spec.key} | {first:.0f} | {redraw:.1f} | < 50 ms |")
    redraws = [m for m in out.measures if m.key.endswith("_redraw_ms")]
    slowest = max(redraws, key=lambda m: m.value or 0.0)
    out.add(
        Measure("slowest_redraw_ms", "map redraw in QPainter, cached (slowest map)",
                slowest.value, "ms", 50.0, note=slowest.key.removesuffix("_redraw_ms"),
                headline=True)
    )  # fmt: skip
    del app
    return out


if __name__ == "__main__":
    main()
