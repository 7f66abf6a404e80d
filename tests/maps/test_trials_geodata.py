"""Trials (issue 14): geodata with limits we choose.

Each case runs the real command line in a child limited to 500 MB of address space and
10 s of CPU (``cli_trials``) and checks the documented exit code, one sentence, no
traceback, and the store's full SQL dump unchanged wherever the file was refused.
"""

from __future__ import annotations

import json
import math
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
import shapely
from child_processes import REPO, child_env
from cli_trials import EXIT_REFUSED, run_cli, store_dump

# The stress tier: every trial runs the CLI in a child process under RLIMIT_AS/CPU, several
# of them to the end of their budget (minutes of CPU in all). Bad and huge layer files and
# the repair budget are also checked in process in the default tier (test_map_service.py,
# test_repair_budget.py).
pytestmark = pytest.mark.stress

MAP = "ukraine-donbas"


def _star(n: int, lon: float = 37.5, lat: float = 48.0) -> list[list[float]]:
    """A closed ring of ``n`` points that crosses itself about n²/4 times."""
    step = n // 2 - 1
    ring = [
        [
            lon + 1.5 * math.cos(2 * math.pi * i * step / n),
            lat + 1.0 * math.sin(2 * math.pi * i * step / n),
        ]
        for i in range(n)
    ]
    return [*ring, ring[0]]


def _geojson(path: Path, rings: list, **extra: object) -> Path:
    feature = {
        "type": "Feature",
        "properties": {"name": "Zone"},
        "geometry": {"type": "Polygon", "coordinates": rings},
    }
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [feature], **extra}))
    return path


def _refused(db: Path, *args: str, fragment: str) -> str:
    before = store_dump(db)
    run = run_cli(db, *args)
    assert run.returncode == EXIT_REFUSED, (run.returncode, run.stdout, run.stderr)
    sentence = run.sentence
    assert fragment in sentence, sentence
    assert store_dump(db) == before
    return sentence


def _stored_layer(db: Path, name: str) -> list[dict]:
    conn = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
    try:
        row = conn.execute("SELECT features FROM map_layer WHERE name = ?", (name,)).fetchone()
    finally:
        conn.close()
    assert row is not None, f"no layer {name!r}"
    return json.loads(row[0])


def _export_map_deck(db: Path, out: Path) -> None:
    assert run_cli(db, "deck", "create", "maps", "--from", "default-briefing").returncode == 0
    run = run_cli(db, "export", "maps", "--format", "pdf", "--out", str(out))
    assert run.returncode == 0, run.stderr
    assert out.stat().st_size > 10_000


# --- invalid and heavy geometry -------------------------------------------------------------


def test_a_star_of_5000_points_is_refused_within_the_budget(
    essay_store_path: Path, tmp_path: Path
) -> None:
    star = _geojson(tmp_path / "star.geojson", [_star(5000)])
    _refused(essay_store_path, "map", "import", MAP, str(star), fragment="cross themselves")


def test_a_repairable_star_is_stored_valid_and_exports_fast(
    essay_store_path: Path, tmp_path: Path
) -> None:
    star = _geojson(tmp_path / "star.geojson", [_star(61)])
    run = run_cli(essay_store_path, "map", "import", MAP, str(star))
    assert run.returncode == 0, run.stderr
    (feature,) = _stored_layer(essay_store_path, "star")
    geometry = shapely.geometry.shape(feature["geometry"])
    assert geometry.is_valid and geometry.area > 0
    _export_map_deck(essay_store_path, tmp_path / "maps.pdf")


def test_a_large_valid_layer_is_simplified_and_exports_within_limits(
    essay_store_path: Path, tmp_path: Path
) -> None:
    n = 200_000  # a wiggly coastline: detail far below what a page shows
    wiggle = [1 + 0.01 * math.sin(2 * math.pi * 300 * i / n) for i in range(n)]
    ring = [
        [
            37.5 + 1.5 * wiggle[i] * math.cos(2 * math.pi * i / n),
            48.0 + 1.0 * wiggle[i] * math.sin(2 * math.pi * i / n),
        ]
        for i in range(n)
    ]
    coast = _geojson(tmp_path / "coast.geojson", [[*ring, ring[0]]])
    run = run_cli(essay_store_path, "map", "import", MAP, str(coast))
    assert run.returncode == 0, run.stderr
    (feature,) = _stored_layer(essay_store_path, "coast")
    stored = shapely.geometry.shape(feature["geometry"])
    assert stored.is_valid and shapely.get_num_coordinates(stored) < n / 10
    _export_map_deck(essay_store_path, tmp_path / "maps.pdf")


