"""CLI commands for decks: list, create, change, fill, show, undo and export them.

Everything the app can do to a deck can be done here, each edit through the same
undoable core command the app uses (so ``undo DECK`` takes it back), and each command
prints what it changed (``--json`` for scripts).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING

from briefing_app.cli.common import CommandContext, print_json, shorten
from briefing_app.domain.vocabulary import SOURCE_KINDS, STANDARD_MARKINGS
from briefing_app.layout.registry import NAMES as LAYOUTS
from briefing_app.render.export import (
    FORMATS,
    export_deck,
    prepare,
    resolve_target,
    write_prepared,
)
from briefing_app.store.errors import NotFoundError, StoreError

DEFAULT_BRIEFING = "default-briefing"
Handler = Callable[[CommandContext, argparse.Namespace], int]
# ``deck set`` option → deck property.
PROPERTY_OPTIONS = {"title": "title", "subtitle": "subtitle", "author": "author",
                    "date": "date_label", "marking": "marking",
                    "distribution": "distribution"}  # fmt: skip
SLIDE_OPTIONS = ("title", "subtitle", "left_heading", "right_heading", "notes", "part")

if TYPE_CHECKING:
    from briefing_app.services import decks


def _decks(ctx: CommandContext, args: argparse.Namespace) -> int:
    from briefing_app.services import decks

    rows = decks.list_decks(ctx.store)
    if args.json:
        print_json([{"name": n, "title": t, "slides": c} for n, t, c in rows])
    elif not rows:
        print("No decks yet. Try: deck create NAME --from default-briefing")
    for name, title, count in [] if args.json else rows:
        print(f"{name:<30} {count:>3} slides  {shorten(title, 60)}")
    return 0


def _create(ctx: CommandContext, args: argparse.Namespace) -> int:
    from briefing_app.deck.outline import BUNDLED, build_from_outline
    from briefing_app.services import decks, templates

    if args.template:  # refuse an unknown template before anything is created
        with ctx.store.read() as session:
            templates.template_by_name(session, args.template)
    names = {n for n, _, _ in decks.list_decks(ctx.store)}
    if args.source and args.source in names:
        deck = decks.duplicate_deck(ctx.store, args.source, args.name)
        if args.marking is not None or args.title is not None:
            fields = {"marking": args.marking, "title": args.title}
            decks.update_deck(ctx.store, deck.name, **{k: v for k, v in fields.items() if v})
            deck = decks.get_deck(ctx.store, deck.name)
    elif args.source in BUNDLED:
        outline = BUNDLED[args.source]
        deck = build_from_outline(ctx.store, outline, args.name, marking=args.marking)
    elif args.source:
        there = ", ".join(sorted(names)) or "none yet"
        raise NotFoundError(
            f"There is no deck named {args.source!r} to start from (decks: {there}); "
            f"use --from {DEFAULT_BRIEFING} for the generated default briefing, or "
            "--from full-read-ahead for its long version."
        )
    else:
        deck = decks.create_deck(
            ctx.store, args.name, title=args.title or args.name, marking=args.marking
        )
    if args.template:
        templates.set_deck_template(ctx.store, deck.name, args.template)
    if args.json:
        print_json(deck)
    else:
        origin = f" from {args.source!r}" if args.source else ""
        print(f"Created deck {deck.name!r}{origin} with {_count(len(deck.slides), 'slide')}.")
    return 0


def _count(n: int, what: str) -> str:
    plural = what[:-1] + "ies" if what.endswith("y") else what + "s"
    return f"{n} {what if n == 1 else plural}"


def _deck_id(ctx: CommandContext, name: str) -> int:
    from briefing_app.services import decks

    return decks.get_deck_id(ctx.store, name)


def _slide(ctx: CommandContext, deck: str, number: int) -> decks.SlideRecord:
    """Slide ``number`` (1-based, as ``deck show`` numbers them) of ``deck``."""
    from briefing_app.services import decks

    slides = decks.get_deck(ctx.store, deck).slides
    if not 1 <= number <= len(slides):
        has = _count(len(slides), "slide")
        raise StoreError(f"Deck {deck!r} has no slide {number}; it has {has}.")
    return slides[number - 1]


def _again(ctx: CommandContext, deck: str, slide_id: int) -> decks.SlideRecord:
    """The slide with ``slide_id`` as stored now."""
    from briefing_app.services import decks

    return next(s for s in decks.get_deck(ctx.store, deck).slides if s.id == slide_id)


def _point(slide: decks.SlideRecord, number: int, deck: str) -> decks.ItemRecord:
    if not 1 <= number <= len(slide.items):
        raise StoreError(
            f"Slide {slide.position + 1} of deck {deck!r} has no point {number}; "
            f"it has {_count(len(slide.items), 'point')}."
        )
    return slide.items[number - 1]


def _set(ctx: CommandContext, args: argparse.Namespace) -> int:
    """Change a deck's properties (as Deck › Properties… does), undoably."""
    from briefing_app.services import commands as edits
    from briefing_app.services import decks, history

    fields = {
        prop: getattr(args, option)
        for option, prop in PROPERTY_OPTIONS.items()
        if getattr(args, option) is not None
    }
    if not fields and args.template is None:
        options = ", ".join(f"--{o}" for o in PROPERTY_OPTIONS)
        raise StoreError(f"Nothing to set; give one or more of {options}, --template.")
    report: dict[str, object] = {"deck": args.name}
    lines: list[str] = []
    if fields:
        deck_id = _deck_id(ctx, args.name)
        before = decks.deck_fields(ctx.store, deck_id, sorted(fields))
        history.run(ctx.store, edits.edit_deck(deck_id, **fields))
        after = decks.deck_fields(ctx.store, deck_id, sorted(fields))
        changed = {k: {"from": before[k], "to": after[k]} for k in fields if before[k] != after[k]}
        report["changed"] = changed
        for key, change in changed.items():
            label = decks.PROPERTY_LABELS[key]
            old, new = change["from"] or "(none)", change["to"] or "(none)"
            lines.append(f"  {label}: {old} → {new}")
        if not changed:
            lines.append(f"Deck {args.name!r} already had these properties.")
        else:
            lines.insert(0, f"Changed {_count(len(changed), 'property')} of deck {args.name!r}:")
    if args.template is not None:
        deck_id = _deck_id(ctx, args.name)
        changes = history.run(ctx.store, edits.set_deck_template(deck_id, args.template or None))
        shown = repr(args.template) if args.template else "our own template"
        report["template"] = args.template or None
        report["template_changed"] = bool(changes)
        lines.append(f"Deck {args.name!r} {'now' if changes else 'already'} exports in {shown}.")
    if args.json:
        print_json(report)
    else:
        print("\n".join(lines))
    return 0


