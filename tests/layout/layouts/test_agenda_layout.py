"""The agenda layout: its own items, else the deck's section titles."""

from __future__ import annotations

from layout_drafts import Draft, item, laid, paragraph_refs, text_of

from briefing_app.layout.boxes import ItemRef
from briefing_app.layout.layouts.agenda import LAYOUT


def test_without_items_the_agenda_lists_the_sections() -> None:
    content = LAYOUT.compose(Draft(sections=("Background", "Options")))
    assert [i.text for i in content.items] == ["Background", "Options"]
    (page,) = laid(content)
    assert page.title == "Agenda"
    assert paragraph_refs(page) == [None, None]  # section titles are no slide items
    # so the editor explains, when they are clicked, where to change them
    assert "section slides' titles" in LAYOUT.click_hint


def test_the_briefers_own_items_win() -> None:
    content = LAYOUT.compose(Draft(sections=("Background",), items=(item(5, "Mine"),)))
    (page,) = laid(content)
    assert paragraph_refs(page) == [ItemRef(5)]
    assert text_of(next(b for b in page.boxes if b.name == "Body")) == "Mine"  # type: ignore[arg-type]
