"""The presenter view, on the briefer's own screen: the current slide, the next one, the
speaker notes, the time since the show began and where in the deck the show is."""

from __future__ import annotations

from PySide6.QtCore import QElapsedTimer, QRectF, Qt, QTimer
from PySide6.QtGui import QColor, QKeyEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from briefing_app.gui.present.show import Presentation, paint_fitted


class SlidePane(QWidget):
    """One slide drawn as large as fits (current or next)."""

    def __init__(self, presentation: Presentation, which: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.presentation, self.which = presentation, which
        self.setAccessibleName("Current slide" if which == "current" else "Next slide")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(160, 90)
        presentation.changed.connect(self.update)

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.fillRect(self.rect(), QColor("#1E1E1E"))
        slide = getattr(self.presentation, self.which)
        if self.which == "current" and self.presentation.blanked:
            p.setPen(QColor("#BBBBBB"))
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, "The screen is blank (B)")
        elif slide is None:
            p.setPen(QColor("#BBBBBB"))
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, "End of the slideshow")
        else:
            paint_fitted(p, slide, QRectF(self.rect()).adjusted(4, 4, -4, -4))
        p.end()


class PresenterView(QWidget):
    """Follows a :class:`Presentation`; its keys move the show like the audience's."""

    def __init__(self, presentation: Presentation, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("presenterView")
        self.setAccessibleName("Presenter view")
        self.setWindowTitle("Presenter view")
        self.setStyleSheet(
            "QWidget#presenterView { background: #111; }"
            " QLabel { color: #EEE; font-size: 16pt; }"
            " QPlainTextEdit { background: #222; color: #EEE; font-size: 15pt; border: 0; }"
        )
        self.presentation = presentation
        self.current = SlidePane(presentation, "current", self)
        self.next = SlidePane(presentation, "following", self)
        self.notes = QPlainTextEdit(self)
        self.notes.setObjectName("presenterNotes")
        self.notes.setAccessibleName("Speaker notes")
        self.notes.setReadOnly(True)
        self.notes.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.counter = QLabel(self)
        self.counter.setObjectName("presenterCounter")
        self.counter.setAccessibleName("Slide count")
        self.clock = QLabel("0:00", self)
        self.clock.setObjectName("presenterClock")
        self.clock.setAccessibleName("Elapsed time")
        next_label = QLabel("Next", self)

        side = QVBoxLayout()
        side.addWidget(next_label)
        side.addWidget(self.next, 2)
        side.addWidget(QLabel("Notes", self))
        side.addWidget(self.notes, 3)
        top = QHBoxLayout()
        top.addWidget(self.current, 3)
        top.addLayout(side, 2)
        bottom = QHBoxLayout()
        bottom.addWidget(self.counter)
        bottom.addStretch(1)
        bottom.addWidget(self.clock)
        layout = QVBoxLayout(self)
        layout.addLayout(top, 1)
        layout.addLayout(bottom)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

        self.elapsed = QElapsedTimer()
        self.elapsed.start()
        self.ticker = QTimer(self)
        self.ticker.timeout.connect(self._tick)
        self.ticker.start(1000)
        presentation.changed.connect(self._follow)
        self._follow()

    def _follow(self) -> None:
        show = self.presentation
        total = len(show.slides)
        self.counter.setText(f"Slide {show.index + 1} of {total}")
        slide = show.current
        self.notes.setPlainText(slide.notes if slide is not None else "")

    def _tick(self) -> None:
        seconds = self.elapsed.elapsed() // 1000
        hours, rest = divmod(seconds, 3600)
        minutes, secs = divmod(rest, 60)
        shown = f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
        self.clock.setText(shown)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not self.presentation.handle_key(event):
            super().keyPressEvent(event)
