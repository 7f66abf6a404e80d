"""The sources layout: every reference the deck cites, then the briefer's own items."""

from __future__ import annotations

from layout_drafts import Draft, item, laid, paragraph_refs

from briefing_app.layout.boxes import ItemRef
from briefing_app.layout.content import ContentItem
from briefing_app.layout.layouts.sources import LAYOUT


def test_references_first_and_no_footer() -> None:
    cited = (ContentItem("Joseph, essay."), ContentItem("[1] A footnote.", level=1))
    content = LAYOUT.compose(Draft(items=(item(8, "My source", citations=(2,)),), cited=cited))
    assert [i.text for i in content.items] == ["Joseph, essay.", "[1] A footnote.", "My source"]
    assert content.footer_sources == ()  # the list itself needs no source line
    (page,) = laid(content)
    assert page.title == "Sources"
    assert paragraph_refs(page) == [None, None, ItemRef(8)]
    assert LAYOUT.composes_last
