"""Tags are shared by name: find each, creating the missing ones, inside a transaction."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from briefing_app.store.models import Tag


def tags_named(session: Session, names: Iterable[str]) -> list[Tag]:
    """The Tag rows for ``names`` (sorted, deduplicated), adding any that do not exist."""
    tags = []
    for name in sorted(set(names)):
        tag = session.scalar(select(Tag).where(Tag.name == name))
        if tag is None:
            tag = Tag(name=name)
            session.add(tag)
        tags.append(tag)
    return tags
