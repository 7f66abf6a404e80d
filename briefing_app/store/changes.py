"""What a write changed: every mutating service returns one, and views refresh from it.

Modelled on Anki's ``OpChanges``: the core says which decks, slides, points, arguments,
reviews and maps a write touched, so the desktop app refreshes just those and the CLI can
say what happened, and nobody has to announce a change by hand. Records combine with
``|`` when one operation is several writes.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, fields
from typing import Generic, TypeVar

T = TypeVar("T")


def ids(values: Iterable[int | None] = ()) -> frozenset[int]:
    """A frozenset of the ids given, without None (a convenience for callers)."""
    return frozenset(v for v in values if v is not None)


@dataclass(frozen=True)
class Changes:
    """Ids of what a write touched; empty when it changed nothing."""

    decks: frozenset[int] = frozenset()  # decks whose fields or slides changed
    deck_fields: frozenset[int] = frozenset()  # decks whose own fields (title, marking…) changed
    slide_order: frozenset[int] = frozenset()  # decks that gained, lost or reordered slides
    slides: frozenset[int] = frozenset()  # slides whose fields or points changed
    items: frozenset[int] = frozenset()  # points added, edited, moved or removed
    decks_created: frozenset[int] = frozenset()
    decks_deleted: frozenset[int] = frozenset()
    decks_renamed: frozenset[int] = frozenset()
    arguments: frozenset[int] = frozenset()  # arguments created, edited, tagged or deleted
    reviews: frozenset[int] = frozenset()  # arguments whose review annotations changed
    maps: frozenset[int] = frozenset()  # maps saved, edited, linked or deleted
    corrections: frozenset[int] = frozenset()  # corrections added, edited or removed

    def __or__(self, other: Changes) -> Changes:
        if not isinstance(other, Changes):
            return NotImplemented
        return Changes(
            **{f.name: getattr(self, f.name) | getattr(other, f.name) for f in fields(self)}
        )

    def __bool__(self) -> bool:
        return any(getattr(self, f.name) for f in fields(self))

    @property
    def deck_list(self) -> bool:
        """Whether the list of decks (names, which exist) changed."""
        return bool(self.decks_created or self.decks_deleted or self.decks_renamed)

    @property
    def sources(self) -> bool:
        """Whether stored pieces a slide can show changed (their wording on slides may)."""
        return bool(self.arguments or self.maps or self.corrections)

    def summary(self) -> str:
        """A short account for the command line, e.g. "1 deck, 2 slides, 3 points"."""
        parts = []
        for count, one in ((len(self.decks | self.decks_created | self.decks_deleted), "deck"),
                           (len(self.slides), "slide"), (len(self.items), "point"),
                           (len(self.arguments), "argument"), (len(self.reviews), "review"),
                           (len(self.maps), "map"),
                           (len(self.corrections), "correction")):  # fmt: skip
            if count:
                parts.append(f"{count} {one}{'s' if count != 1 else ''}")
        return ", ".join(parts) or "nothing"


NO_CHANGES = Changes()


def slide_changes(
    deck_id: int, slide_ids: Iterable[int] = (), item_ids: Iterable[int | None] = ()
) -> Changes:
    """Changes inside slides of one deck (their fields or points; the order unchanged)."""
    return Changes(decks=frozenset({deck_id}), slides=ids(slide_ids), items=ids(item_ids))


def order_changes(deck_id: int, slide_ids: Iterable[int] = ()) -> Changes:
    """Slides added, removed or moved in one deck."""
    return Changes(
        decks=frozenset({deck_id}), slide_order=frozenset({deck_id}), slides=ids(slide_ids)
    )


@dataclass(frozen=True)
class WithChanges(Generic[T]):
    """A write's result (a new id, the previous values…) with what it changed, as Anki's
    ``OpChangesWithId`` carries an id beside its ``OpChanges``."""

    value: T
    changes: Changes
