"""The deck editor: deck picker and layout picker on a slim toolbar, the slide strip on the
left, the current slide big in the middle and its speaker notes below.

Every edit is an undoable core command run through :class:`Operations` and reaches the
store at once (typing after a short pause), so nothing waits for a save. What is shown is
re-read from the store when ``StoreEvents.changed`` says it changed (only the slides an
edit touched, when nothing else can have moved) and laid out by the one layout engine,
exactly as it will export.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import pairwise
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QSizePolicy,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from briefing_app.deck.outline import DEFAULT_OUTLINE, build_from_outline
from briefing_app.deck.preview import DeckPreview, Previewer, SlidePreview
from briefing_app.domain.errors import BriefingError
from briefing_app.gui.commands import Operations
from briefing_app.gui.deck import exporting
from briefing_app.gui.deck.canvas import LayoutPicker, SlideCanvas
from briefing_app.gui.deck.deck_list import DeckList
from briefing_app.gui.deck.notes import NotesPanel
from briefing_app.gui.deck.strip import SlideStrip
from briefing_app.gui.errors import report_unexpected
from briefing_app.gui.events import Origin
from briefing_app.gui.tasks import TaskRunner
from briefing_app.layout import registry
from briefing_app.layout.slide_layout import PresentItem
from briefing_app.maps import geodata
from briefing_app.render.export import ExportResult, default_export_path, export_deck
from briefing_app.services import commands as cmd
from briefing_app.services import decks
from briefing_app.store.changes import Changes
from briefing_app.store.errors import NotFoundError
from briefing_app.store.store import Store

Refs = list[tuple[str, int]]


MAP_WARMUP_DELAY_MS = 250


class DeckEditor(QWidget):
    """Edits one deck at a time; the main window connects its actions to the methods here."""

    statusMessage = Signal(str)
    deckShown = Signal(object)  # the id of the deck now shown, or None

    def __init__(
        self,
        store: Store,
        operations: Operations,
        tasks: TaskRunner,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("deckEditor")
        self.setAccessibleName("Deck editor")
        self.store, self.ops, self.tasks = store, operations, tasks
        self.events = operations.events
        self.previewer = Previewer(defer_maps=True)
        self.preview: DeckPreview | None = None
        self._deck: str | None = None
        self._deck_id: int | None = None
        self._slide_id: int | None = None
        self.export_box: QMessageBox | None = None
        self.last_export: ExportResult | None = None
        # Dialog hooks: tests replace these so nothing blocks on a native dialog.
        self.choose_export_path: Callable[[str, Path], Path | None] = lambda fmt, suggested: (
            exporting.ask_export_path(self, fmt, suggested)
        )
        self.ask_text: Callable[[str, str, str], str | None] = self._ask_text
        self.ask_part: Callable[[str, list[str]], str | None] = self._ask_part
        self.ask_part_rename: Callable[[str, list[str]], tuple[str, str] | None] = (
            self._ask_part_rename
        )
        self.confirm: Callable[[str, str], bool] = self._confirm
        self._build()
        self._connect()

    # --- construction -------------------------------------------------------------------

    def _build(self) -> None:
        self.deck_list = DeckList(self)
        self.layout_picker = LayoutPicker(self)
        self.new_slide_button = QToolButton(self)
        self.new_slide_button.setObjectName("newSlideButton")
        self.new_slide_button.setText("+ New Slide")
        self.new_slide_button.setToolTip("Add a slide after the current one (Ctrl+M)")
        self.new_slide_button.setAccessibleName("New slide")
        self.new_slide_button.setAutoRaise(True)
        self.slide_info = QLabel(self)
        self.slide_info.setObjectName("slideInfo")
        self.slide_info.setAccessibleName("Current slide")
        self.slide_info.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        # Never narrower than the counter: a small window clips the warning, not the count.
        self.slide_info.setMinimumWidth(
            self.slide_info.fontMetrics().horizontalAdvance("Slide 99 of 99  ⚠") + 2
        )
        self.slide_info.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

        toolbar = QFrame(self)
        toolbar.setObjectName("deckToolbar")
        bar = QHBoxLayout(toolbar)
        bar.setContentsMargins(8, 4, 8, 4)
        bar.setSpacing(6)
        bar.addWidget(self.deck_list, 1)
        bar.addWidget(_separator(toolbar))
        bar.addWidget(self.new_slide_button)
        layout_label = QLabel("&Layout:", toolbar)
        layout_label.setBuddy(self.layout_picker)
        bar.addWidget(layout_label)
        bar.addWidget(self.layout_picker)
        bar.addWidget(self.slide_info, 1)
        toolbar.setStyleSheet(
            "QFrame#deckToolbar { background: #F7F8FA; border-bottom: 1px solid #DADCE0; }"
            " QLabel#slideInfo { color: #595959; }"
        )

        self.strip = SlideStrip(self)
        self.canvas = SlideCanvas(self)
        self.notes = NotesPanel(self)
        self.canvas_splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.canvas_splitter.setObjectName("deckCanvasSplitter")
        self.canvas_splitter.addWidget(self.canvas)
        self.canvas_splitter.addWidget(self.notes)
        self.canvas_splitter.setStretchFactor(0, 1)
        self.canvas_splitter.setStretchFactor(1, 0)
        self.canvas_splitter.setSizes([640, 150])
        self.canvas_splitter.setChildrenCollapsible(False)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("deckEditorSplitter")
        self.splitter.addWidget(self.strip)
        self.splitter.addWidget(self.canvas_splitter)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([262, 900])
        self.splitter.setHandleWidth(1)
        self.splitter.setStyleSheet("QSplitter#deckEditorSplitter::handle { background: #DADCE0; }")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(toolbar)
        layout.addWidget(self.splitter, 1)

        chain: list[QWidget] = [self.deck_list.combo, self.deck_list.button,
                                self.new_slide_button, self.layout_picker, self.strip,
                                self.canvas, self.notes.edit]  # fmt: skip
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)

    def _connect(self) -> None:
        self.deck_list.deckChosen.connect(self.open_deck)
        self.deck_list.requested.connect(self._deck_request)
        self.layout_picker.layoutChosen.connect(self._change_layout)
        self.new_slide_button.clicked.connect(lambda: self.new_slide())
        self.strip.currentSlideChanged.connect(self._slide_chosen)
        self.strip.moveRequested.connect(self.move_slide)
        self.strip.deleteRequested.connect(self._delete_slide)
        self.strip.sourcesDropped.connect(self._add_sources)
        self.strip.editTitleRequested.connect(self._edit_title)
        self.canvas.textCommitted.connect(self._text_committed)
        self.canvas.sourcesDropped.connect(self.add_sources)
        self.canvas.deleteItemRequested.connect(self._delete_item)
        self.canvas.moveItemRequested.connect(self._move_item)
        self.canvas.levelRequested.connect(self._set_level)
        self.canvas.hint.connect(self.statusMessage)
        self.canvas.itemSelected.connect(lambda _: self._update_info())
        self.notes.notesEdited.connect(self._notes_edited)
        self.events.changed.connect(self._store_changed)
        self.ops.failed.connect(self._write_failed)

    # --- writes and what they changed ---------------------------------------------------

    @property
    def undo_stack(self) -> QUndoStack:
        """The undo stack of the deck shown (each deck has its own)."""
        return self.ops.stack(self._deck_id if self._deck_id is not None else "no deck")

    def _push(self, command: cmd.Command) -> bool:
        """Run an undoable edit; whether it was made."""
        return self.ops.push(command, self) is None

    def _store_changed(self, changes: Changes, origin: Origin) -> None:
        """Show what changed: the slides an edit touched, or the whole deck if more moved."""
        if changes.deck_list:
            self._decks_changed(changes)
        deck_id = self._deck_id
        if deck_id is None or self._deck is None:
            return
        if origin.deck_id == deck_id and origin.focus is not None:
            self._slide_id = origin.focus
        mine = deck_id in changes.decks
        whole = mine and (deck_id in changes.slide_order or deck_id in changes.deck_fields)
        if whole or changes.maps or changes.corrections:  # maps and corrections: rare, wide
            self.reload()
            return
        slides = set(changes.slides) if mine else set()
        if changes.arguments and self.preview is not None:
            slides |= self._showing(changes.arguments)
        if not slides and not mine:
            return  # nothing shown here changed
        if slides and self.preview is not None:
            stored = origin.slides if origin.deck_id == deck_id else None
            preview = self.previewer.refresh(self.store, self.preview, slides, changes, stored)
            if preview is not None:
                self._show(preview, self.preview.index_of(self._slide_id))
                return
        self.reload()

    def _showing(self, arguments: frozenset[int]) -> set[int]:
        """Slides that may show these arguments: as points, or listed beside a map."""
        assert self.preview is not None
        return {
            s.record.id
            for s in self.preview.slides
            if any(i.source_kind == "map" or (i.source_kind == "argument"
                                              and i.source_id in arguments)
                   for i in s.record.items)
        }  # fmt: skip

    def _write_failed(self, message: str, conflict: bool, deck_id: int | None) -> None:
        """Show why, then show the store as it is (someone else may have changed it).

        ``conflict``: the edit was based on text someone else has changed since; the open
        inline editor is closed without writing, so their text is what remains.
        """
        if deck_id is None or deck_id != self._deck_id:
            return
        self.statusMessage.emit(message)
        if conflict:
            self.canvas.abandon_edit()
        self.reload()

    # --- decks --------------------------------------------------------------------------

    def current_deck(self) -> str | None:
        return self._deck

    def current_deck_id(self) -> int | None:
        return self._deck_id

    def current_slide(self) -> SlidePreview | None:
        return self.preview.slide(self._slide_id) if self.preview else None

    def open_deck(self, name: str, slide_id: int | None = None) -> None:
        """Show the deck ``name`` (its first slide unless ``slide_id`` is given)."""
        if name == self._deck and self.preview is not None and slide_id is None:
            self._refresh_deck_list()
            return
        self.commit_pending_edits()
        self._deck, self._deck_id, self.preview = name, None, None
        self._slide_id = slide_id
        self.strip.cache.clear()
        self.reload()
        if self.preview is None:
            self._deck = None
        self._refresh_deck_list()

    def reload(self) -> None:
        """Re-read the current deck from the store and show it."""
        if self._deck is None:
            self._show(None)
            return
        old_index = self.preview.index_of(self._slide_id) if self.preview else 0
        try:
            preview = self.previewer.preview(self.store, self._deck)
        except NotFoundError:
            self._deck = self._deck_id = None
            self._show(None)
            return
        self._show(preview, old_index)
        if self.previewer.deferred:  # load map data once the window has been painted
            QTimer.singleShot(MAP_WARMUP_DELAY_MS, self._warm_maps)

    def _warm_maps(self) -> None:
        self.tasks.run_quietly(lambda _progress: geodata.subset(), lambda _: self.reload())

    def _show(self, preview: DeckPreview | None, old_index: int = 0) -> None:
        shown = self._deck_id
        self.preview = preview
        self._deck_id = preview.record.id if preview else None
        if self._deck_id != shown:
            self.deckShown.emit(self._deck_id)
        slides = preview.slides if preview else ()
        if preview is not None and preview.slide(self._slide_id) is None:
            self._slide_id = (
                slides[min(max(old_index, 0), len(slides) - 1)].record.id if slides else None
            )
        self.strip.set_preview(preview)
        if self.strip.current_slide_id() != self._slide_id:  # else the strip stays as it is
            self.strip.select_slide(self._slide_id, notify=False)
        self._show_slide()

    def _show_slide(self) -> None:
        slide = self.current_slide()
        self.canvas.set_slide(slide)
        self.layout_picker.show_layout(slide.record.layout if slide else None)
        self.notes.show_notes(
            slide.record.id if slide else None, slide.record.notes if slide else ""
        )
        self._update_info()

    def _update_info(self) -> None:
        slide = self.current_slide()
        if slide is None or self.preview is None:
            self.slide_info.setText("")
            return
        laid = len(self.preview.laid_slides)
        text = f"Slide {slide.first.number} of {laid}"
        # this slide's own warnings (too many words, empty, a title set small) come first
        own = [w for page in slide.pages for w in (*page.blocking, *page.warnings)]
        warnings = list(dict.fromkeys([*own, *self.preview.warnings]))
        self.slide_info.setToolTip("\n".join(warnings))
        if warnings:
            full = f"{text}  ·  ⚠ {warnings[0]}"
            room = self.slide_info.width() - 4
            metrics = self.slide_info.fontMetrics()
            text = full if metrics.horizontalAdvance(full) <= room else f"{text}  ⚠"
        self.slide_info.setText(text)

    def _refresh_deck_list(self) -> None:
        names = [name for name, _, _ in decks.list_decks(self.store)]
        self.deck_list.set_decks(names, self._deck)

    def _slide_chosen(self, slide_id: int | None) -> None:
        if slide_id == self._slide_id:
            return
        self._slide_id = slide_id  # first, so edits flushed now do not pull the view back
        self.canvas.finish_edit()
        self.notes.flush()
        self._show_slide()

    def _deck_request(self, what: str) -> None:
        {"new": self.new_deck, "rename": self.rename_deck, "duplicate": self.duplicate_deck,
         "delete": self.delete_deck}[what]()  # fmt: skip

    def _unique_name(self, base: str) -> str:
        names = {name for name, _, _ in decks.list_decks(self.store)}
        if base not in names:
            return base
        n = 2
        while f"{base} {n}" in names:
            n += 1
        return f"{base} {n}"

    def new_deck(self, from_default: bool = False) -> None:
        suggestion = self._unique_name("Default briefing" if from_default else "Untitled deck")
        name = self.ask_text("New Deck", "Name of the new deck:", suggestion)
        if not name:
            return

        def create() -> decks.DeckRecord:
            if from_default:
                return build_from_outline(self.store, DEFAULT_OUTLINE, name)
            return decks.create_deck(self.store, name, title=name)

        deck = self.ops.run(create, self, on_error=lambda s: self._error("New deck", s))
        if deck is not None:
            self.open_deck(deck.name)
            self.statusMessage.emit(f"Created the deck “{deck.name}”.")

    def rename_deck(self) -> None:
        if self._deck is None:
            return
        name = self.ask_text("Rename Deck", "New name of the deck:", self._deck)
        if not name or name == self._deck:
            return
        assert self._deck_id is not None
        refused = self.ops.push(cmd.edit_deck(self._deck_id, name=name), self)
        if refused is not None:
            self._error("Rename deck", refused)
        else:
            self.statusMessage.emit(f"Renamed the deck to “{self._deck}”.")

    def duplicate_deck(self) -> None:
        if self._deck is None:
            return
        name = self.ask_text(
            "Duplicate Deck", "Name of the copy:", self._unique_name(f"{self._deck} copy")
        )
        if not name:
            return
        original = self._deck
        copy = self.ops.run(
            lambda: decks.duplicate_deck(self.store, original, name),
            self,
            on_error=lambda s: self._error("Duplicate deck", s),
        )
        if copy is not None:
            self.open_deck(copy.name)
            self.statusMessage.emit(f"Copied the deck to “{copy.name}”.")

    def delete_deck(self) -> None:
        if self._deck is None or self.preview is None:
            return
        name, count = self._deck, len(self.preview.slides)
        question = (f"Delete the deck “{name}” and its {count} slide{'s' if count != 1 else ''}? "
                    "This cannot be undone.")  # fmt: skip
        if not self.confirm("Delete Deck", question):
            return
        self.canvas.finish_edit()
        self.notes.flush()
        done = self.ops.run(
            lambda: decks.delete_deck(self.store, name),
            self,
            on_error=lambda s: self._error("Delete deck", s),
        )
        if done is not None:
            self.statusMessage.emit(f"Deleted the deck “{name}”.")

    # --- slides -------------------------------------------------------------------------

    def new_slide(self, layout: str = "argument") -> None:
        if self._deck is None or self.preview is None or self._deck_id is None:
            self.statusMessage.emit("Open or create a deck first.")
            return
        self.commit_pending_edits()
        position = self.preview.index_of(self._slide_id) + 1 or len(self.preview.slides)
        command = cmd.add_slide(self.store, self._deck_id, layout, position)
        if not self._push(command):
            return
        self.select_slide(command.slide_id)
        self.canvas.setFocus()
        self.statusMessage.emit("Added a slide. Press F2 to give it a title.")

    def set_slide_part(self) -> None:
        """Ask which part of the briefing the current slide belongs to (the agenda tracker
        on each slide of a part lists the deck's parts); "" takes it out of any part."""
        slide = self.current_slide()
        if slide is None or self.preview is None:
            self.statusMessage.emit("Open a deck and choose a slide first.")
            return
        self.commit_pending_edits()
        part = self.ask_part(slide.record.part, list(self.preview.record.parts))
        if part is None:
            return
        part = decks.part_name(part)
        number = slide.first.number
        if part == slide.record.part:
            self.statusMessage.emit(f"Slide {number} was left in its part.")
            return
        if self._push(cmd.set_part(self.store, slide.record.id, part)):
            self.statusMessage.emit(
                f"Slide {number} is now in the part “{part}” (shown in the agenda tracker)."
                if part
                else f"Slide {number} is no longer in a part."
            )

    def rename_slide_part(self) -> None:
        """Ask which part of the briefing to rename (the current slide's first) and its
        new name; every slide in it takes the name, as one undoable step."""
        if self.preview is None or self._deck_id is None:
            self.statusMessage.emit("Open a deck first.")
            return
        parts = list(self.preview.record.parts)
        if not parts:
            self.statusMessage.emit(
                "This deck has no parts yet: Edit › Slide Part… puts a slide in one."
            )
            return
        self.commit_pending_edits()
        slide = self.current_slide()
        current = slide.record.part if slide is not None and slide.record.part else parts[0]
        answer = self.ask_part_rename(current, parts)
        if answer is None:
            return
        old, new = answer[0], decks.part_name(answer[1])
        if not new or new == old:
            self.statusMessage.emit(f"The part “{old}” keeps its name.")
            return
        count = sum(s.record.part == old for s in self.preview.slides)
        if self._push(cmd.rename_part(self.store, self._deck_id, old, new)):
            slides = f"{count} slide{'s' * (count != 1)}"
            self.statusMessage.emit(f"Renamed the part “{old}” to “{new}” on {slides}.")

    def select_slide(self, slide_id: int | None) -> None:
        if self.preview is not None and self.preview.slide(slide_id) is not None:
            self.strip.select_slide(slide_id, notify=False)
            self._slide_chosen(slide_id)

    def move_slide(self, slide_id: int, position: int) -> None:
        self.commit_pending_edits()
        if self._push(cmd.move_slide(self.store, slide_id, position)):
            self.select_slide(slide_id)

    def _delete_slide(self, slide_id: int) -> None:
        self.canvas.finish_edit()
        self.notes.flush()
        slide = self.preview.slide(slide_id) if self.preview else None
        if slide is not None and (slide.record.items or slide.record.title.strip()):
            count = len(slide.record.items)
            title = slide.record.title.strip() or f"slide {slide.first.number}"
            points = f" and its {count} point{'s' if count != 1 else ''}" if count else ""
            if not self.confirm("Delete Slide", f"Delete “{title}”{points}? Undo brings it back."):
                self.statusMessage.emit("The slide was not deleted.")
                return
        if self._push(cmd.delete_slide(self.store, slide_id)):
            self.statusMessage.emit("Deleted the slide (Undo brings it back).")

    def delete_selection(self) -> None:
        """Delete the selected point, or the current slide when no point is selected."""
        item = self.canvas.selected_item()
        if item is not None and not self.strip.hasFocus() and self._slide_id is not None:
            self._delete_item(item)
        elif self._slide_id is not None:
            self._delete_slide(self._slide_id)

    def _edit_title(self) -> None:
        self.canvas.setFocus()
        self.canvas.edit_title()

    def _change_layout(self, layout: str) -> None:
        slide = self.current_slide()
        if slide is not None and slide.record.layout != layout:
            self.commit_pending_edits()
            self._push(cmd.change_layout(self.store, slide.record.id, layout))

    # --- points -------------------------------------------------------------------------

    def add_sources(self, refs: Refs) -> None:
        """Add library pieces to the current slide (quotes and events find their layouts)."""
        self._add_sources(refs, self._slide_id, None)

    def _add_sources(self, refs: Refs, slide_id: int | None, insert_at: int | None) -> None:
        if self._deck is None or self.preview is None or self._deck_id is None or not refs:
            if not refs:
                return
            self.statusMessage.emit("Open or create a deck first.")
            return
        self.commit_pending_edits()
        preview, deck_id = self.preview, self._deck_id
        target = preview.slide(slide_id) if insert_at is None else None
        already: Refs = []
        if target is not None:
            present_refs = {(i.source_kind, i.source_id) for i in target.record.items}
            already = [r for r in refs if r in present_refs]
            refs = [r for r in refs if r not in present_refs]
        if not refs:
            self.statusMessage.emit(_already_sentence(already))
            return
        if insert_at is None:
            index = preview.index_of(slide_id)
            insert_at = index + 1 if index >= 0 else len(preview.slides)
        items = target.record.items if target else []
        present = [PresentItem(i.source_kind, i.column) for i in items]
        layout = target.record.layout if target else None
        plan = registry.plan_drop(refs, layout, present)
        shown: list[int] = []

        def build(batch: cmd.Batch, store: Store) -> None:
            position = insert_at
            if target is not None and plan.onto_target:
                points = [p.point() for p in plan.onto_target]
                batch.run(store, cmd.add_items(store, target.record.id, points))
                shown.append(target.record.id)
            for layout, placements in plan.new_slides:
                add = cmd.add_slide(store, deck_id, layout, position)
                batch.run(store, add)
                assert add.slide_id is not None
                points = [p.point() for p in placements]
                batch.run(store, cmd.add_items(store, add.slide_id, points))
                shown.append(add.slide_id)
                position += 1

        if not self._push(cmd.Batch("Add to slide", deck_id, build)):
            return
        if shown:
            self.select_slide(shown[-1])
        count = len(refs)
        message = f"Added {count} item{'s' if count != 1 else ''} to the deck."
        if already:
            message += " " + _already_sentence(already)
        self.statusMessage.emit(message)

    def _selected_record(self) -> tuple[int, Any] | None:
        slide, item_id = self.current_slide(), self.canvas.selected_item()
        if slide is None or item_id is None:
            return None
        item = next((i for i in slide.record.items if i.id == item_id), None)
        return (slide.record.id, item) if item is not None else None

    def reset_selected_item(self) -> None:
        self.commit_pending_edits()
        found = self._selected_record()
        if found is None:
            self.statusMessage.emit("Select a point on the slide first.")
            return
        slide_id, item = found
        if item.source_text is None:
            self.statusMessage.emit("This point is your own text; there is no source to reset to.")
        elif not item.differs_from_source:
            self.statusMessage.emit("This point already has its source's wording.")
        elif self._push(cmd.reset_item(self.store, slide_id, item.id)):
            self.statusMessage.emit("Put the source's wording back.")

    def _delete_item(self, item_id: int) -> None:
        if self._slide_id is not None:
            self.canvas.finish_edit()
            if self._push(cmd.delete_item(self.store, self._slide_id, item_id)):
                self.statusMessage.emit("Deleted the point (Undo brings it back).")

    def _move_item(self, item_id: int, position: int) -> None:
        if self._slide_id is not None:
            self._push(cmd.move_item(self.store, self._slide_id, item_id, position))
            self.canvas.select_item(item_id)

    def _set_level(self, item_id: int, level: int) -> None:
        if self._slide_id is not None:
            self._push(cmd.set_item_level(self.store, self._slide_id, item_id, level))
            self.canvas.select_item(item_id)

    # --- text ---------------------------------------------------------------------------

    def _text_committed(
        self, slide_id: int, kind: str, item_id: int | None, text: str, key: object
    ) -> None:
        slide = self.preview.slide(slide_id) if self.preview else None
        if slide is None:
            return
        if kind == "item":
            item = next((i for i in slide.record.items if i.id == item_id), None)
            if item is None or item.text == text:
                return
            self._push(cmd.edit_item_text(self.store, slide_id, item.id, text, shown=item.text,
                                          merge_key=key, deck_id=self._deck_id))  # fmt: skip
        else:
            shown = getattr(slide.record, kind)
            if shown == text:
                return
            self._push(cmd.edit_slide_field(self.store, slide_id, kind, text, shown=shown,
                                            merge_key=key, deck_id=self._deck_id))  # fmt: skip

    def _notes_edited(self, slide_id: int, text: str, key: object) -> None:
        slide = self.preview.slide(slide_id) if self.preview else None
        if slide is not None and slide.record.notes != text:
            self._push(cmd.edit_slide_field(self.store, slide_id, "notes", text,
                                            shown=slide.record.notes, merge_key=key,
                                            deck_id=self._deck_id))  # fmt: skip

    def commit_pending_edits(self) -> None:
        """Write text still waiting for its typing pause (Ctrl+S, closing, switching)."""
        self.canvas.flush()
        self.notes.flush()

    # --- other panels -------------------------------------------------------------------

    def _decks_changed(self, changes: Changes) -> None:
        """Decks were created, renamed or deleted: follow a rename, leave a deleted deck."""
        for deck_id in changes.decks_deleted:
            self.ops.drop(deck_id)
        if self._deck_id is not None and self._deck_id in changes.decks_deleted:
            self._deck = self._deck_id = self.preview = None
            names = [n for n, _, _ in decks.list_decks(self.store)]
            if names:
                self.open_deck(names[0])
                return
            self._show(None)
        elif self._deck_id is not None:
            try:
                self._deck = decks.deck_name_of(self.store, self._deck_id)
            except NotFoundError:
                self._deck = self._deck_id = self.preview = None
                self._show(None)
        self._refresh_deck_list()

    # --- export -------------------------------------------------------------------------

    def export(self, fmt: str) -> None:
        """Ask for a file, export in the background, then offer to open it."""
        if self._deck is None or self.preview is None:
            self.statusMessage.emit("Open a deck to export it.")
            return
        self.commit_pending_edits()
        # Named after the deck, which is unique (two decks may share a title); the save
        # dialog asks before replacing a file that is already there.
        suggested = default_export_path(self._deck, fmt, exporting.last_folder())
        path = self.choose_export_path(fmt, suggested)
        if path is None:
            return
        exporting.remember_folder(path)
        warnings = exporting.export_warnings(self.preview)
        if warnings and not exporting.has_blocking(self.preview):
            # the user decides before the file is written; Cancel writes nothing
            box = exporting.warnings_box(self, fmt, warnings)
            self.export_box = box

            def answered() -> None:
                if exporting.chose_export(box):
                    self._start_export(fmt, path)
                else:
                    self.statusMessage.emit("Export cancelled; nothing was written.")

            box.finished.connect(answered)
            box.open()
            return
        self._start_export(fmt, path)

    def _start_export(self, fmt: str, path: Path) -> None:
        """Write the export in the background (its warnings shown again when done)."""
        if self._deck is None or self.preview is None:
            self.statusMessage.emit("Open a deck to export it.")
            return
        store, name = self.store, self._deck
        notice = exporting.warnings_notice(self.preview)
        if notice:
            self.statusMessage.emit(notice)
        self.tasks.run(
            f"Exporting “{name}”",
            lambda progress: export_deck(store, name, fmt, path, progress),
            self._export_done,
            self._export_failed,
        )

    def _export_done(self, result: ExportResult) -> None:
        self.last_export = result
        self.statusMessage.emit(f"Exported {result.path.name}.")
        self.export_box = exporting.result_box(self, result)

    def _export_failed(self, exc: BaseException) -> None:
        if exporting.is_cancel(exc):
            self.statusMessage.emit("Export cancelled.")
            return
        if not isinstance(exc, (BriefingError, OSError)):  # a bug: logged and shown as such
            report_unexpected(exc, "exporting the deck")
            self.statusMessage.emit("The export failed unexpectedly; the deck is unchanged.")
            return
        sentence = exporting.failure_sentence(exc)
        self.statusMessage.emit(sentence)
        self.export_box = exporting.error_box(self, "Export failed", sentence)

    # --- dialogs and state --------------------------------------------------------------

    def _ask_text(self, title: str, label: str, default: str) -> str | None:
        text, ok = QInputDialog.getText(self, title, label, QLineEdit.EchoMode.Normal, default)
        return text.strip() if ok and text.strip() else None

    def _ask_part(self, current: str, parts: list[str]) -> str | None:
        """The part chosen from the deck's parts or typed anew; "" for none; None: cancel."""
        none = "(no part)"
        choices = [none, *parts]
        at = choices.index(current) if current in choices else 0
        label = ("Part of the briefing this slide belongs to, as the agenda tracker on its "
                 "slides names it (choose one or type a new short name):")  # fmt: skip
        text, ok = QInputDialog.getItem(self, "Slide Part", label, choices, at, True)
        if not ok:
            return None
        return "" if text.strip() == none else text.strip()

    def _ask_part_rename(self, current: str, parts: list[str]) -> tuple[str, str] | None:
        """Which part to rename and its new name; None: cancel."""
        at = parts.index(current) if current in parts else 0
        old, ok = QInputDialog.getItem(
            self, "Rename Part", "Part of the briefing to rename:", parts, at, False
        )
        if not ok:
            return None
        new = self._ask_text(
            "Rename Part", f"New name of the part “{old}” (short: the agenda tracker shows it):",
            old,
        )  # fmt: skip
        return None if new is None else (old, new)

    def _confirm(self, title: str, question: str) -> bool:
        answer = QMessageBox.question(
            self, title, question,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )  # fmt: skip
        return answer == QMessageBox.StandardButton.Yes

    def _error(self, title: str, sentence: str) -> None:
        self.statusMessage.emit(sentence)
        exporting.error_box(self, title, sentence)

    def save_state(self, settings: QSettings) -> None:
        settings.setValue("deck/splitter", self.splitter.saveState())
        settings.setValue("deck/canvas_splitter", self.canvas_splitter.saveState())
        settings.setValue("deck/last", self._deck or "")

    def restore_state(self, settings: QSettings, *, open_last: bool = True) -> None:
        for key, splitter in (("deck/splitter", self.splitter),
                              ("deck/canvas_splitter", self.canvas_splitter)):  # fmt: skip
            state = settings.value(key)
            if state is not None:
                splitter.restoreState(state)
        last = settings.value("deck/last", "", str)
        if open_last and last and self._deck is None:
            names = {name for name, _, _ in decks.list_decks(self.store)}
            if last in names:
                self.open_deck(last)


def _already_sentence(refs: Refs) -> str:
    if len(refs) == 1:
        return f"This {refs[0][0]} is already on the slide; it was not added again."
    return f"{len(refs)} of these items are already on the slide; they were not added again."


def _separator(parent: QWidget) -> QFrame:
    line = QFrame(parent)
    line.setFrameShape(QFrame.Shape.VLine)
    line.setStyleSheet("color: #DADCE0;")
    return line
