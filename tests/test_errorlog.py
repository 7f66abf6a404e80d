"""Unexpected errors go to a rotating log in the user's log folder, with the traceback."""

from __future__ import annotations

from pathlib import Path

import platformdirs
import pytest

from briefing_app import errorlog


def _raised(message: str) -> BaseException:
    try:
        {}["key"] = 1 / 0
    except ZeroDivisionError as exc:
        try:
            raise RuntimeError(message) from exc
        except RuntimeError as outer:
            return outer
    raise AssertionError


def test_default_log_is_in_the_users_log_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BRIEFING_LOG", raising=False)
    expected = platformdirs.user_log_path("briefing-app", appauthor=False)
    assert errorlog.log_file() == expected / "briefing.log"


def test_logs_the_traceback_and_rotates(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    log = tmp_path / "logs" / "briefing.log"
    monkeypatch.setenv("BRIEFING_LOG", str(log))
    monkeypatch.setattr(errorlog, "MAX_BYTES", 2000)
    assert errorlog.log_unexpected(_raised("Vučić’s deck broke"), "exporting") == log
    text = log.read_text(encoding="utf-8")
    assert "unexpected error while exporting" in text and "Vučić’s deck broke" in text
    assert "Traceback" in text and "ZeroDivisionError" in text and "briefing-app" in text
    for n in range(40):
        errorlog.log_unexpected(_raised(f"again {n}"))
    rotated = sorted(p.name for p in log.parent.iterdir())
    assert rotated == ["briefing.log", "briefing.log.1", "briefing.log.2", "briefing.log.3"]
    assert "again 39" in log.read_text(encoding="utf-8")


def test_an_unwritable_log_still_lets_the_error_be_shown(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("BRIEFING_LOG", str(blocker / "briefing.log"))
    exc = _raised("boom")
    assert errorlog.log_unexpected(exc) is None
    sentence = errorlog.unexpected_sentence(exc, None)
    assert sentence == (
        "An unexpected error stopped the command (RuntimeError: boom); "
        "the log could not be written."
    )
    details = errorlog.error_details(exc, None)
    assert "Traceback" in details and "RuntimeError: boom" in details
