"""Pieces every slide layout shares: text boxes from fits, titles, footers, banners, items."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from briefing_app.domain.text import safe_link
from briefing_app.layout.boxes import (
    Box,
    FieldRef,
    RectBox,
    RuleBox,
    Run,
    SourceRef,
    TextBox,
    TextLine,
    TextParagraph,
    TextStyle,
)
from briefing_app.layout.content import ContentItem, DeckContent
from briefing_app.layout.theme import Theme
from briefing_app.layout.wrap import (
    Fit,
    Frame,
    ParaSpec,
    fit_paragraphs,
    fit_text,
    make_para,
    normalize_spaces,
)

CONT = " (cont.)"
# Below the theme's title floor a title may shrink this far, with a warning; a title that
# does not fit even here stops the export (it is never cut with "…").
TITLE_FLOOR = 12.0
TITLE_REF = FieldRef("title")


@dataclass(frozen=True)
class Ctx:
    theme: Theme
    deck: DeckContent
    # What this deck's pages ask again: the running chrome repeats on every page (the
    # marking, the deck title and date, often the same sources line), and every title is
    # checked when it is laid out and again by the engine. Fits are immutable.
    fits: dict[tuple[object, ...], Fit] = field(default_factory=dict, compare=False, repr=False)
    title_checks: dict[tuple[str, float | None, Frame], bool] = field(
        default_factory=dict, compare=False, repr=False
    )
    # Warnings about the whole deck, said once (on the first page they concern).
    said: set[str] = field(default_factory=set, compare=False, repr=False)

    @property
    def marking(self) -> bool:
        return bool(self.deck.marking and self.deck.marking.strip())

    def for_layout(self, name: str) -> Ctx:
        """This context on the slides of our layout ``name``: its theme with the art of
        the template layout those slides use (the caches stay shared)."""
        theme = self.theme.for_layout(name)
        return self if theme is self.theme else replace(self, theme=theme)


def _repeated_fit(
    ctx: Ctx, text: str, style: TextStyle, frame: Frame, max_size: float, min_size: float,
    align: str = "left",
) -> Fit:  # fmt: skip
    """:func:`fit_text` of chrome that repeats on the deck's pages, fitted once."""
    key = (text, style, frame, max_size, min_size, align)
    found = ctx.fits.get(key)
    if found is None:
        found = ctx.fits[key] = fit_text(text, style, frame, max_size, min_size, align=align)
    return found


@dataclass
class Page:
    """One slide before numbering. Every page gets the running footer (deck title and
    slide number); ``chrome`` adds the sources line, the footer rule and the agenda
    tracker (the cover and section dividers go without)."""

    title: str
    boxes: list[Box]
    chrome: bool = True
    footer_sources: tuple[str, ...] = ()
    notes: str = ""
    layout: str = ""  # the layout's name, set by the engine (templates pick by it)
    part: str = ""  # the slide's part of the briefing, set by the engine (agenda tracker)
    warnings: list[str] = field(default_factory=list)  # said by the layout, without number


def cont_title(title: str, index: int) -> str:
    return title + CONT if index > 0 else title


def continued_page(
    title: str,
    index: int,
    boxes: list[Box],
    footer_sources: tuple[str, ...],
    notes: str,
    warnings: list[str] | None = None,
) -> Page:
    """Page ``index`` of a slide that may continue: later pages are titled "(cont.)",
    and the notes and warnings go with the first page only."""
    first = index == 0
    said = (warnings or []) if first else []
    return Page(cont_title(title, index), boxes, True, footer_sources, notes if first else "",
                warnings=said)  # fmt: skip


def mark_text(citations: Sequence[int]) -> str:
    """ "[2, 4]", with no-break spaces: a mark is never split across lines (LibreOffice
    imports it, a link, as one unbreakable field)."""
    return "[" + ",\u00a0".join(str(c) for c in citations) + "]"


# Provenance marks after a point, explained on the slide's source line (LEGEND): words
# of the source reworded (not a quotation), and the unit's own words among the source's.
EDITED_MARK = "\u2020"  # †
UNIT_MARK = "\u2021"  # ‡
PROVENANCE_MARKS = (EDITED_MARK, UNIT_MARK)
LEGEND = {EDITED_MARK: "† reworded from the source, not a quotation",
          UNIT_MARK: "‡ the policy unit's words"}  # fmt: skip


