"""The detail pane: one argument, quote, footnote, event, actor, paragraph or map in full."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QInputDialog,
    QMessageBox,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from briefing_app.gui.commands import Operations
from briefing_app.gui.events import StoreEvents
from briefing_app.gui.library import detail_html
from briefing_app.gui.library.detail_correction import CorrectionDialog
from briefing_app.gui.painter import render_image
from briefing_app.layout.boxes import LaidSlide
from briefing_app.services import argument_map, corrections
from briefing_app.store.changes import Changes
from briefing_app.store.errors import StoreError
from briefing_app.store.store import Store

EMPTY = "Select an item in the library to see it here in full."
PREVIEW_URL = "map-preview:current"
PREVIEW_W, PREVIEW_H = 600.0, 430.0  # points, the proportions of a map on a slide


class DetailView(QWidget):
    """Shows a source in full; links to related items emit ``sourceActivated``."""

    sourceActivated = Signal(str, int)

    def __init__(
        self,
        store: Store,
        events: StoreEvents,
        parent: QWidget | None = None,
        operations: Operations | None = None,
    ) -> None:
        """``operations`` runs the corrections it writes (default: its own, on ``events``)."""
        super().__init__(parent)
        self.store, self.events = store, events
        self.ops = operations if operations is not None else Operations(store, events, parent=self)
        self.setObjectName("detailView")
        self.setAccessibleName("Details")
        self.current: tuple[str, int] | None = None
        self.html = detail_html.empty_page(EMPTY)
        self.browser = QTextBrowser(self)
        self.browser.setObjectName("detailBrowser")
        self.browser.setAccessibleName("Details of the selected item")
        self.browser.setOpenLinks(False)
        self.browser.setOpenExternalLinks(False)
        self.browser.anchorClicked.connect(self._link)
        self.browser.setHtml(self.html)
        self.correct_button = QPushButton("Add correction…", self)
        self.correct_button.setObjectName("correctionButton")
        self.correct_button.setAccessibleName("Add or edit a correction")
        self.correct_button.setToolTip(
            "Attach a correction or caveat beside this item; the essay stays verbatim"
        )
        self.correct_button.clicked.connect(self.edit_correction)
        self.correct_button.hide()
        self.remove_layer_button = QPushButton("Remove Layer…", self)
        self.remove_layer_button.setObjectName("removeLayerButton")
        self.remove_layer_button.setAccessibleName("Remove a map layer")
        self.remove_layer_button.setToolTip("Remove one of this map's layers")
        self.remove_layer_button.clicked.connect(self.remove_layer)
        self.remove_layer_button.hide()
        buttons = QHBoxLayout()
        buttons.setContentsMargins(4, 2, 4, 2)
        buttons.addStretch(1)
        buttons.addWidget(self.remove_layer_button)
        buttons.addWidget(self.correct_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.browser)
        layout.addLayout(buttons)
        self.setFocusProxy(self.browser)
        events.changed.connect(self._store_changed)

    def show_source(self, kind: str, source_id: int) -> None:
        """Show ``kind``/``source_id``; an unknown or deleted item shows a short note."""
        self.current = (kind, int(source_id))
        correctable = kind in corrections.TARGETS
        shown_map = kind == "map"
        try:
            note = corrections.correction_for(self.store, kind, source_id) if correctable else None
            if kind == "argument":
                detail = argument_map.argument_detail(self.store, source_id)
                html = detail_html.argument_html(detail, note)
            else:
                html = detail_html.source_html(
                    argument_map.source_detail(self.store, kind, source_id), note
                )
                if kind == "map":
                    html = self._with_map_preview(source_id, html)
        except StoreError as exc:
            correctable, shown_map, note = False, False, None
            html = detail_html.empty_page(str(exc))
        self.correct_button.setVisible(correctable)
        self.remove_layer_button.setVisible(shown_map)
        self.correct_button.setText("Edit correction…" if note else "Add correction…")
        self._set_html(html)

    def edit_correction(self) -> None:
        """Add, edit or remove the shown item's correction through a small dialog."""
        if self.current is None or self.current[0] not in corrections.TARGETS:
            return
        kind, source_id = self.current
        dialog = CorrectionDialog(kind, corrections.correction_for(self.store, kind, source_id),
                                  self)  # fmt: skip
        while dialog.exec() == QDialog.DialogCode.Accepted:
            note_kind, text, date = dialog.values()
            write: Callable[[], object] = (
                partial(corrections.remove_correction, self.store, kind, source_id)
                if dialog.removed
                else partial(corrections.set_correction, self.store, kind, source_id, text,
                             kind=note_kind, date=date, precision=dialog.precision())
            )  # fmt: skip
            refused: list[str] = []
            if self.ops.run(write, self, on_error=refused.append) is None:
                # a user's mistake: say so, keep what they typed
                dialog.removed = False
                QMessageBox.warning(self, "Correction not saved", refused[0])
                continue
            break

    def remove_layer(self) -> None:
        """Ask which layer of the shown map to remove, confirm, and remove it."""
        from briefing_app.services import maps

        if self.current is None or self.current[0] != "map":
            return
        summary = next((m for m in maps.list_maps(self.store) if m.id == self.current[1]), None)
        if summary is None or not summary.layers:
            return
        # stored names go only where Qt shows plain text: window titles, list items, and
        # message boxes set to PlainText
        name, ok = QInputDialog.getItem(
            self, f"Remove a Layer of {summary.title}", "Layer to remove:",
            list(summary.layers), len(summary.layers) - 1, False,
        )  # fmt: skip
        if not ok or not name:
            return
        confirm = _plain_box(self, QMessageBox.Icon.Question, "Remove Layer",
                             f"Remove the layer “{name}” from this map? Slides that show the "
                             "map will draw it without the layer.")  # fmt: skip
        confirm.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        if confirm.exec() != QMessageBox.StandardButton.Yes:
            return
        refused: list[str] = []
        key = summary.key
        if self.ops.run(lambda: maps.remove_layer(self.store, key, name), self,
                        on_error=refused.append) is None:  # fmt: skip
            _plain_box(self, QMessageBox.Icon.Warning, "Layer not removed", refused[0]).exec()

    def _with_map_preview(self, map_id: int, html: str) -> str:
        """The map drawn by the same pipeline as slides, above its description."""
        from briefing_app.maps.compose import map_boxes
        from briefing_app.services import maps

        summary = next((m for m in maps.list_maps(self.store) if m.id == map_id), None)
        if summary is None:
            return html
        spec = maps.get_map(self.store, summary.key)
        width = max(240, self.browser.viewport().width() - 24)
        boxes = map_boxes(spec, (0.0, 0.0, PREVIEW_W, PREVIEW_H))
        image = render_image(LaidSlide(1, spec.title, tuple(boxes), "", PREVIEW_W, PREVIEW_H),
                             width, self.devicePixelRatioF())  # fmt: skip
        self.browser.document().addResource(
            QTextDocument.ResourceType.ImageResource, QUrl(PREVIEW_URL), image
        )
        return html.replace("<body>", f'<body><p><img src="{PREVIEW_URL}" width="{width}"></p>', 1)

    def clear(self) -> None:
        self.current = None
        self.correct_button.hide()
        self._set_html(detail_html.empty_page(EMPTY))

    def reload(self) -> None:
        if self.current is not None:
            scroll = self.browser.verticalScrollBar().value()
            self.show_source(*self.current)
            self.browser.verticalScrollBar().setValue(scroll)

    def _store_changed(self, changes: Changes, _origin: object) -> None:
        """Show the item again if what changed can be on it."""
        reviewed = (
            self.current is not None
            and self.current[0] == "argument"
            and (self.current[1] in changes.reviews)
        )
        if changes.sources or reviewed:
            self.reload()

    def _set_html(self, html: str) -> None:
        self.html = html
        self.browser.setHtml(html)
        label = "Details" if self.current is None else f"Details of {self.current[0]}"
        self.browser.setAccessibleDescription(label)

    def _link(self, url: QUrl) -> None:
        kind, _, value = url.toString().partition(":")
        if value.isdigit():
            self.sourceActivated.emit(kind, int(value))


def _plain_box(parent: QWidget, icon: QMessageBox.Icon, title: str, text: str) -> QMessageBox:
    """A message box that shows ``text`` as typed, never as markup."""
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    return box
