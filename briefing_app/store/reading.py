"""Plain-SQL reads of a deck and everything it shows, on any DB-API connection.

Composing a deck (and the records the editor shows beside it) reads through one
:class:`StoreReader`: on the store's own connection inside a session for every caller
that holds a :class:`~briefing_app.store.store.Store` (``Store.reader()``), and on a
read-only stdlib ``sqlite3`` connection for the export command, which then starts
without SQLAlchemy. The SQL is portable (SQLite and PostgreSQL); values are decoded as
the store's column types decode them, and a value changed outside the app is the same
one sentence (:class:`UnreadableValueError`). Nothing here imports SQLAlchemy.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Protocol

from briefing_app.domain import dates
from briefing_app.domain.vocabulary import CORRECTABLE_KINDS
from briefing_app.store.errors import NotFoundError, unreadable

# Bound parameters per statement: SQLite before 3.32 takes at most 999.
CHUNK = 900
CORRECTABLE = CORRECTABLE_KINDS
ANCHORED = ("argument", "quote", "event")  # the records anchored in the essay's text


class Connection(Protocol):
    """The part of a DB-API 2.0 connection the reader uses."""

    def cursor(self) -> Any: ...


# --- what a source says ----------------------------------------------------------------


@dataclass(frozen=True)
class SourceInfo:
    kind: str
    id: int
    text: str  # the wording an item takes from this source
    citations: tuple[int, ...]  # footnote numbers
    passage: str  # the paragraph or footnote the source is anchored in
    paragraph: int | None  # paragraph index in the essay
    speaker: str = ""
    date_label: str = ""
    document_id: int | None = None
    # A reviewer's correction or caveat ("Correction: The essay says …"), for notes; a
    # footnote's are those of the records quoted from it, one a line.
    correction: str = ""
    source: str = ""  # the text a quote comes from when no one spoke it (a bill)
    speaker_role: str = ""  # "President of Russia": the speaker's role, for attributions
    context: str = ""  # what a quote was said about ("Putin's address on Crimea …")


def actor_role(description: str | None) -> str:
    """The role an actor's description starts with: "President of Russia; the essay
    argues …" → "President of Russia"; "Former Serbian Ambassador to Belarus." →
    "former Serbian Ambassador to Belarus"."""
    role = (description or "").split(";")[0].split(", who")[0].strip().rstrip(".")
    if len(role) > 80:
        return ""
    first = role.split(" ", 1)[0]
    return role[0].lower() + role[1:] if first in ("Former", "Ex-") else role


def date_label(iso: str | None, precision: str | None = None) -> str:
    """'2025-10-19' → '19 Oct 2025', '1999-06' → 'Jun 1999', '2005' → '2005'."""
    return dates.label(iso, precision)


@dataclass(frozen=True)
class CorrectionRecord:
    id: int
    target_kind: str  # argument | quote | event | actor
    target_id: int
    kind: str  # correction | caveat
    text: str
    date: str | None  # corrected date of an event, YYYY[-MM[-DD]]
    precision: str | None
    origin: str  # curated | user
    author: str

    @property
    def date_label(self) -> str:
        return dates.label(self.date, self.precision)

    @property
    def heading(self) -> str:
        """The kind as a reader sees it: "Correction" or "Caveat"."""
        return self.kind.capitalize()


def shown_date(
    date_text: str, precision: str | None, correction: CorrectionRecord | None
) -> tuple[str, str]:
    """(date, precision) a timeline shows an event at: its corrected date when it has one."""
    if correction is not None and correction.date:
        return correction.date, correction.precision or dates.written_precision(correction.date)
    return date_text, precision or "day"


# --- rows ------------------------------------------------------------------------------


@dataclass
class ItemRow:
    id: int
    slide_id: int
    position: int
    column: int
    level: int
    source_kind: str | None
    source_id: int | None
    text: str


@dataclass
class SlideRow:
    id: int
    deck_id: int
    position: int
    layout: str
    title: str
    subtitle: str
    left_heading: str
    right_heading: str
    notes: str
    part: str
    items: list[ItemRow] = field(default_factory=list)


@dataclass(frozen=True)
class DeckRow:
    id: int
    name: str
    title: str
    subtitle: str
    author: str
    date_label: str
    marking: str | None
    distribution: str
    theme: str
    template_id: int | None


@dataclass(frozen=True)
class DocumentRow:
    id: int
    slug: str
    title: str
    author: str | None
    publisher: str | None
    published: date | None
    revised: date | None


@dataclass(frozen=True)
class FootnoteRow:
    id: int
    document_id: int
    number: int
    text: str
    paragraph_id: int | None


@dataclass(frozen=True)
class LayerRow:
    name: str
    source: str
    selector: dict[str, Any]
    features: list[dict[str, Any]] | None
    style: dict[str, Any]
    legend: str | None
    attribution: str | None


@dataclass(frozen=True)
class MapRow:
    """A stored map with its layers, the keys of the arguments it illustrates and the
    slug of its document: what a MapSpec is made of (``maps.stored.spec_of_row``)."""

    id: int
    key: str
    title: str
    caption: str
    extent: list[float]
    projection: dict[str, Any]
    options: dict[str, Any]
    document_id: int | None
    document: str | None  # the document's slug
    layers: tuple[LayerRow, ...]
    arguments: tuple[str, ...]


@dataclass(frozen=True)
class MapPoint:
    """An argument a map illustrates, as its slide lists it."""

    claim: str
    document_id: int
    paragraph: int | None  # the paragraph's index in the essay
    footnotes: tuple[int, ...]  # footnote numbers


@dataclass(frozen=True)
class TemplateRow:
    name: str
    sha256: str
    filename: str
    data: bytes


# --- decoding values as the column types do ---------------------------------------------


def check_extent(value: Any) -> None:
    """Refuse a map extent that is not lon_min, lat_min, lon_max, lat_max, in order."""
    numbers = [v for v in value if isinstance(v, (int, float)) and not isinstance(v, bool)]
    if len(value) != 4 or len(numbers) != 4 or not all(map(math.isfinite, numbers)):
        raise ValueError("an extent is four finite numbers")
    lon_min, lat_min, lon_max, lat_max = numbers
    if not (lon_min < lon_max and -90 <= lat_min < lat_max <= 90):
        raise ValueError("an extent runs from its minimum to its maximum")


_SOURCES: dict[str, str] = {
    "argument": "SELECT id, document_id, claim, paragraph_id, footnote_id FROM argument ",
    "quote": "SELECT id, document_id, text, paragraph_id, footnote_id, date_text, context, "
    "source, speaker_id FROM quote ",
    "event": "SELECT id, document_id, description, paragraph_id, footnote_id, date_text, "
    "date_precision FROM event ",
    "map": "SELECT id, document_id, title, caption FROM map ",
    "footnote": "SELECT id, document_id, text, paragraph_id, number FROM footnote ",
}


class StoreReader:
    """Reads a store through a DB-API connection, caching what it read for its lifetime.

    ``paramstyle`` is the driver's (qmark for sqlite3, format or pyformat for psycopg);
    ``translate`` turns a driver error into the store's one-sentence error (or None to
    let it pass); ``observe`` is told every statement before it is sent (the store's
    :meth:`~briefing_app.store.store.Store.statements`). One reader serves one read:
    what it caches may be stale after a write.
    """

    def __init__(
        self,
        connection: Connection | Callable[[], Connection],
        paramstyle: str = "qmark",
        translate: Callable[[Exception], Exception | None] | None = None,
        *,
        decodes_json: bool = True,
        observe: Callable[[str], None] | None = None,
    ) -> None:
        """``connection`` may be a function giving it on first use (a session's, which
        begins a transaction only when something is read); ``decodes_json`` says whether
        JSON columns arrive as text (SQLite) rather than decoded (psycopg)."""
        self._connection = connection if hasattr(connection, "cursor") else None
        self._connect = None if self._connection is not None else connection
        self._percent = paramstyle in ("format", "pyformat")
        self._decodes_json = decodes_json
        self._translate = translate
        self._observe = observe
        self._paragraphs: dict[int, tuple[str, int]] = {}  # id → (text, position)
        self._footnotes: dict[int, FootnoteRow] = {}
        self._documents: dict[int, DocumentRow | None] = {}
        self._corrections: dict[tuple[str, int], CorrectionRecord | None] = {}
        self._rows: dict[tuple[str, int], tuple[Any, ...] | None] = {}  # sources by kind
        self._argument_notes: dict[int, tuple[int, ...]] = {}  # argument → footnote numbers
        self._actors: dict[int, tuple[str, str]] = {}  # id → (name, description)
        self._maps: dict[int, MapRow | None] = {}

    # -- plumbing --

    @property
    def connection(self) -> Connection:
        if self._connection is None:
            assert callable(self._connect)
            self._connection = self._connect()
        return self._connection

    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """Every row of ``sql`` (written with ``?`` placeholders) with ``params``."""
        if self._percent:
            sql = sql.replace("?", "%s")
        if self._observe is not None:
            self._observe(sql)
        cursor = self.connection.cursor()
        try:
            cursor.execute(sql, tuple(params))
            return [tuple(row) for row in cursor.fetchall()]
        except Exception as exc:
            error = self._translate(exc) if self._translate is not None else None
            if error is not None:
                raise error from exc
            raise
        finally:
            cursor.close()

    def _in(self, sql: str, ids: Iterable[Any], *params: Any) -> list[tuple[Any, ...]]:
        """Rows of ``sql`` whose ``{ids}`` becomes an IN list of ``ids`` (in chunks)."""
        wanted = sorted(set(ids), key=repr)
        found: list[tuple[Any, ...]] = []
        for start in range(0, len(wanted), CHUNK):
            chunk = wanted[start : start + CHUNK]
            marks = ", ".join("?" * len(chunk))
            found += self.rows(sql.format(ids=marks), (*params, *chunk))
        return found

    def _json(
        self,
        value: Any,
        expect: type,
        what: str = "JSON value",
        check: Callable[[Any], None] | None = None,
    ) -> Any:
        """A JSON column's value, as the store's JSON type reads it (None stays None);
        ``check`` raises ValueError for a value of the right type that is still wrong."""
        if value is None:
            return None
        try:
            decoded = json.loads(value) if self._decodes_json else value
            if decoded is None:
                return None
            if not isinstance(decoded, expect):
                raise ValueError(f"expected a JSON {expect.__name__}")
            if check is not None:
                check(decoded)
        except (ValueError, TypeError, OverflowError, RecursionError) as exc:
            raise unreadable(what, value) from exc
        return decoded

    @staticmethod
    def _date(value: Any) -> date | None:
        if value is None or isinstance(value, date):
            return value
        try:
            return date.fromisoformat(value)
        except (ValueError, TypeError) as exc:
            raise unreadable("date", value) from exc

    # -- decks and slides --

    def deck(self, name: str) -> DeckRow | None:
        found = self.rows(
            "SELECT id, name, title, subtitle, author, date_label, marking, distribution, "
            "theme, template_id FROM deck WHERE name = ?",
            (name,),
        )
        return DeckRow(*found[0]) if found else None

    def deck_named(self, name: str) -> DeckRow:
        deck = self.deck(name)
        if deck is None:
            raise NotFoundError(f"There is no deck named {name!r}.")
        return deck

    _SLIDE = (
        "SELECT id, deck_id, position, layout, title, subtitle, left_heading, right_heading, "
        "notes, part FROM slide "
    )

    def slides(self, deck_id: int, ids: Iterable[int] | None = None) -> list[SlideRow]:
        """The deck's slides in order (only those of ``ids`` when given), with their points."""
        if ids is None:
            found = self.rows(self._SLIDE + "WHERE deck_id = ? ORDER BY position, id", (deck_id,))
        else:
            found = self._in(
                self._SLIDE + "WHERE deck_id = ? AND id IN ({ids}) ORDER BY position, id",
                ids,
                deck_id,
            )
        slides = [
            SlideRow(sid, deck, position, layout, title, subtitle, left, right, notes,
                     part or "")
            for sid, deck, position, layout, title, subtitle, left, right, notes, part in found
        ]  # fmt: skip
        by_id = {s.id: s for s in slides}
        items = self._in(
            'SELECT id, slide_id, position, "column", level, source_kind, source_id, text '
            'FROM slide_item WHERE slide_id IN ({ids}) ORDER BY "column", position, id',
            by_id,
        )
        for row in items:
            by_id[row[1]].items.append(ItemRow(*row))
        return slides

    def section_rows(self, deck_id: int) -> list[tuple[str, str]]:
        """(title, layout) of every slide of the deck, in order."""
        return [
            (title, layout)
            for title, layout in self.rows(
                "SELECT title, layout FROM slide WHERE deck_id = ? ORDER BY position, id",
                (deck_id,),
            )
        ]

    # -- documents, paragraphs, footnotes, links --

    _DOCUMENT = "SELECT id, slug, title, author, publisher, published, revised FROM document "

    def _document(self, row: tuple[Any, ...]) -> DocumentRow:
        did, slug, title, author, publisher, published, revised = row
        return DocumentRow(
            did, slug, title, author, publisher, self._date(published), self._date(revised)
        )

    def document(self, document_id: int) -> DocumentRow | None:
        if document_id not in self._documents:
            found = self.rows(self._DOCUMENT + "WHERE id = ?", (document_id,))
            self._documents[document_id] = self._document(found[0]) if found else None
        return self._documents[document_id]

    def first_document(self) -> DocumentRow | None:
        found = self.rows(self._DOCUMENT + "ORDER BY id LIMIT 1")
        if not found:
            return None
        document = self._document(found[0])
        self._documents[document.id] = document
        return document

    def paragraph(self, paragraph_id: int) -> tuple[str, int] | None:
        """(text, position) of a paragraph."""
        if paragraph_id not in self._paragraphs:
            self._load_paragraphs("id IN ({ids})", [paragraph_id])
        return self._paragraphs.get(paragraph_id)

    def _load_paragraphs(self, where: str, ids: Iterable[int]) -> None:
        for pid, text, position in self._in(
            f"SELECT id, text, position FROM paragraph WHERE {where}", ids
        ):
            self._paragraphs[pid] = (text, position)

    _FOOTNOTE = "SELECT id, document_id, number, text, paragraph_id FROM footnote "

    def _load_footnotes(self, where: str, ids: Iterable[int]) -> list[FootnoteRow]:
        notes = [FootnoteRow(*row) for row in self._in(self._FOOTNOTE + f"WHERE {where}", ids)]
        self._footnotes.update((n.id, n) for n in notes)
        return notes

    def footnote(self, footnote_id: int) -> FootnoteRow | None:
        if footnote_id not in self._footnotes:
            self._load_footnotes("id IN ({ids})", [footnote_id])
        return self._footnotes.get(footnote_id)

    def footnote_targets(self, footnote_ids: Iterable[int]) -> list[tuple[int, str | None]]:
        """(footnote id, link target) of every link in those footnotes."""
        return [
            (fid, target)
            for fid, target in self._in(
                "SELECT footnote_id, target FROM link WHERE footnote_id IN ({ids})", footnote_ids
            )
        ]

    def tag_names(self, argument_ids: Iterable[int]) -> list[str]:
        """The names of the tags of those arguments, each once, in order."""
        ids = set(argument_ids)
        names = self._in(
            "SELECT DISTINCT tag.name FROM tag JOIN argument_tag ON argument_tag.tag_id = tag.id "
            "WHERE argument_tag.argument_id IN ({ids}) ORDER BY tag.name",
            ids,
        )
        if len(ids) <= CHUNK:  # in the store's own collation
            return [name for (name,) in names]
        return sorted({name for (name,) in names})

    # -- corrections --

    _CORRECTION = (
        f"SELECT id, {', '.join(f'{kind}_id' for kind in CORRECTABLE)}, kind, text, "
        "date_text, date_precision, origin, author FROM correction "
    )

    @staticmethod
    def _correction(row: tuple[Any, ...]) -> CorrectionRecord:
        targets = row[1 : 1 + len(CORRECTABLE)]
        index = next(i for i, value in enumerate(targets) if value is not None)
        kind, text, date_text, precision, origin, author = row[1 + len(CORRECTABLE) :]
        return CorrectionRecord(
            row[0], CORRECTABLE[index], targets[index], kind, text, date_text, precision,
            origin, author,
        )  # fmt: skip

    def preload_corrections(self, wanted: dict[str, set[int]]) -> None:
        """The corrections of many records in one query per kind."""
        for kind, ids in wanted.items():
            if kind not in CORRECTABLE or not ids:
                continue
            self._corrections.update(dict.fromkeys(((kind, i) for i in ids), None))
            for row in self._in(self._CORRECTION + f"WHERE {kind}_id IN ({{ids}})", ids):
                record = self._correction(row)
                self._corrections[(kind, record.target_id)] = record

    def correction(self, kind: str, target_id: int) -> CorrectionRecord | None:
        """The correction or caveat of one record, if it has one."""
        if kind not in CORRECTABLE:
            return None
        if (kind, target_id) not in self._corrections:
            self.preload_corrections({kind: {target_id}})
        return self._corrections[(kind, target_id)]

    def corrections_anchored_in(self, footnote_ids: Iterable[int]) -> dict[int, list[str]]:
        """The corrections and caveats of the arguments, quotes and events whose words
        come from each footnote (by footnote id), as "Correction: …" lines.

        A footnote stays verbatim; what a reviewer found wrong in it is recorded on the
        record quoted from it and shown beside the footnote wherever it is shown in full.
        """
        ids = set(footnote_ids)
        found: dict[int, list[str]] = {}
        if not ids:
            return found
        for kind in ANCHORED:
            rows = self._in(
                f"SELECT m.footnote_id, c.kind, c.text FROM {kind} m "
                f"JOIN correction c ON c.{kind}_id = m.id "
                "WHERE m.footnote_id IN ({ids}) ORDER BY m.span_start, m.id",
                ids,
            )
            for footnote_id, correction_kind, text in rows:
                line = f"{correction_kind.capitalize()}: {text}"
                lines = found.setdefault(footnote_id, [])
                if line not in lines:
                    lines.append(line)
        return found

    # -- sources --

    def preload(
        self, refs: Iterable[tuple[str | None, int | None]], *, whole_documents: bool = True
    ) -> dict[tuple[int, int], FootnoteRow]:
        """Read every source in ``refs`` (and their text) in a few queries, not one per
        item, and return footnotes keyed by (document id, number): every footnote of the
        documents involved, or (without ``whole_documents``: a few slides refreshed after
        an edit) only those the sources are anchored in."""
        wanted: dict[str, set[int]] = {}
        for kind, source_id in refs:
            if kind is not None and source_id is not None:
                wanted.setdefault(kind, set()).add(source_id)
        self.preload_corrections(wanted)
        loaded: list[tuple[str, tuple[Any, ...]]] = []
        for kind, ids in wanted.items():
            if kind not in _SOURCES or kind == "map":
                continue
            self._rows.update(dict.fromkeys(((kind, i) for i in ids), None))
            for row in self._in(_SOURCES[kind] + "WHERE id IN ({ids})", ids):
                self._rows[(kind, row[0])] = row
                loaded.append((kind, row))
        self._load_extras(loaded)
        if whole_documents:
            documents = {row[1] for _, row in loaded}
            if not documents:
                return {}
            self._load_paragraphs("document_id IN ({ids})", documents)
            notes = self._load_footnotes("document_id IN ({ids})", documents)
            return {(n.document_id, n.number): n for n in notes}
        wanted_notes = {row[4] for kind, row in loaded if kind in ANCHORED and row[4] is not None}
        notes = [self.footnote_row(row) for kind, row in loaded if kind == "footnote"]
        self._footnotes.update((n.id, n) for n in notes)
        wanted_notes -= {n.id for n in notes}
        if wanted_notes:
            notes += self._load_footnotes("id IN ({ids})", wanted_notes)
        paragraphs = {row[3] for kind, row in loaded if row[3] is not None}
        paragraphs |= {n.paragraph_id for n in notes if n.paragraph_id is not None}
        if paragraphs:
            self._load_paragraphs("id IN ({ids})", paragraphs)
        return {(n.document_id, n.number): n for n in notes}

    @staticmethod
    def footnote_row(row: tuple[Any, ...]) -> FootnoteRow:
        source_id, document_id, text, paragraph_id, number = row
        return FootnoteRow(source_id, document_id, number, text, paragraph_id)

    def _footnote_numbers(self, argument_ids: Sequence[int]) -> dict[int, tuple[int, ...]]:
        """The numbers of the footnotes each of ``argument_ids`` cites, in order."""
        numbers: dict[int, list[int]] = {i: [] for i in argument_ids}
        for argument_id, number in self._in(
            "SELECT af.argument_id, f.number FROM argument_footnote af "
            "JOIN footnote f ON f.id = af.footnote_id "
            "WHERE af.argument_id IN ({ids}) ORDER BY f.number",
            list(numbers),
        ):
            numbers[argument_id].append(number)
        return {i: tuple(n) for i, n in numbers.items()}

    def _load_extras(self, loaded: list[tuple[str, tuple[Any, ...]]]) -> None:
        """The footnote numbers of loaded arguments and the speakers of loaded quotes."""
        arguments = [row[0] for kind, row in loaded if kind == "argument"]
        if arguments:
            self._argument_notes.update(self._footnote_numbers(arguments))
        speakers = {row[8] for kind, row in loaded if kind == "quote" and row[8] is not None}
        speakers -= set(self._actors)
        if speakers:
            for actor_id, name, description in self._in(
                "SELECT id, name, description FROM actor WHERE id IN ({ids})", speakers
            ):
                self._actors[actor_id] = (name, description)

    def _row(self, kind: str, source_id: int) -> tuple[Any, ...] | None:
        if (kind, source_id) not in self._rows:
            found = self.rows(_SOURCES[kind] + "WHERE id = ?", (source_id,))
            self._rows[(kind, source_id)] = found[0] if found else None
            if found:
                self._load_extras([(kind, found[0])])
        return self._rows[(kind, source_id)]

    def _anchor(
        self, paragraph_id: int | None, footnote_id: int | None
    ) -> tuple[str, int | None, tuple[int, ...]]:
        """(passage, paragraph index, footnote numbers when anchored in a footnote)."""
        if paragraph_id is not None:
            para = self.paragraph(paragraph_id)
            if para is not None:
                return para[0], para[1], ()
        if footnote_id is not None:
            note = self.footnote(footnote_id)
            if note is not None:
                para = self.paragraph(note.paragraph_id) if note.paragraph_id else None
                return note.text, para[1] if para else None, (note.number,)
        return "", None, ()

    def _correction_line(self, kind: str, source_id: int) -> str:
        note = self.correction(kind, source_id)
        return f"{note.heading}: {note.text}" if note is not None else ""

    def source(self, kind: str | None, source_id: int | None) -> SourceInfo | None:
        """The live source of an item, or None for free text or a deleted source."""
        if kind is None or source_id is None or kind not in _SOURCES:
            return None
        row = self._row(kind, source_id)
        if row is None:
            return None
        if kind == "argument":
            _, document_id, claim, paragraph_id, footnote_id = row
            passage, index, _ = self._anchor(paragraph_id, footnote_id)
            return SourceInfo(
                kind, source_id, claim, self._argument_notes.get(source_id, ()), passage, index,
                document_id=document_id, correction=self._correction_line(kind, source_id),
            )  # fmt: skip
        if kind == "quote":
            _, document_id, text, paragraph_id, footnote_id, date_text, context, said, who = row
            passage, index, numbers = self._anchor(paragraph_id, footnote_id)
            speaker = self._actors.get(who) if who is not None else None
            return SourceInfo(
                kind,
                source_id,
                text,
                numbers,
                passage,
                index,
                # Words a text holds (a bill) are attributed to the text, never to a person.
                speaker=speaker[0] if speaker else (said or ""),
                speaker_role=actor_role(speaker[1]) if speaker else "",
                date_label=date_label(date_text),
                document_id=document_id,
                correction=self._correction_line(kind, source_id),
                source=said or "",
                context=context or "",
            )
        if kind == "event":
            _, document_id, description, paragraph_id, footnote_id, date_text, precision = row
            passage, index, numbers = self._anchor(paragraph_id, footnote_id)
            shown, shown_precision = shown_date(
                date_text, precision, self.correction(kind, source_id)
            )  # at its corrected date, if corrected
            return SourceInfo(
                kind,
                source_id,
                description,
                numbers,
                passage,
                index,
                date_label=dates.label(shown, shown_precision),
                document_id=document_id,
                correction=self._correction_line(kind, source_id),
            )
        if kind == "map":
            _, document_id, title, caption = row
            return SourceInfo(kind, source_id, title, (), caption, None, document_id=document_id)
        note = self.footnote_row(row)
        para = self.paragraph(note.paragraph_id) if note.paragraph_id else None
        return SourceInfo(
            kind,
            note.id,
            note.text,
            (note.number,),
            note.text,
            para[1] if para else None,
            document_id=note.document_id,
            # the footnote stays verbatim; the corrections of what is quoted from it follow
            correction="\n".join(self.corrections_anchored_in({note.id}).get(note.id, [])),
        )

    # -- maps --

    def map(self, map_id: int) -> MapRow | None:
        """A stored map with its layers, argument keys and document slug."""
        if map_id in self._maps:
            return self._maps[map_id]
        found = self.rows(
            "SELECT map.id, map.key, map.title, map.caption, map.extent, map.projection, "
            "map.options, map.document_id, document.slug FROM map "
            "LEFT JOIN document ON document.id = map.document_id WHERE map.id = ?",
            (map_id,),
        )
        if not found:
            self._maps[map_id] = None
            return None
        mid, key, title, caption, extent, projection, options, document_id, slug = found[0]
        layers = tuple(
            LayerRow(
                name,
                source,
                self._json(selector, dict) or {},
                self._json(features, list),
                self._json(style, dict) or {},
                legend,
                attribution,
            )
            for name, source, selector, features, style, legend, attribution in self.rows(
                "SELECT name, source, selector, features, style, legend, attribution "
                "FROM map_layer WHERE map_id = ? ORDER BY position, id",
                (mid,),
            )
        )
        arguments = tuple(
            key
            for (key,) in self.rows(
                "SELECT argument.key FROM map_argument "
                "JOIN argument ON argument.id = map_argument.argument_id "
                "WHERE map_argument.map_id = ? ORDER BY map_argument.position, argument.id",
                (mid,),
            )
        )
        row = MapRow(
            mid,
            key,
            title,
            caption,
            self._json(extent, list, "map extent", check_extent),
            self._json(projection, dict),
            self._json(options, dict) or {},
            document_id,
            slug,
            layers,
            arguments,
        )
        self._maps[map_id] = row
        return row

    def map_points(self, map_id: int, limit: int) -> list[MapPoint]:
        """The first ``limit`` arguments a map illustrates, in order, with their footnote
        numbers and paragraph positions."""
        found = self.rows(
            "SELECT argument.id, argument.claim, argument.document_id, paragraph.position "
            "FROM map_argument JOIN argument ON argument.id = map_argument.argument_id "
            "LEFT JOIN paragraph ON paragraph.id = argument.paragraph_id "
            "WHERE map_argument.map_id = ? ORDER BY map_argument.position, argument.id",
            (map_id,),
        )[:limit]
        numbers = self._footnote_numbers([row[0] for row in found])
        return [
            MapPoint(claim, document_id, position, numbers[argument_id])
            for argument_id, claim, document_id, position in found
        ]

    # -- templates --

    def deck_template(self, deck_name: str) -> TemplateRow | None:
        """The stored house template of the deck named ``deck_name`` (None: our own)."""
        found = self.rows("SELECT template_id FROM deck WHERE name = ?", (deck_name,))
        if not found:
            raise NotFoundError(f"There is no deck named {deck_name!r}.")
        if not found[0][0]:
            return None
        rows = self.rows(
            "SELECT name, sha256, filename, data FROM template WHERE id = ?", (found[0][0],)
        )
        if not rows:
            return None
        name, sha256, filename, data = rows[0]
        return TemplateRow(name, sha256, filename, bytes(data))

    # -- what opening a store would do --

    def schema_revision(self) -> str | None:
        """The store's schema revision (the migration it is at), None when it has none."""
        found = self.rows("SELECT version_num FROM alembic_version")
        return str(found[0][0]) if len(found) == 1 else None

    def document_count(self) -> int:
        return int(self.rows("SELECT count(*) FROM document")[0][0])

    def map_keys(self) -> set[str]:
        return {key for (key,) in self.rows("SELECT key FROM map")}

    def argument_map_hash(self, slug: str) -> tuple[str | None] | None:
        """(the recorded fingerprint of the argument map last applied to the document
        ``slug``,), or None when there is no such document."""
        found = self.rows("SELECT argument_map_hash FROM document WHERE slug = ?", (slug,))
        return (found[0][0],) if found else None

    def unchecked_layers(self) -> int:
        """How many imported map layers wait for their one geometry check."""
        return int(self.rows("SELECT count(*) FROM map_layer WHERE NOT geometry_checked")[0][0])
