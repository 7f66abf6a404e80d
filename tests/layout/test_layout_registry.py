"""The layout registry: every layout is one object, and drops are routed by layouts."""

from __future__ import annotations

from pathlib import Path

import pytest
from layout_sample_decks import realistic_deck

from briefing_app.layout import registry
from briefing_app.layout.content import SlideContent
from briefing_app.layout.engine import layout_deck
from briefing_app.layout.slide_layout import PlaceholderKind, Placement, PresentItem
from briefing_app.layout.theme import MINISTRY


def test_every_layout_declares_what_it_owns() -> None:
    assert len(set(registry.NAMES)) == len(registry.LAYOUTS)
    assert len({layout.label for layout in registry.LAYOUTS}) == len(registry.LAYOUTS)
    for layout in registry.LAYOUTS:
        assert issubclass(layout.content_type, SlideContent), layout.name
        assert registry.get(layout.name) is layout
        assert registry.for_content(layout.content_type()) is layout
        # Every slide has a title placeholder first (the templates work relies on it).
        assert layout.placeholders[0] in (PlaceholderKind.TITLE, PlaceholderKind.CENTER_TITLE)
        assert all(isinstance(p, PlaceholderKind) for p in layout.placeholders)


def test_every_layout_is_one_module_with_its_own_tests() -> None:
    package = Path(registry.__file__).parent / "layouts"
    tests = Path(__file__).parent / "layouts"
    modules = {p.stem for p in package.glob("*.py") if p.stem != "__init__"}
    assert modules == {type(layout).__module__.rsplit(".", 1)[1] for layout in registry.LAYOUTS}
    for module in modules:
        assert (tests / f"test_{module}_layout.py").is_file(), module


def test_placeholders_say_what_a_template_must_offer() -> None:
    kinds = {layout.name: layout.placeholders for layout in registry.LAYOUTS}
    assert kinds["title"][:2] == (PlaceholderKind.CENTER_TITLE, PlaceholderKind.SUBTITLE)
    assert kinds["comparison"].count(PlaceholderKind.OBJECT) == 2
    assert kinds["two_quotes"].count(PlaceholderKind.BODY) == 4
    assert PlaceholderKind.PICTURE in kinds["map"]


@pytest.mark.parametrize("marked", [True, False])
def test_every_layout_declares_its_template_slots_inside_the_page(marked: bool) -> None:
    names = set()
    for layout in registry.LAYOUTS:
        spec = layout.template_slots(MINISTRY, marked)
        names.add(spec.name)
        labels = [s.label for s in spec.slots]
        assert len(set(labels)) == len(labels), layout.name
        for frame in (spec.title, *(s.frame for s in spec.slots)):
            assert frame.w > 0 and frame.h > 0, layout.name
            assert frame.x >= 0 and frame.x + frame.w <= MINISTRY.page_w, layout.name
            top, bottom = MINISTRY.top(marked), MINISTRY.bottom(marked)
            assert top <= frame.y and frame.bottom <= bottom, layout.name
    assert len(names) == len(registry.LAYOUTS)  # one named template layout each


def test_boxes_fill_only_slots_their_layout_declares() -> None:
    """Every box that names a template slot names one its layout declares, and each
    layout with a main text fills its slots on the sample deck (no box names needed)."""
    filled: dict[str, set[str]] = {}
    for deck in (realistic_deck(), realistic_deck(None)):
        for slide in layout_deck(deck).slides:
            labels = {
                s.label for s in registry.get(slide.layout).template_slots(MINISTRY, True).slots
            }
            for box in slide.boxes:
                slot = getattr(box, "slot", None)
                if slot is not None:
                    assert slot in labels, (slide.layout, box.name, slot)
                    filled.setdefault(slide.layout, set()).add(slot)
    assert filled["argument"] == {"bullets"}
    assert filled["comparison"] == {"left heading", "left column", "right heading", "right column"}
    assert {"quote", "speaker"} <= filled["quote"]
    assert "bullets" in filled["map"]


def test_unknown_layout_names_fall_back_to_argument() -> None:
    assert registry.get("no-such-layout").name == "argument"
    assert registry.get(None).name == "argument"


def test_sections_and_the_sources_slide_are_declared_not_named() -> None:
    assert [layout.name for layout in registry.LAYOUTS if layout.starts_section] == ["section"]
    assert [layout.name for layout in registry.LAYOUTS if layout.composes_last] == ["sources"]


def _plan(dropped, target=None, present=()):
    plan = registry.plan_drop(dropped, target, present)
    onto = [(p.kind, p.source_id, p.column) for p in plan.onto_target]
    new = [(name, [(p.kind, p.source_id) for p in placed]) for name, placed in plan.new_slides]
    return onto, new


@pytest.mark.parametrize("target", ["argument", "bluf", "agenda", "comparison", "map"])
def test_list_layouts_take_points_and_send_the_rest_to_new_slides(target) -> None:
    dropped = [("argument", 1), ("event", 2), ("footnote", 3), ("quote", 4), ("quote", 5)]
    onto, new = _plan(dropped, target)
    assert onto == [("argument", 1, 0), ("footnote", 3, 0)]
    assert new == [
        ("timeline", [("event", 2)]),
        ("quote", [("quote", 4)]),
        ("quote", [("quote", 5)]),
    ]


def test_timeline_takes_events_and_points_only_without_events() -> None:
    onto, new = _plan([("argument", 1), ("event", 2)], "timeline")
    assert onto == [("event", 2, 0)] and new == [("argument", [("argument", 1)])]
    onto, new = _plan([("argument", 1)], "timeline")
    assert onto == [("argument", 1, 0)] and new == []


def test_quote_and_map_slides_take_one_of_their_own() -> None:
    onto, new = _plan([("quote", 1), ("quote", 2)], "quote")
    assert onto == [("quote", 1, 0)] and new == [("quote", [("quote", 2)])]
    onto, new = _plan([("quote", 1)], "quote", [PresentItem("quote")])
    assert onto == [] and new == [("quote", [("quote", 1)])]
    onto, new = _plan([("map", 7), ("map", 8)], "map", [PresentItem("argument")])
    assert onto == [("map", 7, 0)] and new == [("map", [("map", 8)])]
    onto, new = _plan([("map", 7)], "map", [PresentItem("map")])
    assert onto == [] and new == [("map", [("map", 7)])]


@pytest.mark.parametrize("target", ["title", "section", "sources", None])
def test_slides_that_take_nothing_start_new_slides_in_drop_order(target) -> None:
    onto, new = _plan([("event", 1), ("argument", 2), ("map", 3), ("event", 4)], target)
    assert onto == []
    assert new == [
        ("timeline", [("event", 1), ("event", 4)]),
        ("argument", [("argument", 2)]),
        ("map", [("map", 3)]),
    ]


def test_a_placement_is_what_the_deck_service_adds() -> None:
    point = Placement("argument", 4, column=1, level=1).point()
    assert point == {"source_kind": "argument", "source_id": 4, "column": 1, "level": 1}
