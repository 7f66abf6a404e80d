"""The detail pane shows a record's correction and lets a reviewer add, edit or remove it."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox, QPushButton

from briefing_app.gui.events import StoreEvents
from briefing_app.gui.library.detail import DetailView
from briefing_app.gui.library.detail_correction import CorrectionDialog
from briefing_app.services import corrections, library


def _view(qtbot, store) -> DetailView:
    view = DetailView(store, StoreEvents())
    qtbot.addWidget(view)
    view.show()
    return view


def _event(store, key: str):
    return next(e for e in library.events(store) if e.key == key)


def test_a_shipped_correction_is_shown_beside_the_event(qtbot, essay_store) -> None:
    view = _view(qtbot, essay_store)
    meeting = _event(essay_store, "zelensky-trump-meeting-2025")
    view.show_source("event", meeting.id)
    assert "The essay says 19 October" in view.html and "17 Oct 2025" in view.html
    assert "19 Oct 2025" in view.html  # the essay's own date stays, labelled as the essay's
    assert view.correct_button.isVisible() and view.correct_button.text() == "Edit correction…"
    view.show_source("footnote", 1)
    assert not view.correct_button.isVisible()


def test_a_reviewer_adds_a_correction_with_the_button(qtbot, essay_store) -> None:
    view = _view(qtbot, essay_store)
    summit = _event(essay_store, "alaska-summit-2025")
    view.show_source("event", summit.id)
    assert view.correct_button.text() == "Add correction…"
    typed: list[str] = []

    def fill() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, CorrectionDialog)
        dialog.text.setPlainText("The summit was held on 15 August 2025 in Anchorage.")
        dialog.date.setText("2025-08-15")
        typed.append(dialog.windowTitle())
        qtbot.mouseClick(
            dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton
        )

    QTimer.singleShot(0, fill)
    with qtbot.waitSignal(view.events.changed, timeout=5000):
        qtbot.mouseClick(view.correct_button, Qt.MouseButton.LeftButton)
    assert typed == ["Add a correction to this event"]
    note = corrections.correction_for(essay_store, "event", summit.id)
    assert note is not None and note.date == "2025-08-15" and note.origin == "user"
    assert "15 Aug 2025" in view.html and view.correct_button.text() == "Edit correction…"


def test_a_bad_date_is_one_sentence_and_the_text_is_kept(qtbot, essay_store) -> None:
    view = _view(qtbot, essay_store)
    summit = _event(essay_store, "alaska-summit-2025")
    view.show_source("event", summit.id)
    seen: list[str] = []

    def warned() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        seen.append(box.text())
        box.button(QMessageBox.StandardButton.Ok).click()
        QTimer.singleShot(0, cancel)

    def cancel() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, CorrectionDialog)
        seen.append(dialog.text.toPlainText())
        dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel).click()

    def fill() -> None:
        dialog = QApplication.activeModalWidget()
        dialog.text.setPlainText("Held in Anchorage.")
        dialog.date.setText("15 August")
        QTimer.singleShot(0, warned)
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()

    QTimer.singleShot(0, fill)
    qtbot.mouseClick(view.correct_button, Qt.MouseButton.LeftButton)
    assert "is not a date written YYYY" in seen[0] and seen[1] == "Held in Anchorage."
    assert corrections.correction_for(essay_store, "event", summit.id) is None


def test_a_reviewer_removes_a_correction(qtbot, essay_store) -> None:
    view = _view(qtbot, essay_store)
    nis = next(a for a in library.actors(essay_store) if a.key == "nis")
    view.show_source("actor", nis.id)
    assert "Naftna industrija Srbije" in view.html

    def remove() -> None:
        dialog = QApplication.activeModalWidget()
        dialog.findChild(QPushButton, "correctionRemove").click()

    QTimer.singleShot(0, remove)
    qtbot.mouseClick(view.correct_button, Qt.MouseButton.LeftButton)
    assert corrections.correction_for(essay_store, "actor", nis.id) is None
    assert view.correct_button.text() == "Add correction…"


def test_a_corrected_date_moves_the_event_in_the_events_tab(qtbot, essay_store) -> None:
    from briefing_app.gui.library.models import IdRole
    from briefing_app.gui.library.panel import LibraryPanel

    events = StoreEvents()
    panel = LibraryPanel(essay_store, events)
    qtbot.addWidget(panel)
    view = DetailView(essay_store, events)
    qtbot.addWidget(view)
    view.show()
    panel.tabs.setCurrentWidget(panel.record_views["event"])
    model = panel.record_models["event"]
    model.ensure_loaded()

    def rows() -> list[tuple[int, str]]:
        return [(model.index(r, 0).data(IdRole), model.index(r, 0).data())
                for r in range(model.rowCount())]  # fmt: skip

    meeting = _event(essay_store, "zelensky-trump-meeting-2025")
    assert (meeting.id, "17 Oct 2025 *") in rows()
    refused = _event(essay_store, "serbia-refuses-sanctions-2022")
    invasion = _event(essay_store, "russian-invasion-2022")
    ids = [i for i, _ in rows()]
    assert ids.index(refused.id) > ids.index(invasion.id)  # "2022" after Feb 2022
    view.show_source("event", refused.id)

    def fill() -> None:
        dialog = QApplication.activeModalWidget()
        dialog.text.setPlainText("Serbia declined on 1 February 2022.")
        dialog.date.setText("2022-02-01")
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()

    QTimer.singleShot(0, fill)
    with qtbot.waitSignal(events.changed, timeout=5000):
        qtbot.mouseClick(view.correct_button, Qt.MouseButton.LeftButton)
    ids = [i for i, _ in rows()]
    assert ids.index(refused.id) == ids.index(invasion.id) - 1
    assert (refused.id, "1 Feb 2022 *") in rows()


def test_an_approximate_corrected_date(qtbot, essay_store) -> None:
    view = _view(qtbot, essay_store)
    summit = _event(essay_store, "alaska-summit-2025")
    view.show_source("event", summit.id)

    def fill() -> None:
        dialog = QApplication.activeModalWidget()
        dialog.text.setPlainText("Around mid-2025 by other accounts.")
        dialog.date.setText("2025")
        qtbot.mouseClick(dialog.approximate, Qt.MouseButton.LeftButton)
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()

    QTimer.singleShot(0, fill)
    with qtbot.waitSignal(view.events.changed, timeout=5000):
        qtbot.mouseClick(view.correct_button, Qt.MouseButton.LeftButton)
    note = corrections.correction_for(essay_store, "event", summit.id)
    assert note is not None and note.precision == "approximate" and note.date_label == "c. 2025"
    assert "c. 2025" in view.html
