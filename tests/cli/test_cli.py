"""The command line: JSON shapes for scripts, and one-sentence errors for people."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from briefing_app.cli import main

ROOT = Path(__file__).resolve().parents[2]


def run_json(capsys, *args: str):
    code = main([*args, "--json"])
    out = capsys.readouterr().out
    assert code == 0
    return json.loads(out)


def test_paragraphs_json(capsys, essay_store_path: Path) -> None:
    rows = run_json(capsys, "--db", str(essay_store_path), "paragraphs")
    assert rows[0]["index"] == 0
    assert {"index", "section", "text"} <= set(rows[0])
    assert [r["index"] for r in rows] == list(range(len(rows)))


def test_footnotes_json(capsys, essay_store_path: Path) -> None:
    rows = run_json(capsys, "--db", str(essay_store_path), "footnotes")
    assert [r["number"] for r in rows] == list(range(1, 9))
    fn3 = rows[2]
    assert {"number", "text", "paragraph", "offset", "context"} <= set(fn3)
    assert fn3["context"].endswith("security guarantees")
    assert len(fn3["context"]) == 60
    assert fn3["text"].startswith("Trump envoy Steve Witkoff")


def test_arguments_json(capsys, essay_store_path: Path) -> None:
    rows = run_json(capsys, "--db", str(essay_store_path), "arguments")
    for row in rows:
        assert {
            "id",
            "label",
            "claim",
            "kind",
            "perspectives",
            "quote",
            "paragraph",
            "footnotes",
            "supports",
            "opposes",
        } <= set(row)


def test_search_json(capsys, essay_store_path: Path) -> None:
    rows = run_json(capsys, "--db", str(essay_store_path), "search", "Šutanovac", "--limit", "5")
    assert rows and len(rows) <= 5
    assert {"kind", "id", "title", "snippet"} <= set(rows[0])


def test_listing_commands_run(capsys, essay_store_path: Path) -> None:
    for command in ("documents", "quotes", "actors", "events"):
        assert isinstance(run_json(capsys, "--db", str(essay_store_path), command), list)
        assert main(["--db", str(essay_store_path), command]) == 0
        assert capsys.readouterr().out.strip()


def test_init_creates_store_and_imports(tmp_path: Path, capsys) -> None:
    db = tmp_path / "sub" / "fresh.sqlite"
    assert main(["--db", str(db), "init"]) == 0
    assert db.exists()
    assert "1 document" in capsys.readouterr().out


def test_default_store_comes_from_environment(tmp_path: Path, capsys, monkeypatch) -> None:
    db = tmp_path / "env.sqlite"
    monkeypatch.setenv("BRIEFING_DB", str(db))
    assert main(["documents"]) == 0
    assert db.exists()


def _cli(*args: str, db: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "BRIEFING_DB": str(db)}
    return subprocess.run(
        [sys.executable, "-m", "briefing_app", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=120,
    )


def test_user_errors_are_one_sentence_without_traceback(
    tmp_path: Path, essay_store_path: Path
) -> None:
    """Whole processes, so nothing but the one sentence reaches stderr (on a prepared
    store: a new one would import the essay first in each process)."""
    corrupt = tmp_path / "corrupt.sqlite"
    corrupt.write_bytes(os.urandom(4096))
    before = corrupt.read_bytes()
    cases = [
        _cli("documents", db=corrupt),
        _cli("import", str(tmp_path / "missing.txt"), db=essay_store_path),
        _cli("review", "999999", db=essay_store_path),
    ]
    for result in cases:
        assert result.returncode != 0
        assert "Traceback" not in result.stderr
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].endswith("."), result.stderr
    assert corrupt.read_bytes() == before


@pytest.mark.parametrize("query", ['"', "NEAR(", "-:", "((", "*"])
def test_hostile_search_from_cli(capsys, essay_store_path: Path, query: str) -> None:
    assert main(["--db", str(essay_store_path), "search", "--", query]) == 0
