"""The README's pictures of the app: ``python -m briefing_app.gui.screenshots FOLDER``.

Writes the presenter view (on two virtual screens) and the Deck Properties dialog, from
a throw-away copy of the bundled store, without any display. The main window comes from
``main.py --screenshot``.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path

SCREENS = [
    {"name": "laptop", "x": 0, "y": 0, "width": 1600, "height": 900},
    {"name": "projector", "x": 1600, "y": 0, "width": 1920, "height": 1080},
]


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m briefing_app.gui.screenshots FOLDER", file=sys.stderr)
        return 2
    folder = Path(argv[0])
    if not folder.is_dir():
        print(f"screenshots: the folder {str(folder)!r} does not exist.", file=sys.stderr)
        return 2
    work = Path(tempfile.mkdtemp(prefix="briefing-shots-"))
    config = work / "screens.json"
    screens = [{**s, "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1} for s in SCREENS]
    config.write_text(json.dumps({"screens": screens}))
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={config}"

    from PySide6.QtCore import QCoreApplication, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from briefing_app.gui.main_window import MainWindow
    from briefing_app.gui.painter import register_fonts
    from briefing_app.services.bootstrap import open_prepared

    QCoreApplication.setOrganizationName("BriefingAppScreenshots")
    app = QApplication.instance() or QApplication(sys.argv[:1])
    register_fonts()
    store = open_prepared(str(work / "briefing.sqlite"))
    window = MainWindow(store)
    window.open_initial_deck(None)
    window.resize(1600, 900)
    window.fit_panes()
    window.show()
    app.processEvents()

    window.present(from_current=False)
    session = window.slideshow
    for _ in range(4):
        QTest.keyClick(session.focus_widget(), Qt.Key.Key_Right)
    app.processEvents()
    assert session.presenter is not None
    session.presenter.grab().save(str(folder / "presenter-view.png"))
    session.stop()

    window.edit_deck_properties()
    dialog = window.properties_dialog
    dialog.marking.setCurrentText("OFFICIAL-SENSITIVE")
    dialog.fields["distribution"].setText("Private offices of the Foreign and Defence Ministers")
    app.processEvents()
    dialog.grab().save(str(folder / "deck-properties.png"))
    dialog.reject()
    window.close()
    store.close()
    print(f"Wrote presenter-view.png and deck-properties.png to {folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
