"""The Changes record: combining, emptiness and its short account."""

from __future__ import annotations

from briefing_app.store.changes import NO_CHANGES, Changes, order_changes, slide_changes


def test_changes_combine_field_by_field() -> None:
    a = slide_changes(1, [10], [100, None])
    b = order_changes(2, [20]) | Changes(arguments=frozenset({7}))
    both = a | b
    assert both.decks == {1, 2}
    assert both.slides == {10, 20}
    assert both.items == {100}
    assert both.slide_order == {2}
    assert both.arguments == {7}
    assert both.sources and not both.deck_list


def test_empty_changes_are_false_and_say_nothing() -> None:
    assert not NO_CHANGES
    assert not (NO_CHANGES | Changes())
    assert NO_CHANGES.summary() == "nothing"
    assert Changes(decks_renamed=frozenset({3})).deck_list


def test_summary_counts_what_changed() -> None:
    changes = slide_changes(1, [10, 11], [5])
    assert changes.summary() == "1 deck, 2 slides, 1 point"
