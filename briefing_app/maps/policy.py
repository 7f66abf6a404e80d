"""Depiction policy every map follows, whoever defined it.

Crimea and Sevastopol are Ukrainian territory under Russian occupation (US, EU and UN
General Assembly resolution 68/262). The bundled data already assigns them to Ukraine; a
map whose view shows them but does not hatch them gets a hatched overlay and the note,
so no map can show them as plain Russian or plain Ukrainian territory.

Kosovo's status is disputed, including by four NATO Allies: a map whose view shows it
carries the status note, as a map showing Crimea does.
"""

from __future__ import annotations

from dataclasses import replace

from briefing_app.maps import geodata
from briefing_app.maps.geometry import View, to_page
from briefing_app.maps.spec import LayerSpec, MapSpec
from briefing_app.maps.styles import Style

OCCUPIED_IDS = ("UKR.crimea", "UKR.sevastopol")
OCCUPATION_LEGEND = "Crimea and Sevastopol: occupied by Russia since 2014"
OCCUPATION_NOTE = (
    "Crimea: Ukrainian territory under Russian occupation (US, EU and UN General Assembly policy)."
)
OCCUPATION_STYLE = Style(fill=None, stroke="hatch", stroke_width=0.4, hatch="hatch")
KOSOVO_ID = "KOS"
KOSOVO_NOTE = (
    "Kosovo: declared independence 2008; not recognised by Serbia, Russia, China and five EU "
    "members; UNSCR 1244 in force."
)


def _hatches_occupied(layer: LayerSpec) -> bool:
    if not layer.style.hatch or layer.source != "admin1" or layer.merge:
        return False
    chosen = {f.id for f in geodata.select(layer.source, layer.ids, layer.exclude)}
    return set(OCCUPIED_IDS) <= chosen


def apply_policies(spec: MapSpec, view: View) -> MapSpec:
    """``spec`` with the Kosovo status note when its view shows Kosovo, and the occupation
    overlay and note when it shows Crimea."""
    bounds = view.lonlat_bounds()
    kosovo = geodata.feature(KOSOVO_ID).geometry
    middle = to_page(kosovo.representative_point().buffer(0.01), view, bounds)
    if not middle.is_empty and KOSOVO_NOTE not in spec.notes:  # on the map, not a sliver
        spec = replace(spec, notes=(*spec.notes, KOSOVO_NOTE))
    crimea = to_page(geodata.feature(OCCUPIED_IDS[0]).geometry, view, bounds)
    if crimea.is_empty:
        return spec
    layers = spec.layers
    if not any(_hatches_occupied(layer) for layer in layers):
        layers = (
            *layers,
            LayerSpec(
                name="Occupied by Russia",
                source="admin1",
                ids=OCCUPIED_IDS,
                style=OCCUPATION_STYLE,
                legend=OCCUPATION_LEGEND,
            ),
        )
    notes = spec.notes if OCCUPATION_NOTE in spec.notes else (*spec.notes, OCCUPATION_NOTE)
    return replace(spec, layers=layers, notes=notes)
