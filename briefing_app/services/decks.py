"""Deck editing services: every change is one transaction; reads return plain records.

The CLI and the desktop editor both call these; neither holds a session of its own.

Several people may edit one deck on a team store. Every slide or item edit first locks
its deck's row (``FOR UPDATE`` on PostgreSQL; SQLite serialises writers anyway), so
concurrent edits apply one after the other and neither is lost. An edit made from what
a client last saw (``expected=``) is refused with a ConflictError when someone else has
changed that text since; the client shows the newer text instead of overwriting it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from sqlalchemy import func, inspect, select, update
from sqlalchemy.orm import Session, joinedload, selectinload

from briefing_app.domain.text import storable_text
from briefing_app.domain.vocabulary import SOURCE_KINDS
from briefing_app.domain.vocabulary import STANDARD_MARKINGS as STANDARD_MARKINGS
from briefing_app.layout.registry import NAMES as LAYOUTS
from briefing_app.services.records import ItemRecord as ItemRecord
from briefing_app.services.records import ItemSnapshot as ItemSnapshot
from briefing_app.services.records import SlideRecord as SlideRecord
from briefing_app.services.records import SlideSnapshot as SlideSnapshot
from briefing_app.services.records import item_record, slide_record
from briefing_app.store.changes import NO_CHANGES, Changes, order_changes, slide_changes
from briefing_app.store.errors import ConflictError, NotFoundError, StoreError
from briefing_app.store.models import Deck, Footnote, Slide, SlideItem
from briefing_app.store.reading import DeckRow, SourceInfo, StoreReader
from briefing_app.store.store import Store, session_reader

MAX_NAME = 300
SLIDE_FIELDS = {"layout", "title", "subtitle", "left_heading", "right_heading", "notes", "part"}
# A part's name is its entry in the agenda tracker drawn on every slide of the deck's parts.
MAX_PART = 40


@dataclass(frozen=True)
class DeckRecord:
    id: int
    name: str
    title: str
    subtitle: str
    author: str
    date_label: str
    marking: str | None
    theme: str
    slides: list[SlideRecord]
    distribution: str = ""  # who the deck is for, on its cover
    changes: Changes = field(default=NO_CHANGES, compare=False, repr=False)  # set by writes

    @property
    def parts(self) -> tuple[str, ...]:
        """The parts of the briefing, in slide order (what its agenda tracker lists)."""
        return deck_parts(self.slides)


# --- reads ------------------------------------------------------------------------------


def _item_record(
    session: Session, item: SlideItem, reader: StoreReader | None = None
) -> ItemRecord:
    """The record of a point in ``session``, its source read through ``reader``: the one
    the write itself read the source with (so it is not read twice), else a fresh one."""
    return item_record(item, (reader if reader is not None else session_reader(session)).source)


def deck_by_name(session: Session, name: str, *, lock: bool = False) -> Deck:
    """The deck with its slides and items; with ``lock``, its row is locked first (until
    commit), so what is loaded is what no one else can change meanwhile."""
    query = select(Deck).where(Deck.name == name)
    if lock:
        session.execute(select(Deck.id).where(Deck.name == name).with_for_update())
        query = query.execution_options(populate_existing=True)
    deck = session.scalar(query.options(selectinload(Deck.slides).selectinload(Slide.items)))
    if deck is None:
        raise NotFoundError(f"There is no deck named {name!r}.")
    return deck


def deck_record(session: Session, deck: Deck) -> DeckRecord:
    """The record of a deck loaded in ``session``, its points' sources read in bulk."""
    reader = session_reader(session)
    reader.preload(
        [(i.source_kind, i.source_id) for s in deck.slides for i in s.items],
        whole_documents=False,
    )
    return deck_record_of(deck, [slide_record(s, reader.source) for s in deck.slides])


