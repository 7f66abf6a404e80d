"""Render timings of the bundled maps: ``python -m briefing_app.maps.bench``.

For each map: compose (cold, then cached), then the PDF and PPTX renderers on the composed
boxes (median of a few runs, one map per file). Plain figures, no assertions; targets are
150 ms per map for PDF and PPTX and 50 ms for a cached redraw.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from briefing_app.layout.boxes import LaidDeck, LaidSlide
from briefing_app.maps import compose, geodata
from briefing_app.maps.bundled import bundled_specs
from briefing_app.render.pdf_renderer import render_pdf
from briefing_app.render.pptx_renderer import render_pptx

FRAME = (40.0, 80.0, 600.0, 430.0)


def _ms(fn: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    start = time.perf_counter()
    geodata.subset()  # loading the data is a one-off per process
    print(f"load Natural Earth subset: {(time.perf_counter() - start) * 1000:.0f} ms")
    print(f"{'map':<18}{'compose cold':>14}{'cached':>9}{'PDF':>9}{'PPTX':>9}   (ms)")
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        render_pdf(LaidDeck("warm-up", "", "", ()), out / "warm.pdf")
        for spec in bundled_specs():
            compose._map_boxes.cache_clear()
            start = time.perf_counter()
            boxes = compose.map_boxes(spec, FRAME)
            cold = (time.perf_counter() - start) * 1000
            cached = _ms(lambda s=spec: compose.map_boxes(s, FRAME), args.runs)
            deck = LaidDeck(spec.title, "bench", "maps", (LaidSlide(1, spec.title, tuple(boxes)),))
            pdf = _ms(lambda d=deck: render_pdf(d, out / "map.pdf"), args.runs)
            pptx = _ms(lambda d=deck: render_pptx(d, out / "map.pptx"), args.runs)
            print(f"{spec.key:<18}{cold:>14.1f}{cached:>9.2f}{pdf:>9.1f}{pptx:>9.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
