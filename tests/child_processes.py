"""Start a test's child process the way the crash tests need: fast, killable, line by line.

A child is a Python script run with ``sys.executable`` and one JSON argument; it prints
``ready`` once set up, then one flushed line per step.
"""

from __future__ import annotations

import json
import os
import select
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]


def child_env() -> dict[str, str]:
    """The test environment, with bytecode cached outside the checkout so children start fast."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(Path(tempfile.gettempdir()) / "briefing-test-pycache")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    return env


def start_child(script: Path, config: dict[str, Any]) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, str(script), json.dumps(config)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=child_env(),
        cwd=REPO,
    )


def _raw_line(proc: subprocess.Popen[str], timeout: float) -> str:
    """One line read byte by byte from the pipe itself.

    ``proc.stdout.readline()`` would pull whatever else the child already wrote into the
    text wrapper's buffer, where ``communicate()`` (which reads the pipe directly) never
    sees it: a line printed right after ``ready`` would be lost.
    """
    assert proc.stdout is not None
    fd, data = proc.stdout.fileno(), bytearray()
    deadline = time.monotonic() + timeout
    while (left := deadline - time.monotonic()) > 0:
        if not select.select([fd], [], [], left)[0]:
            break
        byte = os.read(fd, 1)
        if not byte or byte == b"\n":
            break
        data += byte
    return data.decode("utf-8", "replace")


def wait_ready(proc: subprocess.Popen[str], timeout: float = 120.0) -> None:
    """Return once the child printed ``ready``; fail with its stderr if it did not."""
    line = _raw_line(proc, timeout)
    if line.strip() != "ready":
        proc.kill()
        _, err = proc.communicate()
        raise AssertionError(f"the child did not start (first line {line!r}): {err[-2000:]}")


def kill_after(proc: subprocess.Popen[str], delay: float) -> tuple[str, str]:
    """SIGKILL the child ``delay`` seconds from now; its stdout and stderr."""
    time.sleep(delay)
    proc.kill()
    return proc.communicate()
