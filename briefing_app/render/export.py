"""Export a stored deck: compose → lay out once → draw with the chosen renderer."""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from briefing_app.deck.compose import compose_read
from briefing_app.layout.boxes import LaidDeck
from briefing_app.layout.engine import layout_deck
from briefing_app.paths import EXPORTS_DIR
from briefing_app.progress import Progress
from briefing_app.render.atomic import ExportTargetError, check_target, safe_filename
from briefing_app.store.errors import StoreError
from briefing_app.store.reading import StoreReader
from briefing_app.templates.art import TemplateLook
from briefing_app.templates.stored import Analysed, stored_template_of

if TYPE_CHECKING:
    from briefing_app.store.store import Store

# (deck, path, progress, **options) → the written path; options differ per format.
Renderer = Callable[..., Path]

# format → (file extension, renderer module, function); renderers load on first export,
# so opening the app does not pay for python-pptx and reportlab.
FORMATS: dict[str, tuple[str, str, str]] = {
    "pptx": ("pptx", "briefing_app.render.pptx_renderer", "render_pptx"),
    "pdf": ("pdf", "briefing_app.render.pdf_renderer", "render_pdf"),
    "handout": ("pdf", "briefing_app.render.pdf_renderer", "render_handout"),
}


def renderer(fmt: str) -> Renderer:
    _, module, function = FORMATS[fmt]
    found: Renderer = getattr(importlib.import_module(module), function)
    return found


@dataclass(frozen=True)
class ExportResult:
    path: Path
    slides: int
    warnings: list[str]


def default_export_path(title: str, fmt: str, folder: Path | None = None) -> Path:
    extension = FORMATS[fmt][0]
    tail = " handout" if fmt == "handout" else ""
    return (folder or EXPORTS_DIR) / safe_filename(title, extension, tail=tail)


@dataclass(frozen=True)
class Prepared:
    """A deck composed and laid out, with what writing it needs: its house template."""

    deck: LaidDeck
    warnings: list[str]
    template: Analysed | None  # None: our own


def prepare(reader: StoreReader, name: str) -> Prepared:
    """The deck ``name`` composed and laid out, as every renderer will draw it: on the
    page of its house template, in that template's frames, when it has one."""
    composed = compose_read(reader, name)
    stored = stored_template_of(reader, name)
    font_warnings: tuple[str, ...] = ()
    if stored is None:
        laid = layout_deck(composed.content)
    else:
        look = TemplateLook(*stored)
        laid = layout_deck(composed.content, theme=look.theme)
        laid = replace(laid, slides=tuple(look.finish(s, laid.date_label) for s in laid.slides))
        font_warnings = look.match.info.warnings  # a theme font with no free twin
    seen = [*composed.warnings, *font_warnings]
    return Prepared(laid, [*seen, *(w for w in laid.warnings if w not in seen)], stored)


def laid_out(store: Store, name: str) -> tuple[LaidDeck, list[str]]:
    """:func:`prepare` on ``store``: the laid deck and every warning."""
    with store.reader() as reader:
        prepared = prepare(reader, name)
    return prepared.deck, prepared.warnings


def resolve_target(out: Path | str | None, title: str, fmt: str) -> Path:
    """The file to write: ``out`` itself, or a safe name inside ``out`` when it is a folder
    (an existing one, or a path written with a trailing slash), or inside exports/.

    A target that is not a regular file in a writable folder is refused before its
    extension is added: ``--out /dev/full`` is a device, not a request for /dev/full.pdf.
    """
    extension = f".{FORMATS[fmt][0]}"
    if out is None:
        target = default_export_path(title, fmt)
    else:
        text = str(out)
        path = Path(out)
        if not text.strip():
            raise ExportTargetError(
                "An empty path is not an export target; give a file or a folder."
            )
        if path.is_dir() or text.endswith(("/", os.sep)):
            target = default_export_path(title, fmt, path)
        else:
            check_target(path)
            target = path
            if path.suffix.lower() != extension:
                target = path.with_name(path.name + extension)
    check_target(target)
    return target


def export_deck(
    store: Store,
    name: str,
    fmt: str,
    out: Path | str | None = None,
    progress: Progress | None = None,
    *,
    two_up: bool = False,
) -> ExportResult:
    """Write the deck to ``out`` (a file, a folder, or None for exports/) atomically and
    return what was written with every warning (composing and layout); ``two_up`` puts
    two slides on a handout page."""
    if fmt not in FORMATS:
        raise StoreError(f"{fmt!r} is not an export format; use pptx, pdf or handout.")
    if two_up and fmt != "handout":
        raise StoreError("Two slides a page is a handout option; export with --format handout.")
    with store.reader() as reader:
        prepared = prepare(reader, name)
    return write_prepared(prepared, name, fmt, out, progress, two_up=two_up)


def write_prepared(
    prepared: Prepared,
    name: str,
    fmt: str,
    out: Path | str | None = None,
    progress: Progress | None = None,
    *,
    two_up: bool = False,
) -> ExportResult:
    """Write a prepared deck as :func:`export_deck` does (the read already done)."""
    deck, warnings = prepared.deck, prepared.warnings
    if not deck.slides:
        raise StoreError(
            f"The deck {name!r} has no slides, so there is nothing to export; add a slide first."
        )
    if deck.blocking:
        raise StoreError("Not exported: " + " ".join(deck.blocking))
    out = resolve_target(out, deck.title or name, fmt)
    if fmt == "pptx":
        from briefing_app.render.pptx_template import stored_template

        stored = prepared.template
        template = stored_template(*stored) if stored is not None else None
        path = renderer(fmt)(deck, out, progress, template=template)
    else:
        options = {"two_up": True} if two_up else {}
        path = renderer(fmt)(deck, out, progress, **options)
    return ExportResult(path=Path(path), slides=len(deck.slides), warnings=warnings)
