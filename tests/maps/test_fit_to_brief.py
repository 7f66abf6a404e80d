"""The bundled maps as a NATO ambassador checks them: membership from our list, legible
labels, legends off the subject, the names a briefing needs, and the status notes."""

from __future__ import annotations

import tomllib
import unicodedata
from datetime import date
from fnmatch import fnmatchcase

import pytest
import shapely

from briefing_app.layout.boxes import Box, PathBox, RectBox, TextBox
from briefing_app.maps import geodata, nato
from briefing_app.maps.bundled import bundled_specs
from briefing_app.maps.compose import MIN_LABEL_SIZE, map_boxes
from briefing_app.maps.policy import KOSOVO_NOTE
from briefing_app.maps.styles import PALETTE, lightness, luminance
from briefing_app.paths import ARGUMENT_MAP_DIR

SPECS = {spec.key: spec for spec in bundled_specs()}
# The map area of a map slide (960 × 540 pt; unmarked, then marked), a taller one, a
# full-width map, and the tests' usual frame.
FRAMES = [
    (383.0, 114.0, 529.0, 312.0),
    (383.0, 134.0, 529.0, 272.0),
    (360.0, 90.0, 560.0, 380.0),
    (40.0, 80.0, 880.0, 400.0),
    (40.0, 80.0, 600.0, 430.0),
]
SLIDE = FRAMES[0]
ARGUMENT_MAP = tomllib.loads(
    (ARGUMENT_MAP_DIR / "balkans-breakthrough-for-ukraine.toml").read_text(encoding="utf-8")
)


