"""Kill an app process mid-edit, again and again: every saved edit survives, nothing is torn.

A child process (crash_child.py) makes deck edits, review annotations, tags and new
arguments through the services the desktop app's models call, and now and then closes
and reopens the store as the app does on quit and start. It reports each edit after the
service call returned. The parent kills it with SIGKILL a random moment after it is
ready, from before its first commit to the middle of a write, then checks the store:
integrity_check is ok, the app opens it, every reported edit is there, and the edit in
flight happened wholly or not at all.

BRIEFING_CRASH_TRIALS sets the number of kills (default 20; the full run is 200), and
BRIEFING_CRASH_SEED replays a run (a failure names its seed).
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import statistics
import time
from collections import Counter
from pathlib import Path

import pytest
from child_processes import kill_after, wait_ready
from crash_support import check_store, parse_log, prepare_store, start_editor

TRIALS = int(os.environ.get("BRIEFING_CRASH_TRIALS", "20"))
SEED = int(os.environ.get("BRIEFING_CRASH_SEED") or random.randrange(2**32))
MAX_DELAY = 0.4  # seconds after "ready"; the child makes a dozen or two edits in that time
DECK = "Crash deck"

pytestmark = pytest.mark.stress


def test_killed_editor_loses_no_saved_edit(essay_store_template: Path, tmp_path: Path) -> None:
    path = tmp_path / "crash.sqlite"
    base = prepare_store(essay_store_template, path, [DECK])
    rng = random.Random(SEED)
    saved_counts, in_flight, started = [], Counter(), time.monotonic()
    for trial in range(TRIALS):
        # Squared, so about a fifth of the kills land before the first commit (~20 ms).
        seed, delay = rng.randrange(2**31), MAX_DELAY * rng.random() ** 2
        where = (
            f"trial {trial} (child seed {seed}, killed {delay * 1000:.0f} ms after ready; "
            f"rerun with BRIEFING_CRASH_SEED={SEED} BRIEFING_CRASH_TRIALS={trial + 1})"
        )
        config = {**base, "seed": seed, "prefix": f"t{trial}", "deck": DECK}
        child = start_editor(config)
        wait_ready(child)
        out, err = kill_after(child, delay)
        assert child.returncode == -signal.SIGKILL, f"{where}: the child stopped itself: {err}"
        log = parse_log(out)
        problems = check_store(path, [log])
        assert not problems, f"{where}: {problems[:5]}; last lines: {log.last_lines}"
        saved_counts.append(log.saved)
        in_flight[log.pending["op"] if log.pending else "none"] += 1
    elapsed = time.monotonic() - started
    print(
        f"\n{TRIALS} kills (seed {SEED}) in {elapsed:.0f} s: "
        f"{saved_counts.count(0)} before the first commit; step in flight {dict(in_flight)}; "
        f"edits saved per run median {statistics.median(saved_counts):.0f}, "
        f"max {max(saved_counts)}, {sum(saved_counts)} in all"
    )


def test_the_check_notices_a_lost_edit(essay_store_template: Path, tmp_path: Path) -> None:
    """The check above can fail: remove one reported edit and it is found missing."""
    path = tmp_path / "lost.sqlite"
    base = prepare_store(essay_store_template, path, [DECK])
    child = start_editor({**base, "seed": 7, "prefix": "lost", "deck": DECK, "count": 12})
    out, err = child.communicate(timeout=120)
    assert child.returncode == 0, err
    log = parse_log(out.removeprefix("ready\n"))
    assert log.saved == 12 and check_store(path, [log]) == []
    with sqlite3.connect(path) as conn:
        conn.execute("DELETE FROM review_annotation WHERE comment LIKE 'lost review %'")
        conn.execute(
            "UPDATE slide SET position = position + 1 WHERE id = (SELECT max(id) FROM slide)"
        )
    conn.close()
    problems = check_store(path, [log])
    assert any("review" in p for p in problems), problems
    assert any("positions" in p for p in problems), problems
