"""The essay reader: a QTextBrowser showing the text with its footnotes, links and arguments.

Argument quotations are highlighted by review status (tint + underline style + glyph) and
are links: activating one emits ``argumentSelected``. Footnote numbers show their note in
a tooltip on hover and in a popup on click. A selection inside one paragraph can become
a new argument (context menu).
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from PySide6.QtCore import QEvent, QPoint, Qt, QUrl, Signal
from PySide6.QtGui import (
    QAction,
    QColor,
    QContextMenuEvent,
    QHelpEvent,
    QKeyEvent,
    QKeySequence,
    QResizeEvent,
    QTextCharFormat,
    QTextCursor,
)
from PySide6.QtWidgets import QTextBrowser, QTextEdit, QToolTip, QWidget

from briefing_app.domain.vocabulary import review_status
from briefing_app.gui.review.reader_html import (
    LINK,
    PAPER,
    ParagraphLayout,
    render_reader,
)
from briefing_app.services.reader import Highlight, ReaderDocument

UNDERLINES = {
    "solid": QTextCharFormat.UnderlineStyle.SingleUnderline,
    "dot": QTextCharFormat.UnderlineStyle.DotLine,
    "dash": QTextCharFormat.UnderlineStyle.DashUnderline,
    "wave": QTextCharFormat.UnderlineStyle.WaveUnderline,
}
MAX_TEXT_WIDTH = 700  # px: about 75 characters a line
MIN_MARGIN = 28


@dataclass(frozen=True)
class SelectionSpan:
    """A selection inside one paragraph, as clean-text offsets."""

    paragraph_id: int
    start: int
    end: int
    text: str


def argument_url(argument_id: int) -> QUrl:
    return QUrl(f"arg:{argument_id}")


class ReaderView(QTextBrowser):
    argumentSelected = Signal(int)
    newArgumentRequested = Signal(object)  # SelectionSpan
    statusMessage = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reviewReader")
        self.setAccessibleName("Essay reader")
        self.setAccessibleDescription(
            "The essay with argument quotations highlighted by review status. Tab moves "
            "between highlights and footnotes; Enter opens one."
        )
        self.setOpenLinks(False)
        self.setTextInteractionFlags(  # caret browsing, so keyboard users can select too
            Qt.TextInteractionFlag.TextBrowserInteraction
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.setOpenExternalLinks(False)
        self.setUndoRedoEnabled(False)
        self.document().setUndoRedoEnabled(False)
        self.document().setDocumentMargin(0)
        self.setStyleSheet(f"QTextBrowser#reviewReader {{ background: {PAPER}; border: none; }}")
        self.anchorClicked.connect(self._on_anchor)
        self.html = ""
        self._document: ReaderDocument | None = None
        self._layouts: dict[int, ParagraphLayout] = {}
        self._blocks: dict[int, int] = {}  # paragraph id -> block number
        self._highlights: dict[int, Highlight] = {}
        self._highlight_paragraph: dict[int, int] = {}
        self._notes: dict[int, str] = {}
        self._current: int | None = None
        self.new_argument_action = QAction("New Argument from Selection…", self)
        self.new_argument_action.setObjectName("newArgumentFromSelection")
        self.new_argument_action.setToolTip("Turn the selected words into a new argument")
        self.new_argument_action.setShortcut(QKeySequence("Ctrl+Shift+A"))
        self.new_argument_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.new_argument_action.triggered.connect(self.request_new_argument)

    # --- content --------------------------------------------------------------------------

    def set_document(self, document: ReaderDocument) -> None:
        """Show ``document``, keeping the scroll position and the current argument."""
        scroll = self.verticalScrollBar().value()
        rendered = render_reader(document)
        self._document = document
        self.html = rendered.html
        self._notes = {n.number: n.text for n in document.notes}
        self._highlights, self._highlight_paragraph = {}, {}
        for paragraph, h in document.highlights():
            self._highlights[h.argument_id] = h
            self._highlight_paragraph[h.argument_id] = paragraph.id
        self.setHtml(rendered.html)
        self._map_blocks(rendered.layouts)
        self._decorate(document)
        self._update_margins()
        self.verticalScrollBar().setValue(scroll)
        if self._current not in self._highlights:
            self._current = None
        self._show_current()

    def _map_blocks(self, layouts: list[ParagraphLayout]) -> None:
        """Find each paragraph's block (in order, checked by its text)."""
        self._layouts, self._blocks = {}, {}
        block = self.document().begin()
        for layout in layouts:
            probe = block
            while probe.isValid() and probe.text() != layout.block_text:
                probe = probe.next()
            if not probe.isValid():
                continue  # not found: this paragraph cannot be selected from
            self._layouts[layout.paragraph_id] = layout
            self._blocks[layout.paragraph_id] = probe.blockNumber()
            block = probe.next()

    def _decorate(self, document: ReaderDocument) -> None:
        """Underline styles Qt's HTML cannot express: per status, and dotted for links."""
        cursor = QTextCursor(self.document())
        cursor.beginEditBlock()  # one relayout at the end
        for paragraph in document.paragraphs():
            for h in paragraph.highlights:
                style = review_status(h.status)
                self._underline(cursor, paragraph.id, h.start, h.end, style.underline, style.colour)
            for link in paragraph.links:
                self._underline(cursor, paragraph.id, link.start, link.end, "dot", LINK)
        cursor.endEditBlock()

    def _underline(
        self, cursor: QTextCursor, paragraph_id: int, start: int, end: int, kind: str, colour: str
    ) -> None:
        where = self.document_range(paragraph_id, start, end)
        if where is None:
            return
        cursor.setPosition(where[0])
        cursor.setPosition(where[1], QTextCursor.MoveMode.KeepAnchor)
        fmt = QTextCharFormat()
        fmt.setUnderlineStyle(UNDERLINES.get(kind, QTextCharFormat.UnderlineStyle.SingleUnderline))
        fmt.setUnderlineColor(QColor(colour))
        cursor.mergeCharFormat(fmt)

    def argument_ids(self) -> list[int]:
        """Highlighted arguments in reading order."""
        if self._document is None:
            return []
        return [h.argument_id for _p, h in self._document.highlights()]

    def highlight(self, argument_id: int) -> Highlight | None:
        return self._highlights.get(argument_id)

    # --- positions ------------------------------------------------------------------------

    def document_range(self, paragraph_id: int, start: int, end: int) -> tuple[int, int] | None:
        """Document positions of a clean-text span of a paragraph."""
        layout, number = self._layouts.get(paragraph_id), self._blocks.get(paragraph_id)
        if layout is None or number is None:
            return None
        base = self.document().findBlockByNumber(number).position()
        return base + layout.block_position(start), base + layout.block_position(end)

    def select_span(self, paragraph_id: int, start: int, end: int) -> bool:
        """Select a clean-text span (for keyboard users, scripts and tests)."""
        where = self.document_range(paragraph_id, start, end)
        if where is None:
            return False
        cursor = QTextCursor(self.document())
        cursor.setPosition(where[0])
        cursor.setPosition(where[1], QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        return True

    def selection_span(self) -> SelectionSpan | None:
        """The current selection as a span of one paragraph, trimmed of spaces; else None."""
        cursor = self.textCursor()
        if not cursor.hasSelection():
            return None
        doc = self.document()
        first = doc.findBlock(cursor.selectionStart())
        last = doc.findBlock(cursor.selectionEnd())
        if first.blockNumber() != last.blockNumber():
            return None
        paragraph_id = next(
            (pid for pid, number in self._blocks.items() if number == first.blockNumber()), None
        )
        if paragraph_id is None:
            return None
        layout = self._layouts[paragraph_id]
        start = layout.clean_offset(cursor.selectionStart() - first.position())
        end = layout.clean_offset(cursor.selectionEnd() - first.position())
        text = layout.text
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start >= end:
            return None
        return SelectionSpan(paragraph_id, start, end, text[start:end])

    # --- current argument -----------------------------------------------------------------

    def set_current_argument(self, argument_id: int | None, *, scroll: bool = True) -> None:
        self._current = argument_id if argument_id in self._highlights else None
        self._show_current()
        if scroll and self._current is not None:
            self.scroll_to_argument(self._current)

    def current_argument(self) -> int | None:
        return self._current

    def scroll_to_argument(self, argument_id: int) -> bool:
        h = self._highlights.get(argument_id)
        if h is None:
            return False
        where = self.document_range(self._highlight_paragraph[argument_id], h.start, h.end)
        if where is None:
            return False
        cursor = QTextCursor(self.document())
        cursor.setPosition(where[1])
        self.setTextCursor(cursor)
        self.ensureCursorVisible()
        cursor.setPosition(where[0])
        self.setTextCursor(cursor)
        self.ensureCursorVisible()
        return True

    def _show_current(self) -> None:
        selections = []
        h = self._highlights.get(self._current) if self._current is not None else None
        if h is not None:
            where = self.document_range(self._highlight_paragraph[h.argument_id], h.start, h.end)
            if where is not None:
                extra = QTextEdit.ExtraSelection()
                cursor = QTextCursor(self.document())
                cursor.setPosition(where[0])
                cursor.setPosition(where[1], QTextCursor.MoveMode.KeepAnchor)
                fmt = QTextCharFormat()
                fmt.setBackground(QColor(review_status(h.status).strong_tint))
                extra.cursor, extra.format = cursor, fmt
                selections.append(extra)
        self.setExtraSelections(selections)

    # --- interaction ----------------------------------------------------------------------

    def _on_anchor(self, url: QUrl) -> None:
        scheme, value = url.scheme(), url.path()
        if scheme == "arg" and value.isdigit():
            self.argumentSelected.emit(int(value))
        elif scheme == "fn" and value.isdigit():
            self.show_footnote(int(value))

    def show_footnote(self, number: int, at: QPoint | None = None) -> None:
        text = self._notes.get(number)
        if text is None:
            return
        self.statusMessage.emit(f"Footnote {number}: {text}")
        if at is None:
            at = self.viewport().mapToGlobal(self.cursorRect().bottomLeft())
        QToolTip.showText(at, self._note_tip(number, text), self.viewport())

    @staticmethod
    def _note_tip(number: int, text: str) -> str:
        return f"<p style='max-width:420px'><b>Footnote {number}.</b> {escape(text)}</p>"

    def tooltip_at(self, pos: QPoint) -> str:
        """Rich tooltip text for what is under ``pos`` (viewport coordinates)."""
        href = self.anchorAt(pos)
        if href.startswith("fn:") and href[3:].isdigit():
            number = int(href[3:])
            return self._note_tip(number, self._notes.get(number, ""))
        if href.startswith("arg:") and href[4:].isdigit():
            h = self._highlights.get(int(href[4:]))
            if h is not None:
                style = review_status(h.status)
                return (
                    f"<p><b>{escape(h.label)}</b><br/>{escape(h.kind)} · "
                    f"{'your argument' if h.origin == 'user' else 'curated'} · "
                    f"<span style='color:{style.colour}'>{style.glyph} "
                    f"{escape(style.label)}</span><br/><i>Click to review</i></p>"
                )
        tip = self.cursorForPosition(pos).charFormat().toolTip()
        return f"<p>{escape(tip)}</p>" if tip else ""

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            text = self.tooltip_at(event.pos())
            if text:
                QToolTip.showText(event.globalPos(), text, self.viewport())
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().viewportEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = self.createStandardContextMenu(event.pos())
        menu.setObjectName("readerContextMenu")
        self.new_argument_action.setEnabled(self.selection_span() is not None)
        ours = [self.new_argument_action]
        href = self.anchorAt(event.pos())
        if href.startswith("arg:") and href[4:].isdigit():
            h = self._highlights.get(int(href[4:]))
            if h is not None:
                review = QAction(f"Review “{_short(h.label)}”", menu)
                review.triggered.connect(lambda: self.argumentSelected.emit(h.argument_id))
                ours.append(review)
        standard = menu.actions()
        if standard:  # ours first, then the standard Copy, Select All …
            menu.insertActions(standard[0], ours)
            menu.insertSeparator(standard[0])
        else:
            menu.addActions(ours)
        menu.exec(event.globalPos())
        menu.deleteLater()

    def request_new_argument(self) -> None:
        span = self.selection_span()
        if span is None:
            self.statusMessage.emit(
                "Select some words within one paragraph to make a new argument from them."
            )
            return
        self.newArgumentRequested.emit(span)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        keys = QKeySequence(event.keyCombination())
        if (
            keys.matches(self.new_argument_action.shortcut())
            == QKeySequence.SequenceMatch.ExactMatch
        ):
            event.accept()
            self.request_new_argument()
            return
        super().keyPressEvent(event)

    # --- measure --------------------------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._update_margins()

    def _update_margins(self) -> None:
        """Centre a comfortable measure in wide windows."""
        width = self.viewport().width()
        side = max(MIN_MARGIN, (width - MAX_TEXT_WIDTH) // 2)
        root = self.document().rootFrame()
        fmt = root.frameFormat()
        if fmt.leftMargin() == side and fmt.topMargin() == 28:
            return
        fmt.setLeftMargin(side)
        fmt.setRightMargin(side)
        fmt.setTopMargin(28)
        fmt.setBottomMargin(40)
        root.setFrameFormat(fmt)


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
