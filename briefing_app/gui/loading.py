"""The panes the main window shows while it loads the store, the library and the deck.

The app paints its real window (menus, toolbar, the three panes) before it imports the
store and lays out a slide, so a user sees the window at once; each pane below stands in
the panel's place, shaped like it (the library keeps its search field and tabs where the
real ones appear), until the main window puts the real panel there.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QTabBar, QVBoxLayout, QWidget

# The library's tabs by source kind, in order (the real panel reads them from here).
TAB_TITLES = {
    "argument": "Arguments",
    "quote": "Quotes",
    "footnote": "Footnotes",
    "actor": "Actors",
    "event": "Events",
    "map": "Maps",
}
LIBRARY_SEARCH_PLACEHOLDER = "Search essay, arguments, quotes, actors… (Ctrl+F)"
LIBRARY_TAB_STYLE = "QTabBar::tab { padding: 5px 5px; }"
LIBRARY_MARGIN = 6


class LoadingPane(QWidget):
    """An empty pane saying what is being loaded into it."""

    def __init__(self, name: str, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setAccessibleName(text)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(LIBRARY_MARGIN, LIBRARY_MARGIN, LIBRARY_MARGIN, LIBRARY_MARGIN)
        self.label = QLabel(text, self)
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.label.setStyleSheet("color: #595959;")
        layout.addWidget(self.label, 1)


class LoadingLibrary(LoadingPane):
    """The library pane before the store is open: its search field and source tabs
    (disabled), and a line saying the argument map is loading."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("libraryLoading", "Loading the library…", parent)
        self.search_field = QLineEdit(self)
        self.search_field.setPlaceholderText(LIBRARY_SEARCH_PLACEHOLDER)
        self.search_field.setAccessibleName("Search the library")
        self.search_field.setEnabled(False)
        self.tab_bar = QTabBar(self)
        self.tab_bar.setDocumentMode(True)
        self.tab_bar.setExpanding(False)
        self.tab_bar.setElideMode(Qt.TextElideMode.ElideNone)
        self.tab_bar.setStyleSheet(LIBRARY_TAB_STYLE)
        for title in TAB_TITLES.values():
            self.tab_bar.addTab(title)
        self.tab_bar.setEnabled(False)
        self.label.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.setSpacing(6)
        layout.insertWidget(0, self.search_field)
        layout.insertWidget(1, self.tab_bar)

    def tabs_width(self) -> int:
        """The width that shows every tab's title (as the real panel's ``tabs_width``)."""
        self.tab_bar.ensurePolished()
        return self.tab_bar.sizeHint().width() + 2 * LIBRARY_MARGIN + 4
