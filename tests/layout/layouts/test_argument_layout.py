"""The argument layout: claims and supporting points, continued on "(cont.)" slides."""

from __future__ import annotations

from layout_drafts import NAMES, Draft, item, laid, paragraph_refs

from briefing_app.layout.boxes import FieldRef, ItemRef
from briefing_app.layout.layouts.argument import LAYOUT, ArgumentContent
from briefing_app.layout.slide_layout import PlaceholderKind


def test_composes_every_item_in_order_with_its_footer() -> None:
    draft = Draft(
        title="Why now",
        notes="Say why.",
        items=(item(3, "A claim.", citations=(1,)), item(4, NAMES, level=1)),
    )
    content = LAYOUT.compose(draft)
    assert isinstance(content, ArgumentContent)
    assert [i.ref for i in content.items] == [ItemRef(3), ItemRef(4)]
    assert [i.level for i in content.items] == [0, 1]
    assert content.footer_sources == ("[1] source 1",) and content.notes == "Say why."


def test_each_paragraph_and_the_title_say_where_they_came_from() -> None:
    items = LAYOUT.compose(Draft(items=tuple(item(n, f"Point {n} {NAMES}.") for n in range(40))))
    pages = laid(ArgumentContent("Many points", items=items.items))
    assert len(pages) > 1
    refs = [r for page in pages for r in paragraph_refs(page)]
    # A point split across slides keeps its ref on both parts.
    assert sorted({r.item_id for r in refs}) == list(range(40))  # type: ignore[union-attr]
    for page in pages:
        title = next(b for b in page.boxes if b.name == "Title")
        assert title.source == FieldRef("title")


def test_takes_dropped_points_but_not_quotes_events_or_maps() -> None:
    taken = LAYOUT.accept([("argument", 1), ("quote", 2), ("footnote", 3), ("map", 4)], [])
    assert [(p.kind, p.source_id, p.column) for p in taken] == [
        ("argument", 1, 0),
        ("footnote", 3, 0),
    ]
    assert LAYOUT.placeholders == (PlaceholderKind.TITLE, PlaceholderKind.OBJECT)


def test_no_point_left_alone_on_a_continuation() -> None:
    from layout_drafts import Draft, item, laid, paragraph_refs

    from briefing_app.layout.layouts.argument import LAYOUT as ARGUMENT

    for count in range(4, 12):
        items = tuple(
            item(i, f"Point {i}: " + "a claim in several words " * 4) for i in range(count)
        )
        pages = laid(ARGUMENT.compose(Draft(title="Points", items=items)))
        if len(pages) > 1:
            assert len(paragraph_refs(pages[-1])) >= 2, count
