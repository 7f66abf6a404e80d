"""The timeline layout: each row drawn from its event item (date and text)."""

from __future__ import annotations

from layout_drafts import Draft, item, laid

from briefing_app.layout.boxes import ItemRef
from briefing_app.layout.layouts.timeline import LAYOUT


def test_rows_carry_the_event_they_show() -> None:
    draft = Draft(
        items=(
            item(4, "Budapest Memorandum signed.", "event", date_label="5 Dec 1994"),
            item(6, "Crimea annexed.", "event", date_label="Mar 2014"),
        )
    )
    content = LAYOUT.compose(draft)
    assert [e.date_label for e in content.entries] == ["5 Dec 1994", "Mar 2014"]
    (page,) = laid(content)
    sources = {b.name: b.source for b in page.boxes if b.name[:4] in ("Date", "Entr")}
    assert sources == {
        "Date1": ItemRef(4, "date"),
        "Entry1": ItemRef(4),
        "Date2": ItemRef(6, "date"),
        "Entry2": ItemRef(6),
    }


def test_events_go_to_a_timeline_and_points_only_without_events() -> None:
    assert [p.kind for p in LAYOUT.accept([("argument", 1), ("event", 2)], [])] == ["event"]
    assert [p.kind for p in LAYOUT.accept([("argument", 1)], [])] == ["argument"]