def test_too_many_points_is_one_sentence(essay_store_path: Path, tmp_path: Path) -> None:
    ring = [[37.0 + i * 1e-6, 48.0 + (i % 2) * 1e-6] for i in range(600_000)]
    line = tmp_path / "line.geojson"
    line.write_text(json.dumps({"type": "LineString", "coordinates": ring}))
    _refused(essay_store_path, "map", "import", MAP, str(line), fragment="500,000 points")


def test_files_too_large_to_parse_in_the_budget_are_refused_before_parsing(
    essay_store_path: Path, tmp_path: Path
) -> None:
    """48 MB of points or 44 MB of tiny features, under the 500 MB limit of the trial."""
    dense = tmp_path / "dense.geojson"
    dense.write_text(
        '{"type":"LineString","coordinates":[' + ",".join(["[0,0]"] * 8_000_000) + "]}"
    )
    _refused(essay_store_path, "map", "import", MAP, str(dense), fragment="500,000 points")
    tiny = tmp_path / "tiny.geojson"
    feature = (
        '{"type":"Feature","properties":{},"geometry":{"type":"LineString",'
        '"coordinates":[[30,50],[30.0001,50]]}}'
    )
    tiny.write_text(
        '{"type":"FeatureCollection","features":[' + ",".join([feature] * 400_000) + "]}"
    )
    _refused(essay_store_path, "map", "import", MAP, str(tiny), fragment="5,000 features")


# --- bounded parsing ------------------------------------------------------------------------


def test_nesting_deeper_than_the_recursion_limit(essay_store_path: Path, tmp_path: Path) -> None:
    deep = tmp_path / "deep.geojson"
    deep.write_text('{"type": "Polygon", "coordinates": ' + "[" * 100_000 + "]" * 100_000 + "}")
    _refused(essay_store_path, "map", "import", MAP, str(deep), fragment="nested too deeply")
    props = tmp_path / "props.geojson"
    nested = "[" * 900 + "]" * 900
    props.write_text(
        '{"type": "Feature", "geometry": {"type": "Polygon", "coordinates": '
        "[[[36, 47], [39, 47], [39, 49], [36, 47]]]}, "
        f'"properties": {{"name": {nested}, "id": {nested}}}, "id": {nested}}}'
    )
    run = run_cli(essay_store_path, "map", "import", MAP, str(props))
    assert run.returncode == 0, run.stderr
    (feature,) = _stored_layer(essay_store_path, "props")
    assert feature["name"] == "feature 1"


@pytest.mark.parametrize(
    "number",
    ["1" + "0" * 300, "-" + "9" * 5000, "0." + "0" * 400 + "1", "1e999", "NaN", "-Infinity"],
)
def test_numbers_with_hundreds_of_digits(
    essay_store_path: Path, tmp_path: Path, number: str
) -> None:
    path = tmp_path / "digits.geojson"
    path.write_text('{"type": "LineString", "coordinates": [[30, 50], [' + number + ", 51]]}")
    _refused(essay_store_path, "map", "import", MAP, str(path), fragment="not a coordinate")


def test_long_numbers_in_properties_are_kept_as_data(
    essay_store_path: Path, tmp_path: Path
) -> None:
    """Only coordinates are bounded: a 5,000-digit population or a NaN score is data."""
    path = tmp_path / "census.geojson"
    path.write_text(
        '{"type": "Feature", "id": ' + "7" * 60 + ', "geometry": {"type": "Polygon", '
        '"coordinates": [[[36, 47], [39, 47], [39, 49], [36, 47]]]}, '
        '"properties": {"name": ' + "9" * 5000 + ', "score": NaN, "area": 1e999}}'
    )
    run = run_cli(essay_store_path, "map", "import", MAP, str(path))
    assert run.returncode == 0, (run.stdout, run.stderr)
    (feature,) = _stored_layer(essay_store_path, "census")
    assert feature["name"] == "9" * 200  # a name is cut to 200 characters, as any name


# --- declared coordinate systems ------------------------------------------------------------


def _mercator(lon: float, lat: float) -> list[float]:
    r = 6378137.0
    return [math.radians(lon) * r, r * math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))]


@pytest.mark.parametrize("name", ["EPSG:3857", "urn:ogc:def:crs:EPSG::3857"])
def test_web_mercator_is_honoured(essay_store_path: Path, tmp_path: Path, name: str) -> None:
    square = [_mercator(36, 47), _mercator(39, 47), _mercator(39, 49), _mercator(36, 49)]
    crs = {"type": "name", "properties": {"name": name}}
    path = _geojson(tmp_path / "merc.geojson", [[*square, square[0]]], crs=crs)
    run = run_cli(essay_store_path, "map", "import", MAP, str(path))
    assert run.returncode == 0, run.stderr
    (feature,) = _stored_layer(essay_store_path, "merc")
    bounds = shapely.geometry.shape(feature["geometry"]).bounds
    assert bounds == pytest.approx((36, 47, 39, 49), abs=1e-6)


