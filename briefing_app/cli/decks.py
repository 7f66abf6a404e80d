"""CLI commands for decks: list, create (optionally from the default briefing), show, export."""

from __future__ import annotations

import argparse
import sys

from briefing_app.cli.common import CommandContext, print_json, shorten
from briefing_app.deck.outline import DEFAULT_OUTLINE, build_from_outline
from briefing_app.render.export import FORMATS, export_deck
from briefing_app.services import decks, history, templates


def _decks(ctx: CommandContext, args: argparse.Namespace) -> int:
    rows = decks.list_decks(ctx.store)
    if args.json:
        print_json([{"name": n, "title": t, "slides": c} for n, t, c in rows])
    elif not rows:
        print("No decks yet. Try: deck create NAME --from default-briefing")
    for name, title, count in [] if args.json else rows:
        print(f"{name:<30} {count:>3} slides  {shorten(title, 60)}")
    return 0


def _create(ctx: CommandContext, args: argparse.Namespace) -> int:
    if args.template:  # refuse an unknown template before anything is created
        with ctx.store.read() as session:
            templates.template_by_name(session, args.template)
    if args.source == "default-briefing":
        deck = build_from_outline(ctx.store, DEFAULT_OUTLINE, args.name, marking=args.marking)
    else:
        deck = decks.create_deck(
            ctx.store, args.name, title=args.title or args.name, marking=args.marking
        )
    if args.template:
        templates.set_deck_template(ctx.store, deck.name, args.template)
    if args.json:
        print_json(deck)
    else:
        print(f"Created deck {deck.name!r} with {len(deck.slides)} slides.")
    return 0


def _set(ctx: CommandContext, args: argparse.Namespace) -> int:
    if args.template is None:
        print("Nothing to set; give --template NAME (or --template '' for our own).")
        return 0
    changes = templates.set_deck_template(ctx.store, args.name, args.template or None)
    shown = repr(args.template) if args.template else "our own template"
    if args.json:
        print_json({"deck": args.name, "template": args.template or None, "changed": bool(changes)})
    elif changes:
        print(f"Deck {args.name!r} now exports in {shown}.")
    else:
        print(f"Deck {args.name!r} already exports in {shown}.")
    return 0


def _show(ctx: CommandContext, args: argparse.Namespace) -> int:
    deck = decks.get_deck(ctx.store, args.name)
    if args.json:
        print_json(deck)
        return 0
    print(f"{deck.title}" + (f" — {deck.subtitle}" if deck.subtitle else ""))
    if deck.marking:
        print(f"Marking: {deck.marking}")
    for slide in deck.slides:
        title = slide.title or (deck.title if slide.layout == "title" else "")
        print(f"{slide.position + 1:>3}. [{slide.layout}] {title}")
        for item in slide.items:
            mark = " (edited)" if item.differs_from_source else ""
            source = f"{item.source_kind} {item.source_id}" if item.source_kind else "text"
            indent = "      " + "  " * item.level
            print(f"{indent}- {shorten(item.text, 80)}  [{source}]{mark}")
    return 0


def _progress(done: int, total: int, message: str) -> None:
    if sys.stderr.isatty():
        print(f"\r{message} ({done}/{total})", end="", file=sys.stderr, flush=True)


def _export(ctx: CommandContext, args: argparse.Namespace) -> int:
    result = export_deck(ctx.store, args.deck, args.format, args.out, _progress)
    if sys.stderr.isatty():
        print(file=sys.stderr)
    for warning in result.warnings:
        print(f"briefing-app: warning: {warning}", file=sys.stderr)
    if args.json:
        print_json({"path": str(result.path), "slides": result.slides, "warnings": result.warnings})
    else:
        print(f"Wrote {result.slides} slides to {result.path}")
    return 0


def _undo(ctx: CommandContext, args: argparse.Namespace) -> int:
    return _step(ctx, args, redo=False)


def _redo(ctx: CommandContext, args: argparse.Namespace) -> int:
    return _step(ctx, args, redo=True)


def _step(ctx: CommandContext, args: argparse.Namespace, *, redo: bool) -> int:
    """Undo (or redo) the newest edit of a deck, made in the app or on the command line."""
    deck = decks.get_deck_id(ctx.store, args.deck)
    done = (history.redo if redo else history.undo)(ctx.store, deck)
    verb = "redo" if redo else "undo"
    if done is None:
        if args.json:
            print_json({"deck": args.deck, verb: None})
        else:
            print(f"Nothing to {verb} in deck {args.deck!r}.")
        return 0
    step, changes = done
    if args.json:
        print_json({"deck": args.deck, verb: step.label, "changes": changes})
    else:
        print(f"{'Redid' if redo else 'Undid'} “{step.label}” in deck {args.deck!r} "
              f"({changes.summary()} changed).")  # fmt: skip
    return 0


def _history(ctx: CommandContext, args: argparse.Namespace) -> int:
    steps = history.steps(ctx.store, decks.get_deck_id(ctx.store, args.deck))
    if args.json:
        print_json(steps)
    elif not steps:
        print(f"Deck {args.deck!r} has no edits to undo.")
    for step in [] if args.json else steps:
        print(f"{step.id:>6}  {'(undone) ' if step.undone else ''}{step.label}")
    return 0


def register(commands: argparse._SubParsersAction) -> None:
    p = commands.add_parser("decks", help="list decks")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=_decks)

    deck = commands.add_parser("deck", help="create or show a deck")
    actions = deck.add_subparsers(dest="deck_command", metavar="ACTION", required=True)
    p = actions.add_parser("create", help="create a deck")
    p.add_argument("name")
    p.add_argument(
        "--from",
        dest="source",
        choices=["default-briefing"],
        help="start from the generated default briefing of the essay",
    )
    p.add_argument("--marking", help="e.g. UNCLASSIFIED, CUI, OFFICIAL-SENSITIVE")
    p.add_argument("--title", help="deck title (defaults to the name)")
    p.add_argument("--template", metavar="NAME", help="a stored house template (see: templates)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=_create)
    p = actions.add_parser("set", help="change a deck's properties")
    p.add_argument("name")
    p.add_argument(
        "--template", metavar="NAME", help="a stored house template; '' for our own template"
    )
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=_set)
    p = actions.add_parser("show", help="show a deck's slides and points")
    p.add_argument("name")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=_show)

    steps = (("undo", _undo, "undo the newest edit of a deck"),
             ("redo", _redo, "redo the edit of a deck undone last"))  # fmt: skip
    for name, handler, what in steps:
        p = commands.add_parser(name, help=f"{what} (made in the app or here)")
        p.add_argument("deck", help="the deck's name")
        p.add_argument("--json", action="store_true", help="print the result as JSON")
        p.set_defaults(handler=handler)
    p = commands.add_parser("history", help="list a deck's edits that undo can take back")
    p.add_argument("deck", help="the deck's name")
    p.add_argument("--json", action="store_true", help="print the steps as JSON")
    p.set_defaults(handler=_history)

    p = commands.add_parser("export", help="export a deck to PowerPoint, PDF or a handout")
    p.add_argument("deck")
    p.add_argument("--format", choices=sorted(FORMATS), default="pptx")
    p.add_argument("--out", metavar="PATH", help="file or folder (default: exports/)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=_export)
