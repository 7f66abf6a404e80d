"""Map commands: list, show, adjust the interim-administration area, import a layer."""

from __future__ import annotations

import json
from pathlib import Path

from briefing_app.cli import main

INTERIM = "Interim UN/OSCE administration (proposed)"


def _json(capsys, *args: str):
    assert main([*args, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_list_and_show(capsys, essay_store_path: Path) -> None:
    rows = _json(capsys, "--db", str(essay_store_path), "maps")
    assert {r["key"] for r in rows} >= {"ukraine-donbas", "western-balkans", "kosovo-north"}
    shown = _json(capsys, "--db", str(essay_store_path), "map", "show", "kosovo-north")
    assert shown["layers"] and "Boundaries" not in shown["title"]


def test_adjust_the_interim_administration_area(capsys, essay_store_path: Path) -> None:
    db = str(essay_store_path)
    ids = "UKR.donetsk,UKR.luhansk,UKR.zaporizhzhia"
    assert main(["--db", db, "map", "adjust", "ukraine-donbas", INTERIM, "--ids", ids]) == 0
    assert "updated" in capsys.readouterr().out
    layers = _json(capsys, "--db", db, "map", "show", "ukraine-donbas")["layers"]
    interim = next(layer for layer in layers if layer["name"] == INTERIM)
    assert interim["ids"] == ids.split(",")


def test_bad_layer_file_is_one_sentence_and_changes_nothing(
    capsys, essay_store_path: Path, tmp_path: Path
) -> None:
    db = str(essay_store_path)
    before = _json(capsys, "--db", db, "map", "show", "kosovo-north")
    bad = tmp_path / "bad.geojson"
    bad.write_text('{"type": "FeatureCollection", "features": [{"type": "Feature", ', "utf-8")
    assert main(["--db", db, "map", "import", "kosovo-north", str(bad)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].endswith(".")
    assert _json(capsys, "--db", db, "map", "show", "kosovo-north") == before
