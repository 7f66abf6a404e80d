"""Hand-built LaidDeck fixtures: lines wrapped and positioned here, not by the engine."""

from __future__ import annotations

from reportlab.pdfbase import pdfmetrics

from briefing_app.layout.boxes import (
    LaidDeck,
    LaidSlide,
    PathBox,
    RectBox,
    RuleBox,
    Run,
    TextBox,
    TextLine,
    TextParagraph,
    TextStyle,
)
from briefing_app.render.pdf_renderer import font_name, register_fonts

ASCENT, DESCENT, LEADING = 1854 / 2048, 434 / 2048, 1.2
NAVY = "1F3864"


def _width(text: str, style: TextStyle) -> float:
    register_fonts()
    return pdfmetrics.stringWidth(text, font_name(style), style.size)


def paragraph(
    text: str,
    style: TextStyle,
    x: float,
    width: float,
    top: float,
    *,
    align: str = "left",
    bullet: str | None = None,
    indent: float = 0.0,
    link: str | None = None,
    space_before: float = 0.0,
) -> tuple[TextParagraph, float]:
    """Wrap ``text`` greedily into ``width``; return the paragraph and the next slot top."""
    top += space_before
    text_x = x + indent
    avail = width - indent
    words, lines, line = text.split(" "), [], ""
    for word in words:
        candidate = f"{line} {word}" if line else word
        if line and _width(candidate, style) > avail * 0.985:
            lines.append(line)
            line = word
        else:
            line = candidate
    lines.append(line)
    height = style.size * LEADING
    laid = []
    for n, content in enumerate(lines):
        w = _width(content, style)
        lx = (
            text_x
            if align == "left"
            else (x + (width - w) / 2 if align == "center" else x + width - w)
        )
        laid.append(
            TextLine(
                runs=(Run(content, style, link),),
                x=lx,
                baseline=top + (n + 1) * height - DESCENT * style.size,
                width=w,
                ascent=ASCENT * style.size,
                descent=DESCENT * style.size,
                paragraph_end=n == len(lines) - 1,
            )
        )
    par = TextParagraph(
        lines=tuple(laid),
        align=align,
        line_height=height,
        space_before=space_before,
        bullet=bullet,
        bullet_x=x,
        bullet_style=style if bullet else None,
    )
    return par, top + len(lines) * height


def text_box(x, y, w, h, specs, name="Text", slot=None) -> TextBox:
    """``specs``: (text, style, kwargs) triples laid one after another from the top."""
    top, pars = y, []
    for i, (text, style, kwargs) in enumerate(specs):
        kwargs = dict(kwargs)
        if i == 0:
            kwargs.pop("space_before", None)
        par, top = paragraph(text, style, x, w, top, **kwargs)
        pars.append(par)
    assert top <= y + h + 0.01, "fixture text must fit its frame"
    return TextBox(x, y, w, h, tuple(pars), name=name, slot=slot)


TITLE = TextStyle("sans", 32, bold=True, color=NAVY)
BODY = TextStyle("sans", 20)
SMALL = TextStyle("sans", 12, color="595959")
SERIF = TextStyle("serif", 22, italic=True)


def sample_slide(number: int, title: str = "", notes: str = "") -> LaidSlide:
    title = title or f"Slide {number}: Vučić, Đukić and Šekerinska"
    boxes = (
        RectBox(0, 0, 960, 70, fill=NAVY, name="Title band"),
        text_box(
            48,
            12,
            864,
            48,
            [(title, TextStyle("sans", 28, bold=True, color="FFFFFF"), {})],
            name="Title",
        ),
        text_box(
            48,
            100,
            560,
            360,
            [
                (
                    "BLUF: Belgrade hedges between Brussels and Moscow; Косово remains the "
                    "fault line for every settlement.",
                    BODY,
                    {"bullet": "•", "indent": 22},
                ),
                (
                    "Vučić courts both sides; Đukić and Šutanovac warn about the cost of "
                    "delay. <script>&amp; stays literal.",
                    BODY,
                    {"bullet": "•", "indent": 22, "space_before": 10},
                ),
                (
                    "Šekerinska: accession is a security guarantee, not a reward.",
                    SERIF,
                    {"space_before": 10},
                ),
                (
                    "Source: https://example.org/brief",
                    SMALL,
                    {"link": "https://example.org/brief", "space_before": 12},
                ),
            ],
            name="Body",
            slot="bullets",  # the argument layout's (a slide of no layout uses that one)
        ),
        RuleBox(640, 100, 640, 460, color="A6A6A6", width=1.0),
        PathBox(
            rings=(((680, 140), (900, 160), (880, 330), (700, 300)),),
            fill="DCE6F2",
            stroke=NAVY,
            stroke_width=1.0,
            hatch="C00000",
            name="Map: Kosovo",
        ),
        text_box(
            660, 360, 260, 60, [("Донбас и Косово", BODY, {"align": "center"})], name="Caption"
        ),
        RectBox(0, 510, 960, 30, fill="F2F2F2", name="Footer band"),
        text_box(880, 514, 60, 20, [(str(number), SMALL, {"align": "right"})], name="SlideNumber"),
    )
    return LaidSlide(
        number=number,
        title=title,
        boxes=boxes,
        notes=notes or f"Speaker notes for slide {number}: mention Vučić.",
    )


def sample_deck(n: int = 3) -> LaidDeck:
    return LaidDeck(
        title="Western Balkans brief – Vučić",
        author="Policy Unit",
        subject="Serbia between blocs",
        slides=tuple(sample_slide(i + 1) for i in range(n)),
        keywords="Serbia; Kosovo; EU",
    )


def simple_deck(n: int) -> LaidDeck:
    """n slides of plain text boxes, for timing."""
    slides = []
    for i in range(n):
        box = text_box(
            48,
            48,
            864,
            440,
            [
                (
                    f"Point {k} on slide {i + 1}: Vučić and Đukić discuss Косово.",
                    BODY,
                    {"space_before": 6},
                )
                for k in range(8)
            ],
        )
        slides.append(LaidSlide(number=i + 1, title=f"Slide {i + 1}", boxes=(box,)))
    return LaidDeck(title="Timing", author="Test", subject="Timing", slides=tuple(slides))
