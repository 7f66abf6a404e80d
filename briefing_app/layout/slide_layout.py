"""What a slide layout is: one object that owns everything about one kind of slide.

A layout (one module under ``layout/layouts``, listed in ``layout/registry.py``) owns

* its typed content (a :class:`~briefing_app.layout.content.SlideContent` subclass),
* composing that content from the slide's items (:meth:`SlideLayout.compose`, given a
  :class:`SlideDraft` the deck layer fills from the store),
* laying it out into positioned boxes (:meth:`SlideLayout.lay_out`),
* which dropped library sources it takes and where they go (:meth:`SlideLayout.accept`),
* the template slots it fills (:meth:`SlideLayout.template_slots`): which placeholder
  kind each part of the slide goes into and where that part sits, so our own template
  is built from it and a house template's layouts are scored against it. The boxes that
  fill a slot carry its label (``TextBox.slot``), so no renderer needs box names.

Nothing here knows the store, Qt or a renderer.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import ClassVar, Generic, Protocol, TypeVar

from briefing_app.layout.chrome import Ctx, Page
from briefing_app.layout.content import ContentItem, SlideContent
from briefing_app.layout.figure import Figure
from briefing_app.layout.theme import MINISTRY, Theme
from briefing_app.layout.wrap import Frame

C = TypeVar("C", bound=SlideContent)

# Kinds of library source a slide item can come from.
SourceKind = str  # "argument", "quote", "footnote", "event" or "map"
SourceKey = tuple[SourceKind, int]  # (kind, id) of a dropped library source


class PlaceholderKind(StrEnum):
    """Placeholder types a layout needs, named as OOXML's ``ST_PlaceholderType``
    (``obj``, content, is what PowerPoint writes as a placeholder without a type)."""

    TITLE = "title"
    CENTER_TITLE = "ctrTitle"
    SUBTITLE = "subTitle"
    BODY = "body"
    OBJECT = "obj"
    PICTURE = "pic"


@dataclass(frozen=True)
class TemplateSlot:
    """One part of a slide that goes into a template placeholder.

    ``kind`` is the placeholder type that holds it best (our template gives it that
    type), ``label`` says what it holds ("left quote"; the boxes that fill it carry it),
    ``frame`` is where layout puts it on the page, and optional parts weigh less.
    """

    kind: PlaceholderKind
    label: str
    frame: Frame
    weight: float = 1.0


@dataclass(frozen=True)
class TemplateSlots:
    """What a layout wants of a template's slide layout: a title and its slots;
    ``name`` is the slide layout's name in our own template, ``ooxml_type`` its type
    there (OOXML's ST_SlideLayoutType: "obj", "title" for a cover, "secHead", "twoTxTwoObj"
    …), which PowerPoint reads when it moves slides to another template."""

    name: str
    title: Frame
    slots: tuple[TemplateSlot, ...] = ()
    title_kind: PlaceholderKind = PlaceholderKind.TITLE
    ooxml_type: str = "obj"

    def slot(self, label: str) -> TemplateSlot:
        return next(s for s in self.slots if s.label == label)


@dataclass(frozen=True)
class DraftItem:
    """One slide item as the deck layer composed it: clean text plus what its source says.

    ``content`` carries the wording, level, citations, link and the item's ref;
    ``kind`` is the source kind (None for the briefer's own text or a deleted source).
    """

    content: ContentItem
    kind: SourceKind | None = None
    column: int = 0
    speaker: str = ""  # a quote's speaker
    date_label: str = ""  # an event's or a quote's date, e.g. "19 Oct 2025"
    context: str = ""  # what a quote was said about, for its credit line


@dataclass(frozen=True)
class ComposedFigure:
    """The figure a figure item shows (a map), with its key and caption."""

    figure: Figure
    key: str
    caption: str


class SlideDraft(Protocol):
    """One stored slide, read and cleaned by the deck layer, that a layout composes from.

    Fields are clean text; ``items`` are in stored order (column, then position). The
    methods reach what only the deck layer can: the footer's source lines (for every item
    cited so far on this slide), the deck's section titles, every reference the deck
    cites, and figures.
    """

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
    def items(self) -> tuple[DraftItem, ...]: ...

    def footer(self) -> tuple[str, ...]:
        """Short source lines for what this slide cites (call after figure_points)."""
        ...

    def section_titles(self) -> tuple[str, ...]:
        """Titles of the deck's section slides, in order."""
        ...

    def references(self) -> tuple[ContentItem, ...]:
        """Every document the deck cites, each followed by its cited footnotes in full
        (complete only for layouts that compose last)."""
        ...

    def figure(self, item: DraftItem) -> ComposedFigure | None:
        """The figure ``item`` shows, if it is a figure source that still exists."""
        ...

    def figure_points(self, item: DraftItem, limit: int) -> tuple[ContentItem, ...]:
        """Up to ``limit`` points the figure illustrates; their citations count as cited."""
        ...


