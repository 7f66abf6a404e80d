"""Opening a store brings the bundled argument map up to date without losing a reviewer's work."""

from __future__ import annotations

from sqlalchemy import delete, select, update

from briefing_app.services import corrections, review
from briefing_app.services.bootstrap import open_prepared
from briefing_app.store.models import Argument, Correction, Document, Event


def _age(store) -> None:
    """Make the store look like one an earlier version made: older curated data, no fingerprint."""
    with store.transaction() as session:
        session.execute(update(Document).values(argument_map_hash=None))
        meeting = session.scalar(select(Event.id).where(Event.key == "zelensky-trump-meeting-2025"))
        session.execute(delete(Correction).where(Correction.event_id == meeting))
        session.execute(
            update(Event).where(Event.id == meeting).values(description="An older wording.")
        )


def test_an_older_store_gets_the_bundled_corrections_and_keeps_the_reviewers_work(
    essay_store_path,
) -> None:
    store = open_prepared(str(essay_store_path))
    with store.read() as session:
        argument_id = session.scalar(select(Argument.id).order_by(Argument.id).limit(1))
    mine = "A reviewer's own note, kept across updates."
    corrections.set_correction(store, "argument", argument_id, mine)
    review.add_review(store, argument_id, "agreed", "Checked.")
    _age(store)
    store.close()

    store = open_prepared(str(essay_store_path))
    try:
        assert (
            len(store.upgrade_notes) == 1 and "argument map was updated" in store.upgrade_notes[0]
        )
        with store.read() as session:
            meeting = session.scalar(
                select(Event).where(Event.key == "zelensky-trump-meeting-2025")
            )
            assert meeting is not None and meeting.description != "An older wording."
            fixed = session.scalar(select(Correction).where(Correction.event_id == meeting.id))
            assert fixed is not None and fixed.date_text == "2025-10-17"
            assert session.scalar(select(Document.argument_map_hash))
        assert corrections.correction_for(store, "argument", argument_id).text == mine
        assert [r.status for r in review.reviews(store, argument_id)] == ["agreed"]
    finally:
        store.close()


def test_a_current_store_opens_without_reapplying_the_map(essay_store_path) -> None:
    store = open_prepared(str(essay_store_path))
    try:
        assert store.upgrade_notes == []
    finally:
        store.close()
