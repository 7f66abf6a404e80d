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
