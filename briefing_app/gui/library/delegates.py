"""Item delegate drawing a search hit: kind and title, then the snippet with matches bold."""

from __future__ import annotations

import html

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, QSize
from PySide6.QtGui import QAbstractTextDocumentLayout, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
)

from briefing_app.gui.library.models import KIND_TITLES, RecordRole
from briefing_app.services.search import SearchHit

PADDING = 6
KIND_COLORS = {
    "paragraph": "#37474f",
    "footnote": "#6d4c41",
    "argument": "#1565c0",
    "quote": "#6a1b9a",
    "actor": "#2e7d32",
    "event": "#ad1457",
}


def hit_html(hit: SearchHit, muted: str = "#5f6368", kind_color: str | None = None) -> str:
    """The hit as escaped HTML; matched words are wrapped in ``<b class="hit">``."""
    parts, last = [], 0
    for start, end in hit.highlights:
        parts.append(html.escape(hit.snippet[last:start]))
        parts.append(f'<b class="hit">{html.escape(hit.snippet[start:end])}</b>')
        last = end
    parts.append(html.escape(hit.snippet[last:]))
    color = kind_color or KIND_COLORS.get(hit.kind, muted)
    kind = html.escape(KIND_TITLES.get(hit.kind, hit.kind).upper())
    return (
        f'<div><span style="color:{color}; font-size:small; font-weight:600">{kind}</span>'
        f"&nbsp;&nbsp;<b>{html.escape(hit.title)}</b></div>"
        f'<div style="color:{muted}">{"".join(parts)}</div>'
    )


def _text_width(option: QStyleOptionViewItem) -> int:
    """Width to lay text out in: the view minus room for a scroll bar, so that size hints
    and painting agree whether or not the scroll bar is showing."""
    view = option.widget
    if view is None:
        return max(option.rect.width(), 200)
    style = view.style()
    scrollbar = style.pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, view)
    frame = 2 * view.frameWidth() if isinstance(view, QFrame) else 0
    return max(view.width() - frame - scrollbar, 120)


class SearchHitDelegate(QStyledItemDelegate):
    """Two-part rich-text rendering of a SearchHit (kind · title / snippet)."""

    def _document(
        self,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
        width: int,
    ) -> QTextDocument:
        hit: SearchHit = index.data(RecordRole)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        palette = option.palette
        text_role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        muted = palette.color(text_role).name() if selected else "#5f6368"
        doc = QTextDocument()
        doc.setDocumentMargin(0)
        doc.setDefaultFont(option.font)
        doc.setDefaultStyleSheet(f"body {{ color: {palette.color(text_role).name()}; }}")
        doc.setHtml(f"<body>{hit_html(hit, muted, muted if selected else None)}</body>")
        doc.setTextWidth(max(width - 2 * PADDING, 50))
        return doc

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        width = _text_width(option)
        doc = self._document(option, index, width)
        painter.save()
        painter.translate(option.rect.left() + PADDING, option.rect.top() + PADDING // 2 + 1)
        clip = QRectF(0, 0, width - 2 * PADDING, option.rect.height())
        painter.setClipRect(clip)
        context = QAbstractTextDocumentLayout.PaintContext()
        context.clip = clip
        if option.state & QStyle.StateFlag.State_Selected:
            context.palette.setColor(
                QPalette.ColorRole.Text, option.palette.color(QPalette.ColorRole.HighlightedText)
            )
        doc.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        doc = self._document(option, index, _text_width(option))
        return QSize(0, int(doc.size().height()) + PADDING + 2)


__all__ = ["SearchHitDelegate", "hit_html"]
