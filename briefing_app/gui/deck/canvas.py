"""The slide canvas: the current slide as export draws it, with selection and in-place editing.

The page is the first laid slide of the stored slide, painted by the shared painter and
scaled to fit. Everything else (hover and selection frames, "edited" badges, the empty
title placeholder, the in-place editor) is an overlay that never reaches an export.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, QRect, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QFocusEvent,
    QFont,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QPixmap,
)
from PySide6.QtWidgets import QComboBox, QFrame, QPlainTextEdit, QSizePolicy, QWidget

from briefing_app.deck.preview import Region, SlidePreview
from briefing_app.gui import painter as slide_painter
from briefing_app.gui.mime import decode_sources
from briefing_app.layout import registry
from briefing_app.layout.boxes import Box, DeckFieldRef, TextBox

EDIT_DEBOUNCE_MS = 400
BACKGROUND = QColor("#E3E5E8")
ACCENT = QColor("#2E6DA4")
EDITED = QColor("#C55A11")
UNIT = QColor("#1F3864")  # the navy of the unit's tag line
FIELD_NAMES = {"title": "title", "subtitle": "subtitle", "left_heading": "left heading",
               "right_heading": "right heading", "item": "point"}  # fmt: skip


class LayoutPicker(QComboBox):
    """The current slide's layout; choosing one emits ``layoutChosen``."""

    layoutChosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("layoutPicker")
        self.setAccessibleName("Slide layout")
        self.setToolTip("Layout of the current slide")
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(11)  # the list itself opens as wide as its names
        for layout in registry.LAYOUTS:
            self.addItem(layout.label, layout.name)
        self.activated.connect(lambda i: self.layoutChosen.emit(self.itemData(i)))

    def show_layout(self, layout: str | None) -> None:
        self.setEnabled(layout is not None)
        index = self.findData(layout) if layout else -1
        if index >= 0:
            self.setCurrentIndex(index)


class InlineEdit(QPlainTextEdit):
    """The overlaid editor: Enter keeps, Escape reverts, typing saves after a pause."""

    committed = Signal(str, bool)  # text, finished

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("inlineEdit")
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setTabChangesFocus(True)
        self.setStyleSheet(
            "QPlainTextEdit#inlineEdit { background: white; color: #262626;"
            " border: 2px solid #2E6DA4; border-radius: 3px; padding: 0px; }"
        )
        self.original = ""
        self.sent = ""
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(EDIT_DEBOUNCE_MS)
        self._timer.timeout.connect(self.flush)
        self.textChanged.connect(self._timer.start)
        self.active = False

    def start(self, text: str) -> None:
        self.original = self.sent = text
        self.active = True
        self.blockSignals(True)
        self.setPlainText(text)
        self.blockSignals(False)
        self.selectAll()
        self.show()
        self.setFocus(Qt.FocusReason.OtherFocusReason)

    def text(self) -> str:
        return " ".join(self.toPlainText().split("\n"))

    def flush(self) -> None:
        """Send the text now if it changed since the last send (editing goes on)."""
        self._timer.stop()
        if self.active and self.text() != self.sent:
            self.sent = self.text()
            self.committed.emit(self.sent, False)

    def finish(self, keep: bool = True) -> None:
        if not self.active:
            return
        self._timer.stop()
        self.active = False
        text = self.text() if keep else self.original
        self._hide()
        self.sent = text
        self.committed.emit(text, True)  # also when unchanged: the edit is over
        parent = self.parentWidget()
        if parent is not None:
            parent.setFocus(Qt.FocusReason.OtherFocusReason)

    def abandon(self) -> None:
        """Close without sending anything (what was typed can no longer be saved)."""
        self._timer.stop()
        self.active = False
        self._hide()
        parent = self.parentWidget()
        if parent is not None:
            parent.setFocus(Qt.FocusReason.OtherFocusReason)

    def _hide(self) -> None:
        """Hide, handing the focus to the canvas first: hiding the focused editor would
        pass it along the tab chain (the deck list) on its way back to the canvas."""
        parent = self.parentWidget()
        if parent is not None and self.hasFocus():
            parent.setFocus(Qt.FocusReason.OtherFocusReason)
        self.hide()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.finish(keep=True)
            return
        if event.key() == Qt.Key.Key_Escape:
            self.finish(keep=False)
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        if self.active and event.reason() != Qt.FocusReason.PopupFocusReason:
            self.finish(keep=True)


