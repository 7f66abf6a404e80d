"""``python -m briefing_app.bench [exports]``: run benchmarks and print their figures."""

from __future__ import annotations

import argparse
import resource

from briefing_app.bench import exports


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m briefing_app.bench")
    parser.add_argument("which", nargs="*", default=["exports"], choices=["exports"])
    parser.add_argument("--slides", type=int, default=100)
    args = parser.parse_args()
    if "exports" in args.which:
        exports.main(args.slides)
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"Peak resident memory of this run: {peak_kb / 1024:.0f} MB")


main()
