"""Reading a user's GeoJSON or GeoPackage file into layer features, with limits we choose.

Nothing here touches the store: a file is read, validated, repaired and simplified
completely first, so a bad file raises MapImportError (one sentence) before anything is
written. What it returns is valid, simplified lon/lat geometry, so drawing a map never
has to repair anything.

Limits, each refused with one sentence beyond it: file size, feature and vertex counts,
JSON nesting depth and number length, the time a GeoPackage may take to read (only real
tables, never views) and the time and memory repairing invalid shapes may take
(``maps.repair``). A declared coordinate system is honoured (lon/lat, Web Mercator) or
refused, never silently read as degrees.
"""

from __future__ import annotations

import json
import math
import re
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from briefing_app.maps.spec import InlineFeature
from briefing_app.store.errors import StoreError

if TYPE_CHECKING:
    from shapely.geometry.base import BaseGeometry

MAX_BYTES = 50 * 1024 * 1024
MAX_FEATURES = 5000
MAX_VERTICES = 500_000  # read from the file
MAX_STORED_VERTICES = 250_000  # kept after simplification
MAX_REPAIR_VERTICES = 20_000  # an invalid layer larger than this is refused outright
MAX_NUMBER_CHARS = 40  # digits, sign, point and exponent of one JSON number
MAX_NAME_CHARS = 200
GPKG_READ_SECONDS = 5.0
SIMPLIFY_DEGREES = 0.0005  # about 50 m: below what any map page can show
GEOMETRY_TYPES = ("Polygon", "MultiPolygon", "LineString", "MultiLineString")
NAME_KEYS = ("name", "NAME", "Name", "name_en", "title", "label")
LONLAT_CODES = frozenset({4326, 4258, 4269})  # WGS 84, ETRS89, NAD83: degrees, within metres
MERCATOR_CODES = frozenset({3857, 900913, 102100, 102113, 3785})
EARTH_RADIUS = 6378137.0  # the sphere of Web Mercator
MERCATOR_MAX = math.pi * EARTH_RADIUS
_CRS_CODE = re.compile(r"(?:EPSG|ESRI)?:*(?:[\d.]*:)?(\d{4,6})$", re.IGNORECASE)


class MapImportError(StoreError):
    """A layer file that cannot be imported; the store is left as it was."""


@dataclass(frozen=True)
class ImportedLayer:
    name: str
    kind: str  # area | line
    features: tuple[InlineFeature, ...]


@dataclass
class _Item:
    fid: str
    name: str
    geometry: BaseGeometry
    vertices: int


def read_layer_file(
    path: str | Path,
    *,
    max_bytes: int = MAX_BYTES,
    max_features: int = MAX_FEATURES,
    layer: str | None = None,
) -> ImportedLayer:
    """Validate and read ``path`` (.geojson/.json or .gpkg) into valid lon/lat features."""
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
    items = _read_gpkg(path, layer, max_features) if is_gpkg else _read_geojson(path, max_features)
    if not items:
        raise MapImportError(f"The file {path.name} holds no features to draw.")
    if len(items) > max_features:
        _too_many(path.name, max_features)
    kinds = {"line" if "Line" in item.geometry.geom_type else "area" for item in items}
    if len(kinds) > 1:
        raise MapImportError(
            f"The file {path.name} mixes areas and lines; import them as separate layers."
        )
    kind = kinds.pop()
    _make_valid(items, path.name, kind)
    features = _simplified(items, path.name)
    return ImportedLayer(layer or path.stem, kind, features)


def _too_many(name: str, max_features: int) -> None:
    raise MapImportError(
        f"The file {name} has more than {max_features:,} features; a layer can have at most "
        f"{max_features:,}."
    )


# --- GeoJSON --------------------------------------------------------------------------------


