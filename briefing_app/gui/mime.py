"""Drag-and-drop payload for stored pieces (arguments, quotes, footnotes, events, maps)."""

from __future__ import annotations

import json

from PySide6.QtCore import QMimeData

from briefing_app.domain.vocabulary import SOURCE_KINDS

SOURCES_MIME = "application/x-briefing-sources"

SourceRef = tuple[str, int]


def encode_sources(refs: list[SourceRef], text: str = "") -> QMimeData:
    """MIME data carrying ``refs``; ``text`` is offered to other apps as plain text."""
    data = QMimeData()
    payload = [{"kind": kind, "id": int(ref_id)} for kind, ref_id in refs]
    data.setData(SOURCES_MIME, json.dumps(payload).encode("utf-8"))
    if text:
        data.setText(text)
    return data


def decode_sources(data: QMimeData) -> list[SourceRef]:
    """The refs in ``data``; malformed payloads give an empty list, never an error."""
    if not data.hasFormat(SOURCES_MIME):
        return []
    try:
        payload = json.loads(bytes(data.data(SOURCES_MIME).data()).decode("utf-8"))
        return [
            (str(entry["kind"]), int(entry["id"]))
            for entry in payload
            if entry.get("kind") in SOURCE_KINDS
        ]
    except (ValueError, TypeError, KeyError, AttributeError):
        return []
