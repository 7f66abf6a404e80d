"""Review annotations on arguments: the write side the CLI and the review mode share."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime

from sqlalchemy import select

from briefing_app.store.changes import NO_CHANGES, Changes
from briefing_app.store.errors import NotFoundError, StoreError
from briefing_app.store.models import REVIEW_STATUSES, Argument, ReviewAnnotation
from briefing_app.store.store import Store


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
