"""First run and imports: bring the bundled essay and its argument map into a store."""

from __future__ import annotations

import re
import tomllib
import unicodedata
from pathlib import Path

from sqlalchemy import func, select

from briefing_app.importing.argument_map import MapSummary, load_argument_map
from briefing_app.importing.loader import ImportResult, import_parsed
from briefing_app.importing.parse import parse_file
from briefing_app.importing.parsed import ImportFormatError
from briefing_app.paths import ARGUMENT_MAP_DIR, ESSAY_DIR
from briefing_app.services.maps import load_bundled_maps
from briefing_app.store.models import Document
from briefing_app.store.store import Store, open_store

BUNDLED_ESSAY = ESSAY_DIR / "balkans-breakthrough-for-ukraine.txt"


def slugify(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")
    return slug[:120] or "document"


def _sidecar(path: Path) -> dict:
    meta = path.with_name(f"{path.stem}.meta.toml")
    if not meta.is_file():
        return {}
    try:
        with meta.open("rb") as handle:
            data = tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ImportFormatError(f"its metadata file {meta.name} is unreadable ({exc})") from exc
    for key in ("slug", "attribution"):
        if key in data and not isinstance(data[key], str):
            raise ImportFormatError(f"{key!r} in its metadata file {meta.name} must be text")
    return data


def import_file(store: Store, path: Path) -> ImportResult:
    """Parse ``path`` (essay text or Markdown) and import it; the map follows if bundled."""
    if not path.is_file():
        raise ImportFormatError("the file does not exist or is not a regular file", None, str(path))
    parsed = parse_file(path)
    meta = _sidecar(path)
    result = import_parsed(
        store, parsed, meta.get("slug") or slugify(path.stem), meta.get("attribution")
    )
    map_path = ARGUMENT_MAP_DIR / f"{result.slug}.toml"
    if map_path.is_file():
        load_argument_map(store, map_path)
    return result


def ensure_bundled(store: Store) -> ImportResult | None:
    """Import the bundled essay, its argument map and the bundled maps into a new store.

    Bundled maps missing from an existing store are added too (never overwriting edits).
    """
    with store.read() as session:
        count = session.scalar(select(func.count()).select_from(Document))
    result = None if count else import_file(store, BUNDLED_ESSAY)
    load_bundled_maps(store)
    return result


def reload_argument_map(store: Store, slug: str) -> MapSummary:
    return load_argument_map(store, ARGUMENT_MAP_DIR / f"{slug}.toml")


def open_prepared(location: str, *, remove_foreign: bool = False) -> Store:
    """Open (creating or upgrading) the store and import the bundled essay if it is new.

    On a team store the first import runs under the setup lock, so processes opening a
    new database at once import the essay once and the others wait for it.
    """
    store = open_store(location, remove_foreign=remove_foreign)
    try:
        with store.setup_lock():
            ensure_bundled(store)
    except Exception:
        store.close()
        raise
    return store