def deck_record_of(deck: Deck | DeckRow, slides: list[SlideRecord]) -> DeckRecord:
    """The record of ``deck`` (the ORM's row or the plain reader's) with its ``slides``."""
    return DeckRecord(
        id=deck.id,
        name=deck.name,
        title=deck.title,
        subtitle=deck.subtitle,
        author=deck.author,
        date_label=deck.date_label,
        marking=deck.marking,
        theme=deck.theme,
        slides=slides,
        distribution=deck.distribution or "",
    )


def list_decks(store: Store) -> list[tuple[str, str, int]]:
    """(name, title, slide count) of every deck, by name."""
    with store.read() as session:
        rows = session.execute(
            select(Deck.name, Deck.title, func.count(Slide.id))
            .outerjoin(Slide, Slide.deck_id == Deck.id)
            .group_by(Deck.id)
            .order_by(Deck.name)
        )
        return [(name, title, count) for name, title, count in rows]


def get_deck(store: Store, name: str) -> DeckRecord:
    with store.read() as session:
        return deck_record(session, deck_by_name(session, name))


# --- writes -----------------------------------------------------------------------------


def _touch(deck: Deck) -> None:
    deck.updated_at = datetime.now().replace(microsecond=0)


def _check_name(session: Session, name: str, exclude_id: int | None = None) -> str:
    name = storable_text(" ".join(name.split()))
    if not name:
        raise StoreError("A deck needs a name.")
    if len(name) > MAX_NAME:
        raise StoreError(f"A deck name can be at most {MAX_NAME} characters long.")
    clash = session.scalar(select(Deck.id).where(Deck.name == name))
    if clash is not None and clash != exclude_id:
        raise StoreError(f"A deck named {name!r} already exists.")
    return name


def create_deck(store: Store, name: str, **fields: str | None) -> DeckRecord:
    """Create an empty deck; ``fields`` are title, subtitle, author, date_label, marking."""
    with store.transaction() as session:
        deck = create_deck_in(session, name, **fields)
        created = Changes(decks=frozenset({deck.id}), decks_created=frozenset({deck.id}))
        return replace(deck_record(session, deck), changes=created)


def create_deck_in(
    session: Session,
    name: str,
    *,
    title: str | None = "",
    subtitle: str | None = "",
    author: str | None = "",
    date_label: str | None = "",
    marking: str | None = None,
    distribution: str | None = "",
) -> Deck:
    _check_properties({"author": author, "date_label": date_label, "marking": marking})
    deck = Deck(
        name=_check_name(session, name),
        title=storable_text(title or name),
        subtitle=storable_text(subtitle or ""),
        author=storable_text(author or ""),
        date_label=storable_text(date_label or ""),
        marking=storable_text((marking or "").strip()) or None,
        distribution=storable_text(distribution or ""),
    )
    session.add(deck)
    session.flush()
    return deck


DECK_FIELDS = ("name", "title", "subtitle", "author", "date_label", "marking", "theme",
               "distribution")  # fmt: skip
# What the Deck Properties dialog and ``deck set`` change (the cover and every page's marking).
PROPERTY_FIELDS = ("title", "subtitle", "author", "date_label", "marking", "distribution")
PROPERTY_LABELS = {"title": "title", "subtitle": "subtitle", "author": "author or unit",
                   "date_label": "date", "marking": "marking",
                   "distribution": "distribution line"}  # fmt: skip
# Longest value each property may hold (the store's column sizes).
PROPERTY_LIMITS = {"author": 300, "date_label": 100, "marking": 100}


def _check_properties(fields: dict[str, str | None]) -> None:
    """One sentence for a property too long for the store."""
    for key, limit in PROPERTY_LIMITS.items():
        value = fields.get(key)
        if value is not None and len(value.strip()) > limit:
            raise StoreError(
                f"A deck's {PROPERTY_LABELS[key]} can be at most {limit} characters long."
            )


def known_markings(store: Store) -> list[str]:
    """The standard markings, then every other marking a deck in the store carries."""
    with store.read() as session:
        used = session.scalars(select(Deck.marking).where(Deck.marking.is_not(None)).distinct())
        extra = sorted({m for m in used if m and m not in STANDARD_MARKINGS})
    return [*STANDARD_MARKINGS, *extra]


