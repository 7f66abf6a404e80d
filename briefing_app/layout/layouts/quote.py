"""Quote: a verbatim quote in quotation marks beside a navy bar; the speaker under it.

A quote whose words the briefer edited is no longer a quotation: it is shown without
quotation marks and credited "Paraphrased from" its speaker."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from briefing_app.layout.boxes import Box, ItemRef, RuleBox, Run
from briefing_app.layout.chrome import (
    EDITED_MARK,
    Ctx,
    Page,
    continued_page,
    item_runs,
    text_box,
    title_boxes,
)
from briefing_app.layout.content import SlideContent
from briefing_app.layout.slide_layout import (
    DraftItem,
    PlaceholderKind,
    Placement,
    PresentItem,
    SlideDraft,
    SlideLayout,
    SourceKey,
    TemplateSlot,
    TemplateSlots,
)
from briefing_app.layout.theme import Theme
from briefing_app.layout.wrap import LINE_HEIGHT, Frame, ParaSpec, fit_paragraphs, make_para

QUOTE, SPEAKER = "quote", "speaker"  # template slots: the words, the credit line
QUOTE_GAP = 16.0  # between the quote and its credit line


def quote_column(body: Frame) -> Frame:
    """The quote's and credit line's column in ``body``, right of the bar."""
    return Frame(body.x + 28, body.y, body.w - 28 - 40, body.h)


@dataclass(frozen=True)
class Quotation:
    """One quote as shown: its words, who said them and when, and its footnotes."""

    text: str = ""
    speaker: str = ""
    date: str = ""
    citations: tuple[int, ...] = ()
    ref: ItemRef | None = None  # the quote's slide item
    edited: bool = False  # the words differ from the source: a paraphrase, not a quote
    context: str = ""  # what the words were about ("Putin's address on Crimea …")


@dataclass(frozen=True)
class QuoteContent(SlideContent):
    quote: Quotation = Quotation()


def quotation(item: DraftItem | None) -> Quotation:
    """The quotation an item shows (empty for None)."""
    if item is None:
        return Quotation()
    content = item.content
    return Quotation(
        content.text,
        item.speaker,
        item.date_label,
        content.citations,
        content.ref,
        edited=content.differs_from_source and item.kind == "quote",
        context=item.context,
    )


def first_quote(items: Sequence[DraftItem]) -> DraftItem | None:
    """The slide's first quote, else its first item."""
    return next((i for i in items if i.kind == "quote"), items[0] if items else None)


def quote_spec(quote: Quotation, t: Theme, size: float) -> ParaSpec:
    """The quote in curly quotation marks, italic, with its citation mark (an edited
    quote: upright, without quotation marks)."""
    text = quote.text.strip()
    if quote.edited:  # reworded: marked † like any reworded point
        runs = item_runs(text, t.style(size), t, quote.citations, provenance=EDITED_MARK)
        return make_para(runs, source=quote.ref)
    runs = item_runs(f"\u201c{text}\u201d" if text else "", t.style(size, italic=True), t,
                     quote.citations)  # fmt: skip
    return make_para(runs, source=quote.ref)


def credit_runs(quote: Quotation, t: Theme, size: float) -> list[Run]:
    """The credit line: "— Speaker, date. Context." (any may be missing); for an edited
    quote "Paraphrased from Speaker, date. Context." The context says what the words were
    about, which the quote alone may not (Putin's Kosovo words were about Crimea)."""
    speaker, date = quote.speaker.strip(), quote.date.strip()
    runs = []
    lead = "Paraphrased from " if quote.edited else "\u2014 "
    if quote.edited and not speaker:
        speaker = "the source"
    if speaker:
        runs.append(Run(lead + speaker, t.style(size, t.navy, bold=True)))
    if date:
        runs.append(Run((", " if speaker else "\u2014 ") + date, t.style(size, t.muted)))
    context = " ".join(quote.context.split())
    if context:
        if context[-1] not in ".!?)\u201d":
            context += "."
        runs.append(Run((". " if runs else "") + context, t.style(size, t.muted)))
    return runs


def credit_ref(quote: Quotation) -> ItemRef | None:
    return ItemRef(quote.ref.item_id, "credit") if quote.ref is not None else None


class QuoteLayout(SlideLayout[QuoteContent]):
    name = "quote"
    label = "Quote"
    content_type = QuoteContent
    home_for = frozenset({"quote"})
    empty_hint = "Drag a quote here from the library"

    def compose(self, draft: SlideDraft) -> QuoteContent:
        return QuoteContent(
            title=draft.title,
            notes=draft.notes,
            quote=quotation(first_quote(draft.items)),
            footer_sources=draft.footer(),
        )

    def lay_out(self, content: QuoteContent, ctx: Ctx) -> list[Page]:
        t = ctx.theme
        body = t.body_frame(ctx.marking)
        column = quote_column(body)
        qx, qw = column.x, column.w
        quote = content.quote
        speaker_h, gap = (3 if quote.context else 2) * LINE_HEIGHT * 18.0, QUOTE_GAP
        qframe = Frame(qx, body.y, qw, body.h - speaker_h - gap)
        spec = quote_spec(quote, t, 28.0)
        rest: tuple[ParaSpec, ...] = () if spec.empty else (spec,)
        credit = credit_runs(quote, t, 18.0)
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
            boxes: list[Box] = title_boxes(ctx, content.title, i)
            if fit is not None and fit.paragraphs:
                boxes.append(RuleBox(body.x + 4, y, body.x + 4, y + qh, t.navy, 4.0, "QuoteBar"))
                frame = Frame(qx, body.y, qw, 2 * (y - body.y) + qh)
                boxes.append(text_box(fit, frame, "Quote", "middle", source=quote.ref, slot=QUOTE))
            if sfit is not None:
                sy = y + qh + (gap if qh else 0.0)
                frame = Frame(qx, body.y, qw, 2 * (sy - body.y) + sfit.height)
                credit_box = text_box(
                    sfit, frame, "Speaker", "middle", source=credit_ref(quote), slot=SPEAKER
                )
                boxes.append(credit_box)
            pages.append(
                continued_page(content.title, i, boxes, content.footer_sources, content.notes)
            )
            if fit is None or fit.fits or fit.overflow == rest:
                return pages
            rest = fit.overflow

    def template_slots(self, theme: Theme, marked: bool) -> TemplateSlots:
        column = quote_column(theme.body_frame(marked))
        speaker_h = 2 * LINE_HEIGHT * 18.0
        words = Frame(column.x, column.y, column.w, column.h - speaker_h - QUOTE_GAP)
        credit = Frame(column.x, column.bottom - speaker_h, column.w, speaker_h)
        slots = (
            TemplateSlot(PlaceholderKind.BODY, QUOTE, words),
            TemplateSlot(PlaceholderKind.BODY, SPEAKER, credit, 0.5),
        )
        return TemplateSlots("Quote", theme.title_frame(marked), slots)

    def accept(
        self, dropped: Sequence[SourceKey], present: Sequence[PresentItem]
    ) -> tuple[Placement, ...]:
        """The first dropped quote, when the slide is still empty."""
        first = next(((k, i) for k, i in dropped if k == "quote"), None)
        return (Placement(*first),) if first is not None and not present else ()


LAYOUT = QuoteLayout()
