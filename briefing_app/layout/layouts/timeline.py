"""Timeline: dates in a left column, entries to the right, markers on a thin axis."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from briefing_app.layout.boxes import Box, ItemRef, RectBox, RuleBox, Run
from briefing_app.layout.chrome import Ctx, Page, continued_page, item_runs, text_box, title_boxes
from briefing_app.layout.content import SlideContent
from briefing_app.layout.slide_layout import (
    PlaceholderKind,
    Placement,
    PresentItem,
    SlideDraft,
    SlideLayout,
    SourceKey,
    TemplateSlot,
    TemplateSlots,
    is_point,
)
from briefing_app.layout.theme import Theme
from briefing_app.layout.wrap import Fit, Frame, ParaSpec, layout_at, make_para

_EMPTY = make_para([])
_DATE_MAX = 120  # a date label is short; anything longer is cut with an ellipsis
ROW_GAP_EM = 0.5  # space between timeline rows, in ems of the row text
Row = tuple[ParaSpec, ParaSpec]  # date, text
Placed = tuple[float, Fit, Fit, bool]  # row top, date fit, text fit, first part of the entry


@dataclass(frozen=True)
class TimelineEntry:
    date_label: str
    text: str
    citations: tuple[int, ...] = ()
    ref: ItemRef | None = None  # the event's slide item


@dataclass(frozen=True)
class TimelineContent(SlideContent):
    entries: tuple[TimelineEntry, ...] = ()


class TimelineLayout(SlideLayout[TimelineContent]):
    name = "timeline"
    label = "Timeline"
    content_type = TimelineContent
    home_for = frozenset({"event"})
    empty_hint = "Drag events here from the library"

    def compose(self, draft: SlideDraft) -> TimelineContent:
        entries = tuple(
            TimelineEntry(i.date_label, i.content.text, i.content.citations, i.content.ref)
            for i in draft.items
        )
        return TimelineContent(
            title=draft.title, notes=draft.notes, entries=entries, footer_sources=draft.footer()
        )

    def lay_out(self, content: TimelineContent, ctx: Ctx) -> list[Page]:
        t = ctx.theme
        body = t.body_frame(ctx.marking)
        date_w = 150.0
        axis_x = body.x + date_w + 16
        cols = (
            Frame(body.x, body.y, date_w, body.h),
            Frame(axis_x + 16, body.y, body.w - date_w - 32, body.h),
        )
        rows: list[Row] = []
        for e in content.entries:
            label = (
                e.date_label
                if len(e.date_label) <= _DATE_MAX
                else (e.date_label[: _DATE_MAX - 1].rstrip() + "…")
            )
            date_ref = ItemRef(e.ref.item_id, "date") if e.ref is not None else None
            date = make_para([Run(label, t.style(18.0, t.navy, bold=True))], source=date_ref)
            text = make_para(item_runs(e.text, t.style(18.0), t, e.citations), source=e.ref)
            if not (date.empty and text.empty):
                rows.append((date, text))
        pages: list[Page] = []
        for i, (placed, size) in enumerate(_balanced_pages(rows, cols, t.body_min)):
            boxes: list[Box] = title_boxes(ctx, content.title, i)
            boxes += _timeline_boxes(ctx, placed, cols, axis_x, size)
            pages.append(
                continued_page(content.title, i, boxes, content.footer_sources, content.notes)
            )
        return pages

    def template_slots(self, theme: Theme, marked: bool) -> TemplateSlots:
        """One content placeholder over the body: a template gives a timeline slide its
        frame there (dates and entries are drawn as rows of their own)."""
        rows = TemplateSlot(PlaceholderKind.OBJECT, "timeline", theme.body_frame(marked))
        return TemplateSlots("Timeline", theme.title_frame(marked), (rows,))

    def accept(
        self, dropped: Sequence[SourceKey], present: Sequence[PresentItem]
    ) -> tuple[Placement, ...]:
        """Events; other points only when no event is among them."""
        events = tuple(Placement(k, i) for k, i in dropped if k == "event")
        return events or tuple(Placement(k, i) for k, i in dropped if is_point(k))


LAYOUT = TimelineLayout()


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
            frame = replace(cols[0], y=top, h=fd.height)
            texts.append(text_box(fd, frame, f"Date{n}", source=fd.paragraphs[0].source))
        if ft.paragraphs:
            frame = replace(cols[1], y=top, h=ft.height)
            texts.append(text_box(ft, frame, f"Entry{n}", source=ft.paragraphs[0].source))
    if placed:
        y0 = placed[0][0]
        y1 = max(p[0] + max(p[1].height, p[2].height) for p in placed)
        boxes.append(RuleBox(axis_x, y0, axis_x, y1, t.rule, 1.0, "TimelineAxis"))
    for n, my in enumerate(marks, start=1):
        boxes.append(RectBox(axis_x - 4, my - 4, 8, 8, fill=t.navy, name=f"Marker{n}"))
    return boxes + texts
