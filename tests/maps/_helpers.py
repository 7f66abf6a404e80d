"""Shared helpers for the map tests."""

from __future__ import annotations

import base64
import re
import zlib

from sqlalchemy import MetaData, select

import briefing_app.store.map_models  # noqa: F401  (registers the map tables)
from briefing_app.layout.boxes import Box, LaidDeck, LaidSlide, PathBox, RectBox, RuleBox
from briefing_app.store.store import Store

FRAME = (40.0, 80.0, 600.0, 430.0)


def deck_of(boxes: list[Box], title: str = "Map") -> LaidDeck:
    return LaidDeck("Maps", "Tests", "Maps", (LaidSlide(1, title, tuple(boxes)),))


def box_rect(box: Box) -> tuple[float, float, float, float]:
    if isinstance(box, PathBox):
        xs = [p[0] for ring in box.rings for p in ring]
        ys = [p[1] for ring in box.rings for p in ring]
        return min(xs), min(ys), max(xs), max(ys)
    if isinstance(box, RuleBox):
        return (min(box.x1, box.x2), min(box.y1, box.y2), max(box.x1, box.x2), max(box.y1, box.y2))
    assert not isinstance(box, RectBox) or box.w >= 0
    return box.x, box.y, box.x + box.w, box.y + box.h  # type: ignore[union-attr]


def pdf_streams(data: bytes) -> bytes:
    """All page content streams of a PDF, inflated."""
    out = []
    for match in re.finditer(rb"stream\r?\n(.*?)endstream", data, re.S):
        raw = match.group(1)
        if raw.rstrip().endswith(b"~>"):  # /ASCII85Decode before /FlateDecode
            raw = base64.a85decode(raw.rstrip()[:-2], ignorechars=b" \t\n\r\x0b")
        try:
            out.append(zlib.decompressobj().decompress(raw))
        except zlib.error:
            out.append(raw)
    return b"\n".join(out)


def dump_store(store: Store) -> dict[str, list[tuple]]:
    """Every row of every table (search index excluded), for before/after comparisons."""
    meta = MetaData()
    meta.reflect(store.engine)
    with store.engine.connect() as conn:
        return {
            name: sorted(tuple(map(repr, row)) for row in conn.execute(select(table)))
            for name, table in meta.tables.items()
            if not name.startswith("search_index")
        }
