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

import copy
import os
from pathlib import Path

from lxml import etree
from pptx import Presentation
from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.package import OpcPackage
from pptx.opc.packuri import PackURI
from pptx.parts.slide import NotesSlidePart
from pptx.slide import Slide
from pptx.text.text import TextFrame
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
from briefing_app.render.pptx_markup import (
    freeform_xml,
    line_xml,
    parse_shapes,
    rect_xml,
    textbox_xml,
)

EMU_PER_PT = 12700
SLIDE_WIDTH_EMU = 12192000
SLIDE_HEIGHT_EMU = 6858000


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
    notes = _NotesMaker()
    for index, laid in enumerate(deck.slides):
        _draw_slide(prs.slides.add_slide(blank), laid, notes)
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


class _NotesMaker:
    """Notes pages: the first made by python-pptx from the notes master, the rest copied.

    python-pptx clones the notes master's placeholders for every notes page with dozens
    of XPath queries each (a third of a 100-slide export); the copies here are the same
    markup, related to the notes master and their slide exactly as python-pptx does it.
    """

    def __init__(self) -> None:
        self.template: etree._Element | None = None

    def frame_for(self, slide: Slide) -> TextFrame | None:
        if self.template is None:
            page = slide.notes_slide
            self.template = copy.deepcopy(page._element)
            return page.notes_text_frame
        slide_part = slide.part
        package = slide_part.package
        part = NotesSlidePart(
            package.next_partname("/ppt/notesSlides/notesSlide%d.xml"),
            CT.PML_NOTES_SLIDE,
            package,
            copy.deepcopy(self.template),
        )
        part.relate_to(package.presentation_part.notes_master_part, RT.NOTES_MASTER)
        part.relate_to(slide_part, RT.SLIDE)
        slide_part.relate_to(part, RT.NOTES_SLIDE)
        return part.notes_slide.notes_text_frame


def _draw_slide(slide: Slide, laid: LaidSlide, notes: _NotesMaker) -> None:
    slide._element.cSld.set("name", laid.title)
    part = slide.part

    def relate(url: str) -> str:
        return part.relate_to(url, RT.HYPERLINK, is_external=True)

    markup: list[str] = []
    pictures: list[tuple[int, PictureBox]] = []  # (place in drawing order, box)
    for box in laid.boxes:
        shape_id = len(markup) + 2  # id 1 is the shape tree itself
        if isinstance(box, TextBox):
            markup.append(textbox_xml(shape_id, box, relate))
        elif isinstance(box, RectBox):
            markup.append(rect_xml(shape_id, box))
        elif isinstance(box, RuleBox):
            markup.append(line_xml(shape_id, box))
        elif isinstance(box, PathBox):
            path = freeform_xml(shape_id, box)
            if path is not None:
                markup.append(path)
        elif isinstance(box, PictureBox):
            pictures.append((len(markup) + len(pictures), box))
    # python-pptx has no call for appending prepared shapes; the blank layout's tree is
    # empty, so ids 2.. are free, and pictures added afterwards get the next ones.
    tree = slide.shapes._spTree
    tree.extend(parse_shapes(markup))
    first_shape = len(tree) - len(markup)
    for place, box in pictures:
        pic = slide.shapes.add_picture(box.path, _emu(box.x), _emu(box.y), _emu(box.w), _emu(box.h))
        pic.name = box.name
        tree.insert(first_shape + place, pic._element)  # keep the drawing order
    if laid.notes:
        frame = notes.frame_for(slide)
        if frame is not None:
            frame.text = laid.notes


def _emu(points: float) -> Emu:
    return Emu(round(points * EMU_PER_PT))
