"""Reading a user's GeoJSON or GeoPackage file into layer features, with strict checks.

Nothing here touches the store: a file is read and validated completely first, so a bad
file raises MapImportError (one sentence for the user) before anything is written.
"""

from __future__ import annotations

import json
import math
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from briefing_app.maps.spec import InlineFeature
from briefing_app.store.errors import StoreError

if TYPE_CHECKING:
    import shapely

MAX_BYTES = 50 * 1024 * 1024
MAX_FEATURES = 5000
MAX_VERTICES = 1_000_000
GEOMETRY_TYPES = ("Polygon", "MultiPolygon", "LineString", "MultiLineString")
NAME_KEYS = ("name", "NAME", "Name", "name_en", "title", "label")


class MapImportError(StoreError):
    """A layer file that cannot be imported; the store is left as it was."""


@dataclass(frozen=True)
class ImportedLayer:
    name: str
    kind: str  # area | line
    features: tuple[InlineFeature, ...]


def read_layer_file(path: str | Path, *, max_bytes: int = MAX_BYTES,
                    max_features: int = MAX_FEATURES, layer: str | None = None) -> ImportedLayer:
    """Validate and read ``path`` (.geojson/.json or .gpkg) into lon/lat features."""
    path = Path(path)
    if not path.is_file():
        raise MapImportError(f"The file {path.name} does not exist or is not a regular file.")
    size = path.stat().st_size
    if size > max_bytes:
        raise MapImportError(
            f"The file {path.name} is {size / 1e6:.1f} MB; map layers can be at most "
            f"{max_bytes / 1e6:.0f} MB."
        )
    is_gpkg = path.suffix.lower() == ".gpkg"
    items = _read_gpkg(path, layer) if is_gpkg else _read_geojson(path)
    if not items:
        raise MapImportError(f"The file {path.name} holds no features to draw.")
    if len(items) > max_features:
        raise MapImportError(
            f"The file {path.name} has {len(items):,} features; a layer can have at most "
            f"{max_features:,}."
        )
    features, kinds, vertices = [], set(), 0
    for n, (fid, name, geometry) in enumerate(items, start=1):
        label = name or f"feature {n}"
        kind, count = _check_geometry(geometry, f"{label} in {path.name}")
        kinds.add(kind)
        vertices += count
        if vertices > MAX_VERTICES:
            raise MapImportError(
                f"The file {path.name} has more than {MAX_VERTICES:,} points; simplify it first."
            )
        features.append(InlineFeature(str(fid or f"{path.stem}-{n}"), label,
                                      json.dumps(geometry, separators=(",", ":"))))
    if len(kinds) > 1:
        raise MapImportError(
            f"The file {path.name} mixes areas and lines; import them as separate layers."
        )
    return ImportedLayer(layer or path.stem, kinds.pop(), tuple(features))