@dataclass(frozen=True)
class Placement:
    """Where one dropped source goes on a slide."""

    kind: SourceKind
    source_id: int
    column: int = 0
    level: int = 0

    def point(self) -> dict[str, object]:
        """As the deck service's ``add_items`` takes it."""
        return {
            "source_kind": self.kind,
            "source_id": self.source_id,
            "column": self.column,
            "level": self.level,
        }


@dataclass(frozen=True)
class PresentItem:
    """An item already on the slide a source is dropped on."""

    kind: SourceKind | None
    column: int = 0


# Source kinds that list layouts take as points; quotes, events and maps have layouts of
# their own.
SPECIAL_KINDS = frozenset({"quote", "event", "map"})


def is_point(kind: SourceKind) -> bool:
    return kind not in SPECIAL_KINDS


class SlideLayout(ABC, Generic[C]):
    """One kind of slide. Subclasses set the class attributes and implement the methods."""

    name: ClassVar[str]  # stored in the deck, e.g. "bluf"
    label: ClassVar[str]  # shown in the layout picker
    content_type: ClassVar[type[SlideContent]]
    # A new slide made for dropped sources of these kinds gets this layout.
    home_for: ClassVar[frozenset[SourceKind]] = frozenset()
    starts_section: ClassVar[bool] = False  # its title is an agenda entry
    composes_last: ClassVar[bool] = False  # needs every other slide composed first
    # Its title sits in the theme's title frame: an untitled slide offers that frame
    # as the click target for its title.
    title_zone: ClassVar[bool] = True
    # Shown on an empty slide of this layout in the editor ("" shows nothing).
    empty_hint: ClassVar[str] = ""
    # Said when a click on a slide of this layout with no points of its own hits nothing
    # editable (what it shows comes from elsewhere); "" says nothing.
    click_hint: ClassVar[str] = ""

    @abstractmethod
    def compose(self, draft: SlideDraft) -> C:
        """The content of one stored slide."""

    @abstractmethod
    def lay_out(self, content: C, ctx: Ctx) -> list[Page]:
        """``content`` as one or more unnumbered pages (later ones continue the first)."""

    @abstractmethod
    def template_slots(self, theme: Theme, marked: bool) -> TemplateSlots:
        """The template layout this layout wants: its title and slots where
        :meth:`lay_out` puts them on a page of ``theme`` (with marking bands when
        ``marked``)."""

    @property
    def placeholders(self) -> tuple[PlaceholderKind, ...]:
        """The placeholder kinds a template must offer for this layout, title first."""
        spec = self.template_slots(MINISTRY, True)
        return (spec.title_kind, *(s.kind for s in spec.slots))

    def accept(
        self, dropped: Sequence[SourceKey], present: Sequence[PresentItem]
    ) -> tuple[Placement, ...]:
        """Which of ``dropped`` this slide takes, with ``present`` items already on it."""
        return ()
