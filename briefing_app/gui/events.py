"""Store-change notifications shared by the panels, so each can refresh what it shows.

Whoever changes the store through a service emits the matching signal; panels that show
that data listen. Nothing here touches the store.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class StoreEvents(QObject):
    argumentsChanged = Signal()  # arguments created, edited, deleted, tagged
    reviewsChanged = Signal(int)  # argument id whose review annotations changed
    correctionsChanged = Signal()  # a correction or caveat added, edited or removed
    mapsChanged = Signal()  # a map's layers or links changed
    decksChanged = Signal()  # decks created, renamed, duplicated, deleted
    deckContentChanged = Signal(str)  # deck name whose slides or items changed
