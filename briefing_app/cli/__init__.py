"""``python -m briefing_app`` / ``briefing-app``: the store from the command line.

Listings print plain text for people and, with ``--json``, JSON for scripts. Errors a
user can cause are one sentence on stderr and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from briefing_app.cli import corrections, decks, library, maps, templates
from briefing_app.cli.common import (
    EXIT_INTERRUPTED,
    EXIT_UNEXPECTED,
    EXIT_USER_ERROR,
    USER_ERRORS,
    CommandContext,
    bad_argument,
    user_sentence,
)
from briefing_app.errorlog import log_file, log_unexpected, unexpected_sentence
from briefing_app.paths import app_version, default_store_location


class _VersionAction(argparse.Action):
    """``--version``: the version, where the default store lives and where errors are logged."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: object) -> None:
        super().__init__(option_strings, dest, nargs=0, help=str(kwargs.get("help", "")))

    def __call__(self, parser: argparse.ArgumentParser, *_: object) -> None:
        print(f"briefing-app {app_version()}")
        print(f"store: {default_store_location()}")
        print(f"log: {log_file()}")
        parser.exit()


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="briefing-app",
        description="Query the briefing store, import documents, build and export decks.",
    )
    parser.add_argument(
        "--db",
        metavar="PATH_OR_URL",
        default=None,
        help=f"store file or SQLAlchemy URL (default: $BRIEFING_DB or {default_store_location()})",
    )
    parser.add_argument(
        "--version",
        action=_VersionAction,
        help="print the version, the default store's location and the log file, then exit",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    library.register(commands)
    corrections.register(commands)
    decks.register(commands)
    maps.register(commands)
    templates.register(commands)
    return parser


def _say(sentence: str) -> None:
    print(f"briefing-app: {sentence}", file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; exit 0, 2 with one sentence for what the user can fix, 1 with
    one sentence and a log path for anything unexpected, 130 when interrupted."""
    for stream in (sys.stdout, sys.stderr):  # names from any bytes must still print
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    parser = build_parser()
    args = parser.parse_args(argv)
    refused = bad_argument(args)
    if refused:
        _say(refused)
        return EXIT_USER_ERROR
    context = CommandContext(args.db or default_store_location())
    try:
        code = int(args.handler(context, args) or 0)
        sys.stdout.flush()  # a reader that left shows here, not at exit
        return code
    except BrokenPipeError:  # the reader stopped early (`… --json | head -1`): not an error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no second complaint
        return 0
    except USER_ERRORS as exc:
        _say(user_sentence(exc))
        return EXIT_USER_ERROR
    except KeyboardInterrupt:
        _say("interrupted.")
        return EXIT_INTERRUPTED
    except Exception as exc:
        _say(unexpected_sentence(exc, log_unexpected(exc)))
        return EXIT_UNEXPECTED
    finally:
        try:
            context.close()
        except Exception as exc:  # closing must not turn a result into a traceback
            log_unexpected(exc)


if __name__ == "__main__":
    sys.exit(main())
