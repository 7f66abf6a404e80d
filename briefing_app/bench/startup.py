"""Start-up benchmark: process start to a painted main window, on the bundled store and on
a synthetic store of 100,000 arguments.

Each run is a fresh ``python main.py --db STORE`` process that reports the wall-clock
moment its main window has been painted (BRIEFING_STARTUP_PROBE), so the figure covers
the interpreter, imports, opening the store, and building and painting the window.
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
    env["BRIEFING_STARTUP_PROBE"] = "1"  # the app prints when its window has painted
    times = []
    for _run in range(runs):
        start = time.time()
        done = subprocess.run(
            [sys.executable, str(PROJECT_ROOT / "main.py"), "--db", str(store)],
            check=True, env=env, capture_output=True, text=True, timeout=120,
        )  # fmt: skip
        painted = float(done.stdout.split("painted-at", 1)[1].split()[0])
        times.append(painted - start)
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
