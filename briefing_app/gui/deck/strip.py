"""The slide strip: numbered thumbnails of the stored slides, like PowerPoint's left pane.

Dragging a thumbnail reorders slides; dropping library pieces on a thumbnail adds them to
that slide, between thumbnails makes a new slide there. Changes are requested through
signals; the editor turns them into undoable commands.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from PySide6.QtCore import (
    QAbstractListModel,
    QEvent,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QRect,
    QRectF,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QDrag,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QFont,
    QKeyEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QPixmap,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from briefing_app.deck.preview import DeckPreview, SlidePreview
from briefing_app.gui.deck.canvas import is_f2_override
from briefing_app.gui.deck.thumbnails import ThumbnailCache
from briefing_app.gui.mime import decode_sources
from briefing_app.layout.boxes import LaidSlide

SLIDE_MIME = "application/x-briefing-slide"
SlideIdRole = Qt.ItemDataRole.UserRole + 1
PreviewRole = Qt.ItemDataRole.UserRole + 2
ACCENT = QColor("#2E6DA4")
NUMBER_W = 30
PAD = 8

Index = QModelIndex | QPersistentModelIndex


def _page_size(slides: Sequence[SlidePreview]) -> tuple[float, float] | None:
    return (slides[0].first.width, slides[0].first.height) if slides else None


class SlideListModel(QAbstractListModel):
    """Rows are the deck's stored slides (a continued slide is still one row)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._slides: tuple[SlidePreview, ...] = ()

    def set_preview(self, preview: DeckPreview | None) -> bool:
        """Show ``preview``'s slides; True when the rows were rebuilt (slides came, went or
        moved), False when only the rows whose preview changed were updated."""
        slides = preview.slides if preview is not None else ()
        same_rows = [s.record.id for s in slides] == [s.record.id for s in self._slides]
        # a new page size (another template) changes every row's height: rebuilt too
        if same_rows and _page_size(slides) == _page_size(self._slides):
            pairs = enumerate(zip(slides, self._slides, strict=True))
            changed = [n for n, (new, old) in pairs if new is not old]
            self._slides = slides
            if changed:  # only the rows whose preview is new (an edit touches one or two)
                self.dataChanged.emit(self.index(changed[0]), self.index(changed[-1]))
            return False
        self.beginResetModel()
        self._slides = slides
        self.endResetModel()
        return True

    def slides(self) -> tuple[SlidePreview, ...]:
        return self._slides

    def row_of(self, slide_id: int | None) -> int:
        return next((i for i, s in enumerate(self._slides) if s.record.id == slide_id), -1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._slides)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or index.row() >= len(self._slides):
            return None
        slide = self._slides[index.row()]
        title = slide.record.title or slide.first.title or slide.record.layout.capitalize()
        if role == Qt.ItemDataRole.DisplayRole:
            return title
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            extra = f" (continues on {len(slide.pages) - 1} more)" if len(slide.pages) > 1 else ""
            return f"Slide {index.row() + 1}: {title}, {slide.record.layout} layout{extra}"
        if role == SlideIdRole:
            return slide.record.id
        if role == PreviewRole:
            return slide
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsDropEnabled
        if not index.isValid():
            return base
        return (
            base
            | Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsDragEnabled
        )


class SlideDelegate(QStyledItemDelegate):
    """Number on the left, the thumbnail with a page border, a thick frame when current."""

    def __init__(self, cache: ThumbnailCache, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.cache = cache

    def thumb_size(self, page: LaidSlide | None = None) -> QSize:
        """A thumbnail's size: the cache's width, in the page's shape (16:9 if unknown)."""
        aspect = page.width / page.height if page and page.height > 0 else 16 / 9
        return QSize(self.cache.width, round(self.cache.width / aspect))

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        slide: SlidePreview | None = index.data(PreviewRole)
        thumb = self.thumb_size(slide.first if slide else None)
        return QSize(NUMBER_W + thumb.width() + 2 * PAD, thumb.height() + 2 * PAD)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        slide: SlidePreview | None = index.data(PreviewRole)
        if slide is None:
            return
        rect: QRect = option.rect
        state = option.state
        selected = bool(state & QStyle.StateFlag.State_Selected)
        hovered = bool(state & QStyle.StateFlag.State_MouseOver)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        if selected:
            painter.fillRect(rect, QColor("#DCE6F2"))
        elif hovered:
            painter.fillRect(rect, QColor("#ECEFF3"))
        font = QFont(painter.font())
        font.setPointSizeF(max(8.0, font.pointSizeF()))
        font.setBold(selected)
        painter.setFont(font)
        painter.setPen(QColor("#1F3864") if selected else QColor("#595959"))
        number_rect = QRect(rect.x(), rect.y() + PAD, NUMBER_W, 20)
        painter.drawText(number_rect, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop,
                         str(index.row() + 1))  # fmt: skip
        thumb = self.thumb_size(slide.first)
        target = QRect(rect.x() + NUMBER_W + PAD, rect.y() + PAD, thumb.width(), thumb.height())
        widget = option.widget
        dpr = widget.devicePixelRatioF() if widget is not None else 1.0
        image = self.cache.image(slide.record.id, slide.first, dpr)
        painter.drawImage(target, image)
        if selected:
            painter.setPen(QPen(ACCENT, 3))
            painter.drawRect(QRectF(target).adjusted(-1.5, -1.5, 1.5, 1.5))
        else:
            painter.setPen(QPen(QColor("#C4C7CC"), 1))
            painter.drawRect(QRectF(target).adjusted(-0.5, -0.5, 0.5, 0.5))
        if len(slide.pages) > 1:
            badge = QRectF(target.right() - 30, target.bottom() - 18, 26, 14)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(31, 56, 100, 210))
            painter.drawRoundedRect(badge, 4, 4)
            painter.setPen(QColor("white"))
            small = QFont(font)
            small.setPointSizeF(7.5)
            small.setBold(True)
            painter.setFont(small)
            painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, f"+{len(slide.pages) - 1}")
        painter.restore()