class _UnreadNumber(str):
    """A JSON number we do not turn into a float: too long or not finite.

    It stays text, so a property may hold it as data; only a coordinate must be a number
    (``_check_coords`` refuses it there), which keeps parsing linear in the file's size.
    """


def _parse_number(text: str) -> float | int | str:
    if len(text) > MAX_NUMBER_CHARS:
        return _UnreadNumber(text)
    value = float(text) if any(c in text for c in ".eE") else int(text)
    if not math.isfinite(value):
        return _UnreadNumber(text)
    return value


def _no_constant(text: str) -> str:
    return _UnreadNumber(text)


def _check_size_before_parsing(text: str, name: str, max_features: int) -> None:
    """Refuse by counting brackets what would be too large to parse within our memory.

    Python's JSON objects cost tens of bytes per ``[`` or ``{``: 50 MB of ``[0,0],`` parse
    into more than a gigabyte. Every position is one ``[`` and every feature at least two
    ``{``; the counts allow rings, properties and foreign members generously.
    """
    if text.count("{") > 20 * max_features + 100:
        _too_many(name, max_features)
    if text.count("[") > 2 * MAX_VERTICES + 10 * max_features:
        raise MapImportError(
            f"The file {name} has more than {MAX_VERTICES:,} points; simplify it first."
        )


def _read_geojson(path: Path, max_features: int) -> list[_Item]:
    try:
        text = path.read_text(encoding="utf-8")
        _check_size_before_parsing(text, path.name, max_features)
        data = json.loads(
            text, parse_int=_parse_number, parse_float=_parse_number, parse_constant=_no_constant
        )
    except UnicodeDecodeError:
        raise MapImportError(f"The file {path.name} is not UTF-8 text, so not GeoJSON.") from None
    except json.JSONDecodeError as exc:
        raise MapImportError(
            f"The file {path.name} is not valid JSON (line {exc.lineno}, column {exc.colno})."
        ) from None
    except RecursionError:
        raise MapImportError(f"The file {path.name} is nested too deeply to be GeoJSON.") from None
    if not isinstance(data, dict) or "type" not in data:
        raise MapImportError(f"The file {path.name} is JSON but not GeoJSON (no 'type').")
    mercator = _declared_crs(data.get("crs"), path.name)
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
    if len(raw) > max_features:
        _too_many(path.name, max_features)
    items, vertices = [], 0
    for n, feat in enumerate(raw, start=1):
        if not isinstance(feat, dict) or feat.get("type") != "Feature":
            raise MapImportError(f"Item {n} in {path.name} is not a GeoJSON Feature.")
        props = feat.get("properties") or {}
        if not isinstance(props, dict):
            raise MapImportError(f"Feature {n} in {path.name} has malformed properties.")
        name = _text(next((props[k] for k in NAME_KEYS if _text(props.get(k))), ""))
        geometry = feat.get("geometry")
        if not isinstance(geometry, dict):
            raise MapImportError(f"Feature {n} in {path.name} has no geometry.")
        fid = _text(feat.get("id")) or _text(props.get("id")) or f"{path.stem}-{n}"
        where = f"{name or f'feature {n}'} in {path.name}"
        geom, count = _geojson_geometry(geometry, where, mercator)
        vertices += count
        _check_vertices(vertices, path.name)
        items.append(_Item(fid, name or f"feature {n}", geom, count))
    return items


def _text(value: Any) -> str:
    """A name or id: only text and numbers count (a nested value is not a name)."""
    if isinstance(value, str):
        return value.strip()[:MAX_NAME_CHARS]
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return ""


