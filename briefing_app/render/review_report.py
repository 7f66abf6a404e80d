"""The review report: every argument of the essay grouped by review status, as a PDF.

Laid out with reportlab platypus in the bundled (embedded) Liberation fonts, so names
such as Vučić, Đukić or Шекеринска print as written. Store text is escaped before it
goes into Paragraph markup. Written atomically.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from html import escape
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    KeepTogether,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from briefing_app.domain.vocabulary import ATTENTION_ORDER, review_status
from briefing_app.progress import Progress, report
from briefing_app.render.atomic import atomic_write
from briefing_app.render.pdf_renderer import register_fonts
from briefing_app.services import library
from briefing_app.services.review import ReviewRecord, reviews
from briefing_app.store.store import Store

SANS = "LiberationSans"
SERIF = "LiberationSerif"
INK = colors.HexColor("#1F2328")
MUTED = colors.HexColor("#5F6B76")


def _e(text: object) -> str:
    """Escape store text for reportlab's Paragraph markup."""
    return escape(str(text or ""), quote=False)


@dataclass(frozen=True)
class _Styles:
    title: ParagraphStyle
    subtitle: ParagraphStyle
    meta: ParagraphStyle
    group: ParagraphStyle
    label: ParagraphStyle
    body: ParagraphStyle
    quote: ParagraphStyle
    small: ParagraphStyle


def _styles() -> _Styles:
    base = ParagraphStyle("base", fontName=SANS, fontSize=10, leading=14, textColor=INK)
    return _Styles(
        title=ParagraphStyle("title", base, fontName=f"{SANS}-Bold", fontSize=22, leading=28),
        subtitle=ParagraphStyle("subtitle", base, fontSize=13, leading=18, textColor=MUTED),
        meta=ParagraphStyle("meta", base, fontSize=10.5, leading=15, spaceAfter=3),
        group=ParagraphStyle(
            "group", base, fontName=f"{SANS}-Bold", fontSize=15, leading=20, spaceBefore=6,
            spaceAfter=8,
        ),
        label=ParagraphStyle(
            "label", base, fontName=f"{SANS}-Bold", fontSize=11.5, leading=15, spaceAfter=2
        ),
        body=ParagraphStyle("body", base, spaceAfter=4, alignment=TA_LEFT),
        quote=ParagraphStyle(
            "quote", base, fontName=f"{SERIF}-Italic", fontSize=10, leading=14, leftIndent=10,
            textColor=colors.HexColor("#343A40"), spaceAfter=4,
        ),
        small=ParagraphStyle("small", base, fontSize=8.5, leading=11.5, textColor=MUTED),
    )  # fmt: skip


def _source_line(arg: library.ArgumentRecord) -> str:
    where = f"¶{arg.paragraph + 1}" if arg.paragraph is not None else "not anchored"
    if arg.footnotes:
        notes = ", ".join(str(n) for n in arg.footnotes)
        where += f" · footnote{'s' if len(arg.footnotes) > 1 else ''} {notes}"
    return where


def _comment_rows(notes: list[ReviewRecord], styles: _Styles) -> list[Flowable]:
    if not notes:
        return [Paragraph("No review annotations yet.", styles.small)]
    rows = []
    for note in notes:
        who = _e(note.author) or "<i>no author given</i>"
        status = _e(review_status(note.status).label)
        head = f"{_e(note.created_at)} · {who} · <b>{status}</b>"
        text = _e(note.comment).replace("\n", "<br/>") if note.comment else "<i>status only</i>"
        rows.append([Paragraph(head, styles.small), Paragraph(text, styles.body)])
    table = Table(rows, colWidths=[62 * mm, None], hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), SANS, 8.5),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 1),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
                ("LINEABOVE", (0, 0), (-1, 0), 0.4, colors.HexColor("#D0D7DE")),
            ]
        )
    )
    return [table]


def _argument_block(
    arg: library.ArgumentRecord, notes: list[ReviewRecord], styles: _Styles
) -> list[Flowable]:
    colour = review_status(arg.review_status).colour
    meta = [arg.kind, "user-made" if arg.origin == "user" else "curated"]
    if arg.perspectives:
        meta.append("perspectives: " + ", ".join(arg.perspectives))
    if arg.tags:
        meta.append("tags: " + ", ".join(arg.tags))
    status = review_status(arg.review_status).label
    head = [
        Paragraph(_e(arg.label), styles.label),
        Paragraph(
            f'<font color="{colour}"><b>{_e(status)}</b></font> · {_e(" · ".join(meta))}',
            styles.small,
        ),
        Spacer(0, 3),
        Paragraph(_e(arg.claim), styles.body),
        Paragraph(f"“{_e(arg.quote)}” <font name='{SANS}' size='8.5' color='#5F6B76'>"
                  f"({_e(_source_line(arg))})</font>", styles.quote),
    ]  # fmt: skip
    return [KeepTogether(head), *_comment_rows(notes, styles), Spacer(0, 10)]


