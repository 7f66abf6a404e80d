"""User-made arguments and tags: create, edit, delete (with an exact snapshot) and restore.

Curated arguments come from the argument map file and are only read here; every write is
one transaction.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, or_, select
from sqlalchemy.orm import Session

from briefing_app.domain.vocabulary import ARGUMENT_KINDS, RELATION_KINDS, Perspective
from briefing_app.services.review import latest_statuses
from briefing_app.store.changes import Changes, WithChanges, ids
from briefing_app.store.errors import ConflictError, NotFoundError, StoreError
from briefing_app.store.models import (
    Argument,
    ArgumentRelation,
    DocumentPerspective,
    Footnote,
    Paragraph,
    ReviewAnnotation,
    Tag,
    argument_tag,
)
from briefing_app.store.store import Store
from briefing_app.store.tags import tags_named

USER_ORIGIN = "user"
EDITABLE_FIELDS = ("label", "claim", "kind", "perspectives")
CURATED_MESSAGE = "curated arguments are edited in the argument map file"
_USER_KEY = re.compile(r"^user-(\d+)$")


@dataclass(frozen=True)
class ReviewSnapshot:
    id: int
    status: str
    comment: str
    author: str
    created_at: datetime | None


@dataclass(frozen=True)
class ArgumentSnapshot:
    """Everything a deleted user argument had, so undo can put it back exactly."""

    id: int
    document_id: int
    key: str
    label: str
    claim: str
    kind: str
    perspectives: tuple[str, ...]
    quote: str
    origin: str
    paragraph_id: int | None
    footnote_id: int | None
    span_start: int | None
    span_end: int | None
    footnote_ids: tuple[int, ...]
    tags: tuple[str, ...]
    relations: tuple[tuple[int, int, str], ...]  # (source id, target id, kind)
    reviews: tuple[ReviewSnapshot, ...]


# --- validation ---------------------------------------------------------------------------


def _text(value: Any, what: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise StoreError(f"The argument needs a {what}.")
    return value.strip()


def _kind(kind: Any) -> str:
    if kind not in ARGUMENT_KINDS:
        raise StoreError(
            f"{kind!r} is not an argument kind; use one of {', '.join(ARGUMENT_KINDS)}."
        )
    return str(kind)


def perspectives(store: Store, document_id: int | None = None) -> list[Perspective]:
    """The perspectives a document's argument map declares, in the map's order; with no
    document, every document's (the first name given to a key wins)."""
    with store.read() as session:
        return declared_perspectives(session, document_id)


def declared_perspectives(session: Session, document_id: int | None) -> list[Perspective]:
    """:func:`perspectives` inside the caller's session."""
    query = select(DocumentPerspective).order_by(
        DocumentPerspective.document_id, DocumentPerspective.position
    )
    if document_id is not None:
        query = query.where(DocumentPerspective.document_id == document_id)
    found: dict[str, Perspective] = {}
    for row in session.scalars(query):
        found.setdefault(row.key, Perspective(row.key, row.name))
    return list(found.values())


def _perspectives(session: Session, document_id: int, values: Any) -> list[str]:
    """``values`` checked against the document's declared perspectives, in their order."""
    values = list(values or [])
    declared = [p.key for p in declared_perspectives(session, document_id)]
    unknown = [v for v in values if v not in declared]
    if unknown:
        known = ", ".join(declared) if declared else "none are declared"
        raise StoreError(f"{unknown[0]!r} is not a perspective of this document ({known}).")
    return [key for key in declared if key in values]


def _get(session: Session, argument_id: int) -> Argument:
    argument = session.get(Argument, argument_id)
    if argument is None:
        raise NotFoundError(f"There is no argument with id {argument_id}.")
    return argument


def _user_only(argument: Argument) -> None:
    if argument.origin != USER_ORIGIN:
        raise StoreError(f"“{argument.label}” is curated: {CURATED_MESSAGE}.")


def _next_key(session: Session, document_id: int) -> str:
    keys = session.scalars(
        select(Argument.key).where(Argument.document_id == document_id, Argument.key.like("user-%"))
    )
    numbers = [int(m.group(1)) for k in keys if (m := _USER_KEY.match(k))]
    return f"user-{max(numbers, default=0) + 1}"


# --- create / update ----------------------------------------------------------------------


