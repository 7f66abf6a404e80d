"""A stored map as a MapSpec: the one place a map's row and layer rows become a spec."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from briefing_app.maps.spec import LayerSpec, MapSpec
from briefing_app.store.reading import LayerRow, MapRow


def layer_spec(row: LayerRow) -> LayerSpec:
    data: dict[str, Any] = {
        "name": row.name,
        "source": row.source,
        "style": row.style or {},
        "legend": row.legend,
        "attribution": row.attribution,
        **(row.selector or {}),
    }
    if row.features:
        data["features"] = row.features
    return LayerSpec.from_dict(data)


def spec_of_row(row: MapRow) -> MapSpec:
    """The MapSpec of a stored map (as :meth:`StoreReader.map` reads it)."""
    opts = dict(row.options or {})
    data = {
        "key": row.key,
        "title": row.title,
        "caption": row.caption,
        "extent": row.extent,
        "projection": row.projection,
        "layer": [],
        **opts,
    }
    spec = MapSpec.from_dict(data)
    return replace(
        spec,
        layers=tuple(layer_spec(layer) for layer in row.layers),
        arguments=row.arguments,
        document=row.document,
    )
