"""Dates known to a precision: "17 Oct 2025", "Feb 2022", "2022", "c. 2014".

An event's date is stored as the essay supports it (``YYYY``, ``YYYY-MM`` or
``YYYY-MM-DD``) with a precision. Timelines sort by :func:`sort_key`, which puts a date
known only to the month after that month's dated events, and a year-only date after
every dated event of its year, so "2022" never comes before February 2022.
"""

from __future__ import annotations

import re
from datetime import date

from briefing_app.domain.errors import BriefingError

PRECISIONS = ("day", "month", "year", "approximate")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


class DateError(BriefingError, ValueError):
    """A date that is not YYYY[-MM[-DD]], names no real day, or has an unknown precision."""


def parse(text: str) -> tuple[int, int | None, int | None]:
    """(year, month, day) of ``YYYY[-MM[-DD]]``; the parts not written are None."""
    match = _ISO.match(text.strip()) if isinstance(text, str) else None
    if match is None:
        raise DateError(f"“{text}” is not a date written YYYY, YYYY-MM or YYYY-MM-DD.")
    year = int(match[1])
    month = int(match[2]) if match[2] else None
    day = int(match[3]) if match[3] else None
    try:
        date(year, month or 1, day or 1)
    except ValueError as exc:
        raise DateError(f"“{text}” is not a real date.") from exc
    return year, month, day


def written_precision(text: str) -> str:
    """The precision a date has as written: day, month or year."""
    _, month, day = parse(text)
    return "day" if day else "month" if month else "year"


def check(text: str, precision: str | None = None) -> str:
    """The precision of ``text`` (given or as written); raises DateError if they disagree."""
    written = written_precision(text)
    if precision is None:
        return written
    if precision not in PRECISIONS:
        raise DateError(f"“{precision}” is not a date precision ({', '.join(PRECISIONS)}).")
    if precision != "approximate" and precision != written:
        raise DateError(f"“{text}” is written to the {written}, not to the {precision}.")
    return precision


def label(text: str | None, precision: str | None = None) -> str:
    """'2025-10-17' → '17 Oct 2025'; '2022-02' → 'Feb 2022'; '2022' → '2022';
    approximate '2014' → 'c. 2014'. Text that is not a date is returned unchanged."""
    if not text:
        return ""
    try:
        year, month, day = parse(text)
    except DateError:
        return text
    if day and month:
        shown = f"{day} {MONTHS[month - 1]} {year}"
    elif month:
        shown = f"{MONTHS[month - 1]} {year}"
    else:
        shown = str(year)
    return f"c. {shown}" if precision == "approximate" else shown


def sort_key(text: str | None, precision: str | None = None) -> tuple[int, int, int, int]:
    """Chronological order: parts not known sort after the known ones of the same period;
    an approximate date sorts after an exact one of the same period; no date sorts last."""
    try:
        year, month, day = parse(text or "")
    except DateError:
        return (10_000, 13, 32, 1)
    return (year, month or 13, day or 32, 1 if precision == "approximate" else 0)