def create_argument(
    store: Store,
    *,
    paragraph_id: int,
    start: int,
    end: int,
    label: str,
    claim: str,
    kind: str,
    perspectives: list[str] | tuple[str, ...] = (),
    relation: tuple[str, int] | None = None,
) -> WithChanges[int]:
    """A new user argument quoting ``paragraph.text[start:end]``; returns its id.

    Footnote markers inside the quotation (or right at its end) become its citations;
    ``relation`` is ``(kind, target argument id)``, from the new argument to the target.
    """
    label, claim = _text(label, "label"), _text(claim, "claim")
    kind = _kind(kind)
    with store.transaction() as session:
        paragraph = session.get(Paragraph, paragraph_id)
        if paragraph is None:
            raise NotFoundError(f"There is no paragraph with id {paragraph_id}.")
        chosen = _perspectives(session, paragraph.document_id, perspectives)
        if not (isinstance(start, int) and isinstance(end, int)) or not (
            0 <= start < end <= len(paragraph.text)
        ):
            raise StoreError(
                f"The span {start}–{end} is not inside the paragraph "
                f"(it has {len(paragraph.text)} characters)."
            )
        quote = paragraph.text[start:end]
        if not quote.strip():
            raise StoreError("The selected text is empty; select words in one paragraph.")
        target = None
        if relation is not None:
            relation_kind, target_id = relation
            if relation_kind not in RELATION_KINDS:
                raise StoreError(
                    f"{relation_kind!r} is not a relation; use one of {', '.join(RELATION_KINDS)}."
                )
            target = session.get(Argument, target_id)
            if target is None or target.document_id != paragraph.document_id:
                raise NotFoundError(f"There is no argument with id {target_id} to relate to.")
        argument = Argument(
            document_id=paragraph.document_id,
            key=_next_key(session, paragraph.document_id),
            label=label,
            claim=claim,
            kind=kind,
            perspectives=chosen,
            quote=quote,
            origin=USER_ORIGIN,
            paragraph_id=paragraph.id,
            span_start=start,
            span_end=end,
        )
        argument.footnotes = list(
            session.scalars(
                select(Footnote)
                .where(
                    Footnote.paragraph_id == paragraph.id,
                    Footnote.offset > start,
                    Footnote.offset <= end,
                )
                .order_by(Footnote.number)
            )
        )
        session.add(argument)
        session.flush()
        if target is not None and relation is not None:
            session.add(
                ArgumentRelation(source_id=argument.id, target_id=target.id, kind=relation[0])
            )
        touched = ids([argument.id, target.id if target is not None else None])
        return WithChanges(argument.id, Changes(arguments=touched))


def update_argument(
    store: Store, argument_id: int, *, expected: dict[str, Any] | None = None, **fields: Any
) -> WithChanges[dict[str, Any]]:
    """Change label, claim, kind and/or perspectives of a user argument.

    Returns the previous values of the fields given, for undo. With ``expected`` (the
    values the client last saw), refuse with a ConflictError if someone changed them since.
    """
    unknown = sorted(set(fields) - set(EDITABLE_FIELDS))
    if unknown:
        raise StoreError(f"{unknown[0]!r} cannot be edited; edit {', '.join(EDITABLE_FIELDS)}.")
    clean: dict[str, Any] = {}
    for name, value in fields.items():
        if name in ("label", "claim"):
            clean[name] = _text(value, name)
        elif name == "kind":
            clean[name] = _kind(value)
    with store.transaction() as session:
        argument = _get(session, argument_id)
        _user_only(argument)
        if "perspectives" in fields:
            clean["perspectives"] = _perspectives(
                session, argument.document_id, fields["perspectives"]
            )
        for name, value in (expected or {}).items():
            if _copy(getattr(argument, name)) != _copy(value):
                raise ConflictError(
                    f"Someone else changed the argument “{argument.label}” since; your "
                    "change was not saved."
                )
        previous = {name: _copy(getattr(argument, name)) for name in clean}
        for name, value in clean.items():
            if getattr(argument, name) != value:
                setattr(argument, name, value)
        return WithChanges(previous, Changes(arguments=frozenset({argument.id})))


def _copy(value: Any) -> Any:
    return list(value) if isinstance(value, list) else value


# --- delete / restore ---------------------------------------------------------------------


def delete_argument(store: Store, argument_id: int) -> WithChanges[ArgumentSnapshot]:
    """Delete a user argument with its relations, tags and reviews; returns a snapshot."""
    with store.transaction() as session:
        argument = _get(session, argument_id)
        _user_only(argument)
        relations = session.execute(
            select(ArgumentRelation.source_id, ArgumentRelation.target_id, ArgumentRelation.kind)
            .where(
                or_(
                    ArgumentRelation.source_id == argument_id,
                    ArgumentRelation.target_id == argument_id,
                )
            )
            .order_by(ArgumentRelation.id)
        ).all()
        snapshot = ArgumentSnapshot(
            id=argument.id,
            document_id=argument.document_id,
            key=argument.key,
            label=argument.label,
            claim=argument.claim,
            kind=argument.kind,
            perspectives=tuple(argument.perspectives or ()),
            quote=argument.quote,
            origin=argument.origin,
            paragraph_id=argument.paragraph_id,
            footnote_id=argument.footnote_id,
            span_start=argument.span_start,
            span_end=argument.span_end,
            footnote_ids=tuple(f.id for f in argument.footnotes),
            tags=tuple(t.name for t in argument.tags),
            relations=tuple((s, t, k) for s, t, k in relations),
            reviews=tuple(
                ReviewSnapshot(r.id, r.status, r.comment, r.author, r.created_at)
                for r in argument.reviews
            ),
        )
        session.execute(
            delete(ArgumentRelation).where(
                or_(
                    ArgumentRelation.source_id == argument_id,
                    ArgumentRelation.target_id == argument_id,
                )
            )
        )
        session.delete(argument)
        session.flush()
        _drop_unused_tags(session)
        touched = ids([argument_id, *(s for s, _, _ in relations), *(t for _, t, _ in relations)])
        return WithChanges(snapshot, Changes(arguments=touched, reviews=frozenset({argument_id})))


