"""What every CLI command shares: the lazily opened store, output helpers, user errors."""

from __future__ import annotations

import json
import sys
from dataclasses import asdict, is_dataclass
from typing import Any

from briefing_app.importing.argument_map import ArgumentMapError
from briefing_app.importing.parsed import ImportFormatError
from briefing_app.services.bootstrap import open_prepared
from briefing_app.store.errors import StoreError
from briefing_app.store.store import Store

EXIT_USER_ERROR = 2
USER_ERRORS: tuple[type[Exception], ...] = (
    StoreError,  # includes MapError and MapImportError
    ImportFormatError,
    ArgumentMapError,
    OSError,
)


class CommandContext:
    """Opens the store on first use, so ``--help`` and argument errors need no store."""

    def __init__(self, location: str) -> None:
        self.location = location
        self.remove_foreign = False  # set by `init --remove-foreign`
        self._store: Store | None = None

    @property
    def store(self) -> Store:
        if self._store is None:
            self._store = open_prepared(self.location, remove_foreign=self.remove_foreign)
        return self._store

    def close(self) -> None:
        if self._store is not None:
            self._store.close()


def _plain(value: Any) -> Any:
    return asdict(value) if is_dataclass(value) else value


def _default(value: Any) -> Any:
    if isinstance(value, (set, frozenset)):
        return sorted(value)
    return asdict(value) if is_dataclass(value) and not isinstance(value, type) else str(value)


def print_json(value: Any) -> None:
    value = [_plain(v) for v in value] if isinstance(value, list) else _plain(value)
    json.dump(value, sys.stdout, ensure_ascii=False, indent=2, default=_default)
    sys.stdout.write("\n")


def shorten(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"
