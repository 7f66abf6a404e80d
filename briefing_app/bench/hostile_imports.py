"""The worst imports we accept or refuse, timed: ``python -m briefing_app.bench.hostile_imports``.

Each case runs the real command line in a child process on a copy of a fresh store and
records its wall time, CPU time and peak memory (the child's and its repair helper's).
The targets are the issue's bounds for the worst geometry: under 10 s and 500 MB.
Figures are printed and returned as measures, never asserted (the trial tests bound
memory and CPU with resource limits instead).
"""

from __future__ import annotations

import math
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from briefing_app.bench.measures import BenchResult, Measure
from briefing_app.bench.proc import app_env
from briefing_app.paths import PROJECT_ROOT

MAP = "ukraine-donbas"


def _run(db: Path, *args: str) -> tuple[int, float, float, float]:
    """(exit code, wall s, CPU s, peak MB) of ``briefing-app --db DB ARGS``."""
    env = app_env(PYTHONPATH=str(PROJECT_ROOT))
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "briefing_app", "--db", str(db), *args],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - start
    return proc.returncode, wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def _star(n: int) -> list[list[float]]:
    step = n // 2 - 1
    ring = [
        [
            37.5 + 1.5 * math.cos(2 * math.pi * i * step / n),
            48.0 + math.sin(2 * math.pi * i * step / n),
        ]
        for i in range(n)
    ]
    return [*ring, ring[0]]


def _coast(n: int) -> list[list[float]]:
    ring = []
    for i in range(n):
        r = 1 + 0.01 * math.sin(2 * math.pi * 300 * i / n)
        ring.append(
            [
                37.5 + 1.5 * r * math.cos(2 * math.pi * i / n),
                48.0 + r * math.sin(2 * math.pi * i / n),
            ]
        )
    return [*ring, ring[0]]


def _polygon_file(path: Path, ring: list[list[float]]) -> Path:
    import json

    path.write_text(json.dumps({"type": "Polygon", "coordinates": [ring]}))
    return path


def _never_ending_gpkg(path: Path) -> Path:
    conn = sqlite3.connect(path)
    conn.executescript(
        "CREATE TABLE gpkg_contents (table_name TEXT, data_type TEXT, srs_id INT);"
        "CREATE TABLE gpkg_geometry_columns (table_name TEXT, column_name TEXT);"
        "INSERT INTO gpkg_contents VALUES ('zones', 'features', 4326);"
        "INSERT INTO gpkg_geometry_columns VALUES ('zones', 'geom');"
        "CREATE TABLE zones (fid INTEGER PRIMARY KEY, name TEXT, geom BLOB);"
        "CREATE VIEW gpkg_spatial_ref_sys AS WITH RECURSIVE n(x) AS "
        "(SELECT 1 UNION ALL SELECT x + 1 FROM n) SELECT 4326 AS srs_id, "
        "'EPSG' AS organization, 4326 AS organization_coordsys_id FROM n WHERE x < 0;"
    )
    conn.close()
    return path


def run() -> BenchResult:
    out = BenchResult("hostile-imports")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        template = folder / "template.sqlite"
        _run(template, "init")
        million = folder / "million.txt"
        million.write_text("Many\n\n" + "a.\n\n" * 1_000_000, encoding="utf-8")
        limit = folder / "long.txt"
        limit.write_text(
            "Long\n\n" + "".join(f"Paragraph {i}.\n\n" for i in range(20_000)), encoding="utf-8"
        )
        cases = [
            ("million_paragraphs", "a million paragraphs (refused)", ("import", str(million))),
            ("paragraphs_20000", "20,000 paragraphs (the limit)", ("import", str(limit))),
            (
                "star_5000",
                "self-crossing polygon, 5,000 points (refused)",
                ("map", "import", MAP, str(_polygon_file(folder / "star.geojson", _star(5000)))),
            ),
            (
                "star_61",
                "self-crossing polygon, 61 points (repaired)",
                ("map", "import", MAP, str(_polygon_file(folder / "small.geojson", _star(61)))),
            ),
            (
                "coast_200000",
                "valid polygon, 200,000 points (simplified)",
                (
                    "map",
                    "import",
                    MAP,
                    str(_polygon_file(folder / "coast.geojson", _coast(200_000))),
                ),
            ),
            (
                "gpkg_never_ending",
                "GeoPackage with a never-ending view (read budget)",
                ("map", "import", MAP, str(_never_ending_gpkg(folder / "slow.gpkg"))),
            ),
        ]
        world = Path(os.environ.get("BRIEFING_WORLD_MAP_GPKG", "/nonexistent"))
        if world.is_file():  # Natural Earth as Debian ships it (see tests/maps)
            cases.append(
                (
                    "natural_earth_countries",
                    "Natural Earth countries (real GeoPackage)",
                    ("map", "import", MAP, str(world), "--gpkg-layer", "countries"),
                )
            )
        out.say(f"{'case':<52}{'exit':>5}{'wall s':>9}{'CPU s':>8}{'peak MB':>9}")
        for key, label, args in cases:
            db = folder / f"{key}.sqlite"
            shutil.copy2(template, db)
            code, wall, cpu, peak = _run(db, *args)
            out.say(f"{label:<52}{code:>5}{wall:>9.2f}{cpu:>8.2f}{peak:>9.0f}")
            if key in ("coast_200000", "natural_earth_countries"):
                _run(db, "deck", "create", "maps", "--from", "default-briefing")
                _, ewall, ecpu, epeak = _run(
                    db, "export", "maps", "--format", "pdf", "--out", str(folder / "maps.pdf")
                )
                out.say(
                    f"{'  then export the default deck with it (PDF)':<52}{0:>5}"
                    f"{ewall:>9.2f}{ecpu:>8.2f}{epeak:>9.0f}"
                )
                out.add(Measure(f"{key}_export_s", "export with that layer: wall time", ewall,
                                "s", 10.0),
                        Measure(f"{key}_export_mb", "export with that layer: peak memory", epeak,
                                "MB", 500.0))  # fmt: skip
            out.add(
                Measure(
                    f"{key}_s",
                    f"{label}: wall time",
                    wall,
                    "s",
                    10.0,
                    note=f"exit {code}",
                    headline=key == "star_5000",
                ),
                Measure(f"{key}_mb", f"{label}: peak memory", peak, "MB", 500.0),
            )
    return out


def main() -> int:
    run()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
