"""The one helper for long work: run a function off the GUI thread with a progress dialog.

The function receives a ``progress(done, total, message)`` callback; pressing Cancel makes
the next call raise :class:`briefing_app.progress.Cancelled`. Tests set
``TaskRunner.synchronous = True`` so work runs inline and finishes before the call returns.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from briefing_app.gui.errors import report_unexpected
from briefing_app.progress import Cancelled, Progress

Work = Callable[[Progress], Any]


class _Signals(QObject):
    progressed = Signal(int, int, str)
    finished = Signal(object)
    failed = Signal(object)


class _Job(QRunnable):
    def __init__(self, work: Work, cancel: threading.Event, signals: _Signals) -> None:
        super().__init__()
        self.work, self.cancel, self.signals = work, cancel, signals

    def run(self) -> None:
        def progress(done: int, total: int, message: str) -> None:
            if self.cancel.is_set():
                raise Cancelled
            self.signals.progressed.emit(done, total, message)

        try:
            result = self.work(progress)
        except BaseException as exc:  # reported to the GUI thread, never lost
            self._emit(self.signals.failed, exc)
        else:
            self._emit(self.signals.finished, result)

    @staticmethod
    def _emit(signal: Any, value: object) -> None:
        with contextlib.suppress(RuntimeError):  # the app closed and the receiver is gone
            signal.emit(value)


class TaskRunner(QObject):
    """Runs work with a modal progress dialog; results and errors come back on the GUI thread."""

    synchronous = False  # tests flip this so work runs inline

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._parent = parent
        self._pool = QThreadPool.globalInstance()
        self._jobs: list[_Signals] = []

    @property
    def busy(self) -> bool:
        """Whether work started here has not reported back yet."""
        return bool(self._jobs)

    def run_quietly(
        self,
        work: Work,
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None] | None = None,
    ) -> None:
        """Background work nobody waits for (warming caches): no dialog, no cancel.

        Errors are passed to ``on_error`` when given; otherwise an unexpected one is
        logged and shown (the work itself must be safe to lose).
        """
        on_error = on_error or _report_unless_cancelled
        if self.synchronous or TaskRunner.synchronous:
            try:
                result = work(lambda *_: None)
            except Exception as exc:
                on_error(exc)
            else:
                on_done(result)
            return
        signals = _Signals()
        self._jobs.append(signals)

        def finish(callback: Callable[[Any], None], value: Any) -> None:
            self._jobs.remove(signals)
            callback(value)

        signals.finished.connect(lambda result: finish(on_done, result))
        signals.failed.connect(lambda exc: finish(on_error, exc))
        self._pool.start(_Job(work, threading.Event(), signals))

    def run(
        self,
        title: str,
        work: Work,
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None],
    ) -> None:
        """Start ``work``; exactly one of ``on_done`` / ``on_error`` is called later.

        A cancelled task calls ``on_error`` with :class:`Cancelled`.
        """
        if self.synchronous or TaskRunner.synchronous:
            try:
                result = work(lambda *_: None)
            except BaseException as exc:
                on_error(exc)
            else:
                on_done(result)
            return
        cancel = threading.Event()
        dialog = QProgressDialog(title, "Cancel", 0, 0, self._parent)
        dialog.setWindowTitle(title)
        # Not modal: a modal QProgressDialog runs processEvents() inside setValue(), and a
        # job finishing in there would close the dialog inside its own call (a hang).
        dialog.setWindowModality(Qt.WindowModality.NonModal)
        dialog.setMinimumDuration(300)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setAccessibleName(f"{title} progress")
        signals = _Signals()
        self._jobs.append(signals)

        @Slot(int, int, str)
        def progressed(done: int, total: int, message: str) -> None:
            if signals not in self._jobs:
                return  # a late report from a job that has finished
            dialog.setMaximum(max(total, 1))
            dialog.setValue(min(done, max(total, 1)))
            if message:
                dialog.setLabelText(message)

        def finish(callback: Callable[[Any], None], value: Any) -> None:
            dialog.canceled.disconnect(cancel.set)  # closing must not "cancel" a done job
            dialog.hide()
            dialog.deleteLater()
            self._jobs.remove(signals)
            callback(value)

        signals.progressed.connect(progressed)
        signals.finished.connect(lambda result: finish(on_done, result))
        signals.failed.connect(lambda exc: finish(on_error, exc))
        dialog.canceled.connect(cancel.set)
        self._pool.start(_Job(work, cancel, signals))


def _report_unless_cancelled(exc: BaseException) -> None:
    if not isinstance(exc, Cancelled):
        report_unexpected(exc, "working in the background")