def set_deck_properties(
    store: Store,
    deck_name: str,
    /,
    *,
    expected: dict[str, str | None] | None = None,
    **fields: str | None,
) -> Changes:
    """Set the deck's cover and handling properties (:data:`PROPERTY_FIELDS`); a blank
    marking removes it. Undoable edits go through ``commands.edit_deck`` instead."""
    unknown = set(fields) - set(PROPERTY_FIELDS)
    if unknown:
        raise StoreError(f"{sorted(unknown)[0]!r} is not a deck property.")
    return update_deck(store, deck_name, expected=expected, **fields)


def update_deck(
    store: Store,
    deck_name: str,
    /,
    *,
    expected: dict[str, str | None] | None = None,
    **fields: str | None,
) -> Changes:
    """Change deck fields (name, title, subtitle, author, date_label, marking, theme);
    ``expected`` holds what the client showed for them (refused if someone changed it)."""
    unknown = set(fields) - set(DECK_FIELDS)
    if unknown:
        raise StoreError(f"A deck has no field {sorted(unknown)[0]!r}.")
    with store.transaction() as session:
        deck = deck_by_name(session, deck_name, lock=True)
        for key, value in (expected or {}).items():
            if getattr(deck, key) != value:
                raise ConflictError(
                    "Someone else changed this deck's details since, so your change was not "
                    "saved and theirs is shown."
                )
        _check_properties(fields)
        if "name" in fields:
            fields["name"] = _check_name(session, fields["name"] or "", deck.id)
        if "marking" in fields:
            fields["marking"] = (fields["marking"] or "").strip() or None
        renamed = "name" in fields and fields["name"] != deck.name
        for key, value in fields.items():
            setattr(deck, key, storable_text(value) if value is not None else None)
        _touch(deck)
        one = frozenset({deck.id})
        return Changes(decks=one, deck_fields=one, decks_renamed=one if renamed else frozenset())


def deck_fields(store: Store, deck_id: int, names: list[str]) -> dict[str, str | None]:
    """The stored values of some deck fields (as :func:`update_deck` names them)."""
    with store.read() as session:
        deck = session.get(Deck, deck_id)
        if deck is None:
            raise NotFoundError(f"There is no deck with id {deck_id}.")
        return {name: getattr(deck, name) for name in names}


def delete_deck(store: Store, name: str) -> Changes:
    with store.transaction() as session:
        deck = deck_by_name(session, name, lock=True)
        session.delete(deck)
        return Changes(decks=frozenset({deck.id}), decks_deleted=frozenset({deck.id}))


def duplicate_deck(store: Store, name: str, new_name: str) -> DeckRecord:
    with store.transaction() as session:
        original = deck_by_name(session, name, lock=True)
        copy = Deck(
            name=_check_name(session, new_name),
            title=original.title,
            subtitle=original.subtitle,
            author=original.author,
            date_label=original.date_label,
            marking=original.marking,
            distribution=original.distribution,
            theme=original.theme,
            template_id=original.template_id,
        )
        for slide in original.slides:
            new_slide = Slide(
                position=slide.position,
                layout=slide.layout,
                title=slide.title,
                subtitle=slide.subtitle,
                left_heading=slide.left_heading,
                right_heading=slide.right_heading,
                notes=slide.notes,
                part=slide.part,
            )
            new_slide.items = [
                SlideItem(
                    position=i.position,
                    column=i.column,
                    level=i.level,
                    source_kind=i.source_kind,
                    source_id=i.source_id,
                    text=i.text,
                )
                for i in slide.items
            ]
            copy.slides.append(new_slide)
        session.add(copy)
        session.flush()
        created = Changes(decks=frozenset({copy.id}), decks_created=frozenset({copy.id}))
        return replace(deck_record(session, copy), changes=created)


