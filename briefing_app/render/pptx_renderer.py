"""Draw a :class:`LaidDeck` as an editable PowerPoint file. Layout decides; this only draws.

Text: one native text box per :class:`TextBox`, zero left/right/bottom insets, wrap on,
no autofit, exact ("Exactly N pt") line spacing, and the lines of each paragraph joined by
soft line breaks (``a:br``) exactly where layout broke them, so no viewer has to rewrap.

Vertical placement. With exact line spacing L, PowerPoint and LibreOffice give each line a
box of height L whose bottom is the font's descent below the baseline, i.e. the baseline
sits ``L - descent`` below the top of the line (descent = hhea descent of the face, 0.212
em for Liberation Sans/Arial). So for the first line we put the top of the text at
``baseline - (L - descent)``: when that is inside the layout frame the frame is kept
exactly and the difference becomes the top inset; when it is above the frame the frame's
top edge is raised by that much (its bottom edge stays). The first paragraph gets no
space-before (viewers differ on applying it at the top of a box); every later paragraph
gets the space-before that reproduces layout's baseline-to-baseline distance. The frame
is grown downwards if the text would otherwise extend past its bottom edge.

Bullets use the paragraph's bullet properties (``a:buChar``, or ``a:buAutoNum`` starting
at the laid-out number for "1." / "2)" / "3" markers) with a hanging indent: marL = text
start, indent = bullet start - text start. The bullet is not part of the text, so the text
of every line starts where layout put it, nothing can rewrap because of the marker, and a
new line typed in PowerPoint gets the same bullet. Bullet colour, size and face are set;
bullet weight follows the paragraph's first run (DrawingML has no bullet bold).

Package. Shapes are written as markup (pptx_markup, pptx_text) and the package from
python-pptx's own template parts (pptx_package): python-pptx's per-slide object model
was most of the export time, and the file it would write is the same.
"""

from __future__ import annotations

import os
from pathlib import Path

from briefing_app.layout.boxes import (
    Box,
    FieldRef,
    ItemRef,
    LaidDeck,
    LaidSlide,
    PathBox,
    PictureBox,
    RectBox,
    RuleBox,
    TextBox,
    covered_rect,
)
from briefing_app.progress import Progress, report
from briefing_app.render.atomic import atomic_write
from briefing_app.render.citations import sources_slide
from briefing_app.render.pptx_chrome import CHROME_BOXES, layout_chrome
from briefing_app.render.pptx_markup import (
    freeform_xml,
    group_xml,
    line_xml,
    picture_xml,
    placeholder_xml,
    rect_xml,
    textbox_xml,
    theme_font_refs,
)
from briefing_app.render.pptx_package import CoreProperties, PptxPackage, SlideRels
from briefing_app.render.pptx_template import (
    HOUSE_DRAWN,
    PptxTemplate,
    for_marking,
    house_template,
    theme_color_refs,
)
from briefing_app.templates.art import ART_PREFIX
from briefing_app.templates.inspect import Placeholder
from briefing_app.templates.match import LayoutChoice

EMU_PER_PT = 12700
SLIDE_WIDTH_EMU = 12192000
SLIDE_HEIGHT_EMU = 6858000
# Reading order (screen readers follow the shape tree): title, body, figure, sources, footer.
_TITLE, _BODY, _FIGURE, _SOURCES, _FOOTER = range(5)
# The agenda tracker is read with the footer, after the slide's own content.
_FOOTER_NAMES = frozenset({"DeckTitle", "DeckDate", "SlideNumber", "MarkingTop", "MarkingBottom",
                           "Agenda tracker"})  # fmt: skip


def render_pptx(
    deck: LaidDeck,
    path: str | os.PathLike[str],
    progress: Progress | None = None,
    template: PptxTemplate | None = None,
) -> Path:
    """Write ``deck`` to ``path`` (atomically) in ``template`` (ours when None)."""
    template = for_marking(template or house_template(bool(deck.marking)), deck.marking)
    package = PptxPackage(template_data=template.data, replacements=template.replacements)
    package.layout_shapes = layout_chrome(deck, template, package.template.layout_targets)
    total = len(deck.slides)
    report(progress, 0, total, "Writing PowerPoint")
    sources = sources_slide(deck.slides)
    for index, laid in enumerate(deck.slides):
        choice = template.choice(laid.layout)
        rels = package.new_rels(choice.layout.part if choice.layout else None)
        if sources is not None:  # slides are written as slide1.xml, slide2.xml, ...
            rels.sources_target = f"slide{sources + 1}.xml"
        shapes = slide_shapes(laid, rels, template, choice)
        package.add_slide(laid.title, shapes, rels, laid.notes, deck.marking)
        report(progress, index + 1, total, f"Slide {index + 1} of {total}")
    props = CoreProperties(deck.title, deck.author, deck.subject, deck.keywords, deck.marking)
    return atomic_write(path, lambda tmp: package.write(tmp, props))


def _is_title(box: Box) -> bool:
    return isinstance(box, TextBox) and box.source == FieldRef("title")


def _in_figure(box: Box) -> bool:
    return isinstance(box.source, ItemRef) and box.source.part == "figure"


def _placeholders(choice: LayoutChoice) -> dict[str, Placeholder]:
    """Slot label -> the placeholder it goes into (each is filled once on a slide: a
    second box for the same slot is drawn as a text box)."""
    return {a.slot: a.placeholder for a in choice.assignments if a.placeholder is not None}


