"""Positioned boxes: the single output of layout and the single input of every renderer.

Each box may say which slide item or slide field it was drawn from (``source``), so the
editor finds click targets and the templates work finds placeholders without box names.
Units are PostScript points on a 960 x 540 pt page (13.333 x 7.5 in); y grows downwards
from the top edge of the page. Renderers draw exactly these boxes and decide nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

PAGE_WIDTH = 960.0
PAGE_HEIGHT = 540.0


# What part of a slide item a box draws: its own wording ("text", the only part edited in
# place), an event's date, a quote's speaker line, a figure or a figure's caption.
ItemPart = Literal["text", "date", "credit", "figure", "caption"]
# The slide fields a box can draw.
SlideField = Literal["title", "subtitle", "left_heading", "right_heading"]


@dataclass(frozen=True)
class ItemRef:
    """A box or paragraph drawn from the slide item ``item_id`` (its ``part``)."""

    item_id: int
    part: ItemPart = "text"


@dataclass(frozen=True)
class FieldRef:
    """A box drawn from one of the slide's own fields."""

    field: SlideField


@dataclass(frozen=True)
class DeckFieldRef:
    """A box drawn from the deck's own fields (the cover's author, date and distribution),
    which Deck Properties edits."""


# Where a box came from; None for chrome (rules, bands, footer, marking).
SourceRef = ItemRef | FieldRef | DeckFieldRef


@dataclass(frozen=True)
class TextStyle:
    """``font`` is a family key of layout.fonts (e.g. "sans", "serif")."""

    font: str
    size: float
    bold: bool = False
    italic: bool = False
    color: str = "000000"  # RGB hex


@dataclass(frozen=True)
class Run:
    text: str
    style: TextStyle
    link: str | None = None  # http, https or mailto URL only


@dataclass(frozen=True)
class TextLine:
    """One laid-out line: runs drawn left to right starting at (x, baseline)."""

    runs: tuple[Run, ...]
    x: float
    baseline: float
    width: float
    ascent: float
    descent: float
    paragraph_end: bool = True
    # What the break after this line replaced: " " at a space, "" after a hyphen or dash
    # or inside a word too long for the line. A renderer that lets the viewer wrap joins
    # the lines of a paragraph with it.
    break_text: str = " "


@dataclass(frozen=True)
class TextParagraph:
    """Lines of one paragraph as wrapped by layout, with the spacing layout used."""

    lines: tuple[TextLine, ...]
    align: str = "left"  # left | center | right
    line_height: float = 0.0  # baseline-to-baseline distance in pt
    space_before: float = 0.0
    bullet: str | None = None  # bullet glyph drawn at bullet_x on the first line
    bullet_x: float = 0.0
    bullet_style: TextStyle | None = None
    source: SourceRef | None = None


@dataclass(frozen=True)
class TextBox:
    """A frame and the paragraphs laid into it; every line lies inside the frame."""

    x: float
    y: float
    w: float
    h: float
    paragraphs: tuple[TextParagraph, ...]
    name: str = "Text"
    fill: str | None = None
    source: SourceRef | None = None
    # The label of the template slot this box fills (its layout's ``template_slots``):
    # a PPTX writes it into the placeholder chosen for that slot.
    slot: str | None = None


@dataclass(frozen=True)
class Gradient:
    """A fill that changes colour: ``stops`` (position 0..1, RGB hex) from (x1, y1) to
    (x2, y2) in page points, or, when ``radius`` > 0, in circles around (x1, y1) out to
    ``radius``. Beyond its ends a gradient keeps its end colours. ``opacities``, when
    given, is each stop's own opacity (a glow fading out); the box's ``opacity`` then
    stays 1."""

    stops: tuple[tuple[float, str], ...]
    x1: float
    y1: float
    x2: float
    y2: float
    radius: float = 0.0
    opacities: tuple[float, ...] = ()  # one per stop, or none: all opaque


