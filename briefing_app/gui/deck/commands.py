"""Undoable deck edits: one QUndoCommand per kind of edit, each calling deck services.

Slide-local edits remember the slide's stored state before and after (ids included), so
undo and redo put back exactly what was there. The first redo runs the real service call;
later redos restore the state it produced. Consecutive typing in one field merges into one
command (same ``merge_key``); typing back to the original wording removes the command.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any, Protocol

from PySide6.QtGui import QUndoCommand

from briefing_app.domain.errors import BriefingError
from briefing_app.gui.errors import report_unexpected
from briefing_app.services import decks
from briefing_app.services.decks import SlideSnapshot
from briefing_app.store.errors import ConflictError
from briefing_app.store.store import Store

TEXT_EDIT_ID = 7301  # commands with this id() may merge
FIELD_LABELS = {"title": "title", "subtitle": "subtitle", "left_heading": "left heading",
                "right_heading": "right heading", "notes": "speaker notes"}  # fmt: skip


class CommandContext(Protocol):
    """What commands need from the editor: the store and where to report results."""

    store: Store

    def command_applied(self, deck_id: int, slide_id: int | None) -> None: ...

    def command_failed(self, message: str, stale: bool = False) -> None: ...


class DeckCommand(QUndoCommand):
    """Runs redo/undo through services; failures become a status message, not a crash."""

    def __init__(self, ctx: CommandContext, text: str, deck_id: int) -> None:
        super().__init__(text)
        self.ctx = ctx
        self.deck_id = deck_id
        self.focus: int | None = None  # slide to show after redo/undo

    def _redo(self) -> None:
        raise NotImplementedError

    def _undo(self) -> None:
        raise NotImplementedError

    def redo(self) -> None:
        self._run(self._redo)

    def undo(self) -> None:
        self._run(self._undo)

    def _run(self, step: Any) -> None:
        try:
            step()
        except BriefingError as exc:
            self.setObsolete(True)
            self.ctx.command_failed(
                f"Could not {self.text().lower()}: {exc.sentence}",
                stale=isinstance(exc, ConflictError),
            )
            return
        except Exception as exc:  # a bug: logged and shown as itself, never relabelled
            self.setObsolete(True)
            report_unexpected(exc, f"trying to {self.text().lower()}")
            self.ctx.command_failed(
                f"Could not {self.text().lower()}: an unexpected error occurred."
            )
            return
        self.ctx.command_applied(self.deck_id, self.focus)


# --- edits inside one slide ---------------------------------------------------------------


class SlideStateCommand(DeckCommand):
    """An edit confined to one slide: undo restores the slide exactly as it was."""

    def __init__(self, ctx: CommandContext, slide_id: int, text: str) -> None:
        before = decks.slide_snapshot(ctx.store, slide_id)
        super().__init__(ctx, text, before.deck_id)
        self.slide_id = slide_id
        self.focus = slide_id
        self.before: SlideSnapshot = before
        self.after: SlideSnapshot | None = None

    def apply(self) -> None:
        """The real edit, made through a service (first redo only)."""
        raise NotImplementedError

    def _redo(self) -> None:
        if self.after is None:
            self.apply()
            self.after = decks.slide_snapshot(self.ctx.store, self.slide_id)
        else:
            decks.replace_slide(self.ctx.store, self.after, expected=self.before)

    def _undo(self) -> None:
        decks.replace_slide(self.ctx.store, self.before, expected=self.after)


class AddItemsCommand(SlideStateCommand):
    """Add points from stored sources (or free text) to a slide."""

    def __init__(self, ctx: CommandContext, slide_id: int, points: list[dict[str, Any]]) -> None:
        super().__init__(ctx, slide_id, "Add to slide" if len(points) > 1 else "Add point")
        self.points = points
        self.added: list[int] = []

    def apply(self) -> None:
        records = decks.add_items(self.ctx.store, self.slide_id, self.points)
        self.added = [r.id for r in records]


class DeleteItemCommand(SlideStateCommand):
    def __init__(self, ctx: CommandContext, slide_id: int, item_id: int) -> None:
        super().__init__(ctx, slide_id, "Delete point")
        self.item_id = item_id

    def apply(self) -> None:
        decks.delete_item(self.ctx.store, self.item_id)


class ResetItemCommand(SlideStateCommand):
    def __init__(self, ctx: CommandContext, slide_id: int, item_id: int) -> None:
        super().__init__(ctx, slide_id, "Reset to source")
        self.item_id = item_id

    def apply(self) -> None:
        decks.reset_item(self.ctx.store, self.item_id)


class MoveItemCommand(SlideStateCommand):
    def __init__(self, ctx: CommandContext, slide_id: int, item_id: int, position: int) -> None:
        super().__init__(ctx, slide_id, "Move point")
        self.item_id, self.position = item_id, position

    def apply(self) -> None:
        decks.move_item(self.ctx.store, self.item_id, self.position)


class SetItemLevelCommand(SlideStateCommand):
    def __init__(self, ctx: CommandContext, slide_id: int, item_id: int, level: int) -> None:
        super().__init__(ctx, slide_id, "Indent point" if level else "Outdent point")
        self.item_id, self.level = item_id, level

    def apply(self) -> None:
        decks.set_item_level(self.ctx.store, self.item_id, self.level)


class ChangeLayoutCommand(SlideStateCommand):
    def __init__(self, ctx: CommandContext, slide_id: int, layout: str) -> None:
        super().__init__(ctx, slide_id, "Change layout")
        self.layout = layout

    def apply(self) -> None:
        decks.update_slide(self.ctx.store, self.slide_id, layout=self.layout)


class _TextCommand(SlideStateCommand):
    """Typing in one field; consecutive commands with the same ``merge_key`` merge."""

    def __init__(self, ctx: CommandContext, slide_id: int, text: str, merge_key: Hashable) -> None:
        super().__init__(ctx, slide_id, text)
        self.merge_key = merge_key

    def id(self) -> int:
        return TEXT_EDIT_ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, _TextCommand) or other.merge_key != self.merge_key:
            return False
        self.after = other.after
        if self.after == self.before:
            self.setObsolete(True)  # typed back to where it started: nothing to undo
        return True


class EditItemTextCommand(_TextCommand):
    """Reword a point; ``shown`` is the wording the editor showed before the typing, so an
    edit based on a stale view of a shared store is refused instead of overwriting."""

    def __init__(
        self,
        ctx: CommandContext,
        slide_id: int,
        item_id: int,
        text: str,
        merge_key: Hashable,
        shown: str | None = None,
    ) -> None:
        super().__init__(ctx, slide_id, "Edit point", merge_key)
        self.item_id, self.new_text, self.shown = item_id, text, shown

    def apply(self) -> None:
        decks.set_item_text(self.ctx.store, self.item_id, self.new_text, expected=self.shown)


class EditSlideFieldCommand(_TextCommand):
    """Title, subtitle, a column heading or the notes; ``shown`` as for a point."""

    def __init__(
        self,
        ctx: CommandContext,
        slide_id: int,
        field: str,
        text: str,
        merge_key: Hashable,
        shown: str | None = None,
    ) -> None:
        super().__init__(ctx, slide_id, f"Edit {FIELD_LABELS.get(field, field)}", merge_key)
        self.field, self.new_text, self.shown = field, text, shown

    def apply(self) -> None:
        expected = None if self.shown is None else {self.field: self.shown}
        decks.update_slide(
            self.ctx.store, self.slide_id, expected=expected, **{self.field: self.new_text}
        )


class EditNotesCommand(EditSlideFieldCommand):
    def __init__(
        self,
        ctx: CommandContext,
        slide_id: int,
        text: str,
        merge_key: Hashable,
        shown: str | None = None,
    ) -> None:
        super().__init__(ctx, slide_id, "notes", text, merge_key, shown)


# --- slides of a deck ---------------------------------------------------------------------


class AddSlideCommand(DeckCommand):
    """A new slide; undo removes it, redo puts the very same slide (same id) back."""

    def __init__(
        self,
        ctx: CommandContext,
        deck_name: str,
        deck_id: int,
        layout: str,
        position: int,
        **fields: str,
    ) -> None:
        super().__init__(ctx, "Add slide", deck_id)
        self.deck_name, self.layout, self.position, self.fields = (
            deck_name,
            layout,
            position,
            fields,
        )
        self.slide_id: int | None = None
        self.removed: SlideSnapshot | None = None

    def _redo(self) -> None:
        if self.removed is None:
            record = decks.add_slide(
                self.ctx.store, self.deck_name, self.layout, position=self.position, **self.fields
            )
            self.slide_id = record.id
        else:
            decks.restore_slide(self.ctx.store, self.removed)
        self.focus = self.slide_id

    def _undo(self) -> None:
        assert self.slide_id is not None
        self.removed = decks.slide_snapshot(self.ctx.store, self.slide_id)
        decks.delete_slide(self.ctx.store, self.slide_id)
        self.focus = None


class DeleteSlideCommand(DeckCommand):
    def __init__(self, ctx: CommandContext, slide_id: int) -> None:
        self.snapshot = decks.slide_snapshot(ctx.store, slide_id)
        super().__init__(ctx, "Delete slide", self.snapshot.deck_id)
        self.slide_id = slide_id

    def _redo(self) -> None:
        self.snapshot = decks.slide_snapshot(self.ctx.store, self.slide_id)
        decks.delete_slide(self.ctx.store, self.slide_id)
        self.focus = None

    def _undo(self) -> None:
        decks.restore_slide(self.ctx.store, self.snapshot)
        self.focus = self.slide_id


class MoveSlideCommand(DeckCommand):
    def __init__(self, ctx: CommandContext, slide_id: int, position: int) -> None:
        snapshot = decks.slide_snapshot(ctx.store, slide_id)
        super().__init__(ctx, "Move slide", snapshot.deck_id)
        self.slide_id, self.old, self.new = slide_id, snapshot.position, position
        self.focus = slide_id

    def _redo(self) -> None:
        decks.move_slide(self.ctx.store, self.slide_id, self.new)

    def _undo(self) -> None:
        decks.move_slide(self.ctx.store, self.slide_id, self.old)
