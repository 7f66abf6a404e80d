"""Two columns side by side, each under an optional heading, set in one type size.

Shared by the comparison and two-quotes layouts: where the columns go, the headings and
the rules under them, fitting both columns in the same size page after page, and the
template slots of that arrangement.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from briefing_app.layout.boxes import Box, FieldRef, RuleBox, SlideField
from briefing_app.layout.chrome import Ctx, text_box
from briefing_app.layout.slide_layout import PlaceholderKind, TemplateSlot
from briefing_app.layout.wrap import LINE_HEIGHT, Fit, Frame, ParaSpec, fit_paragraphs, fit_text

GAP = 48.0  # between the columns
HEAD_SIZE, HEAD_MIN = 20.0, 16.0
HEAD_H = 2 * LINE_HEIGHT * HEAD_SIZE  # room for a two-line heading
# Template slots, left then right: the headings and the columns under them.
HEADINGS = ("left heading", "right heading")
COLUMNS = ("left column", "right column")
SIDES: tuple[tuple[str, SlideField], ...] = (("Left", "left_heading"), ("Right", "right_heading"))


def pending(specs: Sequence[ParaSpec]) -> tuple[ParaSpec, ...]:
    return tuple(s for s in specs if not s.empty)


def column_xs(body: Frame, gap: float = GAP) -> tuple[tuple[float, float], float]:
    """The left edges of the two columns in ``body`` and their width."""
    col_w = (body.w - gap) / 2
    return (body.x, body.x + col_w + gap), col_w


def fit_headings(ctx: Ctx, texts: Sequence[str], body: Frame) -> tuple[list[Fit | None], float]:
    """Each column's heading (None where it has none) and the taller one's height."""
    t = ctx.theme
    xs, col_w = column_xs(body)
    style = t.style(HEAD_SIZE, t.navy, bold=True)
    heads: list[Fit | None] = []
    for text, x in zip(texts, xs, strict=True):
        frame = Frame(x, body.y, col_w, HEAD_H)
        heads.append(fit_text(text, style, frame, HEAD_SIZE, HEAD_MIN) if text.strip() else None)
    return heads, max((h.height for h in heads if h is not None), default=0.0)


def heading_boxes(
    ctx: Ctx, head: Fit, side: int, body: Frame, head_h: float, rule_y: float
) -> list[Box]:
    """The heading of column ``side`` (0 left, 1 right), bottom-aligned in the heading
    band, and the navy rule under it."""
    xs, col_w = column_xs(body)
    x = xs[side]
    name, field = SIDES[side]
    frame = Frame(x, body.y, col_w, head_h)
    ref = FieldRef(field)
    slot = HEADINGS[side]
    return [
        text_box(head, frame, name + "Heading", "bottom", source=ref, slot=slot),
        RuleBox(x, rule_y, x + col_w, rule_y, ctx.theme.navy, 1.0, name + "HeadingRule"),
    ]


def fit_columns(
    rest: Sequence[tuple[ParaSpec, ...]], frames: Sequence[Frame], size: float, floor: float
) -> list[Fit]:
    """Both columns in one type size: each shrinks from ``size`` towards ``floor`` to fit,
    then the larger is set again at the smaller's size (an empty column stays as is)."""
    fits = [fit_paragraphs(r, f, size, floor) for r, f in zip(rest, frames, strict=True)]
    common = min((f.size for f, r in zip(fits, rest, strict=True) if r), default=size)
    return [
        f if f.size == common or not r else fit_paragraphs(r, fr, common, common, floor=floor)
        for f, r, fr in zip(fits, rest, frames, strict=True)
    ]


def column_pages(
    rest: Sequence[tuple[ParaSpec, ...]], frames: Sequence[Frame], size: float, floor: float
) -> Iterator[list[Fit]]:
    """Both columns page after page (:func:`fit_columns`): the first page from ``size``,
    follow-on pages at ``floor``, until everything is placed or a page places nothing."""
    first = True
    while True:
        fits = fit_columns(rest, frames, size if first else floor, floor)
        yield fits
        first = False
        left = [pending(f.overflow) for f in fits]
        if not any(left) or left == list(rest):
            return
        rest = left


def headed_column_slots(
    body: Frame,
    kind: PlaceholderKind = PlaceholderKind.OBJECT,
    columns: tuple[str, str] = COLUMNS,
    inset: float = 0.0,
) -> tuple[TemplateSlot, ...]:
    """Template slots of two headed columns in ``body``: each heading (optional) over its
    column (``columns`` labels, ``kind`` placeholders, ``inset`` from the left edge)."""
    xs, col_w = column_xs(body)
    top = body.y + HEAD_H + 14
    slots: list[TemplateSlot] = []
    for x, heading, column in zip(xs, HEADINGS, columns, strict=True):
        head = Frame(x, body.y, col_w, HEAD_H)
        slots.append(TemplateSlot(PlaceholderKind.BODY, heading, head, 0.5))
        frame = Frame(x + inset, top, col_w - inset, body.bottom - top)
        slots.append(TemplateSlot(kind, column, frame))
    return tuple(slots)
