"""Maps in the store: bundled maps load once and round-trip; bad files change nothing."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
import shapely

from briefing_app.maps.bundled import bundled_spec, bundled_specs
from briefing_app.maps.compose import map_boxes
from briefing_app.maps.import_layers import MapImportError
from briefing_app.services import maps
from briefing_app.store.errors import NotFoundError
from briefing_app.store.store import Store

from ._helpers import FRAME, dump_store

SQUARE = [[[36.0, 47.0], [39.0, 47.0], [39.0, 49.0], [36.0, 49.0], [36.0, 47.0]]]


def _geojson(path: Path, features: list[dict]) -> Path:
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    return path


def _feature(coords=SQUARE, kind="Polygon", name="Zone") -> dict:
    return {
        "type": "Feature",
        "properties": {"name": name},
        "geometry": {"type": kind, "coordinates": coords},
    }


def test_bundled_maps_load_once_and_round_trip(essay_store: Store) -> None:
    # the bundled store loads them on first run; loading again adds nothing
    keys = [m.key for m in maps.list_maps(essay_store)]
    assert sorted(keys) == sorted(s.key for s in bundled_specs())
    before = dump_store(essay_store)
    assert maps.load_bundled_maps(essay_store) == []
    assert dump_store(essay_store) == before
    for spec in bundled_specs():
        assert maps.get_map(essay_store, spec.key) == spec
    args = maps.linked_arguments(essay_store, "ukraine-donbas")
    assert [a.key for a in args] == list(bundled_spec("ukraine-donbas").arguments)
    assert "ukraine-donbas" in maps.maps_for_argument(essay_store, args[0].id)


def test_maps_without_the_essay_have_no_links(empty_store: Store) -> None:
    maps.load_bundled_maps(empty_store)
    assert all(m.arguments == () for m in maps.list_maps(empty_store))


def test_link_unlink_and_adjust(essay_store: Store) -> None:
    maps.load_bundled_maps(essay_store)
    maps.link_argument(essay_store, "kosovo-north", "thesis")
    assert maps.get_map(essay_store, "kosovo-north").arguments[-1] == "thesis"
    maps.unlink_argument(essay_store, "kosovo-north", "thesis")
    assert "thesis" not in maps.get_map(essay_store, "kosovo-north").arguments
    with pytest.raises(NotFoundError):
        maps.link_argument(essay_store, "kosovo-north", "no-such-argument")
    name = "Interim UN/OSCE administration (proposed)"
    maps.update_layer(
        essay_store, "ukraine-donbas", name, ids=("UKR.donetsk", "UKR.luhansk", "UKR.zaporizhzhia")
    )
    spec = maps.get_map(essay_store, "ukraine-donbas")
    assert next(la for la in spec.layers if la.name == name).ids[-1] == "UKR.zaporizhzhia"
    before = dump_store(essay_store)
    with pytest.raises(maps.MapError):
        maps.update_layer(essay_store, "ukraine-donbas", name, ids=("UKR.atlantis",))
    assert dump_store(essay_store) == before


def test_import_geojson_layer_draws(essay_store: Store, tmp_path: Path) -> None:
    maps.load_bundled_maps(essay_store)
    path = _geojson(tmp_path / "zone.geojson", [_feature()])
    assert maps.import_layer(essay_store, "ukraine-donbas", path).value == "zone"
    boxes = map_boxes(maps.get_map(essay_store, "ukraine-donbas"), FRAME)
    assert any(b.name == "Zone" for b in boxes)


def test_import_geopackage_layer(essay_store: Store, tmp_path: Path) -> None:
    maps.load_bundled_maps(essay_store)
    path = tmp_path / "lines.gpkg"
    conn = sqlite3.connect(path)
    conn.executescript(
        "CREATE TABLE gpkg_contents (table_name TEXT, data_type TEXT, srs_id INTEGER);"
        "CREATE TABLE gpkg_geometry_columns (table_name TEXT, column_name TEXT);"
        "CREATE TABLE front (fid INTEGER PRIMARY KEY, name TEXT, geom BLOB);"
        "INSERT INTO gpkg_contents VALUES ('front', 'features', 4326);"
        "INSERT INTO gpkg_geometry_columns VALUES ('front', 'geom');"
    )
    blob = (
        b"GP\x00\x01"
        + (4326).to_bytes(4, "little")
        + shapely.to_wkb(shapely.LineString([(36.5, 47.2), (38.0, 48.0), (39.5, 49.0)]))
    )
    conn.execute("INSERT INTO front (name, geom) VALUES ('Front line', ?)", (blob,))
    conn.commit()
    conn.close()
    name = maps.import_layer(essay_store, "ukraine-donbas", path, name="Front").value
    layer = maps.get_map(essay_store, "ukraine-donbas").layers[-1]
    assert name == "Front" and layer.kind == "line" and layer.features[0].name == "Front line"


BAD_FILES = {
    "malformed.geojson": ('{"type": "FeatureCollection", "features": [', "not valid JSON"),
    "wrong.geojson": (json.dumps({"type": "Topology", "objects": {}}), "polygons and lines"),
    "point.geojson": (
        json.dumps({"type": "FeatureCollection", "features": [_feature([30.0, 50.0], "Point")]}),
        "only polygons and lines",
    ),
    "range.geojson": (
        json.dumps(
            {
                "type": "FeatureCollection",
                "features": [
                    _feature([[[3.6e6, 4.7e6], [3.9e6, 4.7e6], [3.9e6, 4.9e6], [3.6e6, 4.7e6]]])
                ],
            }
        ),
        "EPSG:4326",
    ),
    "nan.geojson": (
        '{"type":"Feature","properties":{},"geometry":{"type":"LineString",'
        '"coordinates":[[30,50],[NaN,51]]}}',
        "not a coordinate",
    ),
    "empty.geojson": (json.dumps({"type": "FeatureCollection", "features": []}), "no features"),
    "text.geojson": (
        '{"type": "Feature", "geometry": {"type": "Polygon", "coordinates": [[["a", "b"]]]}}',
        "not numbers",
    ),
    "binary.geojson": (b"\xff\xfe\x00garbage", "not UTF-8"),
    "fake.gpkg": ("this is not a database", "GeoPackage"),
}


@pytest.mark.parametrize("filename", sorted(BAD_FILES))
def test_bad_layer_file_leaves_store_unchanged(
    essay_store: Store, tmp_path: Path, filename: str
) -> None:
    maps.load_bundled_maps(essay_store)
    content, message = BAD_FILES[filename]
    path = tmp_path / filename
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content)
    before = dump_store(essay_store)
    with pytest.raises(MapImportError, match=message) as info:
        maps.import_layer(essay_store, "ukraine-donbas", path)
    assert str(info.value).count(". ") == 0 and str(info.value).endswith(".")
    assert dump_store(essay_store) == before


def test_huge_files_are_refused(essay_store: Store, tmp_path: Path, monkeypatch) -> None:
    maps.load_bundled_maps(essay_store)
    before = dump_store(essay_store)
    many = _geojson(tmp_path / "many.geojson", [_feature(name=f"Z{i}") for i in range(5001)])
    with pytest.raises(MapImportError, match="at most 5,000"):
        maps.import_layer(essay_store, "ukraine-donbas", many)
    monkeypatch.setattr("briefing_app.maps.import_layers.MAX_BYTES", 1000)
    with pytest.raises(MapImportError, match="at most"):
        maps.import_layer(essay_store, "ukraine-donbas", many)
    assert dump_store(essay_store) == before
