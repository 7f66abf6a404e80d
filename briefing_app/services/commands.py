"""Undoable edits as plain objects: ``do(store)`` and ``undo(store)``, each returning Changes.

The desktop app wraps these in one QUndoCommand adapter; the command line keeps them in
the store's history (:mod:`briefing_app.services.history`) so ``briefing-app undo`` works
across processes. Nothing here knows Qt.

The first ``do`` makes the real edit through a service and records the state it produced
(slide snapshots with their ids, an argument's previous fields, a deleted argument's
snapshot), all in one transaction. Undo and redo put back exactly that state, and only
when the store still holds what the command left there (``expected=``): when someone
else has changed it since, they raise a ConflictError and change nothing, so no one's
edit is lost.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Hashable
from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any, ClassVar

from briefing_app.services import arguments, decks
from briefing_app.services.arguments import ArgumentSnapshot, ReviewSnapshot
from briefing_app.services.decks import ItemSnapshot, SlideSnapshot
from briefing_app.store.changes import NO_CHANGES, Changes
from briefing_app.store.errors import StoreError
from briefing_app.store.store import Store

FIELD_LABELS = {"title": "title", "subtitle": "subtitle", "left_heading": "left heading",
                "right_heading": "right heading", "notes": "speaker notes",
                "part": "part"}  # fmt: skip

_KINDS: dict[str, type[Command]] = {}


class Command:
    """One undoable edit. ``deck_id`` names the history it belongs to (None: the library's)."""

    kind: ClassVar[str] = ""
    label: str
    deck_id: int | None
    focus: int | None = None  # the slide to show after the last do or undo

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if cls.kind:
            _KINDS[cls.kind] = cls

    def do(self, store: Store) -> Changes:
        raise NotImplementedError

    def undo(self, store: Store) -> Changes:
        raise NotImplementedError

    def merge(self, other: Command) -> bool:
        """Take ``other`` (done right after this) into this command; False if it cannot."""
        return False

    @property
    def is_noop(self) -> bool:
        """True when the command (after merging) changes nothing: no step to keep."""
        return False

    def slides_left(self) -> dict[int, SlideSnapshot]:
        """The slides its last do or undo left in the store, whole, by id, when it holds
        them (a view can show them without reading them again); else empty."""
        return {}

    def state(self) -> dict[str, Any]:
        """What undo and redo need, as JSON-ready values (after the first do)."""
        raise NotImplementedError

    @classmethod
    def from_state(cls, label: str, deck_id: int | None, state: dict[str, Any]) -> Command:
        raise NotImplementedError

    def to_json(self) -> str:
        return json.dumps({"kind": self.kind, "label": self.label, "deck_id": self.deck_id,
                           "state": self.state()}, ensure_ascii=False)  # fmt: skip


def from_json(text: str) -> Command:
    """The command :meth:`Command.to_json` wrote; a StoreError if the text is not one
    (changed outside the app, or written by a newer version)."""
    try:
        data = json.loads(text)
        kind = _KINDS.get(data.get("kind"))
        if kind is None:
            raise StoreError(
                f"The undo history holds an edit of an unknown kind ({data.get('kind')!r}), "
                "perhaps from a newer version of the app; it was not undone."
            )
        return kind.from_state(data["label"], data["deck_id"], data["state"])
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise StoreError(
            "The undo history of this deck is damaged (changed outside the app), so its "
            "newest edit cannot be undone or redone; nothing was changed."
        ) from exc


# --- snapshots as JSON ----------------------------------------------------------------------


def _slide_state(snapshot: SlideSnapshot | None) -> dict[str, Any] | None:
    """As ``asdict`` gives it (its fields are plain values), without its deep copies."""
    if snapshot is None:
        return None
    return {**vars(snapshot), "items": [dict(vars(item)) for item in snapshot.items]}


def _slide_from(data: dict[str, Any] | None) -> SlideSnapshot | None:
    if data is None:
        return None
    items = tuple(ItemSnapshot(**item) for item in data["items"])
    return SlideSnapshot(**{**data, "items": items})


def _argument_state(snapshot: ArgumentSnapshot) -> dict[str, Any]:
    data = asdict(snapshot)
    for review in data["reviews"]:
        stamp = review["created_at"]
        review["created_at"] = stamp.isoformat() if stamp is not None else None
    return data


def _argument_from(data: dict[str, Any]) -> ArgumentSnapshot:
    reviews = tuple(
        ReviewSnapshot(**{**r, "created_at": datetime.fromisoformat(r["created_at"])
                          if r["created_at"] else None})
        for r in data["reviews"]
    )  # fmt: skip
    return ArgumentSnapshot(**{
        **data,
        "perspectives": tuple(data["perspectives"]),
        "footnote_ids": tuple(data["footnote_ids"]),
        "tags": tuple(data["tags"]),
        "relations": tuple(tuple(r) for r in data["relations"]),
        "reviews": reviews,
    })  # fmt: skip


# --- edits inside one slide ---------------------------------------------------------------


@dataclass
class SlideEdit(Command):
    """An edit confined to one slide: undo and redo swap its whole stored state.

    ``apply`` makes the edit the first time (through a service); after that the command
    holds the slide as it was before and after, ids included.
    """

    kind: ClassVar[str] = "slide"
    label: str
    deck_id: int | None
    slide_id: int
    apply: Callable[[Store], Changes] | None = field(default=None, repr=False)
    before: SlideSnapshot | None = None
    after: SlideSnapshot | None = None
    merge_key: Hashable | None = None

    def __post_init__(self) -> None:
        self.focus = self.slide_id
        self._undone = False

    def slides_left(self) -> dict[int, SlideSnapshot]:
        left = self.before if self._undone else self.after
        return {self.slide_id: left} if left is not None else {}

    def do(self, store: Store) -> Changes:
        self._undone = False
        if self.after is None:
            if self.apply is None:
                raise StoreError("This edit has nothing to do.")
            with store.transaction():  # the snapshots and the edit see the same slide
                # locked and read once: the edit and the snapshot after it need no new read
                before = decks.slide_snapshot(store, self.slide_id, lock=True)
                changes = self.apply(store)
                self.before, self.after = before, decks.slide_snapshot(store, self.slide_id)
            self.apply = None
            return changes
        assert self.before is not None
        return decks.replace_slide(store, self.after, expected=self.before)

    def undo(self, store: Store) -> Changes:
        assert self.before is not None and self.after is not None
        changes = decks.replace_slide(store, self.before, expected=self.after)
        self._undone = True
        return changes

    def merge(self, other: Command) -> bool:
        if (
            not isinstance(other, SlideEdit)
            or self.merge_key is None
            or other.merge_key != self.merge_key
            or other.slide_id != self.slide_id
        ):
            return False
        self.after = other.after
        return True

    @property
    def is_noop(self) -> bool:
        return self.after is not None and self.after == self.before

    def state(self) -> dict[str, Any]:
        return {"slide_id": self.slide_id, "before": _slide_state(self.before),
                "after": _slide_state(self.after)}  # fmt: skip

    @classmethod
    def from_state(cls, label: str, deck_id: int | None, state: dict[str, Any]) -> Command:
        return cls(label, deck_id, state["slide_id"], before=_slide_from(state["before"]),
                   after=_slide_from(state["after"]))  # fmt: skip


def _slide_edit(
    store: Store,
    slide_id: int,
    label: str,
    apply: Callable[[Store], Changes],
    merge_key: Hashable | None = None,
    deck_id: int | None = None,
) -> SlideEdit:
    """``deck_id``: the slide's deck when the caller knows it (the editor showing it),
    else it is read."""
    if deck_id is None:
        deck_id = decks.deck_id_of_slide(store, slide_id)
    return SlideEdit(label, deck_id, slide_id, apply, merge_key=merge_key)


def edit_slide_field(
    store: Store,
    slide_id: int,
    name: str,
    text: str,
    *,
    shown: str | None = None,
    merge_key: Hashable | None = None,
    deck_id: int | None = None,
) -> SlideEdit:
    """Set a slide's title, subtitle, a column heading or its notes; ``shown`` is what the
    client showed before the edit (refused if someone else changed it since)."""
    expected = None if shown is None else {name: shown}
    return _slide_edit(
        store, slide_id, f"Edit {FIELD_LABELS.get(name, name)}",
        lambda s: decks.update_slide(s, slide_id, expected=expected, **{name: text}),
        merge_key, deck_id,
    )  # fmt: skip


def set_part(store: Store, slide_id: int, part: str) -> SlideEdit:
    """Put a slide in a part of the briefing ("" takes it out of any part); the agenda
    tracker of every slide of the deck shows the deck's parts."""
    label = "Set part" if part.strip() else "Remove from part"
    return _slide_edit(store, slide_id, label,
                       lambda s: decks.update_slide(s, slide_id, part=part))  # fmt: skip


def rename_part(store: Store, deck_id: int, old: str, new: str) -> Batch:
    """Rename a part on every slide of the deck that belongs to it, as one step."""
    old = decks.part_name(old)
    slides = [s for s in decks.deck_slides(store, deck_id) if s.part == old]
    if not old or not slides:
        raise StoreError(f"The deck has no part named {old!r}.")

    def plan(batch: Batch, s: Store) -> None:
        for slide in slides:
            batch.run(s, set_part(s, slide.id, new))

    return Batch(f"Rename part “{old}”", deck_id, plan)


def change_layout(store: Store, slide_id: int, layout: str) -> SlideEdit:
    return _slide_edit(
        store, slide_id, "Change layout",
        lambda s: decks.update_slide(s, slide_id, layout=layout),
    )  # fmt: skip


def edit_item_text(
    store: Store,
    slide_id: int,
    item_id: int,
    text: str,
    *,
    shown: str | None = None,
    merge_key: Hashable | None = None,
    deck_id: int | None = None,
) -> SlideEdit:
    """Reword a point; ``shown`` and ``deck_id`` as for :func:`edit_slide_field`."""
    return _slide_edit(
        store, slide_id, "Edit point",
        lambda s: decks.reword_item(s, item_id, text, expected=shown),
        merge_key, deck_id,
    )  # fmt: skip


def add_items(store: Store, slide_id: int, points: list[dict[str, Any]]) -> SlideEdit:
    """Add points (as for :func:`briefing_app.services.decks.add_item`) to a slide."""

    def apply(s: Store) -> Changes:
        records = decks.add_items(s, slide_id, points)
        return records[0].changes if records else NO_CHANGES

    label = "Add to slide" if len(points) > 1 else "Add point"
    return _slide_edit(store, slide_id, label, apply)


def delete_item(store: Store, slide_id: int, item_id: int) -> SlideEdit:
    return _slide_edit(store, slide_id, "Delete point", lambda s: decks.delete_item(s, item_id))


def reset_item(store: Store, slide_id: int, item_id: int) -> SlideEdit:
    return _slide_edit(
        store, slide_id, "Reset to source", lambda s: decks.reset_item(s, item_id).changes
    )


def move_item(store: Store, slide_id: int, item_id: int, position: int) -> SlideEdit:
    return _slide_edit(
        store, slide_id, "Move point", lambda s: decks.move_item(s, item_id, position)
    )


def set_item_level(store: Store, slide_id: int, item_id: int, level: int) -> SlideEdit:
    return _slide_edit(
        store, slide_id, "Indent point" if level else "Outdent point",
        lambda s: decks.set_item_level(s, item_id, level),
    )  # fmt: skip


# --- slides of a deck ---------------------------------------------------------------------


@dataclass
class AddSlide(Command):
    """A new slide; undo removes it (if it is still as this command left it), redo puts
    the very same slide (same id) back."""

    kind: ClassVar[str] = "add_slide"
    label: str
    deck_id: int | None
    layout: str = "argument"
    position: int | None = None
    fields: dict[str, str] = field(default_factory=dict)
    added: SlideSnapshot | None = None  # the slide as added (and as redo puts it back)

    def do(self, store: Store) -> Changes:
        if self.added is None:
            name = decks.deck_name_of(store, self._deck())
            record = decks.add_slide(
                store, name, self.layout, position=self.position, **self.fields
            )
            self.added = decks.slide_snapshot(store, record.id)
            self.focus = record.id
            return record.changes
        self.focus = self.added.id
        return decks.restore_slide(store, self.added)

    def undo(self, store: Store) -> Changes:
        assert self.added is not None
        self.focus = None
        return decks.delete_slide(store, self.added.id, expected=self.added)

    @property
    def slide_id(self) -> int | None:
        return self.added.id if self.added is not None else None

    def _deck(self) -> int:
        assert self.deck_id is not None
        return self.deck_id

    def state(self) -> dict[str, Any]:
        return {"added": _slide_state(self.added)}

    @classmethod
    def from_state(cls, label: str, deck_id: int | None, state: dict[str, Any]) -> Command:
        return cls(label, deck_id, added=_slide_from(state["added"]))


def add_slide(
    store: Store, deck_id: int, layout: str, position: int | None = None, **fields: str
) -> AddSlide:
    return AddSlide("Add slide", deck_id, layout, position, dict(fields))


@dataclass
class DeleteSlide(Command):
    """Delete a slide; undo puts it back with its ids, points and notes."""

    kind: ClassVar[str] = "delete_slide"
    label: str
    deck_id: int | None
    snapshot: SlideSnapshot

    def do(self, store: Store) -> Changes:
        self.focus = None
        return decks.delete_slide(store, self.snapshot.id, expected=self.snapshot)

    def undo(self, store: Store) -> Changes:
        self.focus = self.snapshot.id
        return decks.restore_slide(store, self.snapshot)

    def state(self) -> dict[str, Any]:
        return {"snapshot": _slide_state(self.snapshot)}

    @classmethod
    def from_state(cls, label: str, deck_id: int | None, state: dict[str, Any]) -> Command:
        snapshot = _slide_from(state["snapshot"])
        assert snapshot is not None
        return cls(label, deck_id, snapshot)


def delete_slide(store: Store, slide_id: int) -> DeleteSlide:
    snapshot = decks.slide_snapshot(store, slide_id)
    return DeleteSlide("Delete slide", snapshot.deck_id, snapshot)


@dataclass
class MoveSlide(Command):
    kind: ClassVar[str] = "move_slide"
    label: str
    deck_id: int | None
    slide_id: int
    old: int
    new: int
    moved_to: int | None = None  # where the slide ended up (a position past the end clamps)

    def __post_init__(self) -> None:
        self.focus = self.slide_id

    def do(self, store: Store) -> Changes:
        changes = decks.move_slide(store, self.slide_id, self.new, expected=self.old)
        self.moved_to = decks.slide_snapshot(store, self.slide_id).position
        return changes

    def undo(self, store: Store) -> Changes:
        return decks.move_slide(store, self.slide_id, self.old, expected=self.moved_to)

    def state(self) -> dict[str, Any]:
        return {"slide_id": self.slide_id, "old": self.old, "new": self.new,
                "moved_to": self.moved_to}  # fmt: skip

    @classmethod
    def from_state(cls, label: str, deck_id: int | None, state: dict[str, Any]) -> Command:
        return cls(label, deck_id, **state)


def move_slide(store: Store, slide_id: int, position: int) -> MoveSlide:
    snapshot = decks.slide_snapshot(store, slide_id)
    return MoveSlide("Move slide", snapshot.deck_id, slide_id, snapshot.position, position)


@dataclass
class Batch(Command):
    """Several edits as one step (e.g. "Add to slide" making slides and filling them).

    ``plan`` runs once: it builds each part with what earlier parts produced (a new
    slide's id) and runs it through :meth:`run`. Undo undoes the parts in reverse.
    """

    kind: ClassVar[str] = "batch"
    label: str
    deck_id: int | None
    plan: Callable[[Batch, Store], None] | None = field(default=None, repr=False)
    parts: list[Command] = field(default_factory=list)
    _changes: Changes = field(default=NO_CHANGES, repr=False)  # of the parts run so far

    def run(self, store: Store, command: Command) -> Changes:
        """Do one part now (during ``plan``) and keep it."""
        changes = command.do(store)
        self.parts.append(command)
        self.focus = command.focus if command.focus is not None else self.focus
        self._changes = self._changes | changes
        return changes

    def do(self, store: Store) -> Changes:
        if self.plan is not None:
            plan, self._changes = self.plan, NO_CHANGES
            try:
                with store.transaction():  # all parts or none
                    plan(self, store)
            except Exception:
                self.parts.clear()
                raise
            self.plan = None
            return self._changes
        changes = NO_CHANGES
        with store.transaction():
            for part in self.parts:
                changes |= part.do(store)
                self.focus = part.focus if part.focus is not None else self.focus
        return changes

    def undo(self, store: Store) -> Changes:
        changes = NO_CHANGES
        self.focus = None
        with store.transaction():
            for part in reversed(self.parts):
                changes |= part.undo(store)
                self.focus = part.focus if part.focus is not None else self.focus
        return changes

    @property
    def is_noop(self) -> bool:
        return not self.parts

    def state(self) -> dict[str, Any]:
        return {"parts": [json.loads(p.to_json()) for p in self.parts]}

    @classmethod
    def from_state(cls, label: str, deck_id: int | None, state: dict[str, Any]) -> Command:
        parts = [from_json(json.dumps(p)) for p in state["parts"]]
        return cls(label, deck_id, parts=parts)


@dataclass
class EditDeck(Command):
    """Change a deck's own fields (title, subtitle, author, date, marking, name…)."""

    kind: ClassVar[str] = "edit_deck"
    label: str
    deck_id: int | None
    after: dict[str, str | None]
    before: dict[str, str | None] | None = None

    def do(self, store: Store) -> Changes:
        assert self.deck_id is not None
        with store.transaction():
            if self.before is None:
                self.before = decks.deck_fields(store, self.deck_id, sorted(self.after))
            name = decks.deck_name_of(store, self.deck_id)
            changes = decks.update_deck(store, name, expected=dict(self.before), **self.after)
            self.after = decks.deck_fields(store, self.deck_id, sorted(self.after))  # as stored
            return changes

    def undo(self, store: Store) -> Changes:
        assert self.deck_id is not None and self.before is not None
        with store.transaction():
            name = decks.deck_name_of(store, self.deck_id)
            return decks.update_deck(store, name, expected=dict(self.after), **self.before)

    @property
    def is_noop(self) -> bool:
        return self.before is not None and self.before == self.after

    def state(self) -> dict[str, Any]:
        return {"after": self.after, "before": self.before}

    @classmethod
    def from_state(cls, label: str, deck_id: int | None, state: dict[str, Any]) -> Command:
        return cls(label, deck_id, **state)


def edit_deck(deck_id: int, **fields: str | None) -> EditDeck:
    """Change deck fields as :func:`decks.update_deck` does, undoably."""
    label = "Rename deck" if set(fields) == {"name"} else "Edit deck details"
    return EditDeck(label, deck_id, dict(fields))


@dataclass
class SetDeckTemplate(Command):
    """Export a deck in another stored template (``None``: our own); undo puts back the
    one it had."""

    kind: ClassVar[str] = "set_deck_template"
    label: str
    deck_id: int | None
    after: str | None
    before: str | None = None
    recorded: bool = False  # ``before`` holds the template the first do replaced

    def do(self, store: Store) -> Changes:
        from briefing_app.services import templates

        assert self.deck_id is not None
        with store.transaction():
            name = decks.deck_name_of(store, self.deck_id)
            if not self.recorded:
                self.before, self.recorded = templates.deck_template_name(store, name), True
            return templates.set_deck_template(store, name, self.after)

    def undo(self, store: Store) -> Changes:
        from briefing_app.services import templates

        assert self.deck_id is not None and self.recorded
        with store.transaction():
            name = decks.deck_name_of(store, self.deck_id)
            return templates.set_deck_template(store, name, self.before)

    @property
    def is_noop(self) -> bool:
        return self.recorded and self.before == self.after

    def state(self) -> dict[str, Any]:
        return {"after": self.after, "before": self.before, "recorded": self.recorded}

    @classmethod
    def from_state(cls, label: str, deck_id: int | None, state: dict[str, Any]) -> Command:
        return cls(label, deck_id, **state)


def set_deck_template(deck_id: int, template: str | None) -> SetDeckTemplate:
    """Export the deck in the stored template ``template`` (None: our own), undoably."""
    return SetDeckTemplate("Change the deck's template", deck_id, template)


# --- user arguments -----------------------------------------------------------------------


@dataclass
class CreateArgument(Command):
    """A new user argument; undo deletes it, redo restores it exactly (same key)."""

    kind: ClassVar[str] = "create_argument"
    label: str
    deck_id: int | None
    fields: dict[str, Any] = field(default_factory=dict)
    argument_id: int | None = None
    deleted: ArgumentSnapshot | None = None

    def do(self, store: Store) -> Changes:
        if self.argument_id is None:
            created = arguments.create_argument(store, **self.fields)
            self.argument_id = created.value
            return created.changes
        assert self.deleted is not None
        restored = arguments.restore_argument(store, self.deleted)
        self.argument_id = restored.value
        return restored.changes

    def undo(self, store: Store) -> Changes:
        assert self.argument_id is not None
        deleted = arguments.delete_argument(store, self.argument_id)
        self.deleted = deleted.value
        return deleted.changes

    def state(self) -> dict[str, Any]:
        return {"argument_id": self.argument_id,
                "deleted": _argument_state(self.deleted) if self.deleted else None}  # fmt: skip

    @classmethod
    def from_state(cls, label: str, deck_id: int | None, state: dict[str, Any]) -> Command:
        deleted = _argument_from(state["deleted"]) if state["deleted"] else None
        return cls(label, deck_id, argument_id=state["argument_id"], deleted=deleted)


def create_argument(**fields: Any) -> CreateArgument:
    """``fields`` as for :func:`arguments.create_argument` (without the store)."""
    return CreateArgument(f"Create argument “{fields.get('label', '')}”", None, dict(fields))


@dataclass
class EditArgument(Command):
    kind: ClassVar[str] = "edit_argument"
    label: str
    deck_id: int | None
    argument_id: int
    after: dict[str, Any]
    before: dict[str, Any] | None = None

    def do(self, store: Store) -> Changes:
        done = arguments.update_argument(
            store, self.argument_id, expected=self.before, **self.after
        )
        self.before = done.value
        return done.changes

    def undo(self, store: Store) -> Changes:
        assert self.before is not None
        return arguments.update_argument(
            store, self.argument_id, expected=self.after, **self.before
        ).changes

    def state(self) -> dict[str, Any]:
        return {"argument_id": self.argument_id, "after": self.after, "before": self.before}

    @classmethod
    def from_state(cls, label: str, deck_id: int | None, state: dict[str, Any]) -> Command:
        return cls(label, deck_id, **state)


def edit_argument(argument_id: int, name: str, /, **after: Any) -> EditArgument:
    """Change fields of a user argument; ``name`` is its label as the user knows it."""
    return EditArgument(f"Edit argument “{name}”", None, argument_id, dict(after))


@dataclass
class DeleteArgument(Command):
    """Delete a user argument; undo restores it with its reviews, tags and relations."""

    kind: ClassVar[str] = "delete_argument"
    label: str
    deck_id: int | None
    argument_id: int
    deleted: ArgumentSnapshot | None = None

    def do(self, store: Store) -> Changes:
        deleted = arguments.delete_argument(store, self.argument_id)
        self.deleted = deleted.value
        return deleted.changes

    def undo(self, store: Store) -> Changes:
        assert self.deleted is not None
        restored = arguments.restore_argument(store, self.deleted)
        self.argument_id = restored.value
        return restored.changes

    def state(self) -> dict[str, Any]:
        return {"argument_id": self.argument_id,
                "deleted": _argument_state(self.deleted) if self.deleted else None}  # fmt: skip

    @classmethod
    def from_state(cls, label: str, deck_id: int | None, state: dict[str, Any]) -> Command:
        deleted = _argument_from(state["deleted"]) if state["deleted"] else None
        return cls(label, deck_id, state["argument_id"], deleted)


def delete_argument(argument_id: int, name: str) -> DeleteArgument:
    return DeleteArgument(f"Delete argument “{name}”", None, argument_id)
