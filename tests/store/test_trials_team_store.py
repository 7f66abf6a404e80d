"""Trials: the team store (PostgreSQL) under concurrency, with real processes (issue 14, 4).

Every child imports the app first and then waits for one "go" file, so they all hit
the server at the same moment. Needs the server in ``BRIEFING_TEST_POSTGRES`` (see
tests/conftest.py; `.ci/run` starts one); skipped without it.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

import briefing_app
from briefing_app.services.bootstrap import open_prepared

ROOT = Path(briefing_app.__file__).resolve().parent.parent

_FIRST_OPEN = """
import sys, time
from pathlib import Path
from briefing_app.services import library
from briefing_app.services.bootstrap import open_prepared
go = Path(sys.argv[2])
while not go.exists():
    time.sleep(0.002)
store = open_prepared(sys.argv[1])
print(len(library.documents(store)), len(library.paragraphs(store)), len(library.arguments(store)))
store.close()
"""

_CLI = """
import sys, time
from pathlib import Path
from briefing_app.cli import main
go = Path(sys.argv[1])
while not go.exists():
    time.sleep(0.002)
sys.exit(main(sys.argv[2:]))
"""

_ADD_SLIDES = """
import sys, time
from pathlib import Path
from briefing_app.services import decks
from briefing_app.store.store import open_store
go, url, count, position = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3]), sys.argv[4]
store = open_store(url)
while not go.exists():
    time.sleep(0.002)
for n in range(count):
    at = None if position == "end" else int(position)
    decks.add_slide(store, "shared", "argument", title=f"{sys.argv[5]}-{n}", position=at)
store.close()
"""


@pytest.fixture
def server(postgres_server):
    if postgres_server is None:
        pytest.skip("set BRIEFING_TEST_POSTGRES to run the team-store trials")
    return postgres_server


def _run_all(commands: list[list[str]], go: Path, timeout: float = 240) -> list:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "BRIEFING_LOG": str(go.parent / "log")}
    children = [
        subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True)
        for cmd in commands
    ]
    time.sleep(min(8.0, 0.4 * len(children)))  # let every child import and reach the wait
    go.touch()
    results = []
    for child in children:
        out, err = child.communicate(timeout=timeout)
        results.append((child.returncode, out, err))
    return results


pytestmark = pytest.mark.stress  # many processes on one server


def _scalar(url: str, sql: str):
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return conn.execute(text(sql)).scalar()
    finally:
        engine.dispose()


def test_twenty_first_opens_make_one_schema_and_nineteen_wait(server, tmp_path: Path) -> None:
    url = server.url_of(server.create())
    go = tmp_path / "go"
    results = _run_all([[sys.executable, "-c", _FIRST_OPEN, url, str(go)]] * 20, go)
    for code, _, err in results:
        assert code == 0 and "Traceback" not in err, err
    assert {out for _, out, _ in results} == {results[0][1]}  # everyone sees the same store
    documents, paragraphs, arguments = map(int, results[0][1].split())
    assert documents == 1 and paragraphs > 30 and arguments > 30
    assert _scalar(url, "SELECT count(*) FROM alembic_version") == 1
    assert _scalar(url, "SELECT count(*) FROM document") == 1
    assert _scalar(url, "SELECT count(*) FROM paragraph") == paragraphs


def test_ten_concurrent_deck_creates_of_one_name_give_one_deck_and_nine_sentences(
    server, tmp_path: Path
) -> None:
    url = server.clone("essay", open_prepared)
    go = tmp_path / "go"
    argv = ["--db", url, "deck", "create", "Kosovo options"]
    results = _run_all([[sys.executable, "-c", _CLI, str(go), *argv]] * 10, go)
    codes = sorted(code for code, _, _ in results)
    assert codes == [0] + [2] * 9, results
    for code, _, err in results:
        assert "Traceback" not in err and err.count("\n") <= 1, err
        if code:
            assert "A deck named 'Kosovo options' already exists" in err, err
    assert _scalar(url, "SELECT count(*) FROM deck WHERE name = 'Kosovo options'") == 1
    assert not (tmp_path / "log").exists()


@pytest.mark.parametrize("position", ["0", "end"])
def test_concurrent_add_slide_keeps_every_position_distinct(
    server, tmp_path: Path, position: str
) -> None:
    url = server.clone("essay", open_prepared)
    from briefing_app.services import decks
    from briefing_app.store.store import open_store

    store = open_store(url)
    decks.create_deck(store, "shared")
    store.close()
    go = tmp_path / "go"
    writers, each = 12, 5
    results = _run_all(
        [[sys.executable, "-c", _ADD_SLIDES, str(go), url, str(each), position, f"w{n}"]
         for n in range(writers)],
        go,
    )  # fmt: skip
    for code, _, err in results:
        assert code == 0, err
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            positions = [
                row[0]
                for row in conn.execute(
                    text(
                        "SELECT s.position FROM slide s JOIN deck d ON d.id = s.deck_id "
                        "WHERE d.name = 'shared' ORDER BY s.position"
                    )
                )
            ]
    finally:
        engine.dispose()
    assert positions == list(range(writers * each))


def test_a_planted_trigger_or_view_on_the_team_store_is_named_then_removed_on_request(
    server, capsys
) -> None:
    from briefing_app.cli import main
    from briefing_app.store.errors import ForeignObjectsError
    from briefing_app.store.store import open_store

    url = server.clone("essay", open_prepared)
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(
            text(
                "CREATE FUNCTION wipe() RETURNS trigger LANGUAGE plpgsql AS "
                "$$ BEGIN DELETE FROM argument; RETURN NULL; END $$"
            )
        )
        conn.execute(
            text("CREATE TRIGGER wipe_on_deck AFTER UPDATE ON deck EXECUTE FUNCTION wipe()")
        )
        conn.execute(text("CREATE VIEW everything AS SELECT * FROM argument"))
        arguments = conn.execute(text("SELECT count(*) FROM argument")).scalar()
    engine.dispose()
    with pytest.raises(ForeignObjectsError) as caught:
        open_store(url)
    assert caught.value.names == ["trigger 'wipe_on_deck'", "view 'everything'"]
    assert "Traceback" not in str(caught.value) and "\n" not in str(caught.value)
    assert main(["--db", url, "init", "--remove-foreign"]) == 0
    assert "Removed trigger 'wipe_on_deck', view 'everything'" in capsys.readouterr().out
    assert main(["--db", url, "deck", "create", "after"]) == 0
    assert _scalar(url, "SELECT count(*) FROM argument") == arguments
    open_store(url).close()
