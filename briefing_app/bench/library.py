"""Library benchmark: LibraryPanel construction time, selecting an argument deep in a
long "Unlinked" group (the library and Details side by side, wired as in the main window,
until both have repainted) and search-as-you-type latency.

Prints figures and returns them as measures, never asserts. Run
``python -m briefing_app.bench.library``; Qt runs offscreen unless QT_QPA_PLATFORM says
otherwise.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from briefing_app.bench.measures import BenchResult, Measure
from briefing_app.bench.synthetic import synthetic_store
from briefing_app.services.bootstrap import open_prepared
from briefing_app.store.store import Store

if TYPE_CHECKING:
    from briefing_app.gui.events import StoreEvents
    from briefing_app.gui.library.detail import DetailView
    from briefing_app.gui.library.panel import LibraryPanel

WORDS = ("Kosovo", "Vučić", "sanctions", "Serbia NATO", "ceasefire guarantees", "Đukić",
         "referendum", "Belgrade leverage", "the")  # fmt: skip


def typed_prefixes() -> list[str]:
    """What the field holds after each keystroke while typing WORDS (~60 queries)."""
    return [word[:n] for word in WORDS for n in range(1, len(word) + 1)]


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return statistics.median(ordered), p95


def _construct(store: Store) -> tuple[float, tuple[LibraryPanel, DetailView, StoreEvents]]:
    from briefing_app.gui.events import StoreEvents
    from briefing_app.gui.library.detail import DetailView
    from briefing_app.gui.library.panel import LibraryPanel

    events = StoreEvents()
    start = time.perf_counter()
    panel = LibraryPanel(store, events)
    detail = DetailView(store, events)
    return time.perf_counter() - start, (panel, detail, events)


def _timed_each(queries: list[str], run: Callable[[str], object]) -> list[float]:
    samples = []
    for query in queries:
        start = time.perf_counter()
        run(query)
        samples.append(time.perf_counter() - start)
    return samples


def main(arguments: int = 100_000, keep: Path | None = None) -> BenchResult:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication, QSplitter

    from briefing_app.services import argument_map, search

    app = QApplication.instance() or QApplication([])
    out = BenchResult("library")
    big_n = f"{arguments:,} arguments"

    def timed(key: str, label: str, seconds: float) -> None:
        out.add(Measure(key, label, seconds * 1000, "ms"))
        out.say(f"{label}: {_ms(seconds)}")

    with tempfile.TemporaryDirectory() as tmp:
        bundled = open_prepared(str(Path(tmp) / "bundled.sqlite"))
        seconds, (panel, detail, _events) = _construct(bundled)
        panel.deleteLater()
        detail.deleteLater()
        timed("panel_bundled_ms", "LibraryPanel + DetailView, bundled essay", seconds)
        bundled.close()

        path = keep or Path(tmp) / "synthetic.sqlite"
        start = time.perf_counter()
        if path.exists():
            from briefing_app.store.store import open_store

            big = open_store(path)
        else:
            big = synthetic_store(path, arguments=arguments)
        ready = time.perf_counter() - start
        out.say(f"Synthetic store with {big_n} ready in {_ms(ready)}")
        seconds, (panel, detail, _events) = _construct(big)
        timed("panel_synthetic_ms", f"LibraryPanel + DetailView, {big_n}", seconds)

        model = panel.tree_model
        group = model.index(0, 0)
        start = time.perf_counter()
        model.fetchMore(group)
        seconds = time.perf_counter() - start
        batch = f"expand Unlinked (first batch of {model.rowCount(group)})"
        timed("expand_unlinked_ms", batch, seconds)
        # the library and Details side by side, wired as the main window wires them
        panel.sourceActivated.connect(detail.show_source)
        window = QSplitter()
        window.addWidget(panel)
        window.addWidget(detail)
        window.resize(760, 900)
        window.setSizes([420, 340])
        window.show()
        app.processEvents()
        walls, cpus = [], []
        for argument in (arguments // 2, arguments - 1, arguments // 5, 3 * arguments // 4, 7):
            start, cpu = time.perf_counter(), time.process_time()
            panel.select_argument(argument)
            app.processEvents()  # the tree and Details repainted with it selected
            walls.append(time.perf_counter() - start)
            cpus.append(time.process_time() - cpu)
        label = (f"select an argument in the library at {big_n} (deep in Unlinked; Details "
                 "shown), slowest of 5")  # fmt: skip
        out.add(
            Measure("select_argument_ms", label, max(walls) * 1000, "ms", 100.0, strict=False,
                    headline=True, note=f"wall; median {statistics.median(walls) * 1000:.0f} ms"),
            Measure("select_argument_cpu_ms", f"{label}, CPU time", max(cpus) * 1000, "ms",
                    100.0, strict=False, headline=True,
                    note=f"median {statistics.median(cpus) * 1000:.0f} ms"),
        )  # fmt: skip
        out.say(f"{label}: wall {', '.join(_ms(w) for w in walls)}; "
                f"CPU {', '.join(_ms(c) for c in cpus)}")  # fmt: skip
        start = time.perf_counter()
        argument_map.child_count(big, argument_map.UNLINKED_ID)
        seconds = time.perf_counter() - start
        timed("child_count_ms", "child_count(Unlinked)", seconds)

        queries = typed_prefixes()
        search.search(big, "warm", limit=50)
        service = _timed_each(queries, lambda q: search.search(big, q, limit=50))
        field = panel.search_field

        def through_panel(query: str) -> None:
            field.setText(query)
            panel.flush_search()

        gui = _timed_each(queries, through_panel)
        for key, name, samples in (("service", "search service", service),
                                   ("panel", "panel search", gui)):  # fmt: skip
            p50, p95 = percentiles(samples)
            out.say(f"{name}, {len(samples)} typed prefixes at {arguments:,}: "
                    f"p50 {_ms(p50)}, p95 {_ms(p95)}, max {_ms(max(samples))}")  # fmt: skip
            label = f"{name} as you type at {big_n}"
            top = key == "panel"  # what the user sees goes in the summary
            out.add(
                Measure(f"{key}_p50_ms", f"{label}, p50", p50 * 1000, "ms", headline=top),
                Measure(f"{key}_p95_ms", f"{label}, p95", p95 * 1000, "ms", 30.0, headline=top),
                Measure(f"{key}_max_ms", f"{label}, max", max(samples) * 1000, "ms"),
            )
        slow = sorted(zip(service, queries, strict=True), reverse=True)[:5]
        out.say("slowest prefixes: " + ", ".join(f"{q!r} {_ms(s)}" for s, q in slow))
        big.close()
    app.processEvents()
    return out


def cli() -> None:
    parser = argparse.ArgumentParser(prog="python -m briefing_app.bench.library")
    parser.add_argument("--arguments", type=int, default=100_000)
    parser.add_argument("--keep", type=Path, help="reuse (or create) the synthetic store here")
    args = parser.parse_args()
    main(args.arguments, args.keep)


if __name__ == "__main__":
    cli()
