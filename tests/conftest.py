"""Shared fixtures: every test gets its own store file and never touches db/ or exports/."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

# Qt tests run headless; set here so nobody has to remember it.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from briefing_app.services.bootstrap import open_prepared
from briefing_app.store.store import Store, open_store


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
def essay_store(essay_store_path: Path) -> Iterator[Store]:
    store = open_store(essay_store_path)
    yield store
    store.close()


@pytest.fixture
def empty_store(tmp_path: Path) -> Iterator[Store]:
    store = open_store(tmp_path / "empty.sqlite")
    yield store
    store.close()
