"""Column types that say "this stored value cannot be read" instead of crashing.

A store is a file people send each other and other programs can edit. SQLite keeps
whatever text is put in a JSON or timestamp column, and SQLAlchemy's own readers then
raise ValueError deep inside a query. These types wrap those readers so such a value
becomes one sentence (an UnreadableValueError) wherever it is read.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator

from briefing_app.store.errors import UnreadableValueError, unreadable
from briefing_app.store.reading import check_extent

__all__ = ["JSON", "Date", "DateTime", "Extent", "UnreadableValueError"]


class _Guarded(TypeDecorator[Any]):
    """Reads through the wrapped type and turns its ValueError into one sentence."""

    cache_ok = True
    what = "value"

    def result_processor(self, dialect: Dialect, coltype: object) -> Callable[[Any], Any] | None:
        inner = super().result_processor(dialect, coltype)
        if inner is None:
            return None
        what = self.what

        def process(value: Any) -> Any:
            try:
                return inner(value)
            except (ValueError, TypeError, OverflowError, RecursionError) as exc:
                raise unreadable(what, value) from exc

        return process


class JSON(_Guarded):
    """JSON whose top level must be ``expect`` (e.g. dict or list) when it is given."""

    cache_ok = True
    impl = sa.JSON
    what = "JSON value"

    def __init__(self, expect: type | None = None) -> None:
        super().__init__()
        self.expect = expect

    def process_result_value(self, value: Any, dialect: Dialect) -> Any:
        if value is not None and self.expect is not None and not isinstance(value, self.expect):
            raise ValueError(f"expected a JSON {self.expect.__name__}")
        return value


class Extent(JSON):
    """A map's extent: four finite numbers, lon_min, lat_min, lon_max, lat_max."""

    cache_ok = True
    what = "map extent"

    def __init__(self) -> None:
        super().__init__(list)

    def process_result_value(self, value: Any, dialect: Dialect) -> Any:
        value = super().process_result_value(value, dialect)
        if value is None:
            return None
        check_extent(value)
        return value


class DateTime(_Guarded):
    cache_ok = True
    impl = sa.DateTime
    what = "timestamp"


class Date(_Guarded):
    cache_ok = True
    impl = sa.Date
    what = "date"
