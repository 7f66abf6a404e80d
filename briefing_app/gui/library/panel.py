"""The library side panel: search-as-you-type over the store, then tabs of sources.

The Arguments tab shows the argument map as a lazily loaded tree (a flat list while a
filter is set); the other tabs load on first show. Items drag onto slides as
``application/x-briefing-sources``; "Add to Slide" asks the main window to add them.
"""

from __future__ import annotations

from itertools import pairwise

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QMenu,
    QSplitter,
    QTabWidget,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from briefing_app.domain.vocabulary import review_status
from briefing_app.gui.events import StoreEvents
from briefing_app.gui.library import tabs
from briefing_app.gui.library.delegates import SearchHitDelegate
from briefing_app.gui.library.models import (
    BATCH,
    ArgumentTreeModel,
    IdRole,
    KindRole,
    RecordTableModel,
    Ref,
    SearchResultsModel,
)
from briefing_app.gui.loading import (
    LIBRARY_MARGIN,
    LIBRARY_SEARCH_PLACEHOLDER,
    LIBRARY_TAB_STYLE,
    TAB_TITLES,
)
from briefing_app.services import argument_map, search
from briefing_app.services.argument_map import UNLINKED_ID, ArgumentFilter
from briefing_app.services.arguments import perspectives
from briefing_app.store.changes import Changes
from briefing_app.store.errors import StoreError
from briefing_app.store.store import Store

SEARCH_DELAY_MS = 150
SEARCH_LIMIT = 50
MAX_QUERY_CHARS = 200  # longer input is cut before it reaches the index
FILTERS = (
    ("kind", "All kinds", "Filter arguments by kind"),
    ("perspective", "All perspectives", "Filter arguments by perspective"),
    ("tag", "All tags", "Filter arguments by tag"),
    ("status", "Any review status", "Filter arguments by review status"),
)


