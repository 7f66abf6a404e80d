"""The bundled map definitions (``resources/maps/bundled_maps.toml``) as MapSpecs."""

from __future__ import annotations

import tomllib
from dataclasses import replace
from functools import cache
from pathlib import Path

from briefing_app.maps.geodata import MAPS_DIR
from briefing_app.maps.spec import MapSpec

BUNDLED_MAPS = MAPS_DIR / "bundled_maps.toml"


def read_specs(path: Path) -> tuple[MapSpec, ...]:
    """Parse a map-definition file; a bad entry raises ValueError naming the map."""
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    document = data.get("document")
    specs = []
    for entry in data.get("map", []):
        try:
            spec = MapSpec.from_dict(entry)
        except (KeyError, TypeError, ValueError) as exc:
            raise ValueError(f"Map {entry.get('key', '?')!r} in {path.name}: {exc}") from exc
        specs.append(replace(spec, document=spec.document or document))
    return tuple(specs)


@cache
def bundled_specs() -> tuple[MapSpec, ...]:
    return read_specs(BUNDLED_MAPS)


def bundled_spec(key: str) -> MapSpec:
    for spec in bundled_specs():
        if spec.key == key:
            return spec
    raise KeyError(f"No bundled map {key!r}.")