def _rename(ctx: CommandContext, args: argparse.Namespace) -> int:
    from briefing_app.services import commands as edits
    from briefing_app.services import decks, history

    deck_id = _deck_id(ctx, args.name)
    history.run(ctx.store, edits.edit_deck(deck_id, name=args.new_name))
    new = decks.deck_name_of(ctx.store, deck_id)
    if args.json:
        print_json({"deck": new, "renamed_from": args.name})
    else:
        print(f"Renamed deck {args.name!r} to {new!r}.")
    return 0


def _duplicate(ctx: CommandContext, args: argparse.Namespace) -> int:
    from briefing_app.services import decks

    copy = decks.duplicate_deck(ctx.store, args.name, args.new_name)
    if args.json:
        print_json({"deck": copy.name, "copied_from": args.name, "slides": len(copy.slides)})
    else:
        print(f"Copied deck {args.name!r} to {copy.name!r} ({_count(len(copy.slides), 'slide')}).")
    return 0


def _delete(ctx: CommandContext, args: argparse.Namespace) -> int:
    from briefing_app.services import decks

    deck = decks.get_deck(ctx.store, args.name)
    decks.delete_deck(ctx.store, args.name)
    if args.json:
        print_json({"deleted": deck.name, "slides": len(deck.slides)})
    else:
        print(f"Deleted deck {deck.name!r} and its {_count(len(deck.slides), 'slide')}.")
    return 0


