"""Review annotations on arguments, and the one rule for an argument's review status.

An argument's status is that of its newest annotation (by time, then id), "unreviewed"
when it has none. :data:`LATEST_STATUS_SQL` states that rule once; the tree, filters,
library, reader, progress count and report all read statuses through it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, select, text
from sqlalchemy.orm import Session

from briefing_app.domain.vocabulary import REVIEW_STATUSES, UNREVIEWED
from briefing_app.store.changes import NO_CHANGES, Changes
from briefing_app.store.errors import NotFoundError, StoreError
from briefing_app.store.models import Argument, ReviewAnnotation
from briefing_app.store.store import Store

# The status of argument ``a`` (an SQL expression over ``argument a``).
LATEST_STATUS_SQL = (
    "COALESCE((SELECT ra.status FROM review_annotation ra WHERE ra.argument_id = a.id "
    f"ORDER BY ra.created_at DESC, ra.id DESC LIMIT 1), '{UNREVIEWED}')"
)


def latest_statuses(
    session: Session, argument_ids: Iterable[int] | None = None, *, document_id: int | None = None
) -> dict[int, str]:
    """The review status of each argument: all of them, those in ``argument_ids``, or
    those of ``document_id`` (every one present, "unreviewed" included)."""
    clauses: list[str] = ["1 = 1"]
    params: dict[str, Any] = {}
    if argument_ids is not None:
        params["ids"] = list(argument_ids)
        if not params["ids"]:
            return {}
        clauses.append("a.id IN :ids")
    if document_id is not None:
        clauses.append("a.document_id = :document_id")
        params["document_id"] = document_id
    query = text(f"SELECT a.id, {LATEST_STATUS_SQL} FROM argument a WHERE {' AND '.join(clauses)}")
    if argument_ids is not None:
        query = query.bindparams(bindparam("ids", expanding=True))
    return {int(i): str(s) for i, s in session.execute(query, params)}


def review_progress(store: Store) -> tuple[int, int]:
    """(reviewed, total): arguments whose status is not "unreviewed", of all."""
    with store.read() as session:
        statuses = latest_statuses(session)
    return sum(1 for s in statuses.values() if s != UNREVIEWED), len(statuses)


@dataclass(frozen=True)
class ReviewRecord:
    id: int
    argument_id: int
    status: str
    comment: str
    author: str
    created_at: str
    changes: Changes = field(default=NO_CHANGES, compare=False, repr=False)  # set by writes


def add_review(
    store: Store, argument_id: int, status: str, comment: str = "", author: str = ""
) -> ReviewRecord:
    """Record a review of an argument in its own transaction."""
    if status not in REVIEW_STATUSES:
        raise StoreError(
            f"{status!r} is not a review status; use one of {', '.join(REVIEW_STATUSES)}."
        )
    with store.transaction() as session:
        if session.get(Argument, argument_id) is None:
            raise NotFoundError(f"There is no argument with id {argument_id}.")
        note = ReviewAnnotation(
            argument_id=argument_id,
            status=status,
            comment=comment,
            author=author,
            created_at=datetime.now().replace(microsecond=0),
        )
        session.add(note)
        session.flush()
        return replace(_record(note), changes=Changes(reviews=frozenset({argument_id})))


def comment_on(store: Store, review_id: int, comment: str) -> ReviewRecord:
    """Give a review that was recorded without a comment its comment (a status set and
    then explained is one entry in the history, not two). Refused once it has one."""
    with store.transaction() as session:
        note = session.get(ReviewAnnotation, review_id)
        if note is None:
            raise NotFoundError(f"There is no review with id {review_id}.")
        if note.comment:
            raise StoreError("This review already has a comment; add a new one instead.")
        note.comment = comment
        session.flush()
        return replace(_record(note), changes=Changes(reviews=frozenset({note.argument_id})))


def reviews(store: Store, argument_id: int) -> list[ReviewRecord]:
    with store.read() as session:
        rows = session.scalars(
            select(ReviewAnnotation)
            .where(ReviewAnnotation.argument_id == argument_id)
            .order_by(ReviewAnnotation.created_at, ReviewAnnotation.id)
        )
        return [_record(r) for r in rows]


def _record(note: ReviewAnnotation) -> ReviewRecord:
    return ReviewRecord(
        note.id,
        note.argument_id,
        note.status,
        note.comment,
        note.author,
        note.created_at.isoformat(sep=" ") if note.created_at else "",
    )
