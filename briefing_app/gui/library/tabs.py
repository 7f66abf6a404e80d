"""The library's record tabs (quotes, footnotes, actors, events, maps) and view helpers."""

from __future__ import annotations

import importlib.util
from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTreeView, QWidget

from briefing_app.domain.errors import BriefingError
from briefing_app.gui.errors import report_unexpected
from briefing_app.gui.library.models import Column, RecordTableModel
from briefing_app.services import library
from briefing_app.store.store import Store

if TYPE_CHECKING:
    from briefing_app.services.maps import MapSummary


def _one_line(text: str) -> str:
    return " ".join(text.split())


def maps_available() -> bool:
    """True when the maps service is installed (the Maps tab is shown only then)."""
    try:
        return importlib.util.find_spec("briefing_app.services.maps") is not None
    except (ImportError, ValueError):
        return False


def _list_maps(store: Store) -> list[MapSummary]:
    from briefing_app.services import maps

    try:
        return list(maps.list_maps(store))
    except BriefingError:  # a damaged map record must not break the library
        return []
    except Exception as exc:  # a bug: logged and shown as itself, the library still opens
        report_unexpected(exc, "listing the maps")
        return []


def several_documents(store: Store) -> bool:
    return len(library.documents(store)) > 1


def column_samples(kind: str, model: object) -> Sequence[str | None]:
    """The width samples of ``kind``'s columns as ``model`` has them."""
    samples = COLUMN_SAMPLES[kind]
    count = model.columnCount() if hasattr(model, "columnCount") else len(samples)
    return (*samples, *EXTRA_SAMPLES.get(kind, ()))[:count]


def record_models(store: Store, parent: QObject | None = None) -> dict[str, RecordTableModel]:
    """One lazily loaded table model per tab, keyed by source kind (footnotes say
    which document they belong to once the store holds more than one)."""
    footnote_columns = [
        Column("No.", lambda f: str(f.number)),
        Column("Footnote", lambda f: _one_line(f.text)),
    ]
    if several_documents(store):
        footnote_columns.append(Column("Document", lambda f: f.document))
    models = {
        "quote": RecordTableModel(
            "quote",
            lambda: library.quotes(store),
            [
                Column("Quote", lambda q: f"“{_one_line(q.text)}”"),
                Column("Speaker", lambda q: q.speaker or ""),
                Column("Date", lambda q: q.date or ""),
            ],
            tooltip=lambda q: f"“{q.text}”\n— {q.speaker or 'unattributed'}\n{q.context}",
            source_kind="quote",
            parent=parent,
        ),
        "footnote": RecordTableModel(
            "footnote",
            lambda: library.footnotes(store),
            footnote_columns,
            tooltip=lambda f: f"{f.text}\n({f.document})",
            source_kind="footnote",
            parent=parent,
        ),
        "actor": RecordTableModel(
            "actor",
            lambda: library.actors(store),
            [
                Column("Name", lambda a: a.name),
                Column("Kind", lambda a: a.kind.capitalize()),
            ],
            tooltip=lambda a: f"{a.name}\n{a.description}",
            source_kind=None,  # actors are not slide material
            parent=parent,
        ),
        "event": RecordTableModel(
            "event",
            lambda: library.events(store),
            [
                # The corrected date where a reviewer corrected it, marked "*".
                Column("Date", lambda e: (e.date_label or e.date) + (" *" if e.correction else "")),
                Column("Event", lambda e: _one_line(e.description)),
            ],
            tooltip=lambda e: "\n".join(
                x for x in (e.date_label or e.date, e.description, e.correction) if x
            ),
            source_kind="event",
            parent=parent,
        ),
    }
    if maps_available():
        models["map"] = RecordTableModel(
            "map",
            lambda: _list_maps(store),
            [
                Column("Map", lambda m: m.title),
                Column("Layers", lambda m: str(len(m.layers))),
            ],
            tooltip=lambda m: f"{m.title}\n{m.caption}",
            source_kind="map",
            parent=parent,
        )
    return models


# Column widths as sample texts (measured with the view's font); None stretches.
# Columns shown only sometimes (the footnote's document when there are several).
EXTRA_SAMPLES: dict[str, Sequence[str | None]] = {"footnote": ("balkans-breakthrough",)}
COLUMN_SAMPLES: dict[str, Sequence[str | None]] = {
    "argument": (None, "Precedent", "Review"),
    "quote": (None, "Aleksandar Vučić", "2025-09-30"),
    "footnote": ("No.", None),
    "actor": (None, "Organisation"),
    "event": ("30 Sep 2025 *", None),
    "map": (None, "Layers"),
}


def make_view(name: str, accessible: str, parent: QWidget) -> QTreeView:
    """A Zotero-style list: header, alternating rows, multi-select, drag to copy."""
    view = QTreeView(parent)
    view.setObjectName(name)
    view.setAccessibleName(accessible)
    view.header().setAccessibleName(f"{accessible} columns")
    view.setUniformRowHeights(True)
    view.setAlternatingRowColors(True)
    view.setAllColumnsShowFocus(True)
    view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setDragEnabled(True)
    view.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
    view.setDefaultDropAction(Qt.DropAction.CopyAction)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
    view.setTextElideMode(Qt.TextElideMode.ElideRight)
    return view


def size_columns(view: QTreeView, samples: Sequence[str | None]) -> None:
    """Fixed, measured widths for narrow columns; the None column takes the rest."""
    header = view.header()
    header.setStretchLastSection(False)
    header.setMinimumSectionSize(24)
    metrics = view.fontMetrics()
    header_metrics = header.fontMetrics()
    model = view.model()
    for column, sample in enumerate(samples):
        if sample is None:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
            continue
        title = str(model.headerData(column, Qt.Orientation.Horizontal)) if model else ""
        width = max(metrics.horizontalAdvance(sample), header_metrics.horizontalAdvance(title))
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(column, width + 18)
