"""Library benchmark: LibraryPanel construction time and search-as-you-type latency.

Prints figures, never asserts. Run ``python -m briefing_app.bench.library``; Qt runs
offscreen unless QT_QPA_PLATFORM says otherwise.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from briefing_app.bench.synthetic import synthetic_store
from briefing_app.services.bootstrap import open_prepared
from briefing_app.store.store import Store

WORDS = ("Kosovo", "Vučić", "sanctions", "Serbia NATO", "ceasefire guarantees", "Đukić",
         "referendum", "Belgrade leverage", "the")  # fmt: skip


def typed_prefixes() -> list[str]:
    """What the field holds after each keystroke while typing WORDS (~60 queries)."""
    return [word[:n] for word in WORDS for n in range(1, len(word) + 1)]


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def _percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return statistics.median(ordered), p95


def _construct(store: Store) -> tuple[float, object]:
    from briefing_app.gui.events import StoreEvents
    from briefing_app.gui.library.detail import DetailView
    from briefing_app.gui.library.panel import LibraryPanel

    events = StoreEvents()
    start = time.perf_counter()
    panel = LibraryPanel(store, events)
    DetailView(store, events, panel)
    return time.perf_counter() - start, (panel, events)


def _timed_each(queries: list[str], run: Callable[[str], object]) -> list[float]:
    samples = []
    for query in queries:
        start = time.perf_counter()
        run(query)
        samples.append(time.perf_counter() - start)
    return samples


def main(arguments: int = 100_000, keep: Path | None = None) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from briefing_app.services import argument_map, search

    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as tmp:
        bundled = open_prepared(str(Path(tmp) / "bundled.sqlite"))
        seconds, _ = _construct(bundled)
        print(f"LibraryPanel + DetailView, bundled essay: {_ms(seconds)}")
        bundled.close()

        path = keep or Path(tmp) / "synthetic.sqlite"
        start = time.perf_counter()
        if path.exists():
            from briefing_app.store.store import open_store

            big = open_store(path)
        else:
            big = synthetic_store(path, arguments=arguments)
        ready = time.perf_counter() - start
        print(f"Synthetic store with {arguments:,} arguments ready in {_ms(ready)}")
        seconds, (panel, _events) = _construct(big)
        print(f"LibraryPanel + DetailView, {arguments:,} arguments: {_ms(seconds)}")

        model = panel.tree_model  # type: ignore[attr-defined]
        group = model.index(0, 0)
        start = time.perf_counter()
        model.fetchMore(group)
        print(f"Expand Unlinked (first batch of {model.rowCount(group)}): "
              f"{_ms(time.perf_counter() - start)}")  # fmt: skip
        start = time.perf_counter()
        panel.select_argument(arguments // 2)  # type: ignore[attr-defined]
        print(f"select_argument deep in Unlinked: {_ms(time.perf_counter() - start)}")
        start = time.perf_counter()
        argument_map.child_count(big, argument_map.UNLINKED_ID)
        print(f"child_count(Unlinked): {_ms(time.perf_counter() - start)}")

        queries = typed_prefixes()
        search.search(big, "warm", limit=50)
        service = _timed_each(queries, lambda q: search.search(big, q, limit=50))
        field = panel.search_field  # type: ignore[attr-defined]

        def through_panel(query: str) -> None:
            field.setText(query)
            panel.flush_search()  # type: ignore[attr-defined]

        gui = _timed_each(queries, through_panel)
        for name, samples in (("search service", service), ("panel search", gui)):
            p50, p95 = _percentiles(samples)
            print(f"{name}, {len(samples)} typed prefixes at {arguments:,}: "
                  f"p50 {_ms(p50)}, p95 {_ms(p95)}, max {_ms(max(samples))}")  # fmt: skip
        slow = sorted(zip(service, queries, strict=True), reverse=True)[:5]
        print("slowest prefixes:", ", ".join(f"{q!r} {_ms(s)}" for s, q in slow))
        big.close()
    app.processEvents()


def cli() -> None:
    parser = argparse.ArgumentParser(prog="python -m briefing_app.bench.library")
    parser.add_argument("--arguments", type=int, default=100_000)
    parser.add_argument("--keep", type=Path, help="reuse (or create) the synthetic store here")
    args = parser.parse_args()
    main(args.arguments, args.keep)


if __name__ == "__main__":
    cli()
