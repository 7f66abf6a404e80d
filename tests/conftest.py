"""Shared fixtures: every test gets its own store and never touches db/ or exports/.

When ``BRIEFING_TEST_POSTGRES`` holds the URL of a PostgreSQL server (any database the
role may connect to, e.g. ``postgresql+psycopg://briefing:briefing@127.0.0.1/postgres``),
every test of the store, import, services, deck, export and map services that uses
``essay_store`` or ``empty_store`` runs twice: on a SQLite file and on a fresh
PostgreSQL database cloned from a template. `.ci/run` starts such a server.
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


@pytest.fixture(scope="session")
def essay_store_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store with the bundled essay imported once per run, copied by each test."""
    path = tmp_path_factory.mktemp("template") / "essay.sqlite"
    store = open_prepared(str(path))
    with store.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    return path


@pytest.fixture
def essay_store_path(essay_store_template: Path, tmp_path: Path) -> Path:
    target = tmp_path / "essay.sqlite"
    shutil.copy2(essay_store_template, target)
    return target


@pytest.fixture
def essay_store(
    store_backend: str, request: pytest.FixtureRequest, postgres_server
) -> Iterator[Store]:
    if store_backend == "postgresql":
        store = open_store(postgres_server.clone("essay", open_prepared))
    else:
        store = open_store(request.getfixturevalue("essay_store_path"))
    yield store
    store.close()


@pytest.fixture
def empty_store(store_backend: str, tmp_path: Path, postgres_server) -> Iterator[Store]:
    if store_backend == "postgresql":
        store = open_store(postgres_server.clone("empty", open_store))
    else:
        store = open_store(tmp_path / "empty.sqlite")
    yield store
    store.close()
