"""Run a child process and read back its wall time and peak memory.

``os.wait4`` reaps the child itself so its resource usage can be read; the peak resident
set it reports covers the child and any processes it waited for (e.g. soffice.bin under
the soffice launcher).
"""

from __future__ import annotations

import compileall
import os
import shutil
import subprocess
import tempfile
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from briefing_app.paths import PROJECT_ROOT


class ChildFailed(subprocess.CalledProcessError):
    """A child exited non-zero; its message ends with the last line of its stderr."""

    def __str__(self) -> str:
        lines = (self.stderr or "").strip().splitlines()
        return super().__str__() + (f" Last error line: {lines[-1]}" if lines else "")


@dataclass(frozen=True)
class ChildRun:
    stdout: str
    seconds: float  # wall time from spawn to exit
    peak_rss_mb: float


def run_child(
    cmd: Sequence[str], env: Mapping[str, str] | None = None, timeout: float = 300
) -> ChildRun:
    """Run ``cmd`` to completion; raise ChildFailed (with its stderr) if it fails."""
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        proc = subprocess.Popen(
            list(cmd), env=dict(env) if env is not None else None,
            stdout=subprocess.PIPE, stderr=errors, stdin=subprocess.DEVNULL,
        )  # fmt: skip
        timer = threading.Timer(timeout, proc.kill)
        timer.start()
        try:
            assert proc.stdout is not None
            out = proc.stdout.read()
            proc.stdout.close()
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            timer.cancel()
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
        if proc.returncode:
            errors.seek(0)
            raise ChildFailed(
                proc.returncode, list(cmd), out, errors.read().decode(errors="replace")
            )
    return ChildRun(out.decode(errors="replace"), seconds, usage.ru_maxrss / 1024)


def app_env(**extra: str) -> dict[str, str]:
    """Environment for timing our own commands as on a user's machine: Qt offscreen and
    bytecode compiled once and reused (some sandboxes set PYTHONDONTWRITEBYTECODE, which
    would add ~0.5 s of compiling to every start)."""
    compileall.compile_dir(PROJECT_ROOT / "briefing_app", quiet=1)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", **extra}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def find_program(*names: str) -> str | None:
    """The first of ``names`` found on PATH."""
    return next((found for name in names if (found := shutil.which(name))), None)


def tool_version(program: str) -> str:
    """First line of ``program --version`` (empty if it cannot tell)."""
    try:
        done = subprocess.run(
            [program, "--version"], capture_output=True, text=True, timeout=60, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return ""
    return next(iter(done.stdout.splitlines()), "").strip()
