"""Derive the product's compact map data from Natural Earth (via QGIS's world_map.gpkg).

Natural Earth 1:10m cultural vectors (public domain) ship offline inside Debian's
``qgis-common`` package as ``usr/share/qgis/resources/data/world_map.gpkg`` (layers
``countries``, ``states_provinces``, ``disputed_borders``; GeoPackage binary header + WKB,
EPSG:4326). This script selects what the briefing maps need and writes, beside itself,

    resources/maps/natural_earth_subset.json   (one feature per line, sorted, 4 decimals)
    resources/maps/ATTRIBUTION.md

It is a tool of the checkout, not of the product: the app only reads what it wrote (the
wheel leaves the script out). It needs shapely, which the app already installs.

Usage, from the checkout::

    python3 resources/maps/derive.py --gpkg path/to/world_map.gpkg
    python3 resources/maps/derive.py --fetch        # apt-get download qgis-common, dpkg -x

Running it twice gives identical bytes. Deliberate departures from Natural Earth's own
assignment (all listed in ATTRIBUTION.md): Crimea and Sevastopol belong to Ukraine (shown
occupied), following US, EU and UN General Assembly (res. 68/262) policy; Northern Cyprus and
the UK bases are part of Cyprus, Baikonur part of Kazakhstan (de jure, as for Crimea).
"""

from __future__ import annotations

import argparse
import json
import re
import sqlite3
import subprocess
import sys
import tempfile
import unicodedata
from pathlib import Path
from typing import Any

import shapely
from shapely import wkb
from shapely.geometry.base import BaseGeometry

OUT_DIR = Path(__file__).resolve().parent  # resources/maps/, beside the data it derives
OUT_JSON = OUT_DIR / "natural_earth_subset.json"
OUT_ATTRIBUTION = OUT_DIR / "ATTRIBUTION.md"
GPKG_IN_DEB = "usr/share/qgis/resources/data/world_map.gpkg"
DEFAULT_GPKG_PATHS = (Path("/") / GPKG_IN_DEB,)

# Europe and its neighbours (lon_min, lat_min, lon_max, lat_max), plus Russia up to the Urals
# and beyond; larger than any bundled map's view so the cut edges are never on screen.
DATA_BBOX = (-35.0, 25.0, 70.0, 82.0)
DATA_BBOX_EAST = (50.0, 40.0, 110.0, 82.0)
PRECISION = 4  # decimals of a degree (about 11 m)
GRID = 10.0**-PRECISION
SIMPLIFY_DEG = 0.002  # about 200 m: below 1:10m detail, removes only redundant vertices

# Admin-1 regions the maps need, by Natural Earth adm0_a3.
ADMIN1_COUNTRIES = ("UKR", "KOS")
OCCUPIED = {"Crimea": "UKR", "Sevastopol": "UKR"}  # NE puts these under RUS

