"""Dates known to a precision: labels and chronological order."""

from __future__ import annotations

import pytest

from briefing_app.domain import dates


@pytest.mark.parametrize(
    ("text", "precision", "label"),
    [
        ("2025-10-17", None, "17 Oct 2025"),
        ("2022-02", None, "Feb 2022"),
        ("2022", None, "2022"),
        ("2014", "approximate", "c. 2014"),
        ("2025-05", "approximate", "c. May 2025"),
        ("", None, ""),
        ("spring", None, "spring"),
    ],
)
def test_labels(text: str, precision: str | None, label: str) -> None:
    assert dates.label(text, precision) == label


def test_year_only_dates_sort_after_the_dated_events_of_their_year() -> None:
    written = [("2022", "year"), ("2022-02", "month"), ("2021-12-31", "day"),
               ("2022-02-24", "day"), ("2022-12-31", "day"), ("2023-01", "month"),
               ("2022", "approximate")]  # fmt: skip
    ordered = sorted(written, key=lambda d: dates.sort_key(*d))
    assert ordered == [("2021-12-31", "day"), ("2022-02-24", "day"), ("2022-02", "month"),
                       ("2022-12-31", "day"), ("2022", "year"), ("2022", "approximate"),
                       ("2023-01", "month")]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "precision", "message"),
    [
        ("2025-02-30", None, "not a real date"),
        ("19 Oct 2025", None, "not a date written"),
        ("2025-10", "day", "written to the month"),
        ("2025", "weekly", "not a date precision"),
    ],
)
def test_bad_dates_are_one_sentence(text: str, precision: str | None, message: str) -> None:
    with pytest.raises(dates.DateError, match=message):
        dates.check(text, precision)
    assert dates.check("2025-10", "approximate") == "approximate"
