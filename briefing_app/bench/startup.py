"""Start-up benchmark: process start to a painted main window, on the bundled store and on
a synthetic store of 100,000 arguments.

Each run is a fresh ``python main.py --db STORE`` process that reports the wall-clock
moment its main window has been painted (BRIEFING_STARTUP_PROBE), so the figure covers
the interpreter, imports, opening the store, and building and painting the window. The
peak resident memory reported is that of the app process (the largest of the runs).
"""

from __future__ import annotations

import shutil
import statistics
import sys
import tempfile
from pathlib import Path

from briefing_app.bench.measures import BenchResult, Measure
from briefing_app.bench.proc import app_env, run_child
from briefing_app.bench.synthetic import synthetic_store
from briefing_app.paths import PROJECT_ROOT
from briefing_app.services.bootstrap import open_prepared


def _time_start(store: Path, runs: int) -> tuple[list[float], float]:
    """Seconds from spawn to painted window for each run, and the largest peak RSS (MB)."""
    # BRIEFING_STARTUP_PROBE: the app prints when its window has painted, then exits
    env = app_env(BRIEFING_STARTUP_PROBE="1")
    times, rss = [], 0.0
    for _run in range(runs):
        done = run_child(
            [sys.executable, str(PROJECT_ROOT / "main.py"), "--db", str(store)], env, timeout=120
        )
        painted = float(done.stdout.split("painted-at", 1)[1].split()[0])
        times.append(painted - done.started)  # both time.time(): spawn to first paint
        rss = max(rss, done.peak_rss_mb)
    return times, rss


def run(runs: int = 3, arguments: int = 100_000) -> dict[str, float]:
    results: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        bundled = work / "bundled.sqlite"
        open_prepared(str(bundled)).close()
        _time_start(bundled, 1)  # first run creates the default deck; not timed
        times, results["bundled_rss_mb"] = _time_start(bundled, runs)
        results["bundled_best_s"], results["bundled_median_s"] = (
            min(times),
            statistics.median(times),
        )
        big = work / "big.sqlite"
        synthetic_store(big, arguments).close()
        _time_start(big, 1)
        times, results["synthetic_rss_mb"] = _time_start(big, runs)
        results["synthetic_best_s"], results["synthetic_median_s"] = (
            min(times),
            statistics.median(times),
        )
        shutil.rmtree(work, ignore_errors=True)
    return results


def measures(r: dict[str, float], runs: int = 3, arguments: int = 100_000) -> list[Measure]:
    big = f"{arguments:,} arguments"
    return [
        Measure("bundled_s", "start-up to painted window, bundled store",
                r["bundled_median_s"], "s", 1.5,
                note=f"median of {runs}, best {r['bundled_best_s']:.2f} s", headline=True),
        Measure("synthetic_s", f"start-up to painted window, {big}",
                r["synthetic_median_s"], "s", 2.5,
                note=f"median of {runs}, best {r['synthetic_best_s']:.2f} s", headline=True),
        Measure("bundled_rss_mb", "app process peak RSS at start-up, bundled store",
                r["bundled_rss_mb"], "MB"),
        Measure("synthetic_rss_mb", f"app process peak RSS at start-up, {big}",
                r["synthetic_rss_mb"], "MB"),
    ]  # fmt: skip


def main(runs: int = 3, arguments: int = 100_000) -> BenchResult:
    r = run(runs, arguments)
    out = BenchResult("startup", measures(r, runs, arguments))
    out.say("Start-up: process start to painted main window (median of runs; best in brackets)")
    out.say("| store | time | app peak RSS | target |")
    out.say("|---|---|---|---|")
    out.say(
        f"| bundled essay | {r['bundled_median_s']:.2f} s ({r['bundled_best_s']:.2f}) "
        f"| {r['bundled_rss_mb']:.0f} MB | < 1.5 s |"
    )
    out.say(
        f"| {arguments:,} synthetic arguments | {r['synthetic_median_s']:.2f} s "
        f"({r['synthetic_best_s']:.2f}) | {r['synthetic_rss_mb']:.0f} MB | < 2.5 s |"
    )
    return out
