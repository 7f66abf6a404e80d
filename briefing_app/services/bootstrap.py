"""First run and imports: bring the bundled essay and its argument map into a store.

The importers and the map service load only when a store lacks the essay or a bundled
map, so opening a prepared store (every command, every start of the app) does not pay for
them.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from briefing_app.domain.errors import BriefingError
from briefing_app.importing.fingerprint import file_fingerprint
from briefing_app.maps.bundled import bundled_specs
from briefing_app.paths import ARGUMENT_MAP_DIR, ESSAY_DIR
from briefing_app.store import sqlite as sqlite_support
from briefing_app.store.errors import StoreBusyError
from briefing_app.store.reading import StoreReader
from briefing_app.store.schema import SCHEMA_HEAD

if TYPE_CHECKING:
    from briefing_app.importing.argument_map import MapSummary
    from briefing_app.importing.loader import ImportResult
    from briefing_app.store.store import Store

T = TypeVar("T")
BUNDLED_ESSAY = ESSAY_DIR / "balkans-breakthrough-for-ukraine.txt"


def import_file(store: Store, path: Path, *, replace: bool = False) -> ImportResult:
    """Parse ``path`` (essay text or Markdown) and import it with its sidecar's argument map.

    The bundled essay brings the bundled argument map; see ``importing.files``.
    """
    from briefing_app.importing.files import import_document

    bundled = Path(path).resolve() == BUNDLED_ESSAY.resolve()
    argument_map = ARGUMENT_MAP_DIR / f"{BUNDLED_ESSAY.stem}.toml" if bundled else None
    return import_document(store, path, replace=replace, argument_map=argument_map).result


def _needs_bundled(reader: StoreReader) -> tuple[bool, bool]:
    """(the store holds no document yet, a bundled map is missing from it)."""
    empty = reader.document_count() == 0
    keys = reader.map_keys()
    return empty, empty or not keys.issuperset(spec.key for spec in bundled_specs())


def ensure_bundled(store: Store) -> ImportResult | None:
    """Import the bundled essay, its argument map and the bundled maps into a new store.

    Bundled maps missing from an existing store are added too (never overwriting edits).
    """
    with store.reader() as reader:
        empty, maps_missing = _needs_bundled(reader)
    result = import_file(store, BUNDLED_ESSAY) if empty else None
    if maps_missing:
        from briefing_app.services.maps import load_bundled_maps

        load_bundled_maps(store)
    return result


def _argument_map_changed(reader: StoreReader) -> bool:
    """Whether the bundled argument map differs from the one the store last applied."""
    recorded = reader.argument_map_hash(BUNDLED_ESSAY.stem)  # None: no bundled essay
    path = ARGUMENT_MAP_DIR / f"{BUNDLED_ESSAY.stem}.toml"
    return recorded is not None and recorded[0] != file_fingerprint(path)


def refresh_bundled_argument_map(store: Store) -> list[str]:
    """Apply the bundled argument map again if it changed since the store last applied it.

    A store made by an earlier version keeps that version's curated data (arguments,
    quotes, events, corrections) until this runs; the upsert keeps reviews, a reviewer's
    own corrections and the decks. A cheap hash and one query when nothing changed.
    """
    with store.reader() as reader:
        changed = _argument_map_changed(reader)
    if not changed:
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
    with store.reader() as reader:
        waiting = reader.unchecked_layers()
    if not waiting:
        return []
    from briefing_app.services.maps import check_stored_layers

    return check_stored_layers(store)


def open_prepared(location: str, *, remove_foreign: bool = False) -> Store:
    """Open (creating or upgrading) the store and import the bundled essay if it is new.

    On a team store the first import runs under the setup lock, so processes opening a
    new database at once import the essay once and the others wait for it.
    """
    from briefing_app.store.store import open_store

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


def _prepared(reader: StoreReader) -> bool:
    """Whether :func:`open_prepared` would leave the store as it is: nothing to import, no
    argument map to apply again, no old layer to check."""
    return (
        not any(_needs_bundled(reader))
        and not _argument_map_changed(reader)
        and not reader.unchecked_layers()
    )


def read_if_prepared(location: str, read: Callable[[StoreReader], T]) -> T | None:
    """``read(reader)`` through a read-only stdlib ``sqlite3`` connection to the SQLite
    store at ``location``, when opening it with :func:`open_prepared` would change
    nothing and refuse nothing; else None, and the caller opens it (for its sentences).

    It runs the checks opening runs (a regular intact file the app may write, at
    SCHEMA_HEAD, with every table and column and nothing foreign, in WAL mode, and no
    journal a killed writer left to roll back) and those of :func:`open_prepared`, and
    never writes the store. One no process has open is read as immutable (so not even
    SQLite's -wal and -shm files appear), and a change to it meanwhile gives None; one
    open elsewhere is read through its write-ahead log, as last committed (SQLite makes
    the -shm index anew if a killed process's log has none). A server URL, a missing
    file, a database error or a refusal while reading (a BriefingError) give None too;
    but a store another program keeps locked raises StoreBusyError, as opening it would
    after waiting as long again.
    """
    if not location or "://" in location or "\x00" in location:
        return None
    path = Path(location).expanduser()
    try:
        if not sqlite_support.check_regular_file(path) or sqlite_support.has_journal(path):
            return None
        quiet = sqlite_support.quiet_stamp(path)
        shape = sqlite_support.check_store_file(path)
        if (
            shape.revision != SCHEMA_HEAD
            or sqlite_support.check_shape(shape, path) is not None
            or sqlite_support.foreign_objects(shape)
            or not sqlite_support.is_wal(path)
        ):
            return None
        options = "mode=ro&immutable=1" if quiet is not None else "mode=ro"
        connection = sqlite3.connect(
            f"{path.resolve().as_uri()}?{options}",
            uri=True,
            timeout=sqlite_support.BUSY_TIMEOUT_MS / 1000,
            isolation_level=None,
        )
        try:
            connection.execute("BEGIN")  # one snapshot for every read, as a session's
            reader = StoreReader(connection)
            # the revision again, in the snapshot read: a newer app may have upgraded the
            # store since it was checked (while it was open elsewhere, so not immutable)
            current = reader.schema_revision() == SCHEMA_HEAD
            result = read(reader) if current and _prepared(reader) else None
        finally:
            connection.close()
    except StoreBusyError:
        raise  # opening would wait as long again, only to say the same
    except sqlite3.Error as exc:
        busy = sqlite_support.user_error(exc, path.name)
        if isinstance(busy, StoreBusyError):
            raise busy from exc
        return None
    except (BriefingError, OSError):
        return None
    if quiet is not None and sqlite_support.quiet_stamp(path) != quiet:
        return None  # another process wrote meanwhile: read it as opening it would
    return result
