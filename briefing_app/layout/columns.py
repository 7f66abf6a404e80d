"""Multi-part layouts: comparison (two columns), quote (text + speaker), timeline (rows)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from briefing_app.layout.boxes import Box, RectBox, RuleBox, Run
from briefing_app.layout.chrome import (
    Ctx,
    Page,
    cont_title,
    item_runs,
    text_box,
    title_boxes,
)
from briefing_app.layout.content import SlideContent
from briefing_app.layout.slides import bullet_specs
from briefing_app.layout.wrap import (
    LINE_HEIGHT,
    Fit,
    Frame,
    ParaSpec,
    fit_paragraphs,
    fit_text,
    layout_at,
    make_para,
)

_EMPTY = make_para([])
_DATE_MAX = 120  # a date label is short; anything longer is cut with an ellipsis
ROW_GAP_EM = 0.5  # space between timeline rows, in ems of the row text


def _pending(specs: Sequence[ParaSpec]) -> tuple[ParaSpec, ...]:
    return tuple(s for s in specs if not s.empty)


def layout_comparison(slide: SlideContent, ctx: Ctx) -> list[Page]:
    """Two headed columns split by a thin divider; both columns share one type size."""
    t = ctx.theme
    body = t.body_frame(ctx.marking)
    gap = 48.0
    col_w = (body.w - gap) / 2
    xs = (body.x, body.x + col_w + gap)
    head_style = t.style(20.0, t.navy, bold=True)
    heads: list[Fit | None] = []
    for text, x in zip((slide.left_heading, slide.right_heading), xs, strict=True):
        frame = Frame(x, body.y, col_w, 2 * LINE_HEIGHT * 20.0)
        heads.append(fit_text(text, head_style, frame, 20.0, 16.0) if text.strip() else None)
    head_h = max((h.height for h in heads if h is not None), default=0.0)
    rule_y = body.y + head_h + 4 if head_h else body.y
    top = rule_y + 10 if head_h else body.y
    frames = [Frame(x, top, col_w, body.bottom - top) for x in xs]
    rest = [
        _pending(bullet_specs(slide.left_items, t, t.body_size)),
        _pending(bullet_specs(slide.right_items, t, t.body_size)),
    ]
    pages: list[Page] = []
    while True:
        top_size = t.body_size if not pages else t.body_min  # follow-on pages stay at the floor
        fits = [
            fit_paragraphs(r, f, top_size, t.body_min) for r, f in zip(rest, frames, strict=True)
        ]
        size = min((f.size for f, r in zip(fits, rest, strict=True) if r), default=t.body_size)
        fits = [
            f if f.size == size or not r else fit_paragraphs(r, fr, size, size, floor=t.body_min)
            for f, r, fr in zip(fits, rest, frames, strict=True)
        ]
        i = len(pages)
        boxes: list[Box] = title_boxes(ctx, slide.title, i)
        for side, head, x, fit in zip(("Left", "Right"), heads, xs, fits, strict=True):
            if head is not None:
                frame = Frame(x, body.y, col_w, head_h)
                boxes.append(text_box(head, frame, side + "Heading", anchor="bottom"))
                boxes.append(
                    RuleBox(x, rule_y, x + col_w, rule_y, t.navy, 1.0, side + "HeadingRule")
                )
            if fit.paragraphs:
                boxes.append(text_box(fit, frames[0 if side == "Left" else 1], side + "Column"))
        mid = body.x + col_w + gap / 2
        boxes.append(RuleBox(mid, body.y, mid, body.bottom, t.rule, 0.75, "Divider"))
        pages.append(
            Page(
                cont_title(slide.title, i),
                boxes,
                True,
                slide.footer_sources,
                slide.notes if i == 0 else "",
            )
        )
        new_rest = [_pending(f.overflow) for f in fits]
        if not any(new_rest) or new_rest == rest:
            return pages
        rest = new_rest


def layout_quote(slide: SlideContent, ctx: Ctx) -> list[Page]:
    """A verbatim quote in quotation marks beside a navy bar; the speaker under it."""
    t = ctx.theme
    body = t.body_frame(ctx.marking)
    qx, qw = body.x + 28, body.w - 28 - 40
    speaker_h, gap = 2 * LINE_HEIGHT * 18.0, 16.0
    qframe = Frame(qx, body.y, qw, body.h - speaker_h - gap)
    text = slide.quote_text.strip()
    spec = make_para(
        item_runs(
            f"\u201c{text}\u201d" if text else "",
            t.style(28.0, italic=True),
            t,
            slide.quote_citations,
        )
    )
    rest: tuple[ParaSpec, ...] = _pending([spec])
    credit = _credit_runs(slide, ctx)
    pages: list[Page] = []
    while True:
        i = len(pages)
        top_size = 28.0 if not pages else t.body_min
        fit = fit_paragraphs(rest, qframe, top_size, t.body_min) if rest else None
        qh = fit.height if fit else 0.0
        sfit = None
        if credit:
            sframe = Frame(qx, body.y, qw, speaker_h)
            sfit = fit_paragraphs([make_para(credit)], sframe, 18.0, 14.0)
        block = qh + (gap + sfit.height if sfit and qh else sfit.height if sfit else 0.0)
        y = body.y + max(0.0, (body.h - block) / 2)
        boxes: list[Box] = title_boxes(ctx, slide.title, i)
        if fit is not None and fit.paragraphs:
            boxes.append(RuleBox(body.x + 4, y, body.x + 4, y + qh, t.navy, 4.0, "QuoteBar"))
            boxes.append(
                text_box(
                    fit, Frame(qx, body.y, qw, 2 * (y - body.y) + qh), "Quote", anchor="middle"
                )
            )
        if sfit is not None:
            sy = y + qh + (gap if qh else 0.0)
            boxes.append(
                text_box(
                    sfit,
                    Frame(qx, body.y, qw, 2 * (sy - body.y) + sfit.height),
                    "Speaker",
                    anchor="middle",
                )
            )
        pages.append(
            Page(
                cont_title(slide.title, i),
                boxes,
                True,
                slide.footer_sources,
                slide.notes if i == 0 else "",
            )
        )
        if fit is None or fit.fits or fit.overflow == rest:
            return pages
        rest = fit.overflow


def _credit_runs(slide: SlideContent, ctx: Ctx) -> list[Run]:
    t = ctx.theme
    speaker, date = slide.quote_speaker.strip(), slide.quote_date.strip()
    runs = []
    if speaker:
        runs.append(Run("\u2014 " + speaker, t.style(18.0, t.navy, bold=True)))
    if date:
        runs.append(Run((", " if speaker else "\u2014 ") + date, t.style(18.0, t.muted)))
    return runs


# -- timeline ---------------------------------------------------------------------------

Row = tuple[ParaSpec, ParaSpec]  # date, text
Placed = tuple[float, Fit, Fit, bool]  # row top, date fit, text fit, first part of the entry


def layout_timeline(slide: SlideContent, ctx: Ctx) -> list[Page]:
    """Dates in a left column, entries to the right, markers on a thin vertical axis."""
    t = ctx.theme
    body = t.body_frame(ctx.marking)
    date_w = 150.0
    axis_x = body.x + date_w + 16
    cols = (
        Frame(body.x, body.y, date_w, body.h),
        Frame(axis_x + 16, body.y, body.w - date_w - 32, body.h),
    )
    rows: list[Row] = []
    for e in slide.timeline:
        label = (
            e.date_label
            if len(e.date_label) <= _DATE_MAX
            else (e.date_label[: _DATE_MAX - 1].rstrip() + "…")
        )
        date = make_para([Run(label, t.style(18.0, t.navy, bold=True))])
        text = make_para(item_runs(e.text, t.style(18.0), t, e.citations))
        if not (date.empty and text.empty):
            rows.append((date, text))
    pages: list[Page] = []
    for i, (placed, size) in enumerate(_balanced_pages(rows, cols, t.body_min)):
        boxes: list[Box] = title_boxes(ctx, slide.title, i)
        boxes += _timeline_boxes(ctx, placed, cols, axis_x, size)
        pages.append(
            Page(
                cont_title(slide.title, i),
                boxes,
                True,
                slide.footer_sources,
                slide.notes if i == 0 else "",
            )
        )
    return pages


def _pages(
    rows: Sequence[Row], cols: tuple[Frame, Frame], floor: float
) -> tuple[list[tuple[list[Placed], float]], bool]:
    """Rows filling page after page (the first page may shrink from 18 pt to ``floor``,
    later pages are set at ``floor``); also whether every row was placed."""
    pages: list[tuple[list[Placed], float]] = []
    while True:
        placed, rest, size = _fit_rows(rows, cols, 18.0 if not pages else floor, floor)
        pages.append((placed, size))
        if not rest:
            return pages, True
        if rest == rows:  # no progress: only a frame shorter than one line does this
            return pages, False
        rows = rest


def _balanced_pages(
    rows: Sequence[Row], cols: tuple[Frame, Frame], floor: float
) -> list[tuple[list[Placed], float]]:
    """The fewest pages, with the rows spread evenly over them by measured height.

    Filling each page in turn can leave a last "(cont.)" page with a single entry. With
    more than one page every row is set at ``floor`` (the first page shrank to it), so each
    row's height is known up front: :func:`_even_counts` shares them out, and the pages are
    laid out with those rows (falling back to filling in turn if anything disagrees, or
    when a row is taller than a page and must be split).
    """
    pages, complete = _pages(rows, cols, floor)
    if len(pages) < 2 or not complete:
        return pages
    heights = []
    for date, text in rows:
        fd = layout_at([date], cols[0], floor, floor, final=False)
        ft = layout_at([text], cols[1], floor, floor, final=False)
        if fd is None or ft is None:
            return pages
        heights.append(max(fd.height, ft.height))
    balanced: list[tuple[list[Placed], float]] = []
    start = 0
    for count in _even_counts(heights, ROW_GAP_EM * floor, len(pages), cols[0].h):
        placed, rest, size = _fit_rows(rows[start : start + count], cols, floor, floor)
        if rest or size != floor:
            return pages
        balanced.append((placed, size))
        start += count
    return balanced if start == len(rows) else pages


def _even_counts(heights: Sequence[float], gap: float, pages: int, limit: float) -> list[int]:
    """Rows per page for rows of ``heights`` (``gap`` between rows on a page) on at most
    ``pages`` pages of height ``limit``: each page in turn is filled up to the least height
    with which the rest still needs no more than the pages left."""

    def take(start: int, height: float) -> int:
        """How many rows from ``start`` fit in ``height``."""
        used, n = -gap, 0
        while start + n < len(heights) and used + gap + heights[start + n] <= height + 1e-6:
            used += gap + heights[start + n]
            n += 1
        return n

    def needed(start: int, height: float) -> float:
        count = 0
        while start < len(heights):
            n = take(start, height)
            if n == 0:
                return float("inf")
            start, count = start + n, count + 1
        return count

    counts: list[int] = []
    start = 0
    for left in range(pages, 0, -1):
        lo, hi = 0.0, limit
        for _ in range(30):
            mid = (lo + hi) / 2
            lo, hi = (lo, mid) if needed(start, mid) <= left else (mid, hi)
        counts.append(take(start, hi))
        start += counts[-1]
        if start >= len(heights):
            break
    return counts


def _fit_rows(
    rows: Sequence[Row], cols: tuple[Frame, Frame], max_size: float, floor: float
) -> tuple[list[Placed], list[Row], float]:
    size = max_size
    while True:
        final = size <= floor
        result = _rows_at(rows, cols, size, floor, final)
        if result is not None:
            return result[0], result[1], size
        size = max(floor, size - 1.0)


def _rows_at(
    rows: Sequence[Row], cols: tuple[Frame, Frame], size: float, floor: float, final: bool
) -> tuple[list[Placed], list[Row]] | None:
    top_limit, bottom = cols[0].y, cols[0].bottom
    y = top_limit
    placed: list[Placed] = []
    for idx, (date, text) in enumerate(rows):
        top = y + (ROW_GAP_EM * size if placed else 0.0)
        frames = [replace(c, y=top, h=max(0.0, bottom - top)) for c in cols]
        fd = layout_at([date], frames[0], size, floor, final=False)
        ft = layout_at([text], frames[1], size, floor, final=False)
        if fd is not None and ft is not None:
            placed.append((top, fd, ft, not date.continued and not text.continued))
            y = top + max(fd.height, ft.height)
            continue
        if not final:
            return None
        if placed:
            return placed, list(rows[idx:])
        fd = layout_at([date], frames[0], size, floor, final=True)
        ft = layout_at([text], frames[1], size, floor, final=True)
        assert fd is not None and ft is not None
        placed.append((top, fd, ft, not date.continued and not text.continued))
        rest_row = (
            fd.overflow[0] if fd.overflow else _EMPTY,
            ft.overflow[0] if ft.overflow else _EMPTY,
        )
        return placed, [rest_row, *rows[idx + 1 :]]
    return placed, []


def _timeline_boxes(
    ctx: Ctx, placed: list[Placed], cols: tuple[Frame, Frame], axis_x: float, size: float
) -> list[Box]:
    t = ctx.theme
    boxes: list[Box] = []
    marks: list[float] = []
    texts: list[Box] = []
    for n, (top, fd, ft, first) in enumerate(placed, start=1):
        lines = fd.lines or ft.lines
        if first and lines:
            marks.append(lines[0].baseline - 0.33 * size)
        if fd.paragraphs:
            texts.append(text_box(fd, replace(cols[0], y=top, h=fd.height), f"Date{n}"))
        if ft.paragraphs:
            texts.append(text_box(ft, replace(cols[1], y=top, h=ft.height), f"Entry{n}"))
    if placed:
        y0 = placed[0][0]
        y1 = max(p[0] + max(p[1].height, p[2].height) for p in placed)
        boxes.append(RuleBox(axis_x, y0, axis_x, y1, t.rule, 1.0, "TimelineAxis"))
    for n, my in enumerate(marks, start=1):
        boxes.append(RectBox(axis_x - 4, my - 4, 8, 8, fill=t.navy, name=f"Marker{n}"))
    return boxes + texts
