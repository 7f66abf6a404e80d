"""Nothing in an imported file makes the app read other local files or reach the network.

Each importer (essay text, Markdown, the TOML argument map, GeoJSON and GeoPackage map
layers) reads a file that names other places: images and links to ``file:///etc/passwd``
or ``http://…``, linked GeoJSON coordinate systems, GeoPackage views calling SQLite
extensions. A Python audit hook records every file opened, every socket and every
process started while the importer runs; only the chosen file may be read.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import sys
import sysconfig
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import shapely
from pptx import Presentation
from sqlalchemy import select

from briefing_app.importing.argument_map import load_argument_map
from briefing_app.maps.import_layers import MapImportError
from briefing_app.paths import RESOURCES_DIR
from briefing_app.render.export import export_deck
from briefing_app.services import decks, library, maps
from briefing_app.services.bootstrap import import_file
from briefing_app.store.models import Link
from briefing_app.store.store import Store, open_store

REACHING_OUT = {
    "socket.__new__", "socket.connect", "socket.getaddrinfo", "socket.gethostbyname",
    "urllib.Request", "http.client.connect", "ftplib.connect", "smtplib.connect",
    "subprocess.Popen", "os.system", "os.exec", "os.posix_spawn", "os.spawn", "os.startfile",
    "webbrowser.open", "sqlite3.load_extension", "sqlite3.enable_load_extension",
}  # fmt: skip
_recording: list[tuple[str, tuple]] | None = None


def _hook(event: str, args: tuple) -> None:
    if _recording is not None and (event in REACHING_OUT or event in ("open", "sqlite3.connect")):
        _recording.append((event, args))


sys.addaudithook(_hook)  # audit hooks cannot be removed; this one records only when asked


@contextmanager
def watching() -> Iterator[list[tuple[str, tuple]]]:
    """Record what the code inside the block opens, connects to and starts."""
    global _recording
    events: list[tuple[str, tuple]] = []
    _recording = events
    try:
        yield events
    finally:
        _recording = None


_CODE_DIRS = tuple(
    {str(Path(p).resolve()) for p in (sys.prefix, sys.base_prefix, *sysconfig.get_paths().values())}
)


def opened(events: list[tuple[str, tuple]]) -> set[Path]:
    """Files (and SQLite databases) opened, leaving out Python's own code and libraries."""
    paths = set()
    for event, args in events:
        target = args[0] if args else None
        if event == "sqlite3.connect" and isinstance(target, str):
            target = unquote(urlsplit(target).path) if target.startswith("file:") else target
        elif event != "open" or not isinstance(target, str | bytes | os.PathLike):
            continue
        path = Path(os.fsdecode(target)).resolve()
        if path.suffix in (".py", ".pyc", ".so", ".pth") or str(path).startswith(_CODE_DIRS):
            continue
        paths.add(path)
    return paths


def reaching_out(events: list[tuple[str, tuple]]) -> list[tuple[str, tuple]]:
    return [(event, args) for event, args in events if event in REACHING_OUT]


@pytest.fixture
def local_store(tmp_path: Path) -> Iterator[Store]:
    """A SQLite store (a PostgreSQL store's own socket would hide an importer's)."""
    store = open_store(tmp_path / "local.sqlite")
    yield store
    store.close()


@pytest.fixture
def local_essay_store(essay_store_path: Path) -> Iterator[Store]:
    store = open_store(essay_store_path)
    yield store
    store.close()


def _listing(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir()}


# --- essay text and Markdown ----------------------------------------------------------------

MARKDOWN = """\
# Hostile references

An image ![the alt text](file:///etc/passwd) and a remote one ![pixel](http://127.0.0.1:9/p.png),
an HTML <img src="http://127.0.0.1:9/q.png"> tag and <iframe src="file:///etc/passwd"></iframe>,
a [local link](file:///etc/shadow), a [path](/etc/passwd) and a [web link](https://example.org).[^1]

[^1]: A note with ![an image](data:image/png;base64,iVBORw0KGgo=) and [a link](http://127.0.0.1:9/).
"""

ESSAY = """\
IMAGE - http://127.0.0.1:9/header.png

Hostile References

- OCTOBER 12, 2025

By **A. Writer**, file:///etc/passwd.

A [local link](file:///etc/passwd), a [remote](http://127.0.0.1:9/x), ![an image](/etc/hosts).¹

Footnotes

[1] See [the source](https://example.org/source) and <img src="http://127.0.0.1:9/y.png">.
"""


