"""Opening stores: connection settings, damaged files, newer and older schemas."""

from __future__ import annotations

import hashlib
import os
import sqlite3
from pathlib import Path

import pytest
from alembic import command

from briefing_app.store.errors import CorruptStoreError, NewerStoreError, StoreError
from briefing_app.store.store import alembic_config, head_revision, open_store


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_connection_settings(empty_store) -> None:
    if not empty_store.is_sqlite:  # PostgreSQL: the search configuration is in place
        with empty_store.engine.connect() as conn:
            found = conn.exec_driver_sql(
                "SELECT count(*) FROM pg_ts_config WHERE cfgname = 'briefing_search'"
            ).scalar()
        assert found == 1
        return
    with empty_store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 1000


def test_new_store_is_at_head(empty_store) -> None:
    with empty_store.engine.connect() as conn:
        version = conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
    assert version == head_revision()


def test_write_rolls_back_as_a_whole(empty_store) -> None:
    from briefing_app.store.models import Tag

    with pytest.raises(RuntimeError), empty_store.transaction() as session:
        session.add(Tag(name="kept?"))
        session.flush()
        raise RuntimeError("boom")
    with empty_store.read() as session:
        assert session.query(Tag).count() == 0


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(b"", id="zero-length"),
        pytest.param(os.urandom(8192), id="random-bytes"),
        pytest.param(b"SQLite format 3\x00" + os.urandom(4000), id="header-then-junk"),
    ],
)
def test_damaged_file_is_reported_and_untouched(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "broken.sqlite"
    path.write_bytes(content)
    before = _digest(path)
    with pytest.raises(CorruptStoreError) as info:
        open_store(path)
    assert str(info.value).endswith(".")
    assert "\n" not in str(info.value)
    assert _digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["broken.sqlite"]


def test_truncated_store_is_reported_and_untouched(essay_store_path: Path) -> None:
    data = essay_store_path.read_bytes()
    essay_store_path.write_bytes(data[: len(data) // 2])
    before = _digest(essay_store_path)
    with pytest.raises(CorruptStoreError, match=r"truncated|damaged"):
        open_store(essay_store_path)
    assert _digest(essay_store_path) == before


def test_store_from_newer_version_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "future.sqlite"
    open_store(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_future'")
    before = _digest(path)
    with pytest.raises(NewerStoreError, match="newer version"):
        open_store(path)
    assert _digest(path) == before


def test_foreign_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY)")
    with pytest.raises(CorruptStoreError, match="not a briefing store"):
        open_store(path)


def test_older_store_is_backed_up_then_upgraded(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    with sqlite3.connect(path) as conn:  # a store made by the first release
        config = alembic_config()
        config.set_main_option("sqlalchemy.url", f"sqlite:///{path}")
    command.upgrade(config, "0001")
    with sqlite3.connect(path) as conn:
        conn.execute("INSERT INTO tag (name) VALUES ('made-by-the-old-version')")
    assert head_revision() != "0001", "this test needs a migration after the baseline"
    store = open_store(path)
    try:
        assert store.backup_path is not None and store.backup_path.exists()
        assert store.backup_path.parent == path.parent
        assert "backup-" in store.backup_path.name
        with sqlite3.connect(store.backup_path) as conn:
            assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
            assert conn.execute("SELECT name FROM tag").fetchall() == [("made-by-the-old-version",)]
        with store.engine.connect() as conn:
            assert conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() == (
                head_revision()
            )
            assert conn.exec_driver_sql("SELECT name FROM tag").all() == [
                ("made-by-the-old-version",)
            ]
    finally:
        store.close()


def test_schema_head_constant_matches_the_migrations() -> None:
    from briefing_app.store.store import SCHEMA_HEAD

    assert head_revision() == SCHEMA_HEAD


def test_the_head_schema_lists_every_table_and_column_of_the_models() -> None:
    from briefing_app.store.models import Base
    from briefing_app.store.schema import HEAD_TABLES

    models = {name: {c.name for c in t.columns} for name, t in Base.metadata.tables.items()}
    assert models == HEAD_TABLES


def test_the_migrations_build_exactly_the_head_schema(essay_store_path: Path) -> None:
    """The third copy agrees too: a store the migrations made has the tables and columns
    of HEAD_TABLES (and the models), besides Alembic's own table and the search index."""
    from briefing_app.store import sqlite as sqlite_support
    from briefing_app.store.schema import HEAD_TABLES

    shape = sqlite_support.check_store_file(essay_store_path)
    tables = {name for name, kind in shape.objects.items() if kind == "table"}
    extra = {t for t in tables - set(HEAD_TABLES) if not t.startswith("search_index")}
    assert extra == {"alembic_version"}
    assert {t: shape.columns[t] for t in tables & set(HEAD_TABLES)} == HEAD_TABLES


@pytest.mark.parametrize(
    ("location", "fragment"),
    [
        ("::://", "is not a valid path or URL"),
        ("mysql://someone:secret@db.example.org/briefing", "in a SQLite file or on PostgreSQL"),
        ("postgresql://someone:secret@127.0.0.1:1/db", "Cannot open the team store at 127.0.0.1:1"),
    ],
)
def test_a_location_that_cannot_hold_a_store_is_one_sentence(location: str, fragment: str) -> None:
    with pytest.raises(StoreError) as caught:
        open_store(location)
    message = str(caught.value)
    assert fragment in message and "secret" not in message
    assert message.endswith(".") and "\n" not in message
