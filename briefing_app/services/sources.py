"""What a slide item's source says: its text, footnotes, passage and place in the essay.

Read through the store's :class:`~briefing_app.store.reading.StoreReader`, as composing
a deck reads it.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from briefing_app.store.reading import SourceInfo
from briefing_app.store.store import session_reader

__all__ = ["SourceInfo", "resolve"]


def resolve(session: Session, kind: str | None, source_id: int | None) -> SourceInfo | None:
    """The live source of an item, or None for free text or a deleted source."""
    return session_reader(session).source(kind, source_id)