def _declared_crs(crs: Any, name: str) -> bool:
    """Whether coordinates are Web Mercator metres (False: lon/lat); refuse anything else."""
    if crs is None:
        return False
    props = crs.get("properties") if isinstance(crs, dict) else None
    label = props.get("name", props.get("code")) if isinstance(props, dict) else None
    label = str(label).strip() if isinstance(label, str | int) else ""
    if label.upper().endswith("CRS84") or label.upper().endswith("CRS:84"):
        return False
    match = _CRS_CODE.search(label)
    code = int(match.group(1)) if match else None
    if code in LONLAT_CODES:
        return False
    if code in MERCATOR_CODES:
        return True
    shown = f"the coordinate system {label[:60]}" if label else "a coordinate system by link"
    raise MapImportError(
        f"The file {name} declares {shown}; only lon/lat (EPSG:4326, CRS84) and Web Mercator "
        "(EPSG:3857) can be imported, so reproject it first."
    )


def _geojson_geometry(geometry: dict[str, Any], where: str, mercator: bool) -> tuple[Any, int]:
    import shapely

    kind = geometry.get("type")
    if kind not in GEOMETRY_TYPES:
        raise MapImportError(
            f"The geometry of {where} is {str(kind)[:40]!r}; only polygons and lines can be drawn."
        )
    depth = {"LineString": 1, "MultiLineString": 2, "Polygon": 2, "MultiPolygon": 3}[kind]
    count = _check_coords(geometry.get("coordinates"), depth, where)
    try:
        geom = shapely.geometry.shape({"type": kind, "coordinates": geometry["coordinates"]})
    except Exception:
        raise MapImportError(f"The geometry of {where} is malformed.") from None
    return _to_lonlat(shapely.force_2d(geom), where, mercator), count


def _check_coords(coords: object, depth: int, where: str) -> int:
    """The number of positions, after checking the nesting and that each is two numbers."""
    if not isinstance(coords, list) or not coords:
        raise MapImportError(f"The coordinates of {where} are missing or malformed.")
    if depth == 0:
        unread = next((v for v in coords if isinstance(v, _UnreadNumber)), None)
        if unread is not None:
            shown = unread if len(unread) <= 20 else unread[:20] + "…"
            raise MapImportError(
                f"The coordinates of {where} hold the number {shown}, which is not a "
                f"coordinate (numbers may have at most {MAX_NUMBER_CHARS} characters and must "
                "be finite)."
            )
        if len(coords) < 2 or not all(
            isinstance(v, int | float) and not isinstance(v, bool) for v in coords
        ):
            raise MapImportError(f"The coordinates of {where} are not numbers.")
        return 1
    return sum(_check_coords(c, depth - 1, where) for c in coords)


def _to_lonlat(geom: Any, where: str, mercator: bool) -> Any:
    """``geom`` in lon/lat degrees; coordinates outside the declared system are refused."""
    import shapely

    if geom.is_empty:
        raise MapImportError(f"The geometry of {where} is empty.")
    x0, y0, x1, y1 = shapely.bounds(geom)
    if mercator:
        if max(abs(x0), abs(x1), abs(y0), abs(y1)) > MERCATOR_MAX * 1.0001:
            raise MapImportError(
                f"The coordinates of {where} lie outside the Web Mercator (EPSG:3857) world."
            )
        return shapely.transform(geom, _mercator_to_lonlat)
    if (
        not all(math.isfinite(v) for v in (x0, y0, x1, y1))
        or max(abs(x0), abs(x1)) > 180
        or max(abs(y0), abs(y1)) > 90
    ):
        raise MapImportError(
            f"The coordinates of {where} are outside longitude -180..180 / latitude "
            "-90..90; the file must be in lon/lat (EPSG:4326) or declare its coordinate system."
        )
    return geom


def _mercator_to_lonlat(xy: Any) -> Any:
    import numpy as np

    lon = np.degrees(xy[:, 0] / EARTH_RADIUS)
    lat = np.degrees(2.0 * np.arctan(np.exp(xy[:, 1] / EARTH_RADIUS)) - math.pi / 2)
    return np.column_stack([lon, lat])


def _check_vertices(total: int, name: str) -> None:
    if total > MAX_VERTICES:
        raise MapImportError(
            f"The file {name} has more than {MAX_VERTICES:,} points; simplify it first."
        )


