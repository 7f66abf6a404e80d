"""Where the product finds its bundled resources and keeps its files by default.

Run from a checkout (the folder with ``pyproject.toml`` and ``main.py``), the app reads
``resources/`` beside the package and keeps its store in ``db/`` and exports in
``exports/``, so a developer sees everything in one folder. Installed from a wheel, the
same files are package data (``briefing_app.resources``, read with ``importlib.resources``),
and the store and exports live in the platform's user folders (``platformdirs``).
"""

from __future__ import annotations

import importlib.resources
import os
from pathlib import Path

import platformdirs

APP_NAME = "briefing-app"
PACKAGE_ROOT = Path(__file__).resolve().parent
PROJECT_ROOT = PACKAGE_ROOT.parent


def _is_checkout(root: Path) -> bool:
    """True when ``root`` is this project's source folder rather than site-packages."""
    return (root / "pyproject.toml").is_file() and (root / "resources").is_dir()


FROM_CHECKOUT = _is_checkout(PROJECT_ROOT)


def _resources_dir() -> Path:
    if FROM_CHECKOUT:
        return PROJECT_ROOT / "resources"
    # An installed wheel unpacks package data into a real folder, so this is a Path.
    return Path(str(importlib.resources.files("briefing_app.resources")))


RESOURCES_DIR = _resources_dir()
FONTS_DIR = RESOURCES_DIR / "fonts"
ESSAY_DIR = RESOURCES_DIR / "essay"
ARGUMENT_MAP_DIR = RESOURCES_DIR / "argument_map"

if FROM_CHECKOUT:
    EXPORTS_DIR = PROJECT_ROOT / "exports"
    DEFAULT_DB_PATH = PROJECT_ROOT / "db" / "briefing.sqlite"
else:
    EXPORTS_DIR = platformdirs.user_documents_path() / "Briefing exports"
    DEFAULT_DB_PATH = platformdirs.user_data_path(APP_NAME, appauthor=False) / "briefing.sqlite"


def default_store_location() -> str:
    """``BRIEFING_DB`` when set, else the default store (``db/`` in a checkout)."""
    return os.environ.get("BRIEFING_DB") or str(DEFAULT_DB_PATH)


def user_log_dir() -> Path:
    """The user's log folder for this app (where :mod:`briefing_app.errorlog` writes)."""
    return platformdirs.user_log_path(APP_NAME, appauthor=False)


def user_cache_dir() -> Path:
    """The user's cache folder for this app: files made again whenever they are missing."""
    return platformdirs.user_cache_path(APP_NAME, appauthor=False)


def app_version() -> str:
    """The installed distribution's version (the checkout's when run from source)."""
    from importlib.metadata import PackageNotFoundError, version  # slow; only when asked

    try:
        return version(APP_NAME)
    except PackageNotFoundError:
        return "unknown"
