"""``python -m briefing_app`` / ``briefing-app``: the store from the command line.

Listings print plain text for people and, with ``--json``, JSON for scripts. Errors a
user can cause are one sentence on stderr and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from briefing_app.cli import decks, library, maps
from briefing_app.cli.common import EXIT_USER_ERROR, USER_ERRORS, CommandContext
from briefing_app.paths import default_store_location


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="briefing-app",
        description="Query the briefing store, import documents, build and export decks.",
    )
    parser.add_argument(
        "--db",
        metavar="PATH_OR_URL",
        default=None,
        help="store file or SQLAlchemy URL (default: $BRIEFING_DB or db/briefing.sqlite)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    library.register(commands)
    decks.register(commands)
    maps.register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    context = CommandContext(args.db or default_store_location())
    try:
        return int(args.handler(context, args) or 0)
    except USER_ERRORS as exc:
        print(f"briefing-app: {exc}", file=sys.stderr)
        return EXIT_USER_ERROR
    except KeyboardInterrupt:
        print("briefing-app: interrupted.", file=sys.stderr)
        return 130
    finally:
        context.close()


if __name__ == "__main__":
    sys.exit(main())