# --- GeoPackage -----------------------------------------------------------------------------


class _Deadline:
    """An SQLite progress handler that stops a statement once the read budget is spent.

    The budget is this process's CPU time, so a busy machine refuses no file a quiet one
    reads; a wall-clock ceiling several times longer only catches a read that waits
    without working.
    """

    WALL_FACTOR = 6

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.cpu_end = time.process_time() + seconds
        self.wall_end = time.monotonic() + seconds * self.WALL_FACTOR

    def __call__(self) -> int:
        return 1 if self.passed() else 0

    def passed(self) -> bool:
        return time.process_time() > self.cpu_end or time.monotonic() > self.wall_end


def _read_gpkg(path: Path, layer: str | None, max_features: int) -> list[_Item]:
    deadline = _Deadline(GPKG_READ_SECONDS)
    try:
        conn = sqlite3.connect(_read_only_uri(path), uri=True)
        conn.execute("PRAGMA trusted_schema = OFF")  # the file's schema runs no risky functions
        conn.set_progress_handler(deadline, 1000)
    except sqlite3.Error:
        raise MapImportError(f"The file {path.name} cannot be opened as a GeoPackage.") from None
    try:
        table, srs, rows = _gpkg_rows(conn, path.name, layer, max_features)
    except sqlite3.OperationalError as exc:
        if "interrupt" not in str(exc):
            raise MapImportError(f"The GeoPackage {path.name} is damaged.") from None
        if not deadline.passed():
            raise KeyboardInterrupt from None  # Ctrl+C arrived while SQLite was reading
        raise MapImportError(
            f"Reading the GeoPackage {path.name} took longer than {deadline.seconds:.0f} s of "
            "processing; "
            "only plain feature tables of a reasonable size can be imported."
        ) from None
    except sqlite3.DatabaseError:
        raise MapImportError(f"The GeoPackage {path.name} is damaged.") from None
    finally:
        conn.close()
    mercator = srs in MERCATOR_CODES
    items, vertices = [], 0
    for rowid, name, blob in rows:
        if blob is None:
            continue
        label = _text(name) or f"feature {rowid}"
        where = f"{label} in {path.name}"
        try:
            geom = _gpkg_geometry(bytes(blob))
        except Exception:
            raise MapImportError(
                f"Feature {rowid} in {path.name} has unreadable geometry."
            ) from None
        if geom.geom_type not in GEOMETRY_TYPES:
            raise MapImportError(
                f"The geometry of {where} is a {geom.geom_type}; only polygons and lines can "
                "be drawn."
            )
        import shapely

        count = int(shapely.get_num_coordinates(geom))
        vertices += count
        _check_vertices(vertices, path.name)
        if not all(math.isfinite(v) for v in shapely.bounds(geom)):
            raise MapImportError(f"The coordinates of {where} are not finite numbers.")
        geom = _to_lonlat(shapely.force_2d(geom), where, mercator)
        items.append(_Item(f"{table}-{rowid}", label, geom, count))
    return items


