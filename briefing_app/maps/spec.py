"""What a map is: extent, projection, styled layers, legend notes and linked arguments.

A MapSpec is immutable and hashable, so drawn maps can be cached by (spec, frame). It comes
from ``resources/maps/bundled_maps.toml`` or from the store, and goes back to both through
``to_dict``. Layers draw bottom to top; a layer picks features from the bundled Natural
Earth subset (``source`` = countries | admin1 | disputed, ``ids`` with ``*`` wildcards) or
carries its own (``source = "inline"``, imported GeoJSON geometries).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from briefing_app.maps.styles import Style

SOURCES = ("countries", "admin1", "disputed", "inline")
CORNERS = ("top-left", "top-right", "bottom-left", "bottom-right")


@dataclass(frozen=True)
class InlineFeature:
    """One imported feature: GeoJSON geometry kept as compact JSON text (lon/lat)."""

    id: str
    name: str
    geometry: str


@dataclass(frozen=True)
class LayerSpec:
    name: str
    source: str
    ids: tuple[str, ...] = ("*",)
    exclude: tuple[str, ...] = ()
    merge: bool = False  # draw the selection as one shape named after the layer
    style: Style = field(default_factory=Style)
    legend: str | None = None
    label_text: tuple[tuple[str, str], ...] = ()  # (feature id, text); "" hides the label
    features: tuple[InlineFeature, ...] = ()
    attribution: str | None = None  # added to the source line (imported layers)

    @property
    def kind(self) -> str:
        if self.source == "inline":
            first = self.features[0].geometry if self.features else ""
            return (
                "line" if '"type":"LineString"' in first or '"MultiLineString"' in first else "area"
            )
        return "line" if self.source == "disputed" else "area"

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> LayerSpec:
        source = data.get("source", "countries")
        if source not in SOURCES:
            raise ValueError(f"Layer {data.get('name')!r} has unknown source {source!r}.")
        features = tuple(
            InlineFeature(
                str(f["id"]),
                str(f.get("name", f["id"])),
                f["geometry"]
                if isinstance(f["geometry"], str)
                else json.dumps(f["geometry"], separators=(",", ":")),
            )
            for f in data.get("features", ())
        )
        return cls(
            name=str(data["name"]),
            source=source,
            ids=tuple(data.get("ids", ("*",))),
            exclude=tuple(data.get("exclude", ())),
            merge=bool(data.get("merge", False)),
            style=Style.from_dict(data.get("style")),
            legend=data.get("legend") or None,
            label_text=tuple(
                sorted((str(k), str(v)) for k, v in dict(data.get("label_text", {})).items())
            ),
            features=features,
            attribution=data.get("attribution") or None,
        )

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "name": self.name,
            "source": self.source,
            "ids": list(self.ids),
            "style": self.style.to_dict(),
        }
        if self.exclude:
            data["exclude"] = list(self.exclude)
        if self.merge:
            data["merge"] = True
        if self.legend:
            data["legend"] = self.legend
        if self.label_text:
            data["label_text"] = dict(self.label_text)
        if self.features:
            data["features"] = [
                {"id": f.id, "name": f.name, "geometry": json.loads(f.geometry)}
                for f in self.features
            ]
        if self.attribution:
            data["attribution"] = self.attribution
        return data


@dataclass(frozen=True)
class Inset:
    """A small locator map: its own lon/lat extent, the country ids to highlight."""

    extent: tuple[float, float, float, float]
    highlight: tuple[str, ...] = ()
    corner: str = "top-right"
    width: float = 0.22  # fraction of the map's width


@dataclass(frozen=True)
class MapSpec:
    key: str
    title: str
    extent: tuple[float, float, float, float]  # lon_min, lat_min, lon_max, lat_max to show
    projection: tuple[tuple[str, float | str], ...] = (("name", "laea"),)
    layers: tuple[LayerSpec, ...] = ()
    caption: str = ""
    notes: tuple[str, ...] = ()  # notes printed under the map (status, sources of lines)
    arguments: tuple[str, ...] = ()  # argument keys the map illustrates
    legend_corner: str = "bottom-left"
    scale_bar: str | None = "bottom-right"  # corner, or None for no scale bar
    inset: Inset | None = None
    sea: str = "sea"
    document: str | None = None  # slug of the document whose arguments are linked
    # Feature ids (wildcards, ``@nato``) of the land the map is about: the legend and the
    # scale bar are placed where they cover none of it. Empty: every layer but the first.
    subject: tuple[str, ...] = ()

    @property
    def projection_params(self) -> dict[str, Any]:
        return dict(self.projection)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> MapSpec:
        extent = tuple(float(v) for v in data["extent"])
        if len(extent) != 4 or not (extent[0] < extent[2] and extent[1] < extent[3]):
            raise ValueError(f"Map {data.get('key')!r} needs extent [lon0, lat0, lon1, lat1].")
        inset = data.get("inset")
        corner = data.get("legend_corner", "bottom-left")
        scale = data.get("scale_bar", "bottom-right")
        for value in (corner, scale, (inset or {}).get("corner", "top-right")):
            if value not in (*CORNERS, None, False):
                raise ValueError(f"{value!r} is not a corner ({', '.join(CORNERS)}).")
        return cls(
            key=str(data["key"]),
            title=str(data.get("title", data["key"])),
            extent=extent,
            projection=tuple(sorted(dict(data.get("projection", {"name": "laea"})).items())),
            layers=tuple(LayerSpec.from_dict(layer) for layer in data.get("layer", ())),
            caption=str(data.get("caption", "")),
            notes=tuple(data.get("notes", ())),
            arguments=tuple(data.get("arguments", ())),
            legend_corner=corner,
            scale_bar=scale or None,
            inset=Inset(
                extent=tuple(float(v) for v in inset["extent"]),  # type: ignore[arg-type]
                highlight=tuple(inset.get("highlight", ())),
                corner=inset.get("corner", "top-right"),
                width=float(inset.get("width", 0.22)),
            )
            if inset
            else None,
            sea=str(data.get("sea", "sea")),
            document=data.get("document"),
            subject=tuple(str(v) for v in data.get("subject", ())),
        )

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "key": self.key,
            "title": self.title,
            "caption": self.caption,
            "extent": list(self.extent),
            "projection": self.projection_params,
            "notes": list(self.notes),
            "arguments": list(self.arguments),
            "legend_corner": self.legend_corner,
            "scale_bar": self.scale_bar or False,
            "sea": self.sea,
            "layer": [layer.to_dict() for layer in self.layers],
        }
        if self.inset:
            data["inset"] = {
                "extent": list(self.inset.extent),
                "highlight": list(self.inset.highlight),
                "corner": self.inset.corner,
                "width": self.inset.width,
            }
        if self.document:
            data["document"] = self.document
        if self.subject:
            data["subject"] = list(self.subject)
        return data
