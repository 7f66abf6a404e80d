"""The comparison layout: two headed columns."""

from __future__ import annotations

from layout_drafts import Draft, item, laid, paragraph_refs

from briefing_app.layout.boxes import FieldRef, ItemRef
from briefing_app.layout.layouts.comparison import LAYOUT


def test_items_go_to_their_columns_under_their_headings() -> None:
    draft = Draft(
        title="Who gains",
        left_heading="Kyiv",
        right_heading="Moscow",
        items=(item(1, "L1", column=0), item(2, "R1", column=1), item(3, "L2", column=0)),
    )
    content = LAYOUT.compose(draft)
    assert [i.ref for i in content.left_items] == [ItemRef(1), ItemRef(3)]
    (page,) = laid(content)
    assert paragraph_refs(page, "LeftColumn") == [ItemRef(1), ItemRef(3)]
    assert paragraph_refs(page, "RightColumn") == [ItemRef(2)]
    heads = {b.name: b.source for b in page.boxes if b.name.endswith("Heading")}
    assert heads == {
        "LeftHeading": FieldRef("left_heading"),
        "RightHeading": FieldRef("right_heading"),
    }


def test_a_continuation_shows_only_the_column_that_continues() -> None:
    """A long left column and a short right one: the continuation slide carries on the
    left column only, without the right heading or an empty right column (issue 12,
    item 6), and no point is alone on it."""
    left = tuple(item(n, f"Left {n}: " + "a gain for this side in several words " * 3,
                      column=0) for n in range(1, 13))  # fmt: skip
    draft = Draft(title="Who gains", left_heading="Kyiv", right_heading="Moscow",
                  items=(*left, item(50, "R1", column=1)))  # fmt: skip
    pages = laid(LAYOUT.compose(draft))
    assert len(pages) > 1
    for page in pages[1:]:
        names = {b.name for b in page.boxes}
        assert "RightHeading" not in names and "RightColumn" not in names, names
        assert len(paragraph_refs(page, "LeftColumn")) >= 2
    shown = [r for page in pages for r in paragraph_refs(page, "LeftColumn")]
    assert shown == [ItemRef(n) for n in range(1, 13)]
