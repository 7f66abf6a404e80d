"""Draw a :class:`LaidDeck` as a PDF (one 960x540 pt page per slide) or as a handout.

Every glyph comes from the embedded Liberation TrueType files; text is drawn run by run
at the positions layout chose, with no markup parsing, so ``<`` and ``&`` print as typed.
The handout draws the same boxes scaled into portrait pages (vectors, no rasterising)
with the speaker notes wrapped beneath, continuing onto further pages when long.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

from reportlab.lib.colors import Color
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import FILL_EVEN_ODD, Canvas

from briefing_app.domain.text import safe_link
from briefing_app.layout.boxes import (
    LaidDeck,
    LaidSlide,
    PathBox,
    PictureBox,
    RectBox,
    RuleBox,
    TextBox,
    TextStyle,
)
from briefing_app.layout.fonts import FAMILIES
from briefing_app.progress import Progress, report
from briefing_app.render.atomic import atomic_write
from briefing_app.render.citations import is_citation, sources_slide

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
        initialFontName="LiberationSans",
        initialFontSize=12,
    )
    canvas.setTitle(deck.title)
    canvas.setAuthor(deck.author)
    canvas.setSubject(deck.subject)
    canvas.setKeywords(deck.keywords)
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
    marks link to the page bookmarked ``cite_key`` (the sources slide)."""
    height = laid.height
    for box in laid.boxes:
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
            canvas.drawImage(box.path, box.x, height - box.y - box.h, box.w, box.h, mask="auto")


def _draw_rect(canvas: Canvas, box: RectBox, height: float) -> None:
    stroke = bool(box.stroke and box.stroke_width > 0)
    if not (box.fill or stroke):
        return
    if box.fill:
        canvas.setFillColor(_color(box.fill))
    if stroke:
        canvas.setStrokeColor(_color(box.stroke))
        canvas.setLineWidth(box.stroke_width)
    canvas.rect(
        box.x, height - box.y - box.h, box.w, box.h, stroke=int(stroke), fill=int(bool(box.fill))
    )


def _path(canvas: Canvas, box: PathBox, height: float):
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
    fill = bool(box.closed and box.fill)
    if fill:
        canvas.setFillColor(_color(box.fill))
        canvas.drawPath(_path(canvas, box, height), stroke=0, fill=1, fillMode=FILL_EVEN_ODD)
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
NOTES_FONT = "LiberationSans"
NOTES_SIZE = 10.5
NOTES_LEADING = 14.0


def render_handout(
    deck: LaidDeck,
    path: str | os.PathLike[str],
    progress: Progress | None = None,
    pagesize: tuple[float, float] = A4,
) -> Path:
    """Write a portrait handout: each slide scaled down with its speaker notes beneath."""

    def write(tmp: Path) -> None:
        canvas = _new_canvas(tmp, deck, pagesize)
        total = len(deck.slides)
        report(progress, 0, total, "Writing handout")
        page = 1
        for index, laid in enumerate(deck.slides):
            page = _handout_slide(canvas, deck, laid, index, page, pagesize)
            report(progress, index + 1, total, f"Slide {index + 1} of {total}")
        canvas.save()

    return atomic_write(path, write)


def _handout_slide(
    canvas: Canvas,
    deck: LaidDeck,
    laid: LaidSlide,
    index: int,
    page: int,
    pagesize: tuple[float, float],
) -> int:
    page_w, page_h = pagesize
    width = page_w - 2 * HANDOUT_MARGIN
    scale = width / laid.width
    slide_h = laid.height * scale
    top = page_h - HANDOUT_MARGIN
    _bookmark(canvas, laid, index)
    _handout_header(canvas, deck, laid, pagesize)
    canvas.saveState()
    canvas.translate(HANDOUT_MARGIN, top - slide_h)
    canvas.scale(scale, scale)
    clip = canvas.beginPath()
    clip.rect(0, 0, laid.width, laid.height)
    canvas.clipPath(clip, stroke=0, fill=0)
    draw_slide(canvas, laid)
    canvas.restoreState()
    canvas.setStrokeColor(_color("808080"))
    canvas.setLineWidth(0.5)
    canvas.rect(HANDOUT_MARGIN, top - slide_h, width, slide_h, stroke=1, fill=0)

    lines = wrap_text(laid.notes, NOTES_FONT, NOTES_SIZE, width)
    y = top - slide_h - 24
    canvas.setFillColor(_color("000000"))
    for line in lines:
        if y < HANDOUT_MARGIN + NOTES_LEADING:
            _handout_footer(canvas, page, pagesize)
            canvas.showPage()
            page += 1
            _handout_header(canvas, deck, laid, pagesize, continued=True)
            y = top - 8
            canvas.setFillColor(_color("000000"))
        canvas.setFont(NOTES_FONT, NOTES_SIZE)
        canvas.drawString(HANDOUT_MARGIN, y, line)
        y -= NOTES_LEADING
    _handout_footer(canvas, page, pagesize)
    canvas.showPage()
    return page + 1


def _handout_header(
    canvas: Canvas,
    deck: LaidDeck,
    laid: LaidSlide,
    pagesize: tuple[float, float],
    continued: bool = False,
) -> None:
    page_w, page_h = pagesize
    label = f"Slide {laid.number}: {laid.title}".replace("\n", " ")
    if continued:
        label += " (notes continued)"
    canvas.setFillColor(_color("404040"))
    canvas.setFont("LiberationSans", 8.5)
    width = page_w - 2 * HANDOUT_MARGIN
    canvas.drawString(HANDOUT_MARGIN, page_h - HANDOUT_MARGIN + 10, _fit(label, 8.5, width))


def _handout_footer(canvas: Canvas, page: int, pagesize: tuple[float, float]) -> None:
    page_w, _ = pagesize
    canvas.setFillColor(_color("404040"))
    canvas.setFont("LiberationSans", 8.5)
    canvas.drawRightString(page_w - HANDOUT_MARGIN, HANDOUT_MARGIN - 20, f"Page {page}")


def _fit(text: str, size: float, width: float) -> str:
    """``text``, or its longest start that fits ``width`` with an ellipsis (found by
    bisection: a title can be a megabyte long)."""
    if pdfmetrics.stringWidth(text, NOTES_FONT, size) <= width:
        return text
    low, high = 0, len(text)  # text[:low] + "…" fits; text[:high] + "…" does not
    while high - low > 1:
        middle = (low + high) // 2
        if pdfmetrics.stringWidth(text[:middle] + "…", NOTES_FONT, size) <= width:
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