def _add_slide(ctx: CommandContext, args: argparse.Namespace) -> int:
    from briefing_app.services import commands as edits
    from briefing_app.services import decks, history

    deck_id = _deck_id(ctx, args.name)
    fields = {f: getattr(args, f) for f in SLIDE_OPTIONS if getattr(args, f) is not None}
    position = None if args.position is None else args.position - 1
    command = edits.add_slide(ctx.store, deck_id, args.layout, position, **fields)
    history.run(ctx.store, command)
    assert command.slide_id is not None
    slide = decks.slide_snapshot(ctx.store, command.slide_id)
    if args.json:
        print_json({"deck": args.name, "slide": slide.position + 1, "id": slide.id,
                    "layout": slide.layout, "title": slide.title})  # fmt: skip
    else:
        title = f" “{slide.title}”" if slide.title else ""
        print(f"Added slide {slide.position + 1} [{slide.layout}]{title} to deck {args.name!r}.")
    return 0


def _parse_item(text: str) -> tuple[str, int | str]:
    """``KIND:ID`` for a library item, ``text:WORDS`` for the briefer's own point."""
    kind, _, rest = text.partition(":")
    kind = kind.strip().lower()
    if kind == "text" and rest.strip():
        return kind, rest.strip()
    if kind not in SOURCE_KINDS or not rest.strip().isdigit():
        raise StoreError(
            f"{text!r} is not something a slide can show; write KIND:ID with KIND one of "
            f"{', '.join(SOURCE_KINDS)} (ids as `search` lists them), or text:YOUR WORDS."
        )
    return kind, int(rest)


def _add(ctx: CommandContext, args: argparse.Namespace) -> int:
    from briefing_app.services import commands as edits
    from briefing_app.services import history

    slide = _slide(ctx, args.name, args.slide)
    parsed = [_parse_item(r) for r in args.items]
    refs = [(k, int(i)) for k, i in parsed if k != "text"]
    own = [str(i) for k, i in parsed if k == "text"]
    if args.text is not None and (len(refs) != 1 or own):
        raise StoreError("--text rewords one library item; give exactly one KIND:ID with it.")
    present = {(i.source_kind, i.source_id) for i in slide.items}
    already = [r for r in refs if r in present]
    if already and not args.again:
        shown = ", ".join(f"{k}:{i}" for k, i in already)
        raise StoreError(
            f"Slide {args.slide} already shows {shown}; add --again to add it a second time."
        )
    column = 1 if args.column == "right" else 0
    points: list[dict[str, object]] = []
    for kind, value in parsed:
        if kind == "text":
            points.append({"text": value, "level": args.level, "column": column})
        else:
            points.append({"source_kind": kind, "source_id": value, "text": args.text,
                           "level": args.level, "column": column})  # fmt: skip
    history.run(ctx.store, edits.add_items(ctx.store, slide.id, points))
    after = _again(ctx, args.name, slide.id)
    added = (
        after.items[len(slide.items) :]
        if column == 0
        else [i for i in after.items if i.id not in {j.id for j in slide.items}]
    )
    if args.json:
        print_json({"deck": args.name, "slide": args.slide, "added": added})
    else:
        print(f"Added {_count(len(points), 'point')} to slide {args.slide} of deck {args.name!r}:")
        for item in added:
            source = f"{item.source_kind}:{item.source_id}" if item.source_kind else "text"
            print(f"  - {shorten(item.text, 80)}  [{source}]")
    return 0


def _move(ctx: CommandContext, args: argparse.Namespace) -> int:
    from briefing_app.services import commands as edits
    from briefing_app.services import decks, history

    slide = _slide(ctx, args.name, args.slide)
    if args.point is None:
        command = edits.move_slide(ctx.store, slide.id, args.to - 1)
        history.run(ctx.store, command)
        where = decks.slide_snapshot(ctx.store, slide.id).position + 1
        what = f"slide {args.slide}"
    else:
        item = _point(slide, args.point, args.name)
        history.run(ctx.store, edits.move_item(ctx.store, slide.id, item.id, args.to - 1))
        after = _again(ctx, args.name, slide.id)
        column = [i.id for i in after.items if i.column == item.column]
        where = column.index(item.id) + 1
        what = f"point {args.point} of slide {args.slide}"
    if args.json:
        print_json({"deck": args.name, "moved": what, "to": where})
    else:
        print(f"Moved {what} of deck {args.name!r} to position {where}.")
    return 0


