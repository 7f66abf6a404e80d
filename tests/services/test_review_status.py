"""One rule for an argument's review status, read the same way by every view."""

from __future__ import annotations

from briefing_app.services import argument_map, library, reader
from briefing_app.services.arguments import latest_status
from briefing_app.services.review import add_review, latest_statuses, review_progress
from briefing_app.store.store import Store


def _every_reading(store: Store, argument_id: int) -> dict[str, str]:
    """The argument's status as the tree, filters, library, reader and service see it."""
    highlights = [
        h.status
        for section in reader.reader_document(store).sections
        for paragraph in section.paragraphs
        for h in paragraph.highlights
        if h.argument_id == argument_id
    ]
    filtered = {
        status
        for status in ("unreviewed", "agreed", "disputed", "needs-source")
        if argument_map.filtered_row(store, argument_map.ArgumentFilter(status=status), argument_id)
        is not None
    }
    assert len(filtered) == 1 and len(set(highlights)) == 1, (filtered, highlights)
    return {
        "tree": argument_map.statuses(store, [argument_id])[argument_id],
        "filter": filtered.pop(),
        "library": library.argument(store, argument_id).review_status,
        "library list": next(
            a.review_status for a in library.arguments(store) if a.id == argument_id
        ),
        "reader": highlights[0],
        "service": latest_status(store, argument_id),
    }


def _filter_offers_exactly_the_current_statuses(store: Store) -> None:
    with store.read() as session:
        current = set(latest_statuses(session).values())
    assert set(argument_map.filter_values(store).statuses) == current


def test_every_view_reads_the_newest_review(essay_store: Store) -> None:
    argument_id = library.arguments(essay_store)[1].id
    assert set(_every_reading(essay_store, argument_id).values()) == {"unreviewed"}
    reviewed, total = review_progress(essay_store)
    # Two reviews in the same second: the later one (by id) is the status.
    add_review(essay_store, argument_id, "disputed", "first")
    add_review(essay_store, argument_id, "agreed", "second")
    assert set(_every_reading(essay_store, argument_id).values()) == {"agreed"}
    _filter_offers_exactly_the_current_statuses(essay_store)  # "disputed" is history now
    add_review(essay_store, argument_id, "needs-source")
    assert set(_every_reading(essay_store, argument_id).values()) == {"needs-source"}
    assert review_progress(essay_store) == (reviewed + 1, total)
    add_review(essay_store, argument_id, "unreviewed", "reopened")
    assert set(_every_reading(essay_store, argument_id).values()) == {"unreviewed"}
    assert review_progress(essay_store) == (reviewed, total)
