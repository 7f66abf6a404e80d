"""CLI commands over the essay store: init, import, listings, search, review."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from briefing_app.cli.common import CommandContext, print_json, shorten
from briefing_app.domain.vocabulary import REVIEW_STATUSES

if TYPE_CHECKING:
    from briefing_app.services import library


def _init(ctx: CommandContext, args: argparse.Namespace) -> int:
    from briefing_app.services import library

    ctx.remove_foreign = args.remove_foreign
    store = ctx.store  # opening creates, upgrades and imports the bundled essay
    docs = library.documents(store)
    if store.removed_objects:
        print(f"Removed {', '.join(store.removed_objects)}, which the app did not create.")
    if store.backup_path:
        print(f"Upgraded the store; the previous version is saved as {store.backup_path}.")
    print(f"Store ready at {ctx.store.display_location}: {len(docs)} document(s).")
    return 0


def _import(ctx: CommandContext, args: argparse.Namespace) -> int:
    from briefing_app.importing.files import import_document

    done = import_document(ctx.store, Path(args.file), replace=args.replace)
    result = done.result
    print(f"{result.status.capitalize()}: {result.slug} (document {result.document_id}).")
    if done.arguments is not None:
        print(
            f"Argument map: {done.arguments.arguments} argument(s), "
            f"{done.arguments.quotes} quote(s), {done.arguments.events} event(s)."
        )
    if done.backup is not None:
        print(f"The store as it was before is saved as {done.backup}.")
    return 0


def _restore(ctx: CommandContext, args: argparse.Namespace) -> int:
    from briefing_app.store.copy import restore_rows

    store = ctx.store
    rows = restore_rows(store, Path(args.backup))
    print(
        f"Restored {rows:,} rows from {args.backup} into {store.display_location}; "
        "everything the store held before was replaced."
    )
    return 0


def _line_document(r: library.DocumentRecord) -> str:
    about = [x for x in (r.author, r.published) if x] + [f"{r.paragraphs} ¶"]
    return f"{r.id:>3}  {r.slug}  {r.title}  ({'; '.join(about)})"


def _line_paragraph(r: library.ParagraphRecord) -> str:
    return f"{r.index:>3}  {shorten(r.text, 110)}"


def _line_footnote(r: library.FootnoteRecord) -> str:
    where = f"¶{r.paragraph}@{r.offset}" if r.paragraph is not None else "uncited"
    return f"[{r.number}] {where:>9}  …{shorten(r.context, 40)}|  {shorten(r.text, 60)}"


def _line_argument(r: library.ArgumentRecord) -> str:
    return f"{r.id:>4}  {r.kind:<10} {shorten(r.label, 45):<45}  {shorten(r.claim, 70)}"


def _line_quote(r: library.QuoteRecord) -> str:
    speaker = shorten(r.speaker or r.source or "?", 22)
    return f"{r.id:>3}  {r.date or '':<10} {speaker:<22} “{shorten(r.text, 80)}”"


def _line_actor(r: library.ActorRecord) -> str:
    return f"{r.id:>3}  {r.kind:<12} {r.name:<28} {shorten(', '.join(r.aliases), 70)}"


def _line_event(r: library.EventRecord) -> str:
    mark = "*" if r.correction else " "  # corrected or caveated: see `correct event ID`
    return f"{r.date_label or r.date:<12}{mark} {shorten(r.description, 108)}"


# Each listing is the library service's function of the same name (loaded when it runs).
LISTINGS: dict[str, tuple[Callable[[Any], str], str]] = {
    "documents": (_line_document, "list imported documents"),
    "paragraphs": (_line_paragraph, "list paragraphs in order"),
    "footnotes": (_line_footnote, "list footnotes with their markers"),
    "arguments": (_line_argument, "list the argument map"),
    "quotes": (_line_quote, "list curated quotations"),
    "actors": (_line_actor, "list people, states, organisations, places"),
    "events": (_line_event, "list dated events"),
}


def _listing(name: str) -> Callable[[CommandContext, argparse.Namespace], int]:
    line, _ = LISTINGS[name]

    def run(ctx: CommandContext, args: argparse.Namespace) -> int:
        from briefing_app.services import library

        fetch: Callable[..., list[Any]] = getattr(library, name)
        if name == "documents":
            records = fetch(ctx.store)
        else:
            records = fetch(ctx.store, getattr(args, "document", None))
        if args.json:
            print_json(records)
        else:
            for record in records:
                print(line(record))
        return 0

    return run


def _search(ctx: CommandContext, args: argparse.Namespace) -> int:
    from briefing_app.services import search

    hits = search.search(ctx.store, args.query, args.limit)
    if args.json:
        print_json(
            [
                {
                    "kind": h.kind,
                    "id": h.id,
                    "title": h.title,
                    "snippet": h.snippet,
                    "highlights": h.highlights,
                    "rank": h.rank,
                }
                for h in hits
            ]
        )
        return 0
    if not hits:
        print("No matches.")
    for hit in hits:
        print(f"{hit.kind:<9} {hit.id:>4}  {shorten(hit.title, 40)}")
        print(f"               {hit.marked_snippet('[', ']')}")
    return 0


def _review(ctx: CommandContext, args: argparse.Namespace) -> int:
    from briefing_app.services import library, review

    if args.status:
        record = review.add_review(ctx.store, args.argument, args.status, args.comment, args.author)
        if args.json:
            print_json(record)
        else:
            print(f"Argument {record.argument_id} marked {record.status}.")
        return 0
    library.argument(ctx.store, args.argument)  # raises a clear error for unknown ids
    records = review.reviews(ctx.store, args.argument)
    if args.json:
        print_json(records)
    for r in [] if args.json else records:
        print(f"{r.created_at}  {r.status:<12} {r.author or '-':<16} {r.comment}")
    return 0


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = commands.add_parser("init", help="create or upgrade the store, import the bundled essay")
    p.add_argument(
        "--remove-foreign",
        action="store_true",
        help="remove triggers and views the app did not create (they are named when refused)",
    )
    p.set_defaults(handler=_init)
    p = commands.add_parser(
        "restore",
        help="replace everything in the store with a backup's rows (a SQLite store file)",
        description="Replace every row of the store given with --db (SQLite or a team "
        "store) with those of BACKUP, a store file such as the "
        "team-store.before-replace-TIME.sqlite that import --replace writes, in one "
        "transaction: if it fails, the store is unchanged. The backup file is not changed.",
    )
    p.add_argument("backup", help="the backup store file (.sqlite)")
    p.set_defaults(handler=_restore)
    p = commands.add_parser(
        "import",
        help="import a document (essay text or Markdown) with its NAME.meta.toml",
        description="Import a document and the argument map its NAME.meta.toml names, all or "
        "nothing. Files it names must sit in its folder. Exit 0 on success, 2 when the input "
        "is refused (the store is left unchanged).",
    )
    p.add_argument("file", help="an essay-text or Markdown file")
    p.add_argument(
        "--replace",
        action="store_true",
        help="replace a stored document of the same slug (the store is backed up first)",
    )
    p.set_defaults(handler=_import)
    for name, (_, help_text) in LISTINGS.items():
        p = commands.add_parser(name, help=help_text)
        p.add_argument("--json", action="store_true", help="print JSON for scripts")
        if name != "documents":
            p.add_argument("--document", metavar="SLUG", help="only this document")
        p.set_defaults(handler=_listing(name))
    p = commands.add_parser("search", help="full-text search, best matches first")
    p.add_argument("query", help="words to find (accents optional: Vucic finds Vučić)")
    p.add_argument("--limit", type=int, default=20, help="at most this many hits (20)")
    p.add_argument("--json", action="store_true", help="print JSON for scripts")
    p.set_defaults(handler=_search)
    p = commands.add_parser("review", help="show or add review annotations of an argument")
    p.add_argument("argument", type=int, metavar="ARGUMENT_ID", help="as `arguments` lists it")
    p.add_argument("--status", choices=REVIEW_STATUSES,
                   help="record this status (without it: show the reviews)")  # fmt: skip
    p.add_argument("--comment", default="", help="why: the reviewer's comment")
    p.add_argument("--author", default="", help="who reviewed it (may be left out)")
    p.add_argument("--json", action="store_true", help="print JSON for scripts")
    p.set_defaults(handler=_review)
