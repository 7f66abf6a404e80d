"""HTML for the detail view: every piece of store text goes through ``html.escape``."""

from __future__ import annotations

from html import escape

from briefing_app.domain.vocabulary import RELATION_LABELS, review_status
from briefing_app.gui.library.models import KIND_COLORS
from briefing_app.services.argument_map import (
    ArgumentDetail,
    FootnoteText,
    Passage,
    SourceDetail,
)
from briefing_app.services.corrections import CorrectionRecord

HIGHLIGHT = "#fff1a8"
STYLE = f"""
body {{ line-height: 135%; }}
h2 {{ font-size: large; margin: 0 0 4px 0; }}
h3 {{ font-size: small; color: #5f6368; text-transform: uppercase; margin: 14px 0 4px 0; }}
p {{ margin: 2px 0 6px 0; }}
.meta {{ color: #5f6368; }}
.passage {{ margin: 2px 0 6px 0; padding: 0 0 0 8px; }}
.where {{ color: #5f6368; font-size: small; }}
.highlight {{ background-color: {HIGHLIGHT}; }}
.note {{ margin: 2px 0 8px 0; }}
.review {{ margin: 2px 0 8px 0; }}
a {{ color: #1a5fb4; text-decoration: none; }}
.empty {{ color: #80868b; }}
.correction {{ margin: 2px 0 8px 0; padding: 4px 8px; background-color: #fdecea; }}
"""

SOURCE_TITLES = {
    "quote": "Quote",
    "event": "Event",
    "footnote": "Footnote",
    "paragraph": "Essay paragraph",
    "actor": "Actor",
}


def page(body: str) -> str:
    return f"<html><head><style>{STYLE}</style></head><body>{body}</body></html>"


def empty_page(message: str) -> str:
    return page(f'<p class="empty">{escape(message)}</p>')


def _badge(text: str, color: str) -> str:
    return f'<span style="color:{color}; font-weight:600">{escape(text)}</span>'


def _status(status: str) -> str:
    shown = review_status(status)
    return f'<span style="color:{shown.colour}">{shown.glyph or "●"}</span> {escape(shown.label)}'


def passage_html(passage: Passage, marker: str = "") -> str:
    """The passage in full with its span highlighted (or ``marker`` at an empty span)."""
    text, span = passage.text, passage.span
    if span is None:
        inner = escape(text)
    else:
        start, end = span
        if start == end:
            middle = f'<sup class="highlight">{escape(marker or "▲")}</sup>'
        else:
            middle = f'<span class="highlight">{escape(text[start:end])}</span>'
        inner = escape(text[:start]) + middle + escape(text[end:])
    return (
        f'<p class="where">{escape(passage.label)}</p>'
        f'<blockquote class="passage">{inner}</blockquote>'
    )


def footnotes_html(notes: list[FootnoteText]) -> str:
    if not notes:
        return ""
    items = "".join(
        f'<p class="note"><a href="footnote:{n.id}"><b>{n.number}.</b></a> {escape(n.text)}</p>'
        for n in notes
    )
    return f"<h3>Footnotes</h3>{items}"


def correction_html(note: CorrectionRecord | None) -> str:
    """A reviewer's correction or caveat, shown above the source it corrects."""
    if note is None:
        return ""
    date = f" Corrected date: <b>{escape(note.date_label)}</b>." if note.date else ""
    who = (
        escape(note.author)
        if note.author
        else ("Shipped with the argument map" if note.origin == "curated" else "Reviewer")
    )
    return (
        f'<h3>{escape(note.heading)}</h3><p class="correction">{escape(note.text)}{date}'
        f'<br><span class="meta">{who}</span></p>'
    )


def argument_html(d: ArgumentDetail, note: CorrectionRecord | None = None) -> str:
    kind_color = KIND_COLORS.get(d.kind, "#455a64")
    meta = [_badge(d.kind.capitalize(), kind_color), _status(d.review_status)]
    if d.origin != "curated":
        meta.append(escape("Added by a user" if d.origin == "user" else d.origin))
    parts = [f"<h2>{escape(d.label)}</h2>", f'<p class="meta">{" · ".join(meta)}</p>']
    if d.perspectives:
        parts.append(f'<p class="meta">Perspectives: {escape(", ".join(d.perspectives))}</p>')
    if d.tags:
        parts.append(f'<p class="meta">Tags: {escape(", ".join(d.tags))}</p>')
    parts.append(correction_html(note))
    parts.append(f"<h3>Claim</h3><p>{escape(d.claim)}</p>")
    if d.passage is not None:
        parts.append("<h3>In the essay</h3>" + passage_html(d.passage))
    elif d.quote:
        parts.append(f'<h3>Quote</h3><blockquote class="passage">{escape(d.quote)}</blockquote>')
    parts.append(footnotes_html(d.footnotes))
    if d.related:
        rows = []
        for r in d.related:
            verb = RELATION_LABELS.get(r.relation, r.relation)
            link = f'<a href="argument:{r.id}">{escape(r.label)}</a>'
            kind = f'<span class="meta">({escape(r.kind)})</span>'
            if r.direction == "outgoing":
                rows.append(f"<p>This {escape(verb)} {link} {kind}</p>")
            else:
                rows.append(f"<p>{link} {kind} {escape(verb)} this</p>")
        parts.append("<h3>Related arguments</h3>" + "".join(rows))
    parts.append("<h3>Review</h3>")
    if d.reviews:
        for review in d.reviews:
            who = " · ".join(escape(x) for x in (review.author, review.created_at) if x)
            comment = f"<br>{escape(review.comment)}" if review.comment else ""
            parts.append(
                f'<p class="review">{_status(review.status)} '
                f'<span class="meta">{who}</span>{comment}</p>'
            )
    else:
        parts.append('<p class="empty">Not reviewed yet.</p>')
    return page("".join(parts))


def source_html(d: SourceDetail, note: CorrectionRecord | None = None) -> str:
    kind = SOURCE_TITLES.get(d.kind, d.kind.capitalize())
    parts = [f'<p class="where">{escape(kind.upper())}</p>', f"<h2>{escape(d.title)}</h2>"]
    parts.append(correction_html(note))
    for label, value in d.fields:
        parts.append(f'<p><span class="meta">{escape(label)}:</span> {escape(value)}</p>')
    if d.body:
        parts.append(f"<p>{escape(d.body)}</p>")
    if d.passage is not None:
        marker = d.title.removeprefix("Footnote ") if d.kind == "footnote" else ""
        parts.append("<h3>In the essay</h3>" + passage_html(d.passage, marker))
    parts.append(footnotes_html(d.footnotes))
    if d.links:
        links = "".join(
            f'<p><a href="{link.kind}:{link.id}">{escape(link.label)}</a></p>' for link in d.links
        )
        parts.append(f"<h3>{escape(d.links_title)}</h3>{links}")
    return page("".join(parts))
