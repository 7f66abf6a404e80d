"""Turn a :class:`ReaderDocument` into the reader's HTML, plus a map from text to blocks.

Qt-free. Every piece of store text goes through ``html.escape``. Each essay paragraph
becomes one block whose text is the clean paragraph text with small insertions (footnote
numbers, review-status glyphs); :class:`ParagraphLayout` converts between positions in
that block (UTF-16 units, as Qt counts) and offsets in the clean text (code points).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape

from briefing_app.domain.vocabulary import review_status
from briefing_app.services.reader import (
    EmphasisSpan,
    Highlight,
    LinkSpan,
    ReaderDocument,
    ReaderParagraph,
)

INK = "#1F2328"
MUTED = "#5F6B76"
PAPER = "#FBFAF7"
LINK = "#1C5D8C"
NOTE = "#1C5D8C"
SERIF = "'Liberation Serif', 'Georgia', 'Times New Roman', serif"
SANS = "'Liberation Sans', 'Helvetica Neue', 'Arial', sans-serif"


@dataclass
class ParagraphLayout:
    """Where one paragraph's clean text sits inside its block of the rendered document."""

    paragraph_id: int
    text: str  # the clean paragraph text
    block_text: str  # what the block holds (clean text plus insertions)
    to_clean: list[int] = field(default_factory=list)  # block UTF-16 position -> offset
    to_block: list[int] = field(default_factory=list)  # clean offset -> block position

    def clean_offset(self, block_position: int) -> int:
        block_position = max(0, min(block_position, len(self.to_clean) - 1))
        return self.to_clean[block_position]

    def block_position(self, clean_offset: int) -> int:
        return self.to_block[max(0, min(clean_offset, len(self.to_block) - 1))]


@dataclass(frozen=True)
class RenderedReader:
    html: str
    layouts: list[ParagraphLayout]  # in reading order


def _units(char: str) -> int:
    return 2 if ord(char) > 0xFFFF else 1


def _layout(paragraph: ReaderParagraph, pieces: list[tuple[int, str, bool]]) -> ParagraphLayout:
    text = paragraph.text
    to_clean: list[int] = []
    to_block = [0] * (len(text) + 1)
    position = 0
    for start, piece, inserted in pieces:
        for i, char in enumerate(piece):
            offset = start if inserted else start + i
            if not inserted:
                to_block[offset] = position
            to_clean += [offset] * _units(char)
            position += _units(char)
    to_clean.append(len(text))
    to_block[len(text)] = position
    block_text = "".join(piece for _s, piece, _i in pieces)
    return ParagraphLayout(paragraph.id, text, block_text, to_clean, to_block)


def highlight_title(h: Highlight) -> str:
    origin = "your argument" if h.origin == "user" else "curated"
    return f"{h.label} — {h.kind}, {origin}; {review_status(h.status).label.lower()}"


def _primary(active: list[Highlight]) -> Highlight | None:
    """The innermost (shortest) highlight covering a stretch of text."""
    if not active:
        return None
    return min(active, key=lambda h: (h.end - h.start, -h.argument_id))


def _segment_html(
    text: str,
    emphasis: set[str],
    link: LinkSpan | None,
    highlight: Highlight | None,
    first: bool,
) -> str:
    inner = escape(text)
    if "emphasis" in emphasis or "italic" in emphasis:
        inner = f"<i>{inner}</i>"
    if "strong" in emphasis or "bold" in emphasis:
        inner = f"<b>{inner}</b>"
    if link is not None:
        title = f' title="{escape(link.target)}"' if link.target else ""
        inner = f'<span style="color:{LINK};"{title}>{inner}</span>'
    if highlight is not None:
        style = review_status(highlight.status)
        name = f' name="arg-{highlight.argument_id}"' if first else ""
        inner = (
            f'<a href="arg:{highlight.argument_id}"{name} '
            f'title="{escape(highlight_title(highlight))}" '
            f'style="color:{INK}; background-color:{style.tint}; text-decoration: none;">'
            f"{inner}</a>"
        )
    return inner


def _footnote_html(number: int) -> str:
    return (
        f'<a href="fn:{number}" style="color:{NOTE}; text-decoration: none;">'
        f'<sup style="font-family:{SANS}; font-size:12pt; font-weight:600;">{number}</sup></a>'
    )


def _glyph_text(h: Highlight) -> str:
    glyph = review_status(h.status).glyph
    return f"{glyph}\u2009" if glyph else ""


def _glyph_html(h: Highlight) -> str:
    style = review_status(h.status)
    return (
        f'<a href="arg:{h.argument_id}" style="color:{style.colour}; text-decoration: none; '
        f'font-family:{SANS}; font-size:10pt; font-weight:700;">{_glyph_text(h)}</a>'
    )