@dataclass(frozen=True)
class RectBox:
    x: float
    y: float
    w: float
    h: float
    fill: str | None = None
    stroke: str | None = None
    stroke_width: float = 0.0
    name: str = "Rectangle"
    source: SourceRef | None = None
    gradient: Gradient | None = None  # drawn instead of ``fill`` when set
    opacity: float = 1.0  # of the fill (a template's translucent shapes)


@dataclass(frozen=True)
class RuleBox:
    """A straight line from (x1, y1) to (x2, y2)."""

    x1: float
    y1: float
    x2: float
    y2: float
    color: str = "000000"
    width: float = 1.0
    name: str = "Rule"
    source: SourceRef | None = None


@dataclass(frozen=True)
class PathBox:
    """Closed or open vector polygons in page points, e.g. one map feature."""

    rings: tuple[tuple[tuple[float, float], ...], ...]
    closed: bool = True
    fill: str | None = None
    stroke: str | None = None
    stroke_width: float = 0.5
    hatch: str | None = None  # colour of diagonal hatching drawn over the fill
    name: str = "Path"
    source: SourceRef | None = None
    gradient: Gradient | None = None  # drawn instead of ``fill`` when set
    opacity: float = 1.0  # of the fill (a template's translucent shapes)


@dataclass(frozen=True)
class PictureBox:
    x: float
    y: float
    w: float
    h: float
    path: str
    name: str = "Picture"
    source: SourceRef | None = None
    # Drawn only inside these polygons (page points, even-odd) when given: a template
    # shape filled with a picture.
    clip: tuple[tuple[tuple[float, float], ...], ...] = ()


Box = TextBox | RectBox | RuleBox | PathBox | PictureBox


@dataclass(frozen=True)
class LaidSlide:
    """One page of output: boxes in drawing order plus what renderers attach to it."""

    number: int
    title: str  # used for PDF bookmarks and the PPTX slide name
    boxes: tuple[Box, ...]
    notes: str = ""
    width: float = PAGE_WIDTH
    height: float = PAGE_HEIGHT
    layout: str = ""  # the name of the layout that made it ("bluf"), for templates
    # What layout could not do as asked on this slide, one sentence each naming it;
    # ``blocking`` ones (a title that does not fit) stop an export.
    warnings: tuple[str, ...] = ()
    blocking: tuple[str, ...] = ()


@dataclass(frozen=True)
class LaidDeck:
    title: str
    author: str
    subject: str
    slides: tuple[LaidSlide, ...] = field(default_factory=tuple)
    keywords: str = ""
    marking: str = ""  # the handling marking, also written as a document property
    subtitle: str = ""  # the cover's fields, repeated on the handout's cover page
    date_label: str = ""
    distribution: str = ""

    @property
    def warnings(self) -> tuple[str, ...]:
        """Every slide's warnings, in slide order (blocking ones first on each slide)."""
        return tuple(w for s in self.slides for w in (*s.blocking, *s.warnings))

    @property
    def blocking(self) -> tuple[str, ...]:
        """What stops an export: a title that does not fit, say."""
        return tuple(w for s in self.slides for w in s.blocking)


def covered_rect(boxes: Sequence[Box]) -> tuple[float, float, float, float] | None:
    """The rectangle (x0, y0, x1, y1) the boxes cover, in slide points; None for none.

    A figure's boxes are drawn as one group (PPTX) or placed on a page of their own (the
    handout's full-size map), both of which need the area the figure takes.
    """
    xs: list[float] = []
    ys: list[float] = []
    for box in boxes:
        if isinstance(box, PathBox):
            for ring in box.rings:
                xs += [x for x, _ in ring]
                ys += [y for _, y in ring]
        elif isinstance(box, RuleBox):
            xs += [box.x1, box.x2]
            ys += [box.y1, box.y2]
        else:
            xs += [box.x, box.x + box.w]
            ys += [box.y, box.y + box.h]
    if not xs:
        return None
    return min(xs), min(ys), max(xs), max(ys)
