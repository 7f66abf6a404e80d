"""At the service boundary a database failing becomes one sentence; a bug stays a bug."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from briefing_app.domain.errors import BriefingError
from briefing_app.services import library
from briefing_app.store.errors import StoreBusyError, StoreFailedError
from briefing_app.store.store import open_store

PAGE = 4096


def test_a_damaged_page_read_mid_session_is_one_sentence(essay_store_path: Path) -> None:
    store = open_store(essay_store_path)
    try:
        assert library.arguments(store)
        store.engine.dispose()  # let go of the file, as if another program wrote it now
        data = bytearray(essay_store_path.read_bytes())
        for offset in range(2 * PAGE, len(data), PAGE):  # page 1 (the header) stays
            data[offset : offset + PAGE] = b"\xa5" * PAGE
        essay_store_path.write_bytes(bytes(data))
        with pytest.raises(StoreFailedError) as caught:
            library.arguments(store)
    finally:
        store.close()
    assert isinstance(caught.value, BriefingError)
    sentence = caught.value.sentence
    assert sentence.startswith(f"The store {essay_store_path} could not carry out the request")
    assert sentence.endswith("nothing was changed.") and "\n" not in sentence


def test_a_bug_in_sql_is_not_relabelled(essay_store) -> None:
    with pytest.raises(DBAPIError) as caught, essay_store.read() as session:
        session.execute(text("SELECT no_such_column FROM argument"))
    assert not isinstance(caught.value, BriefingError)  # logged as unexpected, as it is


# --- the same boundary for plain-SQL reads (StoreReader, on the session's connection) ----


def test_a_damaged_page_read_through_the_store_reader_is_one_sentence(
    essay_store_path: Path,
) -> None:
    store = open_store(essay_store_path)
    try:
        with store.reader() as reader:
            assert reader.rows("SELECT claim FROM argument")
        store.engine.dispose()
        data = bytearray(essay_store_path.read_bytes())
        for offset in range(2 * PAGE, len(data), PAGE):
            data[offset : offset + PAGE] = b"\xa5" * PAGE
        essay_store_path.write_bytes(bytes(data))
        with pytest.raises(StoreFailedError) as caught, store.reader() as reader:
            reader.rows("SELECT claim FROM argument")
    finally:
        store.close()
    sentence = caught.value.sentence
    assert sentence.startswith(f"The store {essay_store_path} could not carry out the request")
    assert "\n" not in sentence


def test_a_store_another_program_keeps_locked_is_one_sentence_through_the_store_reader(
    essay_store_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from briefing_app.store import sqlite as sqlite_support

    monkeypatch.setattr(sqlite_support, "BUSY_TIMEOUT_MS", 100)
    store = open_store(essay_store_path)
    store.engine.dispose()  # the app between two reads; another program takes the store
    holder = sqlite3.connect(essay_store_path, isolation_level=None)
    try:
        holder.execute("PRAGMA locking_mode = EXCLUSIVE")
        holder.execute("BEGIN EXCLUSIVE")
        holder.execute("UPDATE document SET title = 'Not committed'")
        with pytest.raises(StoreBusyError) as caught, store.reader() as reader:
            reader.rows("SELECT claim FROM argument")
    finally:
        holder.close()
        store.close()
    assert "is in use" in caught.value.sentence


def test_a_bug_in_a_store_reader_query_is_not_relabelled(essay_store) -> None:
    with pytest.raises(Exception) as caught, essay_store.reader() as reader:
        reader.rows("SELECT no_such_column FROM argument")
    assert not isinstance(caught.value, BriefingError)  # logged as unexpected, as it is
    assert "no_such_column" in str(caught.value)
