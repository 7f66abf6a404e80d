"""Import a document file (essay text or Markdown) and its argument map: all or nothing.

Everything is read and validated before the store is touched, and everything is written
in one transaction, so a refusal at any step leaves the store exactly as it was. An
import creates documents; it changes one that is already in the store (other text, other
attribution, a map that alters its arguments) only when asked (``replace``), and then
after backing the store up.
"""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import replace as with_changes
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import event, select
from sqlalchemy.orm import Session

from briefing_app.importing.argument_map import (
    ArgumentMapError,
    MapSummary,
    apply_argument_map,
    read_argument_map,
)
from briefing_app.importing.fingerprint import file_fingerprint
from briefing_app.importing.loader import DocumentExistsError, ImportResult, write_parsed
from briefing_app.importing.parse import parse_file
from briefing_app.importing.parsed import ImportFormatError
from briefing_app.importing.sidecar import check_slug, read_sidecar, slugify
from briefing_app.store.models import Document
from briefing_app.store.store import Store

REPLACE_BACKUP_TAG = "before-replace"  # NAME.before-replace-TIME.sqlite, never pruned


@dataclass(frozen=True)
class FileImport:
    """What an import did: the document's result, its argument map, and any backup made."""

    result: ImportResult
    arguments: MapSummary | None = None
    backup: Path | None = None


def import_document(
    store: Store,
    path: Path,
    *,
    replace: bool = False,
    argument_map: Path | None = None,
    backup: bool = True,
) -> FileImport:
    """Import ``path`` with its sidecar and argument map in one transaction.

    ``argument_map`` (trusted, e.g. the bundled map) overrides the one the sidecar names.
    ``backup=False`` is for callers that keep their own copy (tests, benchmarks).
    """
    path = Path(path)
    if not path.is_file():
        raise ImportFormatError("the file does not exist or is not a regular file", None, str(path))
    sidecar = read_sidecar(path)
    parsed = parse_file(path, sidecar)
    slug = sidecar.slug or slugify(path.stem)
    map_path = argument_map or sidecar.argument_map
    map_data = read_argument_map(map_path) if map_path is not None else None
    if map_path is not None and map_data is not None and map_data["document"] != slug:
        raise ArgumentMapError(
            f"The argument map {map_path.name} is for the document {map_data['document']!r}, "
            f"not for {slug!r}, the document being imported; nothing was imported."
        )
    saved = None
    attribution = sidecar.attribution
    if replace and backup and _differs(store, slug, parsed.content_hash, attribution, map_data):
        saved = backup_store(store, slug)
    with store.transaction() as session:
        existed = session.scalar(select(Document.id).where(Document.slug == slug)) is not None
        changes = _ChangeWatch(session)
        result = write_parsed(session, parsed, slug, sidecar.attribution, replace=replace)
        summary = None
        if map_data is not None and map_path is not None:
            summary = apply_argument_map(
                session, map_data, map_path.name, fingerprint=file_fingerprint(map_path)
            )
        session.flush()
        changes.stop()
        if existed and changes.seen and not replace:
            title = session.scalar(select(Document.title).where(Document.slug == slug))
            raise DocumentExistsError(slug, title or slug, parsed.source_name)
        if result.status == "unchanged" and changes.seen:
            result = with_changes(result, status="updated")
    return FileImport(result, summary, saved)


class _ChangeWatch:
    """Notes whether a session flushes any insert, update or delete."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.seen = False
        event.listen(session, "before_flush", self._before_flush)

    def _before_flush(self, session: Session, _context: object, _instances: object) -> None:
        if session.new or session.deleted or any(session.is_modified(o) for o in session.dirty):
            self.seen = True

    def stop(self) -> None:
        event.remove(self.session, "before_flush", self._before_flush)


def _differs(
    store: Store, slug: str, content_hash: str, attribution: str | None, map_data: Any
) -> bool:
    """Whether importing may change the document ``slug`` that is already stored."""
    with store.read() as session:
        document = session.scalar(select(Document).where(Document.slug == slug))
        if document is None:
            return False
        return (
            document.content_hash != content_hash
            or (attribution is not None and document.attribution != attribution)
            or map_data is not None
        )


def backup_store(store: Store, slug: str) -> Path:
    """Save what a replacement would overwrite; the backup's path.

    A SQLite store is copied whole beside itself as ``NAME.before-replace-TIME.sqlite``:
    a name of its own, so the pruning of pre-upgrade backups (``NAME.backup-*``, the newest
    three kept) never removes it. A team store keeps no files here, so its rows are
    copied into a new SQLite store, ``backups/team-store.before-replace-TIME.sqlite``
    beside the default local store, which ``briefing-app restore`` puts back.
    """
    stamp = datetime.now().strftime("%Y%m%dT%H%M%S")
    if store.is_sqlite and store.engine.url.database:
        from briefing_app.store import sqlite as sqlite_support

        source = Path(store.engine.url.database)
        target = _free_name(
            source.parent, f"{source.stem}.{REPLACE_BACKUP_TAG}-{stamp}", source.suffix
        )
        try:
            sqlite_support.backup_file(source, target)
        except Exception as exc:
            target.unlink(missing_ok=True)
            raise ImportFormatError(
                f"the store could not be backed up before replacing {slug!r} ({exc}); "
                "nothing was imported"
            ) from exc
        return target
    from briefing_app.paths import DEFAULT_DB_PATH, default_store_location
    from briefing_app.store.copy import backup_to_file

    local = default_store_location()
    base = DEFAULT_DB_PATH if "://" in local else Path(local)
    folder = base.parent / "backups"
    folder.mkdir(parents=True, exist_ok=True)
    target = _free_name(folder, f"team-store.{REPLACE_BACKUP_TAG}-{stamp}", ".sqlite")
    try:
        return backup_to_file(store, target)
    except Exception as exc:
        raise ImportFormatError(
            f"the team store could not be backed up before replacing {slug!r} ({exc}); "
            "nothing was imported"
        ) from exc


def _free_name(folder: Path, stem: str, suffix: str) -> Path:
    candidate, counter = folder / f"{stem}{suffix}", 1
    while candidate.exists():
        candidate, counter = folder / f"{stem}-{counter}{suffix}", counter + 1
    return candidate


__all__ = ["FileImport", "check_slug", "import_document"]