def _remove(ctx: CommandContext, args: argparse.Namespace) -> int:
    from briefing_app.services import commands as edits
    from briefing_app.services import history

    slide = _slide(ctx, args.name, args.slide)
    if args.point is None:
        history.run(ctx.store, edits.delete_slide(ctx.store, slide.id))
        title = f" “{slide.title}”" if slide.title else ""
        points = _count(len(slide.items), "point")
        what = f"slide {args.slide} [{slide.layout}]{title} and its {points}"
    else:
        item = _point(slide, args.point, args.name)
        history.run(ctx.store, edits.delete_item(ctx.store, slide.id, item.id))
        what = f"point {args.point} (“{shorten(item.text, 60)}”) from slide {args.slide}"
    if args.json:
        print_json({"deck": args.name, "removed": what})
    else:
        print(f"Removed {what} of deck {args.name!r} (undo {args.name!r} brings it back).")
    return 0


def _edit_slide(ctx: CommandContext, args: argparse.Namespace) -> int:
    from briefing_app.services import commands as edits
    from briefing_app.services import history

    slide = _slide(ctx, args.name, args.slide)
    fields = {f: getattr(args, f) for f in SLIDE_OPTIONS if getattr(args, f) is not None}
    if args.layout is None and not fields:
        raise StoreError(
            "Nothing to change; give --layout, --title, --subtitle, --notes, --part, …."
        )
    if args.layout is not None and args.layout != slide.layout:
        history.run(ctx.store, edits.change_layout(ctx.store, slide.id, args.layout))
    for name, text in fields.items():
        if getattr(slide, name) != text:
            history.run(ctx.store, edits.edit_slide_field(ctx.store, slide.id, name, text))
    after = _again(ctx, args.name, slide.id)
    changed = [f for f in ("layout", *SLIDE_OPTIONS) if getattr(after, f) != getattr(slide, f)]
    if args.json:
        print_json({"deck": args.name, "slide": args.slide, "changed": changed})
    elif changed:
        names = ", ".join(f.replace("_", " ") for f in changed)
        print(f"Changed the {names} of slide {args.slide} of deck {args.name!r}.")
    else:
        print(f"Slide {args.slide} of deck {args.name!r} already had these values.")
    return 0


def _parts(ctx: CommandContext, args: argparse.Namespace) -> int:
    """List the deck's parts with their slides, or rename one (``--rename OLD NEW``)."""
    from briefing_app.services import commands as edits
    from briefing_app.services import decks, history

    if args.rename is not None:
        old, new = args.rename
        deck_id = _deck_id(ctx, args.name)
        history.run(ctx.store, edits.rename_part(ctx.store, deck_id, old, new))
    deck = decks.get_deck(ctx.store, args.name)
    slides = {part: [s.position + 1 for s in deck.slides if s.part == part] for part in deck.parts}
    if args.json:
        print_json([{"part": part, "slides": numbers} for part, numbers in slides.items()])
        return 0
    if args.rename is not None:
        print(f"Renamed the part {args.rename[0]!r} of deck {args.name!r} to {args.rename[1]!r}.")
    if not slides:
        print(f"Deck {args.name!r} has no parts, so its slides show no agenda tracker. "
              "Put a slide in one with: deck edit-slide NAME --slide N --part PART")  # fmt: skip
    for part, numbers in slides.items():
        print(f"{part:<30} slides {', '.join(str(n) for n in numbers)}")
    return 0


def _show(ctx: CommandContext, args: argparse.Namespace) -> int:
    from briefing_app.services import decks, templates

    deck = decks.get_deck(ctx.store, args.name)
    template = templates.deck_template_name(ctx.store, args.name)  # None: our own
    if args.json:
        print_json({**asdict(deck), "template": template})
        return 0
    print(f"{deck.title}" + (f" — {deck.subtitle}" if deck.subtitle else ""))
    if deck.marking:
        print(f"Marking: {deck.marking}")
    print(f"Template: {template}" if template else "Template: our own")
    if deck.parts:
        print("Parts: " + " · ".join(deck.parts))
    for slide in deck.slides:
        title = slide.title or (deck.title if slide.layout == "title" else "")
        part = f" ({slide.part})" if slide.part else ""
        print(f"{slide.position + 1:>3}. [{slide.layout}]{part} {title}")
        for item in slide.items:
            mark = " (edited)" if item.differs_from_source else ""
            source = f"{item.source_kind} {item.source_id}" if item.source_kind else "text"
            indent = "      " + "  " * item.level
            print(f"{indent}- {shorten(item.text, 80)}  [{source}]{mark}")
    return 0


