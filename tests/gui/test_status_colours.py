"""A review status looks the same in the tree, the review panel and the detail pane."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from briefing_app.domain.vocabulary import REVIEW_STATUSES, review_status
from briefing_app.gui.events import Origin, StoreEvents
from briefing_app.gui.library.detail import DetailView
from briefing_app.gui.library.panel import LibraryPanel
from briefing_app.gui.review.panel import ReviewPanel
from briefing_app.services.review import add_review


def test_tree_and_detail_show_the_one_colour_and_label(qtbot, essay_store) -> None:
    events = StoreEvents()
    panel = LibraryPanel(essay_store, events)
    detail = DetailView(essay_store, events)
    qtbot.addWidget(panel)
    qtbot.addWidget(detail)
    panel.select_argument(4)
    detail.show_source("argument", 4)
    for status in REVIEW_STATUSES:
        added = add_review(essay_store, 4, status)
        events.changed.emit(added.changes, Origin())
        index = panel.tree_model.index_of(4)
        cell = index.sibling(index.row(), 2)
        assert cell.data(Qt.ItemDataRole.AccessibleTextRole) == review_status(status).label
        image = cell.data(Qt.ItemDataRole.DecorationRole).pixmap(12, 12).toImage()
        centre = image.pixelColor(image.width() // 2, image.height() // 2)
        assert centre.name() == QColor(review_status(status).colour).name(), status
        assert review_status(status).label in detail.browser.toPlainText()
        assert review_status(status).colour.lower() in detail.browser.toHtml().lower()


def test_review_panel_buttons_use_the_one_label_and_colour(qtbot, essay_store) -> None:
    panel = ReviewPanel(essay_store, StoreEvents())
    qtbot.addWidget(panel)
    for status in REVIEW_STATUSES:
        button = panel.status_buttons[status]
        shown = review_status(status)
        assert button.text().replace("&", "").endswith(shown.label)
        assert shown.colour in button.styleSheet()
