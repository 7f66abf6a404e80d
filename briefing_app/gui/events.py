"""The one store-change notification the panels listen to.

Only :class:`briefing_app.gui.commands.Operations` emits it, with the Changes record the
core returned for the write; each panel refreshes what it shows of those changes.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

if TYPE_CHECKING:  # the window is painted before the store and its services are imported
    from briefing_app.services.decks import SlideSnapshot


@dataclass(frozen=True)
class Origin:
    """Who made a change and what to show after it.

    ``initiator`` is the widget that asked for the write (it may already show the result);
    ``deck_id`` and ``focus`` name the deck and slide an undoable edit, its undo or its
    redo concerns, so the editor can show that slide; ``slides`` hold what that edit
    left of the slides it touched, read in its own transaction.
    """

    initiator: object | None = None
    deck_id: int | None = None
    focus: int | None = None
    undo: bool = False
    # the touched slides as the write left them, when its command holds them whole
    slides: Mapping[int, SlideSnapshot] = field(default_factory=dict)


class StoreEvents(QObject):
    changed = Signal(object, object)  # (Changes, Origin): what a write changed, and who
