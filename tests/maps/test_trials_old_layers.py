"""Trials (issue 14): layers imported before the geometry limits are checked once.

A store made before migration 0013 may hold imported layers whose shapes cross
themselves. Opening it validates, repairs and simplifies them under the import's budget,
once; a layer beyond the budget is removed with one sentence (on stderr and in the log),
so drawing never repairs, for old stores too.
"""

from __future__ import annotations

import json
import math
import sqlite3
from pathlib import Path

import pytest
import shapely
from alembic import command
from cli_trials import run_cli, store_dump
from sqlalchemy import create_engine

from briefing_app.store.store import alembic_config

# The stress tier: opens and exports an old store through the CLI in child processes under
# resource limits.
pytestmark = pytest.mark.stress

MAP = "ukraine-donbas"


def _star(n: int) -> dict:
    step = n // 2 - 1
    ring = [
        [
            37.5 + 1.5 * math.cos(2 * math.pi * i * step / n),
            48.0 + 1.0 * math.sin(2 * math.pi * i * step / n),
        ]
        for i in range(n)
    ]
    return {"type": "Polygon", "coordinates": [[*ring, ring[0]]]}


def _old_store(db: Path, layers: dict[str, dict]) -> None:
    """A store as one made before 0013 looks: layers stored as they were imported."""
    assert run_cli(db, "init").returncode == 0
    conn = sqlite3.connect(db)
    try:
        map_id = conn.execute("SELECT id FROM map WHERE key = ?", (MAP,)).fetchone()[0]
        (position,) = conn.execute(
            "SELECT COUNT(*) FROM map_layer WHERE map_id = ?", (map_id,)
        ).fetchone()
        for offset, (name, geometry) in enumerate(layers.items()):
            features = [{"id": f"{name}-1", "name": name, "geometry": geometry}]
            conn.execute(
                "INSERT INTO map_layer (map_id, position, name, kind, source, selector, "
                "features, style, legend) VALUES (?, ?, ?, 'area', 'inline', '{}', ?, ?, ?)",
                (
                    map_id,
                    position + offset,
                    name,
                    json.dumps(features),
                    json.dumps({"stroke": "outline"}),
                    name,
                ),
            )
        conn.commit()
    finally:
        conn.close()
    # Back to the schema of 0012 by the migrations' own downgrades (0013 drops
    # geometry_checked; later ones drop what they added).
    engine = create_engine(f"sqlite:///{db}")
    config = alembic_config()
    try:
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.downgrade(config, "0012")
    finally:
        engine.dispose()


def _layers(db: Path) -> dict[str, tuple[list, int]]:
    conn = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
    try:
        rows = conn.execute(
            "SELECT name, features, geometry_checked FROM map_layer WHERE source = 'inline'"
        )
        return {name: (json.loads(features), checked) for name, features, checked in rows}
    finally:
        conn.close()


def test_old_layers_are_repaired_or_removed_once(
    essay_store_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    log = tmp_path / "log" / "briefing.log"
    monkeypatch.setenv("BRIEFING_LOG", str(log))
    bowtie = {
        "type": "Polygon",
        "coordinates": [[[36, 47], [39, 49], [39, 47], [36, 49], [36, 47]]],
    }
    _old_store(essay_store_path, {"Bowtie": bowtie, "Star": _star(5000), "Star 61": _star(61)})
    run = run_cli(essay_store_path, "maps")
    assert run.returncode == 0, run.stderr
    assert "Traceback" not in run.stderr
    lines = [line for line in run.stderr.splitlines() if line.strip()]
    # A store this old also gets the bundled argument map again (its own sentence).
    lines = [line for line in lines if not line.startswith("The bundled argument map")]
    assert len(lines) == 1, run.stderr
    note = lines[0]
    assert note.startswith(
        f"The layer Star on the map {MAP}, imported before the geometry "
        "limits, was removed: its shapes cross themselves"
    ), note
    assert note in log.read_text(encoding="utf-8")  # recorded, not only said
    layers = _layers(essay_store_path)
    assert set(layers) == {"Bowtie", "Star 61"}
    for features, checked in layers.values():
        assert checked == 1
        geometry = shapely.geometry.shape(features[0]["geometry"])
        assert geometry.is_valid and geometry.area > 0
    conn = sqlite3.connect(f"{essay_store_path.resolve().as_uri()}?mode=ro", uri=True)
    positions = [
        p
        for (p,) in conn.execute(
            "SELECT position FROM map_layer WHERE map_id = (SELECT id FROM map WHERE key = ?) "
            "ORDER BY position",
            (MAP,),
        )
    ]
    conn.close()
    assert positions == list(range(len(positions)))
    # once: the next open changes nothing and says nothing
    before = store_dump(essay_store_path)
    again = run_cli(essay_store_path, "maps")
    assert again.returncode == 0 and again.stderr == ""
    assert store_dump(essay_store_path) == before
    # and a deck with the map exports within the trial's limits, repairing nothing
    assert (
        run_cli(essay_store_path, "deck", "create", "maps", "--from", "default-briefing").returncode
        == 0
    )
    out = tmp_path / "maps.pdf"
    export = run_cli(essay_store_path, "export", "maps", "--format", "pdf", "--out", str(out))
    assert export.returncode == 0, export.stderr
