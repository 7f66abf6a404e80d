"""``python -m briefing_app.bench [NAME ...] [--out DIR]``: run benchmarks, print their
figures as they come, and write ``bench-report.md`` and ``bench-report.json`` to DIR
(default ``exports/bench/``); a subset writes ``bench-report-NAME[-NAME...]`` instead.

Names: core, exports, startup, library, editor, maps, map-painter, office, team-store,
hostile-imports (default: all; team-store needs BRIEFING_BENCH_POSTGRES). Each
benchmark runs in its own process (see ``runner``).
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
from pathlib import Path

from briefing_app.bench.measures import BenchResult
from briefing_app.bench.report import (
    TABLE_HEAD,
    machine_info,
    machine_line,
    report_stem,
    summary_rows,
    write_report,
)
from briefing_app.bench.runner import BENCHES
from briefing_app.paths import EXPORTS_DIR


def _run_in_child(name: str, folder: Path) -> BenchResult:
    target = folder / f"{name}.json"
    done = subprocess.run(
        [sys.executable, "-m", "briefing_app.bench.runner", name, str(target)], check=False
    )
    if target.exists():
        return BenchResult.from_dict(json.loads(target.read_text(encoding="utf-8")))
    return BenchResult(name, error=f"the benchmark process exited with code {done.returncode}")


def _footer(result: BenchResult) -> str:
    parts = [f"{result.seconds:.0f} s" if result.seconds is not None else "no time"]
    if result.peak_rss_mb is not None:
        parts.append(f"peak RSS {result.peak_rss_mb:.0f} MB")
    if result.children_rss_mb is not None:
        parts.append(f"largest spawned process {result.children_rss_mb:.0f} MB")
    if result.error:
        parts.append(f"FAILED: {result.error}")
    return f"({result.name}: {', '.join(parts)})"


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = argparse.ArgumentParser(prog="python -m briefing_app.bench")
    parser.add_argument("which", nargs="*", metavar="NAME", help=", ".join(BENCHES))
    parser.add_argument(
        "--out", type=Path, default=EXPORTS_DIR / "bench", metavar="DIR",
        help="folder for the report files (default: exports/bench)",
    )  # fmt: skip
    args = parser.parse_args(argv)
    unknown = [name for name in args.which if name not in BENCHES]
    if unknown:
        parser.error(f"unknown benchmark {unknown[0]!r}; choose from {', '.join(BENCHES)}")
    names = args.which or list(BENCHES)
    command = " ".join(["python -m briefing_app.bench", *argv])
    machine = machine_info(with_tools="office" in names)
    print(f"Machine: {machine_line(machine)}", flush=True)
    results = []
    with tempfile.TemporaryDirectory() as folder:
        for name in names:
            print(f"\n## {name}\n", flush=True)
            results.append(_run_in_child(name, Path(folder)))
            print(_footer(results[-1]), flush=True)
    peak_kb = max(
        resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
    )
    print("\n## Summary\n")
    print("\n".join([*TABLE_HEAD, *summary_rows(results)]))
    print(f"\nPeak resident memory of this run (largest single process): {peak_kb / 1024:.0f} MB")
    stem = report_stem(names, list(BENCHES))
    markdown, data = write_report(args.out, results, machine, command, peak_kb / 1024, stem)
    print(f"Wrote {markdown} and {data}")
    return 1 if any(r.error for r in results) else 0


if __name__ == "__main__":
    raise SystemExit(main())