def _renumber(rows: Sequence[Slide | SlideItem]) -> None:
    for position, row in enumerate(rows):
        if row.position != position:
            row.position = position


def add_slide(store: Store, deck_name: str, layout: str, **fields: Any) -> SlideRecord:
    """Add a slide (at ``position``, default the end); fields as for :func:`update_slide`."""
    with store.transaction() as session:
        deck = deck_by_name(session, deck_name, lock=True)
        slide = add_slide_in(session, deck, layout, **fields)
        record = slide_record(slide, session_reader(session).source)
        return replace(record, changes=order_changes(deck.id, [slide.id]))


def add_slide_in(
    session: Session, deck: Deck, layout: str, *, position: int | None = None, **fields: str
) -> Slide:
    if layout not in LAYOUTS:
        raise StoreError(f"{layout!r} is not a slide layout; use one of {', '.join(LAYOUTS)}.")
    _check_slide_fields(fields)
    clean = {key: _slide_value(key, value) for key, value in fields.items()}
    slide = Slide(layout=layout, position=len(deck.slides), **clean)
    slides = list(deck.slides)
    at = len(slides) if position is None else max(0, min(position, len(slides)))
    slides.insert(at, slide)
    deck.slides.append(slide)
    _renumber(slides)
    _touch(deck)
    session.flush()
    return slide


def _check_slide_fields(fields: dict[str, Any]) -> None:
    unknown = set(fields) - SLIDE_FIELDS
    if unknown:
        raise StoreError(f"A slide has no field {sorted(unknown)[0]!r}.")
    if "layout" in fields and fields["layout"] not in LAYOUTS:
        raise StoreError(f"{fields['layout']!r} is not a slide layout.")
    if len(part_name(fields.get("part") or "")) > MAX_PART:
        raise StoreError(
            f"A part's name can be at most {MAX_PART} characters long: it is shown in the "
            "agenda tracker on every slide of the deck's parts."
        )


def part_name(text: str) -> str:
    """A part's name as stored: one line, spaces collapsed."""
    return storable_text(" ".join(text.split()))


def _slide_value(key: str, value: str) -> str:
    return part_name(value) if key == "part" else storable_text(value)


def deck_parts(slides: Sequence[SlideRecord] | Sequence[Slide]) -> tuple[str, ...]:
    """The deck's parts: its slides' parts, each once, in slide order."""
    return tuple(dict.fromkeys(s.part for s in slides if s.part))


# session.info keys: the decks this transaction has locked, and the slides it has read
# since (what no one else can change until it commits, so it need not be read again).
_LOCKED, _FRESH = "briefing_locked_decks", "briefing_fresh_slides"


def _row_locks(session: Session) -> bool:
    """Whether edits lock their deck's row. Not on SQLite: a write transaction there
    (BEGIN IMMEDIATE) already holds the whole store, so what it reads stays current."""
    return session.get_bind().dialect.name != "sqlite"


def _lock_deck(session: Session, deck_id: int | None) -> None:
    """Hold the deck's row until commit, so edits to one deck run one after another."""
    if deck_id is None or not _row_locks(session):
        return
    locked: set[int] = session.info.setdefault(_LOCKED, set())
    if deck_id not in locked:  # once per transaction
        session.execute(select(Deck.id).where(Deck.id == deck_id).with_for_update())
        locked.add(deck_id)


def _slide(session: Session, slide_id: int, *, lock: bool = True) -> Slide:
    """The slide, its deck locked first unless ``lock`` is False (a plain read).

    Read once per transaction: after its deck is locked (on SQLite, inside the write
    transaction) the slide in the session is the stored one plus this transaction's own
    changes, so it is kept there (the session holds loaded rows only weakly) and later
    calls take it without asking the database again.
    """
    fresh: dict[int, Slide] = session.info.setdefault(_FRESH, {})
    slide = fresh.get(slide_id)
    if slide is not None and not _gone(slide):
        return slide
    with_items = [joinedload(Slide.items)]  # edits and snapshots need them: one query
    if not _row_locks(session):
        slide = session.get(Slide, slide_id, options=with_items)
    else:
        if lock:
            _lock_deck(session, session.scalar(select(Slide.deck_id).where(Slide.id == slide_id)))
        slide = session.get(Slide, slide_id, options=with_items, populate_existing=True)
    if slide is None:
        raise NotFoundError(f"There is no slide with id {slide_id}.")
    if lock or not _row_locks(session):
        fresh[slide_id] = slide
    return slide


