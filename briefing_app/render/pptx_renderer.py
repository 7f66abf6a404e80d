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
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_CONNECTOR, MSO_SHAPE
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.package import OpcPackage
from pptx.opc.packuri import PackURI
from pptx.oxml.ns import qn
from pptx.util import Emu

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
from briefing_app.render.pptx_geometry import freeform_sp
from briefing_app.render.pptx_text import text_body

EMU_PER_PT = 12700
SLIDE_WIDTH_EMU = 12192000
SLIDE_HEIGHT_EMU = 6858000
LINK_SCHEMES = ("http://", "https://", "mailto:")
_ALIGN = {"left": "l", "center": "ctr", "right": "r"}
_NUMBERED = re.compile(r"(\d{1,4}|[a-zA-Z])([.)]?)")


def render_pptx(
    deck: LaidDeck, path: str | os.PathLike[str], progress: Progress | None = None
) -> Path:
    """Write ``deck`` to ``path`` (atomically) and return the path."""
    prs = Presentation()
    _count_partnames(prs.part.package)
    prs.slide_width = Emu(SLIDE_WIDTH_EMU)
    prs.slide_height = Emu(SLIDE_HEIGHT_EMU)
    blank = prs.slide_layouts[6]
    total = len(deck.slides)
    report(progress, 0, total, "Writing PowerPoint")
    for index, laid in enumerate(deck.slides):
        _draw_slide(prs.slides.add_slide(blank), laid)
        report(progress, index + 1, total, f"Slide {index + 1} of {total}")
    props = prs.core_properties
    props.title = deck.title
    props.author = deck.author
    props.last_modified_by = deck.author
    props.subject = deck.subject
    props.keywords = deck.keywords
    props.revision = 1
    return atomic_write(path, lambda tmp: prs.save(str(tmp)))


def _count_partnames(package: OpcPackage) -> None:
    """Give this package a partname allocator that remembers what it handed out.

    python-pptx walks every part and relationship to name each new part, which makes
    adding 100 notes slides quadratic (about half the export time). Names here are the
    same ones it would choose: the lowest free number for the template.
    """
    taken = {str(part.partname) for part in package.iter_parts()}

    def next_partname(template: str) -> PackURI:
        number = 1
        while template % number in taken:
            number += 1
        taken.add(template % number)
        return PackURI(template % number)

    package.next_partname = next_partname  # type: ignore[method-assign]


def _draw_slide(slide, laid: LaidSlide) -> None:
    slide._element.cSld.set("name", laid.title)
    shapes = slide.shapes
    shapes.turbo_add_enabled = True  # python-pptx: count shape ids instead of re-scanning
    for box in laid.boxes:
        if isinstance(box, TextBox):
            _draw_text(shapes, box)
        elif isinstance(box, RectBox):
            _draw_rect(shapes, box)
        elif isinstance(box, RuleBox):
            _draw_rule(shapes, box)
        elif isinstance(box, PathBox):
            _draw_path(shapes, box)
        elif isinstance(box, PictureBox):
            pic = shapes.add_picture(box.path, _emu(box.x), _emu(box.y), _emu(box.w), _emu(box.h))
            pic.name = box.name
    notes = laid.notes
    if notes:
        frame = slide.notes_slide.notes_text_frame
        if frame is not None:
            frame.text = notes


def _emu(points: float) -> Emu:
    return Emu(round(points * EMU_PER_PT))


def _rgb(hex_color: str) -> RGBColor:
    return RGBColor.from_string(hex_color.lstrip("#")[:6].upper())


def _drop_style(shape) -> None:
    """Remove the theme style reference so no theme line, fill or shadow leaks in."""
    style = shape._element.find(qn("p:style"))
    if style is not None:
        shape._element.remove(style)


def _set_fill(fill, color: str | None) -> None:
    if color:
        fill.solid()
        fill.fore_color.rgb = _rgb(color)
    else:
        fill.background()


def _set_line(line, color: str | None, width: float) -> None:
    if color and width > 0:
        line.color.rgb = _rgb(color)
        line.width = _emu(width)
    else:
        line.fill.background()


def _draw_rect(shapes, box: RectBox) -> None:
    shape = shapes.add_shape(
        MSO_SHAPE.RECTANGLE, _emu(box.x), _emu(box.y), _emu(box.w), _emu(box.h)
    )
    _drop_style(shape)
    shape.name = box.name
    _set_fill(shape.fill, box.fill)
    _set_line(shape.line, box.stroke, box.stroke_width)


def _draw_rule(shapes, box: RuleBox) -> None:
    shape = shapes.add_connector(
        MSO_CONNECTOR.STRAIGHT, _emu(box.x1), _emu(box.y1), _emu(box.x2), _emu(box.y2)
    )
    _drop_style(shape)
    shape.name = box.name
    _set_line(shape.line, box.color, box.width)


def _draw_path(shapes, box: PathBox) -> None:
    # python-pptx has no public call to append prepared markup; the shape id comes from
    # its own counter (turbo mode) so ids stay unique.
    sp = freeform_sp(shapes._next_shape_id, box)
    if sp is not None:
        shapes._spTree.append(sp)


# --- text -----------------------------------------------------------------------------


def _draw_text(shapes, box: TextBox) -> None:
    part = shapes.part

    def relate(url: str) -> str:
        return part.relate_to(url, RT.HYPERLINK, is_external=True)

    body, top, height = text_body(box, relate)
    shape = shapes.add_textbox(_emu(box.x), _emu(top), _emu(box.w), _emu(height))
    shape.name = box.name
    if box.fill:
        _set_fill(shape.fill, box.fill)
    sp = shape._element
    sp.replace(sp.txBody, body)
