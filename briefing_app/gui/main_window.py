"""The main window: library on the left, slides or review in the middle, details right.

It owns the actions (from the registry), the undo stacks (one per deck, and one for the
library, in a QUndoGroup whose active stack follows what is shown), the background-task
runner and the one store-change signal, and wires the panels together. It holds no SQL
and no layout. Its frame (menus, toolbar, the panes loading) needs neither the store nor
the layout, so the app paints it before importing them and attaches the store after.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QSettings, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QUndoGroup
from PySide6.QtWidgets import (
    QApplication,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from briefing_app.gui.actions import build_actions
from briefing_app.gui.events import StoreEvents
from briefing_app.gui.loading import LoadingLibrary, LoadingPane
from briefing_app.gui.tasks import TaskRunner

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter

    from briefing_app.gui.commands import Operations
    from briefing_app.gui.deck.editor import DeckEditor
    from briefing_app.gui.deck_properties import DeckPropertiesDialog
    from briefing_app.gui.library.detail import DetailView
    from briefing_app.gui.library.panel import LibraryPanel
    from briefing_app.gui.review.view import ReviewView
    from briefing_app.store.store import Store

DEFAULT_DECK = "Default briefing"
FULL_DECK = "Full read-ahead"
DEFAULT_SIZE = (1600, 960)
NARROW_WINDOW = 1200  # below this width Details starts folded away
DETAILS_MIN_WIDTH = 220


# Actions that work while the store is still loading; the others wait for it.
ALWAYS_ENABLED = ("quit", "guide", "shortcuts", "show_details")


class MainWindow(QMainWindow):
    """The window. Built with a store it is complete at once; built without one it shows
    its frame with the panes loading, and :meth:`attach_store` puts the panels in."""

    store: Store
    ops: Operations
    library: LibraryPanel
    detail: DetailView
    deck_editor: DeckEditor

    def __init__(self, store: Store | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("MainWindow")
        self.setWindowTitle("Briefing")
        self.setAccessibleName("Briefing main window")
        self.painted = False  # set by the window's first paint event
        self.installEventFilter(self)
        self.events = StoreEvents(self)
        self.undo_group = QUndoGroup(self)
        self.tasks = TaskRunner(self)
        # The print dialog; tests replace it so nothing blocks on a native dialog.
        self.choose_printer: Callable[[QPrinter, str], bool] = self._ask_printer
        self.actions_by_id = build_actions(self)
        self.actions_by_id["show_details"].setCheckable(True)
        self.actions_by_id["show_details"].setChecked(True)

        self._loading_library = LoadingLibrary(self)
        self._loading_detail = LoadingPane("detailLoading", "", self)
        self._loading_detail.setMinimumWidth(DETAILS_MIN_WIDTH)
        self._loading_detail.setAccessibleName("Details, loading")
        self._slides_slot = QWidget(self)
        self._slides_layout = QVBoxLayout(self._slides_slot)
        self._slides_layout.setContentsMargins(0, 0, 0, 0)
        self._loading_deck: LoadingPane | None = LoadingPane(
            "deckLoading", "Opening the deck…", self._slides_slot
        )
        self._slides_layout.addWidget(self._loading_deck)
        self._review: ReviewView | None = None  # built when first shown (faster start-up)
        self._review_slot = QWidget(self)
        self._review_layout = QVBoxLayout(self._review_slot)
        self._review_layout.setContentsMargins(0, 0, 0, 0)
        self._review_slot.setAccessibleName("Review")

        self.modes = QTabWidget(self)
        self.modes.setObjectName("modes")
        self.modes.setAccessibleName("Slides or review")
        self.modes.addTab(self._slides_slot, "Slides")
        self.modes.addTab(self._review_slot, "Review")
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("mainSplitter")
        for widget in (self._loading_library, self.modes, self._loading_detail):
            self.splitter.addWidget(widget)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setStretchFactor(2, 0)
        self.splitter.setSizes([340, 1000, 260])
        self.setCentralWidget(self.splitter)
        self._build_menus()
        self.statusBar().setAccessibleName("Status")
        for action_id, action in self.actions_by_id.items():
            action.setEnabled(action_id in ALWAYS_ENABLED)
        self._connect_frame()
        if store is not None:
            self.attach_store(store)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self and event.type() == QEvent.Type.Paint and not self.painted:
            self.painted = True
            self.removeEventFilter(self)
        return super().eventFilter(watched, event)

    def is_drawn(self) -> bool:
        """Whether everything the window shows is in place: the panels on the store, the
        deck's maps with their boundaries (loaded in the background) and no background
        work left (a screenshot waits for this)."""
        return self.is_loaded and not self.deck_editor.previewer.deferred and not self.tasks.busy

    @property
    def is_loaded(self) -> bool:
        """Whether the store's panels are in place (else the panes show they are loading)."""
        return hasattr(self, "deck_editor")

    def attach_store(self, store: Store, *, show_deck_editor: bool = True) -> None:
        """Build the library, the details and the deck editor on ``store``, put them where
        the loading panes were (same sizes, same visibility) and enable the actions that
        need them. ``show_deck_editor`` False: "Opening the deck…" stays until
        :meth:`show_initial_deck` has opened one (no empty editor shown in between)."""
        from briefing_app.gui.commands import Operations
        from briefing_app.gui.deck.editor import DeckEditor
        from briefing_app.gui.library.detail import DetailView
        from briefing_app.gui.library.panel import LibraryPanel

        self.store = store
        self.ops = Operations(store, self.events, self.undo_group, self)
        self.setUpdatesEnabled(False)  # one repaint with every panel in place
        try:
            self.library = LibraryPanel(store, self.events, self)
            self.detail = DetailView(store, self.events, self, self.ops)
            self.detail.setMinimumWidth(DETAILS_MIN_WIDTH)  # narrower breaks titles mid-word
            self.deck_editor = DeckEditor(store, self.ops, self.tasks, self._slides_slot)
            self.deck_editor.hide()
            sizes = self.splitter.sizes()
            for index, (loading, panel) in enumerate(
                ((self._loading_library, self.library), (self._loading_detail, self.detail))
            ):
                if loading.isHidden():
                    panel.hide()  # replaceWidget takes the hidden state over
                self.splitter.replaceWidget(index * 2, panel)
                loading.deleteLater()
            self.splitter.setSizes(sizes)
            deck_commands = ("new_deck", "rename_deck", "duplicate_deck", "delete_deck",
                             "deck_properties")  # fmt: skip
            self.deck_editor.deck_list.use_actions([self.actions_by_id[n] for n in deck_commands])
            self._connect()
            for action in self.actions_by_id.values():
                action.setEnabled(True)
            self.deck_editor.restore_state(QSettings(), open_last=False)
            if show_deck_editor:
                self._show_deck_editor()
        finally:
            self.setUpdatesEnabled(True)

    def _show_deck_editor(self) -> None:
        """Put the deck editor where "Opening the deck…" stood (once)."""
        if self._loading_deck is None:
            return
        self._slides_layout.replaceWidget(self._loading_deck, self.deck_editor)
        self._loading_deck.deleteLater()
        self._loading_deck = None
        self.deck_editor.show()

    # --- construction ---------------------------------------------------------------

    def _build_menus(self) -> None:
        a = self.actions_by_id
        undo = self.undo_group.createUndoAction(self, "&Undo")
        undo.setShortcuts(QKeySequence.keyBindings(QKeySequence.StandardKey.Undo))
        redo = self.undo_group.createRedoAction(self, "&Redo")
        redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        undo.setObjectName("action_undo")
        redo.setObjectName("action_redo")
        self.undo_action, self.redo_action = undo, redo
        menus: dict[str, list[str | QAction | None]] = {
            "&File": ["save", None, "export_pptx", "export_pdf", "export_handout",
                      "export_review", None, "print_deck", "print_handout", "print_review",
                      None, "quit"],
            "&Edit": [undo, redo, None, "new_slide", "slide_part", "rename_part", "add_to_slide",
                      "reset_to_source", "delete", None, "find"],
            "&View": ["show_slides", "show_review", "show_details", None, "present",
                      "present_current"],
            "&Deck": ["new_deck", "new_default_deck", "rename_deck", "duplicate_deck",
                      "delete_deck", None, "deck_properties"],
            "&Help": ["guide", "shortcuts", None, "about"],
        }  # fmt: skip
        for title, entries in menus.items():
            menu = self.menuBar().addMenu(title)
            for entry in entries:
                if entry is None:
                    menu.addSeparator()
                else:
                    menu.addAction(a[entry] if isinstance(entry, str) else entry)
        toolbar = self.addToolBar("Main")
        toolbar.setObjectName("mainToolbar")
        toolbar.setAccessibleName("Main toolbar")
        for entry in ("new_deck", "new_slide", "add_to_slide", undo, redo, "export_pptx",
                      "export_pdf", "find"):  # fmt: skip
            action = a[entry] if isinstance(entry, str) else entry
            toolbar.addAction(action)
            button = toolbar.widgetForAction(action)
            if button is not None:
                button.setAccessibleName(action.text().replace("&", "").rstrip("…"))
        for action in (*a.values(), undo, redo):
            self.addAction(action)  # shortcuts work wherever the focus is

    def _connect_frame(self) -> None:
        """The actions that need no store: quit, help and the Details pane."""
        slots: dict[str, Callable[[], object]] = {
            "quit": self.close,
            "show_details": lambda: self.show_details(
                self.actions_by_id["show_details"].isChecked()
            ),
            "guide": self.show_guide,
            "shortcuts": self.show_shortcuts,
        }
        for action_id, slot in slots.items():
            # Never pass ``triggered(checked)`` on: a slot's first parameter is not a flag.
            self.actions_by_id[action_id].triggered.connect(lambda _checked=False, s=slot: s())

    def _connect(self) -> None:
        editor = self.deck_editor
        slots: dict[str, Callable[[], object]] = {
            "new_deck": lambda: editor.new_deck(from_default=False),
            "new_default_deck": lambda: editor.new_deck(from_default=True),
            "rename_deck": editor.rename_deck,
            "duplicate_deck": editor.duplicate_deck,
            "delete_deck": editor.delete_deck,
            "save": self.save_now,
            "deck_properties": self.edit_deck_properties,
            "print_deck": lambda: self.print_document("pdf"),
            "print_handout": lambda: self.print_document("handout"),
            "print_review": lambda: self.print_document("review"),
            "present": lambda: self.present(from_current=False),
            "present_current": lambda: self.present(from_current=True),
            "export_pptx": lambda: editor.export("pptx"),
            "export_pdf": lambda: editor.export("pdf"),
            "export_handout": lambda: editor.export("handout"),
            "export_review": lambda: self.review.export_report(),
            "delete": self.delete_selection,
            "add_to_slide": lambda: self.add_to_slide(self.library.selected_sources()),
            "reset_to_source": editor.reset_selected_item,
            "new_slide": lambda: editor.new_slide(),
            "slide_part": editor.set_slide_part,
            "rename_part": editor.rename_slide_part,
            "find": self.library.focus_search,
            "show_slides": lambda: self.modes.setCurrentIndex(0),
            "show_review": lambda: self.modes.setCurrentIndex(1),
            "about": self.show_about,
        }
        for action_id, slot in slots.items():
            # Never pass ``triggered(checked)`` on: a slot's first parameter is not a flag.
            self.actions_by_id[action_id].triggered.connect(lambda _checked=False, s=slot: s())

        self.library.sourceActivated.connect(self._library_picked)
        self.library.addToSlideRequested.connect(self.add_to_slide)
        self.detail.sourceActivated.connect(self._show_related)
        self.deck_editor.statusMessage.connect(self._status)
        self.deck_editor.canvas.deckPropertiesRequested.connect(self.edit_deck_properties)
        self.deck_editor.deckShown.connect(lambda _: self._activate_undo())
        self.undo_group.cleanChanged.connect(lambda _clean: self._update_title())
        self.modes.currentChanged.connect(self._mode_changed)
        self._mode_changed(self.modes.currentIndex())

    def _ask_printer(self, printer: QPrinter, what: str) -> bool:
        from briefing_app.gui import printing

        return printing.ask_with_dialog(self)(printer, what)

    def _mode_changed(self, index: int) -> None:
        if index == 1:
            shown = self.review.current_argument()  # built on first use
            if shown is not None:  # Details shows the argument the panel shows
                self.detail.show_source("argument", shown)
        self._activate_undo()

    def _activate_undo(self) -> None:
        """Undo and Redo act on what is shown: the deck in Slides, the library in Review."""
        from briefing_app.gui.commands import LIBRARY

        if self.modes.currentIndex() == 1:
            self.ops.activate(LIBRARY)
        else:
            self.ops.activate(self.deck_editor.current_deck_id())
        self._update_title()

    @property
    def review(self) -> ReviewView:
        """The review mode, built on first use."""
        if self._review is None:
            from briefing_app.gui.review.view import ReviewView

            self._review = ReviewView(self.store, self.ops, self.tasks, self._review_slot)
            self._review.restore_state(QSettings())
            self._review.argumentSelected.connect(self._review_selected)
            self._review.statusMessage.connect(self._status)
            self._review.marking_of = self._deck_marking
            self._review_layout.addWidget(self._review)
        return self._review

    def _update_title(self) -> None:
        """“Deck — Briefing”, with the platform's edited marker while there are edits."""
        deck = self.deck_editor.current_deck()
        self.setWindowTitle(f"{deck}[*] — Briefing" if deck else "Briefing[*]")
        self.setWindowModified(any(not st.isClean() for st in self.ops.stacks().values()))

    def _status(self, text: str) -> None:
        self.statusBar().showMessage(text, 5000)

    # --- behaviour ------------------------------------------------------------------

    def add_to_slide(self, refs: list[tuple[str, int]]) -> None:
        if not refs:
            self._status("Select an argument, quote, event or map in the library first.")
            return
        self.modes.setCurrentIndex(0)
        self.deck_editor.add_sources(refs)

    def delete_selection(self) -> None:
        if self.modes.currentIndex() == 1:
            self.review.delete_selected_user_argument()
        else:
            self.deck_editor.delete_selection()

    def print_document(self, what: str) -> None:
        """Print the deck ("pdf"), its handout or the review report: the system print
        dialog first, then the exported PDF's pages in the background, then the printer."""
        from briefing_app.domain.errors import BriefingError
        from briefing_app.gui import printing
        from briefing_app.gui.errors import report_unexpected
        from briefing_app.progress import Cancelled, Progress
        from briefing_app.render.export import export_deck

        editor = self.deck_editor
        name = editor.current_deck()
        if what != "review" and name is None:
            self._status("Open a deck to print it.")
            return
        editor.commit_pending_edits()
        title = "Review report" if what == "review" else str(name)
        printer = printing.new_printer(what, title)
        if not self.choose_printer(printer, printing.WHAT[what]):
            self._status("Printing cancelled.")
            return
        folder = Path(tempfile.mkdtemp(prefix="briefing-print-"))
        pdf, store = folder / "print.pdf", self.store

        def make_pdf(progress: Progress) -> Path:
            if what == "review":
                from briefing_app.render.review_report import export_review_report

                export_review_report(store, pdf, progress)
            else:
                export_deck(store, str(name), what, pdf, progress)
            return pdf

        def done(path: Path) -> None:
            try:
                pages = printing.print_pdf(path, printer)
            except OSError as exc:
                self._status(f"Nothing was printed: {str(exc).rstrip('.')}.")
                return
            finally:
                shutil.rmtree(folder, ignore_errors=True)
            where = printer.printerName() or printer.outputFileName()
            plural = "s" if pages != 1 else ""
            self._status(f"Printed {pages} page{plural} of {printing.WHAT[what]} on {where}.")

        def failed(exc: BaseException) -> None:
            shutil.rmtree(folder, ignore_errors=True)
            if isinstance(exc, Cancelled):
                self._status("Printing cancelled.")
            elif isinstance(exc, (BriefingError, OSError)):
                self._status(f"Nothing was printed: {str(exc).rstrip('.')}.")
            else:
                report_unexpected(exc, "preparing a print")
                self._status("Nothing was printed: an unexpected error occurred (see the log).")

        self.tasks.run(f"Preparing {printing.WHAT[what]} for printing", make_pdf, done, failed)

    def present(self, from_current: bool) -> None:
        """Start the slideshow (full screen; a presenter view when there are two screens)."""
        from briefing_app.gui.present.session import SlideShowSession

        editor = self.deck_editor
        editor.commit_pending_edits()
        preview = editor.preview
        if preview is None or not preview.laid_slides:
            self._status("Open a deck with slides to present it.")
            return
        current = editor.current_slide()
        start = current.first.number - 1 if from_current and current is not None else 0
        self.slideshow = SlideShowSession(preview.laid_slides, start, self)
        self.slideshow.ended.connect(self._slideshow_ended)
        where = "with the presenter view" if self.slideshow.presenter else "full screen"
        self._status(f"Presenting “{preview.record.name}” {where}; Esc ends the slideshow.")

    def _slideshow_ended(self, index: int) -> None:
        total = len(self.slideshow.presentation.slides)
        self._status(f"The slideshow ended at slide {index + 1} of {total}.")
        self.activateWindow()

    def edit_deck_properties(self) -> None:
        """Open Deck Properties for the deck shown (not blocking; OK applies, undoably)."""
        from briefing_app.gui.deck_properties import DeckPropertiesDialog
        from briefing_app.services import decks, templates

        name, deck_id = self.deck_editor.current_deck(), self.deck_editor.current_deck_id()
        if name is None or deck_id is None:
            self._status("Open or create a deck first.")
            return
        self.deck_editor.commit_pending_edits()
        dialog = DeckPropertiesDialog(
            decks.get_deck(self.store, name),
            decks.known_markings(self.store),
            self,
            [t.name for t in templates.list_templates(self.store)],
            templates.deck_template_name(self.store, name),
            self._store_template,
        )
        dialog.accepted.connect(lambda: self._apply_properties(deck_id, dialog.changes()))
        dialog.accepted.connect(lambda: self._apply_template(deck_id, dialog))
        dialog.finished.connect(dialog.deleteLater)
        self.properties_dialog = dialog
        dialog.open()

    def _store_template(self, path: Path) -> str | None:
        """Check and store a house template file (named after it, made unique); its name,
        or None when it was refused (the sentence is shown, nothing is stored)."""
        from briefing_app.services import templates

        taken = {t.name for t in templates.list_templates(self.store)}
        name, n = path.stem, 2
        while name in taken:  # a different file with the same name: keep both
            name, n = f"{path.stem} ({n})", n + 1
        record = self.ops.run(lambda: templates.add_template(self.store, path, name), self)
        if record is None:
            return None
        self._status(f"Stored the template {record.name!r}; OK makes this deck use it.")
        return record.name

    def _apply_template(self, deck_id: int, dialog: DeckPropertiesDialog) -> None:
        from briefing_app.services.commands import set_deck_template

        changed, template = dialog.template_change()
        if not changed:
            return
        if self.ops.push(set_deck_template(deck_id, template), self) is None:
            shown = f"the template {template!r}" if template else "our own template"
            self._status(f"The deck now exports in {shown} (Undo takes it back).")

    def _apply_properties(self, deck_id: int, changes: dict[str, str | None]) -> None:
        from briefing_app.services import decks
        from briefing_app.services.commands import edit_deck

        if not changes:
            self._status("The deck's properties were left as they were.")
            return
        if self.ops.push(edit_deck(deck_id, **changes), self) is not None:
            return  # the refusal is shown by the editor
        names = [decks.PROPERTY_LABELS[name] for name in changes]
        listed = ", ".join(names[:-1]) + (" and " if len(names) > 1 else "") + names[-1]
        self._status(f"Changed the deck's {listed} (Undo takes it back).")

    def save_now(self) -> None:
        self.deck_editor.commit_pending_edits()
        for stack in self.ops.stacks().values():
            stack.setClean()
        self._update_title()
        self.statusBar().showMessage("All changes are saved in the store.", 4000)

    def _library_picked(self, kind: str, source_id: int) -> None:
        """Details shows what was picked; in Review the panel follows, so the two never
        show different arguments."""
        self.detail.show_source(kind, source_id)
        in_review = kind == "argument" and self.modes.currentIndex() == 1
        if in_review and self.review.current_argument() != source_id:
            self.review.select_argument(source_id)

    def _show_related(self, kind: str, source_id: int) -> None:
        self._library_picked(kind, source_id)
        if kind == "argument":
            self.library.select_argument(source_id)

    def _review_selected(self, argument_id: int) -> None:
        self.detail.show_source("argument", argument_id)
        self.library.select_argument(argument_id)

    def open_initial_deck(self, name: str | None) -> None:
        """Open ``name``, else the last deck, else the default briefing (made if missing).

        A ``name`` that is not a deck raises NotFoundError naming the decks there are.
        """
        self.show_initial_deck(self.initial_deck(name))

    def initial_deck(self, name: str | None) -> str:
        """The deck ``open_initial_deck`` opens (the default briefing made if missing);
        the app asks before its first paint and opens it after."""
        from briefing_app.services import decks
        from briefing_app.store.errors import NotFoundError

        names = [deck for deck, _, _ in decks.list_decks(self.store)]
        if name is not None and name not in names:
            there = ", ".join(f"“{n}”" for n in names) or "none yet"
            raise NotFoundError(f"There is no deck named “{name}” (decks: {there}).")
        wanted = name or QSettings().value("deck/last", "", str)
        if wanted not in names:
            if names:
                wanted = names[0]
            else:
                self._create_default_deck()
                wanted = DEFAULT_DECK
        return wanted

    def show_initial_deck(self, wanted: str) -> None:
        """Open the deck ``wanted`` and show the thesis in the library."""
        from briefing_app.services import argument_map

        self.deck_editor.open_deck(wanted)
        self._show_deck_editor()
        roots = argument_map.children(self.store, None, 0, 1)
        if roots and roots[0].kind != "unlinked":
            self.library.select_argument(roots[0].id)  # the thesis, shown in full

    def tell_upgrade_notes(self, notes: list[str]) -> QMessageBox | None:
        """Say once, without blocking, what opening the store changed in it (an updated
        argument map, imported layers repaired or removed); None when nothing changed."""
        if not notes:
            return None
        box = QMessageBox(QMessageBox.Icon.Information, "The store was brought up to date",
                          "\n\n".join(notes), parent=self)  # fmt: skip
        box.setTextFormat(Qt.TextFormat.PlainText)  # store text, never markup
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.setModal(False)  # the app stays usable while it is read
        box.show()
        return box

    def _deck_marking(self) -> str:
        """The marking of the deck open in the editor ("" when none is open)."""
        preview = self.deck_editor.preview
        return (preview.record.marking or "") if preview is not None else ""

    def _create_default_deck(self) -> None:
        """The generated default briefing and its long version (the full read-ahead), or
        an empty deck on a store without the essay."""
        from briefing_app.deck.outline import DEFAULT_OUTLINE, FULL_OUTLINE, build_from_outline
        from briefing_app.services import decks
        from briefing_app.store.errors import NotFoundError

        def create() -> decks.DeckRecord:
            try:
                deck = build_from_outline(self.store, DEFAULT_OUTLINE, DEFAULT_DECK)
            except NotFoundError:
                return decks.create_deck(self.store, DEFAULT_DECK)
            build_from_outline(self.store, FULL_OUTLINE, FULL_DECK)
            return deck

        self.ops.run(create, self)

    def show_shortcuts(self) -> None:
        from briefing_app.gui.help import ShortcutsDialog

        self.shortcuts_dialog = ShortcutsDialog(self._all_actions(), self)
        self.shortcuts_dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.shortcuts_dialog.open()

    def show_guide(self) -> None:
        from briefing_app.gui.help import GuideDialog

        self.guide_dialog = GuideDialog(self)
        self.guide_dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.guide_dialog.open()

    def _all_actions(self) -> list[QAction]:
        return [*self.actions_by_id.values(), self.undo_action, self.redo_action]

    def show_about(self) -> None:
        from briefing_app.errorlog import log_file
        from briefing_app.gui.help import about_html
        from briefing_app.paths import app_version
        from briefing_app.services import library

        docs = library.documents(self.store)
        essay = docs[0].attribution if docs and docs[0].attribution else ""
        box = QMessageBox(QMessageBox.Icon.Information, "About Briefing", "", parent=self)
        box.setObjectName("aboutBox")
        box.setText(about_html(app_version(), self.store.display_location, essay, str(log_file())))
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.about_box = box
        box.open()

    # --- persistence ----------------------------------------------------------------

    def restore_settings(self, *, open_deck: bool = True) -> None:
        """Geometry, panes and mode as saved; ``open_deck``: also the last deck (the app
        opens it after the window's first paint instead)."""
        settings = QSettings()
        geometry = settings.value("window/geometry")
        screen = self.screen().availableGeometry()
        saved_on = settings.value("window/screen")
        if geometry is not None and saved_on == [screen.width(), screen.height()]:
            self.restoreGeometry(geometry)
        if (
            geometry is None
            or not screen.contains(self.frameGeometry())
            or (saved_on != [screen.width(), screen.height()])
        ):  # saved on another screen (or never): sized to this one instead
            self.resize(min(DEFAULT_SIZE[0], round(screen.width() * 0.94)),
                        min(DEFAULT_SIZE[1], round(screen.height() * 0.94)))  # fmt: skip
            self.move(screen.center() - self.rect().center())
        state = settings.value("window/state")
        if state is not None:
            self.restoreState(state)
        splitter = settings.value("window/splitter")
        if (
            splitter is not None
            and geometry is not None
            and saved_on == [screen.width(), screen.height()]
        ):
            shown = bool(settings.value("window/details", True, bool))
            self._details_pane().setVisible(shown)
            self.actions_by_id["show_details"].setChecked(shown)
            self.splitter.restoreState(splitter)
        else:
            self.fit_panes()
        mode = settings.value("window/mode", 0, int)
        self.modes.setCurrentIndex(mode if isinstance(mode, int) else 0)
        if self.is_loaded:  # else attach_store restores the editor's panes
            self.deck_editor.restore_state(settings, open_last=open_deck)

    def fit_panes(self) -> None:
        """Share the window's width out: the library as wide as its tabs, Details beside
        the slides when there is room for both, else folded away (View › Details)."""
        width = self.width()
        pane = self.splitter.widget(0)
        tabs = pane.tabs_width() if isinstance(pane, LoadingLibrary) else self.library.tabs_width()
        library = max(tabs, min(420, round(width * 0.25)))
        details = min(340, round(width * 0.2)) if width >= NARROW_WINDOW else 0
        self._details_pane().setVisible(details > 0)
        self.actions_by_id["show_details"].setChecked(details > 0)
        self.splitter.setSizes([library, width - library - details, details])

    def _details_pane(self) -> QWidget:
        """Details, or the pane standing in for it while the store loads."""
        pane = self.splitter.widget(2)
        assert pane is not None
        return pane

    def show_details(self, shown: bool) -> None:
        self._details_pane().setVisible(shown)
        if shown and self.splitter.sizes()[2] < 120:
            sizes = self.splitter.sizes()
            room = min(300, max(180, sizes[1] // 3))
            self.splitter.setSizes([sizes[0], sizes[1] - room, room])

    def save_settings(self) -> None:
        settings = QSettings()
        settings.setValue("window/geometry", self.saveGeometry())
        screen = self.screen().availableGeometry()
        settings.setValue("window/screen", [screen.width(), screen.height()])
        settings.setValue("window/state", self.saveState())
        settings.setValue("window/splitter", self.splitter.saveState())
        settings.setValue("window/details", self.actions_by_id["show_details"].isChecked())
        settings.setValue("window/mode", self.modes.currentIndex())
        if not self.is_loaded:  # closed while loading: the deck's settings stay as they were
            settings.sync()
            return
        self.deck_editor.save_state(settings)
        if self._review is not None:
            self._review.save_state(settings)
        settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.is_loaded:
            self.deck_editor.commit_pending_edits()
        self.save_settings()
        super().closeEvent(event)
        QApplication.processEvents()