def _gone(row: object) -> bool:
    """Whether a row kept in the session has been deleted (or left the session) since."""
    state = inspect(row)
    return bool(state.deleted or state.was_deleted or state.detached)


def _touch_deck(session: Session, deck_id: int) -> None:
    """Mark the deck as changed without loading it: one plain UPDATE on the session's
    connection (the deck's row, if loaded, is not read again in the same transaction)."""
    session.connection().execute(
        update(Deck)
        .where(Deck.id == deck_id)
        .values(updated_at=datetime.now().replace(microsecond=0))
    )


def _check_unchanged(stored: str, expected: str | None, what: str) -> None:
    if expected is not None and stored != expected:
        raise ConflictError(
            f"Someone else changed the {what} while you were editing it; your change was "
            "not saved and their version is shown."
        )


def update_slide(
    store: Store, slide_id: int, *, expected: dict[str, str] | None = None, **fields: str
) -> Changes:
    """Set slide fields; ``expected`` holds what the client showed for them before."""
    _check_slide_fields(fields)
    with store.transaction() as session:
        slide = _slide(session, slide_id)
        for key, value in (expected or {}).items():
            _check_unchanged(getattr(slide, key), value, key.replace("_", " "))
        for key, value in fields.items():
            setattr(slide, key, _slide_value(key, value))
        _touch_deck(session, slide.deck_id)
        return slide_changes(slide.deck_id, [slide.id])


def move_slide(
    store: Store, slide_id: int, position: int, *, expected: int | None = None
) -> Changes:
    """Move a slide to ``position``; ``expected`` is where the client last saw it."""
    with store.transaction() as session:
        slide = _slide(session, slide_id)
        if expected is not None and slide.position != expected:
            raise ConflictError(
                "Someone else has moved slides in this deck since, so this slide was not moved."
            )
        slides = [s for s in slide.deck.slides if s.id != slide.id]
        slides.insert(max(0, min(position, len(slides))), slide)
        _renumber(slides)
        _touch(slide.deck)
        return order_changes(slide.deck_id, [slide.id])


def delete_slide(store: Store, slide_id: int, *, expected: SlideSnapshot | None = None) -> Changes:
    """Delete a slide; with ``expected``, only if its content is still as snapshotted."""
    with store.transaction() as session:
        slide = _slide(session, slide_id)
        if expected is not None:
            _check_content(slide, expected)
        deck = slide.deck
        items = [i.id for i in slide.items]
        deck.slides.remove(slide)
        _renumber(list(deck.slides))
        _touch(deck)
        return order_changes(deck.id, [slide_id]) | slide_changes(deck.id, (), items)


def _notes_for(session: Session, source: SourceInfo) -> str:
    """Speaker notes for a source: its passage in the essay and its footnotes in full,
    each labelled as what it is (a passage anchored in a footnote is that footnote)."""
    notes = {
        number: session.scalar(
            select(Footnote).where(
                Footnote.number == number, Footnote.document_id == source.document_id
            )
        )
        for number in source.citations
    }
    lines = []
    if source.passage:
        where = f"Essay ¶{source.paragraph + 1}" if source.paragraph is not None else "Essay"
        anchored = (n for n, note in notes.items() if note and note.text == source.passage)
        anchor = next(anchored, None)
        if source.kind == "map":
            where = f"Map “{source.text}”"
        elif anchor is not None:
            where = f"Footnote {anchor}"
        lines.append(f"{where}: {source.passage}")
    for number, note in notes.items():
        if note is not None and note.text != source.passage:
            lines.append(f"Footnote {number}: {note.text}")
    return "\n\n".join(lines)