def restore_argument(store: Store, snapshot: ArgumentSnapshot) -> WithChanges[int]:
    """Put a deleted argument back (same key, and same id when it is still free)."""
    with store.transaction() as session:
        argument_id = snapshot.id if session.get(Argument, snapshot.id) is None else None
        key = snapshot.key
        taken = session.scalar(
            select(Argument.id).where(
                Argument.document_id == snapshot.document_id, Argument.key == key
            )
        )
        if taken is not None:
            key = _next_key(session, snapshot.document_id)
        paragraph_id = snapshot.paragraph_id
        if paragraph_id is not None and session.get(Paragraph, paragraph_id) is None:
            paragraph_id = None
        footnote_id = snapshot.footnote_id
        if footnote_id is not None and session.get(Footnote, footnote_id) is None:
            footnote_id = None
        argument = Argument(
            id=argument_id,
            document_id=snapshot.document_id,
            key=key,
            label=snapshot.label,
            claim=snapshot.claim,
            kind=snapshot.kind,
            perspectives=list(snapshot.perspectives),
            quote=snapshot.quote,
            origin=snapshot.origin,
            paragraph_id=paragraph_id,
            footnote_id=footnote_id,
            span_start=snapshot.span_start if paragraph_id or footnote_id else None,
            span_end=snapshot.span_end if paragraph_id or footnote_id else None,
        )
        if snapshot.footnote_ids:
            argument.footnotes = list(
                session.scalars(
                    select(Footnote)
                    .where(Footnote.id.in_(snapshot.footnote_ids))
                    .order_by(Footnote.number)
                )
            )
        argument.tags = tags_named(session, _clean_tags(snapshot.tags))
        session.add(argument)
        session.flush()
        new_id = argument.id
        for review in snapshot.reviews:
            free = session.get(ReviewAnnotation, review.id) is None
            session.add(
                ReviewAnnotation(
                    id=review.id if free else None,
                    argument_id=new_id,
                    status=review.status,
                    comment=review.comment,
                    author=review.author,
                    created_at=review.created_at,
                )
            )
        for source, target, kind in snapshot.relations:
            source = new_id if source == snapshot.id else source
            target = new_id if target == snapshot.id else target
            other = target if source == new_id else source
            if other != new_id and session.get(Argument, other) is None:
                continue  # the other end is gone
            session.add(ArgumentRelation(source_id=source, target_id=target, kind=kind))
        session.flush()
        related = [*(s for s, _, _ in snapshot.relations), *(t for _, t, _ in snapshot.relations)]
        touched = ids([new_id, *(r for r in related if r != snapshot.id)])
        return WithChanges(new_id, Changes(arguments=touched, reviews=frozenset({new_id})))


# --- tags ---------------------------------------------------------------------------------


def _clean_tags(names: Any) -> list[str]:
    result: dict[str, str] = {}
    for name in names or ():
        tag = " ".join(str(name).split())
        if tag and tag.casefold() not in result:
            result[tag.casefold()] = tag[:100]
    return sorted(result.values(), key=str.casefold)


def _drop_unused_tags(session: Session) -> None:
    used = select(argument_tag.c.tag_id)
    for tag in session.scalars(select(Tag).where(Tag.id.not_in(used))):
        session.delete(tag)


def set_tags(
    store: Store, argument_id: int, names: list[str] | tuple[str, ...]
) -> WithChanges[list[str]]:
    """Replace an argument's tags (blank and duplicate names dropped); returns them."""
    with store.transaction() as session:
        argument = _get(session, argument_id)
        argument.tags = tags_named(session, _clean_tags(names))
        session.flush()
        _drop_unused_tags(session)
        names = [t.name for t in argument.tags]
        return WithChanges(names, Changes(arguments=frozenset({argument.id})))


def tag_names(store: Store) -> list[str]:
    """Every tag in use, for completion."""
    with store.read() as session:
        return sorted(session.scalars(select(Tag.name)), key=str.casefold)


# --- review status --------------------------------------------------------------------------


def latest_status(store: Store, argument_id: int) -> str:
    """The argument's review status (see :mod:`briefing_app.services.review`)."""
    with store.read() as session:
        _get(session, argument_id)
        return latest_statuses(session, [argument_id])[argument_id]
