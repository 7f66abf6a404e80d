"""First run and imports: bring the bundled essay and its argument map into a store.

The importers and the map service load only when a store lacks the essay or a bundled
map, so opening a prepared store (every command, every start of the app) does not pay for
them.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import func, select

from briefing_app.importing.fingerprint import file_fingerprint
from briefing_app.maps.bundled import bundled_specs
from briefing_app.paths import ARGUMENT_MAP_DIR, ESSAY_DIR
from briefing_app.store.map_models import Map, MapLayer
from briefing_app.store.models import Document
from briefing_app.store.store import Store, open_store

if TYPE_CHECKING:
    from briefing_app.importing.argument_map import MapSummary
    from briefing_app.importing.loader import ImportResult

BUNDLED_ESSAY = ESSAY_DIR / "balkans-breakthrough-for-ukraine.txt"


def import_file(store: Store, path: Path, *, replace: bool = False) -> ImportResult:
    """Parse ``path`` (essay text or Markdown) and import it with its sidecar's argument map.

    The bundled essay brings the bundled argument map; see ``importing.files``.
    """
    from briefing_app.importing.files import import_document

    bundled = Path(path).resolve() == BUNDLED_ESSAY.resolve()
    argument_map = ARGUMENT_MAP_DIR / f"{BUNDLED_ESSAY.stem}.toml" if bundled else None
    return import_document(store, path, replace=replace, argument_map=argument_map).result


def ensure_bundled(store: Store) -> ImportResult | None:
    """Import the bundled essay, its argument map and the bundled maps into a new store.

    Bundled maps missing from an existing store are added too (never overwriting edits).
    """
    with store.read() as session:
        count = session.scalar(select(func.count()).select_from(Document))
        present = set(session.scalars(select(Map.key)))
    result = None if count else import_file(store, BUNDLED_ESSAY)
    if not count or not present.issuperset(spec.key for spec in bundled_specs()):
        from briefing_app.services.maps import load_bundled_maps

        load_bundled_maps(store)
    return result


def refresh_bundled_argument_map(store: Store) -> list[str]:
    """Apply the bundled argument map again if it changed since the store last applied it.

    A store made by an earlier version keeps that version's curated data (arguments,
    quotes, events, corrections) until this runs; the upsert keeps reviews, a reviewer's
    own corrections and the decks. A cheap hash and one query when nothing changed.
    """
    with store.read() as session:
        recorded = session.execute(
            select(Document.argument_map_hash).where(Document.slug == BUNDLED_ESSAY.stem)
        ).first()  # None: the bundled essay is not in this store
    path = ARGUMENT_MAP_DIR / f"{BUNDLED_ESSAY.stem}.toml"
    if recorded is None or recorded.argument_map_hash == file_fingerprint(path):
        return []
    reload_argument_map(store, BUNDLED_ESSAY.stem)
    return [
        "The bundled argument map was updated (corrections and curated data); "
        "reviews, your own corrections and decks are kept."
    ]


def reload_argument_map(store: Store, slug: str) -> MapSummary:
    """Reload the bundled argument map of ``slug`` (a slug that names no file elsewhere)."""
    from briefing_app.importing.argument_map import load_argument_map
    from briefing_app.importing.sidecar import check_slug

    return load_argument_map(store, ARGUMENT_MAP_DIR / f"{check_slug(slug, 'argument map')}.toml")


def check_old_layers(store: Store) -> list[str]:
    """Check once the imported layers a store kept from before the geometry limits.

    A cheap count when there are none (every open of a current store); otherwise the map
    service validates, repairs and simplifies them, and says what it removed.
    """
    with store.read() as session:
        waiting = session.scalar(
            select(func.count()).select_from(MapLayer).where(MapLayer.geometry_checked.is_(False))
        )
    if not waiting:
        return []
    from briefing_app.services.maps import check_stored_layers

    return check_stored_layers(store)


def open_prepared(location: str, *, remove_foreign: bool = False) -> Store:
    """Open (creating or upgrading) the store and import the bundled essay if it is new.

    On a team store the first import runs under the setup lock, so processes opening a
    new database at once import the essay once and the others wait for it.
    """
    store = open_store(location, remove_foreign=remove_foreign)
    try:
        with store.setup_lock():
            ensure_bundled(store)
            store.upgrade_notes.extend(refresh_bundled_argument_map(store))
            store.upgrade_notes.extend(check_old_layers(store))
    except Exception:
        store.close()
        raise
    return store