@pytest.mark.parametrize("name", ["EPSG:2154", "urn:ogc:def:crs:EPSG::32634", "my own"])
def test_other_declared_systems_are_refused(
    essay_store_path: Path, tmp_path: Path, name: str
) -> None:
    crs = {"type": "name", "properties": {"name": name}}
    path = _geojson(tmp_path / "other.geojson", [[[36, 47], [39, 47], [39, 49], [36, 47]]], crs=crs)
    _refused(essay_store_path, "map", "import", MAP, str(path), fragment="reproject it first")


def test_metres_without_a_declaration_are_not_read_as_degrees(
    essay_store_path: Path, tmp_path: Path
) -> None:
    square = [_mercator(36, 47), _mercator(39, 47), _mercator(39, 49), _mercator(36, 47)]
    path = _geojson(tmp_path / "metres.geojson", [square])
    _refused(essay_store_path, "map", "import", MAP, str(path), fragment="declare its coordinate")


# --- GeoPackages ----------------------------------------------------------------------------

_NEVER_ENDING = (
    "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n) SELECT {cols} FROM n "
    "WHERE x < 0"
)


def _gpkg(
    path: Path, *, features_view: bool = False, srs_view: bool = False, srs: int = 4326
) -> Path:
    conn = sqlite3.connect(path)
    conn.executescript(
        "CREATE TABLE gpkg_contents (table_name TEXT PRIMARY KEY, data_type TEXT, srs_id INT);"
        "CREATE TABLE gpkg_geometry_columns (table_name TEXT, column_name TEXT);"
        f"INSERT INTO gpkg_contents VALUES ('zones', 'features', {srs});"
        "INSERT INTO gpkg_geometry_columns VALUES ('zones', 'geom');"
    )
    if srs != 4326:
        conn.executescript(
            "CREATE TABLE gpkg_spatial_ref_sys (srs_id INT PRIMARY KEY, organization TEXT, "
            "organization_coordsys_id INT);"
            f"INSERT INTO gpkg_spatial_ref_sys VALUES ({srs}, 'EPSG', {srs});"
        )
    if srs_view:
        conn.execute(
            "CREATE VIEW gpkg_spatial_ref_sys AS "
            + _NEVER_ENDING.format(
                cols="4326 AS srs_id, 'EPSG' AS organization, 4326 AS organization_coordsys_id"
            )
        )
    if features_view:
        conn.execute(
            "CREATE VIEW zones AS "
            + _NEVER_ENDING.format(cols="x AS fid, 'Zone' AS name, NULL AS geom")
        )
    else:
        conn.execute("CREATE TABLE zones (fid INTEGER PRIMARY KEY, name TEXT, geom BLOB)")
        box = shapely.box(36, 47, 39, 49)
        if srs == 3857:
            box = shapely.Polygon([_mercator(*xy) for xy in box.exterior.coords])
        wkb = shapely.to_wkb(box)
        conn.execute(
            "INSERT INTO zones (name, geom) VALUES ('Zone', ?)",
            (b"GP\x00\x01" + (4326).to_bytes(4, "little") + wkb,),
        )
    conn.commit()
    conn.close()
    return path


def test_a_gpkg_table_imports(essay_store_path: Path, tmp_path: Path) -> None:
    run = run_cli(essay_store_path, "map", "import", MAP, str(_gpkg(tmp_path / "ok.gpkg")))
    assert run.returncode == 0, run.stderr


def test_a_gpkg_in_web_mercator_is_converted_and_others_refused(
    essay_store_path: Path, tmp_path: Path
) -> None:
    path = _gpkg(tmp_path / "merc.gpkg", srs=3857)
    run = run_cli(essay_store_path, "map", "import", MAP, str(path))
    assert run.returncode == 0, run.stderr
    (feature,) = _stored_layer(essay_store_path, "merc")
    bounds = shapely.geometry.shape(feature["geometry"]).bounds
    assert bounds == pytest.approx((36, 47, 39, 49), abs=1e-6)
    other = _gpkg(tmp_path / "utm.gpkg", srs=32634)
    _refused(essay_store_path, "map", "import", MAP, str(other), fragment="EPSG:32634")


def test_a_view_as_the_feature_table_is_refused_at_once(
    essay_store_path: Path, tmp_path: Path
) -> None:
    path = _gpkg(tmp_path / "view.gpkg", features_view=True)
    _refused(essay_store_path, "map", "import", MAP, str(path), fragment="is a view, not a table")


