"""Where the desktop app writes to the store: one runner, one undo adapter, one signal.

Like Anki's ``CollectionOp``, :class:`Operations` runs every write the app makes, takes
the Changes record the core returns and emits ``StoreEvents.changed(changes, origin)``;
panels refresh from that, and nobody announces a change by hand. Undoable edits are the
core's Qt-free commands (:mod:`briefing_app.services.commands`), each wrapped in one
:class:`UndoAdapter` on the undo stack of its deck (the library has a stack of its own),
so Ctrl+Z while viewing one deck never undoes an edit in another. Each step is also kept
in the store's history, so ``briefing-app undo DECK`` can take back an edit made here.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoGroup, QUndoStack

from briefing_app.domain.errors import BriefingError
from briefing_app.gui.errors import report_unexpected
from briefing_app.gui.events import Origin, StoreEvents
from briefing_app.services import history
from briefing_app.services.commands import Command
from briefing_app.store.changes import Changes
from briefing_app.store.errors import ConflictError, StoreError
from briefing_app.store.store import Store

log = logging.getLogger(__name__)
MERGE_ID = 7301  # adapters whose command has a merge key may merge (typing in one field)
LIBRARY = "library"  # the key of the undo stack for edits outside any deck
T = TypeVar("T")


def changes_of(result: object) -> Changes:
    """The Changes a service returned, itself or as its record's ``changes``."""
    if isinstance(result, Changes):
        return result
    found = getattr(result, "changes", None)
    return found if isinstance(found, Changes) else Changes()


class UndoAdapter(QUndoCommand):
    """One core command on a QUndoStack: redo is ``do``, undo is ``undo``.

    A refused step (someone else changed what it would touch, or a rule says no) is
    reported in one sentence and leaves the stack; an unexpected error leaves it too and
    is logged and shown as what it is, never relabelled.
    """

    def __init__(self, ops: Operations, command: Command, initiator: object | None) -> None:
        super().__init__(command.label)
        self.ops, self.command, self.initiator = ops, command, initiator
        self.step_id: int | None = None
        self.error: str | None = None  # the sentence of the last refusal

    def redo(self) -> None:
        self._run(undo=False)

    def undo(self) -> None:
        self._run(undo=True)

    def _run(self, *, undo: bool) -> None:
        store = self.ops.store
        try:
            with store.transaction():  # the edit and its undo step, together
                changes = self.command.undo(store) if undo else self.command.do(store)
                self._keep(undone=undo)
        except Exception as exc:
            self.setObsolete(True)
            verb = "undo" if undo else ("redo" if self.step_id is not None else "")
            what = f"{verb} “{self.text()}”" if verb else self.text()[:1].lower() + self.text()[1:]
            if isinstance(exc, BriefingError):
                reason = str(exc).rstrip(".")
            else:  # a bug: logged and shown as such, once
                report_unexpected(exc, f"trying to {what}")
                reason = "an unexpected error occurred (details are in the log)"
            self.error = f"Could not {what}: {reason}."
            self.ops.report(self.error, isinstance(exc, ConflictError), self.command.deck_id)
            return
        self.error = None
        command = self.command
        origin = Origin(self.initiator, command.deck_id, command.focus, undo, command.slides_left())
        self.ops.notify(changes, origin)

    def _keep(self, *, undone: bool) -> None:
        """Keep the step in the store's history, so the command line can undo it too."""
        if self.step_id is None:
            self.step_id = history.record(self.ops.store, self.command)
        else:
            history.update(self.ops.store, self.step_id, self.command, undone=undone)

    def id(self) -> int:
        return MERGE_ID if getattr(self.command, "merge_key", None) is not None else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, UndoAdapter) or not self.command.merge(other.command):
            return False
        try:
            if other.step_id is not None:
                history.forget(self.ops.store, other.step_id)
            if self.step_id is not None:
                if self.command.is_noop:  # typed back to where it started: nothing to undo
                    history.forget(self.ops.store, self.step_id)
                else:
                    history.update(self.ops.store, self.step_id, self.command, undone=False)
        except StoreError:
            log.warning("The undo history could not be saved in the store.", exc_info=True)
        if self.command.is_noop:
            self.setObsolete(True)
        return True


class Operations(QObject):
    """Runs the app's writes and says what they changed; holds one undo stack per deck."""

    failed = Signal(str, bool, object)  # sentence, conflict (someone else's edit), deck id

    def __init__(
        self,
        store: Store,
        events: StoreEvents,
        group: QUndoGroup | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.store, self.events = store, events
        self.group = group if group is not None else QUndoGroup(self)
        self._stacks: dict[object, QUndoStack] = {}

    # --- undo stacks ----------------------------------------------------------------------

    def stack(self, key: object) -> QUndoStack:
        """The undo stack of deck ``key`` (an id), or of the library (:data:`LIBRARY`)."""
        stack = self._stacks.get(key)
        if stack is None:
            stack = QUndoStack(self)
            self.group.addStack(stack)
            self._stacks[key] = stack
        return stack

    def activate(self, key: object | None) -> None:
        """Make the Undo and Redo actions act on deck ``key`` (None: on nothing)."""
        if key is None:
            self.group.setActiveStack(None)  # type: ignore[arg-type]  # Qt takes "no stack"
        else:
            self.group.setActiveStack(self.stack(key))

    def drop(self, key: object) -> None:
        """Forget a deleted deck's stack."""
        stack = self._stacks.pop(key, None)
        if stack is not None:
            self.group.removeStack(stack)
            stack.deleteLater()

    # --- running writes -------------------------------------------------------------------

    def push(self, command: Command, initiator: object | None = None) -> str | None:
        """Do ``command`` and keep it for undo on its deck's stack; the refusal sentence
        if it was refused (then nothing changed and nothing is kept), else None."""
        adapter = UndoAdapter(self, command, initiator)
        key = command.deck_id if command.deck_id is not None else LIBRARY
        self.stack(key).push(adapter)
        return adapter.error

    def run(
        self,
        write: Callable[[], T],
        initiator: object | None = None,
        *,
        deck_id: int | None = None,
        on_error: Callable[[str], None] | None = None,
    ) -> T | None:
        """Make a write that is not undone step by step (a new deck, a review); its
        result, or None when it was refused: the sentence goes to ``on_error`` if given,
        else to :attr:`failed`."""
        try:
            result = write()
        except BriefingError as exc:
            if on_error is not None:
                on_error(str(exc))
            else:
                self.report(str(exc), isinstance(exc, ConflictError), deck_id)
            return None
        self.notify(changes_of(result), Origin(initiator, deck_id))
        return result

    def report(self, sentence: str, conflict: bool = False, deck_id: int | None = None) -> None:
        self.failed.emit(sentence, conflict, deck_id)

    def notify(self, changes: Changes, origin: Origin) -> None:
        """The one place the app says the store changed."""
        if changes:
            self.events.changed.emit(changes, origin)

    def undo_stack_of(self, deck_id: int | None) -> QUndoStack | None:
        return self._stacks.get(deck_id if deck_id is not None else LIBRARY)

    def stacks(self) -> dict[Any, QUndoStack]:
        return dict(self._stacks)
