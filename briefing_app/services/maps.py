"""Maps in the store: save, list, read back as MapSpecs, link to arguments, import layers.

Every write is one transaction: an error leaves the store exactly as it was. Errors a user
can cause are StoreError subclasses whose text is one sentence.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session, selectinload

from briefing_app.domain import dates
from briefing_app.maps import geodata, nato
from briefing_app.maps.bundled import bundled_specs
from briefing_app.maps.import_layers import (
    ImportedLayer,
    MapImportError,
    read_layer_file,
    recheck_features,
)
from briefing_app.maps.spec import LayerSpec, MapSpec
from briefing_app.maps.stored import layer_spec, spec_of_row
from briefing_app.maps.styles import Style
from briefing_app.progress import Progress, report
from briefing_app.store.changes import Changes, WithChanges
from briefing_app.store.errors import NotFoundError, StoreError
from briefing_app.store.map_models import Map, MapLayer, map_argument
from briefing_app.store.models import Argument, Document
from briefing_app.store.reading import LayerRow, MapRow
from briefing_app.store.store import Store

__all__ = [
    "MapError",
    "MapImportError",
    "MapSummary",
    "delete_map",
    "get_map",
    "import_layer",
    "link_argument",
    "linked_arguments",
    "list_maps",
    "load_bundled_maps",
    "maps_for_argument",
    "remove_layer",
    "save_map",
    "unlink_argument",
    "update_layer",
]


class MapError(StoreError):
    """A map operation the store cannot carry out (named in one sentence)."""


@dataclass(frozen=True)
class MapSummary:
    id: int
    key: str
    title: str
    caption: str
    origin: str
    layers: tuple[str, ...]
    arguments: tuple[str, ...]


# --- rows <-> specs ---------------------------------------------------------------------


def _layer_row(layer: LayerSpec, position: int) -> MapLayer:
    data = layer.to_dict()
    selector = {k: data[k] for k in ("ids", "exclude", "merge", "label_text") if k in data}
    return MapLayer(
        position=position,
        name=layer.name,
        kind=layer.kind,
        source=layer.source,
        selector=selector,
        features=data.get("features"),
        style=data["style"],
        legend=layer.legend,
        attribution=layer.attribution,
    )


def _stored_layer(row: MapLayer) -> LayerRow:
    return LayerRow(row.name, row.source, row.selector, row.features, row.style, row.legend,
                    row.attribution)  # fmt: skip


def _spec(row: Map) -> MapSpec:
    """The MapSpec of a map row loaded in a session, made as composing makes it."""
    return spec_of_row(
        MapRow(
            row.id,
            row.key,
            row.title,
            row.caption,
            row.extent,
            row.projection,
            row.options,
            row.document_id,
            row.document.slug if row.document else None,
            tuple(_stored_layer(layer) for layer in row.layers),
            tuple(a.key for a in row.arguments),
        )
    )


def _options(spec: MapSpec) -> dict[str, Any]:
    data = spec.to_dict()
    return {
        k: data[k]
        for k in ("notes", "legend_corner", "scale_bar", "sea", "inset", "subject")
        if k in data
    }


def _check_layers(spec: MapSpec) -> None:
    """Every bundled feature id a layer names must exist (a typo is an error, not a gap)."""
    for layer in spec.layers:
        if layer.source != "inline":
            try:
                geodata.select(layer.source, nato.expand(layer.ids), nato.expand(layer.exclude))
            except KeyError as exc:
                raise MapError(f"Layer {layer.name!r} of map {spec.key!r}: {exc.args[0]}") from None


def _resolve_arguments(session: Session, spec: MapSpec) -> tuple[Document | None, list[Argument]]:
    if not spec.document:
        return None, []
    document = session.scalar(select(Document).where(Document.slug == spec.document))
    if document is None:
        return None, []
    found = {
        a.key: a
        for a in session.scalars(
            select(Argument).where(
                Argument.document_id == document.id, Argument.key.in_(spec.arguments)
            )
        )
    }
    missing = [k for k in spec.arguments if k not in found]
    if missing:
        raise MapError(f"Map {spec.key!r} links to unknown argument {missing[0]!r}.")
    return document, [found[k] for k in spec.arguments]


def _get(session: Session, key: str) -> Map:
    row = session.scalar(
        select(Map)
        .where(Map.key == key)
        .options(selectinload(Map.layers), selectinload(Map.arguments), selectinload(Map.document))
    )
    if row is None:
        raise NotFoundError(f"There is no map {key!r} in the store.")
    return row


# --- public API -------------------------------------------------------------------------


def save_map(
    store: Store, spec: MapSpec, *, origin: str = "user", replace: bool = False
) -> WithChanges[int]:
    """Store ``spec`` (replacing a map with the same key only when ``replace``); its id."""
    _check_layers(spec)
    with store.transaction() as session:
        existing = session.scalar(select(Map).where(Map.key == spec.key))
        if existing is not None:
            if not replace:
                raise MapError(f"A map with the key {spec.key!r} already exists.")
            session.delete(existing)
            session.flush()
        document, arguments = _resolve_arguments(session, spec)
        row = Map(
            key=spec.key,
            title=spec.title,
            caption=spec.caption,
            extent=list(spec.extent),
            projection=spec.projection_params,
            options=_options(spec),
            document=document,
            origin=origin,
            layers=[_layer_row(layer, i) for i, layer in enumerate(spec.layers)],
        )
        session.add(row)
        session.flush()
        _set_arguments(session, row.id, arguments)
        gone = {existing.id} if existing is not None else set()
        return WithChanges(row.id, Changes(maps=frozenset({row.id, *gone})))


def _set_arguments(session: Session, map_id: int, arguments: list[Argument]) -> None:
    session.execute(delete(map_argument).where(map_argument.c.map_id == map_id))
    if arguments:
        session.execute(
            map_argument.insert(),
            [
                {"map_id": map_id, "argument_id": a.id, "position": i}
                for i, a in enumerate(arguments)
            ],
        )


def load_bundled_maps(store: Store, specs: tuple[MapSpec, ...] | None = None) -> list[str]:
    """Add the bundled maps the store lacks (by key); the keys added. Idempotent."""
    specs = bundled_specs() if specs is None else specs
    with store.read() as session:
        present = set(session.scalars(select(Map.key)))
    added = []
    for spec in specs:
        if spec.key not in present:
            save_map(store, spec, origin="bundled")
            added.append(spec.key)
    return added


def reset_to_bundled(store: Store, key: str) -> WithChanges[int]:
    """Replace the stored map ``key`` with the bundled definition (a store made before the
    bundled maps were corrected keeps its old copies until reset); its new id."""
    spec = next((s for s in bundled_specs() if s.key == key), None)
    if spec is None:
        raise MapError(f"There is no bundled map {key!r}.")
    return save_map(store, spec, origin="bundled", replace=True)


def get_map(store: Store, key: str) -> MapSpec:
    with store.read() as session:
        return _spec(_get(session, key))


def list_maps(store: Store) -> list[MapSummary]:
    with store.read() as session:
        rows = session.scalars(
            select(Map)
            .order_by(Map.title)
            .options(selectinload(Map.layers), selectinload(Map.arguments))
        )
        return [
            MapSummary(
                r.id,
                r.key,
                r.title,
                r.caption,
                r.origin,
                tuple(layer.name for layer in r.layers),
                tuple(a.key for a in r.arguments),
            )
            for r in rows
        ]


def delete_map(store: Store, key: str) -> Changes:
    with store.transaction() as session:
        row = _get(session, key)
        session.delete(row)
        return Changes(maps=frozenset({row.id}))


def linked_arguments(store: Store, key: str) -> list[Argument]:
    """The arguments a map illustrates, in order, with footnotes loaded (for citations).

    The rows are detached: their columns and ``footnotes`` are loaded, nothing else.
    """
    with store.read() as session:
        row = _get(session, key)
        ids = [a.id for a in row.arguments]
        args = {
            a.id: a
            for a in session.scalars(
                select(Argument)
                .where(Argument.id.in_(ids))
                .options(selectinload(Argument.footnotes))
            )
        }
        session.expunge_all()  # detached, usable after the read session ends
        return [args[i] for i in ids]


def maps_for_argument(store: Store, argument_id: int) -> list[str]:
    """Keys of the maps that illustrate an argument."""
    with store.read() as session:
        return list(
            session.scalars(
                select(Map.key)
                .join(map_argument, map_argument.c.map_id == Map.id)
                .where(map_argument.c.argument_id == argument_id)
                .order_by(Map.key)
            )
        )


def link_argument(store: Store, key: str, argument_key: str) -> Changes:
    """Link an argument of the map's document (appended to the map's list)."""
    with store.transaction() as session:
        row = _get(session, key)
        if row.document_id is None:
            raise MapError(f"Map {key!r} belongs to no document, so it cannot cite arguments.")
        arg = session.scalar(
            select(Argument).where(
                Argument.document_id == row.document_id, Argument.key == argument_key
            )
        )
        if arg is None:
            raise NotFoundError(f"There is no argument {argument_key!r} in the map's document.")
        current = list(row.arguments)
        if arg not in current:
            _set_arguments(session, row.id, [*current, arg])
        return Changes(maps=frozenset({row.id}), arguments=frozenset({arg.id}))


def unlink_argument(store: Store, key: str, argument_key: str) -> Changes:
    with store.transaction() as session:
        row = _get(session, key)
        gone = [a.id for a in row.arguments if a.key == argument_key]
        keep = [a for a in row.arguments if a.key != argument_key]
        _set_arguments(session, row.id, keep)
        return Changes(maps=frozenset({row.id}), arguments=frozenset(gone))


def update_layer(
    store: Store,
    key: str,
    layer_name: str,
    *,
    ids: tuple[str, ...] | None = None,
    exclude: tuple[str, ...] | None = None,
    style: dict[str, Any] | None = None,
    legend: str | None = None,
) -> Changes:
    """Adjust one layer: e.g. which oblasts form the proposed interim-administration area."""
    with store.transaction() as session:
        row = _get(session, key)
        layer = next((lay for lay in row.layers if lay.name == layer_name), None)
        if layer is None:
            raise NotFoundError(f"Map {key!r} has no layer {layer_name!r}.")
        selector = dict(layer.selector or {})
        if ids is not None:
            selector["ids"] = list(ids)
        if exclude is not None:
            selector["exclude"] = list(exclude)
        new_style = dict(layer.style or {}) | dict(style or {})
        try:
            spec = LayerSpec.from_dict(
                {"name": layer.name, "source": layer.source, "style": new_style, **selector}
            )
            if spec.source != "inline":
                geodata.select(spec.source, spec.ids, spec.exclude)
        except (KeyError, TypeError, ValueError) as exc:
            raise MapError(f"Layer {layer_name!r} cannot be changed: {exc.args[0]}") from None
        layer.selector = selector
        layer.style = Style.from_dict(new_style).to_dict()
        if legend is not None:
            layer.legend = legend or None
        return Changes(maps=frozenset({row.id}))


def remove_layer(store: Store, key: str, layer_name: str) -> Changes:
    """Remove one layer of a map (e.g. an imported layer that is no longer wanted)."""
    with store.transaction() as session:
        row = _get(session, key)
        layer = next((lay for lay in row.layers if lay.name == layer_name), None)
        if layer is None:
            names = ", ".join(repr(lay.name) for lay in row.layers) or "none"
            raise NotFoundError(f"Map {key!r} has no layer {layer_name!r} (it has {names}).")
        row.layers.remove(layer)
        session.delete(layer)
        for position, rest in enumerate(row.layers):
            if rest.position != position:
                rest.position = position
        return Changes(maps=frozenset({row.id}))


def import_layer(
    store: Store,
    key: str,
    path: str | Path,
    *,
    name: str | None = None,
    style: dict[str, Any] | None = None,
    attribution: str | None = None,
    gpkg_layer: str | None = None,
    as_of: str | None = None,
    progress: Progress | None = None,
) -> WithChanges[str]:
    """Add a GeoJSON/GeoPackage file as the map's top layer; the layer's name.

    ``as_of`` (YYYY[-MM[-DD]]) is the date the layer shows, e.g. of a front line; the
    legend then says it ("Front line, as of 15 Nov 2025"). The file is validated
    completely before the store is touched (MapImportError).
    """
    as_of_label = ""
    if as_of:
        try:
            dates.check(as_of)
        except dates.DateError as exc:
            raise MapImportError(f"The layer's date: {exc}") from None
        as_of_label = dates.label(as_of)
    report(progress, 0, 2, "Reading the layer file")
    imported: ImportedLayer = read_layer_file(path, layer=gpkg_layer)
    default_style = (
        {"stroke": "outline", "stroke_width": 1.2}
        if imported.kind == "line"
        else {"fill": None, "stroke": "outline", "stroke_width": 1.0, "hatch": "hatch"}
    )
    try:
        layer_style = Style.from_dict(style if style is not None else default_style)
    except (TypeError, ValueError) as exc:
        raise MapImportError(f"The layer style is invalid: {exc}") from None
    layer_name = (name or imported.name).strip()[:300] or "Imported layer"
    report(progress, 1, 2, "Saving the layer")
    with store.transaction() as session:
        row = _get(session, key)
        if any(lay.name == layer_name for lay in row.layers):
            raise MapImportError(f"Map {key!r} already has a layer named {layer_name!r}.")
        legend = f"{layer_name}, as of {as_of_label}" if as_of_label else layer_name
        spec = LayerSpec(
            name=layer_name,
            source="inline",
            ids=(),
            style=layer_style,
            legend=legend,
            features=imported.features,
            attribution=attribution or f"Layer: {Path(path).name}",
        )
        row.layers.append(_layer_row(spec, len(row.layers)))
        changes = Changes(maps=frozenset({row.id}))
    report(progress, 2, 2, "Layer imported")
    return WithChanges(layer_name, changes)


def check_stored_layers(store: Store) -> list[str]:
    """Validate, repair and simplify once each imported layer stored before the limits.

    The same limits as ``map import`` apply (points, repair time and memory, points kept
    after simplifying), so an old store ends up holding only what an import would store
    today and drawing never repairs. A layer beyond them is removed; the sentence saying
    so is logged and returned. A layer whose stored data cannot be read is left for the
    commands that read it to name.
    """
    from briefing_app.errorlog import log_note

    with store.read() as session:
        ids = list(
            session.scalars(
                select(MapLayer.id)
                .where(MapLayer.geometry_checked.is_(False))
                .order_by(MapLayer.id)
            )
        )
    notes = []
    for layer_id in ids:
        with store.transaction() as session:
            row = session.get(MapLayer, layer_id)
            if row is None or row.geometry_checked:
                continue  # another process checked it first
            try:
                features = layer_spec(_stored_layer(row)).features
            except (TypeError, ValueError, KeyError, AttributeError):
                continue
            where = f"{row.name} on the map {row.map.key}"
            try:
                checked = recheck_features(features, where, row.kind)
            except MapImportError as exc:
                note = f"The layer {where}, imported before the geometry limits, was removed: {exc}"
                map_row = row.map
                map_row.layers.remove(row)
                for position, left in enumerate(map_row.layers):
                    left.position = position
                notes.append(note)
                log_note(note)
                continue
            if checked is not None:
                row.features = [
                    {"id": f.id, "name": f.name, "geometry": json.loads(f.geometry)}
                    for f in checked
                ]
            row.geometry_checked = True
    return notes
