"""Every bundled map composes into clean boxes: inside the frame, labelled, legended, sourced."""

from __future__ import annotations

from dataclasses import replace
from itertools import combinations, pairwise

import pytest

from briefing_app.layout.boxes import PathBox, TextBox
from briefing_app.maps.bundled import bundled_specs
from briefing_app.maps.compose import MIN_LABEL_SIZE, map_boxes
from briefing_app.maps.policy import OCCUPATION_NOTE
from briefing_app.maps.spec import LayerSpec, MapSpec
from briefing_app.maps.styles import Style, lightness, resolve

from ._helpers import FRAME, box_rect

SPECS = {spec.key: spec for spec in bundled_specs()}
FRAMES = [FRAME, (20.0, 20.0, 420.0, 460.0), (480.0, 120.0, 460.0, 300.0)]


def _texts(boxes) -> list[str]:
    return [
        run.text
        for b in boxes
        if isinstance(b, TextBox)
        for p in b.paragraphs
        for line in p.lines
        for run in line.runs
    ]


def test_four_bundled_maps_linked_to_arguments() -> None:
    assert {"ukraine-donbas", "western-balkans", "kosovo-north", "europe-nato"} <= set(SPECS)
    for spec in SPECS.values():
        assert spec.arguments and spec.document == "balkans-breakthrough-for-ukraine"


@pytest.mark.parametrize("key", sorted(SPECS))
@pytest.mark.parametrize("frame", FRAMES)
def test_everything_inside_the_frame(key: str, frame) -> None:
    x, y, w, h = frame
    boxes = map_boxes(SPECS[key], frame)
    assert len(boxes) > 10
    for box in boxes:
        x0, y0, x1, y1 = box_rect(box)
        assert x - 0.01 <= x0 and y - 0.01 <= y0, box.name
        assert x1 <= x + w + 0.01 and y1 <= y + h + 0.01, box.name


@pytest.mark.parametrize("key", sorted(SPECS))
@pytest.mark.parametrize("frame", FRAMES)
def test_labels_never_overlap(key: str, frame) -> None:
    boxes = map_boxes(SPECS[key], frame)
    labels = [b for b in boxes if isinstance(b, TextBox) and b.name.startswith("Label: ")]
    assert len(labels) >= 3
    for a, b in combinations(labels, 2):
        overlap = a.x < b.x + b.w and b.x < a.x + a.w and a.y < b.y + b.h and b.y < a.y + a.h
        assert not overlap, (a.name, b.name)
    panels = [b for b in boxes if b.name in ("Legend", "Scale bar", "Locator frame")]
    for label in labels:
        for panel in panels:
            px0, py0, px1, py1 = box_rect(panel)
            assert not (
                label.x < px1
                and px0 < label.x + label.w
                and label.y < py1
                and py0 < label.y + label.h
            ), (label.name, panel.name)


@pytest.mark.parametrize("key", sorted(SPECS))
@pytest.mark.parametrize("font", ["carlito", "wide"])
def test_text_in_the_font_given_keeps_the_map_rules(key: str, font: str) -> None:
    """A house template's body font (Calibri's twin; a face with no twin, measured wider)
    sets every label, legend entry and note, which still keep the frame, the minimum
    label size and clear of one another and of the panels."""
    boxes = map_boxes(SPECS[key], FRAME, font)
    text = [b for b in boxes if isinstance(b, TextBox)]
    runs = [run for b in text for p in b.paragraphs for line in p.lines for run in line.runs]
    assert runs and {run.style.font for run in runs} == {font}
    x, y, w, h = FRAME
    for box in boxes:
        x0, y0, x1, y1 = box_rect(box)
        assert x - 0.01 <= x0 and y - 0.01 <= y0 and x1 <= x + w + 0.01 and y1 <= y + h + 0.01
    labels = [b for b in text if b.name.startswith("Label: ")]
    assert len(labels) >= 3
    for label in labels:
        sizes = [r.style.size for p in label.paragraphs for line in p.lines for r in line.runs]
        assert min(sizes) >= MIN_LABEL_SIZE - 1e-6, label.name
    panels = [b for b in boxes if b.name in ("Legend", "Scale bar", "Locator frame")]
    for a, b in combinations(labels + panels, 2):
        if a in panels and b in panels:
            continue
        ax0, ay0, ax1, ay1 = box_rect(a)
        bx0, by0, bx1, by1 = box_rect(b)
        assert not (ax0 < bx1 and bx0 < ax1 and ay0 < by1 and by0 < ay1), (a.name, b.name)


