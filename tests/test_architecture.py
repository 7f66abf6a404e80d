"""The core never imports Qt: store, import, decks, layout, renderers, maps, templates, CLI."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import briefing_app

CORE = ("store", "importing", "services", "deck", "layout", "render", "maps", "cli", "templates")


def _core_modules() -> list[str]:
    names = ["briefing_app.textclean", "briefing_app.review_report", "briefing_app.progress"]
    for package in CORE:
        prefix = f"briefing_app.{package}"
        module = __import__(prefix, fromlist=["_"])
        names.append(prefix)
        names += [
            f"{prefix}.{info.name}"
            for info in pkgutil.iter_modules(module.__path__)
            if not info.name.startswith("_") and info.name not in ("bench", "derive")
        ]
    return names


def test_core_modules_import_without_qt() -> None:
    modules = _core_modules()
    assert len(modules) > 40
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "print(sorted(m for m in sys.modules if m.startswith('PySide6')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert result.stdout.strip() == "[]", result.stdout
    assert briefing_app.__name__ == "briefing_app"
