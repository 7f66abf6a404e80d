"""Undoable edits of user arguments. Each command's first redo is the write already made.

The view performs the write first (so a refused write shows a message and pushes
nothing), then pushes the command; undo and redo call the services again.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtGui import QUndoCommand

from briefing_app.gui.events import StoreEvents
from briefing_app.services.arguments import (
    ArgumentSnapshot,
    delete_argument,
    restore_argument,
    update_argument,
)
from briefing_app.store.errors import StoreError
from briefing_app.store.store import Store


@dataclass(frozen=True)
class CommandContext:
    store: Store
    events: StoreEvents
    report: Callable[[str], None]  # shows a one-sentence failure


class _ArgumentCommand(QUndoCommand):
    def __init__(self, context: CommandContext, text: str) -> None:
        super().__init__(text)
        self.context = context
        self._first = True

    def _run(self, action: Callable[[], None]) -> None:
        try:
            action()
        except StoreError as exc:
            self.context.report(str(exc))
            self.setObsolete(True)
        finally:
            self.context.events.argumentsChanged.emit()


class CreateArgumentCommand(_ArgumentCommand):
    """Undo deletes the new argument; redo restores it exactly (same key)."""

    def __init__(self, context: CommandContext, argument_id: int, label: str) -> None:
        super().__init__(context, f"New Argument “{label}”")
        self.argument_id = argument_id
        self.snapshot: ArgumentSnapshot | None = None

    def redo(self) -> None:
        if self._first:
            self._first = False
        elif self.snapshot is not None:
            self._run(self._restore)

    def undo(self) -> None:
        self._run(self._delete)

    def _restore(self) -> None:
        assert self.snapshot is not None
        self.argument_id = restore_argument(self.context.store, self.snapshot).value

    def _delete(self) -> None:
        self.snapshot = delete_argument(self.context.store, self.argument_id).value


class DeleteArgumentCommand(_ArgumentCommand):
    """Holds the snapshot of a deleted argument; undo restores it with its reviews."""

    def __init__(self, context: CommandContext, snapshot: ArgumentSnapshot) -> None:
        super().__init__(context, f"Delete Argument “{snapshot.label}”")
        self.snapshot = snapshot
        self.argument_id = snapshot.id

    def redo(self) -> None:
        if self._first:
            self._first = False
        else:
            self._run(self._delete)

    def undo(self) -> None:
        self._run(self._restore)

    def _restore(self) -> None:
        self.argument_id = restore_argument(self.context.store, self.snapshot).value

    def _delete(self) -> None:
        self.snapshot = delete_argument(self.context.store, self.argument_id).value


class EditArgumentCommand(_ArgumentCommand):
    def __init__(
        self,
        context: CommandContext,
        argument_id: int,
        before: dict[str, Any],
        after: dict[str, Any],
        label: str,
    ) -> None:
        super().__init__(context, f"Edit Argument “{label}”")
        self.argument_id, self.before, self.after = argument_id, before, after

    def redo(self) -> None:
        if self._first:
            self._first = False
            return
        self._run(lambda: update_argument(self.context.store, self.argument_id, **self.after))

    def undo(self) -> None:
        self._run(lambda: update_argument(self.context.store, self.argument_id, **self.before))
