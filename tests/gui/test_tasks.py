"""The background-task helper off the GUI thread: results, errors and cancel come back."""

from __future__ import annotations

import threading
import time

import pytest
from PySide6.QtWidgets import QApplication, QProgressDialog, QPushButton

from briefing_app.gui.tasks import TaskRunner
from briefing_app.progress import Cancelled


@pytest.fixture
def runner(qtbot, monkeypatch: pytest.MonkeyPatch) -> TaskRunner:
    monkeypatch.setattr(TaskRunner, "synchronous", False)
    return TaskRunner(None)


def test_result_arrives_on_the_gui_thread(qtbot, runner: TaskRunner) -> None:
    seen: list[tuple[object, bool]] = []
    main = threading.get_ident()

    def work(progress) -> int:
        progress(1, 2, "half way")
        return threading.get_ident()

    runner.run("Working", work, lambda r: seen.append((r, threading.get_ident() == main)),
               lambda exc: seen.append((exc, False)))  # fmt: skip
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    worker, on_gui_thread = seen[0]
    assert worker != main and on_gui_thread


def test_errors_and_cancel_are_reported(qtbot, runner: TaskRunner) -> None:
    errors: list[BaseException] = []

    def fail(progress) -> None:
        raise OSError("disk full")

    runner.run("Failing", fail, lambda r: None, errors.append)
    qtbot.waitUntil(lambda: bool(errors), timeout=5000)
    assert isinstance(errors[0], OSError)

    cancelled: list[BaseException] = []

    def long_work(progress) -> None:
        for step in range(200):
            progress(step, 200, "")
            time.sleep(0.01)

    runner.run("Long", long_work, lambda r: None, cancelled.append)
    dialogs = [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, QProgressDialog) and w.windowTitle() == "Long"
    ]
    assert dialogs, "a progress dialog with Cancel is offered"
    (button,) = dialogs[-1].findChildren(QPushButton)
    button.click()  # the user presses Cancel
    qtbot.waitUntil(lambda: bool(cancelled), timeout=5000)
    assert isinstance(cancelled[0], Cancelled)


def test_quiet_work_runs_without_a_dialog(qtbot, runner: TaskRunner) -> None:
    done: list[int] = []
    runner.run_quietly(lambda progress: 42, done.append)
    qtbot.waitUntil(lambda: bool(done), timeout=5000)
    assert done == [42]


def test_an_export_runs_off_the_gui_thread(qtbot, runner: TaskRunner, deck_store, tmp_path) -> None:
    from briefing_app.render.export import export_deck

    results: list[object] = []
    runner.run(
        "Exporting",
        lambda progress: export_deck(deck_store, "Default briefing", "pdf", tmp_path, progress),
        results.append,
        results.append,
    )
    qtbot.waitUntil(lambda: bool(results), timeout=30000)
    assert not isinstance(results[0], BaseException), results[0]
    assert results[0].path.exists()
