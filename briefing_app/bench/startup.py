"""Start-up benchmark: process start to a painted main window, on the bundled store and on
a synthetic store of 100,000 arguments.

Each run is a fresh ``python main.py --db STORE`` process that reports the wall-clock
moment its main window received its first paint event (BRIEFING_STARTUP_PROBE): the real
window, with its menus, toolbar and panes, the panes still loading; the store is opened
and the library and the deck put in after that paint. So the figure covers the
interpreter, the imports the window needs, and building and painting it; "the deck shown"
is the moment the store, the library and the deck are in place. The bare window is timed
at its first paint event the same way. The peak resident memory reported is that of the
app process (the largest of the runs).
"""

from __future__ import annotations

import shutil
import statistics
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from briefing_app.bench.measures import BenchResult, Measure
from briefing_app.bench.proc import app_env, run_child
from briefing_app.bench.synthetic import synthetic_store
from briefing_app.paths import PROJECT_ROOT
from briefing_app.services.bootstrap import open_prepared

# The anchor: a bare PySide6 main window of the app's default size, shown, and timed at its
# first paint event, as the app is (MainWindow.painted).
BARE_WINDOW = """
import sys, time
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QMainWindow

class FirstPaint(QObject):
    painted = False

    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            FirstPaint.painted = True
        return False

app = QApplication(sys.argv[:1])
window = QMainWindow()
first_paint = FirstPaint()
window.installEventFilter(first_paint)
window.resize(1600, 960)
window.show()
while not FirstPaint.painted:
    app.processEvents()
print(f"painted-at {time.time():.6f} cpu {time.process_time():.4f}", flush=True)
"""


@dataclass(frozen=True)
class Start:
    """One start: seconds from spawn to the first paint and to the deck shown (wall), and
    the process's CPU seconds at the first paint."""

    painted: float
    painted_cpu: float
    deck_shown: float | None


def _moment(stdout: str, what: str) -> tuple[float, float] | None:
    if what not in stdout:
        return None
    at, _, cpu = stdout.split(what, 1)[1].split()[:3]
    return float(at), float(cpu)


def _time_start(cmd: list[str], runs: int) -> tuple[list[Start], float]:
    """Each run's Start, and the largest peak RSS (MB)."""
    # BRIEFING_STARTUP_PROBE: the app prints when its window has painted and when the
    # deck is shown, then exits
    env = app_env(BRIEFING_STARTUP_PROBE="1")
    starts, rss = [], 0.0
    for _run in range(runs):
        done = run_child(cmd, env, timeout=120)
        painted = _moment(done.stdout, "painted-at")
        assert painted is not None, done.stdout
        shown = _moment(done.stdout, "deck-shown-at")
        starts.append(Start(painted[0] - done.started, painted[1],
                            None if shown is None else shown[0] - done.started))  # fmt: skip
        rss = max(rss, done.peak_rss_mb)
    return starts, rss


def _app(store: Path) -> list[str]:
    return [sys.executable, str(PROJECT_ROOT / "main.py"), "--db", str(store)]


def _record(results: dict[str, float], key: str, starts: list[Start]) -> None:
    times = [s.painted for s in starts]
    results[f"{key}_best_s"], results[f"{key}_median_s"] = min(times), statistics.median(times)
    results[f"{key}_cpu_s"] = statistics.median(s.painted_cpu for s in starts)
    shown = [s.deck_shown for s in starts if s.deck_shown is not None]
    if shown:
        results[f"{key}_deck_s"] = statistics.median(shown)


def run(runs: int = 3, arguments: int = 100_000) -> dict[str, float]:
    results: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        bare = [sys.executable, "-c", BARE_WINDOW]
        bundled = work / "bundled.sqlite"
        open_prepared(str(bundled)).close()
        _time_start(_app(bundled), 1)  # first run creates the default deck; not timed
        _time_start(bare, 1)
        # the app and the bare window in turns, so both meet the same load
        app_starts: list[Start] = []
        bare_starts: list[Start] = []
        results["bundled_rss_mb"] = 0.0
        for _run in range(runs):
            starts, rss = _time_start(_app(bundled), 1)
            app_starts += starts
            results["bundled_rss_mb"] = max(results["bundled_rss_mb"], rss)
            bare_starts += _time_start(bare, 1)[0]
        _record(results, "bundled", app_starts)
        _record(results, "bare", bare_starts)
        big = work / "big.sqlite"
        synthetic_store(big, arguments).close()
        _time_start(_app(big), 1)
        starts, results["synthetic_rss_mb"] = _time_start(_app(big), runs)
        _record(results, "synthetic", starts)
        shutil.rmtree(work, ignore_errors=True)
    return results


def measures(r: dict[str, float], runs: int = 3, arguments: int = 100_000) -> list[Measure]:
    big = f"{arguments:,} arguments"
    ratio = r["bundled_median_s"] / r["bare_median_s"]
    ratio_cpu = r["bundled_cpu_s"] / r["bare_cpu_s"]
    return [
        Measure("bundled_s", "start-up to painted window, bundled store",
                r["bundled_median_s"], "s", 1.5,
                note=f"median of {runs}, best {r['bundled_best_s']:.2f} s", headline=True),
        Measure("bare_window_s", "a bare PySide6 window, start to first paint",
                r["bare_median_s"], "s", note=f"median of {runs}, CPU {r['bare_cpu_s']:.2f} s"),
        Measure("startup_ratio", "start-up to painted window ÷ a bare PySide6 window's",
                ratio, "×", 3.0, strict=False, headline=True,
                note=f"wall, same run: {r['bundled_median_s']:.2f} s against "
                f"{r['bare_median_s']:.2f} s"),
        Measure("startup_ratio_cpu", "the same in CPU time", ratio_cpu, "×", 3.0, strict=False,
                headline=True, note=f"{r['bundled_cpu_s']:.2f} s against {r['bare_cpu_s']:.2f} s"),
        Measure("bundled_deck_s", "start-up to the deck shown, bundled store",
                r.get("bundled_deck_s"), "s",
                note="from start; the store, library and deck open after the first paint"),
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
    out.say(f"| a bare PySide6 window | {r['bare_median_s']:.2f} s ({r['bare_best_s']:.2f}) | | |")
    out.say(
        f"App ÷ bare window: {r['bundled_median_s'] / r['bare_median_s']:.2f}× wall, "
        f"{r['bundled_cpu_s'] / r['bare_cpu_s']:.2f}× CPU (target ≤ 3×); the deck shown "
        f"{r.get('bundled_deck_s', float('nan')):.2f} s after start"
    )
    return out