def _category(box: Box) -> int:
    if _is_title(box):
        return _TITLE
    if _in_figure(box):
        return _FIGURE
    if isinstance(box, TextBox):
        if box.name in _FOOTER_NAMES:
            return _FOOTER
        if box.name in ("Footer", "Caption"):
            return _SOURCES
    return _BODY


def _decorative(box: Box) -> bool:
    return isinstance(box, (RectBox, RuleBox)) and not _in_figure(box)


def _alt_text(laid: LaidSlide, figure: list[Box], caption: str) -> str:
    """A map in one sentence or three: its title, its legend entries and its caption."""
    legend = [b.name.removeprefix("Legend: ") for b in figure if b.name.startswith("Legend: ")]
    parts = [f"Map: {laid.title.strip() or 'untitled'}."]
    if legend:
        parts.append("Legend: " + "; ".join(legend) + ".")
    if caption:
        parts.append(caption.rstrip(".") + ".")
    return " ".join(parts)


def _group_frame(boxes: list[Box]) -> tuple[float, float, float, float]:
    """A group's (x, y, w, h): the rectangle its boxes cover, at least 1 pt each way."""
    covered = covered_rect(boxes)
    if covered is None:
        return 0.0, 0.0, 1.0, 1.0
    x0, y0, x1, y1 = covered
    return x0, y0, max(x1 - x0, 1.0), max(y1 - y0, 1.0)


def _text(box: TextBox) -> str:
    return " ".join(
        "".join(r.text for r in line.runs) for par in box.paragraphs for line in par.lines
    )


def slide_shapes(
    laid: LaidSlide,
    rels: SlideRels,
    template: PptxTemplate | None = None,
    choice: LayoutChoice | None = None,
) -> str:
    """The markup of ``laid``'s boxes in reading order (shape ids 2, 3, ...): decorative
    shapes first (behind everything), then title, body, figure (one group), sources and
    footer; text in the layout's placeholders where it has them."""
    placeholders = _placeholders(choice) if choice is not None else {}
    drawn_by_template = HOUSE_DRAWN if template is not None and template.house else frozenset()
    # The template's own art (drawn in the PDF) and the deck's chrome (marking, deck title,
    # slide number: pptx_chrome) are on the slide's master and layout here.
    boxes = [
        b
        for b in laid.boxes
        if b.name not in drawn_by_template
        and b.name not in CHROME_BOXES
        and not b.name.startswith(ART_PREFIX)
    ]
    decorative = [b for b in boxes if _decorative(b)]
    rest = sorted((b for b in boxes if not _decorative(b)), key=_category)
    markup: list[str] = []
    next_id = [2]  # id 1 is the shape tree itself

    def new_id() -> int:
        next_id[0] += 1
        return next_id[0] - 1

    def draw(box: Box, as_decoration: bool = False) -> str | None:
        if isinstance(box, TextBox):
            return _text_shape(new_id(), box, laid, rels, template, placeholders)
        if isinstance(box, RectBox):
            return rect_xml(new_id(), box, as_decoration)
        if isinstance(box, RuleBox):
            return line_xml(new_id(), box, as_decoration)
        if isinstance(box, PathBox):
            return freeform_xml(new_id(), box)
        if isinstance(box, PictureBox):
            rid, description = rels.image(box.path)
            return picture_xml(new_id(), box, rid, description)
        return None

    colors = template.colors if template is not None else {}
    for box in decorative:  # rules, bands and panels in the theme's colours where it has them
        markup.append(theme_color_refs(draw(box, True) or "", colors))
    figure = [b for b in rest if _in_figure(b)]
    figure_done = False
    for box in rest:
        if _in_figure(box):
            if figure_done:
                continue
            figure_done = True
            group_id = new_id()
            children = "".join(draw(b) or "" for b in figure)
            caption = next(
                (_text(b) for b in rest if isinstance(b, TextBox) and b.name == "Caption"), ""
            )
            markup.append(
                group_xml(
                    group_id,
                    "Map",
                    _alt_text(laid, figure, caption),
                    children,
                    _group_frame(figure),
                )
            )
            continue
        markup.append(draw(box) or "")
    return "".join(markup)


def _text_shape(
    shape_id: int,
    box: TextBox,
    laid: LaidSlide,
    rels: SlideRels,
    template: PptxTemplate | None,
    placeholders: dict[str, Placeholder],
) -> str:
    if template is None:
        return textbox_xml(shape_id, box, rels.link)
    xml = _templated_text(shape_id, box, laid, rels, template, placeholders)
    # a map's label colours are chosen against its fills, which keep their RGB values
    return xml if _in_figure(box) else theme_color_refs(xml, template.colors)


def _templated_text(
    shape_id: int,
    box: TextBox,
    laid: LaidSlide,
    rels: SlideRels,
    template: PptxTemplate,
    placeholders: dict[str, Placeholder],
) -> str:
    if _is_title(box):
        choice = template.choice(laid.layout)
        if choice.title is not None:
            inherits = template.inherits(laid.layout, choice.title)
            fonts = template.title_fonts
            return placeholder_xml(shape_id, box, rels.link, choice.title, fonts, inherits)
        return theme_font_refs(textbox_xml(shape_id, box, rels.link), template.title_fonts)
    ph = placeholders.pop(box.slot, None) if box.slot is not None else None
    if ph is not None:
        inherits = template.inherits(laid.layout, ph)
        return placeholder_xml(shape_id, box, rels.link, ph, template.body_fonts, inherits)
    return theme_font_refs(textbox_xml(shape_id, box, rels.link), template.body_fonts)
