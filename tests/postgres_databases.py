"""Throw-away PostgreSQL databases for tests: one template per kind, cloned per test.

``CREATE DATABASE … TEMPLATE`` copies a prepared store in a few tens of milliseconds,
so each test gets its own database as it gets its own SQLite file. Each test worker
(pytest-xdist) has its own prefix, so workers never share a database. Each copy is dropped
in the background as soon as its test ends (a drop takes about a second under load, and
dropping them all one by one at the end of the session held the run up for minutes).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from itertools import count

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from briefing_app.store.store import Store

ENV = "BRIEFING_TEST_POSTGRES"


def server_url() -> str:
    """The admin URL from the environment, or "" when no server was given."""
    return os.environ.get(ENV, "").strip()


class Server:
    """Creates and finally drops the test databases on one server."""

    def __init__(self, url: str) -> None:
        self.url = make_url(url)
        if self.url.drivername == "postgresql":
            self.url = self.url.set(drivername="postgresql+psycopg")
        self._admin = create_engine(self.url, isolation_level="AUTOCOMMIT")
        self._prefix = f"briefing_test_{os.getpid()}"
        self._numbers = count(1)
        self._templates: dict[str, str] = {}
        self._made: list[str] = []
        self._dropper = ThreadPoolExecutor(max_workers=1, thread_name_prefix="drop-database")
        self._drops: list[Future[None]] = []

    def url_of(self, database: str) -> str:
        return self.url.set(database=database).render_as_string(hide_password=False)

    def _execute(self, sql: str) -> None:
        with self._admin.connect() as conn:
            conn.execute(text(sql))

    def create(self, template: str | None = None) -> str:
        """A new empty database (or a copy of ``template``); returns its URL."""
        name = f"{self._prefix}_{next(self._numbers)}"
        self._execute(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
        self._made.append(name)
        return name

    def clone(self, kind: str, prepare: Callable[[str], Store]) -> str:
        """URL of a fresh copy of the ``kind`` template, preparing it on first use."""
        if kind not in self._templates:
            name = self.create()
            prepare(self.url_of(name)).close()
            self._templates[kind] = name
        return self.url_of(self.create(self._templates[kind]))

    def drop(self, name: str) -> None:
        self._execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def release(self, url: str) -> None:
        """Drop the copy at ``url`` in the background; the test that used it has ended."""
        name = make_url(url).database
        if name in self._made and name not in self._templates.values():
            self._made.remove(name)
            self._drops.append(self._dropper.submit(self.drop, name))

    def drop_all(self) -> None:
        """Wait for the background drops, then drop what is left (the templates)."""
        self._dropper.shutdown(wait=True)
        for drop in self._drops:
            drop.result()  # a failed drop is reported, not left behind unnoticed
        for name in reversed(self._made):
            self.drop(name)
        self._admin.dispose()
