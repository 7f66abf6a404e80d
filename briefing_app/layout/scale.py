"""A laid-out deck scaled uniformly, e.g. from our 960-point-wide page to a template's.

Everything scales together: positions, sizes of type, line spacing, widths of lines.
Advance widths are proportional to the type size, so every line still holds exactly the
words it held: the breaks layout chose are kept at any scale.
"""

from __future__ import annotations

from dataclasses import replace

from briefing_app.layout.boxes import (
    Box,
    Gradient,
    LaidDeck,
    LaidSlide,
    PathBox,
    PictureBox,
    RectBox,
    RuleBox,
    Run,
    TextBox,
    TextLine,
    TextParagraph,
    TextStyle,
)


def _style(style: TextStyle, k: float) -> TextStyle:
    return replace(style, size=style.size * k)


def _line(line: TextLine, k: float) -> TextLine:
    return replace(
        line,
        runs=tuple(Run(r.text, _style(r.style, k), r.link) for r in line.runs),
        x=line.x * k,
        baseline=line.baseline * k,
        width=line.width * k,
        ascent=line.ascent * k,
        descent=line.descent * k,
    )


def _paragraph(par: TextParagraph, k: float) -> TextParagraph:
    return replace(
        par,
        lines=tuple(_line(line, k) for line in par.lines),
        line_height=par.line_height * k,
        space_before=par.space_before * k,
        bullet_x=par.bullet_x * k,
        bullet_style=_style(par.bullet_style, k) if par.bullet_style else None,
    )


def _gradient(gradient: Gradient | None, k: float) -> Gradient | None:
    if gradient is None:
        return None
    g = gradient
    return replace(g, x1=g.x1 * k, y1=g.y1 * k, x2=g.x2 * k, y2=g.y2 * k, radius=g.radius * k)


def scaled_box(box: Box, k: float) -> Box:
    if isinstance(box, TextBox):
        paragraphs = tuple(_paragraph(p, k) for p in box.paragraphs)
        return replace(
            box, x=box.x * k, y=box.y * k, w=box.w * k, h=box.h * k, paragraphs=paragraphs
        )
    if isinstance(box, (RectBox, PictureBox)):
        scaled = replace(box, x=box.x * k, y=box.y * k, w=box.w * k, h=box.h * k)
        if isinstance(scaled, PictureBox) and scaled.clip:
            clip = tuple(tuple((x * k, y * k) for x, y in ring) for ring in scaled.clip)
            scaled = replace(scaled, clip=clip)
        if isinstance(scaled, RectBox):
            scaled = replace(
                scaled,
                stroke_width=scaled.stroke_width * k,
                gradient=_gradient(scaled.gradient, k),
            )
        return scaled
    if isinstance(box, RuleBox):
        return replace(
            box, x1=box.x1 * k, y1=box.y1 * k, x2=box.x2 * k, y2=box.y2 * k, width=box.width * k
        )
    if isinstance(box, PathBox):
        rings = tuple(tuple((x * k, y * k) for x, y in ring) for ring in box.rings)
        return replace(
            box, rings=rings, stroke_width=box.stroke_width * k, gradient=_gradient(box.gradient, k)
        )
    return box


def scaled_deck(deck: LaidDeck, k: float) -> LaidDeck:
    """``deck`` with every slide scaled by ``k`` (1.0 returns it as it is)."""
    if k == 1.0:
        return deck
    slides = tuple(
        replace(
            s,
            boxes=tuple(scaled_box(b, k) for b in s.boxes),
            width=s.width * k,
            height=s.height * k,
        )
        for s in deck.slides
    )
    return replace(deck, slides=slides)


def scaled_slide(slide: LaidSlide, k: float) -> LaidSlide:
    return scaled_deck(LaidDeck("", "", "", (slide,)), k).slides[0]
