"""The log of unexpected errors: a rotating file in the user's log folder.

Errors a user can cause (:class:`~briefing_app.domain.errors.BriefingError`) are shown as
their sentence and not logged. Anything else is written here with its traceback; the CLI
prints one sentence naming this file, and the GUI shows a dialog with "Copy details".
``$BRIEFING_LOG`` names another file (tests, or a user who wants the log elsewhere).
"""

from __future__ import annotations

import logging
import os
import platform
import traceback
from collections.abc import Callable
from logging.handlers import RotatingFileHandler
from pathlib import Path

from briefing_app.paths import APP_NAME, app_version, user_log_dir

LOGGER = logging.getLogger("briefing_app")
MAX_BYTES = 1_000_000
BACKUPS = 3


def log_file() -> Path:
    """Where unexpected errors are logged: ``$BRIEFING_LOG`` or the user's log folder."""
    configured = os.environ.get("BRIEFING_LOG")
    return Path(configured) if configured else user_log_dir() / "briefing.log"


def _write_log(write: Callable[[], None], *, quiet: bool = False) -> Path | None:
    """Run ``write`` (one LOGGER call) with the rotating log attached; the log's path, or
    None when it cannot be written. ``quiet``: the record goes to the log file only."""
    path = log_file()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = RotatingFileHandler(
            path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8"
        )
    except OSError:
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
    LOGGER.addHandler(handler)
    propagate = LOGGER.propagate
    if quiet:
        LOGGER.propagate = False
    try:
        write()
    except Exception:  # a log that cannot be written must not hide what is being logged
        return None
    finally:
        LOGGER.removeHandler(handler)
        LOGGER.propagate = propagate
        handler.close()
    return path


def log_unexpected(exc: BaseException, doing: str = "") -> Path | None:
    """Write ``exc`` with its traceback to the rotating log; its path, or None when the
    log itself cannot be written (the error is still shown)."""
    return _write_log(
        lambda: LOGGER.error(
            "unexpected error%s (%s %s, Python %s, %s)",
            f" while {doing}" if doing else "",
            APP_NAME,
            app_version(),
            platform.python_version(),
            platform.platform(),
            exc_info=(type(exc), exc, exc.__traceback__),
        )
    )


def log_note(sentence: str) -> Path | None:
    """Record in the log something the app did to the user's data on its own (a layer an
    upgrade removed); the log's path, or None when it cannot be written."""
    return _write_log(lambda: LOGGER.warning("%s", sentence), quiet=True)


def describe(exc: BaseException) -> str:
    """What the error is, as the user will see it: its type and first words."""
    detail = " ".join(str(exc).split())[:200] or "no message"
    return f"{type(exc).__name__}: {detail}"


def unexpected_sentence(exc: BaseException, log: Path | None, stopped: str = "the command") -> str:
    """The sentence for an error nobody expected: what it was, and where the details are."""
    where = f"the details are in {log}" if log else "the log could not be written"
    return f"An unexpected error stopped {stopped} ({describe(exc)}); {where}."


def error_details(exc: BaseException, log: Path | None) -> str:
    """Everything a developer needs in a bug report: versions, traceback, log path."""
    lines = [
        f"{APP_NAME} {app_version()}, Python {platform.python_version()}, {platform.platform()}",
        f"Log: {log}" if log else "Log: could not be written",
        "",
        *traceback.format_exception(type(exc), exc, exc.__traceback__),
    ]
    return "\n".join(line.rstrip("\n") for line in lines)