class SlideStrip(QListView):
    """Thumbnails of the stored slides; keyboard: arrows move, Ctrl+Up/Down reorder,
    Delete removes, F2 edits the title."""

    currentSlideChanged = Signal(object)  # slide id or None
    moveRequested = Signal(int, int)  # slide id, new position
    deleteRequested = Signal(int)  # slide id
    sourcesDropped = Signal(object, object, object)  # refs, slide id or None, position
    editTitleRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("slideStrip")
        self.setAccessibleName("Slides")
        self.setAccessibleDescription(
            "Slide thumbnails. Arrow keys move, Control+Up or Down reorders, Delete removes, "
            "F2 edits the title."
        )
        self.cache = ThumbnailCache()
        self.slide_model = SlideListModel(self)
        self.setModel(self.slide_model)
        self.setItemDelegate(SlideDelegate(self.cache, self))
        self.setUniformItemSizes(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(False)  # drawn here: a line between slides or a frame
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setMouseTracking(True)
        self.setSpacing(1)
        self.setStyleSheet("QListView#slideStrip { background: #F3F4F6; border: none; }")
        self.setMinimumWidth(NUMBER_W + self.cache.width // 2 + 2 * PAD)
        self._hint: tuple[int, str] | None = None  # (row, "on" | "before" | "after")
        self.selectionModel().currentChanged.connect(self._current_changed)

    # --- contents ---------------------------------------------------------------------

    def set_preview(self, preview: DeckPreview | None) -> None:
        current = self.current_slide_id()
        rebuilt = self.slide_model.set_preview(preview)
        if preview is not None:
            self.cache.retain({s.record.id for s in preview.slides})
        else:
            self.cache.clear()
        if rebuilt and current is not None and self.slide_model.row_of(current) >= 0:
            self.select_slide(current, notify=False)

    def dataChanged(self, topLeft: Index, bottomRight: Index, roles: Sequence[int] = ()) -> None:
        """Repaint just the rows whose slide changed. Rows are all one size, whatever
        their data, so QListView's own handler (which lays every row out again and
        repaints the whole strip on the next pass) is skipped."""
        QAbstractItemView.dataChanged(self, topLeft, bottomRight, roles)

    def current_slide_id(self) -> int | None:
        index = self.currentIndex()
        return index.data(SlideIdRole) if index.isValid() else None

    def select_slide(self, slide_id: int | None, notify: bool = True) -> None:
        row = self.slide_model.row_of(slide_id)
        if row < 0:
            return
        index = self.slide_model.index(row)
        if not notify:
            self.selectionModel().blockSignals(True)
        self.setCurrentIndex(index)
        self.selectionModel().select(index, self.selectionModel().SelectionFlag.ClearAndSelect)
        if not notify:
            self.selectionModel().blockSignals(False)
            self.viewport().update()
        self.scrollTo(index)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.currentSlideChanged.emit(current.data(SlideIdRole) if current.isValid() else None)

    # --- keyboard ---------------------------------------------------------------------

    def event(self, event: QEvent) -> bool:
        if is_f2_override(event):
            event.accept()  # F2 edits the slide title here
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, mods = event.key(), event.modifiers()
        slide_id = self.current_slide_id()
        ctrl = mods & Qt.KeyboardModifier.ControlModifier
        if ctrl and key in (Qt.Key.Key_Up, Qt.Key.Key_Down) and slide_id is not None:
            row = self.currentIndex().row()
            target = row - 1 if key == Qt.Key.Key_Up else row + 1
            if 0 <= target < self.slide_model.rowCount():
                self.moveRequested.emit(slide_id, target)
            return
        if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and slide_id is not None:
            self.deleteRequested.emit(slide_id)
            return
        if key == Qt.Key.Key_F2 or key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.editTitleRequested.emit()
            return
        super().keyPressEvent(event)

    # --- drag and drop ----------------------------------------------------------------

    def startDrag(self, supported: Qt.DropAction) -> None:
        slide_id = self.current_slide_id()
        if slide_id is None:
            return
        data = QMimeData()
        data.setData(SLIDE_MIME, json.dumps({"slide": slide_id}).encode())
        drag = QDrag(self)
        drag.setMimeData(data)
        index = self.currentIndex()
        slide = index.data(PreviewRole)
        if slide is not None:
            image = self.cache.image(slide_id, slide.first, self.devicePixelRatioF())
            pixmap = image.scaledToWidth(round(self.cache.width * 0.6 * image.devicePixelRatio()))
            drag.setPixmap(QPixmap.fromImage(pixmap))
        drag.exec(Qt.DropAction.MoveAction)  # the drop handler moves; nothing to remove here
        self._set_hint(None)

    def drop_target(self, pos: QPoint, internal: bool) -> tuple[int, str]:
        """(row, "on" | "before" | "after") for a drop at ``pos`` in viewport coordinates."""
        index = self.indexAt(pos)
        count = self.slide_model.rowCount()
        if not index.isValid():
            return (count - 1, "after") if count else (0, "before")
        rect = self.visualRect(index)
        offset = (pos.y() - rect.top()) / max(rect.height(), 1)
        if internal:
            return index.row(), "before" if offset < 0.5 else "after"
        if offset < 0.25:
            return index.row(), "before"
        if offset > 0.75:
            return index.row(), "after"
        return index.row(), "on"

    @staticmethod
    def _dragged_slide(data: QMimeData) -> int | None:
        if not data.hasFormat(SLIDE_MIME):
            return None
        try:
            return int(json.loads(bytes(data.data(SLIDE_MIME).data()).decode())["slide"])
        except (ValueError, KeyError, TypeError):
            return None

    def _accepts(self, data: QMimeData) -> bool:
        return self._dragged_slide(data) is not None or bool(decode_sources(data))

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._accepts(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        data = event.mimeData()
        if not self._accepts(data):
            event.ignore()
            return
        internal = data.hasFormat(SLIDE_MIME)
        self._set_hint(self.drop_target(event.position().toPoint(), internal))
        event.setDropAction(Qt.DropAction.MoveAction if internal else Qt.DropAction.CopyAction)
        event.accept()

    def dragLeaveEvent(self, event: object) -> None:
        self._set_hint(None)
        super().dragLeaveEvent(event)  # type: ignore[arg-type]

    def dropEvent(self, event: QDropEvent) -> None:
        self._set_hint(None)
        if self.handle_drop(event.mimeData(), event.position().toPoint()):
            event.setDropAction(
                Qt.DropAction.MoveAction
                if event.mimeData().hasFormat(SLIDE_MIME)
                else Qt.DropAction.CopyAction
            )
            event.accept()
        else:
            event.ignore()

    def handle_drop(self, data: QMimeData, pos: QPoint) -> bool:
        """Act on a drop at ``pos``; False when the data is not for us."""
        slide_id = self._dragged_slide(data)
        if slide_id is not None:
            row, where = self.drop_target(pos, internal=True)
            insert = row + (1 if where == "after" else 0)
            old = self.slide_model.row_of(slide_id)
            if old < 0:
                return False
            new = insert if insert <= old else insert - 1
            if new != old:
                self.moveRequested.emit(slide_id, new)
            return True
        refs = decode_sources(data)
        if not refs:
            return False
        row, where = self.drop_target(pos, internal=False)
        slides = self.slide_model.slides()
        if where == "on" and 0 <= row < len(slides):
            self.sourcesDropped.emit(refs, slides[row].record.id, None)
        else:
            self.sourcesDropped.emit(refs, None, row + (1 if where == "after" else 0))
        return True

    def _set_hint(self, hint: tuple[int, str] | None) -> None:
        if hint != self._hint:
            self._hint = hint
            self.viewport().update()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self._hint is None:
            return
        row, where = self._hint
        painter = QPainter(self.viewport())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        index = self.slide_model.index(max(row, 0))
        rect = self.visualRect(index) if index.isValid() else QRect(0, 0, self.width(), 0)
        pen = QPen(ACCENT, 3)
        painter.setPen(pen)
        if where == "on":
            painter.drawRoundedRect(QRectF(rect).adjusted(2, 2, -2, -2), 4, 4)
        else:
            y = rect.top() if where == "before" else rect.bottom()
            painter.drawLine(NUMBER_W, y, rect.right() - PAD, y)
        painter.end()
