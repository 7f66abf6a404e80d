"""Start the desktop app.

``python main.py [--db PATH_OR_URL] [--deck NAME] [--screenshot IMAGE [--size WxH]]``
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from briefing_app.paths import default_store_location

SCREENSHOT_FORMATS = (".png", ".jpg", ".jpeg", ".bmp")
DEFAULT_SIZE = (1600, 960)


def _size(text: str) -> tuple[int, int]:
    try:
        width, height = (int(part) for part in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a size like 1280x720") from None
    if not (320 <= width <= 10000 and 240 <= height <= 10000):
        raise argparse.ArgumentTypeError(f"{text!r} is not a window size between 320x240 and "
                                         "10000x10000")  # fmt: skip
    return width, height


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="main.py", description="Briefing desktop app")
    parser.add_argument("--db", metavar="PATH_OR_URL", help="store file or URL")
    parser.add_argument(
        "--screenshot", metavar="IMAGE", help="render the window to IMAGE (.png, .jpg), exit"
    )
    parser.add_argument(
        "--size", metavar="WxH", type=_size, help="window size for --screenshot (1600x960)"
    )
    parser.add_argument("--deck", metavar="NAME", help="deck to open")
    return parser.parse_args(argv)


def screenshot_problem(target: str) -> str | None:
    """Why ``target`` cannot take a screenshot (one sentence), or None when it can."""
    path = Path(target)
    if path.suffix.lower() not in SCREENSHOT_FORMATS:
        return (f"cannot write the screenshot {target!r}: its name needs an extension "
                f"({', '.join(SCREENSHOT_FORMATS)}).")  # fmt: skip
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        return f"cannot write the screenshot: the folder {str(folder)!r} does not exist."
    if path.is_dir():
        return f"cannot write the screenshot: {target!r} is a folder."
    return None


def _fail(sentence: str) -> int:
    print(f"main.py: {sentence}", file=sys.stderr)
    return 2


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    if args.screenshot:
        problem = screenshot_problem(args.screenshot)
        if problem:
            return _fail(problem)
        if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QApplication

    from briefing_app.gui.errors import install_error_handling
    from briefing_app.gui.main_window import MainWindow
    from briefing_app.gui.painter import register_fonts
    from briefing_app.gui.startup import open_store_interactively
    from briefing_app.store.errors import NotFoundError

    QCoreApplication.setOrganizationName("BriefingApp")
    QCoreApplication.setApplicationName("briefing-app")
    app = QApplication.instance() or QApplication(sys.argv[:1])
    QApplication.setApplicationDisplayName("Briefing")
    install_error_handling()
    register_fonts()
    store = open_store_interactively(args.db or default_store_location())
    if store is None:
        return 1
    window = MainWindow(store)
    window.restore_settings(open_deck=False)
    try:
        deck = window.initial_deck(args.deck)
    except NotFoundError as exc:
        window.close()
        store.close()
        return _fail(str(exc))
    if args.screenshot:
        window.show_initial_deck(deck)
        window.resize(*(args.size or DEFAULT_SIZE))
        window.fit_panes()
        window.show()
        app.processEvents()
        saved = window.grab().save(args.screenshot)
        window.close()
        store.close()
        if not saved:
            return _fail(f"could not write the screenshot {args.screenshot!r}.")
        return 0
    if args.size:
        window.resize(*args.size)
        window.fit_panes()
    window.show()
    app.processEvents()  # the first paint, before the deck is read and laid out
    probe = os.environ.get("BRIEFING_STARTUP_PROBE")
    if probe:  # benchmarks: report the first paint and the deck shown, then exit
        print(f"painted-at {time.time():.6f} cpu {time.process_time():.4f}", flush=True)
    window.show_initial_deck(deck)
    if probe:
        app.processEvents()
        print(f"deck-shown-at {time.time():.6f} cpu {time.process_time():.4f}", flush=True)
        window.close()
        store.close()
        return 0
    code = app.exec()
    store.close()
    return code