def paragraph_html(paragraph: ReaderParagraph) -> tuple[str, ParagraphLayout]:
    """One paragraph's inline HTML (without the <p>) and its layout."""
    text = paragraph.text
    cuts = {0, len(text)}
    spans: list[LinkSpan | EmphasisSpan | Highlight] = [
        *paragraph.links,
        *paragraph.emphasis,
        *paragraph.highlights,
    ]
    for span in spans:
        cuts.update((span.start, span.end))
    cuts.update(m.offset for m in paragraph.footnotes)
    points = sorted(cuts)
    marks_at: dict[int, list[int]] = {}
    for mark in paragraph.footnotes:
        marks_at.setdefault(mark.offset, []).append(mark.number)
    starts_at: dict[int, list[Highlight]] = {}
    for h in paragraph.highlights:
        starts_at.setdefault(h.start, []).append(h)
    out: list[str] = []
    pieces: list[tuple[int, str, bool]] = []
    for index, at in enumerate(points):
        for number in marks_at.get(at, ()):
            out.append(_footnote_html(number))
            pieces.append((at, str(number), True))
        for h in starts_at.get(at, ()):
            glyph = _glyph_text(h)
            if glyph:
                out.append(_glyph_html(h))
                pieces.append((at, glyph, True))
        if index + 1 == len(points):
            break
        end = points[index + 1]
        if end <= at:
            continue
        emphasis = {e.kind for e in paragraph.emphasis if e.start <= at and e.end >= end}
        link = next((k for k in paragraph.links if k.start <= at and k.end >= end), None)
        highlight = _primary([h for h in paragraph.highlights if h.start <= at and h.end >= end])
        first = highlight is not None and highlight.start == at
        out.append(_segment_html(text[at:end], emphasis, link, highlight, first))
        pieces.append((at, text[at:end], False))
    return "".join(out), _layout(paragraph, pieces)


def render_reader(document: ReaderDocument) -> RenderedReader:
    """The whole essay as HTML for a QTextBrowser, with each paragraph's layout."""
    head = [
        f'<p style="font-family:{SANS}; font-size:9pt; color:{MUTED}; '
        f'letter-spacing:1px; margin-bottom:4px;">ESSAY UNDER REVIEW</p>',
        f'<h1 style="font-family:{SANS}; font-size:20pt; font-weight:700; color:{INK}; '
        f'margin-top:0px; margin-bottom:10px;">{escape(document.title)}</h1>',
    ]
    byline = ", ".join(escape(x) for x in (document.author, document.affiliation) if x)
    if byline:
        head.append(
            f'<p style="font-family:{SANS}; font-size:10pt; color:{INK}; '
            f'margin-top:0px; margin-bottom:2px;">{byline}</p>'
        )
    dates = [
        escape(document.publisher or ""),
        f"published {escape(document.published)}" if document.published else "",
        f"revised {escape(document.revised)}" if document.revised else "",
    ]
    meta = " · ".join(x for x in dates if x)
    if meta:
        head.append(
            f'<p style="font-family:{SANS}; font-size:9pt; color:{MUTED}; '
            f'margin-top:0px; margin-bottom:24px;">{meta}</p>'
        )
    body: list[str] = []
    layouts: list[ParagraphLayout] = []
    for section in document.sections:
        if section.title:
            body.append(
                f'<h2 style="font-family:{SANS}; font-size:14pt; font-weight:700; '
                f'color:{INK}; margin-top:26px; margin-bottom:10px;">'
                f"{escape(section.title)}</h2>"
            )
        for paragraph in section.paragraphs:
            inline, layout = paragraph_html(paragraph)
            layouts.append(layout)
            body.append(
                f'<p style="white-space: pre-wrap; line-height: 155%; margin-top:0px; '
                f'margin-bottom:14px;">{inline}</p>'
            )
    notes: list[str] = []
    if document.notes:
        notes.append(
            f'<h3 style="font-family:{SANS}; font-size:11pt; font-weight:700; color:{INK}; '
            f'margin-top:30px; margin-bottom:8px;">Notes</h3>'
        )
        for note in document.notes:
            notes.append(
                f'<p style="font-family:{SANS}; font-size:9pt; color:{MUTED}; '
                f'line-height: 135%; margin-top:0px; margin-bottom:6px;">'
                f'<a name="fn-{note.number}"></a><b>{note.number}.</b> {escape(note.text)}</p>'
            )
    html = (
        f'<html><body style="font-family:{SERIF}; font-size:12.5pt; color:{INK};">'
        + "".join(head + body + notes)
        + "</body></html>"
    )
    return RenderedReader(html, layouts)
