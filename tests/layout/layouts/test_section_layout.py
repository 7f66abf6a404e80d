"""The section layout: a divider with a big title, an agenda entry."""

from __future__ import annotations

from layout_drafts import Draft, laid

from briefing_app.layout.boxes import FieldRef
from briefing_app.layout.layouts import section


def test_section_titles_feed_the_agenda() -> None:
    assert section.LAYOUT.starts_section
    (page,) = laid(section.LAYOUT.compose(Draft(title="Options", subtitle="On the table")))
    assert {b.source for b in page.boxes} >= {FieldRef("title"), FieldRef("subtitle")}
    assert not section.LAYOUT.title_zone  # its title is not in the title frame
