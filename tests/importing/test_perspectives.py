"""Perspectives are declared by each document's argument map, not fixed in the code."""

from __future__ import annotations

import sqlite3
import tomllib
from pathlib import Path

import pytest
from alembic import command

from briefing_app.domain.vocabulary import Perspective
from briefing_app.importing.argument_map import ArgumentMapError, load_argument_map
from briefing_app.paths import ARGUMENT_MAP_DIR
from briefing_app.services import argument_map, library
from briefing_app.services.arguments import create_argument, perspectives
from briefing_app.store.errors import StoreError
from briefing_app.store.store import alembic_config, open_store

MAP = ARGUMENT_MAP_DIR / "balkans-breakthrough-for-ukraine.toml"


def _declared_in_file() -> list[Perspective]:
    data = tomllib.loads(MAP.read_text(encoding="utf-8"))
    return [Perspective(p["key"], p["name"]) for p in data["perspective"]]


def _rewritten(tmp_path: Path, old: str, new: str) -> Path:
    text = MAP.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "map.toml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def test_the_store_holds_the_maps_perspectives_in_its_order(essay_store) -> None:
    declared = _declared_in_file()
    assert [p.key for p in declared][:3] == ["ukraine", "russia", "us"]
    assert perspectives(essay_store) == declared
    used = {p for a in library.arguments(essay_store) for p in a.perspectives}
    assert used <= {p.key for p in declared}


def test_an_undeclared_perspective_is_refused(essay_store, tmp_path: Path) -> None:
    before = library.arguments(essay_store), perspectives(essay_store)
    path = _rewritten(tmp_path, '[[perspective]]\nkey = "nato-eu"\nname = "NATO / EU"\n', "")
    with pytest.raises(ArgumentMapError, match="'nato-eu', which the map does not declare"):
        load_argument_map(essay_store, path)
    assert (library.arguments(essay_store), perspectives(essay_store)) == before


def test_reloading_a_map_renames_and_adds_perspectives(essay_store, tmp_path: Path) -> None:
    path = _rewritten(
        tmp_path,
        'key = "us"\nname = "United States"\n',
        'key = "us"\nname = "USA"\n\n[[perspective]]\nkey = "eu"\nname = "European Union"\n',
    )
    load_argument_map(essay_store, path)
    names = {p.key: p.name for p in perspectives(essay_store)}
    assert names["us"] == "USA" and names["eu"] == "European Union"
    assert list(names)[:4] == ["ukraine", "russia", "us", "eu"]
    arg = next(a for a in library.arguments(essay_store) if "us" in a.perspectives)
    assert "USA" in argument_map.argument_detail(essay_store, arg.id).perspectives


def test_a_user_argument_takes_only_its_documents_perspectives(essay_store) -> None:
    paragraph = library.paragraphs(essay_store)[2]
    fields = dict(paragraph_id=paragraph.id, start=0, end=20, label="Mine", claim="A claim",
                  kind="premise")  # fmt: skip
    with pytest.raises(StoreError, match="'wakanda' is not a perspective of this document"):
        create_argument(essay_store, perspectives=["wakanda"], **fields)
    made = create_argument(essay_store, perspectives=["kosovo", "ukraine"], **fields).value
    assert library.argument(essay_store, made).perspectives == ["ukraine", "kosovo"]


def test_upgrading_an_older_store_names_its_perspectives(essay_store_path: Path) -> None:
    config = alembic_config()
    config.set_main_option("sqlalchemy.url", f"sqlite:///{essay_store_path}")
    command.downgrade(config, "0010")  # as the previous release left it
    with sqlite3.connect(essay_store_path) as conn:
        conn.execute("""UPDATE argument SET perspectives = '["us", "atlantis"]' WHERE id = 1""")
    store = open_store(essay_store_path)
    try:
        upgraded = perspectives(store)
    finally:
        store.close()
    assert upgraded == [*_declared_in_file(), Perspective("atlantis", "atlantis")]
