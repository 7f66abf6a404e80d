"""Two app processes on one store: both keep working, or are told clearly it is in use.

Write transactions take SQLite's write lock first (BEGIN IMMEDIATE) and so wait up to the
busy timeout for each other; a deferred transaction that had read first would instead
fail at once with "database is locked" (about half of all edits did, before). A store
kept locked for longer than the timeout gives one sentence saying it is in use, and the
store is unchanged.

BRIEFING_CONCURRENT_STEPS sets the edits per process (default 150).
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from crash_support import check_store, parse_log, prepare_store, start_editor

from briefing_app.services import review
from briefing_app.store import sqlite as sqlite_support
from briefing_app.store.errors import StoreBusyError
from briefing_app.store.store import open_store

pytestmark = pytest.mark.stress  # two processes editing at once

STEPS = int(os.environ.get("BRIEFING_CONCURRENT_STEPS", "150"))


def test_two_processes_edit_one_store_at_once(essay_store_template: Path, tmp_path: Path) -> None:
    """Each edits its own deck and tags its own arguments, both annotate, at full speed,
    and each closes and reopens the store now and then, so it also opens mid-write."""
    path = tmp_path / "shared.sqlite"
    base = prepare_store(essay_store_template, path, ["Deck A", "Deck B"])
    half = base["arguments"][: len(base["arguments"]) // 2]
    configs = [
        {**base, "seed": seed, "prefix": name, "deck": f"Deck {name}", "count": STEPS}
        for name, seed in (("A", 11), ("B", 12))
    ]
    configs[0]["arguments"], configs[1]["arguments"] = half, base["arguments"][len(half) :]
    children = [start_editor(config) for config in configs]
    outputs = [child.communicate(timeout=600) for child in children]
    for child, (_, err) in zip(children, outputs, strict=True):
        assert child.returncode == 0, err[-3000:]
    logs = [parse_log(out) for out, _ in outputs]
    assert [log.saved for log in logs] == [STEPS, STEPS]
    assert check_store(path, logs) == []
    done = [json.loads(out.splitlines()[-1].removeprefix("done ")) for out, _ in outputs]
    print(f"\nslowest edit while the other process wrote: {[d['slowest_ms'] for d in done]} ms")


def _hold_lock(path: Path, statements: str) -> subprocess.Popen[str]:
    """Another process that runs ``statements`` on the store, says so, and keeps its lock."""
    code = (
        "import sqlite3, sys, time\n"
        "conn = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
        f"conn.executescript({statements!r})\n"
        "print('locked', flush=True)\n"
        "time.sleep(120)\n"
    )
    holder = subprocess.Popen(
        [sys.executable, "-c", code, str(path)], stdout=subprocess.PIPE, text=True
    )
    assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
    return holder


@pytest.fixture
def short_timeout(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sqlite_support, "BUSY_TIMEOUT_MS", 1500)


def _one_sentence(message: str) -> None:
    assert message.endswith(".") and "\n" not in message and message.count(". ") == 0


def test_an_edit_waiting_too_long_is_told_the_store_is_in_use(
    essay_store_path: Path, short_timeout: None
) -> None:
    store = open_store(essay_store_path)
    try:
        holder = _hold_lock(essay_store_path, "BEGIN IMMEDIATE;")
        try:
            with pytest.raises(StoreBusyError) as info:
                review.add_review(store, 1, "agreed", "while locked")
        finally:
            holder.kill()
            holder.wait()
        assert "in use" in str(info.value) and "1.5 seconds" in str(info.value)
        _one_sentence(str(info.value))
        assert review.reviews(store, 1) == []
        review.add_review(store, 1, "agreed", "once free")  # the lock went with the process
        assert [r.comment for r in review.reviews(store, 1)] == ["once free"]
    finally:
        store.close()


def test_opening_a_store_another_process_locks_is_not_called_damaged(
    essay_store_path: Path, short_timeout: None
) -> None:
    """A process holding SQLite's exclusive lock (locking_mode) shuts every reader out."""
    statements = "PRAGMA locking_mode = EXCLUSIVE; BEGIN IMMEDIATE; DELETE FROM tag; COMMIT;"
    holder = _hold_lock(essay_store_path, statements)
    try:
        before = essay_store_path.read_bytes()
        with pytest.raises(StoreBusyError) as info:
            open_store(essay_store_path)
        assert essay_store_path.read_bytes() == before
    finally:
        holder.kill()
        holder.wait()
    _one_sentence(str(info.value))
    with sqlite3.connect(essay_store_path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    conn.close()
    open_store(essay_store_path).close()