class LibraryPanel(QWidget):
    """Search field, results list and source tabs; exposes what the main window wires."""

    sourceActivated = Signal(str, int)
    addToSlideRequested = Signal(object)

    def __init__(self, store: Store, events: StoreEvents, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.events = store, events
        self.setObjectName("libraryPanel")
        self.setAccessibleName("Library")
        self._quiet = False  # set while restoring state: no sourceActivated
        self._build_search()
        self._build_tabs()
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.setObjectName("librarySplitter")
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.results_box)
        splitter.addWidget(self.tabs)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        self.splitter = splitter
        layout = QVBoxLayout(self)
        layout.setContentsMargins(LIBRARY_MARGIN, LIBRARY_MARGIN, LIBRARY_MARGIN, LIBRARY_MARGIN)
        layout.setSpacing(6)
        layout.addWidget(self.search_field)
        layout.addWidget(splitter, 1)
        self._last_view: QAbstractItemView = self.tree
        self._tab_order()
        self._name_inner_buttons()
        events.changed.connect(self._store_changed)
        self.tree_model.fetchMore(QModelIndex())
        self._expand_theses()

    # --- construction -------------------------------------------------------------------

    def _build_search(self) -> None:
        field = QLineEdit(self)
        field.setObjectName("librarySearch")
        field.setAccessibleName("Search the library")
        field.setPlaceholderText(LIBRARY_SEARCH_PLACEHOLDER)
        field.setClearButtonEnabled(True)
        field.textChanged.connect(self._schedule_search)
        field.returnPressed.connect(self._search_return)
        field.installEventFilter(self)
        self.search_field = field
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.flush_search)

        self.results_box = QWidget(self)
        self.results_box.setObjectName("searchResultsBox")
        box = QVBoxLayout(self.results_box)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        self.results_label = QLabel(self.results_box)
        self.results_label.setObjectName("searchResultsCount")
        self.results_label.setAccessibleName("Search result count")
        self.results_model = SearchResultsModel(self)
        view = QListView(self.results_box)
        view.setObjectName("searchResults")
        view.setAccessibleName("Search results")
        view.setModel(self.results_model)
        view.setItemDelegate(SearchHitDelegate(view))
        view.setResizeMode(QListView.ResizeMode.Adjust)
        view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        view.setDragEnabled(True)
        view.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        view.activated.connect(self._activate_hit)
        view.doubleClicked.connect(self._activate_hit)
        view.customContextMenuRequested.connect(lambda pos: self._context_menu(view, pos))
        view.selectionModel().currentChanged.connect(self._current_changed)
        view.installEventFilter(self)
        self.results_view = view
        box.addWidget(self.results_label)
        box.addWidget(view, 1)
        self.results_box.hide()

    def _build_tabs(self) -> None:
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("libraryTabs")
        self.tabs.setAccessibleName("Library sources")
        self.tabs.setDocumentMode(True)
        self.tabs.setUsesScrollButtons(True)
        bar = self.tabs.tabBar()
        bar.setExpanding(False)
        bar.setElideMode(Qt.TextElideMode.ElideNone)
        bar.setStyleSheet(LIBRARY_TAB_STYLE)

        page = QWidget(self.tabs)
        page.setObjectName("argumentsPage")
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.setSpacing(4)
        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(4)
        grid.setVerticalSpacing(4)
        self.filter_combos: dict[str, QComboBox] = {}
        for n, (key, everything, accessible) in enumerate(FILTERS):
            combo = QComboBox(page)
            combo.setObjectName(f"filter_{key}")
            combo.setAccessibleName(accessible)
            combo.view().setAccessibleName(f"{accessible}: choices")
            combo.setToolTip(accessible)
            combo.addItem(everything, None)
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(8)
            combo.currentIndexChanged.connect(self._filters_changed)
            grid.addWidget(combo, n // 2, n % 2)
            self.filter_combos[key] = combo
        self.filter_row = QWidget(page)
        self.filter_row.setObjectName("filterRow")
        row = QHBoxLayout(self.filter_row)
        row.setContentsMargins(2, 0, 0, 0)
        self.filter_label = QLabel(self.filter_row)
        self.filter_label.setObjectName("filterCount")
        self.filter_label.setAccessibleName("Matching arguments")
        self.clear_filters_button = QToolButton(self.filter_row)
        self.clear_filters_button.setObjectName("clearFilters")
        self.clear_filters_button.setText("Clear filters")
        self.clear_filters_button.setAccessibleName("Clear argument filters")
        self.clear_filters_button.setToolTip("Show the whole argument map again")
        self.clear_filters_button.clicked.connect(self.clear_filters)
        self.clear_filters_button.setAutoRaise(True)
        row.addWidget(self.filter_label, 1)
        row.addWidget(self.clear_filters_button)
        self.filter_row.hide()
        layout.addLayout(grid)
        layout.addWidget(self.filter_row)

        self.tree_model = ArgumentTreeModel(self.store, self)
        self.tree = tabs.make_view("argumentTree", "Argument map", page)
        self.tree.setModel(self.tree_model)
        self.tree.setIndentation(16)
        tabs.size_columns(self.tree, tabs.COLUMN_SAMPLES["argument"])
        self._wire_view(self.tree)
        layout.addWidget(self.tree, 1)
        self.tabs.addTab(page, TAB_TITLES["argument"])
        self._populate_filters()

        self.record_models: dict[str, RecordTableModel] = tabs.record_models(self.store, self)
        self.record_views: dict[str, QTreeView] = {}
        for kind, model in self.record_models.items():
            title = TAB_TITLES[kind]
            view = tabs.make_view(f"{kind}List", title, self.tabs)
            view.setRootIsDecorated(False)
            view.setModel(model)
            tabs.size_columns(view, tabs.column_samples(kind, view.model()))
            self._wire_view(view)
            self.record_views[kind] = view
            self.tabs.addTab(view, title)
        self.tabs.currentChanged.connect(self._tab_changed)

    def _wire_view(self, view: QTreeView) -> None:
        view.selectionModel().currentChanged.connect(self._current_changed)
        view.activated.connect(self._current_changed)
        view.customContextMenuRequested.connect(lambda pos: self._context_menu(view, pos))
        view.installEventFilter(self)

    def _tab_order(self) -> None:
        chain: list[QWidget] = [self.search_field, self.results_view, self.tabs]
        chain += [*self.filter_combos.values(), self.clear_filters_button, self.tree]
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)

    def _name_inner_buttons(self) -> None:
        """Accessible names for the buttons Qt adds itself (clear search, scroll tabs)."""
        for button in self.search_field.findChildren(QToolButton):
            button.setAccessibleName("Clear search")
        arrows = self.tabs.tabBar().findChildren(QToolButton)
        for button, name in zip(arrows, ("Scroll tabs left", "Scroll tabs right"), strict=False):
            button.setAccessibleName(name)

    def _expand_theses(self) -> None:
        for row in range(self.tree_model.rowCount()):
            index = self.tree_model.index(row, 0)
            if index.data(IdRole) != UNLINKED_ID:
                self._expand(index)

    def _expand(self, index: QModelIndex) -> None:
        if self.tree_model.canFetchMore(index):
            self.tree_model.fetchMore(index)
        self.tree.expand(index)

    # --- public API ---------------------------------------------------------------------

    def tabs_width(self) -> int:
        """The width that shows every tab's title without scroll arrows (the window's
        default layout gives the library this much; a user may drag it narrower)."""
        self.tabs.tabBar().ensurePolished()
        layout = self.layout()
        outer = layout.contentsMargins() if layout is not None else self.contentsMargins()
        margins = outer.left() + outer.right() + 4
        return self.tabs.tabBar().sizeHint().width() + margins

    def focus_search(self) -> None:
        """Put the cursor in the search field with its text selected (Ctrl+F)."""
        self.search_field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_field.selectAll()

    def selected_sources(self) -> list[Ref]:
        """The (kind, id) refs selected in the list used last, top to bottom."""
        view = self._last_view
        model = view.model()
        indexes = view.selectionModel().selectedRows()
        if not indexes and view.currentIndex().isValid():
            indexes = [view.currentIndex()]
        return model.refs(indexes) if hasattr(model, "refs") else []

    def select_argument(self, argument_id: int) -> bool:
        """Show the Arguments tab with ``argument_id`` expanded into view and selected."""
        self.tabs.setCurrentIndex(0)
        model = self.tree_model
        try:
            if model.filter.active:
                row = argument_map.filtered_row(self.store, model.filter, argument_id)
                if row is None:
                    self.clear_filters()
                else:
                    return self._select_tree_index(QModelIndex(), row, argument_id)
            path = argument_map.tree_path(self.store, argument_id)
            parent_index, parent_id = QModelIndex(), None
            for node_id in path:
                row = model.loaded_row(parent_index, node_id)  # a top-level row, say
                if row is None:
                    parent_index, row = self._locate(parent_index, parent_id, node_id)
                if node_id == argument_id:
                    return self._select_tree_index(parent_index, row, argument_id)
                if not model.ensure_row(parent_index, row):
                    return False
                index = model.index(row, 0, parent_index)
                self._expand(index)
                parent_index, parent_id = index, node_id
        except StoreError:
            return False
        return False

    def select_source(self, kind: str, source_id: int) -> bool:
        """Select any source in its tab (arguments in the tree)."""
        if kind == "argument":
            return self.select_argument(source_id)
        model, view = self.record_models.get(kind), self.record_views.get(kind)
        if model is None or view is None:
            return False
        self.tabs.setCurrentWidget(view)
        row = model.row_of(source_id)
        if row is None:
            return False
        index = model.index(row, 0)
        view.setCurrentIndex(index)
        view.scrollTo(index)
        return True

    def refresh(self) -> None:
        """Re-read everything after the store changed, keeping expansion and selection."""
        tree, model = self.tree, self.tree_model
        expanded = [i for i in model.loaded_ids() if tree.isExpanded(model.index_of(i))]
        current = tree.currentIndex()
        current_id = current.data(IdRole) if current.isValid() else None
        self._quiet = True
        try:
            self._populate_filters()
            model.reload()
            for argument_id in expanded:
                index = model.index_of(argument_id)
                if index.isValid():
                    self._expand(index)
            if current_id not in (None, UNLINKED_ID):
                self.select_argument(current_id)
            for kind, record_model in self.record_models.items():
                if record_model.loaded:
                    self._reload_records(kind)
            if self.search_field.text().strip():
                self.flush_search()
        finally:
            self._quiet = False
        self._update_filter_label()

    def clear_filters(self) -> None:
        for combo in self.filter_combos.values():
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        self._filters_changed()

    def flush_search(self) -> None:
        """Run the pending search now (the field searches ~150 ms after typing stops)."""
        self._search_timer.stop()
        query = self.search_field.text()[:MAX_QUERY_CHARS]
        if not query.strip():
            self.results_model.set_hits([])
            self.results_box.hide()
            return
        try:
            hits = search.search(self.store, query, limit=SEARCH_LIMIT)
            message = None
        except StoreError as exc:
            hits, message = [], f"Search is unavailable: {exc}"
        self.results_model.set_hits(hits)
        if message:
            self.results_label.setText(message)
        elif not hits:
            self.results_label.setText(f"No matches for “{query.strip()[:60]}”")
        else:
            more = "+" if len(hits) >= SEARCH_LIMIT else ""
            noun = "match" if len(hits) == 1 else "matches"
            self.results_label.setText(f"{len(hits)}{more} {noun} · Enter opens the first")
        self.results_box.show()

    # --- search -------------------------------------------------------------------------

    def _schedule_search(self, _text: str = "") -> None:
        self._search_timer.start()

    def _search_return(self) -> None:
        self.flush_search()
        view = self.results_view
        index = view.currentIndex()
        if not index.isValid() and self.results_model.rowCount():
            index = self.results_model.index(0)
            view.setCurrentIndex(index)
        if index.isValid():
            self._activate_hit(index)

    def _activate_hit(self, index: QModelIndex) -> None:
        kind, hit_id = index.data(KindRole), index.data(IdRole)
        if kind is None:
            return
        self._quiet = True
        try:
            self.select_source(kind, hit_id)
        finally:
            self._quiet = False
        self.sourceActivated.emit(kind, int(hit_id))

    # --- filters ------------------------------------------------------------------------

    def _populate_filters(self) -> None:
        values = argument_map.filter_values(self.store)
        names = {p.key: p.name for p in perspectives(self.store)}  # the map's order
        shown = [k for k in names if k in values.perspectives]
        shown += [k for k in values.perspectives if k not in names]
        options = {
            "kind": [(k.capitalize(), k) for k in values.kinds],
            "perspective": [(names.get(p, p), p) for p in shown],
            "tag": [(t, t) for t in values.tags],
            "status": [(review_status(s).label, s) for s in values.statuses],
        }  # fmt: skip
        for key, combo in self.filter_combos.items():
            chosen = combo.currentData()
            combo.blockSignals(True)
            while combo.count() > 1:
                combo.removeItem(1)
            for text, value in options[key]:
                combo.addItem(text, value)
            at = combo.findData(chosen) if chosen is not None else 0
            combo.setCurrentIndex(max(at, 0))
            combo.blockSignals(False)

    def current_filter(self) -> ArgumentFilter:
        return ArgumentFilter(**{k: c.currentData() for k, c in self.filter_combos.items()})

    def _filters_changed(self, _index: int = 0) -> None:
        flt = self.current_filter()
        self.tree_model.set_filter(flt)
        self.tree.setRootIsDecorated(not flt.active)
        if not flt.active:
            self._expand_theses()
        self._update_filter_label()

    def _update_filter_label(self) -> None:
        flt = self.tree_model.filter
        self.filter_row.setVisible(flt.active)
        if flt.active:
            count = argument_map.filtered_count(self.store, flt)
            self.filter_label.setText(f"{count} matching argument{'s' if count != 1 else ''}")

    # --- selection, menus, keys ---------------------------------------------------------

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex | None = None) -> None:
        if self._quiet or not current.isValid():
            return
        kind, source_id = current.data(KindRole), current.data(IdRole)
        if kind in (None, "group"):
            return
        self.sourceActivated.emit(kind, int(source_id))

    def _locate(
        self, parent: QModelIndex, parent_id: int | None, node_id: int
    ) -> tuple[QModelIndex, int]:
        """The tree's parent and row for the child ``node_id`` of ``parent``, opening the
        range of a long group that holds it."""
        inner, row = self.tree_model.locate(parent, parent_id, node_id)
        if inner != parent:
            self._expand(inner)
        return inner, row

    def _select_tree_index(self, parent: QModelIndex, row: int, argument_id: int) -> bool:
        if not self.tree_model.ensure_row(parent, row):
            return False
        self.tree_model.place(parent, row, argument_id)
        index = self.tree_model.index(row, 0, parent)
        if index.data(IdRole) != argument_id:
            return False
        self.tree.setCurrentIndex(index)
        self.tree.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)
        self._last_view = self.tree
        return True

    def _context_menu(self, view: QAbstractItemView, pos: QPoint) -> None:
        self._last_view = view
        refs = self.selected_sources()
        menu = QMenu(view)
        add = menu.addAction("Add to Slide")
        add.setEnabled(bool(refs))
        add.triggered.connect(lambda: self.addToSlideRequested.emit(refs))
        index = view.indexAt(pos)
        if index.isValid() and view is not self.results_view:
            show = menu.addAction("Show Details")
            show.triggered.connect(lambda: self._current_changed(index))
        menu.popup(view.viewport().mapToGlobal(pos))

    def _tab_changed(self, index: int) -> None:
        widget = self.tabs.widget(index)
        for kind, view in self.record_views.items():
            if view is widget:
                self.record_models[kind].ensure_loaded()
                self._last_view = view

    def _reload_records(self, kind: str) -> None:
        view, model = self.record_views[kind], self.record_models[kind]
        current = view.currentIndex().data(IdRole)
        model.load()
        row = model.row_of(current) if current is not None else None
        if row is not None:
            view.setCurrentIndex(model.index(row, 0))

    def _store_changed(self, changes: Changes, _origin: object) -> None:
        """Re-read after arguments changed; after reviews only, just their statuses."""
        if changes.maps and "map" in self.record_models:
            self._reload_records("map")
        if changes.corrections and self.record_models["event"].loaded:
            self._reload_records("event")  # a corrected date moves an event
        if changes.arguments:
            self.refresh()
        elif changes.reviews:
            self._populate_filters()
            if self.tree_model.filter.status:
                self.refresh()
            else:
                statuses = argument_map.statuses(self.store, sorted(changes.reviews))
                self.tree_model.update_statuses(statuses)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusIn and isinstance(watched, QAbstractItemView):
            self._last_view = watched
        if isinstance(event, QKeyEvent) and watched is self.search_field:
            key = event.key()
            if key == Qt.Key.Key_Down and self.results_model.rowCount():
                self.flush_search()
                view = self.results_view
                if not view.currentIndex().isValid():
                    view.setCurrentIndex(self.results_model.index(0))
                view.setFocus(Qt.FocusReason.OtherFocusReason)
                return True
            if key == Qt.Key.Key_Escape and self.search_field.text():
                self.search_field.clear()
                return True
        return super().eventFilter(watched, event)


__all__ = ["BATCH", "LibraryPanel"]
