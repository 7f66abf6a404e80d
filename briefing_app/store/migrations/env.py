"""Alembic environment: runs on the connection the app hands over, or on a URL."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection, create_engine

from briefing_app.store import (
    map_models,  # noqa: F401  (registers the map tables)
    template_models,  # noqa: F401  (registers the template table)
)
from briefing_app.store.models import Base

config = context.config
connection = config.attributes.get("connection")


def _include_name(name: str | None, type_: str, _parent: object) -> bool:
    """Leave the FTS5 index (created by hand, SQLite only) out of autogenerate."""
    return not (type_ == "table" and name is not None and name.startswith("search_index"))


def _run(conn: Connection) -> None:
    context.configure(
        connection=conn,
        target_metadata=Base.metadata,
        include_name=_include_name,
        render_as_batch=True,  # SQLite cannot ALTER most things in place
    )
    with context.begin_transaction():
        context.run_migrations()


if connection is not None:
    _run(connection)
else:
    url = config.get_main_option("sqlalchemy.url")
    if url is None:
        raise RuntimeError("Alembic needs a connection or sqlalchemy.url to migrate")
    engine = create_engine(url)
    with engine.connect() as conn:
        _run(conn)
