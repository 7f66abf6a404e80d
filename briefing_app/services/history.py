"""Each deck's undo history, kept in the store so any process can undo the last edit.

The desktop app records every edit it makes here as well as in its window's undo stack,
and ``briefing-app undo DECK`` / ``redo DECK`` (a new process each time) take the newest
step from here. Called inside the edit's transaction, a step commits with its edit; undo
and redo refuse (with a ConflictError, changing nothing) when the store no longer holds
what the step left.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import ColumnElement, delete, insert, or_, select

from briefing_app.domain.text import storable_text
from briefing_app.services.commands import Command, from_json
from briefing_app.store.changes import Changes
from briefing_app.store.models import UndoStep
from briefing_app.store.store import Store

MAX_STEPS = 200  # per deck: older steps are dropped


@dataclass(frozen=True)
class Step:
    id: int
    deck_id: int | None
    label: str
    undone: bool


def record(store: Store, command: Command) -> int:
    """Keep a command that has just been done as the newest step of its deck's history.

    Steps undone before it can no longer be redone, as in any editor; of the steps done
    before it, the newest ``MAX_STEPS - 1`` are kept (one statement drops the rest).
    """
    with store.transaction() as session:
        oldest_dropped = (
            select(UndoStep.id)
            .where(_of(command.deck_id), UndoStep.undone.is_(False))
            .order_by(UndoStep.id.desc())
            .offset(MAX_STEPS - 1)
            .limit(1)
            .scalar_subquery()
        )
        session.execute(
            delete(UndoStep).where(
                _of(command.deck_id), or_(UndoStep.undone.is_(True), UndoStep.id <= oldest_dropped)
            ),
            execution_options={"synchronize_session": False},  # no steps are loaded here
        )
        added = session.execute(
            insert(UndoStep)
            .values(
                deck_id=command.deck_id,
                label=storable_text(command.label),
                command=storable_text(command.to_json()),
                undone=False,
            )
            .returning(UndoStep.id)
        )
        return int(added.scalar_one())


def run(store: Store, command: Command) -> Changes:
    """Do a command and keep it as its deck's newest step, in one transaction (the
    command line's edits, so ``undo`` can take them back)."""
    with store.transaction():
        changes = command.do(store)
        record(store, command)
    return changes


def update(store: Store, step_id: int, command: Command, *, undone: bool | None = None) -> None:
    """Store the command's state again (after a merge, undo or redo changed it)."""
    with store.transaction() as session:
        step = session.get(UndoStep, step_id)
        if step is None:
            return  # dropped (its deck deleted, or trimmed): nothing to keep
        step.command, step.label = command.to_json(), command.label
        if undone is not None:
            step.undone = undone


def forget(store: Store, step_id: int) -> None:
    with store.transaction() as session:
        session.execute(delete(UndoStep).where(UndoStep.id == step_id))


def steps(store: Store, deck_id: int | None) -> list[Step]:
    """The deck's history, oldest first."""
    with store.read() as session:
        rows = session.scalars(select(UndoStep).where(_of(deck_id)).order_by(UndoStep.id))
        return [Step(r.id, r.deck_id, r.label, r.undone) for r in rows]


def undo(store: Store, deck_id: int | None) -> tuple[Step, Changes] | None:
    """Undo the newest done step of the deck; None when there is nothing to undo."""
    found = _newest(store, deck_id, undone=False)
    if found is None:
        return None
    step, command = found
    with store.transaction():
        changes = command.undo(store)
        update(store, step.id, command, undone=True)
    return step, changes


def redo(store: Store, deck_id: int | None) -> tuple[Step, Changes] | None:
    """Redo the oldest undone step of the deck; None when there is nothing to redo."""
    found = _newest(store, deck_id, undone=True)
    if found is None:
        return None
    step, command = found
    with store.transaction():
        changes = command.do(store)
        update(store, step.id, command, undone=False)
    return step, changes


def _newest(store: Store, deck_id: int | None, *, undone: bool) -> tuple[Step, Command] | None:
    order = UndoStep.id.asc() if undone else UndoStep.id.desc()
    with store.read() as session:
        row = session.scalars(
            select(UndoStep)
            .where(_of(deck_id), UndoStep.undone.is_(undone))
            .order_by(order)
            .limit(1)
        ).first()
        if row is None:
            return None
        return Step(row.id, row.deck_id, row.label, row.undone), from_json(row.command)


def _of(deck_id: int | None) -> ColumnElement[bool]:
    return UndoStep.deck_id.is_(None) if deck_id is None else UndoStep.deck_id == deck_id
