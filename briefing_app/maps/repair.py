"""Repair invalid imported geometry once, at import, in a child process with hard limits.

GEOS's repair of a polygon that crosses itself grows with the number of crossings, not of
vertices: a star of 200 points takes most of a minute, one of 5,000 does not finish.
No input check can predict that, so the work runs in a child process that may use at
most ``memory_mb`` of address space and ``seconds`` of CPU time (RLIMIT_AS, RLIMIT_CPU);
it is killed beyond them (and when the user presses Ctrl+C), and the import is refused
with one sentence. The limits count work, not waiting, so a busy machine refuses no shape
a quiet one repairs; a wall-clock ceiling several times longer only ends a helper that
stalls without working.

The child is this module: ``python -m briefing_app.maps.repair`` reads length-prefixed
WKB from stdin and writes the repaired WKB (or an empty record) the same way.
"""

from __future__ import annotations

import os
import struct
import subprocess
import sys
from pathlib import Path

REPAIR_SECONDS = 5.0
REPAIR_MEMORY_MB = 400
_STARTUP_SECONDS = 3.0  # the child's interpreter and GEOS load before it starts the clock
_WALL_FACTOR = 6  # the wall-clock ceiling, in budgets: for a stalled helper only
_LENGTH = struct.Struct("<I")


class RepairBudgetExceeded(Exception):
    """Repair needed more time or memory than it may use."""


def _pack(blobs: list[bytes]) -> bytes:
    return b"".join(_LENGTH.pack(len(b)) + b for b in blobs)


def _unpack(data: bytes) -> list[bytes]:
    out, at = [], 0
    while at < len(data):
        (size,) = _LENGTH.unpack_from(data, at)
        at += _LENGTH.size
        out.append(data[at : at + size])
        at += size
    return out


def repair_wkb(
    blobs: list[bytes], *, seconds: float = REPAIR_SECONDS, memory_mb: int = REPAIR_MEMORY_MB
) -> list[bytes]:
    """Valid WKB for each invalid WKB in ``blobs`` (empty bytes where nothing is left)."""
    if not blobs:
        return []
    package_root = str(Path(__file__).resolve().parents[2])
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [package_root, env.get("PYTHONPATH")]))
    env["OPENBLAS_NUM_THREADS"] = env["OMP_NUM_THREADS"] = "1"
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "briefing_app.maps.repair", str(memory_mb), str(seconds)],
            input=_pack(blobs),
            capture_output=True,
            env=env,
            timeout=(seconds + _STARTUP_SECONDS) * _WALL_FACTOR,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise RepairBudgetExceeded from None
    if proc.returncode != 0:
        raise RepairBudgetExceeded
    repaired = _unpack(proc.stdout)
    if len(repaired) != len(blobs):
        raise RepairBudgetExceeded
    return repaired


def _child(memory_mb: int, seconds: float) -> int:
    import resource

    limit = memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    cpu = int(seconds) + 1
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
    import shapely

    out = []
    for blob in _unpack(sys.stdin.buffer.read()):
        geom = shapely.from_wkb(blob)
        fixed = shapely.make_valid(geom, method="structure", keep_collapsed=False)
        out.append(b"" if fixed.is_empty else shapely.to_wkb(fixed))
    sys.stdout.buffer.write(_pack(out))
    return 0


if __name__ == "__main__":
    try:
        sys.exit(_child(int(sys.argv[1]), float(sys.argv[2])))
    except MemoryError:
        sys.exit(3)