def _title_page(
    store: Store, args: list[library.ArgumentRecord], styles: _Styles
) -> list[Flowable]:
    docs = library.documents(store)
    doc = docs[0] if docs else None
    reviewed = sum(1 for a in args if a.review_status != "unreviewed")
    story: list[Flowable] = [
        Spacer(0, 30 * mm),
        Paragraph("Review report", styles.subtitle),
        Spacer(0, 4),
    ]
    if doc is not None:
        story += [Paragraph(_e(doc.title), styles.title), Spacer(0, 8)]
        byline = ", ".join(_e(x) for x in (doc.author, doc.affiliation) if x)
        if byline:
            story.append(Paragraph(byline, styles.meta))
        dates = [f"published {doc.published}" if doc.published else "",
                 f"revised {doc.revised}" if doc.revised else ""]  # fmt: skip
        pub = "; ".join(x for x in [_e(doc.publisher), *dates] if x)
        if pub:
            story.append(Paragraph(pub, styles.meta))
        if doc.attribution:
            story += [Spacer(0, 4), Paragraph(_e(doc.attribution), styles.small)]
    story += [
        Spacer(0, 14 * mm),
        Paragraph(f"<b>{reviewed} of {len(args)} arguments reviewed</b>", styles.meta),
    ]
    counts = [
        f'<font color="{review_status(s).colour}"><b>{review_status(s).label}</b></font>: '
        f"{sum(1 for a in args if a.review_status == s)}"
        for s in ATTENTION_ORDER
    ]
    story.append(Paragraph(" · ".join(counts), styles.meta))
    stamp = datetime.now().strftime("%Y-%m-%d %H:%M")
    story += [Spacer(0, 4), Paragraph(f"Generated {stamp}", styles.small), PageBreak()]
    return story


def _page_furniture(marking: str) -> Callable[[Canvas, BaseDocTemplate], None]:
    """The page callback: the marking centred in every page's header and footer (when
    marked) and the page number."""

    def draw(canvas: Canvas, doc: BaseDocTemplate) -> None:  # reportlab page callback
        canvas.saveState()
        if marking:
            canvas.setFont(f"{SANS}-Bold", 9)
            canvas.setFillColor(INK)
            canvas.drawCentredString(A4[0] / 2, A4[1] - 10 * mm, marking)
            canvas.drawCentredString(A4[0] / 2, 6 * mm, marking)
        canvas.setFont(SANS, 8)
        canvas.setFillColor(MUTED)
        canvas.drawRightString(A4[0] - 20 * mm, 12 * mm, f"Review report · page {doc.page}")
        canvas.restoreState()

    return draw


def build_story(store: Store, progress: Progress | None = None) -> list[Flowable]:
    """The report's flowables (separate from writing, for tests and reuse)."""
    styles = _styles()
    args = library.arguments(store)
    story = _title_page(store, args, styles)
    total = len(args)
    done = 0
    for status in ATTENTION_ORDER:
        group = [a for a in args if a.review_status == status]
        story += [
            CondPageBreak(40 * mm),
            Paragraph(
                f'<font color="{review_status(status).colour}">{review_status(status).label}</font>'
                f" <font size='11' color='#5F6B76'>({len(group)})</font>",
                styles.group,
            ),
        ]
        if not group:
            story.append(Paragraph("None.", styles.small))
        for arg in group:
            story += _argument_block(arg, reviews(store, arg.id), styles)
            done += 1
            report(progress, done, total, f"Argument {done} of {total}")
    return story


def export_review_report(
    store: Store,
    path: str | os.PathLike[str],
    progress: Progress | None = None,
    marking: str = "",
) -> Path:
    """Write the review report PDF to ``path`` atomically and return the path; with a
    ``marking``, every page carries it at top and bottom, and so does the metadata."""
    register_fonts()
    marking = " ".join(marking.split())
    story = build_story(store, progress)
    furniture = _page_furniture(marking)

    def write(tmp: Path) -> None:
        doc = SimpleDocTemplate(
            str(tmp),
            pagesize=A4,
            leftMargin=22 * mm,
            rightMargin=22 * mm,
            topMargin=20 * mm,
            bottomMargin=22 * mm,
            title="Review report",
            subject=f"{marking} — review report" if marking else "Review report",
            keywords=[f"Marking: {marking}"] if marking else [],
            author="briefing_app",
            creator="briefing_app",
            initialFontName=SANS,
        )
        doc.build(story, onFirstPage=furniture, onLaterPages=furniture)

    return atomic_write(path, write)
