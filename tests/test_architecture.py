"""Layers point one way, nothing imports in a circle, the core never imports Qt, the
GUI holds no SQL and the plain-SQL reader needs no SQLAlchemy.

The contracts live in pyproject.toml (``[tool.importlinter]``) and are checked with
import-linter, which counts lazy (function-level) imports too. A planted bad import in a
copy of the package proves each contract can fail.
"""

from __future__ import annotations

import os
import pkgutil
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import briefing_app

ROOT = Path(__file__).resolve().parent.parent
CORE = (
    "domain",
    "store",
    "importing",
    "services",
    "deck",
    "layout",
    "render",
    "maps",
    "templates",
    "cli",
)


def _lint_imports(root: Path) -> subprocess.CompletedProcess[str]:
    """Run import-linter on the package under ``root`` with ``root``'s pyproject.toml."""
    env = {**os.environ, "PYTHONPATH": str(root)}
    code = "import sys; from importlinter.cli import lint_imports_command; lint_imports_command()"
    return subprocess.run(
        [sys.executable, "-c", code, "--no-cache", str(root / "pyproject.toml")],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_import_contracts_are_kept() -> None:
    result = _lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "5 kept, 0 broken" in result.stdout


@pytest.fixture(scope="module")
def package_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("copy")
    shutil.copytree(
        ROOT / "briefing_app",
        root / "briefing_app",
        ignore=shutil.ignore_patterns("__pycache__"),
    )
    shutil.copy(ROOT / "pyproject.toml", root / "pyproject.toml")
    return root


@pytest.mark.parametrize(
    ("module", "planted", "broken", "culprit"),
    [
        # the layout layer reaching up into decks, lazily inside a function
        (
            "layout/fonts.py",
            "\n\ndef _planted() -> None:\n    from briefing_app.deck import compose  # noqa\n",
            "Layers point one way BROKEN",
            "briefing_app.layout.fonts -> briefing_app.deck.compose",
        ),
        # the store importing the importers above it
        (
            "store/tags.py",
            "\nimport briefing_app.importing.loader  # noqa\n",
            "Layers point one way BROKEN",
            "briefing_app.store.tags -> briefing_app.importing.loader",
        ),
        # two modules of one package importing each other
        (
            "maps/styles.py",
            "\n\ndef _planted() -> None:\n    from briefing_app.maps import compose  # noqa\n",
            "No import cycles between sibling packages or modules BROKEN",
            ".styles -> .compose",
        ),
        # SQL in the GUI
        (
            "gui/deck/notes.py",
            "\n\ndef _planted() -> None:\n    from sqlalchemy import text  # noqa\n",
            "The GUI holds no SQL BROKEN",
            "briefing_app.gui.deck.notes -> sqlalchemy",
        ),
        # SQLAlchemy in what the export command reads a store with, unopened
        (
            "store/reading.py",
            "\n\ndef _planted() -> None:\n    from sqlalchemy import text  # noqa\n",
            "The plain-SQL reader and the schema list need no SQLAlchemy BROKEN",
            "briefing_app.store.reading -> sqlalchemy",
        ),
        # Qt in the core
        (
            "render/atomic.py",
            "\n\ndef _planted() -> None:\n    from PySide6 import QtCore  # noqa\n",
            "The core never imports Qt BROKEN",
            "briefing_app.render.atomic -> PySide6",
        ),
    ],
)
def test_a_planted_bad_import_breaks_a_contract(
    package_copy: Path, module: str, planted: str, broken: str, culprit: str
) -> None:
    path = package_copy / "briefing_app" / module
    original = path.read_text(encoding="utf-8")
    path.write_text(original + planted, encoding="utf-8")
    try:
        result = _lint_imports(package_copy)
    finally:
        path.write_text(original, encoding="utf-8")
    assert result.returncode == 1, result.stdout + result.stderr
    assert broken in result.stdout
    assert culprit in result.stdout


def _core_modules() -> list[str]:
    names = ["briefing_app.paths", "briefing_app.progress", "briefing_app.errorlog"]
    for package in CORE:
        prefix = f"briefing_app.{package}"
        module = __import__(prefix, fromlist=["_"])
        names.append(prefix)
        names += [
            f"{prefix}.{info.name}"
            for info in pkgutil.iter_modules(module.__path__)
            if not info.name.startswith("_")
        ]
    return names


def test_core_modules_import_without_qt() -> None:
    """At run time too (import-linter cannot see ``importlib.import_module`` calls)."""
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
