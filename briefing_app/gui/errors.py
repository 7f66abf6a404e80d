"""Unexpected errors in the desktop app: logged, then shown once in a dialog.

An error the user can cause is a :class:`~briefing_app.domain.errors.BriefingError` and
the widget that asked shows its sentence. Anything else reaches :func:`report_unexpected`
(directly, or through ``sys.excepthook`` / ``threading.excepthook`` for an exception
that escaped a slot or a thread): it is written to the log with its traceback and shown
as what it is, with the log's path and a "Copy details" button. The same error raised
again (a paint handler failing on every repaint) is logged each time but shown once.
"""

from __future__ import annotations

import sys
import threading
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from briefing_app.errorlog import error_details, log_unexpected, unexpected_sentence


class UnexpectedErrorDialog(QDialog):
    """What went wrong, where the log is, and the details to copy into a bug report."""

    def __init__(
        self, exc: BaseException, log: Path | None, doing: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("unexpectedErrorDialog")
        self.setWindowTitle("Unexpected error")
        self.setAccessibleName("Unexpected error")
        self.details = error_details(exc, log)
        stopped = doing or "the last action"
        self.sentence = unexpected_sentence(exc, log, stopped=stopped)
        message = QLabel(
            f"{self.sentence}\n\nWhat was saved before stays saved. If it happens again, "
            "please send the details to whoever looks after the app.",
            self,
        )
        message.setWordWrap(True)
        message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details_view = QPlainTextEdit(self.details, self)
        self.details_view.setReadOnly(True)
        self.details_view.setAccessibleName("Error details")
        self.details_view.setMinimumSize(560, 180)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.copy_button = QPushButton("&Copy details", self)
        self.copy_button.setAccessibleName("Copy details")
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self.copy_details)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(message)
        layout.addWidget(self.details_view)
        layout.addWidget(buttons)

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.details)
        self.copy_button.setText("Copied")


class ErrorReporter(QObject):
    """Logs unexpected errors and shows each kind once; lives on the GUI thread."""

    _raised = Signal(object, str)  # (exception, what the app was doing), queued to the GUI

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.shown: set[tuple[str, str, str]] = set()
        self.dialog: UnexpectedErrorDialog | None = None
        self.last_log: Path | None = None
        self._raised.connect(self._show, Qt.ConnectionType.QueuedConnection)

    def report(self, exc: BaseException, doing: str = "") -> None:
        """Log ``exc`` now; show it in a dialog (later, on the GUI thread) unless the same
        error was already shown."""
        self.last_log = log_unexpected(exc, doing)
        self._raised.emit(exc, doing)

    def _show(self, exc: BaseException, doing: str) -> None:
        key = _signature(exc)
        if key in self.shown:
            return
        self.shown.add(key)
        parent = QApplication.activeWindow()
        self.dialog = UnexpectedErrorDialog(exc, self.last_log, doing, parent)
        self.dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog.destroyed.connect(self._forget_dialog)
        self.dialog.open()

    def _forget_dialog(self) -> None:
        self.dialog = None

    # --- hooks --------------------------------------------------------------------------

    def install(self) -> None:
        """Route exceptions nothing caught (in slots, timers, threads) to :meth:`report`."""
        sys.excepthook = self._excepthook
        threading.excepthook = self._thread_excepthook

    def _excepthook(
        self, kind: type[BaseException], exc: BaseException, tb: TracebackType | None
    ) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, exc, tb)
            return
        self.report(exc.with_traceback(tb))

    def _thread_excepthook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is not None and not issubclass(args.exc_type, SystemExit):
            thread = args.thread.name if args.thread is not None else "a thread"
            self.report(args.exc_value, f"working in the background ({thread})")


def _signature(exc: BaseException) -> tuple[str, str, str]:
    """What makes two errors "the same": type, message and where it was raised."""
    tb = exc.__traceback__
    while tb is not None and tb.tb_next is not None:
        tb = tb.tb_next
    where = f"{tb.tb_frame.f_code.co_filename}:{tb.tb_lineno}" if tb is not None else ""
    return type(exc).__name__, str(exc), where


_reporter: ErrorReporter | None = None


def reporter() -> ErrorReporter:
    """The app's one reporter (created on first use, on the GUI thread)."""
    global _reporter
    if _reporter is None:
        _reporter = ErrorReporter(QApplication.instance())
    return _reporter


def report_unexpected(exc: BaseException, doing: str = "") -> None:
    """Log ``exc`` and show it once: for a handler that caught something it did not expect."""
    reporter().report(exc, doing)


def install_error_handling() -> ErrorReporter:
    """Install the hooks for the running app and return its reporter."""
    handler = reporter()
    handler.install()
    return handler
