"""Build a deck from an outline file (TOML): the generated default briefing is one.

An outline lists slides; each slide's points name stored pieces by key
(``{argument = "thesis"}``, ``{quote = "…"}``, ``{event = "…"}``, ``{footnote = 3}``,
``{map = "ukraine-donbas"}``),
give free text (``{text = "…"}``), or select arguments from the map
(``select = {kind = ["benefit"], perspective = "ukraine"}``). Keys resolve against the
document the outline names, so the outline stays valid when the store is rebuilt.
"""

from __future__ import annotations

import tomllib
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from briefing_app.paths import RESOURCES_DIR
from briefing_app.services import decks
from briefing_app.services.corrections import timeline_in
from briefing_app.store.changes import Changes
from briefing_app.store.errors import NotFoundError, StoreError
from briefing_app.store.map_models import Map
from briefing_app.store.models import Argument, Document, Event, Footnote, Quote
from briefing_app.store.store import Store

DEFAULT_OUTLINE = RESOURCES_DIR / "briefings" / "default-briefing.toml"
FULL_OUTLINE = RESOURCES_DIR / "briefings" / "full-read-ahead.toml"
# The bundled briefings a deck can start from (``deck create NAME --from KEY``): the
# twelve-slide briefing for a minister, and the long version to read ahead.
BUNDLED: dict[str, Path] = {"default-briefing": DEFAULT_OUTLINE, "full-read-ahead": FULL_OUTLINE}
SOURCE_KEYS = frozenset({"argument", "quote", "event", "footnote", "map"})
_KEYED: dict[str, type[Argument] | type[Quote] | type[Event]] = {
    "argument": Argument,
    "quote": Quote,
    "event": Event,
}


def read_outline(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except OSError as exc:
        raise StoreError(f"Cannot read the outline {path.name}: {exc.strerror}.") from exc
    except tomllib.TOMLDecodeError as exc:
        raise StoreError(f"The outline {path.name} is not valid TOML: {exc}.") from exc


def _resolve_ref(session: Session, document_id: int, ref: dict[str, Any]) -> tuple[str, int]:
    for kind, model in _KEYED.items():
        if kind in ref:
            found = session.scalar(
                select(model.id).where(model.document_id == document_id, model.key == ref[kind])
            )
            if found is None:
                raise NotFoundError(f"The outline names the unknown {kind} {ref[kind]!r}.")
            return kind, found
    if "map" in ref:
        found = session.scalar(select(Map.id).where(Map.key == ref["map"]))
        if found is None:
            raise NotFoundError(f"The outline names the unknown map {ref['map']!r}.")
        return "map", found
    if "footnote" in ref:
        found = session.scalar(
            select(Footnote.id).where(
                Footnote.document_id == document_id, Footnote.number == ref["footnote"]
            )
        )
        if found is None:
            raise NotFoundError(f"The outline names the unknown footnote {ref['footnote']}.")
        return "footnote", found
    raise StoreError(f"An outline point needs argument, quote, event, footnote or text: {ref}.")


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def _selected(session: Session, document_id: int, criteria: dict[str, Any]) -> list[int]:
    query = select(Argument).where(Argument.document_id == document_id).order_by(Argument.id)
    if "kind" in criteria:
        query = query.where(Argument.kind.in_(_as_list(criteria["kind"])))
    rows = list(session.scalars(query))
    if "perspective" in criteria:
        wanted = set(_as_list(criteria["perspective"]))
        rows = [a for a in rows if wanted & set(a.perspectives or [])]
    if "tag" in criteria:
        wanted = set(_as_list(criteria["tag"]))
        rows = [a for a in rows if wanted & {t.name for t in a.tags}]
    return [a.id for a in rows[: int(criteria.get("limit", 6))]]


def _points(
    session: Session, document_id: int, slide: dict[str, Any], field: str
) -> list[dict[str, Any]]:
    """Plain point specs (kind, id, text, level) for one column of a slide."""
    points: list[dict[str, Any]] = []
    for ref in slide.get(field, []):
        level = int(ref.get("level", 0))
        if "select" in ref:
            points += [
                {"source_kind": "argument", "source_id": i, "level": level}
                for i in _selected(session, document_id, ref["select"])
            ]
        elif "text" in ref and not SOURCE_KEYS & set(ref):  # the unit's own words
            points.append({"text": ref["text"], "level": level})
        else:
            kind, source_id = _resolve_ref(session, document_id, ref)
            points.append(
                {
                    "source_kind": kind,
                    "source_id": source_id,
                    "level": level,
                    "text": ref.get("text"),
                }
            )
    if field == "items" and slide.get("events") == "all":
        rows = list(session.scalars(select(Event).where(Event.document_id == document_id)))
        points += [  # chronological, at corrected dates
            {"source_kind": "event", "source_id": t.id, "level": 0}
            for t in timeline_in(session, rows)
        ]
    return points


def build_from_outline(
    store: Store, path: Path, name: str, *, marking: str | None = None
) -> decks.DeckRecord:
    """Create the deck ``name`` from the outline at ``path``."""
    outline = read_outline(path)
    with store.read() as session:
        document = session.scalar(select(Document).where(Document.slug == outline["document"]))
        if document is None:
            raise NotFoundError(f"The outline is for {outline['document']!r}, not in the store.")
        plans = [
            (
                slide,
                _points(session, document.id, slide, "items"),
                _points(session, document.id, slide, "right"),
            )
            for slide in outline.get("slide", [])
        ]
    today = date.today()
    with store.transaction() as session:  # the whole deck or nothing
        deck = decks.create_deck_in(
            session,
            name,
            title=outline.get("title", name),
            subtitle=outline.get("subtitle", ""),
            author=outline.get("author", ""),
            date_label=f"{today.day} {today:%B %Y}",
            marking=marking,
        )
        for slide, left, right in plans:
            fields = {f: slide[f] for f in decks.SLIDE_FIELDS - {"layout"} if f in slide}
            notes = fields.pop("notes", None)
            record = decks.add_slide_in(session, deck, slide["layout"], **fields)
            for column, points in ((0, left), (1, right)):
                for point in points:
                    decks.add_item_in(session, record, column=column, **point)
            if notes is not None:  # the outline's notes, then the sources' passages
                record.notes = "\n\n".join(n for n in (notes.strip(), record.notes) if n)
    built = decks.get_deck(store, name)
    created = Changes(decks=frozenset({built.id}), decks_created=frozenset({built.id}))
    return replace(built, changes=created)
