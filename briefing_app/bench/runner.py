"""Run one benchmark in this process and save its result as JSON.

``python -m briefing_app.bench`` starts ``python -m briefing_app.bench.runner NAME FILE``
for each benchmark, so every benchmark starts from a fresh process, its peak memory is its
own, and one that crashes cannot take the others down.
"""

from __future__ import annotations

import json
import resource
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path

from briefing_app.bench.measures import BenchResult
from briefing_app.bench.proc import largest_child_rss_mb


def _exports() -> BenchResult:
    from briefing_app.bench import exports

    return exports.main()


def _startup() -> BenchResult:
    from briefing_app.bench import startup

    return startup.main()


def _library() -> BenchResult:
    from briefing_app.bench import library

    return library.main()


def _editor() -> BenchResult:
    from briefing_app.bench import gui

    return gui.main()


def _maps() -> BenchResult:
    from briefing_app.bench import maps as maps_bench

    return maps_bench.run()


def _map_painter() -> BenchResult:
    from briefing_app.bench import map_painter

    return map_painter.main()


def _office() -> BenchResult:
    from briefing_app.bench import office

    return office.main()


def _hostile_imports() -> BenchResult:
    from briefing_app.bench import hostile_imports

    return hostile_imports.run()


def _core() -> BenchResult:
    from briefing_app.bench import core

    return core.run()


def _team_store() -> BenchResult:
    from briefing_app.bench import team_store

    return team_store.main()


BENCHES: dict[str, Callable[[], BenchResult]] = {
    "core": _core,
    "exports": _exports,
    "startup": _startup,
    "library": _library,
    "editor": _editor,
    "maps": _maps,
    "map-painter": _map_painter,
    "office": _office,
    "team-store": _team_store,
    "hostile-imports": _hostile_imports,
}


def run_one(name: str) -> BenchResult:
    """Run benchmark ``name``; a failure becomes the result's ``error``, not an exception."""
    start = time.perf_counter()
    try:
        result = BENCHES[name]()
    except Exception as exc:
        traceback.print_exc()
        result = BenchResult(name, error=f"{type(exc).__name__}: {exc}")
    result.name = name
    result.seconds = time.perf_counter() - start
    result.peak_rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result.children_rss_mb = largest_child_rss_mb()
    return result


def main(argv: list[str]) -> int:
    name, target = argv
    result = run_one(name)
    Path(target).write_text(json.dumps(result.to_dict(), ensure_ascii=False), encoding="utf-8")
    return 1 if result.error else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