def _progress(done: int, total: int, message: str) -> None:
    if sys.stderr.isatty():
        print(f"\r{message} ({done}/{total})", end="", file=sys.stderr, flush=True)


def numbered(path: Path) -> Path:
    """``path``, or the first free ``stem (2).ext``, ``stem (3).ext`` … beside it."""
    n = 2
    while path.exists():
        path = path.with_name(f"{path.stem.rsplit(' (', 1)[0]} ({n}){path.suffix}")
        n += 1
    return path


def _export(ctx: CommandContext, args: argparse.Namespace) -> int:
    if args.two_up and args.format != "handout":
        raise StoreError("--two-up is a handout option; add --format handout.")
    # A SQLite store that opening would leave as it is is read without opening it (and
    # without SQLAlchemy); any other store, and any doubt, goes the way of every command.
    prepared = ctx.read_unopened(lambda reader: prepare(reader, args.deck))
    if prepared is None:
        from briefing_app.services import decks

        decks.get_deck_id(ctx.store, args.deck)  # an unknown deck is one sentence, first
    # Named after the deck (unique), not its title (two decks may share one).
    target = resolve_target(args.out, args.deck, args.format)
    if target.exists() and not args.force:
        taken = target
        target = numbered(target)
        print(f"briefing-app: {taken.name} exists; writing {target.name} "
              "(--force replaces it).", file=sys.stderr)  # fmt: skip
    if prepared is None:
        result = export_deck(ctx.store, args.deck, args.format, target, _progress,
                             two_up=args.two_up)  # fmt: skip
    else:
        result = write_prepared(prepared, args.deck, args.format, target, _progress,
                                two_up=args.two_up)  # fmt: skip
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
    from briefing_app.services import decks, history

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
    from briefing_app.services import decks, history

    steps = history.steps(ctx.store, decks.get_deck_id(ctx.store, args.deck))
    if args.json:
        print_json(steps)
    elif not steps:
        print(f"Deck {args.deck!r} has no edits to undo.")
    for step in [] if args.json else steps:
        print(f"{step.id:>6}  {'(undone) ' if step.undone else ''}{step.label}")
    return 0


