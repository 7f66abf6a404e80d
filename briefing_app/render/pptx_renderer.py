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
    LaidDeck,
    LaidSlide,
    PathBox,
    PictureBox,
    RectBox,
    RuleBox,
    TextBox,
)
from briefing_app.progress import Progress, report
from briefing_app.render.atomic import atomic_write
from briefing_app.render.pptx_markup import (
    freeform_xml,
    line_xml,
    picture_xml,
    rect_xml,
    textbox_xml,
)
from briefing_app.render.pptx_package import CoreProperties, PptxPackage, SlideRels

EMU_PER_PT = 12700
SLIDE_WIDTH_EMU = 12192000
SLIDE_HEIGHT_EMU = 6858000


def render_pptx(
    deck: LaidDeck, path: str | os.PathLike[str], progress: Progress | None = None
) -> Path:
    """Write ``deck`` to ``path`` (atomically) and return the path."""
    package = PptxPackage(SLIDE_WIDTH_EMU, SLIDE_HEIGHT_EMU)
    total = len(deck.slides)
    report(progress, 0, total, "Writing PowerPoint")
    for index, laid in enumerate(deck.slides):
        rels = package.new_rels()
        package.add_slide(laid.title, slide_shapes(laid, rels), rels, laid.notes)
        report(progress, index + 1, total, f"Slide {index + 1} of {total}")
    props = CoreProperties(deck.title, deck.author, deck.subject, deck.keywords, deck.marking)
    return atomic_write(path, lambda tmp: package.write(tmp, props))


def slide_shapes(laid: LaidSlide, rels: SlideRels) -> str:
    """The markup of every box on ``laid``, in drawing order (shape ids 2, 3, ...)."""
    markup: list[str] = []
    for box in laid.boxes:
        shape_id = len(markup) + 2  # id 1 is the shape tree itself
        if isinstance(box, TextBox):
            markup.append(textbox_xml(shape_id, box, rels.link))
        elif isinstance(box, RectBox):
            markup.append(rect_xml(shape_id, box))
        elif isinstance(box, RuleBox):
            markup.append(line_xml(shape_id, box))
        elif isinstance(box, PathBox):
            path = freeform_xml(shape_id, box)
            if path is not None:
                markup.append(path)
        elif isinstance(box, PictureBox):
            rid, description = rels.image(box.path)
            markup.append(picture_xml(shape_id, box, rid, description))
    return "".join(markup)