def provenance_mark(item: ContentItem) -> str:
    """† for reworded source, ‡ for the unit's words on a slide of the source's, else ""."""
    if item.differs_from_source:
        return EDITED_MARK
    return UNIT_MARK if item.unit else ""


def item_runs(
    text: str,
    base: TextStyle,
    theme: Theme,
    citations: Sequence[int] = (),
    link: str | None = None,
    provenance: str = "",
) -> list[Run]:
    """The runs of one item: its text (a link when safe), its provenance mark (glued to
    the last word, so it never starts a line) and its citation mark."""
    url = safe_link(link)  # the one rule, in domain.text
    style = replace(base, color=theme.accent) if url else base
    runs = [Run(text, style, url)]
    if provenance:
        runs.append(Run(provenance, replace(base, bold=False, italic=False, color=theme.muted)))
    if citations:
        # An ordinary space: a line may break before the mark, as it does in LibreOffice,
        # which breaks before a link field whatever precedes it.
        last = runs[-1]
        runs[-1] = replace(last, text=last.text + " ")
        runs.append(Run(mark_text(citations), theme.mark_style(base)))
    return runs


def item_para(item: ContentItem, base: TextStyle, theme: Theme, **opts: object) -> ParaSpec:
    """The paragraph of one item, carrying the item's ref."""
    runs = item_runs(item.text, base, theme, item.citations, item.link, provenance_mark(item))
    return make_para(runs, source=item.ref, **opts)


def provenance_legend(boxes: Sequence[Box]) -> str:
    """What the provenance marks drawn in ``boxes`` mean, in mark order ("" for none)."""
    found: set[str] = set()
    for box in boxes:
        if isinstance(box, TextBox):
            for paragraph in box.paragraphs:
                for line in paragraph.lines:
                    found.update(r.text.strip() for r in line.runs)
    return "; ".join(LEGEND[m] for m in PROVENANCE_MARKS if m in found)


def shift(paragraphs: Sequence[TextParagraph], dy: float) -> tuple[TextParagraph, ...]:
    def line(ln: TextLine) -> TextLine:  # as dataclasses.replace would, without its cost
        return TextLine(
            ln.runs, ln.x, ln.baseline + dy, ln.width, ln.ascent, ln.descent,
            ln.paragraph_end, ln.break_text,
        )  # fmt: skip

    return tuple(replace(p, lines=tuple(line(ln) for ln in p.lines)) for p in paragraphs)


def text_box(
    fit: Fit,
    frame: Frame,
    name: str,
    anchor: str = "top",
    fill: str | None = None,
    source: SourceRef | None = None,
    slot: str | None = None,
) -> TextBox:
    """A box for ``fit``: the whole frame when top-anchored, else a box just tall enough
    for the text at the frame's bottom ("bottom") or middle ("middle"); ``slot`` is the
    template slot it fills."""
    if anchor == "top":
        return TextBox(frame.x, frame.y, frame.w, frame.h, fit.paragraphs, name, fill, source, slot)
    dy = frame.h - fit.height if anchor == "bottom" else (frame.h - fit.height) / 2
    paragraphs = shift(fit.paragraphs, dy)
    return TextBox(frame.x, frame.y + dy, frame.w, fit.height, paragraphs, name, fill, source, slot)


def title_boxes(ctx: Ctx, title: str, index: int) -> list[Box]:
    """Slide title (bottom-anchored in the title zone) and the navy rule under it."""
    t, m = ctx.theme, ctx.marking
    boxes: list[Box] = []
    if title.strip():
        suffix = CONT if index > 0 else ""
        frame = t.title_frame(m)
        fit = fit_text(title, t.title_style(), frame, t.title_size, t.title_min, suffix=suffix)
        if fit.fits and _laid_text(fit) == normalize_spaces(title + suffix):
            # laid out whole, as title_fits lays it out: it fits, no need to ask again
            ctx.title_checks.setdefault((title + suffix, None, frame), True)
        if not title_fits(ctx, title + suffix):  # shrink on (the engine warns); cut never
            fit = fit_text(title, t.title_style(), frame, t.title_min, TITLE_FLOOR, suffix=suffix)
        boxes.append(text_box(fit, frame, "Title", anchor="bottom", source=TITLE_REF))
    y = t.title_rule_y(m)
    if t.rules:
        boxes.append(
            RuleBox(t.margin, y, t.page_w - t.margin, y, t.navy, t.title_rule_w, "TitleRule")
        )
    return boxes