def _gpkg_rows(
    conn: sqlite3.Connection, name: str, layer: str | None, max_features: int
) -> tuple[str, int, list[tuple[Any, ...]]]:
    for required in ("gpkg_contents", "gpkg_geometry_columns"):
        if _object_type(conn, required) != "table":
            raise MapImportError(f"The file {name} is not a GeoPackage.")
    tables = conn.execute(
        "SELECT c.table_name, g.column_name, c.srs_id FROM gpkg_contents c "
        "JOIN gpkg_geometry_columns g ON g.table_name = c.table_name "
        "WHERE c.data_type = 'features' ORDER BY c.table_name LIMIT 1000"
    ).fetchall()
    chosen = [t for t in tables if layer is None or t[0] == layer]
    if not chosen:
        names = ", ".join(str(t[0])[:60] for t in tables[:20]) or "none"
        raise MapImportError(f"The GeoPackage {name} has no layer {layer!r} ({names}).")
    table, column, srs = (str(chosen[0][0]), str(chosen[0][1]), chosen[0][2])
    kind = _object_type(conn, table)
    if kind != "table":
        raise MapImportError(
            f"The layer {table[:60]} in {name} is a {kind or 'missing table'}, not a table; "
            "only feature tables can be imported."
        )
    code = _epsg_code(conn, srs)
    if code not in LONLAT_CODES and code not in MERCATOR_CODES:
        raise MapImportError(
            f"The layer {table[:60]} in {name} uses EPSG:{code}; only lon/lat (EPSG:4326) and "
            "Web Mercator (EPSG:3857) can be imported, so reproject it first."
        )
    cols = [r[1] for r in conn.execute(f"PRAGMA table_info({_quoted(table)})")]
    if column not in cols:
        raise MapImportError(f"The layer {table[:60]} in {name} has no column {column[:60]!r}.")
    name_col = next((c for c in NAME_KEYS if c in cols), None)
    label = _quoted(name_col) if name_col else "''"
    rows = conn.execute(
        f"SELECT rowid, {label}, {_quoted(column)} FROM {_quoted(table)} LIMIT ?",
        (max_features + 1,),
    ).fetchall()
    return table, code if code in MERCATOR_CODES else 4326, rows


def _object_type(conn: sqlite3.Connection, name: str) -> str | None:
    """'table' for a real (not virtual) table, else 'view', 'virtual table' or None."""
    row = conn.execute(
        "SELECT type, sql FROM sqlite_master WHERE name = ? AND type IN ('table', 'view')",
        (name,),
    ).fetchone()
    if row is None:
        return None
    if row[0] == "table" and str(row[1] or "").lstrip().upper().startswith("CREATE VIRTUAL"):
        return "virtual table"
    return str(row[0])


def _epsg_code(conn: sqlite3.Connection, srs_id: object) -> object:
    """The EPSG code of a GeoPackage srs_id (its organisation's code when it names EPSG)."""
    try:
        row = conn.execute(
            "SELECT organization, organization_coordsys_id FROM gpkg_spatial_ref_sys "
            "WHERE srs_id = ?",
            (srs_id,),
        ).fetchone()
    except sqlite3.OperationalError as exc:
        if "interrupt" in str(exc):
            raise
        row = None
    if row and str(row[0]).upper() == "EPSG" and isinstance(row[1], int):
        return row[1]
    return srs_id


