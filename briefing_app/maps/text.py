"""Small text helpers for map furniture: measured with the bundled font metrics."""

from __future__ import annotations

from itertools import pairwise

from briefing_app.layout.boxes import Run, TextBox, TextLine, TextParagraph, TextStyle
from briefing_app.layout.metrics import ascent, descent, text_width
from briefing_app.layout.wrap import break_offsets, normalize_spaces

LEADING = 1.18


def line_height(style: TextStyle) -> float:
    return style.size * LEADING


def wrap(text: str, style: TextStyle, width: float) -> list[str]:
    """Greedy wrap to ``width`` points where the layout engine may break a line (spaces,
    after hyphens and dashes: :func:`briefing_app.layout.wrap.break_offsets`); a unit
    longer than the width stands alone."""
    text = normalize_spaces(text)
    cuts = [0, *sorted(break_offsets(text)), len(text)]
    lines: list[str] = []
    current = ""
    for start, end in pairwise(cuts):
        unit = text[start:end]
        if current and text_width((current + unit).rstrip(" "), style) > width:
            lines.append(current.rstrip(" "))
            current = unit
        else:
            current += unit
    if current.strip():
        lines.append(current.rstrip(" "))
    return lines


def _break_texts(lines: list[str], source: str | None) -> list[str]:
    """What each break between ``lines`` replaced in ``source``: a space, or nothing (after
    a hyphen or dash); a space for every break when the source is not known."""
    if source is None:
        return [" "] * len(lines)
    text = normalize_spaces(source)
    out: list[str] = []
    pos = 0
    for line in lines:
        found = text.find(line, pos)
        if found < 0:
            out.append(" ")
            continue
        pos = found + len(line)
        out.append(" " if pos < len(text) and text[pos] == " " else "")
    return out


def text_block(
    lines: list[str],
    style: TextStyle,
    x: float,
    top: float,
    width: float,
    align: str = "left",
    name: str = "Text",
    pad: float = 0.0,
    source: str | None = None,
) -> TextBox:
    """A TextBox whose first line's ascender starts at ``top``; lines aligned in ``width``.

    ``pad`` widens the frame on both sides (PowerPoint must never re-wrap a label).
    ``source`` is the text the lines were wrapped from: it tells which breaks replaced a
    space (a viewer that rewraps the text joins the lines with it).
    """
    lh = line_height(style)
    asc, desc = ascent(style), descent(style)
    first_baseline = top + lh - desc
    laid: list[TextLine] = []
    breaks = _break_texts(lines, source)
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
                break_text=breaks[i],
            )
        )
    paragraph = TextParagraph(lines=tuple(laid), align=align, line_height=lh)
    return TextBox(
        x=x - pad, y=top, w=width + 2 * pad, h=lh * len(lines), paragraphs=(paragraph,), name=name
    )
