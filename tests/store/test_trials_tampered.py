"""Trials: stores changed outside the app, read through every CLI command (issue 14, 3).

A store is a file people send each other and edit with other tools. Each kind of
tampering below is applied to a copy of the essay store that holds a deck; then the
commands that read what was changed run. Each must end in one sentence (exit 0 or 2,
never 1 nor a traceback), and the store's full dump must stay as it was: nothing the
app did on refusing wrote to it.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from briefing_app.cli import main
from briefing_app.cli.common import EXIT_USER_ERROR

TAMPERED: dict[str, str] = {
    "dropped-table": "DROP TABLE slide_item",
    "dropped-column": "ALTER TABLE deck DROP COLUMN theme",
    "view-for-table": "ALTER TABLE map_argument RENAME TO kept; "
    "CREATE VIEW map_argument AS SELECT * FROM kept",
    "renamed-table": "ALTER TABLE quote RENAME TO quote_old",
    "no-schema-version": "DELETE FROM alembic_version",
    "planted-trigger": "CREATE TRIGGER t AFTER UPDATE ON deck BEGIN DELETE FROM argument; END",
    "planted-view": "CREATE VIEW v AS SELECT 1",
    "junk-json-in-layer": "UPDATE map_layer SET features = '{junk'",
    "layer-features-not-a-list": "UPDATE map_layer SET features = '\"text\"'",
    "junk-json-in-extent": "UPDATE map SET extent = 'not json'",
    "extent-too-short": "UPDATE map SET extent = '[1, 2]'",
    "extent-of-words": 'UPDATE map SET extent = \'["a", "b", "c", "d"]\'',
    "extent-inverted": "UPDATE map SET extent = '[30, 50, 10, 40]'",
    "extent-not-finite": "UPDATE map SET extent = '[1e999, 40, 30, 50]'",
    "selector-a-list": "UPDATE map_layer SET selector = '[1, 2]'",
    "garbage-timestamp": "UPDATE deck SET updated_at = 'last tuesday'",
    "garbage-date": "UPDATE document SET published = '2025-13-45'",
    "perspectives-junk": "UPDATE argument SET perspectives = '{'",
}

COMMANDS = [
    ["decks"],
    ["deck", "show", "trial"],
    ["export", "trial", "--format", "pdf"],
    ["maps"],
    ["map", "show", "kosovo-north"],
    ["review", "1"],
    ["documents"],
    ["arguments"],
    ["search", "Kosovo"],
]


@pytest.fixture(scope="module")
def store_with_deck(tmp_path_factory: pytest.TempPathFactory, essay_store_template) -> Path:
    path = tmp_path_factory.mktemp("tampered") / "template.sqlite"
    path.write_bytes(Path(essay_store_template).read_bytes())
    assert main(["--db", str(path), "deck", "create", "trial", "--from", "default-briefing"]) == 0
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return path


def _dump(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def test_there_are_seventeen_kinds_or_more() -> None:
    assert len(TAMPERED) >= 17


@pytest.mark.parametrize("kind", sorted(TAMPERED))
def test_a_tampered_store_is_one_sentence_for_every_command(
    kind: str, store_with_deck: Path, tmp_path: Path, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("BRIEFING_LOG", str(tmp_path / "briefing.log"))
    path = tmp_path / "store.sqlite"
    path.write_bytes(store_with_deck.read_bytes())
    conn = sqlite3.connect(path)
    conn.executescript(TAMPERED[kind])
    conn.close()
    before = _dump(path)
    refused = 0
    for command in COMMANDS:
        out = tmp_path / "out.pdf"
        argv = [*command, "--out", str(out)] if command[0] == "export" else command
        code = main(["--db", str(path), *argv])
        err = capsys.readouterr().err
        assert code in (0, EXIT_USER_ERROR), (kind, command, err)
        assert "Traceback" not in err and err.count("\n") <= 1, (kind, command, err)
        if code:
            refused += 1
            assert err.rstrip().endswith("."), err
        assert _dump(path) == before, (kind, command)
    assert refused, f"{kind}: no command noticed the tampering"
    assert not (tmp_path / "briefing.log").exists(), (tmp_path / "briefing.log").read_text()
