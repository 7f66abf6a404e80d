"""CLI: a reviewer's corrections and caveats beside the source (the essay stays verbatim)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from briefing_app.cli.common import CommandContext, print_json, shorten
from briefing_app.domain.dates import PRECISIONS
from briefing_app.domain.vocabulary import CORRECTABLE_KINDS

if TYPE_CHECKING:
    from briefing_app.services import corrections


def _correct(ctx: CommandContext, args: argparse.Namespace) -> int:
    from briefing_app.services import corrections

    target = corrections.target_id(ctx.store, args.kind, args.record)
    if args.remove:
        changes = corrections.remove_correction(ctx.store, args.kind, target)
        if args.json:
            print_json({"removed": bool(changes), "changes": changes})
        else:
            print(f"Removed the correction of {args.kind} {target}." if changes
                  else f"The {args.kind} {target} had no correction.")  # fmt: skip
        return 0
    if args.text is None:
        record = corrections.correction_for(ctx.store, args.kind, target)
        if args.json:
            print_json(record)
        else:
            print(_line(record) if record else f"The {args.kind} {target} has no correction.")
        return 0
    result = corrections.set_correction(
        ctx.store, args.kind, target, args.text, kind="caveat" if args.caveat else "correction",
        date=args.date, precision=args.precision, author=args.author,
    )  # fmt: skip
    if args.json:
        print_json({"correction": result.value, "changes": result.changes})
    else:
        print(f"{result.value.heading} attached to {args.kind} {target}.")
    return 0


def _line(r: corrections.CorrectionRecord) -> str:
    date = f" [{r.date_label}]" if r.date else ""
    return f"{r.target_kind:<8} {r.target_id:>4}  {r.heading:<10}{date} {shorten(r.text, 90)}"


def _list(ctx: CommandContext, args: argparse.Namespace) -> int:
    from briefing_app.services import corrections

    records = corrections.corrections(ctx.store, args.document)
    if args.json:
        print_json(records)
    else:
        for record in records:
            print(_line(record))
    return 0


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = commands.add_parser(
        "correct",
        help="show, attach or remove the correction of an argument, quote, event or actor",
        description="Attach a correction or caveat beside a record; the essay stays verbatim. "
        "An event's corrected --date orders the timeline. Without TEXT, show the correction.",
    )
    p.add_argument("kind", choices=CORRECTABLE_KINDS)
    p.add_argument("record", metavar="ID_OR_KEY", help="the record's id or key")
    p.add_argument("text", nargs="?", help='e.g. "The essay says 19 October; it was 17 October"')
    p.add_argument("--date", help="corrected date of an event: YYYY, YYYY-MM or YYYY-MM-DD")
    p.add_argument("--precision", choices=PRECISIONS, help="how precisely the date is known")
    p.add_argument("--caveat", action="store_true", help="a caveat rather than a correction")
    p.add_argument("--author", default="")
    p.add_argument("--remove", action="store_true", help="remove the record's correction")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=_correct)
    p = commands.add_parser("corrections", help="list corrections and caveats")
    p.add_argument("--document", metavar="SLUG", help="only this document")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=_list)
