"""The geometry budgets count work, not waiting (issue 14): a busy machine, where the
repair helper or a GeoPackage read waits for a core, refuses nothing a quiet one accepts."""

from __future__ import annotations

import stat
import sys
from pathlib import Path

import pytest
import shapely

from briefing_app.maps import import_layers, repair


def _bowtie() -> bytes:
    return shapely.to_wkb(shapely.Polygon([(0, 0), (2, 2), (2, 0), (0, 2), (0, 0)]))


def test_a_helper_that_waits_for_a_core_is_not_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The helper starts 4 s late (as on a loaded machine) with a 1 s CPU budget."""
    slow = tmp_path / "slow-python"
    slow.write_text(f'#!/bin/sh\nsleep 4\nexec "{sys.executable}" "$@"\n')
    slow.chmod(slow.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setattr(repair.sys, "executable", str(slow))
    (fixed,) = repair.repair_wkb([_bowtie()], seconds=1.0)
    geometry = shapely.from_wkb(fixed)
    assert geometry.is_valid and geometry.area > 0


def test_a_helper_that_keeps_working_is_stopped_by_its_cpu_limit(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """RLIMIT_CPU, not a clock, ends a repair that would never finish."""
    n = 5000
    step = n // 2 - 1
    import math

    ring = [
        (math.cos(2 * math.pi * i * step / n), math.sin(2 * math.pi * i * step / n))
        for i in range(n)
    ]
    star = shapely.to_wkb(shapely.Polygon([*ring, ring[0]]))
    with pytest.raises(repair.RepairBudgetExceeded):
        repair.repair_wkb([star], seconds=1.0)


def test_the_gpkg_read_budget_is_cpu_time(monkeypatch: pytest.MonkeyPatch) -> None:
    """Time spent waiting (not working) does not use the read budget."""
    started = import_layers.time.monotonic()
    deadline = import_layers._Deadline(1.0)
    monkeypatch.setattr(import_layers.time, "monotonic", lambda: started + 2.0)
    assert not deadline.passed()  # two seconds went by, but not a second of work
    monkeypatch.setattr(import_layers.time, "process_time", lambda: deadline.cpu_end + 0.1)
    assert deadline.passed()
