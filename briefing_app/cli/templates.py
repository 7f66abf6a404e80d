"""CLI commands for house templates: check a file, add it to the store, list them."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from briefing_app.cli.common import CommandContext, print_json, shorten

if TYPE_CHECKING:
    pass


def _check(ctx: CommandContext, args: argparse.Namespace) -> int:
    from briefing_app.services import templates

    report = templates.check_template(args.file)
    if args.json:
        print_json(report)
        return 0
    print(f"{report.file}: {report.slide_size}, master {report.master}")
    print()
    print(f"{'Our layout':<12} {'Template layout':<32} Placeholders")
    for row in report.layouts:
        layout = shorten(row.layout or "(none)", 32)
        print(f"{row.ours:<12} {layout:<32} {', '.join(row.placeholders)}")
    print()
    print(f"{'Font':<28} {'Used for':<10} Measured with")
    for font in report.fonts:
        how = font.measured_with + ("" if font.exact else " (no metric twin: measured wider)")
        print(f"{shorten(font.font, 28):<28} {font.role:<10} {how}")
    missing = [(row.ours, m) for row in report.layouts for m in row.missing]
    print()
    if missing:
        print("Missing, and what we do instead:")
        for ours, sentence in missing:
            print(f"  {ours}: {sentence}")
    else:
        print("Nothing missing: every layout of ours has the placeholders it needs.")
    for warning in report.warnings:
        print(f"Warning: {warning}")
    return 0


def _add(ctx: CommandContext, args: argparse.Namespace) -> int:
    from briefing_app.services import templates

    stored = {t.sha256: t for t in templates.list_templates(ctx.store)}
    names = {t.name for t in stored.values()}
    record = templates.add_template(ctx.store, args.file, args.name, replace=args.replace)
    if args.json:
        print_json(record)
    elif record.sha256 in stored:
        print(f"This file is already stored as template {record.name!r}.")
    elif record.name in names:
        decks = next(t.decks for t in stored.values() if t.name == record.name)
        print(f"Template {record.name!r} is now this file ({record.width:g} x "
              f"{record.height:g} pt); its {decks} deck(s) export in it.")  # fmt: skip
    else:
        print(f"Added template {record.name!r} ({record.width:g} x {record.height:g} pt).")
    return 0


def _templates(ctx: CommandContext, args: argparse.Namespace) -> int:
    from briefing_app.services import templates

    rows = templates.list_templates(ctx.store)
    if args.json:
        print_json(rows)
        return 0
    if not rows:
        print("No templates stored; decks use our own. Add one with: template add FILE")
    for t in rows:
        size = f"{t.width:g} x {t.height:g} pt"
        print(f"{shorten(t.name, 30):<30} {size:<18} {t.decks:>3} decks  {t.sha256[:12]}")
    return 0


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    template = commands.add_parser("template", help="check or add a house PowerPoint template")
    actions = template.add_subparsers(dest="template_command", metavar="ACTION", required=True)
    p = actions.add_parser("check", help="show how our layouts would use a .pptx/.potx")
    p.add_argument("file")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=_check)
    p = actions.add_parser("add", help="store a .pptx/.potx as a template")
    p.add_argument("file")
    p.add_argument("--name", help="the template's name (default: the file's name)")
    p.add_argument(
        "--replace",
        action="store_true",
        help="make the file the new version of the template of that name (its decks use it)",
    )
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=_add)
    p = commands.add_parser("templates", help="list the stored templates")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=_templates)
