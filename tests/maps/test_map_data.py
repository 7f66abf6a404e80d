"""The committed Natural Earth subset: what the maps need is there, derived reproducibly."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from briefing_app.maps import geodata

GPKG_CANDIDATES = [
    os.environ.get("BRIEFING_WORLD_MAP_GPKG", ""),
    "/usr/share/qgis/resources/data/world_map.gpkg",
]


# The derivation script lives beside the data it writes, outside the product package.
DERIVE_SCRIPT = Path(__file__).resolve().parents[2] / "resources" / "maps" / "derive.py"


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


def test_derivation_is_reproducible(tmp_path: Path) -> None:
    """The script, run as a command on Natural Earth, writes resources/maps/ byte for byte."""
    gpkg = _gpkg()
    if gpkg is None:
        pytest.skip(
            "world_map.gpkg not available: `apt-get download qgis-common && dpkg -x "
            "qgis-common_*.deb x`, then set BRIEFING_WORLD_MAP_GPKG"
        )
    command = [sys.executable, str(DERIVE_SCRIPT), "--gpkg", str(gpkg), "--out", str(tmp_path)]
    subprocess.run(command, check=True, capture_output=True, timeout=600)
    for name in (geodata.SUBSET_PATH.name, "ATTRIBUTION.md"):
        committed = (geodata.MAPS_DIR / name).read_bytes()
        assert (tmp_path / name).read_bytes() == committed, f"{name} is stale: rerun derive.py"


def test_the_script_is_not_in_the_product_package() -> None:
    """A checkout tool beside its data, not a module of briefing_app (the wheel test in
    tests/test_packaging.py checks the wheel leaves it out)."""
    assert DERIVE_SCRIPT.is_file()
    assert not list(Path(geodata.__file__).resolve().parents[1].rglob("derive.py"))
