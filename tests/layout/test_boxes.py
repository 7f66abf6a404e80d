"""What the laid-out boxes say of themselves."""

from __future__ import annotations

from briefing_app.layout.boxes import PathBox, RectBox, RuleBox, covered_rect


def test_the_rectangle_boxes_cover_takes_paths_rules_and_frames() -> None:
    boxes = [
        RectBox(10, 20, 30, 40),
        RuleBox(5, 70, 50, 70),
        PathBox(rings=(((60.0, 15.0), (80.0, 90.0), (70.0, 30.0)),)),
    ]
    assert covered_rect(boxes) == (5, 15, 80, 90)
    assert covered_rect([]) is None
