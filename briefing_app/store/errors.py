"""Errors a user can cause when opening or using a store, each with one clear sentence."""

from __future__ import annotations

from briefing_app.domain.errors import BriefingError


class StoreError(BriefingError):
    """Base class of the store's user errors: ``str(error)`` is a sentence fit to show."""


class CorruptStoreError(StoreError):
    """The file exists but is not a readable briefing store; it is left untouched."""


class NewerStoreError(StoreError):
    """The store was written by a newer version of the app; it is left untouched."""


class NotFoundError(StoreError):
    """A record the user named (by id, key or name) does not exist."""


class ReadOnlyStoreError(StoreError):
    """The store's file or folder may not be written, so the app cannot save to it."""


class StoreBusyError(StoreError):
    """Another program kept the store locked for longer than the app waits."""


class ConflictError(StoreError):
    """Someone else changed what an edit was based on; nothing was written."""


class DiskFullError(StoreError):
    """The disk holding the store (or an export) is full; the write was undone whole."""


class ForeignObjectsError(CorruptStoreError):
    """The store carries triggers or views the app did not create; it is left untouched.

    A store is a file people send each other, and a trigger runs its own SQL whenever
    the app writes; ``names`` lists them as ``kind 'name'`` so the user can be asked
    before :func:`briefing_app.store.store.open_store` removes them.
    """

    def __init__(self, message: str, names: list[str]) -> None:
        super().__init__(message)
        self.names = names


class StoreFailedError(StoreError):
    """The database refused or lost a request for a reason outside the app (a server that
    went away, a disk that failed); the transaction was rolled back."""


class UnreadableValueError(CorruptStoreError):
    """A stored value is not of its column's kind: the store was changed outside the app."""


def _shown(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:39] + "…"


def unreadable(what: str, value: object) -> UnreadableValueError:
    """The sentence for a stored ``what`` ("date", "JSON value") that cannot be read."""
    return UnreadableValueError(
        f"The store holds a {what} that cannot be read ({_shown(value)}), so it "
        "was changed outside the app; restore a backup or correct that value."
    )
