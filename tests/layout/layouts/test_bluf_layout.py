"""The BLUF layout: numbered judgements in a panel."""

from __future__ import annotations

from layout_drafts import Draft, item, laid, paragraph_refs

from briefing_app.layout.boxes import ItemRef
from briefing_app.layout.layouts.bluf import LAYOUT, BlufContent


def test_numbered_judgements_in_a_panel_carry_their_items() -> None:
    content = LAYOUT.compose(Draft(items=(item(1, "First."), item(2, "Second."))))
    (page,) = laid(content)
    assert page.title == "Bottom line up front"  # the layout's own default title
    assert paragraph_refs(page) == [ItemRef(1), ItemRef(2)]
    body = next(b for b in page.boxes if b.name == "Body")
    assert [p.bullet for p in body.paragraphs] == ["1.", "2."]  # type: ignore[union-attr]
    assert {"BlufPanel", "BlufBar"} <= {b.name for b in page.boxes}
    assert all(b.source is None for b in page.boxes if b.name.startswith("Bluf"))


def test_an_empty_bluf_draws_no_panel() -> None:
    (page,) = laid(BlufContent("Bottom line"))
    assert not {"BlufPanel", "Body"} & {b.name for b in page.boxes}


def test_a_long_bluf_never_splits_it_shrinks_and_warns() -> None:
    words = "The essay proposes an interim administration with conditions attached " * 3
    items = tuple(item(i, f"{i}: {words}") for i in range(1, 9))
    pages = laid(LAYOUT.compose(Draft(title="Bottom line", items=items)))
    assert len(pages) == 1
    (page,) = pages
    assert any("bottom line only fits at" in w for w in page.warnings)
    assert paragraph_refs(page) == [ItemRef(i) for i in range(1, 9)]


def test_numbers_are_set_in_their_texts_weight() -> None:
    """A numbered point is written to PowerPoint as an auto-number, which PowerPoint and
    LibreOffice draw in the weight and slant of the point's first run (DrawingML gives a
    bullet no weight of its own); the PDF and the preview draw it the same way."""
    content = LAYOUT.compose(Draft(items=(item(1, "First."), item(2, "Second."))))
    (page,) = laid(content)
    body = next(b for b in page.boxes if b.name == "Body")
    for par in body.paragraphs:  # type: ignore[union-attr]
        first = par.lines[0].runs[0].style
        assert par.bullet_style is not None
        assert (par.bullet_style.bold, par.bullet_style.italic) == (first.bold, first.italic)
