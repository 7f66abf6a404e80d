"""The map layout: a figure beside its points, drawn from the map item."""

from __future__ import annotations

from layout_drafts import Draft, SquareFigure, item, laid, paragraph_refs

from briefing_app.layout.boxes import FieldRef, ItemRef
from briefing_app.layout.content import ContentItem
from briefing_app.layout.layouts.map import LAYOUT, MAP_POINTS
from briefing_app.layout.slide_layout import ComposedFigure, PresentItem

FIGURE = ComposedFigure(SquareFigure(), "square", "A square, for the test.")


def test_without_points_the_figures_own_arguments_are_listed() -> None:
    draft = Draft(
        items=(item(9, "Map title", "map"),),
        figures={9: FIGURE},
        points=tuple(ContentItem(f"Claim {n}", citations=(n,)) for n in range(5)),
    )
    content = LAYOUT.compose(draft)
    assert draft.asked_points == [MAP_POINTS] and len(content.items) == MAP_POINTS
    assert content.figure_ref == ItemRef(9) and content.caption == FIGURE.caption
    (page,) = laid(content)
    square = next(b for b in page.boxes if b.name == "Square")
    caption = next(b for b in page.boxes if b.name == "Caption")
    assert square.source == ItemRef(9, "figure") and caption.source == ItemRef(9, "caption")
    assert paragraph_refs(page) == [None] * MAP_POINTS  # the map's claims, not slide items


def test_the_briefers_points_and_a_missing_map() -> None:
    draft = Draft(subtitle="Caption of my own", items=(item(1, "Mine"), item(2, "Gone", "map")))
    content = LAYOUT.compose(draft)  # map item 2 has no figure (its map was deleted)
    assert content.figure is None and content.caption == "Caption of my own"
    (page,) = laid(content)
    assert any(b.name == "MapFrame" for b in page.boxes)
    caption = next(b for b in page.boxes if b.name == "Caption")
    assert caption.source == FieldRef("subtitle")
    assert paragraph_refs(page) == [ItemRef(1)]
    assert content.without_figures() == content and not content.has_figures


def test_takes_one_map_while_it_has_none() -> None:
    dropped = [("map", 1), ("argument", 2), ("map", 3)]
    assert [p.source_id for p in LAYOUT.accept(dropped, [])] == [2, 1]
    assert [p.source_id for p in LAYOUT.accept(dropped, [PresentItem("map")])] == [2]


def test_the_map_is_drawn_once_when_points_continue() -> None:
    """Points too many for the column beside the map continue on a slide of their own:
    the map, its frame and caption are not drawn again there (issue 12, item 6)."""
    points = tuple(item(n, f"Point {n}: " + "a claim about the map in several words " * 3)
                   for n in range(1, 13))  # fmt: skip
    draft = Draft(title="Map", items=(item(99, "Map", "map"), *points), figures={99: FIGURE})
    pages = laid(LAYOUT.compose(draft))
    assert len(pages) > 1
    drawn = [[b.name for b in page.boxes if getattr(b.source, "item_id", None) == 99]
             for page in pages]  # fmt: skip
    assert "Square" in drawn[0] and "Caption" in drawn[0]
    assert all(names == [] for names in drawn[1:])
    assert not any(b.name in ("Square", "MapFrame") for page in pages[1:] for b in page.boxes)
    shown = [ref for page in pages for ref in paragraph_refs(page)]
    assert [r.item_id for r in shown if r is not None] == list(range(1, 13))  # each once
