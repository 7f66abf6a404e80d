"""Opening a store brings the bundled argument map up to date without losing a reviewer's work."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import delete, select, update

from briefing_app.services import corrections, review
from briefing_app.services.bootstrap import BUNDLED_ESSAY, open_prepared, read_if_prepared
from briefing_app.store.models import Argument, Correction, Document, Event
from briefing_app.store.reading import StoreReader


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


# --- reading a store without opening it (the export command) ---------------------------

CHANGES_OPENING_WOULD_MAKE_OR_REFUSE = {
    "argument map to apply again": "UPDATE document SET argument_map_hash = 'older'",
    "bundled map to add": "DELETE FROM map_argument; DELETE FROM map_layer; DELETE FROM map",
    "old layer to check": "UPDATE map_layer SET geometry_checked = 0",
    "older schema to upgrade": "UPDATE alembic_version SET version_num = '0014'",
    "newer schema to refuse": "UPDATE alembic_version SET version_num = '9999'",
    "trigger to refuse": "CREATE TRIGGER t AFTER UPDATE ON deck BEGIN SELECT 1; END",
    "view to refuse": "CREATE VIEW v AS SELECT 1",
    "damage to refuse": "ALTER TABLE deck DROP COLUMN theme",
    "journal mode to set": "PRAGMA journal_mode = DELETE",
}


def _names(reader: StoreReader) -> list[str]:
    return [name for (name,) in reader.rows("SELECT slug FROM document")]


def test_a_prepared_store_is_read_without_opening_it_or_writing_beside_it(
    essay_store_path: Path,
) -> None:
    before = sorted(p.name for p in essay_store_path.parent.iterdir())
    stamp = essay_store_path.stat().st_mtime_ns
    assert read_if_prepared(str(essay_store_path), _names) == [BUNDLED_ESSAY.stem]
    assert sorted(p.name for p in essay_store_path.parent.iterdir()) == before
    assert essay_store_path.stat().st_mtime_ns == stamp


@pytest.mark.parametrize("change", sorted(CHANGES_OPENING_WOULD_MAKE_OR_REFUSE))
def test_a_store_opening_would_change_or_refuse_is_not_read_unopened(
    essay_store_path: Path, change: str
) -> None:
    conn = sqlite3.connect(essay_store_path, isolation_level=None)
    conn.executescript(CHANGES_OPENING_WOULD_MAKE_OR_REFUSE[change])
    conn.close()
    assert read_if_prepared(str(essay_store_path), _names) is None


def test_nothing_but_a_prepared_store_file_is_read_unopened(
    essay_store_path: Path, tmp_path: Path
) -> None:
    assert read_if_prepared(str(tmp_path / "missing.sqlite"), _names) is None
    assert read_if_prepared(f"sqlite:///{essay_store_path}", _names) is None
    assert read_if_prepared("postgresql://nobody@127.0.0.1:1/none", _names) is None
    essay_store_path.chmod(0o444)  # opening refuses a store it cannot save to
    try:
        assert read_if_prepared(str(essay_store_path), _names) is None
    finally:
        essay_store_path.chmod(0o644)
    refused = read_if_prepared(str(essay_store_path), lambda r: r.deck_named("Nope"))
    assert refused is None  # a refusal while reading: the opened store says it


# --- a store another process writes while it is read unopened ---------------------------


def _title(reader: StoreReader) -> str:
    document = reader.first_document()
    assert document is not None
    return document.title


def _set_title(store, title: str) -> None:
    with store.transaction() as session:
        session.execute(update(Document).values(title=title))


def test_a_store_open_in_the_app_is_read_as_last_committed(essay_store_path: Path) -> None:
    """The app keeps its connection (so a write-ahead log the reader must not ignore) and
    has committed a change it has not copied into the file yet, and begun another."""
    app = open_prepared(str(essay_store_path))
    try:
        _set_title(app, "Committed, in the log only")
        assert essay_store_path.with_name(f"{essay_store_path.name}-wal").stat().st_size > 0
        with app.engine.connect() as pending:
            pending.execute(update(Document).values(title="Not committed"))
            assert read_if_prepared(str(essay_store_path), _title) == "Committed, in the log only"
            pending.rollback()
    finally:
        app.close()
    assert read_if_prepared(str(essay_store_path), _title) == "Committed, in the log only"


@pytest.mark.parametrize("writer_stays", [False, True])
def test_a_store_written_while_it_is_read_unopened_is_not_taken_as_read(
    essay_store_path: Path, writer_stays: bool
) -> None:
    """No process has the store open, so it is read as immutable; another one opens it,
    writes and (perhaps) closes it before the read ends: what was read may be torn."""
    writers: list[sqlite3.Connection] = []

    def read_while_written(reader: StoreReader) -> str:
        title = _title(reader)
        writer = sqlite3.connect(essay_store_path, isolation_level=None)
        writer.execute("UPDATE document SET title = 'Written meanwhile'")
        if writer_stays:
            writers.append(writer)
        else:
            writer.close()  # the last connection: the log is copied into the file
        return title

    try:
        assert read_if_prepared(str(essay_store_path), read_while_written) is None
    finally:
        for writer in writers:
            writer.close()
    assert read_if_prepared(str(essay_store_path), _title) == "Written meanwhile"


def test_a_store_upgraded_after_its_checks_is_not_read_unopened(
    essay_store_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The app has the store open (so it is not read as immutable), and a newer version
    upgrades its schema between the checks and the read: the read must see that."""
    from briefing_app.store import sqlite as sqlite_support

    app = open_prepared(str(essay_store_path))
    checked = sqlite_support.check_store_file

    def check_then_upgrade(path: Path) -> sqlite_support.StoreShape:
        shape = checked(path)
        with app.engine.begin() as conn:
            conn.exec_driver_sql("UPDATE alembic_version SET version_num = '9999'")
        return shape

    monkeypatch.setattr(sqlite_support, "check_store_file", check_then_upgrade)
    try:
        assert read_if_prepared(str(essay_store_path), _title) is None
    finally:
        app.close()


def test_a_store_another_program_keeps_locked_is_its_sentence_after_one_wait(
    essay_store_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Opening it would wait as long again only to say the same: the store is in use."""
    from briefing_app.store import sqlite as sqlite_support
    from briefing_app.store.errors import StoreBusyError

    monkeypatch.setattr(sqlite_support, "BUSY_TIMEOUT_MS", 100)
    holder = sqlite3.connect(essay_store_path, isolation_level=None)
    holder.execute("PRAGMA locking_mode = EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    holder.execute("UPDATE document SET title = 'Not committed'")
    try:
        with pytest.raises(StoreBusyError):
            read_if_prepared(str(essay_store_path), _title)
    finally:
        holder.close()