UKRAINE_NAMES = {  # NE 4.1 spellings -> current English usage (Ukrainian national system)
    "Cherkasy": "Cherkasy",
    "Chernihiv": "Chernihiv",
    "Chernivtsi": "Chernivtsi",
    "Crimea": "Crimea",
    "Dnipropetrovs'k": "Dnipropetrovsk",
    "Donets'k": "Donetsk",
    "Ivano-Frankivs'k": "Ivano-Frankivsk",
    "Kharkiv": "Kharkiv",
    "Kherson": "Kherson",
    "Khmel'nyts'kyy": "Khmelnytskyi",
    "Kiev": "Kyiv",
    "Kiev City": "Kyiv City",
    "Kirovohrad": "Kirovohrad",
    "L'viv": "Lviv",
    "Luhans'k": "Luhansk",
    "Mykolayiv": "Mykolaiv",
    "Odessa": "Odesa",
    "Poltava": "Poltava",
    "Rivne": "Rivne",
    "Sevastopol": "Sevastopol",
    "Sumy": "Sumy",
    "Ternopil'": "Ternopil",
    "Transcarpathia": "Zakarpattia",
    "Vinnytsya": "Vinnytsia",
    "Volyn": "Volyn",
    "Zaporizhzhya": "Zaporizhzhia",
    "Zhytomyr": "Zhytomyr",
}
KOSOVO_ALBANIAN = {  # NE uses the Serbian forms; the Albanian ones are kept as name_sq
    "Dečani": "Deçan",
    "Dragaš": "Dragash",
    "Glogovac": "Drenas",
    "Gnjilane": "Gjilan",
    "Istok": "Istog",
    "Kačanik": "Kaçanik",
    "Klina": "Klina",
    "Kosovo Polje": "Fushë Kosova",
    "Kosovska Kamenica": "Kamenica",
    "Kosovska Mitrovica": "Mitrovicë",
    "Leposavić": "Leposaviq",
    "Lipljan": "Lipjan",
    "Mališevo": "Malisheva",
    "Novo Brdo": "Novobërda",
    "Obilić": "Obiliq",
    "Orahovac": "Rahovec",
    "Peć": "Peja",
    "Podujevo": "Podujeva",
    "Priština": "Prishtina",
    "Prizren": "Prizren",
    "Srbica": "Skenderaj",
    "Štimlje": "Shtime",
    "Štrpce": "Shtërpcë",
    "Suva Reka": "Suhareka",
    "Uroševac": "Ferizaj",
    "Vitina": "Viti",
    "Vučitrn": "Vushtrri",
    "Zubin Potok": "Zubin Potok",
    "Zvečan": "Zveçan",
    "Đakovica": "Gjakova",
}
KOSOVO_DISPLAY = {"Priština": "Pristina", "Kosovska Mitrovica": "Mitrovica"}
SERB_MAJORITY_NORTH = ("Leposavić", "Zvečan", "Zubin Potok")
COUNTRY_NAMES = {  # NE's abbreviated names -> names fit for a label
    "Bosnia and Herz.": "Bosnia and Herzegovina",
    "Macedonia": "North Macedonia",
    "Czechia": "Czechia",
    "Faeroe Is.": "Faroe Islands",
}
COUNTRY_IDS = {"Kosovo": "KOS"}  # NE has ISO_A3 -99 for Kosovo
# Pieces of NE's unnamed "-1" country feature, merged into the de jure state.
UNNAMED_PARTS_TO = {"CYP": (32.0, 34.4, 34.7, 35.8), "KAZ": (62.0, 45.0, 64.5, 47.0)}

ATTRIBUTION = """\
# Map data

`natural_earth_subset.json` is derived by `resources/maps/derive.py` from **Natural Earth**
1:10m Cultural Vectors v4.1.0 (Admin 0 Countries, Admin 1 States and Provinces, Admin 0
Breakaway and Disputed Areas boundary lines), as generalised and packaged in QGIS's
`world_map.gpkg` (Debian package `qgis-common`). Natural Earth is in the **public domain**
(https://www.naturalearthdata.com/about/terms-of-use/). Every map drawn from it carries the
source line "Boundaries: Natural Earth".

Changes made by the derivation (not silently copied from Natural Earth):

- **Crimea and Sevastopol** are assigned to Ukraine and flagged `occupied_by = RUS`; maps
  draw them hatched as Ukrainian territory under Russian occupation, following US, EU and
  UN General Assembly (resolution 68/262) policy. Natural Earth 4.1 files them under Russia.
- Northern Cyprus and the UK Sovereign Base Areas are merged into Cyprus, and the Baikonur
  lease into Kazakhstan (de jure assignment, as for Crimea).
- Ukrainian oblast names use current English spellings (Kyiv, Odesa, Zaporizhzhia, ...);
  the Natural Earth spelling is kept as `ne_name`. Kosovo municipalities keep Natural
  Earth's Serbian names (Pristina and Mitrovica in English) with the Albanian form as
  `name_sq`. Natural Earth has one Mitrovica municipality; North Mitrovica (created 2013)
  is not separate in the data.
- Coordinates are clipped to lon -35..70, lat 25..82 plus lon 50..110, lat 40..82,
  rounded to 4 decimals and simplified with a 0.002 degree tolerance (below the detail
  of the source).
"""


def data_region() -> BaseGeometry:
    return shapely.union(shapely.box(*DATA_BBOX), shapely.box(*DATA_BBOX_EAST))


# --- reading the GeoPackage -------------------------------------------------------------