@pytest.mark.parametrize(("name", "text"), [("hostile.md", MARKDOWN), ("hostile.txt", ESSAY)])
def test_document_import_reads_only_its_file(local_store, tmp_path: Path, name, text) -> None:
    source = tmp_path / "in" / name
    source.parent.mkdir()
    source.write_text(text, encoding="utf-8")
    (source.parent / f"{source.stem}.meta.toml").write_text(
        'publisher = "file:///etc/passwd"\nattribution = "http://127.0.0.1:9/"\n'
    )
    store_file = Path(local_store.engine.url.database).resolve()
    with watching() as events:
        import_file(local_store, source)
    assert reaching_out(events) == []
    assert source.resolve() in opened(events)  # the hook sees the reads it should
    assert opened(events) <= {
        source.resolve(),
        source.with_name(f"{source.stem}.meta.toml").resolve(),
        store_file,
    }
    texts = [p.text for p in library.paragraphs(local_store)]
    texts += [f.text for f in library.footnotes(local_store)]
    assert not any("![" in t or "passwd)" in t for t in texts)  # markup gone, never fetched


def test_markdown_images_become_their_alt_text_and_never_links(local_store, tmp_path) -> None:
    source = tmp_path / "hostile.md"
    source.write_text(MARKDOWN, encoding="utf-8")
    import_file(local_store, source)
    (paragraph,) = library.paragraphs(local_store)
    assert paragraph.text.startswith("An image the alt text and a remote one pixel, an HTML")
    assert '<img src="http://127.0.0.1:9/q.png">' in paragraph.text  # literal text
    with local_store.read() as session:
        targets = set(session.scalars(select(Link.target)))
    assert targets == {"file:///etc/shadow", "/etc/passwd", "https://example.org",
                       "http://127.0.0.1:9/"}  # fmt: skip


def test_exporting_an_imported_document_fetches_nothing(local_store, tmp_path: Path) -> None:
    source = tmp_path / "hostile.md"
    source.write_text(MARKDOWN, encoding="utf-8")
    import_file(local_store, source)
    decks.create_deck(local_store, "Deck")
    slide = decks.add_slide(local_store, "Deck", "argument", title="All of it")
    (note,) = library.footnotes(local_store)
    decks.add_item(local_store, slide.id, source_kind="footnote", source_id=note.id)
    decks.add_item(local_store, slide.id, text=library.paragraphs(local_store)[0].text)
    decks.add_slide(local_store, "Deck", "sources", title="Sources")
    out = tmp_path / "out"
    with watching() as events:
        paths = [export_deck(local_store, "Deck", fmt, f"{out}/").path for fmt in ("pptx", "pdf")]
    assert reaching_out(events) == []
    allowed = (str(tmp_path.resolve()), str(RESOURCES_DIR.resolve()))
    reportlab_config = {Path.home() / ".reportlab_settings", Path.home() / ".reportlab_mods"}
    others = {p for p in opened(events) if not str(p).startswith(allowed)}
    assert others <= {p.resolve() for p in reportlab_config}, others
    prs = Presentation(str(paths[0]))
    assert all(shape.shape_type != 13 for s in prs.slides for shape in s.shapes)  # no pictures
    assert b"/Subtype /Image" not in paths[1].read_bytes()


# --- the TOML argument map ------------------------------------------------------------------

ARGUMENT_MAP = """\
document = "hostile"
include = "/etc/passwd"

[[argument]]
key = "web"
label = "file:///etc/passwd"
claim = "http://127.0.0.1:9/claim"
kind = "thesis"
quote = "a web link"
source = "http://127.0.0.1:9/source"

[[actor]]
key = "host"
name = "Localhost"
kind = "place"
description = "file:///etc/hosts"
aliases = ["/etc/hosts"]
"""


def test_argument_map_reads_only_its_file(local_store, tmp_path: Path) -> None:
    source = tmp_path / "hostile.md"
    source.write_text(MARKDOWN, encoding="utf-8")
    import_file(local_store, source)
    path = tmp_path / "hostile.toml"
    path.write_text(ARGUMENT_MAP, encoding="utf-8")
    store_file = Path(local_store.engine.url.database).resolve()
    with watching() as events:
        summary = load_argument_map(local_store, path)
    assert summary.arguments == 1 and summary.actors == 1
    assert reaching_out(events) == []
    assert opened(events) == {path.resolve()} or opened(events) == {path.resolve(), store_file}


# --- GeoJSON and GeoPackage map layers ------------------------------------------------------

SQUARE = [[[20.0, 42.0], [21.0, 42.0], [21.0, 43.0], [20.0, 43.0], [20.0, 42.0]]]


