"""Start the desktop app.

``python main.py [--db PATH_OR_URL] [--deck NAME] [--screenshot IMAGE [--size WxH]]``
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from briefing_app.paths import default_store_location

if TYPE_CHECKING:
    from PySide6.QtCore import QCoreApplication

    from briefing_app.gui.main_window import MainWindow

SCREENSHOT_FORMATS = (".png", ".jpg", ".jpeg", ".bmp")
DEFAULT_SIZE = (1600, 960)
SCREENSHOT_WAIT_S = 60  # the longest a screenshot waits for the maps to be drawn

# What the app needs after its first paint, in the order it needs it: the store (and
# SQLAlchemy), the panels, and what laying out a deck reads (numpy for its maps). A worker
# thread imports them while the painted window keeps answering; a module's own code runs
# only when the app uses it, on the GUI thread.
STORE_MODULES = ("briefing_app.gui.startup",)
PANEL_MODULES = (
    "briefing_app.gui.commands",
    "briefing_app.gui.library.panel",
    "briefing_app.gui.library.detail",
    "briefing_app.gui.deck.editor",
    "briefing_app.gui.painter",
)
DECK_MODULES = ("briefing_app.deck.outline", "briefing_app.maps.compose")


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


class BackgroundImports(threading.Thread):
    """Imports modules in order on a worker thread; :meth:`wait` lets the GUI thread paint
    and answer while it waits for some of them.

    A module that fails to import is left for the GUI thread, whose own import then raises
    the error where it is needed (and it is reported as any error is).
    """

    def __init__(self, names: Sequence[str]) -> None:
        super().__init__(name="briefing-imports", daemon=True)
        self.names = tuple(names)
        self._done = {name: threading.Event() for name in self.names}

    def run(self) -> None:
        try:
            for name in self.names:
                importlib.import_module(name)
                self._done[name].set()
        except Exception:  # the GUI thread's own import raises it again, and reports it
            pass
        finally:  # after an error too: the waiting GUI thread imports what is left itself
            for event in self._done.values():
                event.set()

    def wait(self, app: QCoreApplication, window: MainWindow, names: Sequence[str]) -> bool:
        """Process events until ``names`` are imported; False if the window was closed."""
        for name in names:
            while not self._done[name].wait(0.01):
                app.processEvents()
                if not window.isVisible():
                    return False
        return window.isVisible()


def _moment(what: str) -> None:
    """Benchmarks (BRIEFING_STARTUP_PROBE): print when ``what`` happened, wall and CPU."""
    print(f"{what} {time.time():.6f} cpu {time.process_time():.4f}", flush=True)


def main(argv: Sequence[str] | None = None) -> int:
    """Paint the main window first (menus, toolbar, its panes loading), then open the
    store, put the library, Details and the deck editor in, and open the deck."""
    args = parse_args(argv)
    if args.screenshot:
        problem = screenshot_problem(args.screenshot)
        if problem:
            return _fail(problem)
        if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    from PySide6.QtCore import QCoreApplication, QThread
    from PySide6.QtWidgets import QApplication

    from briefing_app.gui.errors import install_error_handling
    from briefing_app.gui.main_window import MainWindow

    QCoreApplication.setOrganizationName("BriefingApp")
    QCoreApplication.setApplicationName("briefing-app")
    app = QApplication.instance() or QApplication(sys.argv[:1])
    QApplication.setApplicationDisplayName("Briefing")
    install_error_handling()
    probe = bool(os.environ.get("BRIEFING_STARTUP_PROBE"))
    window = MainWindow()
    window.restore_settings(open_deck=False)
    if args.screenshot or args.size:
        window.resize(*(args.size or DEFAULT_SIZE))
        window.fit_panes()
    window.show()
    while not window.painted:  # the real window's first paint, with its panes loading
        app.processEvents()
    if probe:
        _moment("painted-at")

    window.statusBar().showMessage("Opening the store…")
    imports = BackgroundImports((*STORE_MODULES, *PANEL_MODULES, *DECK_MODULES))
    imports.start()
    if not imports.wait(app, window, STORE_MODULES):
        return 0  # closed while loading

    from briefing_app.gui.startup import open_store_interactively

    store = open_store_interactively(args.db or default_store_location(), window)
    if store is None:
        window.close()
        return 1
    if not imports.wait(app, window, PANEL_MODULES):
        store.close()
        return 0

    from briefing_app.gui.painter import register_fonts
    from briefing_app.store.errors import NotFoundError

    register_fonts()
    window.attach_store(store, show_deck_editor=False)
    window.statusBar().showMessage("Opening the deck…")
    app.processEvents()  # the library and Details drawn while the deck is read
    if not imports.wait(app, window, DECK_MODULES):
        store.close()
        return 0
    try:
        deck = window.initial_deck(args.deck)
    except NotFoundError as exc:
        window.close()
        store.close()
        return _fail(str(exc))
    window.show_initial_deck(deck)
    window.statusBar().clearMessage()
    if not args.screenshot:
        window.tell_upgrade_notes(store.upgrade_notes)
    if args.screenshot:
        deadline = time.monotonic() + SCREENSHOT_WAIT_S
        while not window.is_drawn() and time.monotonic() < deadline:
            app.processEvents()
            QThread.msleep(10)
        if not window.is_drawn():
            print(f"main.py: the window was not completely drawn after {SCREENSHOT_WAIT_S} s; "
                  "the screenshot shows it as it was.", file=sys.stderr)  # fmt: skip
        app.processEvents()
        saved = window.grab().save(args.screenshot)
        window.close()
        store.close()
        if not saved:
            return _fail(f"could not write the screenshot {args.screenshot!r}.")
        return 0
    if probe:  # benchmarks: report the deck shown, then exit
        app.processEvents()
        _moment("deck-shown-at")
        window.close()
        store.close()
        return 0
    code = app.exec()
    store.close()
    return code