def gpkg_geometry(blob: bytes) -> BaseGeometry:
    """Decode a GeoPackage geometry blob: 'GP' header, optional envelope, then WKB."""
    if blob[:2] != b"GP":
        raise ValueError("not a GeoPackage geometry blob")
    envelope = (blob[3] >> 1) & 0b111
    size = {0: 0, 1: 32, 2: 48, 3: 48, 4: 64}[envelope]
    return wkb.loads(bytes(blob[8 + size :]))


def _rows(conn: sqlite3.Connection, sql: str) -> list[sqlite3.Row]:
    conn.row_factory = sqlite3.Row
    return list(conn.execute(sql))


def _slug(name: str) -> str:
    name = name.replace("Đ", "D").replace("đ", "d")
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")


# --- geometry clean-up ------------------------------------------------------------------


def _tidy(geom: BaseGeometry) -> BaseGeometry:
    """Clip to the data box, simplify, snap to the 4-decimal grid; deterministic."""
    geom = geom.intersection(data_region())
    geom = shapely.simplify(geom, SIMPLIFY_DEG, preserve_topology=True)
    geom = shapely.set_precision(geom, GRID)
    return shapely.normalize(geom)


def _polygons(geom: BaseGeometry) -> list[list[list[list[float]]]]:
    """MultiPolygon coordinates (exterior first, then holes), dropping slivers."""
    parts = getattr(geom, "geoms", [geom])
    out = []
    for poly in parts:
        if poly.geom_type != "Polygon" or poly.is_empty or poly.area < GRID * GRID * 4:
            continue
        rings = [poly.exterior, *poly.interiors]
        out.append(
            [[[round(x, PRECISION), round(y, PRECISION)] for x, y in r.coords] for r in rings]
        )
    return out


def _lines(geom: BaseGeometry) -> list[list[list[float]]]:
    parts = getattr(geom, "geoms", [geom])
    return [
        [[round(x, PRECISION), round(y, PRECISION)] for x, y in line.coords]
        for line in parts
        if line.geom_type == "LineString" and not line.is_empty
    ]


def _feature(
    fid: str, layer: str, name: str, geom: BaseGeometry, **props: object
) -> dict[str, Any] | None:
    geom = _tidy(geom)
    coords: list[list[list[float]]] | list[list[list[list[float]]]]
    if layer == "disputed":
        coords, kind = _lines(geom), "MultiLineString"
    else:
        coords, kind = _polygons(geom), "MultiPolygon"
    if not coords:
        return None
    clean = {k: v for k, v in props.items() if v not in (None, "")}
    return {
        "id": fid,
        "layer": layer,
        "name": name,
        "props": clean,
        "type": kind,
        "coordinates": coords,
    }


# --- selection --------------------------------------------------------------------------


