"""Help: the keyboard shortcuts sheet (built from the live actions, so it never goes
stale), a short user guide, and About with the version and the store's location."""

from __future__ import annotations

import html
from collections.abc import Iterable

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from briefing_app.gui.present.show import KEYS_HELP

# Keys that belong to a widget rather than to a menu action.
EDITING_KEYS = (
    ("Slides", "Enter or double-click", "Edit the selected point or the title in place"),
    ("Slides", "F2 (on the slide)", "Edit the slide's title"),
    ("Slides", "Esc", "Stop editing; keep what was typed"),
    ("Slides", "↑ / ↓", "Select the previous / next point"),
    ("Slides", "Alt+↑ / Alt+↓", "Move the selected point up / down"),
    ("Slides", "Alt+→ / Alt+←", "Make the point a sub-point / a point again"),
    ("Slides", "Delete", "Delete the selected point, or the slide (asks when it has content)"),
    ("Slide strip", "Ctrl+↑ / Ctrl+↓", "Move the slide up / down"),
    ("Library", "Enter or double-click", "Show the item in Details"),
    ("Library", "drag onto a slide", "Add the item to that slide"),
)

GUIDE = """
<h2>Briefing in five steps</h2>
<p>The library on the left holds the essay's arguments, quotes, actors, events, maps and
footnotes. The middle shows the slides of the deck you are editing (or, under
<b>Review</b>, the essay itself); <b>Details</b> on the right shows the item you picked
in full, with its sources.</p>
<h3>1. Find an argument</h3>
<p>Press <b>Ctrl+F</b> and type a few words (names such as Vučić work with or without
accents). Filter by kind, perspective or review status; pick a result to read it in
Details.</p>
<h3>2. Add it to a slide</h3>
<p>Select a slide in the strip, then press <b>Ctrl+Enter</b> (or drag the item onto the
slide). Quotes, events and maps find a slide of their own kind. <b>Ctrl+M</b> adds a new
slide; press <b>F2</b> on the slide to give it a title that states its one message.
Reword a point in place with <b>Enter</b>; <b>Ctrl+Shift+R</b> puts the source's wording
back. A reworded point is marked † in the exports, your own words among the essay's ‡.
<b>Edit › Slide Part…</b> puts a slide in a part of the briefing, named in the agenda
tracker above each slide's title; <b>Edit › Rename Part…</b> renames a part on every
slide in it. Every change is saved at once and can be undone with
<b>Ctrl+Z</b>.</p>
<h3>3. Review</h3>
<p>Switch to <b>Review</b> (<b>Ctrl+2</b>) to read the essay with its arguments marked.
Give each argument a status and a comment; the history keeps who said what and when.
<b>File › Export Review Report…</b> writes it all to a PDF.</p>
<h3>4. Set the deck's details</h3>
<p><b>Deck › Properties…</b> (or double-click the author on the cover) sets the title,
subtitle, author or unit, date, distribution line and the marking printed on every
page.</p>
<h3>5. Export, print or present</h3>
<p><b>Ctrl+E</b> exports an editable PowerPoint file, <b>Ctrl+Shift+E</b> a PDF;
<b>Export Handout…</b> gives each slide with its speaker notes. <b>Ctrl+P</b> prints.
<b>F5</b> presents the deck full screen; with a second screen you see the next slide,
your notes and the time. <b>Esc</b> ends the slideshow.</p>
"""


def _keys(action: QAction) -> str:
    return ", ".join(s.toString(QKeySequence.SequenceFormat.NativeText) for s in action.shortcuts())


def shortcut_rows(actions: Iterable[QAction]) -> list[tuple[str, str, str]]:
    """(where, keys, what) for every action with a shortcut, then the widgets' keys and
    the slideshow's."""
    rows = [
        ("Menus", _keys(a), a.text().replace("&", "").rstrip("…")) for a in actions if a.shortcuts()
    ]
    rows += list(EDITING_KEYS)
    rows += [("Slideshow", keys, what) for keys, what in KEYS_HELP]
    return rows


class ShortcutsDialog(QDialog):
    """Every shortcut in one table, grouped by where it works."""

    def __init__(self, actions: Iterable[QAction], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("shortcutsDialog")
        self.setWindowTitle("Keyboard Shortcuts")
        self.setAccessibleName("Keyboard shortcuts")
        rows = shortcut_rows(actions)
        table = QTableWidget(len(rows), 3, self)
        table.setObjectName("shortcutsTable")
        table.setAccessibleName("Keyboard shortcuts")
        table.setHorizontalHeaderLabels(["Where", "Keys", "What it does"])
        table.verticalHeader().hide()
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        table.setWordWrap(False)
        for row, values in enumerate(rows):
            for column, value in enumerate(values):
                table.setItem(row, column, QTableWidgetItem(value))
        header = table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table = table
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(table)
        layout.addWidget(buttons)
        self.resize(720, 640)


class GuideDialog(QDialog):
    """The user guide: the way from an argument to a slide, a review and an export."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("guideDialog")
        self.setWindowTitle("Briefing User Guide")
        self.setAccessibleName("User guide")
        self.text = QTextBrowser(self)
        self.text.setObjectName("guideText")
        self.text.setAccessibleName("User guide")
        self.text.setHtml(GUIDE)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(buttons)
        self.resize(640, 620)


def about_html(version: str, store: str, essay: str, log: str) -> str:
    return (
        "<p><b>Briefing</b> — assemble policy briefings from a stored essay and export "
        "them to PowerPoint and PDF, offline.</p>"
        f"<p>Version {html.escape(version)}</p>"
        f"<p>Store: {html.escape(store)}</p>"
        f"<p>Bundled essay: {html.escape(essay)}</p>"
        "<p>Fonts: Liberation (SIL Open Font License).</p>"
        f"<p>Unexpected errors are logged to {html.escape(log)}</p>"
    )
