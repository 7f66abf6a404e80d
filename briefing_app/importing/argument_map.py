"""Load the curated argument map (TOML in resources/) into the store.

The file is human-edited, so every problem is reported as one sentence naming the entry.
Loading is an upsert by key in one transaction: curated records are updated in place
(keeping their ids, so review annotations, reviewers' tags and deck items stay
attached), records no longer in the file are removed, and user-made arguments are
never touched.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from briefing_app.domain import dates
from briefing_app.domain.errors import BriefingError
from briefing_app.domain.vocabulary import (
    ACTOR_KINDS,
    ARGUMENT_KINDS,
    CORRECTABLE_KINDS,
    CORRECTION_KINDS,
    RELATION_KINDS,
)
from briefing_app.importing.attribution import AttributionError, check_attribution
from briefing_app.importing.fingerprint import file_fingerprint
from briefing_app.importing.spans import TextIndex, apply_anchor
from briefing_app.store.models import (
    Actor,
    ActorAlias,
    Argument,
    ArgumentRelation,
    Correction,
    Document,
    DocumentPerspective,
    Event,
    Footnote,
    Quote,
)
from briefing_app.store.store import Store
from briefing_app.store.tags import tags_named

MAX_MAP_BYTES = 10 * 2**20
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_TABLES = ("perspective", "argument", "actor", "quote", "event", "correction")
# Fields that must be text, and fields that must be lists (of text, or of footnote numbers).
_TEXT = {
    "perspective": ("key", "name"),
    "argument": ("key", "label", "claim", "kind", "quote"),
    "actor": ("key", "name", "kind", "description"),
    "quote": ("key", "text", "speaker", "source", "context", "attribution"),
    "event": ("key", "description", "quote", "precision"),
    "correction": ("key", "kind", "text", "date", "precision", *CORRECTABLE_KINDS),
}
_LISTS: dict[str, dict[str, type]] = {
    "perspective": {},
    "argument": {"perspectives": str, "tags": str, "footnotes": int}
    | dict.fromkeys(RELATION_KINDS, str),
    "actor": {"aliases": str},
    "quote": {"others": str},
    "event": {},
    "correction": {},
}


class ArgumentMapError(BriefingError, ValueError):
    """The argument map file is malformed or does not fit the document."""


@dataclass(frozen=True)
class MapSummary:
    arguments: int
    relations: int
    actors: int
    quotes: int
    events: int
    corrections: int = 0


def read_map(path: Path) -> dict[str, Any]:
    try:
        if path.stat().st_size > MAX_MAP_BYTES:
            raise ArgumentMapError(
                f"The argument map {path.name} is larger than {MAX_MAP_BYTES // 2**20} MB."
            )
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except OSError as exc:
        message = f"Cannot read the argument map {path.name}: {exc.strerror}."
        raise ArgumentMapError(message) from exc
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ArgumentMapError(f"The argument map {path.name} is not valid TOML: {exc}.") from exc
    except RecursionError:
        raise ArgumentMapError(f"The argument map {path.name} is nested too deeply.") from None


def _require(entry: dict[str, Any], field: str, where: str) -> str:
    value = entry.get(field)
    if not isinstance(value, str) or not value.strip():
        raise ArgumentMapError(f"{where} has no {field}.")
    return value


def _check_shapes(data: dict[str, Any]) -> None:
    """Every table a list of entries, every field of the type the loader expects (a
    hand-edited file can hold ``supports = "k"`` or ``argument = "x"``)."""
    if not isinstance(data.get("document"), str):
        raise ArgumentMapError('The argument map does not name its document (document = "…").')
    for table in _TABLES:
        entries = data.get(table, [])
        if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
            raise ArgumentMapError(f"“{table}” must be a list of [[{table}]] entries.")
        for n, entry in enumerate(entries, start=1):
            key = entry.get("key")
            where = f"{table.capitalize()} {key!r}" if isinstance(key, str) else f"[[{table}]] {n}"
            for name in _TEXT[table]:
                if name in entry and not isinstance(entry[name], str):
                    raise ArgumentMapError(f"{where}: {name} must be text.")
            for name, kind in _LISTS[table].items():
                value = entry.get(name, [])
                if not isinstance(value, list) or not all(
                    isinstance(v, kind) and not isinstance(v, bool) for v in value
                ):
                    what = "footnote numbers" if kind is int else "texts"
                    raise ArgumentMapError(f"{where}: {name} must be a list of {what}.")


def _validate(data: dict[str, Any]) -> None:
    _check_shapes(data)
    for table in _TABLES:
        keys = [entry.get("key") for entry in data.get(table, [])]
        for key in keys:
            if not isinstance(key, str) or not key:
                raise ArgumentMapError(f"A [[{table}]] entry has no key.")
        duplicates = {k for k in keys if keys.count(k) > 1}
        if duplicates:
            raise ArgumentMapError(f"The {table} key {sorted(duplicates)[0]!r} is used twice.")
    for entry in data.get("perspective", []):
        _require(entry, "name", f"Perspective {entry['key']!r}")
    declared = [entry["key"] for entry in data.get("perspective", [])]
    argument_keys = {a["key"] for a in data.get("argument", [])}
    actor_keys = {a["key"] for a in data.get("actor", [])}
    for arg in data.get("argument", []):
        where = f"Argument {arg['key']!r}"
        for field in ("label", "claim", "kind", "quote"):
            _require(arg, field, where)
        if arg["kind"] not in ARGUMENT_KINDS:
            raise ArgumentMapError(f"{where} has the unknown kind {arg['kind']!r}.")
        for perspective in arg.get("perspectives", []):
            if perspective not in declared:
                known = ", ".join(declared) or "none"
                raise ArgumentMapError(
                    f"{where} has the perspective {perspective!r}, which the map does not "
                    f"declare as a [[perspective]] (declared: {known})."
                )
        for relation in RELATION_KINDS:
            for target in arg.get(relation, []):
                if target not in argument_keys:
                    raise ArgumentMapError(f"{where} {relation} the unknown argument {target!r}.")
    for actor in data.get("actor", []):
        where = f"Actor {actor['key']!r}"
        _require(actor, "name", where)
        if actor.get("kind") not in ACTOR_KINDS:
            raise ArgumentMapError(f"{where} has the unknown kind {actor.get('kind')!r}.")
    for quote in data.get("quote", []):
        where = f"Quote {quote['key']!r}"
        _require(quote, "text", where)
        if quote.get("speaker") and quote["speaker"] not in actor_keys:
            raise ArgumentMapError(f"{where} names the unknown speaker {quote['speaker']!r}.")
        if bool(quote.get("speaker")) == bool(quote.get("source")):
            raise ArgumentMapError(f"{where} needs either a speaker or a source, not both.")
        for other in quote.get("others", []):
            if other not in actor_keys:
                raise ArgumentMapError(f"{where} names the unknown actor {other!r} in others.")
        if "date" in quote and not _DATE.match(str(quote["date"])):
            raise ArgumentMapError(f"{where} has a date that is not YYYY[-MM[-DD]].")
    for event in data.get("event", []):
        where = f"Event {event['key']!r}"
        _require(event, "description", where)
        if not _DATE.match(str(event.get("date", ""))):
            raise ArgumentMapError(f"{where} has a date that is not YYYY[-MM[-DD]].")
        _check_date(str(event["date"]), event.get("precision"), where)
    keys_by_kind = {t: {e["key"] for e in data.get(t, [])} for t in CORRECTABLE_KINDS}
    targets: set[tuple[str, str]] = set()
    for correction in data.get("correction", []):
        where = f"Correction {correction['key']!r}"
        _require(correction, "text", where)
        if correction.get("kind", "correction") not in CORRECTION_KINDS:
            raise ArgumentMapError(f"{where} has the unknown kind {correction['kind']!r}.")
        named = [(kind, correction[kind]) for kind in CORRECTABLE_KINDS if kind in correction]
        if len(named) != 1:
            raise ArgumentMapError(
                f"{where} must name exactly one argument, quote, event or actor."
            )
        kind, key = named[0]
        if key not in keys_by_kind[kind]:
            raise ArgumentMapError(f"{where} names the unknown {kind} {key!r}.")
        if (kind, key) in targets:
            raise ArgumentMapError(f"{where}: the {kind} {key!r} already has a correction.")
        targets.add((kind, key))
        if "date" in correction:
            if kind != "event":
                raise ArgumentMapError(f"{where}: only an event's correction can give a date.")
            _check_date(str(correction["date"]), correction.get("precision"), where)
        elif "precision" in correction:
            raise ArgumentMapError(f"{where} gives a precision but no date.")


def _check_date(text: str, precision: str | None, where: str) -> str:
    try:
        return dates.check(text, precision)
    except dates.DateError as exc:
        raise ArgumentMapError(f"{where}: {exc}") from exc


def read_argument_map(path: Path) -> dict[str, Any]:
    """Read and validate ``path`` without touching the store."""
    data = read_map(path)
    _validate(data)
    return data


def load_argument_map(store: Store, path: Path) -> MapSummary:
    """Validate ``path`` and upsert its records into the document it names."""
    data = read_argument_map(path)
    with store.transaction() as session:
        return apply_argument_map(session, data, path.name, fingerprint=file_fingerprint(path))


def apply_argument_map(
    session: Session, data: dict[str, Any], name: str, *, fingerprint: str | None = None
) -> MapSummary:
    """Upsert a validated map inside the caller's transaction (an error rolls it all back).

    ``fingerprint`` (the map file's, see ``importing.fingerprint``) is recorded on the
    document, so a store can tell when its bundled map has changed since.
    """
    slug = data.get("document")
    document = session.scalar(select(Document).where(Document.slug == slug))
    if document is None:
        raise ArgumentMapError(
            f"The argument map {name} is for the document {slug!r}, which is not in the store."
        )
    if fingerprint is not None and document.argument_map_hash != fingerprint:
        document.argument_map_hash = fingerprint
    index = TextIndex(session, document.id)
    _replace_perspectives(session, document.id, data.get("perspective", []))
    actors = _upsert_actors(session, document.id, data.get("actor", []))
    arguments = _upsert_arguments(session, document.id, data.get("argument", []), index)
    relations = _replace_relations(session, data.get("argument", []), arguments)
    quotes = _upsert_quotes(
        session, document.id, data.get("quote", []), index, actors, data.get("actor", [])
    )
    events = _upsert_events(session, document.id, data.get("event", []), index)
    session.flush()
    corrections = _upsert_corrections(session, document.id, data.get("correction", []))
    return MapSummary(len(arguments), relations, len(actors), quotes, events, corrections)


_Keyed = TypeVar("_Keyed", DocumentPerspective, Actor, Argument, Quote, Event)


def _existing(
    session: Session, model: type[_Keyed], document_id: int, **criteria: Any
) -> dict[str, _Keyed]:
    query = select(model).where(model.document_id == document_id).filter_by(**criteria)
    return {row.key: row for row in session.scalars(query)}


def _drop_missing(session: Session, existing: Mapping[str, object], keep: set[str]) -> None:
    for key, row in existing.items():
        if key not in keep:
            session.delete(row)


def _set(row: Any, **values: Any) -> None:
    """Assign only changed values, so an unchanged map writes nothing."""
    for name, value in values.items():
        if getattr(row, name) != value:
            setattr(row, name, value)


def _replace_perspectives(
    session: Session, document_id: int, entries: list[dict[str, Any]]
) -> None:
    """The document's perspectives become the map's, in the map's order."""
    existing = _existing(session, DocumentPerspective, document_id)
    for position, entry in enumerate(entries):
        row = existing.get(entry["key"]) or DocumentPerspective(
            document_id=document_id, key=entry["key"]
        )
        _set(row, name=entry["name"], position=position)
        session.add(row)
    _drop_missing(session, existing, {entry["key"] for entry in entries})


def _upsert_actors(
    session: Session, document_id: int, entries: list[dict[str, Any]]
) -> dict[str, Actor]:
    existing = _existing(session, Actor, document_id)
    result: dict[str, Actor] = {}
    for entry in entries:
        actor = existing.get(entry["key"]) or Actor(document_id=document_id, key=entry["key"])
        _set(
            actor,
            name=entry["name"],
            kind=entry["kind"],
            description=entry.get("description", ""),
        )
        session.add(actor)
        wanted = sorted(set(entry.get("aliases", [])))
        if sorted(a.alias for a in actor.aliases) != wanted:
            actor.aliases = [ActorAlias(alias=alias) for alias in wanted]
        result[entry["key"]] = actor
    _drop_missing(session, existing, set(result))
    session.flush()
    return result


def _upsert_arguments(
    session: Session, document_id: int, entries: list[dict[str, Any]], index: TextIndex
) -> dict[str, Argument]:
    existing = _existing(session, Argument, document_id, origin="curated")
    footnotes = {
        f.number: f
        for f in session.scalars(select(Footnote).where(Footnote.document_id == document_id))
    }
    result: dict[str, Argument] = {}
    for entry in entries:
        where = f"Argument {entry['key']!r}"
        anchor = index.find(entry["quote"], in_footnotes=False)
        if anchor is None:
            raise ArgumentMapError(f"{where}: its quotation is not in the essay's paragraphs.")
        argument = existing.get(entry["key"]) or Argument(
            document_id=document_id, key=entry["key"], origin="curated"
        )
        _set(
            argument,
            label=entry["label"],
            claim=entry["claim"],
            kind=entry["kind"],
            perspectives=list(entry.get("perspectives", [])),
            quote=entry["quote"],
        )
        if (argument.paragraph_id, argument.span_start, argument.span_end) != (
            anchor.paragraph_id,
            anchor.start,
            anchor.end,
        ):
            apply_anchor(argument, anchor)
        numbers = sorted(set(entry.get("footnotes", [])))
        missing = [n for n in numbers if n not in footnotes]
        if missing:
            raise ArgumentMapError(f"{where} cites footnote {missing[0]}, which does not exist.")
        if [f.number for f in argument.footnotes] != numbers:
            argument.footnotes = [footnotes[n] for n in numbers]
        # The file's tags are added; tags a reviewer added in the app are kept.
        current = {t.name for t in argument.tags}
        tag_names = set(entry.get("tags", []))
        if not tag_names <= current:
            argument.tags = tags_named(session, tag_names | current)
        session.add(argument)
        result[entry["key"]] = argument
    _drop_missing(session, existing, set(result))
    session.flush()
    return result


def _replace_relations(
    session: Session, entries: list[dict[str, Any]], arguments: Mapping[str, Argument]
) -> int:
    wanted = {
        (arguments[e["key"]].id, arguments[target].id, kind)
        for e in entries
        for kind in RELATION_KINDS
        for target in e.get(kind, [])
    }
    ids = [a.id for a in arguments.values()]
    current = {
        (r.source_id, r.target_id, r.kind): r
        for r in session.scalars(
            select(ArgumentRelation).where(ArgumentRelation.source_id.in_(ids))
        )
    }
    for key, relation in current.items():
        if key not in wanted:
            session.delete(relation)
    for source_id, target_id, kind in wanted - set(current):
        session.add(ArgumentRelation(source_id=source_id, target_id=target_id, kind=kind))
    session.flush()
    return len(wanted)


def _upsert_quotes(
    session: Session,
    document_id: int,
    entries: list[dict[str, Any]],
    index: TextIndex,
    actors: dict[str, Actor],
    actor_entries: list[dict[str, Any]],
) -> int:
    existing = _existing(session, Quote, document_id)
    aliases = {a["key"]: (a["kind"], a.get("aliases", [])) for a in actor_entries}
    keep = set()
    for entry in entries:
        anchor = index.find(entry["text"])
        if anchor is None:
            raise ArgumentMapError(f"Quote {entry['key']!r}: its text is not in the essay.")
        try:
            check_attribution(index, entry, aliases)
        except AttributionError as exc:
            raise ArgumentMapError(f"Quote {entry['key']!r}: {exc}") from exc
        quote = existing.get(entry["key"]) or Quote(document_id=document_id, key=entry["key"])
        speaker = actors.get(entry.get("speaker", ""))
        _set(
            quote,
            text=entry["text"],
            date_text=str(entry["date"]) if "date" in entry else None,
            context=entry.get("context", ""),
            speaker_id=speaker.id if speaker else None,
            source=entry.get("source"),
        )
        _anchor_if_changed(quote, anchor)
        session.add(quote)
        keep.add(entry["key"])
    _drop_missing(session, existing, keep)
    return len(keep)


def _upsert_events(
    session: Session, document_id: int, entries: list[dict[str, Any]], index: TextIndex
) -> int:
    existing = _existing(session, Event, document_id)
    keep = set()
    for entry in entries:
        anchor = index.find(entry.get("quote", ""))
        if anchor is None:
            raise ArgumentMapError(f"Event {entry['key']!r}: its quotation is not in the essay.")
        event = existing.get(entry["key"]) or Event(document_id=document_id, key=entry["key"])
        _set(
            event,
            date_text=str(entry["date"]),
            date_precision=dates.check(str(entry["date"]), entry.get("precision")),
            description=entry["description"],
            quote=entry.get("quote", ""),
        )
        _anchor_if_changed(event, anchor)
        session.add(event)
        keep.add(entry["key"])
    _drop_missing(session, existing, keep)
    return len(keep)


def _anchor_if_changed(record: Quote | Event, anchor: Any) -> None:
    current = (record.paragraph_id, record.footnote_id, record.span_start, record.span_end)
    if current != (anchor.paragraph_id, anchor.footnote_id, anchor.start, anchor.end):
        apply_anchor(record, anchor)


_TARGET_MODELS: dict[str, type[Argument] | type[Quote] | type[Event] | type[Actor]] = {
    "argument": Argument,
    "quote": Quote,
    "event": Event,
    "actor": Actor,
}


def _upsert_corrections(session: Session, document_id: int, entries: list[dict[str, Any]]) -> int:
    """Curated corrections replace the last curated ones; a reviewer's own (origin
    "user", made or edited in the app) are never overwritten or removed by a reload."""
    existing: dict[tuple[str, int], Correction] = {}
    for kind, model in _TARGET_MODELS.items():
        column = getattr(Correction, f"{kind}_id")
        rows = session.scalars(
            select(Correction)
            .join(model, model.id == column)
            .where(model.document_id == document_id)
        )
        existing |= {(kind, getattr(row, f"{kind}_id")): row for row in rows}
    wanted: set[tuple[str, int]] = set()
    for entry in entries:
        kind = next(k for k in _TARGET_MODELS if k in entry)
        model = _TARGET_MODELS[kind]
        target_id = session.scalar(
            select(model.id).where(model.document_id == document_id, model.key == entry[kind])
        )
        if target_id is None:  # validated against the map's keys, so only a concurrent edit
            raise ArgumentMapError(f"Correction {entry['key']!r} names the unknown {kind}.")
        wanted.add((kind, target_id))
        row = existing.get((kind, target_id))
        if row is not None and row.origin == "user":
            continue
        if row is None:
            row = Correction(origin="curated", author="", **{f"{kind}_id": target_id})
            session.add(row)
        date_text = str(entry["date"]) if "date" in entry else None
        _set(
            row,
            kind=entry.get("kind", "correction"),
            text=entry["text"],
            date_text=date_text,
            date_precision=dates.check(date_text, entry.get("precision")) if date_text else None,
        )
    for target, row in existing.items():
        if target not in wanted and row.origin == "curated":
            session.delete(row)
    session.flush()
    return len(wanted)
