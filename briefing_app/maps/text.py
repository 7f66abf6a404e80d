"""Small text helpers for map furniture: measured with the bundled font metrics."""

from __future__ import annotations

from briefing_app.layout.boxes import Run, TextBox, TextLine, TextParagraph, TextStyle
from briefing_app.layout.metrics import ascent, descent, text_width

LEADING = 1.18


def line_height(style: TextStyle) -> float:
    return style.size * LEADING


def wrap(text: str, style: TextStyle, width: float) -> list[str]:
    """Greedy word wrap to ``width`` points (a word longer than the width stands alone)."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        trial = f"{current} {word}" if current else word
        if current and text_width(trial, style) > width:
            lines.append(current)
            current = word
        else:
            current = trial
    if current:
        lines.append(current)
    return lines


def text_block(
    lines: list[str],
    style: TextStyle,
    x: float,
    top: float,
    width: float,
    align: str = "left",
    name: str = "Text",
    pad: float = 0.0,
) -> TextBox:
    """A TextBox whose first line's ascender starts at ``top``; lines aligned in ``width``.

    ``pad`` widens the frame on both sides (PowerPoint must never re-wrap a label).
    """
    lh = line_height(style)
    asc, desc = ascent(style), descent(style)
    first_baseline = top + lh - desc
    laid: list[TextLine] = []
    for i, text in enumerate(lines):
        w = text_width(text, style)
        if align == "center":
            lx = x + (width - w) / 2
        elif align == "right":
            lx = x + width - w
        else:
            lx = x
        laid.append(
            TextLine(
                runs=(Run(text, style),),
                x=lx,
                baseline=first_baseline + i * lh,
                width=w,
                ascent=asc,
                descent=desc,
                paragraph_end=i == len(lines) - 1,
            )
        )
    paragraph = TextParagraph(lines=tuple(laid), align=align, line_height=lh)
    return TextBox(
        x=x - pad, y=top, w=width + 2 * pad, h=lh * len(lines), paragraphs=(paragraph,), name=name
    )
