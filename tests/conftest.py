"""Shared fixtures: every test gets its own store and never touches db/ or exports/.

When ``BRIEFING_TEST_POSTGRES`` holds the URL of a PostgreSQL server (any database the
role may connect to, e.g. ``postgresql+psycopg://briefing:briefing@127.0.0.1/postgres``),
every test of the store, import, services, deck, export and map services that uses
``essay_store`` or ``empty_store`` runs twice: on a SQLite file and on a fresh
PostgreSQL database cloned from a template. `.ci/run` starts such a server.

Stores are built once per session and copied per test (a file copy for SQLite, a
template database for PostgreSQL): the bundled essay, and the essay with the full
read-ahead (every layout) as the deck "Default briefing" for tests that ask for
``with_full_briefing``.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

# Qt tests run headless; set here so nobody has to remember it.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import postgres_databases

from briefing_app.deck.outline import FULL_OUTLINE, build_from_outline
from briefing_app.services.bootstrap import open_prepared
from briefing_app.store.store import Store, open_store

# Test folders whose stores also run on PostgreSQL when a server is given.
BOTH_BACKENDS = ("tests", "store", "importing", "services", "deck", "render", "maps", "cli")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "store_backend" not in metafunc.fixturenames:
        return
    folder = Path(str(metafunc.definition.path)).parent.name
    backends = ["sqlite"]
    if postgres_databases.server_url() and folder in BOTH_BACKENDS:
        backends.append("postgresql")
    metafunc.parametrize("store_backend", backends, indirect=True)


@pytest.fixture
def store_backend(request: pytest.FixtureRequest) -> str:
    """Which database the test's store is on: "sqlite" or "postgresql"."""
    return getattr(request, "param", "sqlite")


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[postgres_databases.Server | None]:
    url = postgres_databases.server_url()
    if not url:
        yield None
        return
    server = postgres_databases.Server(url)
    yield server
    server.drop_all()


@pytest.fixture(autouse=True)
def _isolated_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Point the default store at a temp file so no test writes into the checkout."""
    monkeypatch.setenv("BRIEFING_DB", str(tmp_path / "default.sqlite"))


BRIEFING_DECK = "Default briefing"


def _with_full_briefing(location: str) -> Store:
    """The bundled essay with the full read-ahead (every layout) as ``BRIEFING_DECK``."""
    store = open_prepared(location)
    build_from_outline(store, FULL_OUTLINE, BRIEFING_DECK)
    return store


def _sqlite_template(path: Path, prepare) -> Path:
    store = prepare(str(path))
    with store.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    return path


@pytest.fixture(scope="session")
def essay_store_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store with the bundled essay imported once per run, copied by each test."""
    return _sqlite_template(tmp_path_factory.mktemp("template") / "essay.sqlite", open_prepared)


@pytest.fixture(scope="session")
def briefing_store_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The essay store plus the full read-ahead, built once per run, copied by each test."""
    folder = tmp_path_factory.mktemp("template")
    return _sqlite_template(folder / "briefing.sqlite", _with_full_briefing)


@pytest.fixture
def with_full_briefing() -> str:
    """Ask for this and the test's ``essay_store`` (and ``essay_store_path``) already holds
    the full read-ahead, copied from a store built once per run; the deck's name is returned."""
    return BRIEFING_DECK


@pytest.fixture
def essay_store_path(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    with_briefing = "with_full_briefing" in request.fixturenames
    template = "briefing_store_template" if with_briefing else "essay_store_template"
    target = tmp_path / "essay.sqlite"
    shutil.copy2(request.getfixturevalue(template), target)
    return target


@pytest.fixture
def essay_store(
    store_backend: str, request: pytest.FixtureRequest, postgres_server
) -> Iterator[Store]:
    if store_backend == "postgresql":
        if "with_full_briefing" in request.fixturenames:
            url = postgres_server.clone("briefing", _with_full_briefing)
        else:
            url = postgres_server.clone("essay", open_prepared)
        store = open_store(url)
    else:
        store = open_store(request.getfixturevalue("essay_store_path"))
    yield store
    store.close()
    if store_backend == "postgresql":
        postgres_server.release(url)


@pytest.fixture
def empty_store(store_backend: str, tmp_path: Path, postgres_server) -> Iterator[Store]:
    if store_backend == "postgresql":
        url = postgres_server.clone("empty", open_store)
        store = open_store(url)
    else:
        store = open_store(tmp_path / "empty.sqlite")
    yield store
    store.close()
    if store_backend == "postgresql":
        postgres_server.release(url)
