"""A real small disk for full-disk trials: a tmpfs mounted for the test (root only).

Filling it with a file until the system says ENOSPC gives the same error a full laptop
disk gives, unlike a file-size limit (EFBIG, SIGXFSZ) or a SQLite page limit.
"""

from __future__ import annotations

import contextlib
import errno
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest


@contextlib.contextmanager
def small_disk(folder: Path, size: str = "4m") -> Iterator[Path]:
    """Mount a tmpfs of ``size`` at ``folder`` for the block; skip when that is not allowed."""
    if os.geteuid() != 0:
        pytest.skip("mounting a small disk needs root")
    folder.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
        capture_output=True,
    )
    if done.returncode:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode(errors='replace')}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], capture_output=True)


def fill(folder: Path, name: str = "filler") -> Path:
    """Write to ``folder`` until the disk is full (ENOSPC); the filler file is returned."""
    filler = folder / name
    block = b"\0" * 4096
    with open(filler, "ab", buffering=0) as handle:
        try:
            while True:
                handle.write(block)
        except OSError as exc:
            assert exc.errno == errno.ENOSPC, exc
    for small in (512, 64, 1):  # the last partial block as well
        with contextlib.suppress(OSError), open(filler, "ab", buffering=0) as handle:
            while True:
                handle.write(b"\0" * small)
    return filler
