"""The committed Natural Earth subset: what the maps need is there, derived reproducibly."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from briefing_app.maps import geodata

GPKG_CANDIDATES = [
    os.environ.get("BRIEFING_WORLD_MAP_GPKG", ""),
    "/usr/share/qgis/resources/data/world_map.gpkg",
]


def _script():
    from briefing_app.maps import derive

    return derive


def _gpkg() -> Path | None:
    return next((Path(p) for p in GPKG_CANDIDATES if p and Path(p).is_file()), None)


def test_subset_is_compact_and_attributed() -> None:
    assert geodata.SUBSET_PATH.stat().st_size < 2_000_000
    data = json.loads(geodata.SUBSET_PATH.read_text(encoding="utf-8"))
    assert "Natural Earth" in data["attribution"]
    attribution = (geodata.MAPS_DIR / "ATTRIBUTION.md").read_text(encoding="utf-8")
    assert "public domain" in attribution and "Crimea" in attribution
    keys = [(f["layer"], f["id"]) for f in data["features"]]
    assert keys == sorted(keys) and len(set(keys)) == len(keys)


@pytest.mark.parametrize(
    "feature_id",
    [
        "UKR",
        "RUS",
        "SRB",
        "KOS",
        "BIH",
        "POL",
        "UKR.donetsk",
        "UKR.luhansk",
        "UKR.zaporizhzhia",
        "UKR.kherson",
        "UKR.crimea",
        "UKR.sevastopol",
        "KOS.leposavic",
        "KOS.zvecan",
        "KOS.zubin-potok",
        "KOS.mitrovica",
        "LINE.ukrainian-claim-45",
    ],
)
def test_needed_features_exist(feature_id: str) -> None:
    feat = geodata.feature(feature_id)
    assert not feat.geometry.is_empty and feat.geometry.is_valid


def test_crimea_is_ukrainian_and_occupied_not_russian() -> None:
    crimea = geodata.feature("UKR.crimea")
    assert crimea.prop("country") == "UKR" and crimea.prop("occupied_by") == "RUS"
    assert geodata.feature("UKR.sevastopol").prop("occupied_by") == "RUS"
    point = crimea.geometry.representative_point()
    assert geodata.feature("UKR").geometry.contains(point)
    assert not geodata.feature("RUS").geometry.intersects(point)


def test_kosovo_north_is_flagged() -> None:
    north = {f.id for f in geodata.select("admin1", ("KOS.*",)) if f.prop("serb_majority_north")}
    assert north == {"KOS.leposavic", "KOS.zvecan", "KOS.zubin-potok"}
    assert geodata.feature("KOS.zvecan").prop("name_sq") == "Zveçan"


def test_derivation_is_reproducible() -> None:
    gpkg = _gpkg()
    if gpkg is None:
        pytest.skip(
            "world_map.gpkg not available: `apt-get download qgis-common && dpkg -x "
            "qgis-common_*.deb x`, then set BRIEFING_WORLD_MAP_GPKG"
        )
    script = _script()
    first = script.serialize(script.derive(gpkg))
    second = script.serialize(script.derive(gpkg))
    assert first == second
    assert first == geodata.SUBSET_PATH.read_bytes(), "committed subset is stale: rerun the script"