def _laid_text(fit: Fit) -> str:
    """The text a fit laid out, its lines joined by what each break replaced."""
    lines = fit.lines
    return "".join(
        "".join(run.text for run in line.runs) + (line.break_text if n < len(lines) else "")
        for n, line in enumerate(lines, start=1)
    )


def title_fits(ctx: Ctx, title: str, floor: float | None = None) -> bool:
    """Whether ``title`` fits the title frame uncut at ``floor`` (the theme's title floor,
    two lines, when None). Asked twice of every title: when it is laid out and checked."""
    t, m = ctx.theme, ctx.marking
    frame = t.title_frame(m)
    found = ctx.title_checks.get((title, floor, frame))
    if found is None:
        spec = make_para([Run(normalize_spaces(title), t.title_style())])
        low = t.title_min if floor is None else floor
        found = fit_paragraphs([spec], frame, t.title_size, low).fits
        ctx.title_checks[(title, floor, frame)] = found
    return found


def marking_boxes(ctx: Ctx) -> list[Box]:
    """Dark bands with the white marking at the very top and bottom of the page."""
    if not ctx.marking:
        return []
    t = ctx.theme
    style = t.style(t.marking_size, t.marking_text, bold=True)
    out: list[Box] = []
    for name, y in (("MarkingTop", 0.0), ("MarkingBottom", t.page_h - t.marking_h)):
        out.append(RectBox(0.0, y, t.page_w, t.marking_h, fill=t.marking_fill, name=name + "Band"))
        lh = 1.2 * t.marking_size
        frame = Frame(t.margin, y + (t.marking_h - lh) / 2, t.content_w, lh)
        fit = _repeated_fit(
            ctx, ctx.deck.marking or "", style, frame, t.marking_size, 7.0, align="center"
        )
        out.append(text_box(fit, frame, name, anchor="middle"))
    return out


def footer_boxes(ctx: Ctx, page: Page, number: int) -> list[Box]:
    """Sources line(s) above a thin rule; the running footer under it."""
    t, m = ctx.theme, ctx.marking
    out: list[Box] = []
    sources = "; ".join(s.strip() for s in page.footer_sources if s.strip())
    if sources:
        sources = "Source: " + sources
    legend = provenance_legend(page.boxes)
    if legend:  # what the marks on this page mean, after its sources
        sources = f"{sources}.\u2003{legend}." if sources else f"{legend}."
    if sources:
        frame = t.sources_frame(m)
        style = t.style(t.footer_size, t.footer_color(m, t.muted, sources=True))
        fit = _repeated_fit(ctx, sources, style, frame, t.footer_size, t.footer_min)
        out.append(text_box(fit, frame, "Footer", anchor="bottom"))
    y = t.footer_rule_y(m)
    if t.rules:
        out.append(RuleBox(t.margin, y, t.page_w - t.margin, y, t.rule, 0.5, "FooterRule"))
    return out + running_footer(ctx, number)