def add_item(store: Store, slide_id: int, **point: Any) -> ItemRecord:
    """Add a point: from a stored source (its text unless ``text`` is given) or free text.

    ``point`` takes source_kind, source_id, text, column, level and position. The
    slide's speaker notes gain the source passage and its footnotes.
    """
    with store.transaction() as session:
        slide = _slide(session, slide_id)
        reader = session_reader(session)
        item = add_item_in(session, slide, reader=reader, **point)
        changes = slide_changes(item.slide.deck_id, [slide_id], [item.id])
        return replace(_item_record(session, item, reader), changes=changes)


def add_item_in(
    session: Session,
    slide: Slide,
    *,
    source_kind: str | None = None,
    source_id: int | None = None,
    text: str | None = None,
    column: int = 0,
    level: int = 0,
    position: int | None = None,
    reader: StoreReader | None = None,
) -> SlideItem:
    """Add a point to ``slide`` (see :func:`add_item`); its source is read through
    ``reader`` when given (the caller's, which then has it for the point's record)."""
    if source_kind is not None and source_kind not in SOURCE_KINDS:
        raise StoreError(f"{source_kind!r} is not something a slide can show.")
    reader = reader if reader is not None else session_reader(session)
    source = reader.source(source_kind, source_id)
    if source_kind is not None and source is None:
        raise NotFoundError(f"There is no {source_kind} with id {source_id}.")
    wording = storable_text(text) if text is not None else (source.text if source else "")
    item = SlideItem(
        column=1 if column else 0,
        level=max(0, min(level, 1)),
        source_kind=source_kind,
        source_id=source_id,
        text=wording,
        position=0,
    )
    items = [i for i in slide.items if i.column == item.column]
    at = len(items) if position is None else max(0, min(position, len(items)))
    items.insert(at, item)
    slide.items.append(item)
    _renumber(items)
    if source is not None:  # each passage or footnote once per slide
        for extra in _notes_for(session, source).split("\n\n"):
            if extra and extra not in slide.notes:
                slide.notes = f"{slide.notes}\n\n{extra}".strip()
    _touch(slide.deck)
    session.flush()
    return item


def _item(session: Session, item_id: int) -> SlideItem:
    """The point, its deck locked first (read once per transaction, as :func:`_slide`)."""
    if not _row_locks(session):
        item = session.get(SlideItem, item_id)
    else:
        _lock_deck(
            session,
            session.scalar(
                select(Slide.deck_id)
                .join(SlideItem, SlideItem.slide_id == Slide.id)
                .where(SlideItem.id == item_id)
            ),
        )
        item = session.get(SlideItem, item_id, populate_existing=True)
    if item is None:
        raise NotFoundError(f"There is no slide item with id {item_id}.")
    return item


def set_item_text(
    store: Store, item_id: int, text: str, *, expected: str | None = None
) -> ItemRecord:
    """Reword a point; ``expected`` is the wording the client showed before the edit."""
    with store.transaction() as session:
        changes = reword_item(store, item_id, text, expected=expected)
        return replace(_item_record(session, _item(session, item_id)), changes=changes)


def reword_item(store: Store, item_id: int, text: str, *, expected: str | None = None) -> Changes:
    """:func:`set_item_text` saying only what changed (an undoable edit needs no record,
    so its source is not read)."""
    with store.transaction() as session:
        item = _item(session, item_id)
        _check_unchanged(item.text, expected, "point")
        item.text = storable_text(text)
        _touch_deck(session, item.slide.deck_id)
        return _item_changes(item)


def reset_item(store: Store, item_id: int) -> ItemRecord:
    """Put the source's current wording back; free text has nothing to reset to."""
    with store.transaction() as session:
        item = _item(session, item_id)
        reader = session_reader(session)
        source = reader.source(item.source_kind, item.source_id)
        if source is None:
            raise StoreError("This point has no stored source to reset to.")
        item.text = source.text
        _touch_deck(session, item.slide.deck_id)
        return replace(_item_record(session, item, reader), changes=_item_changes(item))


