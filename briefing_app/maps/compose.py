"""``map_boxes``: a MapSpec drawn into a page frame as renderer boxes.

Order of drawing: sea, layers bottom to top (one PathBox per feature, named after it),
labels, locator inset, legend, scale bar, frame, source line. Everything lies inside the
frame. Results are cached by (spec, frame), so a redraw costs only the renderer's time.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import shapely

from briefing_app.layout.boxes import Box, PathBox, RectBox, TextStyle
from briefing_app.maps import geodata
from briefing_app.maps.furniture import (
    SOURCE_STRIP,
    LegendEntry,
    frame_border,
    legend,
    scale_bar,
    source_line,
)
from briefing_app.maps.geodata import ATTRIBUTION, GeoFeature
from briefing_app.maps.geometry import View, line_paths, make_view, polygon_rings, to_page
from briefing_app.maps.inset import inset_boxes
from briefing_app.maps.labels import LabelRequest, place_labels
from briefing_app.maps.policy import apply_policies
from briefing_app.maps.projection import projection_from
from briefing_app.maps.spec import LayerSpec, MapSpec
from briefing_app.maps.styles import label_color_for, resolve

Frame = tuple[float, float, float, float]


@dataclass(frozen=True)
class MapFigure:
    """A map as the layout engine's :class:`~briefing_app.layout.figure.Figure`."""

    spec: MapSpec

    def boxes(self, frame: Frame) -> list[Box]:
        return map_boxes(self.spec, frame)


def map_boxes(spec: MapSpec, frame: Frame) -> list[Box]:
    """Every box of the map inside ``frame`` = (x, y, w, h) in page points."""
    key = tuple(round(float(v), 3) for v in frame)
    return list(_map_boxes(spec, key))  # type: ignore[arg-type]


def layer_features(layer: LayerSpec) -> list[GeoFeature]:
    """The lon/lat features a layer draws (merged into one when ``layer.merge``)."""
    if layer.source == "inline":
        # Imports store only valid, simplified geometry (maps.import_layers): nothing to repair.
        feats = [GeoFeature(f.id, "inline", f.name, shapely.from_geojson(f.geometry))
                 for f in layer.features]
    else:
        feats = geodata.select(layer.source, layer.ids, layer.exclude)
    if layer.merge and feats:
        merged = shapely.union_all([f.geometry for f in feats])
        return [GeoFeature(layer.name, feats[0].layer, layer.name, merged)]
    return feats


def _label_style(layer: LayerSpec, fill: str | None) -> TextStyle:
    st = layer.style
    color = resolve(st.label_color) if st.label_color != "label" else label_color_for(fill)
    return TextStyle("sans", st.label_size, bold=st.label_bold, italic=st.label_italic,
                     color=color or "2E2E2E")


@lru_cache(maxsize=48)
def _map_boxes(spec: MapSpec, frame: Frame) -> tuple[Box, ...]:
    x, y, w, h = frame
    rect = (x, y, w, h - SOURCE_STRIP)
    view = make_view(projection_from(spec.projection_params), spec.extent, rect)
    spec = apply_policies(spec, view)
    area = (x, y, x + w, y + h - SOURCE_STRIP)
    boxes: list[Box] = [RectBox(*rect, fill=resolve(spec.sea), name="Sea")]
    requests = _draw_layers(spec, view, boxes)

    furniture: list[Box] = []
    obstacles = []
    if spec.inset is not None:
        inset, inset_rect = inset_boxes(spec.inset, view, area)
        furniture += inset
        obstacles.append(inset_rect)
    entries = [LegendEntry(layer.legend, layer.style, layer.kind)
               for layer in spec.layers if layer.legend]
    legend_w = min(230.0, max(150.0, w * 0.34))
    legend_boxes, legend_rect = legend(entries, list(spec.notes), spec.legend_corner, area,
                                       legend_w)
    furniture += legend_boxes
    if legend_rect:
        obstacles.append(legend_rect)
    if spec.scale_bar:
        bar, bar_rect = scale_bar(view.scale, spec.scale_bar, area)
        furniture += bar
        obstacles.append(bar_rect)

    boxes += place_labels(requests, area, obstacles)
    boxes += furniture
    boxes.append(frame_border(rect))
    sources = [ATTRIBUTION, *sorted({lay.attribution for lay in spec.layers if lay.attribution})]
    text = "; ".join(sources) + f". Projection: {view.proj.name}."
    boxes.append(source_line(text, x, y + h - SOURCE_STRIP, w))
    return tuple(boxes)


def _draw_layers(spec: MapSpec, view: View, boxes: list[Box]) -> list[LabelRequest]:
    bounds = view.lonlat_bounds()
    labels = {}
    requests: list[LabelRequest] = []
    for index, layer in enumerate(spec.layers):
        st = layer.style
        overrides = dict(layer.label_text)
        for feat in layer_features(layer):
            page = to_page(feat.geometry, view, bounds)
            if page.is_empty:
                continue
            if layer.kind == "line":
                paths = line_paths(page)
                if paths and st.casing and st.casing_width > 0:
                    boxes.append(PathBox(rings=paths, closed=False, stroke=st.hex("casing"),
                                         stroke_width=st.casing_width,
                                         name=f"{feat.name} (casing)"))
                if paths:
                    boxes.append(PathBox(rings=paths, closed=False, stroke=st.hex("stroke"),
                                         stroke_width=st.stroke_width, name=feat.name))
                continue
            rings = polygon_rings(page)
            if not rings:
                continue
            boxes.append(PathBox(rings=rings, fill=st.hex("fill"), stroke=st.hex("stroke"),
                                 stroke_width=st.stroke_width, hatch=st.hex("hatch"),
                                 name=feat.name))
            text = overrides.get(feat.id, feat.name)
            if st.label and text:
                labels[feat.id] = text
                requests.append(LabelRequest(
                    text=text.upper() if st.label_caps else text,
                    style=_label_style(layer, st.hex("fill")),
                    region=page,
                    priority=st.label_priority * 1e9 + index * 1e6 + min(page.area, 9e5),
                    name=f"Label: {text}",
                    min_size=st.label_min_size,
                    callout=st.label_callout,
                ))
    return requests
