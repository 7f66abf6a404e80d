"""The map detail's Remove Layer button: pick a layer, confirm, and the map loses it."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QInputDialog, QMessageBox

from briefing_app.gui.events import StoreEvents
from briefing_app.gui.library.detail import DetailView
from briefing_app.services import maps

MAP = "ukraine-donbas"
NAME = "<b>zone</b> & co"  # shown as typed, never as markup


def _zone(tmp_path: Path) -> Path:
    path = tmp_path / "zone.geojson"
    path.write_text(
        json.dumps({"type": "Polygon", "coordinates": [[[36, 47], [39, 47], [39, 49], [36, 47]]]})
    )
    return path


def test_remove_an_imported_layer_with_the_button(qtbot, essay_store, tmp_path: Path) -> None:
    maps.import_layer(essay_store, MAP, _zone(tmp_path), name=NAME)
    summary = next(m for m in maps.list_maps(essay_store) if m.key == MAP)
    view = DetailView(essay_store, StoreEvents())
    qtbot.addWidget(view)
    view.show()
    view.show_source("map", summary.id)
    assert view.remove_layer_button.isVisible()
    asked: list[str] = []

    def confirm() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        assert box.textFormat() == Qt.TextFormat.PlainText
        asked.append(box.text())
        qtbot.mouseClick(box.button(QMessageBox.StandardButton.Yes), Qt.MouseButton.LeftButton)

    def choose() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, QInputDialog)
        dialog.setTextValue(NAME)
        QTimer.singleShot(0, confirm)
        dialog.accept()

    QTimer.singleShot(0, choose)
    with qtbot.waitSignal(view.events.changed, timeout=5000):
        qtbot.mouseClick(view.remove_layer_button, Qt.MouseButton.LeftButton)
    assert asked and NAME in asked[0]
    assert NAME not in [layer.name for layer in maps.get_map(essay_store, MAP).layers]
    view.show_source("footnote", 1)
    assert not view.remove_layer_button.isVisible()