def _read_geojson(path: Path) -> list[tuple[object, str, dict]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise MapImportError(f"The file {path.name} is not UTF-8 text, so not GeoJSON.") from None
    except json.JSONDecodeError as exc:
        raise MapImportError(
            f"The file {path.name} is not valid JSON (line {exc.lineno}, column {exc.colno})."
        ) from None
    if not isinstance(data, dict) or "type" not in data:
        raise MapImportError(f"The file {path.name} is JSON but not GeoJSON (no 'type').")
    if data["type"] == "FeatureCollection":
        raw = data.get("features")
        if not isinstance(raw, list):
            raise MapImportError(f"The FeatureCollection in {path.name} has no feature list.")
    elif data["type"] == "Feature":
        raw = [data]
    elif data["type"] in GEOMETRY_TYPES:
        raw = [{"type": "Feature", "geometry": data, "properties": {}}]
    else:
        raise MapImportError(
            f"The file {path.name} holds GeoJSON of type {str(data['type'])[:40]!r}; "
            "maps take polygons and lines."
        )
    items = []
    for n, feat in enumerate(raw, start=1):
        if not isinstance(feat, dict) or feat.get("type") != "Feature":
            raise MapImportError(f"Item {n} in {path.name} is not a GeoJSON Feature.")
        props = feat.get("properties") or {}
        if not isinstance(props, dict):
            raise MapImportError(f"Feature {n} in {path.name} has malformed properties.")
        name = next((str(props[k]) for k in NAME_KEYS if props.get(k)), "")
        geometry = feat.get("geometry")
        if not isinstance(geometry, dict):
            raise MapImportError(f"Feature {n} in {path.name} has no geometry.")
        items.append((feat.get("id") or props.get("id"), name[:200], geometry))
    return items


def _read_gpkg(path: Path, layer: str | None) -> list[tuple[object, str, dict]]:
    import shapely  # loaded when a layer is imported, not at start-up

    try:
        conn = sqlite3.connect(_read_only_uri(path), uri=True)
        conn.execute("PRAGMA trusted_schema = OFF")  # the file's views run no risky functions
    except sqlite3.Error:
        raise MapImportError(f"The file {path.name} cannot be opened as a GeoPackage.") from None
    try:
        try:
            tables = conn.execute(
                "SELECT c.table_name, g.column_name, c.srs_id FROM gpkg_contents c "
                "JOIN gpkg_geometry_columns g ON g.table_name = c.table_name "
                "WHERE c.data_type = 'features' ORDER BY c.table_name"
            ).fetchall()
        except sqlite3.DatabaseError:
            raise MapImportError(f"The file {path.name} is not a GeoPackage.") from None
        chosen = [t for t in tables if layer is None or t[0] == layer]
        if not chosen:
            names = ", ".join(t[0] for t in tables) or "none"
            raise MapImportError(f"The GeoPackage {path.name} has no layer {layer!r} ({names}).")
        table, column, srs = chosen[0]
        if srs != 4326:
            raise MapImportError(
                f"The layer {table} in {path.name} uses EPSG:{srs}; only EPSG:4326 (lon/lat) "
                "can be imported."
            )
        cols = [r[1] for r in conn.execute(f'PRAGMA table_info("{table}")')]
        name_col = next((c for c in NAME_KEYS if c in cols), None)
        select = f'"{name_col}"' if name_col else "''"
        rows = conn.execute(
            f'SELECT rowid, {select}, "{column}" FROM "{table}" LIMIT {MAX_FEATURES + 1}'
        ).fetchall()
    except sqlite3.DatabaseError:
        raise MapImportError(f"The GeoPackage {path.name} is damaged.") from None
    finally:
        conn.close()
    items = []
    for rowid, name, blob in rows:
        if blob is None:
            continue
        try:
            geom = _gpkg_geometry(bytes(blob))
        except Exception:
            raise MapImportError(
                f"Feature {rowid} in {path.name} has unreadable geometry."
            ) from None
        items.append((rowid, str(name or "")[:200], json.loads(shapely.to_geojson(geom))))
    return items


def _read_only_uri(path: Path) -> str:
    """An SQLite URI that reads ``path`` and writes nothing beside it.

    ``immutable`` stops SQLite creating ``-wal``/``-shm`` files next to a WAL-mode
    GeoPackage; when a ``-wal`` is already there (another program has the file open),
    plain read-only mode reads it too.
    """
    uri = path.resolve().as_uri()  # percent-encodes "?" and "#", so a name is never a query
    wal = path.with_name(path.name + "-wal")
    return f"{uri}?mode=ro" if wal.exists() else f"{uri}?mode=ro&immutable=1"


def _gpkg_geometry(blob: bytes) -> shapely.Geometry:
    from shapely import wkb

    if blob[:2] != b"GP":
        raise ValueError("not a GeoPackage geometry")
    size = {0: 0, 1: 32, 2: 48, 3: 48, 4: 64}[(blob[3] >> 1) & 0b111]
    return wkb.loads(blob[8 + size :])


def _check_geometry(geometry: dict, where: str) -> tuple[str, int]:
    """('area' | 'line', point count) or MapImportError for anything malformed."""
    import shapely  # loaded when a layer is imported, not at start-up

    kind = geometry.get("type")
    if kind not in GEOMETRY_TYPES:
        raise MapImportError(
            f"The geometry of {where} is {str(kind)[:40]!r}; only polygons and lines can be drawn."
        )
    coords = geometry.get("coordinates")
    depth = {"LineString": 1, "MultiLineString": 2, "Polygon": 2, "MultiPolygon": 3}[kind]
    count = _check_coords(coords, depth, where)
    try:
        geom = shapely.from_geojson(json.dumps(geometry))
    except Exception:
        raise MapImportError(f"The geometry of {where} is malformed.") from None
    if geom.is_empty:
        raise MapImportError(f"The geometry of {where} is empty.")
    return ("line" if "Line" in kind else "area"), count


def _check_coords(coords: object, depth: int, where: str) -> int:
    if not isinstance(coords, list) or not coords:
        raise MapImportError(f"The coordinates of {where} are missing or malformed.")
    if depth == 0:
        if len(coords) < 2 or not all(isinstance(v, int | float) and not isinstance(v, bool)
                                      for v in coords[:2]):
            raise MapImportError(f"The coordinates of {where} are not numbers.")
        lon, lat = float(coords[0]), float(coords[1])
        if not (math.isfinite(lon) and math.isfinite(lat)) or abs(lon) > 180 or abs(lat) > 90:
            raise MapImportError(
                f"The coordinates of {where} are outside longitude -180..180 / latitude "
                "-90..90; the file must be in lon/lat (EPSG:4326)."
            )
        return 1
    return sum(_check_coords(c, depth - 1, where) for c in coords)