def derive(gpkg: Path) -> dict[str, Any]:
    """The whole subset as a plain dict (pure: same file in, same dict out)."""
    conn = sqlite3.connect(f"{gpkg.resolve().as_uri()}?mode=ro", uri=True)
    try:
        countries = _rows(conn, "SELECT fid, NAME, ISO_A3, iso_a2, geom FROM countries")
        admin1 = _rows(conn, "SELECT fid, name, adm0_a3, iso_a2, geom FROM states_provinces")
        disputed = _rows(conn, "SELECT fid, name, adm0_left, adm0_a3_l, geom FROM disputed_borders")
    finally:
        conn.close()
    box = data_region()
    occupied = {
        r["name"]: gpkg_geometry(r["geom"])
        for r in admin1
        if r["adm0_a3"] == "RUS" and r["name"] in OCCUPIED
    }
    occupied_union = shapely.union_all(list(occupied.values()))
    extra: dict[str, list[BaseGeometry]] = {code: [] for code in UNNAMED_PARTS_TO}
    for row in countries:
        if row["NAME"] is None and row["geom"] is not None:
            for part in getattr(gpkg_geometry(row["geom"]), "geoms", []):
                for code, bbox in UNNAMED_PARTS_TO.items():
                    if shapely.box(*bbox).contains(part):
                        extra[code].append(part)

    features: list[dict[str, Any]] = []
    for row in countries:
        name, geom_blob = row["NAME"], row["geom"]
        if name is None or geom_blob is None:
            continue
        geom = gpkg_geometry(geom_blob)
        if not geom.intersects(box):
            continue
        code = COUNTRY_IDS.get(name, row["ISO_A3"])
        if code == "RUS":
            geom = geom.difference(occupied_union)
        elif code == "UKR":
            geom = shapely.union_all([geom, occupied_union])
        if extra.get(code):
            geom = shapely.union_all([geom, *extra[code]])
        feature = _feature(
            code,
            "countries",
            COUNTRY_NAMES.get(name, name),
            geom,
            iso_a2=row["iso_a2"],
            ne_name=name,
        )
        if feature:
            features.append(feature)

    for row in admin1:
        ne_name, adm0 = row["name"], row["adm0_a3"]
        occupied_here = adm0 == "RUS" and ne_name in OCCUPIED
        if adm0 not in ADMIN1_COUNTRIES and not occupied_here:
            continue
        country = OCCUPIED[ne_name] if occupied_here else adm0
        props: dict[str, object] = {"country": country, "ne_name": ne_name}
        if country == "UKR":
            name = UKRAINE_NAMES.get(ne_name, ne_name)
        else:
            name = KOSOVO_DISPLAY.get(ne_name, ne_name)
            props["name_sq"] = KOSOVO_ALBANIAN.get(ne_name)
            props["serb_majority_north"] = ne_name in SERB_MAJORITY_NORTH or None
        if occupied_here:
            props["occupied_by"] = "RUS"
            props["occupied_since"] = 2014
        feature = _feature(
            f"{country}.{_slug(name)}", "admin1", name, gpkg_geometry(row["geom"]), **props
        )
        if feature:
            features.append(feature)

    for row in disputed:
        geom = gpkg_geometry(row["geom"])
        if not geom.intersects(box):
            continue
        name = row["name"]
        feature = _feature(
            f"LINE.{_slug(name)}-{row['fid']}",
            "disputed",
            name,
            geom,
            country=row["adm0_a3_l"],
            ne_name=name,
        )
        if feature:
            features.append(feature)

    features.sort(key=lambda f: (f["layer"], f["id"]))
    return {
        "attribution": "Boundaries: Natural Earth (public domain).",
        "source": "Natural Earth 1:10m Cultural Vectors v4.1.0 via QGIS world_map.gpkg",
        "bbox": [list(DATA_BBOX), list(DATA_BBOX_EAST)],
        "precision": PRECISION,
        "features": features,
    }


def serialize(data: dict[str, Any]) -> bytes:
    """Stable bytes: sorted keys, one feature per line, no float noise."""
    head = {k: v for k, v in data.items() if k != "features"}
    lines = [
        json.dumps(f, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        for f in data["features"]
    ]
    body = ",\n".join(lines)
    head_json = json.dumps(head, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return f'{head_json[:-1]},"features":[\n{body}\n]}}\n'.encode()


# --- command line -----------------------------------------------------------------------


def fetch_gpkg(workdir: Path) -> Path:
    """apt-get download qgis-common and unpack it (no install); return the GPKG path."""
    subprocess.run(["apt-get", "download", "qgis-common"], cwd=workdir, check=True)
    debs = sorted(workdir.glob("qgis-common_*.deb"))
    if not debs:
        raise SystemExit("apt-get download produced no qgis-common package")
    subprocess.run(["dpkg", "-x", str(debs[-1]), str(workdir / "x")], check=True)
    return workdir / "x" / GPKG_IN_DEB


def find_gpkg() -> Path | None:
    for path in DEFAULT_GPKG_PATHS:
        if path.is_file():
            return path
    return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gpkg", type=Path, help="path to QGIS's world_map.gpkg")
    parser.add_argument("--fetch", action="store_true", help="apt-get download qgis-common")
    parser.add_argument("--out", type=Path, default=OUT_DIR, help="output folder")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        gpkg = args.gpkg or (fetch_gpkg(Path(tmp)) if args.fetch else find_gpkg())
        if gpkg is None or not gpkg.is_file():
            print("world_map.gpkg not found: pass --gpkg PATH or --fetch", file=sys.stderr)
            return 2
        data = serialize(derive(gpkg))
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / OUT_JSON.name).write_bytes(data)
    (args.out / OUT_ATTRIBUTION.name).write_text(ATTRIBUTION, encoding="utf-8")
    print(f"wrote {args.out / OUT_JSON.name} ({len(data):,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
