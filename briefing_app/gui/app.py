"""Start the desktop app: ``python main.py [--db PATH_OR_URL] [--screenshot PNG] [--deck NAME]``."""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Sequence

from briefing_app.paths import default_store_location


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="main.py", description="Briefing desktop app")
    parser.add_argument("--db", metavar="PATH_OR_URL", help="store file or URL")
    parser.add_argument("--screenshot", metavar="PNG", help="render the window to PNG, exit")
    parser.add_argument("--deck", metavar="NAME", help="deck to open")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    if args.screenshot and not os.environ.get("DISPLAY") and not os.environ.get(
        "WAYLAND_DISPLAY"
    ):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QApplication

    from briefing_app.gui.errors import install_error_handling
    from briefing_app.gui.main_window import MainWindow
    from briefing_app.gui.painter import register_fonts
    from briefing_app.gui.startup import open_store_interactively

    QCoreApplication.setOrganizationName("BriefingApp")
    QCoreApplication.setApplicationName("briefing-app")
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationDisplayName("Briefing")
    install_error_handling()
    register_fonts()
    store = open_store_interactively(args.db or default_store_location())
    if store is None:
        return 1
    window = MainWindow(store)
    window.restore_settings()
    window.open_initial_deck(args.deck)
    if args.screenshot:
        window.resize(1600, 960)
        window.show()
        app.processEvents()
        window.grab().save(args.screenshot)
        window.close()
        store.close()
        return 0
    window.show()
    if os.environ.get("BRIEFING_STARTUP_PROBE"):  # benchmarks: report first paint, exit
        app.processEvents()
        print(f"painted-at {time.time():.6f}", flush=True)
        window.close()
        store.close()
        return 0
    code = app.exec()
    store.close()
    return code
