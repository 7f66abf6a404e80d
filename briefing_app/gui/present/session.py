"""Start and end a slideshow: the audience's window on one screen and, when there is a
second screen, the presenter view on the briefer's."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from briefing_app.gui.present.presenter import PresenterView
from briefing_app.gui.present.show import (
    Presentation,
    SlideShowWindow,
    audience_screen,
    show_full_screen,
)
from briefing_app.layout.boxes import LaidSlide


class SlideShowSession(QObject):
    """One running slideshow; ``ended`` once Esc (or closing) stops it."""

    ended = Signal(int)  # the index of the slide shown last

    def __init__(self, slides: Sequence[LaidSlide], start: int, parent: QWidget) -> None:
        super().__init__(parent)
        self.presentation = Presentation(slides, start, self)
        audience, own = audience_screen()
        self.show_window = SlideShowWindow(self.presentation)
        self.presenter: PresenterView | None = None
        show_full_screen(self.show_window, audience)
        if own is not None:
            self.presenter = PresenterView(self.presentation)
            show_full_screen(self.presenter, own)
            self.presenter.activateWindow()
            self.presenter.setFocus()
        else:
            self.show_window.activateWindow()
            self.show_window.setFocus()
        self.presentation.finished.connect(self.stop)

    def focus_widget(self) -> QWidget:
        """Where the briefer's keys go."""
        return self.presenter or self.show_window

    def stop(self) -> None:
        index = self.presentation.index
        for window in (self.show_window, self.presenter):
            if window is not None:
                window.close()
                window.deleteLater()
        self.ended.emit(index)
