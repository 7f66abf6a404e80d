"""What every CLI command shares: the lazily opened store, output helpers, user errors."""

from __future__ import annotations

import argparse
import errno
import json
import sys
from collections.abc import Callable
from dataclasses import asdict, is_dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from briefing_app.domain.errors import BriefingError
from briefing_app.services.bootstrap import read_if_prepared
from briefing_app.store.reading import StoreReader

if TYPE_CHECKING:
    from briefing_app.store.store import Store

T = TypeVar("T")

# Exit codes (README "Command line"): 0 done, 1 an unexpected error (logged), 2 the
# input or the store was refused with one sentence, 130 interrupted.
EXIT_UNEXPECTED = 1
EXIT_USER_ERROR = 2
EXIT_INTERRUPTED = 130
# Every error a user can cause is a BriefingError; a file the system refuses is an OSError.
USER_ERRORS: tuple[type[Exception], ...] = (BriefingError, OSError)


class CommandContext:
    """Opens the store on first use, so ``--help`` and argument errors need no store."""

    def __init__(self, location: str) -> None:
        self.location = location
        self.remove_foreign = False  # set by `init --remove-foreign`
        self._store: Store | None = None

    @property
    def store(self) -> Store:
        if self._store is None:
            from briefing_app.services.bootstrap import open_prepared  # SQLAlchemy with it

            self._store = open_prepared(self.location, remove_foreign=self.remove_foreign)
            for note in self._store.upgrade_notes:
                print(note, file=sys.stderr)
        return self._store

    def read_unopened(self, read: Callable[[StoreReader], T]) -> T | None:
        """``read(reader)`` on the store without opening it (no SQLAlchemy), when opening
        it would change and refuse nothing (see ``bootstrap.read_if_prepared``); else,
        or once the store is open, None: then the command uses :attr:`store`."""
        if self._store is not None or self.remove_foreign:
            return None
        return read_if_prepared(self.location, read)

    def close(self) -> None:
        if self._store is not None:
            self._store.close()


def _plain(value: Any) -> Any:
    return asdict(value) if is_dataclass(value) and not isinstance(value, type) else value


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


# --- arguments the shell can hand us that no store can take ---------------------------

# Arguments naming files: any bytes the system allows, so not checked as text.
PATH_ARGUMENTS = frozenset({"db", "file", "out"})
SQL_INTEGER = 2**63 - 1


def bad_argument(args: argparse.Namespace) -> str | None:
    """One sentence for an argument no store can take, else None.

    Text that was not valid UTF-8 on the command line reaches Python as lone surrogates,
    which no store can hold, and a number beyond 64 bits overflows every database.
    """
    for dest, value in vars(args).items():
        shown = dest.replace("_", " ")
        if isinstance(value, str) and dest not in PATH_ARGUMENTS:
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                return f"The {shown} given on the command line is not valid UTF-8 text."
        if isinstance(value, int) and not isinstance(value, bool) and abs(value) > SQL_INTEGER:
            digits = len(str(abs(value)))
            return f"The {shown} given ({digits} digits) is out of range for a store."
    return None


def user_sentence(exc: BaseException) -> str:
    """The one sentence shown for an error the user can cause."""
    if isinstance(exc, BriefingError):
        return exc.sentence
    if isinstance(exc, OSError):
        where = f" {exc.filename}" if exc.filename else ""
        if exc.errno == errno.ENOSPC:
            return f"The disk holding{where or ' the file'} is full; nothing was lost."
        reason = exc.strerror or str(exc)
        return f"Cannot use{where or ' the file'}: {reason}."
    text = " ".join(str(exc).split())
    return text if text.endswith((".", "?", "!")) else f"{text}."