def _plain(text: str) -> str:
    """Lower case without accents: "Priština" and "Pristina" compare equal."""
    decomposed = unicodedata.normalize("NFKD", text.replace("Đ", "D").replace("đ", "d"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def _texts(box: TextBox) -> list[str]:
    return [" ".join(r.text for r in line.runs) for p in box.paragraphs for line in p.lines]


def _labels(boxes: list[Box]) -> list[TextBox]:
    return [b for b in boxes if isinstance(b, TextBox) and b.name.startswith("Label: ")]


def _label_text(boxes: list[Box]) -> str:
    return _plain(" | ".join(" ".join(_texts(b)) for b in _labels(boxes)))


def _areas(boxes: list[Box], name: str) -> list[PathBox]:
    return [b for b in boxes if isinstance(b, PathBox) and b.closed and b.name == name]


def _shape(box: PathBox) -> shapely.Geometry:
    return shapely.union_all([shapely.Polygon(r).buffer(0) for r in box.rings if len(r) > 2])


def test_the_nato_list_has_32_members_with_accession_dates() -> None:
    members = nato.members()
    assert len(members) == 32
    names = {m.name for m in members}
    assert "Türkiye" in names and "Turkey" not in names
    joined = {m.name: m.joined for m in members}
    assert joined["Finland"] == date(2023, 4, 4) and joined["Sweden"] == date(2024, 3, 7)
    assert joined["North Macedonia"] == date(2020, 3, 27)
    assert sum(1 for m in members if m.joined.year == 1949) == 12
    for fid in nato.member_feature_ids():  # every listed territory exists in the data
        assert geodata.feature(fid).layer == "countries"
    assert {"FRA", "NOR"} <= set(nato.member_feature_ids())  # ISO_A3 = -99 in Natural Earth


@pytest.mark.parametrize("key", ["western-balkans", "europe-nato"])
@pytest.mark.parametrize("frame", FRAMES)
def test_every_member_in_view_is_filled_as_a_member_and_no_one_else(key, frame) -> None:
    boxes = map_boxes(SPECS[key], frame)
    members = set(nato.member_feature_ids())
    shown = 0
    for feature in geodata.select("countries", ("*",)):
        for box in _areas(boxes, feature.name):
            if feature.id in members:
                assert box.fill == PALETTE["nato"], feature.name
                shown += 1
            else:
                assert box.fill != PALETTE["nato"], feature.name
    assert shown >= (10 if key == "western-balkans" else 25)
    if key == "europe-nato":
        assert _areas(boxes, "France") and _areas(boxes, "Norway")


@pytest.mark.parametrize("key", sorted(SPECS))
@pytest.mark.parametrize("frame", FRAMES)
@pytest.mark.parametrize("font", ["sans", "carlito"])  # ours; a house theme's Calibri
def test_the_legend_covers_no_land_of_the_subject(key: str, frame, font: str) -> None:
    spec = SPECS[key]
    boxes = map_boxes(spec, frame, font)
    patterns = nato.expand(spec.subject)
    names = {
        f.name for f in geodata.subset().values() if any(fnmatchcase(f.id, p) for p in patterns)
    }
    subject = shapely.union_all([_shape(b) for b in boxes if isinstance(b, PathBox)
                                 and b.closed and b.name in names])  # fmt: skip
    assert subject.area > 1000
    (panel,) = [b for b in boxes if isinstance(b, RectBox) and b.name == "Legend"]
    covered = shapely.box(panel.x, panel.y, panel.x + panel.w, panel.y + panel.h)
    assert covered.intersection(subject).area < 1.0  # square points: not a hair of it


@pytest.mark.parametrize("key", sorted(SPECS))
@pytest.mark.parametrize("font", ["sans", "carlito", "wide"])
def test_map_text_is_at_least_10_pt_at_slide_size(key: str, font: str) -> None:
    boxes = map_boxes(SPECS[key], SLIDE, font)
    checked = [b for b in boxes if isinstance(b, TextBox) and b.name != "Map source"]
    assert len(checked) > 8
    for box in checked:
        for paragraph in box.paragraphs:
            for line in paragraph.lines:
                for run in line.runs:
                    assert run.style.size >= MIN_LABEL_SIZE, (box.name, run.style.size)


def _named_places(spec) -> set[str]:
    """The states and places the map's linked arguments name (by any alias)."""
    wanted = [a for a in ARGUMENT_MAP["argument"] if a["key"] in spec.arguments]
    text = " ".join(f"{a['label']} {a['claim']} {a['quote']}" for a in wanted)
    found = set()
    for actor in ARGUMENT_MAP["actor"]:
        if actor["kind"] in ("state", "place") and any(alias in text for alias in actor["aliases"]):
            found.add(actor["name"])
    return found


LABEL_WORTHY = 3000.0  # square points of a feature cut by the map's edge that call for its name
# Where an actor's name is not the name of its map feature(s).
FEATURES_OF = {
    "Bosnia-Herzegovina": ["BIH"],
    "Turkey": ["TUR"],
    "Pristina": ["KOS.pristina"],
    "Donbas": ["UKR.donetsk", "UKR.luhansk"],
    "Crimea": ["UKR.crimea"],
    "United States": [],
    "The Balkans": [],
    "Belgrade": [],
    "Western Donbas": [],
}


@pytest.mark.parametrize("key", sorted(SPECS))
@pytest.mark.parametrize("frame", FRAMES)
def test_every_country_and_place_the_linked_arguments_name_is_labelled(key, frame) -> None:
    spec = SPECS[key]
    boxes = map_boxes(spec, frame)
    labels = _label_text(boxes)
    (frame_box,) = [b for b in boxes if b.name == "Map frame"]
    edge = shapely.box(
        frame_box.x, frame_box.y, frame_box.x + frame_box.w, frame_box.y + frame_box.h
    ).exterior.buffer(1.0)
    by_name = {_plain(f.name): f for f in geodata.subset().values() if f.layer != "disputed"}
    checked = 0
    for name in _named_places(spec):
        ids = FEATURES_OF.get(name)
        features = (
            [geodata.feature(i) for i in ids]
            if ids is not None
            else [by_name[_plain(name)]]
            if _plain(name) in by_name
            else []
        )
        for feature in features:
            drawn = [_shape(b) for b in _areas(boxes, feature.name)]
            shown = sum(d.area for d in drawn)
            at_edge = any(d.intersects(edge) for d in drawn)
            if shown < 100 or (at_edge and shown < LABEL_WORTHY):
                continue  # not on this map, or a sliver at its edge
            names = {
                _plain(feature.name),
                *(
                    _plain(n)
                    for n in nato.label_names().values()
                    if nato.label_names().get(feature.id) == n
                ),
            }
            assert any(n in labels for n in names), f"{feature.name} is not labelled on {key}"
            checked += 1
    assert checked >= 2
    if key == "western-balkans":
        assert "montenegro" in labels


def test_the_ukraine_map_labels_every_oblast_and_keeps_labels_off_the_line() -> None:
    for frame in FRAMES:
        boxes = map_boxes(SPECS["ukraine-donbas"], frame)
        labels = _label_text(boxes)
        for feature in geodata.select("admin1", ("UKR.*",)):
            if feature.id not in ("UKR.kyiv-city", "UKR.sevastopol"):
                assert _plain(feature.name) in labels, (feature.name, frame)
        line = shapely.union_all([shapely.LineString(r) for b in boxes if isinstance(b, PathBox)
                                  and not b.closed and b.name == "Ukrainian claim"
                                  for r in b.rings])  # fmt: skip
        assert line.length > 50
        for label in _labels(boxes):
            rect = shapely.box(label.x, label.y, label.x + label.w, label.y + label.h)
            assert not rect.intersects(line), label.name
    boxes = map_boxes(SPECS["ukraine-donbas"], SLIDE)
    legend = " ".join(b.name for b in boxes)
    assert "Approximate line of contact, Feb 2015 – Feb 2022 — not the current front" in legend
    notes = " ".join(" ".join(_texts(b)) for b in boxes if b.name == "Map note")
    assert "import it as a dated layer" in notes  # where today's front can be added


@pytest.mark.parametrize("frame", FRAMES)
def test_kosovo_names_are_bilingual_and_mitrovica_is_clear(frame) -> None:
    boxes = map_boxes(SPECS["kosovo-north"], frame)
    labels = [" ".join(_texts(b)) for b in _labels(boxes)]
    for name in (
        "Mitrovicë / Mitrovica",
        "Pejë / Peć",
        "Gjakovë / Đakovica",
        "Drenas / Glogovac",
        "Prishtinë / Priština",
    ):
        assert any(
            name.replace(" / ", " ") in text.replace(" / ", " ").replace("/ ", "") or name in text
            for text in labels
        ), name
    (mitrovica,) = [b for b in _labels(boxes) if "Mitrovica" in b.name]
    rect = shapely.box(
        mitrovica.x, mitrovica.y, mitrovica.x + mitrovica.w, mitrovica.y + mitrovica.h
    )
    for other in _labels(boxes):
        if other is not mitrovica:
            assert not rect.intersects(
                shapely.box(other.x, other.y, other.x + other.w, other.y + other.h)
            ), other.name


@pytest.mark.parametrize("key", ["western-balkans", "kosovo-north", "europe-nato"])
def test_maps_showing_kosovo_carry_its_status_note(key: str) -> None:
    notes = [" ".join(_texts(b)) for b in map_boxes(SPECS[key], SLIDE) if b.name == "Map note"]
    assert any("Kosovo: declared independence 2008" in n and "UNSCR 1244" in n for n in notes)
    assert "not recognised by Serbia, Russia, China and five EU members" in KOSOVO_NOTE


def test_no_map_says_the_three_border_only_nato_members() -> None:
    for spec in SPECS.values():
        text = " ".join([spec.caption, *spec.notes, *(lay.legend or "" for lay in spec.layers)])
        assert "border only" not in text


def test_members_and_non_members_differ_in_greyscale() -> None:
    """NATO and non-NATO fills are close in lightness, so non-members carry a heavy dark
    outline that survives a greyscale printer."""
    for key in ("western-balkans", "europe-nato"):
        boxes = map_boxes(SPECS[key], SLIDE)
        for name in ("Serbia", "Bosnia and Herzegovina", "Kosovo"):
            for box in _areas(boxes, name):
                assert box.stroke and luminance(box.stroke) < 0.05 and box.stroke_width >= 1.4
        for box in _areas(boxes, "Croatia"):
            assert not box.stroke or luminance(box.stroke) > 0.9
    assert abs(lightness(PALETTE["nato"]) - lightness(PALETTE["land"])) >= 10


def test_todays_front_imported_with_its_date_shows_the_date_in_the_legend(
    essay_store, tmp_path
) -> None:
    import json

    from briefing_app.maps.import_layers import MapImportError
    from briefing_app.services import maps

    path = tmp_path / "front.geojson"
    line = {"type": "LineString", "coordinates": [[36.5, 47.2], [38.0, 48.0], [39.5, 49.0]]}
    path.write_text(
        json.dumps(
            {
                "type": "FeatureCollection",
                "features": [
                    {"type": "Feature", "properties": {"name": "Front"}, "geometry": line}
                ],
            }
        )
    )
    with pytest.raises(MapImportError, match="not a real date"):
        maps.import_layer(essay_store, "ukraine-donbas", path, name="Front", as_of="2025-11-31")
    maps.import_layer(essay_store, "ukraine-donbas", path, name="Front line",
                      as_of="2025-11-15")  # fmt: skip
    spec = maps.get_map(essay_store, "ukraine-donbas")
    assert spec.layers[-1].legend == "Front line, as of 15 Nov 2025"
    names = [b.name for b in map_boxes(spec, SLIDE)]
    assert "Legend: Front line, as of 15 Nov 2025" in names


def test_an_old_copy_of_a_bundled_map_can_be_reset(essay_store) -> None:
    from dataclasses import replace

    from briefing_app.maps.styles import Style
    from briefing_app.services import maps

    old = maps.get_map(essay_store, "western-balkans")
    wrong = replace(old, layers=tuple(
        replace(layer, ids=("ALB", "HRV"), style=Style(fill="nato")) if layer.name ==
        "NATO members" else layer for layer in old.layers))  # fmt: skip
    maps.save_map(essay_store, wrong, origin="bundled", replace=True)
    assert maps.get_map(essay_store, "western-balkans").layers != old.layers
    maps.reset_to_bundled(essay_store, "western-balkans")
    assert maps.get_map(essay_store, "western-balkans").layers == SPECS["western-balkans"].layers
