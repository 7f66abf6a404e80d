"""The slideshow: which slide is shown, the keys that move through it, and the windows.

One :class:`Presentation` holds the laid slides (exactly what export draws), the current
index and whether the screen is blanked; the audience's :class:`SlideShowWindow` and
the :class:`~briefing_app.gui.present.presenter.PresenterView` both follow it and both
pass keys to :meth:`Presentation.handle_key`. Slides are drawn by the canvas's painter.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QObject, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QGuiApplication, QKeyEvent, QPainter, QPaintEvent, QScreen
from PySide6.QtWidgets import QWidget

from briefing_app.gui import painter as slide_painter
from briefing_app.layout.boxes import LaidSlide

NEXT_KEYS = {Qt.Key.Key_Right, Qt.Key.Key_Down, Qt.Key.Key_PageDown, Qt.Key.Key_Space,
             Qt.Key.Key_N}  # fmt: skip
PREVIOUS_KEYS = {Qt.Key.Key_Left, Qt.Key.Key_Up, Qt.Key.Key_PageUp, Qt.Key.Key_Backspace,
                 Qt.Key.Key_P}  # fmt: skip
BLANK_KEYS = {Qt.Key.Key_B, Qt.Key.Key_Period}
ENTER_KEYS = {Qt.Key.Key_Return, Qt.Key.Key_Enter}

# What the keys do, for the Keyboard Shortcuts sheet.
KEYS_HELP = (
    ("F5", "Present from the first slide"),
    ("Shift+F5", "Present from the current slide"),
    ("→ ↓ Page Down Space N", "Next slide"),
    ("← ↑ Page Up Backspace P", "Previous slide"),
    ("Home / End", "First / last slide"),
    ("number, then Enter", "Go to that slide"),
    ("B or .", "Blank the screen (again to show it)"),
    ("Esc", "End the slideshow"),
)


class Presentation(QObject):
    """The slides, the one shown and whether the audience sees black."""

    changed = Signal()
    finished = Signal()

    def __init__(self, slides: Sequence[LaidSlide], start: int = 0, parent: QObject | None = None):
        super().__init__(parent)
        self.slides = tuple(slides)
        self.index = max(0, min(start, len(self.slides) - 1))
        self.blanked = False
        self.typed = ""  # digits typed before Enter

    @property
    def current(self) -> LaidSlide | None:
        return self.slides[self.index] if self.slides else None

    @property
    def following(self) -> LaidSlide | None:
        return self.slides[self.index + 1] if self.index + 1 < len(self.slides) else None

    def go(self, index: int) -> None:
        index = max(0, min(index, len(self.slides) - 1))
        if index != self.index or self.blanked:
            self.index, self.blanked = index, False
            self.changed.emit()

    def toggle_blank(self) -> None:
        self.blanked = not self.blanked
        self.changed.emit()

    def end(self) -> None:
        self.finished.emit()

    def handle_key(self, event: QKeyEvent) -> bool:
        """Act on a slideshow key; whether it was one."""
        key, text = event.key(), event.text()
        if text.isdigit():
            self.typed += text
            return True
        if key in ENTER_KEYS and self.typed:
            self.go(int(self.typed) - 1)
            self.typed = ""
            return True
        self.typed = ""
        if key in NEXT_KEYS or key in ENTER_KEYS:
            self.go(self.index + 1)
        elif key in PREVIOUS_KEYS:
            self.go(self.index - 1)
        elif key == Qt.Key.Key_Home:
            self.go(0)
        elif key == Qt.Key.Key_End:
            self.go(len(self.slides) - 1)
        elif key in BLANK_KEYS:
            self.toggle_blank()
        elif key == Qt.Key.Key_Escape:
            self.end()
        else:
            return False
        return True


def paint_fitted(p: QPainter, slide: LaidSlide | None, area: QRectF) -> QRectF:
    """Draw ``slide`` as large as fits in ``area``, centred; the rectangle it took."""
    if slide is None:
        return QRectF()
    scale = min(area.width() / slide.width, area.height() / slide.height)
    w, h = slide.width * scale, slide.height * scale
    target = QRectF(area.x() + (area.width() - w) / 2, area.y() + (area.height() - h) / 2, w, h)
    slide_painter.paint_slide(p, slide, target)
    return target


class SlideShowWindow(QWidget):
    """What the audience sees: the current slide on black, full screen."""

    def __init__(self, presentation: Presentation, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window | Qt.WindowType.FramelessWindowHint)
        self.setObjectName("slideShow")
        self.setAccessibleName("Slideshow")
        self.setWindowTitle("Slideshow")
        self.presentation = presentation
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.BlankCursor)
        presentation.changed.connect(self.update)

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.fillRect(self.rect(), QColor("black"))
        if not self.presentation.blanked:
            paint_fitted(p, self.presentation.current, QRectF(self.rect()))
        p.end()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not self.presentation.handle_key(event):
            super().keyPressEvent(event)

    def mousePressEvent(self, event: object) -> None:
        self.presentation.go(self.presentation.index + 1)


def audience_screen() -> tuple[QScreen, QScreen | None]:
    """The screen the audience sees and, with two or more, the presenter's (the primary)."""
    screens = QGuiApplication.screens()
    primary = QGuiApplication.primaryScreen()
    others = [s for s in screens if s is not primary]
    if others:
        return others[0], primary
    return primary, None


def show_full_screen(window: QWidget, screen: QScreen) -> None:
    window.setGeometry(screen.geometry())
    window.showFullScreen()
    handle = window.windowHandle()
    if handle is not None:
        handle.setScreen(screen)
    window.setGeometry(screen.geometry())
