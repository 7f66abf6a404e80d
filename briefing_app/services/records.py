"""What the deck services hand out: records of slides and their points as read, and
snapshots of slides as stored (for undo). Plain data, read through a
:class:`~briefing_app.store.reading.StoreReader`'s sources, so composing a deck and
listing it agree on what each point's source says.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from briefing_app.store.changes import NO_CHANGES, Changes
from briefing_app.store.reading import SourceInfo


@dataclass(frozen=True)
class ItemRecord:
    id: int
    position: int
    column: int
    level: int
    source_kind: str | None
    source_id: int | None
    text: str
    source_text: str | None  # None for free text or a deleted source
    differs_from_source: bool
    changes: Changes = field(default=NO_CHANGES, compare=False, repr=False)  # set by writes


@dataclass(frozen=True)
class SlideRecord:
    id: int
    position: int
    layout: str
    title: str
    subtitle: str
    left_heading: str
    right_heading: str
    notes: str
    items: list[ItemRecord]
    part: str = ""  # the part of the briefing it belongs to ("" for none)
    changes: Changes = field(default=NO_CHANGES, compare=False, repr=False)  # set by writes


SourceLookup = Callable[[str | None, int | None], SourceInfo | None]


class StoredItem(Protocol):
    """A slide's point as stored (a row read by the reader, or the ORM's)."""

    @property
    def id(self) -> int: ...
    @property
    def position(self) -> int: ...
    @property
    def column(self) -> int: ...
    @property
    def level(self) -> int: ...
    @property
    def source_kind(self) -> str | None: ...
    @property
    def source_id(self) -> int | None: ...
    @property
    def text(self) -> str: ...


class StoredSlide(Protocol):
    """A slide as stored, with its points in order."""

    @property
    def id(self) -> int: ...
    @property
    def position(self) -> int: ...
    @property
    def layout(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def subtitle(self) -> str: ...
    @property
    def left_heading(self) -> str: ...
    @property
    def right_heading(self) -> str: ...
    @property
    def notes(self) -> str: ...
    @property
    def part(self) -> str: ...
    @property
    def items(self) -> Sequence[StoredItem]: ...


def item_record(item: StoredItem, lookup: SourceLookup) -> ItemRecord:
    """The record of a point, its source found by ``lookup``."""
    source = lookup(item.source_kind, item.source_id)
    source_text = source.text if source else None
    return ItemRecord(
        id=item.id,
        position=item.position,
        column=item.column,
        level=item.level,
        source_kind=item.source_kind,
        source_id=item.source_id,
        text=item.text,
        source_text=source_text,
        differs_from_source=source_text is not None and item.text != source_text,
    )


def slide_record(slide: StoredSlide, lookup: SourceLookup) -> SlideRecord:
    """The record of a slide, its points' sources found by ``lookup``."""
    return SlideRecord(
        id=slide.id,
        position=slide.position,
        layout=slide.layout,
        title=slide.title,
        subtitle=slide.subtitle,
        left_heading=slide.left_heading,
        right_heading=slide.right_heading,
        notes=slide.notes,
        items=[item_record(item, lookup) for item in slide.items],
        part=slide.part or "",
    )


@dataclass(frozen=True)
class ItemSnapshot:
    id: int
    column: int
    position: int
    level: int
    source_kind: str | None
    source_id: int | None
    text: str


@dataclass(frozen=True)
class SlideSnapshot:
    id: int
    deck_id: int
    position: int
    layout: str
    title: str
    subtitle: str
    left_heading: str
    right_heading: str
    notes: str
    items: tuple[ItemSnapshot, ...]
    part: str = ""  # last: undo history written before parts existed has none
