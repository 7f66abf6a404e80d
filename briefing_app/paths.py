"""Where the product finds its bundled resources and keeps its files by default."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
RESOURCES_DIR = PROJECT_ROOT / "resources"
FONTS_DIR = RESOURCES_DIR / "fonts"
ESSAY_DIR = RESOURCES_DIR / "essay"
ARGUMENT_MAP_DIR = RESOURCES_DIR / "argument_map"
EXPORTS_DIR = PROJECT_ROOT / "exports"
DEFAULT_DB_PATH = PROJECT_ROOT / "db" / "briefing.sqlite"


def default_store_location() -> str:
    """``BRIEFING_DB`` when set, else ``db/briefing.sqlite`` beside main.py."""
    return os.environ.get("BRIEFING_DB") or str(DEFAULT_DB_PATH)