def test_a_never_ending_read_stops_at_the_time_budget(
    essay_store_path: Path, tmp_path: Path
) -> None:
    path = _gpkg(tmp_path / "slow.gpkg", srs_view=True)
    _refused(essay_store_path, "map", "import", MAP, str(path), fragment="took longer than")


def _wait_until_open(pid: int, path: Path) -> None:
    target = str(path.resolve())
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        fds = Path(f"/proc/{pid}/fd")
        try:
            if any(os.readlink(fd) == target for fd in fds.iterdir()):
                return
        except OSError:
            pass
        time.sleep(0.02)
    raise AssertionError(f"the import never opened {path.name}")


def test_ctrl_c_stops_a_gpkg_read(essay_store_path: Path, tmp_path: Path) -> None:
    path = _gpkg(tmp_path / "slow.gpkg", srs_view=True)
    before = store_dump(essay_store_path)
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "briefing_app",
            "--db",
            str(essay_store_path),
            "map",
            "import",
            MAP,
            str(path),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=child_env(),
        cwd=REPO,
    )
    _wait_until_open(proc.pid, path)  # the read of the never-ending view has begun
    os.kill(proc.pid, signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    # 130, not the read budget's exit 2: Ctrl+C stopped SQLite mid-statement
    assert proc.returncode == 130, err
    assert "Traceback" not in err and "interrupted" in err
    assert store_dump(essay_store_path) == before


def _children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(c) for c in text.split()]


def test_ctrl_c_stops_a_repair(essay_store_path: Path, tmp_path: Path) -> None:
    star = _geojson(tmp_path / "star.geojson", [_star(5000)])
    before = store_dump(essay_store_path)
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "briefing_app",
            "--db",
            str(essay_store_path),
            "map",
            "import",
            MAP,
            str(star),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=child_env(),
        cwd=REPO,
    )
    deadline = time.monotonic() + 60
    while not _children(proc.pid) and time.monotonic() < deadline:
        time.sleep(0.02)
    helpers = _children(proc.pid)
    assert helpers, "the repair helper never started"
    os.kill(proc.pid, signal.SIGINT)  # the terminal sends it to both; the app must cope alone
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert "Traceback" not in err and "interrupted" in err
    assert not any(Path(f"/proc/{pid}").exists() and _state(pid) != "Z" for pid in helpers)
    assert store_dump(essay_store_path) == before


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(") ")[1][:1]
    except OSError:
        return "Z"


# --- a real GeoPackage nobody here wrote ---------------------------------------------------


def _world_map() -> Path:
    from .test_map_data import _gpkg as world_map

    found = world_map()
    if found is None:
        pytest.skip(
            "world_map.gpkg not available: `apt-get download qgis-common && dpkg -x "
            "qgis-common_*.deb x`, then set BRIEFING_WORLD_MAP_GPKG"
        )
    return found


def test_natural_earth_countries_import_and_export_within_limits(
    essay_store_path: Path, tmp_path: Path
) -> None:
    world = _world_map()
    run = run_cli(
        essay_store_path,
        "map",
        "import",
        MAP,
        str(world),
        "--gpkg-layer",
        "countries",
        "--name",
        "World",
    )
    assert run.returncode == 0, run.stderr
    features = _stored_layer(essay_store_path, "World")
    assert len(features) > 200
    assert all(shapely.geometry.shape(f["geometry"]).is_valid for f in features)
    _export_map_deck(essay_store_path, tmp_path / "maps.pdf")
    # 400,000 points of provinces stay over the stored limit even simplified
    _refused(
        essay_store_path,
        "map",
        "import",
        MAP,
        str(world),
        "--gpkg-layer",
        "states_provinces",
        fragment="even after simplifying",
    )


# --- removing a layer -----------------------------------------------------------------------


def test_map_layer_remove(essay_store_path: Path, tmp_path: Path) -> None:
    star = _geojson(tmp_path / "zone.geojson", [[[36, 47], [39, 47], [39, 49], [36, 47]]])
    assert run_cli(essay_store_path, "map", "import", MAP, str(star)).returncode == 0
    _refused(
        essay_store_path, "map", "layer", "remove", MAP, "no such layer", fragment="has no layer"
    )
    _refused(essay_store_path, "map", "layer", "remove", "no-such-map", "zone", fragment="no map")
    run = run_cli(essay_store_path, "map", "layer", "remove", MAP, "zone")
    assert run.returncode == 0 and "Removed layer 'zone'" in run.stdout
    shown = json.loads(run_cli(essay_store_path, "map", "show", MAP, "--json").stdout)
    assert "zone" not in [layer["name"] for layer in shown["layers"]]