def _slide_field_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--title", help="the slide's title: its one message")
    p.add_argument("--subtitle", help="the slide's subtitle")
    p.add_argument("--left-heading", dest="left_heading", help="left column heading")
    p.add_argument("--right-heading", dest="right_heading", help="right column heading")
    p.add_argument("--notes", help="speaker notes (replace what is there)")
    p.add_argument(
        "--part", metavar="NAME",
        help="the part of the briefing the slide belongs to, as the agenda tracker on each "
             "slide names it (e.g. 'Risks'); '' takes it out of any part",
    )  # fmt: skip


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = commands.add_parser("decks", help="list decks")
    p.add_argument("--json", action="store_true", help="print the list as JSON")
    p.set_defaults(handler=_decks)

    deck = commands.add_parser(
        "deck", help="create, change, fill, show or delete a deck (see: deck ACTION --help)"
    )
    actions = deck.add_subparsers(dest="deck_command", metavar="ACTION", required=True)
    json_help = "print the result as JSON"

    def action(name: str, what: str, handler: Handler) -> argparse.ArgumentParser:
        p = actions.add_parser(name, help=what, description=what[:1].upper() + what[1:] + ".")
        p.add_argument("name", help="the deck's name (as `decks` lists it)")
        p.add_argument("--json", action="store_true", help=json_help)
        p.set_defaults(handler=handler)
        return p

    p = action("create", "create a deck, empty or from another", _create)
    p.add_argument(
        "--from", dest="source", metavar="DECK",
        help=f"start as a copy of DECK, or from {DEFAULT_BRIEFING} (the generated default "
             "briefing of the essay, twelve slides) or full-read-ahead (its long version)",
    )  # fmt: skip
    p.add_argument("--marking", help="handling marking, e.g. UNCLASSIFIED, OFFICIAL-SENSITIVE")
    p.add_argument("--title", help="deck title (defaults to the name)")
    p.add_argument("--template", metavar="NAME", help="a stored house template (see: templates)")

    p = action("set", "change a deck's properties (undo DECK takes it back)", _set)
    p.add_argument("--title", help="the title on the cover and in the footer")
    p.add_argument("--subtitle", help="the line under the title on the cover")
    p.add_argument("--author", metavar="AUTHOR_OR_UNIT", help="author or unit, on the cover")
    p.add_argument("--date", metavar="TEXT", help="the cover's date, e.g. '1 December 2026'")
    p.add_argument(
        "--marking", metavar="MARKING",
        help="on every page: " + ", ".join(STANDARD_MARKINGS[:4]) + ", … or any text; "
             "'' removes it",
    )  # fmt: skip
    p.add_argument("--distribution", metavar="TEXT", help="who it is for, on the cover")
    p.add_argument(
        "--template", metavar="NAME", help="a stored house template; '' for our own template"
    )

    p = action("rename", "rename a deck", _rename)
    p.add_argument("new_name", metavar="NEW_NAME", help="the new name")
    p = action("duplicate", "copy a deck with all its slides", _duplicate)
    p.add_argument("new_name", metavar="NEW_NAME", help="the name of the copy")
    action("delete", "delete a deck and its slides", _delete)

    p = action("add-slide", "add a slide (undo DECK takes it back)", _add_slide)
    p.add_argument("--layout", required=True, choices=LAYOUTS, metavar="LAYOUT",
                   help="one of " + ", ".join(LAYOUTS))  # fmt: skip
    p.add_argument("--position", type=int, metavar="N", help="where: slide number (default: last)")
    _slide_field_options(p)

    p = action("parts", "list the deck's parts (its agenda tracker) or rename one", _parts)
    p.add_argument("--rename", nargs=2, metavar=("OLD", "NEW"),
                   help="rename the part OLD to NEW on every slide in it")  # fmt: skip

    p = action("edit-slide", "change a slide's layout, title, headings, notes or part",
               _edit_slide)  # fmt: skip
    p.add_argument("--slide", type=int, required=True, metavar="N", help="slide number")
    p.add_argument("--layout", choices=LAYOUTS, metavar="LAYOUT",
                   help="one of " + ", ".join(LAYOUTS))  # fmt: skip
    _slide_field_options(p)

    p = action("add", "add library items or your own words to a slide", _add)
    p.add_argument("--slide", type=int, required=True, metavar="N", help="slide number")
    p.add_argument(
        "items", nargs="+", metavar="KIND:ID",
        help="what to add, in order: argument:3 quote:2 event:5 map:1 footnote:4, or "
             "text:'Your own words'",
    )  # fmt: skip
    p.add_argument("--text", help="the wording to show for the one library item given")
    p.add_argument("--level", type=int, choices=(0, 1), default=0,
                   help="0 a point (default), 1 a supporting sub-point")  # fmt: skip
    p.add_argument("--column", choices=("left", "right"), default="left",
                   help="which column of a two-column slide (default: left)")  # fmt: skip
    p.add_argument("--again", action="store_true",
                   help="add an item even though the slide already shows it")  # fmt: skip

    p = action("move", "move a slide, or a point within its slide", _move)
    p.add_argument("--slide", type=int, required=True, metavar="N", help="slide number")
    p.add_argument("--point", type=int, metavar="K", help="move point K of the slide instead")
    p.add_argument("--to", type=int, required=True, metavar="M", help="the new position")

    p = action("remove", "remove a slide, or one point of it", _remove)
    p.add_argument("--slide", type=int, required=True, metavar="N", help="slide number")
    p.add_argument("--point", type=int, metavar="K", help="remove only point K of the slide")

    action("show", "show a deck's slides and points", _show)

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
    p.add_argument("deck", help="the deck's name")
    p.add_argument("--format", choices=sorted(FORMATS), default="pptx", help="default: pptx")
    p.add_argument("--out", metavar="PATH", help="file or folder (default: exports/)")
    p.add_argument(
        "--force", action="store_true",
        help="replace an existing file (default: write NAME (2).EXT beside it)",
    )  # fmt: skip
    p.add_argument(
        "--two-up", action="store_true",
        help="with --format handout: two slides a page, notes beside each",
    )  # fmt: skip
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    p.set_defaults(handler=_export)
