"""GUI test fixtures: isolated settings, synchronous background work, a store with a deck."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QSettings

from briefing_app.gui.tasks import TaskRunner

DECK = "Default briefing"


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path: Path, qapp) -> None:
    """Every test gets its own QSettings file, never the user's."""
    QCoreApplication.setOrganizationName("BriefingAppTests")
    QCoreApplication.setApplicationName("briefing-app-tests")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(
        QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings")
    )
    QSettings().clear()


@pytest.fixture(autouse=True)
def synchronous_tasks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(TaskRunner, "synchronous", True)


@pytest.fixture
def deck_store(with_full_briefing, essay_store):
    """The bundled essay plus the full read-ahead as "Default briefing" (copied, not rebuilt)."""
    return essay_store