# The map frame a house template's art leaves on the map slide (Forestbird's and Pencil's
# grass and trees): wide and short, the legend taller than the map above the notes.
SHORT_FRAME = (384.4, 120.0, 524.1, 132.0)


@pytest.mark.parametrize("key", sorted(SPECS))
def test_legend_keeps_off_the_notes_in_a_short_frame(key: str) -> None:
    x, y, w, h = SHORT_FRAME
    boxes = map_boxes(SPECS[key], SHORT_FRAME)
    legend = [box_rect(b) for b in boxes if b.name == "Legend"]
    assert legend
    below = [b for b in boxes if b.name in ("Map note", "Map source")]
    assert any(b.name == "Map note" for b in below)
    for lx0, ly0, lx1, ly1 in legend:
        assert x <= lx0 and y <= ly0 and lx1 <= x + w and ly1 <= y + h
        for box in below:
            bx0, by0, bx1, by1 = box_rect(box)
            assert not (lx0 < bx1 and bx0 < lx1 and ly0 < by1 and by0 < ly1), box.name
    sea = next(box_rect(b) for b in boxes if b.name == "Sea")
    assert sea[3] - sea[1] >= 40 and sea[2] - sea[0] >= 150  # still a map, not a sliver


@pytest.mark.parametrize("key", sorted(SPECS))
def test_source_line_and_named_features(key: str) -> None:
    boxes = map_boxes(SPECS[key], FRAME)
    assert any(t.startswith("Boundaries: Natural Earth") for t in _texts(boxes))
    names = {b.name for b in boxes if isinstance(b, PathBox)}
    expected = {
        "ukraine-donbas": {"Donetsk", "Luhansk", "Crimea", "Kherson"},
        "western-balkans": {"Serbia", "Kosovo", "Bosnia and Herzegovina", "Croatia"},
        "kosovo-north": {"Leposavić", "Zvečan", "Zubin Potok", "Mitrovica", "Serbia"},
        "europe-nato": {"Russia", "Ukraine", "Serbia", "Poland"},
    }[key]
    assert expected <= names


@pytest.mark.parametrize("key", ["ukraine-donbas", "europe-nato"])
def test_crimea_hatched_with_legend_note(key: str) -> None:
    boxes = map_boxes(SPECS[key], FRAME)
    for name in ("Crimea", "Sevastopol"):
        assert any(isinstance(b, PathBox) and b.name == name and b.hatch for b in boxes), name
    assert not any(isinstance(b, PathBox) and b.name == "Russia" and b.hatch for b in boxes)
    text = " ".join(_texts(boxes))
    assert "Ukrainian territory under Russian occupation" in text


def test_policy_hatches_crimea_on_a_map_that_forgot() -> None:
    spec = MapSpec(
        key="plain",
        title="Plain",
        extent=(28.0, 43.0, 40.0, 49.0),
        layers=(LayerSpec("All", "countries", style=Style(fill="land")),),
    )
    boxes = map_boxes(spec, FRAME)
    assert any(isinstance(b, PathBox) and b.name == "Crimea" and b.hatch for b in boxes)
    assert OCCUPATION_NOTE.split(",")[0] in " ".join(_texts(boxes))


def test_map_without_crimea_gets_no_note() -> None:
    boxes = map_boxes(SPECS["kosovo-north"], FRAME)
    assert "occupation" not in " ".join(_texts(boxes))


@pytest.mark.parametrize("key", sorted(SPECS))
def test_legend_classes_distinct_in_grayscale(key: str) -> None:
    spec = SPECS[key]
    fills = [
        resolve(layer.style.fill)
        for layer in spec.layers
        if layer.legend and layer.style.fill and not layer.style.hatch
    ]
    levels = sorted([lightness(c) for c in fills] + [lightness(resolve(spec.sea))])
    gaps = [b - a for a, b in pairwise(levels)]
    assert min(gaps) >= 6.0, (key, levels)


def test_interim_area_is_adjustable_and_cached_by_spec() -> None:
    spec = SPECS["ukraine-donbas"]
    layer = next(lay for lay in spec.layers if lay.name.startswith("Interim"))
    assert layer.merge and set(layer.ids) == {"UKR.donetsk", "UKR.luhansk"}
    smaller = replace(
        spec,
        layers=tuple(
            replace(lay, ids=("UKR.donetsk",)) if lay is layer else lay for lay in spec.layers
        ),
    )

    def area(s):
        box = next(b for b in map_boxes(s, FRAME) if b.name == layer.name)
        return box_rect(box)

    assert area(smaller) != area(spec)
    assert map_boxes(spec, FRAME) == map_boxes(spec, FRAME)
