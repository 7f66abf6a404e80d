"""Depiction policy every map follows, whoever defined it.

Crimea and Sevastopol are Ukrainian territory under Russian occupation (US, EU and UN
General Assembly resolution 68/262). The bundled data already assigns them to Ukraine; a
map whose view shows them but does not hatch them gets a hatched overlay and the legend
note, so no map can show them as plain Russian or plain Ukrainian territory.
"""

from __future__ import annotations

from dataclasses import replace

import shapely

from briefing_app.maps import geodata
from briefing_app.maps.geometry import View
from briefing_app.maps.spec import LayerSpec, MapSpec
from briefing_app.maps.styles import Style

OCCUPIED_IDS = ("UKR.crimea", "UKR.sevastopol")
OCCUPATION_LEGEND = "Crimea and Sevastopol: occupied by Russia since 2014"
OCCUPATION_NOTE = (
    "Crimea and Sevastopol are shown as Ukrainian territory under Russian occupation, "
    "following US, EU and UN General Assembly policy."
)
OCCUPATION_STYLE = Style(fill=None, stroke="hatch", stroke_width=0.4, hatch="hatch")


def _hatches_occupied(layer: LayerSpec) -> bool:
    if not layer.style.hatch or layer.source != "admin1" or layer.merge:
        return False
    chosen = {f.id for f in geodata.select(layer.source, layer.ids, layer.exclude)}
    return set(OCCUPIED_IDS) <= chosen


def apply_policies(spec: MapSpec, view: View) -> MapSpec:
    """``spec`` with the occupation overlay and note added when its view shows Crimea."""
    crimea = geodata.feature(OCCUPIED_IDS[0]).geometry
    if not crimea.intersects(shapely.box(*view.lonlat_bounds())):
        return spec
    layers = spec.layers
    if not any(_hatches_occupied(layer) for layer in layers):
        layers = (*layers, LayerSpec(name="Occupied by Russia", source="admin1",
                                     ids=OCCUPIED_IDS, style=OCCUPATION_STYLE,
                                     legend=OCCUPATION_LEGEND))
    notes = spec.notes if OCCUPATION_NOTE in spec.notes else (*spec.notes, OCCUPATION_NOTE)
    return replace(spec, layers=layers, notes=notes)
