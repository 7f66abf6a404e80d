"""Start-up benchmark: process start to a painted main window, on the bundled store and on
a synthetic store of 100,000 arguments.

Each run is a fresh ``python main.py --db STORE --screenshot PNG`` process, so the figure
includes the interpreter, imports, opening the store, building and painting the window
(and writing the PNG, which makes it a slight over-estimate).
"""

from __future__ import annotations

import compileall
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from briefing_app.bench.synthetic import synthetic_store
from briefing_app.paths import PROJECT_ROOT
from briefing_app.services.bootstrap import open_prepared


def _time_start(store: Path, runs: int) -> list[float]:
    # As on a user's machine: bytecode compiled once and reused (some sandboxes set
    # PYTHONDONTWRITEBYTECODE, which would add ~0.5 s of compiling to every start).
    compileall.compile_dir(PROJECT_ROOT / "briefing_app", quiet=1)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    times = []
    with tempfile.TemporaryDirectory() as folder:
        for run in range(runs):
            png = Path(folder) / f"shot{run}.png"
            start = time.perf_counter()
            subprocess.run(
                [sys.executable, str(PROJECT_ROOT / "main.py"), "--db", str(store),
                 "--screenshot", str(png)],
                check=True, env=env, capture_output=True, timeout=120,
            )  # fmt: skip
            times.append(time.perf_counter() - start)
    return times


def run(runs: int = 3, arguments: int = 100_000) -> dict[str, float]:
    results: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        bundled = work / "bundled.sqlite"
        open_prepared(str(bundled)).close()
        _time_start(bundled, 1)  # first run creates the default deck; not timed
        times = _time_start(bundled, runs)
        results["bundled_best_s"], results["bundled_median_s"] = (
            min(times),
            statistics.median(times),
        )
        big = work / "big.sqlite"
        synthetic_store(big, arguments).close()
        _time_start(big, 1)
        times = _time_start(big, runs)
        results["synthetic_best_s"], results["synthetic_median_s"] = (
            min(times),
            statistics.median(times),
        )
        shutil.rmtree(work, ignore_errors=True)
    return results


def main(runs: int = 3, arguments: int = 100_000) -> dict[str, float]:
    r = run(runs, arguments)
    print("Start-up: process start to painted main window (median of runs; best in brackets)")
    print("| store | time | target |")
    print("|---|---|---|")
    print(
        f"| bundled essay | {r['bundled_median_s']:.2f} s ({r['bundled_best_s']:.2f}) | < 1.5 s |"
    )
    print(
        f"| {arguments:,} synthetic arguments | {r['synthetic_median_s']:.2f} s "
        f"({r['synthetic_best_s']:.2f}) | < 2.5 s |"
    )
    return r
