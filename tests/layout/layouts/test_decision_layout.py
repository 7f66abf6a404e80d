"""The decision layout: the unit's own text under its tag line."""

from __future__ import annotations

from unit_layout_checks import check_unit_layout, check_unit_layout_continues_with_its_tag

from briefing_app.layout.layouts.decision import LAYOUT


def test_says_it_is_the_units_text_and_needs_no_source() -> None:
    check_unit_layout(LAYOUT, "Policy unit: decision sought", numbered=True)


def test_continues_with_its_tag_and_never_one_point_alone() -> None:
    check_unit_layout_continues_with_its_tag(LAYOUT)
