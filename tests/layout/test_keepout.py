"""Frames kept clear of outlines: cut beside, above or below what reaches into them,
lifted above it (a strip), and left alone on a backdrop they lie wholly on."""

from __future__ import annotations

from briefing_app.layout.keepout import clear, in_the_way, lift_clear, rect_outline
from briefing_app.layout.wrap import Frame

FRAME = Frame(40.0, 100.0, 880.0, 300.0)


def test_an_outline_the_frame_lies_on_is_its_backdrop() -> None:
    band = rect_outline(0, 90, 960, 420)
    assert in_the_way(band, FRAME) is None
    assert clear(FRAME, [band]) == FRAME


def test_an_outline_reaching_in_is_cut_away_on_the_side_that_keeps_most() -> None:
    band = rect_outline(500, 0, 880, 130)  # from the top edge into the frame's top
    hit = in_the_way(band, FRAME)
    assert hit == Frame(500, 100, 380, 30)
    sideways = clear(FRAME, [band], sideways=True)  # a title keeps its height
    assert sideways.x + sideways.w <= 500 and sideways.h == FRAME.h
    anyway = clear(FRAME, [band])  # below it keeps more than beside it
    assert anyway.y >= 130 and anyway.w == FRAME.w


def test_a_slanted_wedge_takes_only_the_part_it_covers() -> None:
    wedge = ((0.0, 0.0), (120.0, 0.0), (0.0, 400.0))  # a triangle from the top left corner
    cleared = clear(FRAME, [wedge])
    assert cleared.x == 90.0  # at y=100 the wedge reaches x=90
    assert cleared.w == FRAME.x + FRAME.w - 90.0
    assert in_the_way(wedge, cleared) is None


def test_a_strip_is_narrowed_beside_small_art_and_lifted_above_wide_art() -> None:
    strip = Frame(40.0, 460.0, 880.0, 24.0)
    logo = rect_outline(860, 450, 940, 500)
    narrowed = lift_clear(strip, [logo], top=270)
    assert narrowed.y == strip.y and narrowed.x + narrowed.w <= 860
    notes = rect_outline(300, 420, 940, 500)  # most of the width: the strip goes above
    lifted = lift_clear(strip, [notes], top=270)
    assert lifted.bottom <= 420 and lifted.w == strip.w
    assert lift_clear(strip, [notes], top=410) == strip  # no room above: left as it was


def test_touching_edges_are_not_in_the_way() -> None:
    below = rect_outline(0, FRAME.bottom, 960, 540)
    assert in_the_way(below, FRAME) is None


def test_a_line_crossing_the_edge_of_its_backdrop_moves_onto_it() -> None:
    """Sunset's tilted card: its bottom edge runs through the left of the footer line."""
    card = ((40.0, 10.0), (930.0, 20.0), (920.0, 520.0), (30.0, 503.0))
    line = Frame(86.0, 496.0, 788.0, 13.0)
    hit = in_the_way(card, line)
    assert hit is not None and hit.w * hit.h < 0.5 * line.w * line.h
    moved = lift_clear(line, [card], top=270, narrow_share=0.9)
    assert moved.w == line.w and moved.y < line.y
    assert in_the_way(card, moved) is None


def test_a_strip_with_no_clear_place_above_is_narrowed_after_all() -> None:
    """A band down the right edge: no height clears the strip, so it is narrowed beside
    it, though that keeps less of its width than it asked for."""
    band = rect_outline(880, 0, 960, 540)
    line = Frame(40.0, 496.0, 880.0, 13.0)
    found = lift_clear(line, [band], top=270, narrow_share=0.99)
    assert found.y == line.y and found.x + found.w <= 880.0
    assert in_the_way(band, found) is None
