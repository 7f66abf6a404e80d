"""Run a child process and read back its wall time and peak memory.

The child is started by a small launcher (``python -I -S``) that times it and reaps it with
``os.wait4``. The launcher is needed because Linux carries a parent's peak resident set
into a child it forks and execs: timed straight from a benchmark holding a big store, every
child would "use" as much memory as the benchmark. The figure covers the child and what it
waited for (e.g. soffice.bin under the soffice script); it cannot be below the launcher's
own size, about 10 MB.
"""

from __future__ import annotations

import compileall
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from briefing_app.paths import PROJECT_ROOT

# argv: result file, timeout seconds, command...; writes "start seconds maxrss_kb cpu"
_LAUNCHER = """
import os, signal, sys, time
result, timeout, cmd = sys.argv[1], float(sys.argv[2]), sys.argv[3:]
started, start = time.time(), time.perf_counter()
pid = os.posix_spawnp(cmd[0], cmd, os.environ)
signal.signal(signal.SIGALRM, lambda *_: os.kill(pid, signal.SIGKILL))
signal.setitimer(signal.ITIMER_REAL, timeout)
_, status, usage = os.wait4(pid, 0)
seconds = time.perf_counter() - start
with open(result, "w") as f:
    f.write(f"{started!r} {seconds!r} {usage.ru_maxrss} {usage.ru_utime + usage.ru_stime!r}")
code = os.waitstatus_to_exitcode(status)
sys.exit(code if code >= 0 else 128 - code)
"""


_largest_child_mb: float | None = None


def largest_child_rss_mb() -> float | None:
    """The largest peak RSS of any child run_child has run in this process (None: none).

    Not getrusage(RUSAGE_CHILDREN): that also counts the launchers, which carry their
    parent's peak as explained above."""
    return _largest_child_mb


class ChildFailed(subprocess.CalledProcessError):
    """A child exited non-zero; its message ends with the last line of its stderr."""

    def __str__(self) -> str:
        lines = (self.stderr or "").strip().splitlines()
        return super().__str__() + (f" Last error line: {lines[-1]}" if lines else "")


@dataclass(frozen=True)
class ChildRun:
    stdout: str
    started: float  # time.time() just before the child was spawned
    seconds: float  # wall time from spawn to exit
    peak_rss_mb: float
    cpu_seconds: float = 0.0  # user + system CPU of the child: what load from others leaves


def run_child(
    cmd: Sequence[str], env: Mapping[str, str] | None = None, timeout: float = 300
) -> ChildRun:
    """Run ``cmd`` to completion (killed after ``timeout`` s); raise ChildFailed, with its
    stderr, if it exits non-zero."""
    with tempfile.TemporaryDirectory() as folder:
        result = Path(folder) / "result"
        launcher = [sys.executable, "-I", "-S", "-c", _LAUNCHER, str(result), str(timeout)]
        done = subprocess.run(
            [*launcher, *cmd], env=dict(env) if env is not None else None,
            stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=timeout + 60,
        )  # fmt: skip
        if done.returncode or not result.exists():
            raise ChildFailed(done.returncode, list(cmd), done.stdout, done.stderr)
        started, seconds, maxrss_kb, cpu = result.read_text().split()
    global _largest_child_mb
    peak = int(maxrss_kb) / 1024
    _largest_child_mb = max(peak, _largest_child_mb or 0.0)
    return ChildRun(done.stdout, float(started), float(seconds), peak, float(cpu))


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
