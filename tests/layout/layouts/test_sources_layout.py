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


def _annex_items(page) -> list[str]:
    """The paragraphs on an annex page, both columns (each item is one paragraph)."""
    return [
        " ".join(r.text for ln in p.lines for r in ln.runs)
        for b in page.boxes
        if b.name in ("Body", "RightColumn")
        for p in b.paragraphs
    ]


def test_no_reference_left_alone_on_a_continuation() -> None:
    """An annex too long for one page never leaves one footnote alone on the next: the
    last whole one of the page before goes along with it (the full read-ahead's [8])."""
    note = "A footnote of the essay, quoted in full with its sources and dates. " * 9
    alone = 0
    for count in (9, 10, 11, 12, 20, 21, 22):
        cited = tuple(ContentItem(f"[{i}] {note}") for i in range(count))
        pages = laid(LAYOUT.compose(Draft(items=(), cited=cited)))
        if len(pages) < 2:
            continue
        items = [text for page in pages for text in _annex_items(page)]
        assert sum(t.startswith("[") for t in items) == count  # nothing lost or doubled
        alone += len(_annex_items(pages[-1])) < 2
    assert alone == 0