def test_geojson_links_and_references_are_only_data(local_essay_store, tmp_path: Path) -> None:
    maps.load_bundled_maps(local_essay_store)
    path = tmp_path / "linked.geojson"
    path.write_text(json.dumps({
        "type": "FeatureCollection",
        "crs": {"type": "link", "properties": {"href": "http://127.0.0.1:9/crs", "type": "proj4"}},
        "$ref": "file:///etc/passwd",
        "features": [{
            "type": "Feature",
            "id": "file:///etc/passwd",
            "properties": {"name": "Zone", "href": "http://127.0.0.1:9/x", "$ref": "/etc/passwd"},
            "geometry": {"type": "Polygon", "coordinates": SQUARE},
        }],
    }), encoding="utf-8")  # fmt: skip
    store_file = Path(local_essay_store.engine.url.database).resolve()
    with watching() as events, pytest.raises(maps.MapImportError, match="by link"):
        maps.import_layer(local_essay_store, "kosovo-north", path)  # a linked CRS: refused
    assert reaching_out(events) == []
    data = json.loads(path.read_text(encoding="utf-8"))
    del data["crs"]
    path.write_text(json.dumps(data), encoding="utf-8")
    with watching() as events:
        name = maps.import_layer(local_essay_store, "kosovo-north", path).value
    assert reaching_out(events) == []
    assert opened(events) <= {path.resolve(), store_file} and path.resolve() in opened(events)
    layer = _layer(local_essay_store, name)
    assert [f.name for f in layer.features] == ["Zone"]


def _layer(store: Store, name: str) -> object:
    return next(la for la in maps.get_map(store, "kosovo-north").layers if la.name == name)


def _geopackage(path: Path, *, wal: bool = False, contents_view: str | None = None) -> Path:
    conn = sqlite3.connect(path)
    if wal:
        conn.execute("PRAGMA journal_mode = WAL")
    conn.executescript(
        contents_view
        or "CREATE TABLE gpkg_contents (table_name TEXT, data_type TEXT, srs_id INTEGER);"
        "INSERT INTO gpkg_contents VALUES ('zones', 'features', 4326);"
    )
    conn.executescript(
        "CREATE TABLE gpkg_geometry_columns (table_name TEXT, column_name TEXT);"
        "INSERT INTO gpkg_geometry_columns VALUES ('zones', 'geom');"
        "CREATE TABLE zones (fid INTEGER PRIMARY KEY, name TEXT, geom BLOB);"
    )
    blob = b"GP\x00\x01" + (4326).to_bytes(4, "little") + shapely.to_wkb(shapely.Polygon(SQUARE[0]))
    conn.execute("INSERT INTO zones (name, geom) VALUES ('file:///etc/passwd', ?)", (blob,))
    conn.commit()
    conn.close()
    return path


@pytest.mark.parametrize("wal", [False, True], ids=["rollback-journal", "wal"])
def test_geopackage_is_only_read_as_data(local_essay_store, tmp_path: Path, wal: bool) -> None:
    maps.load_bundled_maps(local_essay_store)
    folder = tmp_path / "layers"
    folder.mkdir()
    path = _geopackage(folder / "zones?mode=rwc#x.gpkg", wal=wal)  # a name like a URI query
    before = _listing(folder)
    store_file = Path(local_essay_store.engine.url.database).resolve()
    with watching() as events:
        name = maps.import_layer(local_essay_store, "kosovo-north", path).value
    assert reaching_out(events) == []
    assert opened(events) <= {path.resolve(), store_file} and path.resolve() in opened(events)
    assert _listing(folder) == before  # same bytes, and no -wal, -shm or journal left beside
    layer = _layer(local_essay_store, name)
    assert [f.name for f in layer.features] == ["file:///etc/passwd"]  # a name, nothing more


def test_geopackage_view_cannot_load_an_extension(local_essay_store, tmp_path: Path) -> None:
    maps.load_bundled_maps(local_essay_store)
    library_file = tmp_path / "evil.so"
    library_file.write_bytes(b"\x7fELF not really")
    view = (
        "CREATE VIEW gpkg_contents AS SELECT 'zones' AS table_name, 'features' AS data_type, "
        f"4326 AS srs_id, load_extension('{library_file}') AS x;"
    )
    path = _geopackage(tmp_path / "evil.gpkg", contents_view=view)
    before = _listing(tmp_path)
    with watching() as events, pytest.raises(MapImportError, match="not a GeoPackage"):
        maps.import_layer(local_essay_store, "kosovo-north", path)
    assert reaching_out(events) == []
    assert library_file.resolve() not in opened(events)
    assert _listing(tmp_path) == before
