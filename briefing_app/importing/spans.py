"""Anchor curated and user records to the clean text by finding their verbatim quotation."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from briefing_app.store.models import Argument, Event, Footnote, Paragraph, Quote


@dataclass(frozen=True)
class Anchor:
    paragraph_id: int | None
    footnote_id: int | None
    start: int
    end: int


class TextIndex:
    """The clean text of one document's paragraphs and footnotes, for finding quotations."""

    def __init__(self, session: Session, document_id: int) -> None:
        self.paragraphs = list(
            session.execute(
                select(Paragraph.id, Paragraph.text)
                .where(Paragraph.document_id == document_id)
                .order_by(Paragraph.position)
            )
        )
        self.footnotes = list(
            session.execute(
                select(Footnote.id, Footnote.text)
                .where(Footnote.document_id == document_id)
                .order_by(Footnote.number)
            )
        )

    def find(self, quotation: str, *, in_footnotes: bool = True) -> Anchor | None:
        """The first place the quotation occurs verbatim: body first, then footnotes."""
        if not quotation:
            return None
        for pid, body in self.paragraphs:
            at = body.find(quotation)
            if at >= 0:
                return Anchor(pid, None, at, at + len(quotation))
        if in_footnotes:
            for fid, body in self.footnotes:
                at = body.find(quotation)
                if at >= 0:
                    return Anchor(None, fid, at, at + len(quotation))
        return None


def apply_anchor(record: Argument | Quote | Event, anchor: Anchor | None) -> None:
    if anchor is None:
        record.paragraph_id = record.footnote_id = None
        record.span_start = record.span_end = None
        return
    record.paragraph_id = anchor.paragraph_id
    record.footnote_id = anchor.footnote_id
    record.span_start = anchor.start
    record.span_end = anchor.end


def reanchor_document(session: Session, document_id: int) -> None:
    """Re-find every argument, quote and event of a document in its (new) text."""
    index = TextIndex(session, document_id)
    _reanchor(session, index, Argument, document_id, "quote")
    _reanchor(session, index, Quote, document_id, "text")
    _reanchor(session, index, Event, document_id, "quote")


_Anchored = TypeVar("_Anchored", Argument, Quote, Event)


def _reanchor(
    session: Session, index: TextIndex, model: type[_Anchored], document_id: int, attribute: str
) -> None:
    for record in session.scalars(select(model).where(model.document_id == document_id)):
        apply_anchor(record, index.find(getattr(record, attribute)))
