"""The bundled Natural Earth subset (``resources/maps/natural_earth_subset.json``).

Loaded once per process; features are selected by layer and id pattern and handed out as
Shapely geometries in lon/lat. Written by ``resources/maps/derive.py``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from fnmatch import fnmatchcase
from functools import cache
from typing import TYPE_CHECKING

from briefing_app.paths import RESOURCES_DIR

if TYPE_CHECKING:
    from shapely.geometry.base import BaseGeometry

MAPS_DIR = RESOURCES_DIR / "maps"
SUBSET_PATH = MAPS_DIR / "natural_earth_subset.json"
ATTRIBUTION = "Boundaries: Natural Earth"


@dataclass(frozen=True)
class GeoFeature:
    id: str
    layer: str  # countries | admin1 | disputed | inline
    name: str
    geometry: BaseGeometry  # lon/lat
    props: tuple[tuple[str, object], ...] = ()

    def prop(self, key: str, default: object = None) -> object:
        return dict(self.props).get(key, default)


@cache
def subset() -> dict[str, GeoFeature]:
    """Every bundled feature by id."""
    import shapely  # loaded with the data, not when the app starts
    from shapely.geometry import shape

    data = json.loads(SUBSET_PATH.read_text(encoding="utf-8"))
    out: dict[str, GeoFeature] = {}
    for item in data["features"]:
        geom = shape({"type": item["type"], "coordinates": item["coordinates"]})
        shapely.prepare(geom)
        out[item["id"]] = GeoFeature(
            item["id"],
            item["layer"],
            item["name"],
            geom,
            tuple(sorted(item.get("props", {}).items())),
        )
    return out


def loaded() -> bool:
    """Whether the boundary data is in memory (loading it takes a few hundred ms)."""
    return subset.cache_info().currsize > 0


def feature(feature_id: str) -> GeoFeature:
    try:
        return subset()[feature_id]
    except KeyError:
        raise KeyError(f"No bundled map feature {feature_id!r}.") from None


def select(layer: str, ids: tuple[str, ...], exclude: tuple[str, ...] = ()) -> list[GeoFeature]:
    """Features of ``layer`` whose id matches a pattern in ``ids`` and none in ``exclude``.

    Exact ids keep the order given; wildcard matches follow in id order. An exact id that
    does not exist raises KeyError (a typo in a map definition should not pass silently).
    """
    data = subset()
    chosen: dict[str, GeoFeature] = {}
    for pattern in ids:
        if any(c in pattern for c in "*?["):
            for fid in sorted(data):
                if data[fid].layer == layer and fnmatchcase(fid, pattern):
                    chosen.setdefault(fid, data[fid])
        else:
            feat = feature(pattern)
            if feat.layer != layer:
                raise KeyError(
                    f"Map feature {pattern!r} is in layer {feat.layer!r}, not {layer!r}."
                )
            chosen.setdefault(pattern, feat)
    return [f for fid, f in chosen.items() if not any(fnmatchcase(fid, p) for p in exclude)]
