"""Hostile-input trials through the real command line: exit code, one sentence, store dump.

Each trial runs ``python -m briefing_app`` in a child process under an address-space limit
(RLIMIT_AS), so a runaway allocation fails the trial instead of the machine; time is
bounded by the child's CPU limit (RLIMIT_CPU), not by a wall-clock assertion.
"""

from __future__ import annotations

import resource
import sqlite3
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from child_processes import REPO, child_env

MEMORY_LIMIT_MB = 500
CPU_LIMIT_S = 10
EXIT_REFUSED = 2  # documented in README.md: a refusal is exit 2 and one sentence


@dataclass(frozen=True)
class Run:
    returncode: int
    stdout: str
    stderr: str

    @property
    def sentence(self) -> str:
        """The one error line; asserts there is exactly one and no traceback."""
        lines = [line for line in self.stderr.splitlines() if line.strip()]
        assert "Traceback" not in self.stderr, self.stderr
        assert len(lines) == 1, self.stderr
        assert lines[0].startswith("briefing-app: ") and lines[0].endswith("."), lines[0]
        return lines[0]


def _limits(memory_mb: int, cpu_s: int):
    def apply() -> None:
        limit = memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        resource.setrlimit(resource.RLIMIT_CPU, (cpu_s, cpu_s + 1))

    return apply


def run_cli(
    db: Path, *args: str, memory_mb: int = MEMORY_LIMIT_MB, cpu_s: int = CPU_LIMIT_S
) -> Run:
    """``briefing-app --db DB ARGS…`` in a child limited to ``memory_mb`` and ``cpu_s``."""
    env = child_env()
    env["OPENBLAS_NUM_THREADS"] = env["OMP_NUM_THREADS"] = "1"  # no per-thread arenas
    proc = subprocess.run(
        [sys.executable, "-m", "briefing_app", "--db", str(db), *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
        preexec_fn=_limits(memory_mb, cpu_s),
        timeout=cpu_s * 6,  # only a backstop against a hang that burns no CPU
    )
    assert proc.returncode >= 0, f"killed by signal {-proc.returncode}: {proc.stderr[-2000:]}"
    return Run(proc.returncode, proc.stdout, proc.stderr)


def store_dump(db: Path) -> str:
    """The store's full SQL dump (``iterdump``), read without writing to it."""
    conn = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return "\n".join(conn.iterdump())
    finally:
        conn.close()