def running_footer(ctx: Ctx, number: int) -> list[Box]:
    """The deck title and the slide number on the line under the footer rule, in the same
    place on every page (the cover too), as a slide added in PowerPoint shows them; and
    the deck's date, under a house template's date placeholder."""
    t, m = ctx.theme, ctx.marking
    out: list[Box] = []
    meta = t.meta_frame(m)
    title_frame = replace(meta, w=meta.w * 0.8)
    date = date_frame(t, meta, title_frame) if ctx.deck.date_label.strip() else None
    muted = t.footer_color(m, t.muted)
    if date is not None:
        style = t.style(t.meta_size, muted)
        fit = _repeated_fit(ctx, ctx.deck.date_label, style, date, t.meta_size, t.meta_size)
        out.append(text_box(fit, date, "DeckDate"))
        if date.x <= title_frame.x + 1:  # the date first, the deck title after it
            right = title_frame.x + title_frame.w
            title_frame = replace(title_frame, x=date.x + date.w + DATE_GAP)
            title_frame = replace(title_frame, w=max(right - title_frame.x, 0.0))
        else:
            title_frame = replace(title_frame, w=max(date.x - DATE_GAP - title_frame.x, 0.0))
    if ctx.deck.title.strip() and title_frame.w > 4 * t.meta_size:
        style = t.style(t.meta_size, muted)
        fit = _repeated_fit(ctx, ctx.deck.title, style, title_frame, t.meta_size, t.meta_size)
        out.append(text_box(fit, title_frame, "DeckTitle"))
    if t.template_numbers(m):  # the house template numbers its slides in its own art
        return out
    frame = replace(meta, x=meta.x + meta.w - NUMBER_W, w=NUMBER_W)
    style = t.style(t.number_size, t.footer_color(m, t.navy), bold=True)
    fit = fit_text(str(number), style, frame, t.number_size, t.number_size, align="right")
    out.append(text_box(fit, frame, "SlideNumber"))
    return out


DATE_GAP = 12.0  # between the deck's date and its title in the footer line
NUMBER_W = 80.0  # the slide number's frame at the footer line's right end


def date_frame(t: Theme, meta: Frame, title: Frame) -> Frame | None:
    """Where the footer line shows the deck's date: under a house template's date
    placeholder, on the deck title's line, clear of the slide number; None without one
    (or when it leaves too little room for the date or the deck title)."""
    if t.date_box is None:
        return None
    x0 = max(t.date_box.x, meta.x)
    x1 = min(t.date_box.x + t.date_box.w, meta.x + meta.w - NUMBER_W - DATE_GAP)
    if x1 - x0 < 6 * t.meta_size:
        return None
    return Frame(x0, meta.y, x1 - x0, meta.h)


def paginate(
    specs: Sequence[ParaSpec],
    frame: Frame,
    max_size: float,
    min_size: float,
    fitter: Callable[..., Fit] = fit_paragraphs,
) -> list[Fit]:
    """Fit ``specs`` page after page until nothing is left (stops if a page makes no
    progress, which only a frame shorter than one line could cause). Follow-on pages use
    ``min_size``, the size the overflowing first page reached. A last page left holding
    a single item takes the item before it along, so no point stands alone."""
    fits: list[Fit] = []
    starts: list[tuple[ParaSpec, ...]] = []
    rest = tuple(s for s in specs if not s.empty)
    while True:
        # Follow-on pages keep the size the first page ended at (the floor).
        size = max_size if not fits else min_size
        fit = fitter(rest, frame, size, min_size)
        fits.append(fit)
        starts.append(rest)
        if fit.fits or fit.overflow == rest:
            break
        rest = fit.overflow
    return _rebalanced(fits, starts, frame, min_size, fitter)


def _rebalanced(
    fits: list[Fit],
    starts: list[tuple[ParaSpec, ...]],
    frame: Frame,
    min_size: float,
    fitter: Callable[..., Fit],
) -> list[Fit]:
    """Move the previous page's last whole item onto a last page holding only one."""
    if len(fits) < 2 or len(fits[-1].paragraphs) != 1 or not fits[-1].fits:
        return fits
    last, before = starts[-1], starts[-2]
    if last[0].continued or len(fits[-2].paragraphs) < 3:
        return fits  # a split paragraph, or too little to spare
    on_before = before[: len(before) - len(last)]
    if on_before[-1].continued:
        return fits
    size = fits[-2].size
    kept = fitter(on_before[:-1], frame, size, min_size)
    moved = fitter((on_before[-1], *last), frame, min_size, min_size)
    if not (kept.fits and moved.fits):
        return fits
    return [*fits[:-2], replace(kept, overflow=(on_before[-1], *last)), moved]


def filler_rect(frame: Frame, fill: str, name: str, stroke: str | None = None) -> RectBox:
    return RectBox(
        frame.x,
        frame.y,
        frame.w,
        frame.h,
        fill=fill,
        stroke=stroke,
        stroke_width=0.75 if stroke else 0.0,
        name=name,
    )