def delete_item(store: Store, item_id: int) -> Changes:
    with store.transaction() as session:
        item = _item(session, item_id)
        slide = item.slide
        changes = _item_changes(item)
        slide.items.remove(item)
        _renumber([i for i in slide.items if i.column == item.column])
        _touch_deck(session, slide.deck_id)
        return changes


def _item_changes(item: SlideItem) -> Changes:
    return slide_changes(item.slide.deck_id, [item.slide_id], [item.id])


# --- undo support -----------------------------------------------------------------------
# Snapshots hold a slide's stored state with its ids, so undo can put back exactly what
# was there (same slide and item ids), and later commands that name those ids still work.


def _snapshot(slide: Slide) -> SlideSnapshot:
    items = sorted(slide.items, key=lambda i: (i.column, i.position))
    return SlideSnapshot(
        id=slide.id,
        deck_id=slide.deck_id,
        position=slide.position,
        layout=slide.layout,
        title=slide.title,
        subtitle=slide.subtitle,
        left_heading=slide.left_heading,
        right_heading=slide.right_heading,
        notes=slide.notes,
        items=tuple(
            ItemSnapshot(i.id, i.column, i.position, i.level, i.source_kind, i.source_id, i.text)
            for i in items
        ),
        part=slide.part or "",
    )


def _apply_snapshot(slide: Slide, snapshot: SlideSnapshot) -> None:
    for key in SLIDE_FIELDS:
        setattr(slide, key, getattr(snapshot, key))
    wanted = {i.id for i in snapshot.items}
    for gone in [i for i in slide.items if i.id not in wanted]:
        slide.items.remove(gone)
    existing = {i.id: i for i in slide.items}
    for snap in snapshot.items:
        item = existing.get(snap.id)
        if item is None:
            item = SlideItem(id=snap.id)
            slide.items.append(item)
        item.column, item.position, item.level = snap.column, snap.position, snap.level
        item.source_kind, item.source_id, item.text = snap.source_kind, snap.source_id, snap.text


def get_deck_id(store: Store, name: str) -> int:
    """The id of the deck named ``name`` (NotFoundError when there is none)."""
    with store.read() as session:
        deck_id = session.scalar(select(Deck.id).where(Deck.name == name))
        if deck_id is None:
            raise NotFoundError(f"There is no deck named {name!r}.")
        return deck_id


def deck_slides(store: Store, deck_id: int) -> list[SlideSnapshot]:
    """The deck's slides, in order, as snapshots (fields and items with their ids)."""
    with store.read() as session:
        deck = session.get(Deck, deck_id)
        if deck is None:
            raise NotFoundError(f"There is no deck with id {deck_id}.")
        return [_snapshot(slide) for slide in deck.slides]


def deck_name_of(store: Store, deck_id: int) -> str:
    """The current name of the deck with ``deck_id`` (names change, ids do not)."""
    with store.read() as session:
        deck = session.get(Deck, deck_id)
        if deck is None:
            raise NotFoundError(f"There is no deck with id {deck_id}.")
        return deck.name


def deck_id_of_slide(store: Store, slide_id: int) -> int:
    """The id of the deck a slide belongs to."""
    with store.read() as session:
        deck_id = session.scalar(select(Slide.deck_id).where(Slide.id == slide_id))
        if deck_id is None:
            raise NotFoundError(f"There is no slide with id {slide_id}.")
        return deck_id


def slide_snapshot(store: Store, slide_id: int, *, lock: bool = False) -> SlideSnapshot:
    """The slide's stored fields and items, ids included; with ``lock`` (inside a
    transaction), its deck is locked first, so the snapshot stays true until commit."""
    with store.read() as session:
        return _snapshot(_slide(session, slide_id, lock=lock))


