"""Render timings of the bundled maps: ``python -m briefing_app.bench.maps``.

For each map: compose (cold, then cached), then the PDF and PPTX renderers on the composed
boxes (median of a few runs, one map per file). Figures are printed and returned as
measures, never asserted; the target is 150 ms per map for PDF and PPTX.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

from briefing_app.bench.measures import BenchResult, Measure
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


def run(runs: int = 3) -> BenchResult:
    """Time every bundled map, printing a row per map; return the figures as measures."""
    out = BenchResult("maps")
    start = time.perf_counter()
    geodata.subset()  # loading the data is a one-off per process
    load = (time.perf_counter() - start) * 1000
    out.add(Measure("load_ms", "load the Natural Earth subset", load, "ms"))
    out.say(f"load Natural Earth subset: {load:.0f} ms")
    out.say(f"{'map':<18}{'compose cold':>14}{'cached':>9}{'PDF':>9}{'PPTX':>9}   (ms)")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        render_pdf(LaidDeck("warm-up", "", "", ()), folder / "warm.pdf")
        for spec in bundled_specs():
            compose._map_boxes.cache_clear()
            start = time.perf_counter()
            boxes = compose.map_boxes(spec, FRAME)
            cold = (time.perf_counter() - start) * 1000
            cached = _ms(partial(compose.map_boxes, spec, FRAME), runs)
            deck = LaidDeck(spec.title, "bench", "maps", (LaidSlide(1, spec.title, tuple(boxes)),))
            pdf = _ms(partial(render_pdf, deck, folder / "map.pdf"), runs)
            pptx = _ms(partial(render_pptx, deck, folder / "map.pptx"), runs)
            out.say(f"{spec.key:<18}{cold:>14.1f}{cached:>9.2f}{pdf:>9.1f}{pptx:>9.1f}")
            out.add(
                Measure(f"{spec.key}_compose_ms", f"{spec.key}: compose, cold", cold, "ms"),
                Measure(f"{spec.key}_cached_ms", f"{spec.key}: compose, cached", cached, "ms"),
                Measure(f"{spec.key}_pdf_ms", f"{spec.key}: map to PDF", pdf, "ms", 150.0),
                Measure(f"{spec.key}_pptx_ms", f"{spec.key}: map to PPTX", pptx, "ms", 150.0),
            )
    for fmt in ("pdf", "pptx"):
        rows = [m for m in out.measures if m.key.endswith(f"_{fmt}_ms")]
        slowest = max(rows, key=lambda m: m.value or 0.0)
        out.add(
            Measure(f"slowest_{fmt}_ms", f"map to {fmt.upper()} (slowest map)", slowest.value,
                    "ms", 150.0, note=slowest.key.removesuffix(f"_{fmt}_ms"), headline=True)
        )  # fmt: skip
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    run(args.runs)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
