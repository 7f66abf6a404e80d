"""House templates as the CLI and the app use them: check a file, add it to the store,
list what is stored, and choose a deck's template.

A file is read and checked completely before the store is touched, so a bad template
leaves the store as it was. Templates are stored by content (SHA-256): adding the same
bytes again returns the stored one.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from briefing_app.domain.text import storable_text
from briefing_app.services.decks import deck_by_name
from briefing_app.store.changes import Changes
from briefing_app.store.errors import NotFoundError, StoreError
from briefing_app.store.models import Deck
from briefing_app.store.store import Store
from briefing_app.store.template_models import Template
from briefing_app.templates.art import typed_prompts
from briefing_app.templates.match import TemplateMatch
from briefing_app.templates.package import TemplatePackage, read_template_file
from briefing_app.templates.stored import (
    analyse,
    analysed,
    default_template,
    stored_template_of,
)

MAX_TEMPLATE_NAME = 200


@dataclass(frozen=True)
class LayoutRow:
    ours: str
    layout: str  # the template layout's name ("" when none fits)
    placeholders: list[str]  # "subtitle -> subTitle #1", ...
    missing: list[str]


@dataclass(frozen=True)
class FontRow:
    role: str
    font: str
    measured_with: str
    exact: bool


@dataclass(frozen=True)
class TemplateReport:
    """What ``template check`` prints: layouts, fonts, what is missing and the fallbacks."""

    file: str
    slide_size: str  # "960 x 540 pt (16:9)"
    master: int  # the chosen slide master, counted from 1 as PowerPoint's master view does
    layouts: list[LayoutRow]
    fonts: list[FontRow]
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class TemplateRecord:
    name: str
    sha256: str
    filename: str
    size: int
    width: float
    height: float
    decks: int = 0
    created_at: datetime | None = None


def report_for(match: TemplateMatch, package: TemplatePackage | None = None) -> TemplateReport:
    """What ``template check`` says; with the ``package``, also which typed text that
    looks like a placeholder's prompt its slides will show."""
    info = match.info
    rows = []
    for c in match.choices:
        placeholders = [
            f"{a.slot} -> {a.placeholder.type} #{a.placeholder.idx}"
            for a in c.assignments
            if a.placeholder is not None
        ]
        if c.title is not None:
            placeholders.insert(0, f"title -> {c.title.type}")
        rows.append(LayoutRow(c.ours, c.name, placeholders, list(c.missing)))
    fonts = [FontRow(f.role, f.name, f.measured_with, f.exact) for f in info.fonts]
    size = f"{info.width:g} x {info.height:g} pt ({info.aspect})"
    number = match.master + 1
    warnings = list(info.warnings)
    if package is not None:
        warnings += typed_prompts(package, match)
    return TemplateReport(info.filename, size, number, rows, fonts, warnings)


def check_template(path: str | Path) -> TemplateReport:
    """Read ``path`` as a template and say how our layouts will use it (store untouched)."""
    package = read_template_file(path)
    _, match = analyse(package)
    return report_for(match, package)


def _record(row: Template, decks: int = 0) -> TemplateRecord:
    return TemplateRecord(
        row.name, row.sha256, row.filename, row.size, row.width, row.height, decks, row.created_at
    )


def _clean_name(name: str) -> str:
    name = storable_text(" ".join(name.split()))
    if not name:
        raise StoreError("A template needs a name.")
    if len(name) > MAX_TEMPLATE_NAME:
        raise StoreError(f"A template name can be at most {MAX_TEMPLATE_NAME} characters long.")
    return name


def add_template(
    store: Store, path: str | Path, name: str | None = None, *, replace: bool = False
) -> TemplateRecord:
    """Check the file at ``path`` and store it under ``name`` (default: the file's name).

    The same bytes already stored are not stored again; the stored record is returned.
    With ``replace``, a file under a name already stored becomes that template's new
    version (a ministry's template for the new year): every deck in it exports in the new
    file, and the old version is no longer kept.
    """
    path = Path(path)
    package = read_template_file(path)
    info, _ = analyse(package)  # a file we cannot lay out is refused before storing
    data = path.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    wanted = _clean_name(name or path.stem)
    with store.transaction() as session:
        same = session.scalar(select(Template).where(Template.sha256 == digest))
        if same is not None:
            return _record(same)
        named = session.scalar(select(Template).where(Template.name == wanted))
        if named is not None and replace:
            named.sha256, named.data, named.size = digest, data, len(data)
            named.filename = storable_text(path.name)
            named.width, named.height = info.width, info.height
            named.created_at = datetime.now().replace(microsecond=0)
            session.flush()
            return _record(named)
        if named is not None:
            raise StoreError(
                f"A different template named {wanted!r} is already stored; choose another "
                "name with --name, or make this file its new version with --replace."
            )
        row = Template(
            name=wanted,
            sha256=digest,
            filename=storable_text(path.name),
            size=len(data),
            width=info.width,
            height=info.height,
            data=data,
        )
        session.add(row)
        session.flush()
        return _record(row)


def list_templates(store: Store) -> list[TemplateRecord]:
    """Every stored template with how many decks use it, by name."""
    with store.read() as session:
        counts = dict(
            session.execute(
                select(Deck.template_id, func.count(Deck.id))
                .where(Deck.template_id.is_not(None))
                .group_by(Deck.template_id)
            ).all()
        )
        rows = session.scalars(select(Template).order_by(Template.name)).all()
        return [_record(r, counts.get(r.id, 0)) for r in rows]


def template_by_name(session: Session, name: str) -> Template:
    row = session.scalar(select(Template).where(Template.name == name))
    if row is None:
        raise NotFoundError(
            f"There is no template named {name!r}; add one with: template add FILE --name NAME."
        )
    return row


def set_deck_template(store: Store, deck_name: str, template: str | None) -> Changes:
    """Export ``deck_name`` in the stored template ``template`` (None: our own)."""
    with store.transaction() as session:
        deck = deck_by_name(session, deck_name, lock=True)
        template_id = template_by_name(session, template).id if template else None
        if deck.template_id == template_id:
            return Changes()
        deck.template_id = template_id
        deck.updated_at = datetime.now().replace(microsecond=0)
        one = frozenset({deck.id})
        return Changes(decks=one, deck_fields=one)


def deck_template_name(store: Store, deck_name: str) -> str | None:
    with store.read() as session:
        deck = deck_by_name(session, deck_name)
        if deck.template_id is None:
            return None
        return session.scalar(select(Template.name).where(Template.id == deck.template_id))


def _deck_template_row(session: Session, deck_name: str) -> Template | None:
    """The stored template of the deck named ``deck_name`` (its row only: no slides read)."""
    found = session.execute(select(Deck.template_id).where(Deck.name == deck_name)).first()
    if found is None:
        raise NotFoundError(f"There is no deck named {deck_name!r}.")
    return session.get(Template, found[0]) if found[0] else None


def deck_template(store: Store, deck_name: str) -> tuple[TemplatePackage, TemplateMatch]:
    """The checked package and layout choices a deck exports with (ours by default)."""
    with store.read() as session:
        row = _deck_template_row(session, deck_name)
        if row is not None:
            return analysed(row.sha256, row.data, row.filename or row.name)
    return default_template()


def stored_deck_template(
    store: Store, deck_name: str
) -> tuple[TemplatePackage, TemplateMatch] | None:
    """The house template a deck exports in, or None when it uses our own."""
    with store.reader() as reader:
        return stored_template_of(reader, deck_name)
