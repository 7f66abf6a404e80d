"""``python -m briefing_app.bench [NAME ...]``: run benchmarks and print their figures.

Names: exports, startup, library, editor, maps, map-painter (default: all).
"""

from __future__ import annotations

import argparse
import platform
import resource

BENCHES = ("exports", "startup", "library", "editor", "maps", "map-painter")


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m briefing_app.bench")
    parser.add_argument("which", nargs="*", metavar="NAME", help=", ".join(BENCHES))
    args = parser.parse_args()
    unknown = [name for name in args.which if name not in BENCHES]
    if unknown:
        parser.error(f"unknown benchmark {unknown[0]!r}; choose from {', '.join(BENCHES)}")
    args.which = args.which or list(BENCHES)
    print(f"Machine: {platform.platform()}, Python {platform.python_version()}")
    for name in args.which:
        print(f"\n## {name}\n")
        if name == "exports":
            from briefing_app.bench import exports

            exports.main()
        elif name == "startup":
            from briefing_app.bench import startup

            startup.main()
        elif name == "library":
            from briefing_app.bench import library

            library.main()
        elif name == "editor":
            from briefing_app.bench import gui

            gui.main()
        elif name == "maps":
            from briefing_app.maps import bench as maps_bench

            maps_bench.main([])
        elif name == "map-painter":
            from briefing_app.bench import map_painter

            map_painter.main()
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"\nPeak resident memory of this run: {peak_kb / 1024:.0f} MB")


main()
