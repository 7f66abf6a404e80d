"""Draw a :class:`LaidDeck` as a PDF (one 960x540 pt page per slide) or as a handout.

Every glyph comes from the embedded Liberation TrueType files; text is drawn run by run
at the positions layout chose, with no markup parsing, so ``<`` and ``&`` print as typed.
The handout draws the same boxes scaled into portrait pages (vectors; only a gradient
whose stops differ in opacity is a picture) with the speaker notes wrapped beneath,
continuing onto further pages when long.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from functools import cache
from pathlib import Path

from reportlab.lib.colors import Color
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import (  # type: ignore[attr-defined]  # stub lacks FILL_EVEN_ODD
    FILL_EVEN_ODD,
    Canvas,
)
from reportlab.pdfgen.pathobject import PDFPathObject

from briefing_app.domain.text import safe_link
from briefing_app.layout.boxes import (
    Box,
    Gradient,
    ItemRef,
    LaidDeck,
    LaidSlide,
    PathBox,
    PictureBox,
    RectBox,
    RuleBox,
    TextBox,
    TextStyle,
    covered_rect,
)
from briefing_app.layout.chrome import provenance_legend
from briefing_app.layout.fonts import FAMILIES
from briefing_app.progress import Progress, report
from briefing_app.render.atomic import atomic_write
from briefing_app.render.citations import is_citation, sources_slide
from briefing_app.render.gradient_raster import gradient_image
from briefing_app.templates.art import ART_PREFIX

HATCH_SPACING = 4.0
UNDERLINE_POSITION = 217 / 2048  # Liberation Sans post table, em below the baseline
UNDERLINE_THICKNESS = 150 / 2048
_SUFFIX = {(False, False): "", (True, False): "-Bold", (False, True): "-Italic"}


@cache
def register_fonts() -> None:
    """Register every bundled family with reportlab once (embedded as subsets)."""
    for family in FAMILIES.values():
        base = family.pdf_name
        for bold in (False, True):
            for italic in (False, True):
                name = base + _SUFFIX.get((bold, italic), "-BoldItalic")
                pdfmetrics.registerFont(TTFont(name, str(family.file_for(bold, italic))))
        pdfmetrics.registerFontFamily(
            base,
            normal=base,
            bold=f"{base}-Bold",
            italic=f"{base}-Italic",
            boldItalic=f"{base}-BoldItalic",
        )


def font_name(style: TextStyle) -> str:
    family = FAMILIES.get(style.font, FAMILIES["sans"])
    return family.pdf_name + _SUFFIX.get((style.bold, style.italic), "-BoldItalic")


@cache
def _color(hex_color: str) -> Color:
    value = hex_color.lstrip("#")[:6]
    r, g, b = (int(value[i : i + 2], 16) / 255 for i in (0, 2, 4))
    return Color(r, g, b)


def _new_canvas(path: Path, deck: LaidDeck, pagesize: tuple[float, float]) -> Canvas:
    register_fonts()
    canvas = Canvas(
        str(path),
        pagesize=pagesize,
        pageCompression=1,
        # a font name, though types-reportlab says float
        initialFontName="LiberationSans",  # type: ignore[arg-type]
        initialFontSize=12,
    )
    _pdf_metadata(canvas, deck)
    canvas.setCreator("briefing_app")
    canvas.showOutline()
    return canvas


def _bookmark(canvas: Canvas, laid: LaidSlide, index: int) -> None:
    key = f"slide-{index + 1}"
    canvas.bookmarkPage(key)
    title = laid.title.replace("\n", " ") or f"Slide {laid.number}"
    canvas.addOutlineEntry(title, key, level=0)


def render_pdf(
    deck: LaidDeck, path: str | os.PathLike[str], progress: Progress | None = None
) -> Path:
    """Write ``deck`` as one page per slide to ``path`` (atomically)."""

    def write(tmp: Path) -> None:
        first = deck.slides[0] if deck.slides else None
        size = (first.width, first.height) if first else (960.0, 540.0)
        canvas = _new_canvas(tmp, deck, size)
        total = len(deck.slides)
        report(progress, 0, total, "Writing PDF")
        sources = sources_slide(deck.slides)
        cite_key = f"slide-{sources + 1}" if sources is not None else None
        for index, laid in enumerate(deck.slides):
            canvas.setPageSize((laid.width, laid.height))
            _bookmark(canvas, laid, index)
            draw_slide(canvas, laid, cite_key)
            canvas.showPage()
            report(progress, index + 1, total, f"Slide {index + 1} of {total}")
        canvas.save()

    return atomic_write(path, write)


# --- drawing one slide (in slide coordinates: y down from the slide's top edge) --------


def draw_slide(canvas: Canvas, laid: LaidSlide, cite_key: str | None = None) -> None:
    """Draw every box of ``laid`` on ``canvas`` under the current transform; citation
    marks link to the page bookmarked ``cite_key`` (the sources slide).

    A house template's graphics behind the slide (its art, the same box objects on every
    slide of a template layout) are drawn once into a form and placed on each page."""
    height = laid.height
    start = 0
    while start < len(laid.boxes):
        shared = _shared_art(laid.boxes, start)
        if shared > start:
            _draw_form(canvas, laid.boxes[start:shared], laid.width, height)
            start = shared
        else:
            _draw_box(canvas, laid.boxes[start], height, cite_key)
            start += 1


def _draw_box(canvas: Canvas, box: Box, height: float, cite_key: str | None = None) -> None:
    if isinstance(box, TextBox):
        _draw_text(canvas, box, height, cite_key)
    elif isinstance(box, RectBox):
        _draw_rect(canvas, box, height)
    elif isinstance(box, RuleBox):
        if box.width > 0:
            canvas.setStrokeColor(_color(box.color))
            canvas.setLineWidth(box.width)
            canvas.line(box.x1, height - box.y1, box.x2, height - box.y2)
    elif isinstance(box, PathBox):
        _draw_path(canvas, box, height)
    elif isinstance(box, PictureBox):
        if box.clip:  # a shape filled with the picture
            canvas.saveState()
            clip = _path(canvas, PathBox(box.clip), height)
            canvas.clipPath(clip, stroke=0, fill=0, fillMode=FILL_EVEN_ODD)
        canvas.drawImage(box.path, box.x, height - box.y - box.h, box.w, box.h, mask="auto")
        if box.clip:
            canvas.restoreState()


def _shared_art(boxes: Sequence[Box], start: int) -> int:
    """The end of the run of boxes from ``start`` that are a template's graphics and can
    go in a form: not its text (which may show the slide's number), nor shaded gradients
    and translucent fills (reportlab keeps their resources on the page, not in a form)."""
    end = start
    for box in boxes[start:]:
        if isinstance(box, TextBox) or not box.name.startswith(ART_PREFIX):
            break
        if isinstance(box, (RectBox, PathBox)) and (box.gradient or box.opacity < 1.0):
            pictured = _rastered(box.gradient) and box.opacity >= 1.0
            if not pictured:  # (a gradient drawn as a picture goes in the form)
                break
        end += 1
    return end


def _draw_form(canvas: Canvas, boxes: Sequence[Box], width: float, height: float) -> None:
    """``boxes`` as a form XObject the size of the slide, drawn the first time they are
    met on this canvas (the slide's boxes are alive while it draws, so ids are theirs)."""
    forms: dict[tuple[float, float, tuple[int, ...]], str] = vars(canvas).setdefault(
        "_art_forms", {}
    )
    key = (width, height, tuple(id(b) for b in boxes))
    name = forms.get(key)
    if name is None:
        name = forms[key] = f"TemplateArt{len(forms)}"
        canvas.beginForm(name, 0, 0, width, height)
        for box in boxes:
            _draw_box(canvas, box, height)
        canvas.endForm()
    canvas.doForm(name)


def _draw_rect(canvas: Canvas, box: RectBox, height: float) -> None:
    stroke = bool(box.stroke and box.stroke_width > 0)
    if box.gradient is not None:
        path = canvas.beginPath()
        path.rect(box.x, height - box.y - box.h, box.w, box.h)
        bounds = (box.x, box.y, box.w, box.h)
        _draw_gradient(canvas, path, box.gradient, box.opacity, height, bounds)
    fill = bool(box.fill) and box.gradient is None
    if not (fill or stroke):
        return
    translucent = fill and box.opacity < 1.0
    if translucent:
        canvas.saveState()
    if fill:
        canvas.setFillColor(_color(box.fill))
    if translucent:  # after the colour, which sets an opaque alpha
        canvas.setFillAlpha(box.opacity)
    if stroke:
        canvas.setStrokeColor(_color(box.stroke))
        canvas.setLineWidth(box.stroke_width)
    canvas.rect(box.x, height - box.y - box.h, box.w, box.h, stroke=int(stroke), fill=int(fill))
    if translucent:
        canvas.restoreState()


def _rastered(gradient: Gradient | None) -> bool:
    """Whether ``gradient`` is drawn as a picture: its stops differ in opacity, which a
    PDF shading cannot carry (:mod:`briefing_app.render.gradient_raster`)."""
    return gradient is not None and len(set(gradient.opacities)) > 1


def _draw_gradient(
    canvas: Canvas,
    clip: PDFPathObject,
    gradient: Gradient,
    opacity: float,
    height: float,
    bounds: tuple[float, float, float, float],
) -> None:
    """``gradient`` painted inside ``clip`` (even-odd), at ``opacity``; ``bounds`` is
    the clip's page rectangle (x, y, w, h, y down)."""
    canvas.saveState()
    canvas.clipPath(clip, stroke=0, fill=0, fillMode=FILL_EVEN_ODD)
    if _rastered(gradient):
        image = gradient_image(gradient, tuple(round(v, 2) for v in bounds))
        if image is not None:
            if opacity < 1.0:
                canvas.setFillAlpha(opacity)
            x, y, w, h = bounds
            canvas.drawImage(ImageReader(image), x, height - y - h, w, h, mask="auto")
        canvas.restoreState()
        return
    if opacity < 1.0:
        canvas.setFillAlpha(opacity)
    colors = [_color(c) for _, c in gradient.stops]
    positions = [p for p, _ in gradient.stops]
    if len(colors) == 1:
        colors, positions = colors * 2, [0.0, 1.0]
    if gradient.radius > 0:
        canvas.radialGradient(gradient.x1, height - gradient.y1, gradient.radius, colors, positions)
    else:
        canvas.linearGradient(
            gradient.x1, height - gradient.y1, gradient.x2, height - gradient.y2, colors, positions
        )
    canvas.restoreState()


def _path(canvas: Canvas, box: PathBox, height: float) -> PDFPathObject:
    path = canvas.beginPath()
    for ring in box.rings:
        if len(ring) < 2:
            continue
        path.moveTo(ring[0][0], height - ring[0][1])
        for x, y in ring[1:]:
            path.lineTo(x, height - y)
        if box.closed:
            path.close()
    return path


def _draw_path(canvas: Canvas, box: PathBox, height: float) -> None:
    if box.closed and box.gradient is not None:
        xs = [p[0] for ring in box.rings for p in ring]
        ys = [p[1] for ring in box.rings for p in ring]
        bounds = (min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys)) if xs else (0, 0, 0, 0)
        path = _path(canvas, box, height)
        _draw_gradient(canvas, path, box.gradient, box.opacity, height, bounds)
    elif box.closed and box.fill:
        translucent = box.opacity < 1.0
        canvas.setFillColor(_color(box.fill))
        if translucent:  # after the colour, which sets an opaque alpha
            canvas.saveState()
            canvas.setFillAlpha(box.opacity)
        canvas.drawPath(_path(canvas, box, height), stroke=0, fill=1, fillMode=FILL_EVEN_ODD)
        if translucent:
            canvas.restoreState()
    if box.closed and box.hatch:
        _draw_hatch(canvas, box, height)
    if box.stroke and box.stroke_width > 0:
        canvas.setStrokeColor(_color(box.stroke))
        canvas.setLineWidth(box.stroke_width)
        canvas.setLineJoin(1)
        canvas.drawPath(_path(canvas, box, height), stroke=1, fill=0)


def _draw_hatch(canvas: Canvas, box: PathBox, height: float) -> None:
    points = [pt for ring in box.rings for pt in ring]
    if not points:
        return
    x0 = min(p[0] for p in points)
    x1 = max(p[0] for p in points)
    y0 = height - max(p[1] for p in points)
    y1 = height - min(p[1] for p in points)
    canvas.saveState()
    canvas.clipPath(_path(canvas, box, height), stroke=0, fill=0, fillMode=FILL_EVEN_ODD)
    canvas.setStrokeColor(_color(box.hatch))
    canvas.setLineWidth(0.6)
    span = (x1 - x0) + (y1 - y0)
    step = 0.0
    while step <= span:  # lines rising to the right: x - y = const
        start = x0 - (y1 - y0) + step
        canvas.line(start, y0, start + (y1 - y0), y1)
        step += HATCH_SPACING
    canvas.restoreState()


def _draw_text(canvas: Canvas, box: TextBox, height: float, cite_key: str | None = None) -> None:
    if box.fill:
        canvas.setFillColor(_color(box.fill))
        canvas.rect(box.x, height - box.y - box.h, box.w, box.h, stroke=0, fill=1)
    for par in box.paragraphs:
        if par.bullet and par.lines:
            first = par.lines[0]
            style = par.bullet_style or (first.runs[0].style if first.runs else None)
            if style is not None:
                _draw_string(canvas, par.bullet, style, par.bullet_x, height - first.baseline)
        for line in par.lines:
            x = line.x
            y = height - line.baseline
            for run in line.runs:
                text = run.text.replace("\n", " ")
                width = _draw_string(canvas, text, run.style, x, y)
                if width > 0 and safe_link(run.link):  # the one rule, again
                    _underline(canvas, run.style, x, y, width)  # as PowerPoint shows links
                    rect = (x, y - line.descent, x + width, y + line.ascent)
                    canvas.linkURL(run.link, rect, relative=1, thickness=0)
                elif width > 0 and cite_key and is_citation(run):
                    rect = (x, y - line.descent, x + width, y + line.ascent)
                    canvas.linkRect("", cite_key, rect, relative=1, thickness=0)
                x += width


def _underline(canvas: Canvas, style: TextStyle, x: float, y: float, width: float) -> None:
    canvas.setStrokeColor(_color(style.color))
    canvas.setLineWidth(UNDERLINE_THICKNESS * style.size)
    offset = UNDERLINE_POSITION * style.size
    canvas.line(x, y - offset, x + width, y - offset)


def _draw_string(canvas: Canvas, text: str, style: TextStyle, x: float, y: float) -> float:
    if not text:
        return 0.0
    name = font_name(style)
    canvas.setFont(name, style.size)
    canvas.setFillColor(_color(style.color))
    canvas.drawString(x, y, text)
    return pdfmetrics.stringWidth(text, name, style.size)


# --- handout ---------------------------------------------------------------------------

HANDOUT_MARGIN = 48.0
MAP_PAGE_MARGIN = 28.0  # a map page is wide enough for a slide's map at its own size
NOTES_FONT = "LiberationSans"
NOTES_BOLD = "LiberationSans-Bold"
NOTES_SIZE = 10.5
NOTES_LEADING = 14.0
TWO_UP_NOTES_SIZE = 8.5
TWO_UP_LEADING = 11.0
MARKING_SIZE = 9.0
HEADER_SIZE = 8.5
MIN_LINES_PER_PAGE = 2  # never a page (or a page's end) with one orphan line of notes


def _pdf_metadata(canvas: Canvas, deck: LaidDeck) -> None:
    """Title, author, subject and keywords; the marking leads subject and keywords, so a
    file manager or document system shows the handling of a marked file."""
    canvas.setTitle(deck.title)
    canvas.setAuthor(deck.author)
    marking = deck.marking.strip()
    subject = deck.subject
    keywords = deck.keywords
    if marking:
        subject = f"{marking} — {subject}" if subject else marking
        keywords = f"Marking: {marking}" + (f"; {keywords}" if keywords else "")
    canvas.setSubject(subject)
    canvas.setKeywords(keywords)


def render_handout(
    deck: LaidDeck,
    path: str | os.PathLike[str],
    progress: Progress | None = None,
    pagesize: tuple[float, float] = A4,
    two_up: bool = False,
) -> Path:
    """Write a portrait handout: a cover page, then each slide scaled down with its speaker
    notes beneath (or, ``two_up``, two slides a page with their notes beside them).

    Every page carries the marking at its top and bottom, in its own header and footer.
    """

    def write(tmp: Path) -> None:
        canvas = _new_canvas(tmp, deck, pagesize)
        writer = _Handout(canvas, deck, pagesize)
        total = len(deck.slides)
        report(progress, 0, total, "Writing handout")
        writer.cover()
        if two_up:
            writer.two_up(progress)
        else:
            for index, laid in enumerate(deck.slides):
                writer.one_up(laid, index)
                writer.map_page(laid)
                report(progress, index + 1, total, f"Slide {index + 1} of {total}")
        canvas.save()

    return atomic_write(path, write)


def render_handout_two_up(
    deck: LaidDeck, path: str | os.PathLike[str], progress: Progress | None = None
) -> Path:
    """The handout with two slides a page, notes beside each."""
    return render_handout(deck, path, progress, two_up=True)


def split_lines(lines: list[str], first: int, later: int) -> list[list[str]]:
    """``lines`` in page-sized chunks (``first`` fit on the first page, ``later`` on each
    further one) with no chunk of a single line where a neighbour can spare one: a lone
    last line pulls one more over with it, and a lone first line moves on whole."""
    lines = list(lines)
    chunks: list[list[str]] = []
    room = max(first, 0)
    while lines:
        take = lines[:room]
        lines = lines[room:]
        chunks.append(take)
        room = max(later, MIN_LINES_PER_PAGE)
    for i in range(len(chunks) - 1, 0, -1):  # rebalance from the end
        before, chunk = chunks[i - 1], chunks[i]
        while 0 < len(chunk) < MIN_LINES_PER_PAGE and len(before) > MIN_LINES_PER_PAGE:
            chunk.insert(0, before.pop())
    if len(chunks) > 1 and 0 < len(chunks[0]) < MIN_LINES_PER_PAGE:
        chunks[1][:0] = chunks[0]
        chunks[0] = []
    out: list[list[str]] = []
    for chunk in chunks:  # a page never starts with a paragraph gap
        while chunk and not chunk[0].strip() and out:
            chunk.pop(0)
        out.append(chunk)
    return out


# A block of speaker notes that gives a source in full: "Essay ¶7: …", "Footnote 4: …".
_SOURCE_BLOCK = re.compile(r"(Essay ¶\d+|Essay|Footnote \d+|Map “[^”\n]*”): \S")


def handout_notes(slides: Sequence[LaidSlide]) -> list[str]:
    """Each slide's notes for the handout, which is read through: a source passage given
    in full under an earlier slide becomes a pointer to it ("Essay ¶7: in full under
    slide 2."), so no paragraph or footnote is printed twice. The briefer's own notes and
    the corrections stay whole on every slide."""
    first: dict[str, int] = {}
    out: list[str] = []
    for laid in slides:
        blocks: list[str] = []
        for block in laid.notes.split("\n\n"):
            source = _SOURCE_BLOCK.match(block)
            key = " ".join(block.split())
            if source and key in first:
                pointer = f"{source.group(1)}: in full under slide {first[key]}."
                if first[key] != laid.number and pointer not in blocks:
                    blocks.append(pointer)
                continue
            if source:
                first[key] = laid.number
            blocks.append(block)
        out.append("\n\n".join(blocks))
    return out


class _Handout:
    """Pages of one handout: cover, slide pages, notes pages, each marked."""

    def __init__(self, canvas: Canvas, deck: LaidDeck, pagesize: tuple[float, float]) -> None:
        self.canvas = canvas
        self.deck = deck
        self.notes = handout_notes(deck.slides)
        self.page_w, self.page_h = pagesize
        self.page = 0
        self.width = self.page_w - 2 * HANDOUT_MARGIN
        self.top = self.page_h - HANDOUT_MARGIN - 12  # below the marking and slide label
        self.bottom = HANDOUT_MARGIN + 8

    # pages ----------------------------------------------------------------------------

    def _begin(self, label: str) -> None:
        self.page += 1
        self._marking()
        if label:
            c = self.canvas
            c.setFillColor(_color("404040"))
            y = self.page_h - HANDOUT_MARGIN + 4
            for line in wrap_text(label, NOTES_FONT, HEADER_SIZE, self.width)[:2]:
                c.setFont(NOTES_FONT, HEADER_SIZE)
                c.drawString(HANDOUT_MARGIN, y, line)
                y -= HEADER_SIZE * 1.2

    def _end(self) -> None:
        c = self.canvas
        c.setFillColor(_color("404040"))
        c.setFont(NOTES_FONT, HEADER_SIZE)
        title = self.deck.title.replace("\n", " ")
        if title:
            c.drawString(
                HANDOUT_MARGIN, HANDOUT_MARGIN - 20, _fit(title, HEADER_SIZE, self.width * 0.7)
            )
        c.drawRightString(self.page_w - HANDOUT_MARGIN, HANDOUT_MARGIN - 20, f"Page {self.page}")
        c.showPage()

    def _marking(self) -> None:
        """The marking centred in the page's header and footer (none when unmarked)."""
        marking = self.deck.marking.strip()
        if not marking:
            return
        c = self.canvas
        c.setFillColor(_color("000000"))
        c.setFont(NOTES_BOLD, MARKING_SIZE)
        text = _fit(marking, MARKING_SIZE, self.width, NOTES_BOLD)
        c.drawCentredString(self.page_w / 2, self.page_h - 22, text)
        c.drawCentredString(self.page_w / 2, 14, text)

    def cover(self) -> None:
        """Title, subtitle, author, date, marking and distribution line."""
        deck, c = self.deck, self.canvas
        self._begin("")
        c.bookmarkPage("cover")
        c.addOutlineEntry("Cover", "cover", level=0)
        y = self.page_h * 0.68
        marking = deck.marking.strip()
        if marking:
            c.setFillColor(_color("000000"))
            for line in wrap_text(marking, NOTES_BOLD, 14, self.width):
                c.setFont(NOTES_BOLD, 14)
                c.drawString(HANDOUT_MARGIN, y, line)
                y -= 18
            y -= 18
        c.setFillColor(_color("1F3864"))
        for line in wrap_text(deck.title or "Untitled deck", NOTES_BOLD, 24, self.width)[:6]:
            c.setFont(NOTES_BOLD, 24)
            c.drawString(HANDOUT_MARGIN, y, line)
            y -= 30
        y -= 6
        c.setFillColor(_color("404040"))
        for line in wrap_text(deck.subtitle, NOTES_FONT, 13, self.width)[:6]:
            c.setFont(NOTES_FONT, 13)
            c.drawString(HANDOUT_MARGIN, y, line)
            y -= 17
        y -= 14
        for text in (deck.author, deck.date_label):
            for line in wrap_text(text, NOTES_FONT, 12, self.width)[:3]:
                c.setFont(NOTES_FONT, 12)
                c.drawString(HANDOUT_MARGIN, y, line)
                y -= 16
        if deck.distribution.strip():
            y -= 10
            c.setFillColor(_color("000000"))
            line_text = deck.distribution.strip()
            if not line_text.lower().startswith("distribution"):
                line_text = f"Distribution: {line_text}"
            for line in wrap_text(line_text, NOTES_FONT, 11, self.width)[:4]:
                c.setFont(NOTES_FONT, 11)
                c.drawString(HANDOUT_MARGIN, y, line)
                y -= 15
        c.setFillColor(_color("404040"))
        c.setFont(NOTES_FONT, 10)
        count = len(deck.slides)
        c.drawString(
            HANDOUT_MARGIN,
            HANDOUT_MARGIN + 20,
            f"Handout: {count} slide{'s' * (count != 1)} with speaker notes",
        )
        legend = provenance_legend([b for s in deck.slides for b in s.boxes])
        if legend:  # the slides' marks, legible here (their own source lines print small)
            text = f"Marks on the slides: {legend}."
            y = HANDOUT_MARGIN + 36
            for line in reversed(wrap_text(text, NOTES_FONT, 10, self.width)[:3]):
                c.drawString(HANDOUT_MARGIN, y, line)
                y += 13
        self._end()

    def _slide(self, laid: LaidSlide, x: float, top: float, width: float) -> float:
        """Draw ``laid`` scaled to ``width`` with its top-left at (x, top); its height."""
        c = self.canvas
        scale = width / laid.width
        slide_h = laid.height * scale
        c.saveState()
        c.translate(x, top - slide_h)
        c.scale(scale, scale)
        clip = c.beginPath()
        clip.rect(0, 0, laid.width, laid.height)
        c.clipPath(clip, stroke=0, fill=0)
        draw_slide(c, laid)
        c.restoreState()
        c.setStrokeColor(_color("808080"))
        c.setLineWidth(0.5)
        c.rect(x, top - slide_h, width, slide_h, stroke=1, fill=0)
        return slide_h

    def _lines(self, lines: list[str], x: float, y: float, size: float, leading: float) -> None:
        c = self.canvas
        c.setFillColor(_color("000000"))
        for line in lines:
            c.setFont(NOTES_FONT, size)
            c.drawString(x, y, line)
            y -= leading

    @staticmethod
    def _label(laid: LaidSlide, continued: bool = False) -> str:
        label = f"Slide {laid.number}: {laid.title}".replace("\n", " ")
        return label + (" (notes continued)" if continued else "")

    def map_page(self, laid: LaidSlide) -> None:
        """A slide's map again at full size on a page of its own, so its labels stay as
        large as on the slide (a scaled-down slide shrinks them to half)."""
        figure = _figure(laid)
        covered = covered_rect(figure)
        if covered is None:
            return
        x0, y0, x1, _ = covered
        room = self.page_w - 2 * MAP_PAGE_MARGIN
        scale = min(1.0, room / max(x1 - x0, 1.0))
        self._begin(f"Slide {laid.number}: {laid.title} (map at full size)".replace("\n", " "))
        c = self.canvas
        c.saveState()
        left = (self.page_w - (x1 - x0) * scale) / 2
        c.translate(left - x0 * scale, self.top - (laid.height - y0) * scale)
        c.scale(scale, scale)
        draw_slide(c, LaidSlide(laid.number, laid.title, tuple(figure), "", laid.width,
                                laid.height))  # fmt: skip
        c.restoreState()
        self._end()

    def one_up(self, laid: LaidSlide, index: int) -> None:
        """A slide above its notes; notes that do not fit continue on further pages."""
        self._begin(self._label(laid))
        _bookmark(self.canvas, laid, index)
        slide_h = self._slide(laid, HANDOUT_MARGIN, self.top, self.width)
        lines = wrap_text(self.notes[index], NOTES_FONT, NOTES_SIZE, self.width)
        first_y = self.top - slide_h - 24
        first = int((first_y - self.bottom) // NOTES_LEADING) + 1
        later = int((self.top - 8 - self.bottom) // NOTES_LEADING) + 1
        chunks = split_lines(lines, first, later) or [[]]
        self._lines(chunks[0], HANDOUT_MARGIN, first_y, NOTES_SIZE, NOTES_LEADING)
        for chunk in chunks[1:]:
            self._end()
            self._begin(self._label(laid, continued=True))
            self._lines(chunk, HANDOUT_MARGIN, self.top - 8, NOTES_SIZE, NOTES_LEADING)
        self._end()

    def two_up(self, progress: Progress | None) -> None:
        """Two slides a page: each slide in its half with its notes in the column beside
        it (and under it); notes too long for the half continue in the next half, in two
        columns, headed "(notes continued)"."""
        total = len(self.deck.slides)
        half = (self.top - self.bottom) / 2
        thumb_w = self.width * 0.55
        gap = 12.0
        notes_x = HANDOUT_MARGIN + thumb_w + gap
        notes_w = self.width - thumb_w - gap
        lead, size = TWO_UP_LEADING, TWO_UP_NOTES_SIZE
        slot = 0  # 0: top half free, 1: bottom half free
        maps: list[LaidSlide] = []  # map slides on this page, for full-size pages after it

        def end_page(maps_now: bool = True) -> None:
            self._end()
            if maps_now:  # a map at half a page's width is unreadable: again in full
                for laid in maps:
                    self.map_page(laid)
                maps.clear()

        def cell(label: str, continued: bool = False) -> float:
            """Start the next half page; its top. Full-size maps wait until the notes of
            their slide are done."""
            nonlocal slot
            if slot == 2:
                end_page(maps_now=not continued)
                slot = 0
            if slot == 0:
                self._begin("")
            top = self.top - slot * half
            slot += 1
            c = self.canvas
            c.setFillColor(_color("404040"))
            c.setFont(NOTES_FONT, HEADER_SIZE)
            c.drawString(HANDOUT_MARGIN, top, _fit(label, HEADER_SIZE, self.width))
            return top - 8

        for index, laid in enumerate(self.deck.slides):
            lines = wrap_text(self.notes[index], NOTES_FONT, size, notes_w)
            top = cell(self._label(laid))
            _bookmark(self.canvas, laid, index)
            thumb_h = self._slide(laid, HANDOUT_MARGIN, top, thumb_w)
            if _figure(laid):
                maps.append(laid)
            beside = max(int((half - 16) // lead), 1)
            below = max(int((half - 16 - thumb_h - 12) // lead), 0)
            left = len(lines) - beside - below
            if 0 < left < MIN_LINES_PER_PAGE:  # never one line alone in the next half
                short = MIN_LINES_PER_PAGE - left
                below, beside = max(below - short, 0), beside - max(short - below, 0)
            self._lines(lines[:beside], notes_x, top - size, size, lead)
            rest = lines[beside:]
            self._lines(rest[:below], HANDOUT_MARGIN, top - thumb_h - 12 - size, size, lead)
            rest = rest[below:]
            while rest:  # two columns a half page
                top = cell(self._label(laid, continued=True), continued=True)
                for x in (HANDOUT_MARGIN, notes_x):
                    self._lines(rest[:beside], x, top - size, size, lead)
                    rest = rest[beside:]
            report(progress, index + 1, total, f"Slide {index + 1} of {total}")
        if slot:
            end_page()


def _figure(laid: LaidSlide) -> list[Box]:
    """The boxes of the slide's map (none on a slide without one)."""
    return [b for b in laid.boxes if isinstance(b.source, ItemRef) and b.source.part == "figure"]


def _fit(text: str, size: float, width: float, font: str = NOTES_FONT) -> str:
    """``text``, or its longest start that fits ``width`` with an ellipsis (found by
    bisection: a title can be a megabyte long). Used for running heads only, never for
    a slide's own title."""
    if pdfmetrics.stringWidth(text, font, size) <= width:
        return text
    low, high = 0, len(text)  # text[:low] + "…" fits; text[:high] + "…" does not
    while high - low > 1:
        middle = (low + high) // 2
        if pdfmetrics.stringWidth(text[:middle] + "…", font, size) <= width:
            low = middle
        else:
            high = middle
    return text[:low] + "…"


def wrap_text(text: str, font: str, size: float, width: float) -> list[str]:
    """Greedy word wrap by real advance widths; over-long words are broken by character."""
    out: list[str] = []
    for para in text.split("\n"):
        line = ""
        for word in para.split(" "):
            candidate = f"{line} {word}" if line else word
            if pdfmetrics.stringWidth(candidate, font, size) <= width:
                line = candidate
                continue
            if line:
                out.append(line)
            line = ""
            while len(word) > 1 and pdfmetrics.stringWidth(word, font, size) > width:
                low, high = 1, len(word) - 1  # longest prefix that fits, at least 1 char
                while low < high:
                    mid = (low + high + 1) // 2
                    if pdfmetrics.stringWidth(word[:mid], font, size) <= width:
                        low = mid
                    else:
                        high = mid - 1
                out.append(word[:low])
                word = word[low:]
            line = word
        out.append(line)
    while out and not out[-1]:
        out.pop()
    return out
