"""Migration 0009 on a store made before it: events get their dates' precision, existing
rows survive, and corrections and quote sources have somewhere to live."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from alembic import command

from briefing_app.store.store import alembic_config, open_store


def test_events_written_before_0009_get_the_precision_their_dates_have(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    config = alembic_config()
    config.set_main_option("sqlalchemy.url", f"sqlite:///{path}")
    command.upgrade(config, "0008")
    with sqlite3.connect(path) as conn:
        conn.execute(
            "INSERT INTO document (id, slug, title, source_name, content_hash) "
            "VALUES (1, 'essay', 'Essay', 'essay.txt', 'x')"
        )
        conn.executemany(
            "INSERT INTO event (document_id, key, date_text, description, quote) "
            "VALUES (1, ?, ?, 'd', '')",
            [("year", "2022"), ("month", "2022-02"), ("day", "2022-02-24")],
        )
        conn.execute("INSERT INTO actor (document_id, key, name, kind, description) "
                     "VALUES (1, 'vucic', 'Aleksandar Vučić', 'person', '')")  # fmt: skip
    store = open_store(path)
    store.close()
    with sqlite3.connect(path) as conn:
        rows = dict(conn.execute("SELECT key, date_precision FROM event").fetchall())
        assert rows == {"year": "year", "month": "month", "day": "day"}
        assert conn.execute("SELECT name FROM actor").fetchall() == [("Aleksandar Vučić",)]
        conn.execute("INSERT INTO correction (event_id, kind, text, origin, author) "
                     "VALUES (1, 'correction', 'checked', 'user', '')")  # fmt: skip
        columns = {row[1] for row in conn.execute("PRAGMA table_info(quote)")}
        assert "source" in columns