def _content(snapshot: SlideSnapshot) -> SlideSnapshot:
    """What an edit of the slide's own content changes: everything but its place."""
    return replace(snapshot, position=0)


def _check_content(slide: Slide, expected: SlideSnapshot) -> None:
    if _content(_snapshot(slide)) != _content(expected):
        raise ConflictError(
            "Someone else has changed this slide since your edit, so it cannot be "
            "undone or redone without losing their change."
        )


def replace_slide(
    store: Store, snapshot: SlideSnapshot, *, expected: SlideSnapshot | None = None
) -> Changes:
    """Put an existing slide back exactly as ``snapshot`` (fields and items, same ids).

    With ``expected`` (the state an undo or redo starts from), refuse with a
    ConflictError when someone else has changed the slide's content since.
    """
    with store.transaction() as session:
        slide = _slide(session, snapshot.id)
        if expected is not None:
            _check_content(slide, expected)
        items = [i.id for i in slide.items] + [i.id for i in snapshot.items]
        _apply_snapshot(slide, snapshot)
        _touch_deck(session, slide.deck_id)
        return slide_changes(slide.deck_id, [slide.id], items)


def restore_slide(store: Store, snapshot: SlideSnapshot, position: int | None = None) -> Changes:
    """Re-create a deleted slide with its ids, items and notes at ``position`` (default:
    where it was)."""
    with store.transaction() as session:
        _lock_deck(session, snapshot.deck_id)
        deck = session.get(Deck, snapshot.deck_id, populate_existing=True)
        if deck is None:
            raise NotFoundError("The deck of this slide no longer exists.")
        if session.get(Slide, snapshot.id) is not None:
            raise StoreError("This slide is already in the deck.")
        slide = Slide(id=snapshot.id, position=len(deck.slides), layout=snapshot.layout)
        _apply_snapshot(slide, snapshot)
        slides = list(deck.slides)
        at = snapshot.position if position is None else position
        slides.insert(max(0, min(at, len(slides))), slide)
        deck.slides.append(slide)
        _renumber(slides)
        _touch(deck)
        items = [i.id for i in snapshot.items]
        return order_changes(deck.id, [snapshot.id]) | slide_changes(deck.id, (), items)


def add_items(store: Store, slide_id: int, points: list[dict[str, Any]]) -> list[ItemRecord]:
    """Add several points (each as for :func:`add_item`) in one transaction."""
    with store.transaction() as session:
        slide = _slide(session, slide_id)
        reader = session_reader(session)  # each source read once, for its point and record
        items = []
        for point in points:
            items.append(add_item_in(session, slide, reader=reader, **point))
            slide.items.sort(key=lambda i: (i.column, i.position))  # keep list order = positions
        changes = slide_changes(slide.deck_id, [slide.id], [item.id for item in items])
        return [replace(_item_record(session, item, reader), changes=changes) for item in items]


def move_item(store: Store, item_id: int, position: int, column: int | None = None) -> Changes:
    """Move a point to ``position`` within ``column`` (default: its own column)."""
    with store.transaction() as session:
        item = _item(session, item_id)
        slide = item.slide
        old_column = item.column
        new_column = old_column if column is None else (1 if column else 0)
        ordered = sorted(slide.items, key=lambda i: (i.column, i.position))
        rest = [i for i in ordered if i.column == new_column and i.id != item.id]
        rest.insert(max(0, min(position, len(rest))), item)
        item.column = new_column
        _renumber(rest)
        if old_column != new_column:
            _renumber([i for i in ordered if i.column == old_column and i.id != item.id])
        _touch_deck(session, slide.deck_id)
        return _item_changes(item)


def set_item_level(store: Store, item_id: int, level: int) -> Changes:
    """0 for a point, 1 for a supporting sub-point."""
    with store.transaction() as session:
        item = _item(session, item_id)
        item.level = max(0, min(level, 1))
        _touch_deck(session, item.slide.deck_id)
        return _item_changes(item)