def _quoted(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


def _read_only_uri(path: Path) -> str:
    """An SQLite URI that reads ``path`` and writes nothing beside it.

    ``immutable`` stops SQLite creating ``-wal``/``-shm`` files next to a WAL-mode
    GeoPackage; when a ``-wal`` is already there (another program has the file open),
    plain read-only mode reads it too.
    """
    uri = path.resolve().as_uri()  # percent-encodes "?" and "#", so a name is never a query
    wal = path.with_name(path.name + "-wal")
    return f"{uri}?mode=ro" if wal.exists() else f"{uri}?mode=ro&immutable=1"


def _gpkg_geometry(blob: bytes) -> BaseGeometry:
    from shapely import wkb

    if blob[:2] != b"GP":
        raise ValueError("not a GeoPackage geometry")
    size = {0: 0, 1: 32, 2: 48, 3: 48, 4: 64}[(blob[3] >> 1) & 0b111]
    return wkb.loads(blob[8 + size :])


# --- validity and simplification ------------------------------------------------------------


def recheck_features(
    features: tuple[InlineFeature, ...], where: str, kind: str
) -> tuple[InlineFeature, ...]:
    """Stored features brought within today's import limits: valid, repaired, simplified.

    For layers imported before the limits (``services.maps.check_stored_layers``); refuses
    with ``MapImportError`` what an import would refuse, naming the layer as ``where``.
    """
    import shapely

    items, vertices = [], 0
    for feature in features:
        try:
            geom = shapely.from_geojson(feature.geometry)
        except Exception:
            raise MapImportError(f"the geometry of {feature.name} is malformed.") from None
        count = int(shapely.get_num_coordinates(geom))
        vertices += count
        if vertices > MAX_VERTICES:
            raise MapImportError(f"it has more than {MAX_VERTICES:,} points.")
        items.append(_Item(feature.id, feature.name, geom, count))
    _make_valid(items, where, kind, subject="it", shapes="its shapes")
    return _simplified(items, where, subject="it")


def _make_valid(
    items: list[_Item], name: str, kind: str, subject: str = "", shapes: str = ""
) -> None:
    """Repair invalid shapes in place, within the repair budget, or refuse the file.

    ``subject`` and ``shapes`` name what is refused in the sentences (default: "The file
    NAME", "The shapes in NAME").
    """
    import shapely

    from briefing_app.maps.repair import (
        REPAIR_MEMORY_MB,
        REPAIR_SECONDS,
        RepairBudgetExceeded,
        repair_wkb,
    )

    subject = subject or f"The file {name}"
    invalid = [item for item in items if not shapely.is_valid(item.geometry)]
    if not invalid:
        return
    first = invalid[0].name
    if sum(item.vertices for item in invalid) > MAX_REPAIR_VERTICES:
        raise MapImportError(
            f"{subject} has invalid shapes (first: {first}) with more than "
            f"{MAX_REPAIR_VERTICES:,} points, too many to repair; fix them in a GIS first."
        )
    try:
        repaired = repair_wkb([shapely.to_wkb(item.geometry) for item in invalid])
    except RepairBudgetExceeded:
        raise MapImportError(
            f"{shapes or f'The shapes in {name}'} cross themselves too often to repair within "
            f"{REPAIR_SECONDS:.0f} s of CPU time and {REPAIR_MEMORY_MB} MB (first: {first}); "
            "fix them in "
            "a GIS first."
        ) from None
    for item, blob in zip(invalid, repaired, strict=True):
        geom = _keep_kind(shapely.from_wkb(blob) if blob else shapely.Polygon(), kind)
        if geom.is_empty:
            raise MapImportError(f"The geometry of {item.name} in {name} has no area or length.")
        item.geometry = geom


def _keep_kind(geom: Any, kind: str) -> Any:
    """The polygon (area) or line parts of a repaired geometry."""
    import shapely

    wanted = ("LineString", "MultiLineString") if kind == "line" else ("Polygon", "MultiPolygon")
    if geom.geom_type in wanted:
        return geom
    parts = [p for p in getattr(geom, "geoms", [geom]) if p.geom_type in wanted]
    if not parts:
        return shapely.Polygon()
    return (
        shapely.union_all(parts)
        if kind == "area"
        else shapely.line_merge(
            shapely.MultiLineString([q for p in parts for q in getattr(p, "geoms", [p])])
        )
    )


def _simplified(items: list[_Item], name: str, subject: str = "") -> tuple[InlineFeature, ...]:
    """Valid geometry simplified below what a page shows, as compact GeoJSON text."""
    subject = subject or f"The file {name}"
    import shapely

    features, total = [], 0
    for item in items:
        simple = shapely.simplify(item.geometry, SIMPLIFY_DEGREES, preserve_topology=True)
        if simple.is_empty or not shapely.is_valid(simple):
            simple = item.geometry
        total += int(shapely.get_num_coordinates(simple))
        if total > MAX_STORED_VERTICES:
            raise MapImportError(
                f"{subject} keeps more than {MAX_STORED_VERTICES:,} points even after "
                "simplifying; split it or simplify it first."
            )
        features.append(InlineFeature(item.fid, item.name, shapely.to_geojson(simple)))
    return tuple(features)