class SlideCanvas(QWidget):
    """Shows one stored slide big; click selects a point, double-click or Enter edits."""

    itemSelected = Signal(object)  # item id or None
    textCommitted = Signal(int, str, object, str, object)  # slide, kind, item, text, merge key
    sourcesDropped = Signal(object)  # refs
    deleteItemRequested = Signal(int)
    moveItemRequested = Signal(int, int)  # item id, new position in its column
    hint = Signal(str)  # a sentence for the status bar about what was clicked
    deckPropertiesRequested = Signal()  # a deck field (author, date…) was double-clicked
    levelRequested = Signal(int, int)  # item id, level

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("slideCanvas")
        self.setAccessibleName("Slide")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAcceptDrops(True)
        self.setMouseTracking(True)
        self.setMinimumSize(QSize(240, 160))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.slide: SlidePreview | None = None
        self._selected: int | None = None
        self._hover: Region | None = None
        self._drop_active = False
        self._pixmap: tuple[tuple[Box, ...], QSize, float, QPixmap] | None = None
        self._shadow: tuple[tuple[QSize, float], QPixmap] | None = None  # drawn once per size
        self._edit_target: tuple[int, str, int | None] | None = None  # slide, kind, item
        self._session = 0
        self.editor = InlineEdit(self)
        self.editor.hide()
        self.editor.committed.connect(self._editor_committed)
        self.paints = 0  # full slide renders (for tests)

    # --- state ------------------------------------------------------------------------

    def set_slide(self, slide: SlidePreview | None) -> None:
        """Show ``slide`` (a fresh preview of the same slide keeps selection and editing)."""
        same = (
            slide is not None and self.slide is not None and slide.record.id == self.slide.record.id
        )
        if not same:
            self.finish_edit()
            self._selected = None
        old, self.slide = self.slide, slide
        self._hover = None
        ids = {i.id for i in slide.record.items} if slide else set()
        if self._selected not in ids:
            self._selected = None
        if self.editor.active:
            self._place_editor()
        self._describe()
        if same and old is not None and slide is not None and _pages_of(old) == _pages_of(slide):
            self.update(self._page_area())  # a new version of the same slide: the page alone
        else:
            self.update()

    def selected_item(self) -> int | None:
        return self._selected

    def select_item(self, item_id: int | None) -> None:
        if item_id != self._selected:
            self._selected = item_id
            self.itemSelected.emit(item_id)
            self._describe()
            self.update()

    def edited_marks(self) -> list[int]:
        """Items drawn with the "edited" badge (wording differs from the source)."""
        if self.slide is None:
            return []
        shown = {r.item_id for r in self.slide.regions if r.kind == "item"}
        return [i.id for i in self.slide.record.items if i.differs_from_source and i.id in shown]

    def unit_marks(self) -> list[int]:
        """Items drawn with the "unit's" badge: the unit's own words, from no source."""
        if self.slide is None:
            return []
        shown = {r.item_id for r in self.slide.regions if r.kind == "item"}
        return [i.id for i in self.slide.record.items if i.source_kind is None and i.id in shown]

    def _describe(self) -> None:
        if self.slide is None:
            self.setAccessibleDescription("No slide")
            return
        record = self.slide.record
        text = f"Slide {self.slide.first.number}: {record.title or 'untitled'}"
        item = next((i for i in record.items if i.id == self._selected), None)
        if item is not None:
            edited = " (edited)" if item.differs_from_source else ""
            edited = " (the unit's own words)" if item.source_kind is None else edited
            text += f". Selected point{edited}: {item.text}"
        self.setAccessibleDescription(text)

    # --- geometry ---------------------------------------------------------------------

    def page_rect(self) -> QRectF:
        """The page, as large as fits, in the slide's own shape (a 4:3 or portrait house
        template's page is not squeezed into 16:9)."""
        margin_x, margin_top, margin_bottom = 28.0, 24.0, 36.0
        avail_w = max(self.width() - 2 * margin_x, 10.0)
        avail_h = max(self.height() - margin_top - margin_bottom, 10.0)
        page = self.slide.first if self.slide else None
        aspect = page.width / page.height if page and page.height > 0 else 16 / 9
        w = min(avail_w, avail_h * aspect)
        h = w / aspect
        x = (self.width() - w) / 2
        y = margin_top + (avail_h - h) / 2
        return QRectF(round(x), round(y), round(w), round(h))

    def _page_area(self) -> QRect:
        """The page in whole pixels (what changes when the slide shown changes)."""
        return self.page_rect().toAlignedRect()

    def _scale(self) -> float:
        page = self.slide.first if self.slide else None
        return self.page_rect().width() / (page.width if page else 960.0)

    def region_rect(self, region: Region) -> QRectF:
        page, s = self.page_rect(), self._scale()
        return QRectF(page.x() + region.x * s, page.y() + region.y * s, region.w * s, region.h * s)

    def region_at(self, pos: QPointF) -> Region | None:
        if self.slide is None:
            return None
        page, s = self.page_rect(), self._scale()
        x, y = (pos.x() - page.x()) / s, (pos.y() - page.y()) / s
        hits = [r for r in self.slide.regions if r.contains(x, y)]
        items = [r for r in hits if r.kind == "item"]
        found = items or hits
        return found[0] if found else None

    # --- editing ----------------------------------------------------------------------

    def is_editing(self) -> bool:
        return self.editor.active

    def edit_title(self) -> None:
        self.begin_edit("title")

    def edit_selected(self) -> None:
        if self._selected is not None:
            self.begin_edit("item", self._selected)
        else:
            self.begin_edit("title")

    def begin_edit(self, kind: str, item_id: int | None = None) -> bool:
        if self.slide is None:
            return False
        self.finish_edit()
        record = self.slide.record
        if kind == "item":
            item = next((i for i in record.items if i.id == item_id), None)
            if item is None:
                return False
            text = item.text
            self.select_item(item_id)
        else:
            text = getattr(record, kind)
        self._session += 1
        self._edit_target = (record.id, kind, item_id)
        self.editor.setAccessibleName(f"Edit {FIELD_NAMES.get(kind, kind)}")
        self._place_editor()
        self.editor.start(text)
        return True

    def flush(self) -> None:
        """Send text typed in the editor now, keeping it open."""
        if self.editor.active:
            self.editor.flush()

    def finish_edit(self) -> None:
        if self.editor.active:
            self.editor.finish(keep=True)

    def abandon_edit(self) -> None:
        """End inline editing without committing the typed text."""
        if self.editor.active:
            self.editor.abandon()
            self._edit_target = None
            self.update()

    def _editor_committed(self, text: str, finished: bool) -> None:
        if self._edit_target is None:
            return
        slide_id, kind, item_id = self._edit_target
        key = (kind, slide_id, item_id, self._session)
        self.textCommitted.emit(slide_id, kind, item_id, text, key)
        if finished:
            self._edit_target = None
            self.update(self._page_area())  # the title's placeholder may show again

    def _place_editor(self) -> None:
        if self.slide is None or self._edit_target is None:
            return
        _, kind, item_id = self._edit_target
        region = self.slide.region_for(kind, item_id)
        page, s = self.page_rect(), self._scale()
        if region is None:  # not drawn on the first page: edit in the body area
            region = Region(kind, 48, 130, 864, 60, item_id, 20.0)
        rect = self.region_rect(region).adjusted(-4, -4, 4, 4)
        font = QFont(slide_painter.register_fonts().get("sans", "Liberation Sans"))
        size = region.size or 20.0
        font.setPixelSize(max(9, round(size * s)))
        font.setBold(kind == "title")
        self.editor.setFont(font)
        line = self.editor.fontMetrics().lineSpacing()
        rect.setHeight(max(rect.height(), line + 12))
        rect = rect.intersected(QRectF(page).adjusted(-8, -8, 8, 8)) or rect
        self.editor.setGeometry(rect.toRect())

    # --- painting ---------------------------------------------------------------------

    def _page_pixmap(self, size: QSize) -> QPixmap:
        assert self.slide is not None
        laid = self.slide.first
        dpr = self.devicePixelRatioF()
        cached = self._pixmap
        if cached is not None and cached[1] == size and cached[2] == dpr:
            boxes, _, _, pixmap = cached
            if boxes is laid.boxes or boxes == laid.boxes:
                return pixmap
        pixmap = QPixmap(round(size.width() * dpr), round(size.height() * dpr))
        pixmap.setDevicePixelRatio(dpr)
        pixmap.fill(QColor("white"))
        p = QPainter(pixmap)
        try:
            slide_painter.paint_slide(p, laid, QRectF(0, 0, size.width(), size.height()))
        finally:
            p.end()
        self.paints += 1
        self._pixmap = (laid.boxes, size, dpr, pixmap)
        return pixmap

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        page = self.page_rect()
        # A repaint inside the page (an edit of this slide) draws over the page alone:
        # the background and the shadow there are covered by it anyway.
        inside = page.contains(QRectF(event.rect())) and self.slide is not None
        if not inside:
            p.fillRect(self.rect(), BACKGROUND)
        if self.slide is None:
            self._paint_empty(p, page)
            p.end()
            return
        if not inside:
            self._paint_shadow(p, page)
        p.drawPixmap(page.topLeft(), self._page_pixmap(page.size().toSize()))
        self._paint_overlays(p, page)
        p.end()

    def _paint_shadow(self, p: QPainter, page: QRectF) -> None:
        """The page's soft shadow, drawn once per page size (every repaint reuses it)."""
        margin, dpr = 16, self.devicePixelRatioF()
        key = (page.size().toSize(), dpr)
        if self._shadow is None or self._shadow[0] != key:
            size = page.size().toSize() + QSize(2 * margin, 2 * margin)
            image = QPixmap(round(size.width() * dpr), round(size.height() * dpr))
            image.setDevicePixelRatio(dpr)
            image.fill(Qt.GlobalColor.transparent)
            q = QPainter(image)
            q.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            q.setPen(Qt.PenStyle.NoPen)
            local = QRectF(margin, margin, page.width(), page.height())
            for i in range(10, 0, -1):
                q.setBrush(QColor(0, 0, 0, int(26 / i)))
                q.drawRoundedRect(local.adjusted(-i * 0.6, -i * 0.3 + 2, i * 0.6, i + 2), i, i)
            # the page's hairline edge, cached with the shadow: stroked with antialiasing
            # on every repaint it cost more than the rest of the paint
            q.setPen(QPen(QColor(0, 0, 0, 40), 1))
            q.setBrush(Qt.BrushStyle.NoBrush)
            q.drawRect(local.adjusted(-0.5, -0.5, 0.5, 0.5))
            q.end()
            self._shadow = (key, image)
        p.drawPixmap(page.topLeft() - QPointF(margin, margin), self._shadow[1])

    def _paint_empty(self, p: QPainter, page: QRectF) -> None:
        p.setPen(QPen(QColor("#A0A4AA"), 1.5, Qt.PenStyle.DashLine))
        p.setBrush(QColor("#EEF0F2"))
        p.drawRoundedRect(page, 6, 6)
        p.setPen(QColor("#595959"))
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 1.2)
        p.setFont(font)
        p.drawText(
            page.adjusted(40, 0, -40, 0),
            Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
            "No slide to show.\nDrag arguments, quotes or events here, or press Ctrl+M "
            "for a new slide.",
        )

    def _paint_overlays(self, p: QPainter, page: QRectF) -> None:
        assert self.slide is not None
        record = self.slide.record
        editing = self._edit_target
        title = self.slide.region_for("title")
        layout = registry.get(record.layout)
        untitled = not record.title.strip() and layout.title_zone
        if title is not None and untitled and not (editing and editing[1] == "title"):
            self._paint_placeholder(p, self.region_rect(title))
        if not record.items and layout.empty_hint:
            body = self.region_rect(Region("body", 48, 150, 864, 300))
            p.setPen(QColor("#9AA0A6"))
            p.setFont(self.font())
            p.drawText(body, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                       layout.empty_hint)  # fmt: skip
        edited = set(self.edited_marks())
        unit = set(self.unit_marks())
        for region in self.slide.regions:
            rect = self.region_rect(region)
            if region.kind == "item" and region.item_id in edited:
                self._paint_badge(p, rect)
            elif region.kind == "item" and region.item_id in unit:
                self._paint_badge(p, rect, "unit's", UNIT)
            if region.kind == "item" and region.item_id == self._selected:
                p.setPen(QPen(ACCENT, 2))
                p.setBrush(QColor(46, 109, 164, 22))
                p.drawRoundedRect(rect, 3, 3)
            elif region == self._hover:
                p.setPen(QPen(QColor(46, 109, 164, 150), 1, Qt.PenStyle.DashLine))
                p.setBrush(QColor(46, 109, 164, 12))
                p.drawRoundedRect(rect, 3, 3)
        if self._drop_active:
            p.setPen(QPen(ACCENT, 3))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawRect(page.adjusted(-2, -2, 2, 2))
        if len(self.slide.pages) > 1:
            first, last = self.slide.pages[1].number, self.slide.pages[-1].number
            span = f"slide {first}" if first == last else f"slides {first}–{last}"
            p.setPen(QColor("#595959"))
            p.drawText(
                QRectF(page.left(), page.bottom() + 6, page.width(), 24),
                Qt.AlignmentFlag.AlignCenter,
                f"Too long for one slide: continues on {span} "
                f"(marked +{len(self.slide.pages) - 1} in the slide strip).",
            )

    def _paint_placeholder(self, p: QPainter, rect: QRectF) -> None:
        font = QFont(slide_painter.register_fonts().get("sans", "Liberation Sans"))
        font.setPixelSize(max(9, round(26 * self._scale())))
        font.setItalic(True)
        p.setFont(font)
        p.setPen(QColor("#9AA0A6"))
        p.drawText(rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom,
                   "Double-click (or F2) to add a title")  # fmt: skip

    def _paint_badge(
        self, p: QPainter, rect: QRectF, label: str = "edited", colour: QColor | None = None
    ) -> None:
        """A bar beside the point and a tab inside the page's right edge: orange "edited"
        for reworded source, navy "unit's" for the unit's own words."""
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(colour or EDITED)
        p.drawRoundedRect(QRectF(rect.left() - 7, rect.top() + 3, 3.5, rect.height() - 6), 1.5, 1.5)
        font = QFont()
        font.setPixelSize(10)
        font.setBold(True)
        p.setFont(font)
        width = p.fontMetrics().horizontalAdvance(label) + 10
        pill = QRectF(self.page_rect().right() - width - 4, rect.top() + 3, width, 15)
        p.drawRoundedRect(pill, 7, 7)
        p.setPen(QColor("white"))
        p.drawText(pill, Qt.AlignmentFlag.AlignCenter, label)

    # --- mouse and keyboard -----------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        region = self.region_at(event.position())
        self.select_item(region.item_id if region and region.kind == "item" else None)
        slide = self.slide
        if region is None and slide is not None and not slide.record.items:
            hint = registry.get(slide.record.layout).click_hint  # e.g. the agenda's entries
            if hint:
                self.hint.emit(hint)
        super().mousePressEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        region = self.region_at(event.position())
        if region is not None:
            self.begin_edit(region.kind, region.item_id)
        elif self._deck_field_at(event.position()):
            self.deckPropertiesRequested.emit()

    def _deck_field_at(self, pos: QPointF) -> bool:
        """Whether ``pos`` is on text drawn from the deck's own fields (the cover's author
        or unit, date, distribution), which the Deck Properties dialog edits."""
        if self.slide is None:
            return False
        page, s = self.page_rect(), self._scale()
        x, y = (pos.x() - page.x()) / s, (pos.y() - page.y()) / s
        return any(
            isinstance(box, TextBox)
            and isinstance(box.source, DeckFieldRef)
            and box.x <= x <= box.x + box.w
            and box.y <= y <= box.y + box.h
            for box in self.slide.first.boxes
        )

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        region = self.region_at(event.position())
        if region != self._hover:
            self._hover = region
            self.setCursor(
                Qt.CursorShape.PointingHandCursor if region else Qt.CursorShape.ArrowCursor
            )
            self.update()

    def leaveEvent(self, event: QEvent) -> None:
        self._hover = None
        self.update()
        super().leaveEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        """Nothing on the canvas is drawn differently with focus, so unlike QWidget's
        default this does not repaint it (focus comes back here after every inline edit)."""
        event.accept()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        event.accept()

    def resizeEvent(self, event: object) -> None:
        if self.editor.active:
            self._place_editor()
        super().resizeEvent(event)  # type: ignore[arg-type]

    def event(self, event: QEvent) -> bool:
        if is_f2_override(event):
            event.accept()  # F2 edits the title here, not the deck name
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, mods = event.key(), event.modifiers()
        alt = bool(mods & Qt.KeyboardModifier.AltModifier)
        items = list(self.slide.record.items) if self.slide else []
        ids = [i.id for i in items]
        current = ids.index(self._selected) if self._selected in ids else -1
        if key == Qt.Key.Key_F2:
            self.edit_title()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.edit_selected()
        elif key in (Qt.Key.Key_Up, Qt.Key.Key_Down) and alt and current >= 0:
            item = items[current]
            same = [i for i in items if i.column == item.column]
            pos = same.index(item) + (-1 if key == Qt.Key.Key_Up else 1)
            if 0 <= pos < len(same):
                self.moveItemRequested.emit(item.id, pos)
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Right) and alt and current >= 0:
            self.levelRequested.emit(ids[current], 1 if key == Qt.Key.Key_Right else 0)
        elif key in (Qt.Key.Key_Up, Qt.Key.Key_Down) and ids:
            step = -1 if key == Qt.Key.Key_Up else 1
            target = (0 if step > 0 else len(ids) - 1) if current < 0 else current + step
            self.select_item(ids[max(0, min(target, len(ids) - 1))])
        elif key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and current >= 0:
            self.deleteItemRequested.emit(ids[current])
        elif key == Qt.Key.Key_Escape:
            self.select_item(None)
        else:
            super().keyPressEvent(event)

    # --- drops ------------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if decode_sources(event.mimeData()):
            event.acceptProposedAction()
            self._drop_active = True
            self.update()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        event.acceptProposedAction()

    def dragLeaveEvent(self, event: object) -> None:
        self._drop_active = False
        self.update()

    def dropEvent(self, event: QDropEvent) -> None:
        self._drop_active = False
        self.update()
        refs = decode_sources(event.mimeData())
        if refs:
            event.acceptProposedAction()
            self.sourcesDropped.emit(refs)
        else:
            event.ignore()


def _pages_of(slide: SlidePreview) -> tuple[int, ...]:
    """The numbers of a slide's laid pages (the line under the page names its continuations)."""
    return tuple(page.number for page in slide.pages)


def is_f2_override(event: QEvent) -> bool:
    """A plain F2 about to be taken by a window shortcut (the main window's Rename)."""
    return (
        isinstance(event, QKeyEvent)
        and event.type() == QEvent.Type.ShortcutOverride
        and event.key() == Qt.Key.Key_F2
        and not event.modifiers()
    )
