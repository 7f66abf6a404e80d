"""What every layout of the unit's own text must do (assessment, options, decision
sought, next steps): say it is the unit's, need no source, carry the status note."""

from __future__ import annotations

from layout_drafts import Draft, item, laid, paragraph_refs, text_of

from briefing_app.layout.boxes import FieldRef, ItemRef, TextBox
from briefing_app.layout.unit import UnitLayout


def check_unit_layout(layout: UnitLayout, tag: str, numbered: bool) -> None:
    draft = Draft(
        title="The unit judges the plan unlikely to be accepted soon",
        subtitle="Draft for the unit to edit",
        items=(
            item(1, "The unit's own point.", kind=None),
            item(2, "Another, from us.", kind=None),
        ),
    )
    (page,) = laid(layout.compose(draft))
    texts = {b.name: text_of(b) for b in page.boxes if isinstance(b, TextBox)}
    assert texts["UnitTag"] == tag.upper()  # the tag line says whose text this is
    assert texts["UnitStatus"] == "Draft for the unit to edit"
    status = next(b for b in page.boxes if b.name == "UnitStatus")
    assert status.source == FieldRef("subtitle")  # edited in place as the subtitle
    assert paragraph_refs(page) == [ItemRef(1), ItemRef(2)]
    bullets = [p.bullet for b in page.boxes if b.name == "Body" for p in b.paragraphs]  # type: ignore[union-attr]
    assert (bullets == ["1.", "2."]) == numbered
    assert page.warnings == ()  # free text needs no source


def check_unit_layout_continues_with_its_tag(layout: UnitLayout) -> None:
    items = tuple(item(i, f"Point {i} " + "with several words " * 12, kind=None) for i in range(8))
    pages = laid(layout.compose(Draft(title="Long", items=items)))
    assert len(pages) > 1
    for page in pages:
        assert "UnitTag" in {b.name for b in page.boxes}
    assert all(len([p for b in pg.boxes if b.name == "Body" for p in b.paragraphs]) > 1
               for pg in pages)  # fmt: skip
