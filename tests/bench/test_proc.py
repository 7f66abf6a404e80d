"""Timing child processes: their peak memory is their own, failures and hangs are reported."""

from __future__ import annotations

import sys
import time

import pytest

from briefing_app.bench.proc import ChildFailed, largest_child_rss_mb, run_child


def test_a_child_does_not_inherit_the_parents_peak_memory() -> None:
    ballast = bytearray(300 * 2**20)
    ballast[::4096] = b"x" * len(range(0, len(ballast), 4096))  # touch every page
    small = run_child(["true"])
    big = run_child([sys.executable, "-c", "b = bytearray(200 * 2**20); b[::4096] = b'x' * "
                     "len(range(0, len(b), 4096))"])  # fmt: skip
    del ballast
    assert small.peak_rss_mb < 50
    assert 200 < big.peak_rss_mb < 290
    assert small.seconds > 0 and big.seconds > 0  # measured, whatever the machine's load
    assert (largest_child_rss_mb() or 0) >= big.peak_rss_mb


def test_stdout_and_start_time_come_back() -> None:
    before = time.time()
    run = run_child([sys.executable, "-c", "print('painted-at 1')"])
    assert run.stdout == "painted-at 1\n"
    assert before <= run.started <= time.time()


def test_a_failing_child_raises_with_its_last_error_line() -> None:
    with pytest.raises(ChildFailed, match=r"exit status 3\. Last error line: second"):
        run_child(["sh", "-c", "echo first >&2; echo second >&2; exit 3"])


def test_a_hanging_child_is_killed_at_the_timeout() -> None:
    with pytest.raises(ChildFailed) as failed:
        run_child(["sleep", "30"], timeout=0.5)
    assert failed.value.returncode == 128 + 9  # SIGKILL at the timeout, not sleep's own end
