"""Qt item models for the library: the lazy argument tree, record tables, search hits.

Models call service functions only; they never open a session. The argument tree loads
children on demand in batches (``canFetchMore``/``fetchMore``), so a store with 100,000
arguments opens as fast as the bundled one.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractListModel,
    QAbstractTableModel,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
)
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPixmap

from briefing_app.domain.vocabulary import (
    ARGUMENT_KIND_COLOURS,
    RELATION_LABELS,
    SOURCE_KINDS,
    review_status,
)
from briefing_app.gui.mime import SOURCES_MIME, encode_sources
from briefing_app.services import argument_map
from briefing_app.services.argument_map import UNLINKED_ID, ArgumentFilter, TreeNode
from briefing_app.services.search import SearchHit
from briefing_app.store.store import Store

BATCH = 200
# A longer "Unlinked" group shows its arguments in ranges of this many ("Arguments 1–1,000"
# …): a tree view lays out every row of an expanded branch, so one flat branch of 100,000
# rows would make each selection or expansion walk all of them.
RANGE = 250
KindRole = Qt.ItemDataRole.UserRole + 1
IdRole = Qt.ItemDataRole.UserRole + 2
RecordRole = Qt.ItemDataRole.UserRole + 3
StatusRole = Qt.ItemDataRole.UserRole + 4

AnyIndex = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()  # the invalid index: default "parent" argument

KIND_COLORS = {**ARGUMENT_KIND_COLOURS, "unlinked": "#757575"}
_PLAIN = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_DRAGGABLE = _PLAIN | Qt.ItemFlag.ItemIsDragEnabled
_NONE = Qt.ItemFlag.NoItemFlags
_Role = Qt.ItemDataRole
_DISPLAY, _ACCESSIBLE, _DECORATION, _ALIGNMENT, _FOREGROUND, _FONT, _TOOLTIP = (
    int(role)
    for role in (_Role.DisplayRole, _Role.AccessibleTextRole, _Role.DecorationRole,
                 _Role.TextAlignmentRole, _Role.ForegroundRole, _Role.FontRole,
                 _Role.ToolTipRole)
)  # fmt: skip
# The roles the argument tree answers; it says nothing for the others (size hints, …).
_TREE_ROLES = frozenset(
    {_DISPLAY, _ACCESSIBLE, _DECORATION, _ALIGNMENT, _FOREGROUND, _FONT, _TOOLTIP,
     int(StatusRole), int(KindRole), int(IdRole), int(RecordRole)}
)  # fmt: skip
_CENTRED = Qt.AlignmentFlag.AlignCenter

Ref = tuple[str, int]


def dot_icon(color: str, size: int = 10) -> QIcon:
    """A small filled circle, used as a status marker."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(color))
    painter.drawEllipse(1, 1, size - 2, size - 2)
    painter.end()
    return QIcon(pixmap)


_icons: dict[str, QIcon] = {}


_kind_colours: dict[str, QColor] = {}


def _kind_colour(kind: str) -> QColor:
    colour = _kind_colours.get(kind)
    if colour is None:
        colour = _kind_colours[kind] = QColor(KIND_COLORS.get(kind, "#455a64"))
    return colour


def status_icon(status: str) -> QIcon:
    if status not in _icons:
        _icons[status] = dot_icon(review_status(status).colour)
    return _icons[status]


def refs_mime(refs: Sequence[Ref], text: str = "") -> QMimeData | None:
    """Drag payload for the draggable refs among ``refs`` (None when there are none)."""
    refs = [ref for ref in dict.fromkeys(refs) if ref[0] in SOURCE_KINDS]
    return encode_sources(refs, text) if refs else None


# --- the argument tree --------------------------------------------------------------------


class _Node:
    """A row of the tree; the invisible root has ``item`` None.

    A row far below the loaded ones (selecting an argument deep in a long list) starts as a
    placeholder whose item is read, with its page of neighbours, when first asked for, so
    the rows above it are not all read.
    """

    __slots__ = (
        "_item", "children", "exhausted", "model", "parent", "row", "span", "starts", "total",
    )  # fmt: skip

    def __init__(
        self,
        item: TreeNode | None,
        parent: _Node | None,
        row: int,
        model: ArgumentTreeModel | None = None,
    ) -> None:
        self._item, self.parent, self.row, self.model = item, parent, row, model
        self.children: list[_Node] = []
        self.exhausted = False
        self.span: tuple[int, int] | None = None  # a range row: its rows of "Unlinked"
        self.total: int | None = None  # a group shown in ranges: how many rows it has
        self.starts: list[int] = []  # … and the id of each range's first argument

    @property
    def item(self) -> TreeNode | None:
        if self._item is None and self.parent is not None and self.model is not None:
            self.model.load_page(self.parent, self.row)
        return self._item

    @item.setter
    def item(self, item: TreeNode) -> None:
        self._item = item

    @property
    def id(self) -> int | None:
        item = self.item
        return None if item is None else item.id

    @property
    def has_children(self) -> bool:
        if self.parent is None:
            return True  # the root: the top level
        item = self.item
        return item is not None and item.has_children


class ArgumentTreeModel(QAbstractItemModel):
    """The argument map as a tree (or, with a filter, a flat list), fetched in batches."""

    HEADERS = ("Argument", "Kind", "Review")
    STATUS_COLUMN = 2

    def __init__(self, store: Store, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.batch = BATCH
        self.filter = ArgumentFilter()
        self._root = _Node(None, None, 0)
        self._by_id: dict[int, _Node] = {}
        self._group_font = QFont()
        self._group_font.setItalic(True)

    # structure
    def _node(self, index: AnyIndex) -> _Node:
        return index.internalPointer() if index.isValid() else self._root

    def index(self, row: int, column: int, parent: AnyIndex = ROOT) -> QModelIndex:
        node = self._node(parent)
        if 0 <= row < len(node.children) and 0 <= column < len(self.HEADERS):
            return self.createIndex(row, column, node.children[row])
        return QModelIndex()

    def parent(self, index: AnyIndex = ROOT) -> QModelIndex:  # type: ignore[override]
        if not index.isValid():
            return QModelIndex()
        up = index.internalPointer().parent
        if up is None or up is self._root:
            return QModelIndex()
        return self.createIndex(up.row, 0, up)

    def rowCount(self, parent: AnyIndex = ROOT) -> int:
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self._node(parent).children)

    def columnCount(self, parent: AnyIndex = ROOT) -> int:
        return len(self.HEADERS)

    def hasChildren(self, parent: AnyIndex = ROOT) -> bool:
        if not parent.isValid():
            return True
        if parent.column() != 0:
            return False
        node = parent.internalPointer()
        if node._item is None:  # a placeholder: known once its page is read (see load_page)
            return False
        return node.has_children and (bool(node.children) or not node.exhausted)

    def canFetchMore(self, parent: AnyIndex) -> bool:
        node = self._node(parent)
        return node.has_children and not node.exhausted

    def fetchMore(self, parent: AnyIndex) -> None:
        self._fetch(parent, self.batch)

    def _fetch(self, parent: AnyIndex, limit: int) -> None:
        node = self._node(parent)
        if node.exhausted or not node.has_children:
            return
        offset = len(node.children)
        if node.span is not None:  # a range: all its rows at once, each read when shown
            self.beginInsertRows(parent, offset, node.span[1] - node.span[0] - 1)
            size = node.span[1] - node.span[0]
            node.children.extend(_Node(None, node, n, self) for n in range(offset, size))
            node.exhausted = True
            self.endInsertRows()
            return
        items = self._load(node, offset, limit)
        if len(items) < limit:
            node.exhausted = True
        if not items:
            return
        self.beginInsertRows(parent, offset, offset + len(items) - 1)
        for n, item in enumerate(items, start=offset):
            child = _Node(item, node, n)
            if node.total is not None:
                child.span = (n * RANGE, min((n + 1) * RANGE, node.total))
            node.children.append(child)
            self._by_id.setdefault(item.id, child)
        self.endInsertRows()

    def _load(self, node: _Node, offset: int, limit: int) -> list[TreeNode]:
        if self.filter.active:
            if node.item is not None:
                return []
            return argument_map.filtered_arguments(self.store, self.filter, offset, limit)
        if node.span is not None:  # a range of "Unlinked"
            first = node.span[0] + offset
            limit = min(limit, node.span[1] - first)
            return argument_map.children(self.store, UNLINKED_ID, first, limit) if limit > 0 else []
        if node.id == UNLINKED_ID and node.parent is self._root:
            if offset == 0 or node.total is None:
                starts, count = argument_map.unlinked_runs(self.store, RANGE)
                if count > RANGE:
                    node.total, node.starts = count, starts
            if node.total is not None:
                count = node.total
                firsts = range(0, count, RANGE)[offset : offset + limit]
                return [_range_node(first, min(first + RANGE, count)) for first in firsts]
        return argument_map.children(self.store, node.id, offset, limit)

    def _count(self, node: _Node) -> int:
        if node.span is not None:
            return node.span[1] - node.span[0]
        if node.total is not None:  # a group shown in ranges: its rows are the ranges
            return -(-node.total // RANGE)
        return argument_map.child_count(self.store, node.id)

    def locate(
        self, parent: QModelIndex, parent_id: int | None, child_id: int
    ) -> tuple[QModelIndex, int]:
        """Where the child ``child_id`` of ``parent`` (the node ``parent_id``) is shown: the
        parent and its row, or, in a group shown in ranges, the range's index and the row
        within it (counted from the range's first argument, so an argument deep in a long
        group costs what one near its top does)."""
        node = self._node(parent)
        if node.total is None or not node.starts:
            return parent, argument_map.child_row(self.store, parent_id, child_id)
        n = max(0, bisect_right(node.starts, child_id) - 1)
        row = argument_map.child_row(self.store, parent_id, child_id, start=node.starts[n])
        if not self.ensure_row(parent, n):
            return parent, n * RANGE + row
        return self.index(n, 0, parent), row

    def ensure_row(self, parent: AnyIndex, row: int) -> bool:
        """Make ``row`` of ``parent`` a row of the model; False if it never is.

        A row within a batch of the loaded ones is fetched with them; one further down (an
        argument deep in "Unlinked") gets placeholder rows above it, read a page at a time
        when shown, so selecting it reads one page instead of every row above it.
        """
        node = self._node(parent)
        loaded = len(node.children)
        if row >= loaded + self.batch and not self.filter.active and self.canFetchMore(parent):
            count = self._count(node)
            if loaded <= row < count:
                self.beginInsertRows(parent, loaded, row)
                node.children.extend(_Node(None, node, n, self) for n in range(loaded, row + 1))
                self.endInsertRows()
                node.exhausted = row + 1 >= count
        while len(node.children) <= row and self.canFetchMore(parent):
            self._fetch(parent, max(self.batch, row + 1 - len(node.children)))
        return row < len(node.children)

    def _page(self, node: _Node, start: int) -> list[TreeNode]:
        """Children ``start`` … ``start + batch`` of ``node``; in a range of "Unlinked", read
        beside a loaded neighbour by id when there is one (OFFSET walks every row above)."""
        children, end = node.children, min(start + self.batch, len(node.children))
        if node.span is not None and not self.filter.active:
            before = children[start - 1]._item if start > 0 else None
            if before is not None:
                after = before.id + 1
                return argument_map.unlinked_beside(self.store, after, end - start, before=False)
            beyond = children[end]._item if end < len(children) else None
            if beyond is not None:
                first = beyond.id
                found = argument_map.unlinked_beside(self.store, first, end - start, before=True)
                return found if len(found) == end - start else self._load(node, start, end - start)
        return self._load(node, start, self.batch)

    def place(self, parent: QModelIndex, row: int, argument_id: int) -> None:
        """Read placeholder ``row`` of ``parent``, known to hold ``argument_id``, with its
        page, beside it by id (selecting an argument deep in a long group)."""
        node = self._node(parent)
        if node.span is None or self.filter.active or not 0 <= row < len(node.children):
            return
        start = row - row % self.batch
        end = min(start + self.batch, len(node.children))
        self._fill(node, row, argument_map.unlinked_beside(
            self.store, argument_id, end - row, before=False))  # fmt: skip
        above = argument_map.unlinked_beside(self.store, argument_id, row - start, before=True)
        self._fill(node, row - len(above), above)

    def load_page(self, node: _Node, row: int) -> None:
        """Read the page of ``node``'s children holding placeholder ``row``."""
        start = row - row % self.batch
        self._fill(node, start, self._page(node, start))

    def _fill(self, node: _Node, start: int, items: list[TreeNode]) -> None:
        branches = False
        for n, item in enumerate(items, start=start):
            if n < len(node.children) and node.children[n]._item is None:
                node.children[n].item = item
                self._by_id.setdefault(item.id, node.children[n])
                branches = branches or item.has_children
        if branches:  # the view took these rows for leaves; let it ask again, after painting
            QTimer.singleShot(0, self._relayout)

    def _relayout(self) -> None:
        self.layoutAboutToBeChanged.emit()
        self.layoutChanged.emit()

    # content
    def data(self, index: AnyIndex, role: int = _DISPLAY) -> Any:
        # The view asks every shown cell for several roles on each repaint: roles are
        # compared as plain ints and colours made once (see _TREE_ROLES).
        if role not in _TREE_ROLES or not index.isValid():
            return None
        item: TreeNode | None = index.internalPointer().item
        if item is None:  # a placeholder the store no longer has (a reload follows)
            return None
        column = index.column()
        if role in (_DISPLAY, _ACCESSIBLE):
            if item.id == UNLINKED_ID:  # the group, or one of its ranges
                return item.label if column == 0 else ""
            if column == 0:
                return item.label
            if column == 1:
                return item.kind.capitalize()
            if role == _DISPLAY:
                return ""  # the status shows as a coloured dot; its name is in the tooltip
            return review_status(item.review_status).label
        if role == _DECORATION:
            return status_icon(item.review_status) if column == 2 and not item.is_group else None
        if role == _ALIGNMENT:
            return _CENTRED if column == 2 else None
        if role == _FOREGROUND:
            return _kind_colour(item.kind) if column == 1 else None
        if role == _FONT:
            return self._group_font if item.is_group else None
        if role == _TOOLTIP:
            return self._tooltip(item)
        if role == StatusRole:
            return item.review_status
        if role == KindRole:
            return "group" if item.is_group else "argument"
        if role == IdRole:
            return item.id
        if role == RecordRole:
            return item
        return None

    @staticmethod
    def _tooltip(item: TreeNode) -> str:
        if item.is_group:
            return "Arguments not linked to the thesis (for example, ones you added)"
        status = review_status(item.review_status).label
        lines = [item.label, f"{item.kind.capitalize()} · {status}"]
        if item.relation:
            lines.append(f"{RELATION_LABELS.get(item.relation, item.relation)} its parent")
        return "\n".join(lines)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return _NONE
        # read without loading: the view asks every row, and a placeholder is an argument
        item = index.internalPointer()._item
        return _PLAIN if item is not None and item.id == UNLINKED_ID else _DRAGGABLE

    # drag and drop
    def mimeTypes(self) -> list[str]:
        return [SOURCES_MIME]

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.CopyAction

    @staticmethod
    def _items(indexes: Sequence[AnyIndex]) -> list[TreeNode]:
        """The arguments at ``indexes``, once each, top to bottom."""
        ordered = sorted((i for i in indexes if i.isValid()), key=_visual_key)
        found = (i.internalPointer().item for i in ordered)
        items = {item.id: item for item in found if item is not None}
        return [item for item in items.values() if not item.is_group]

    def refs(self, indexes: Sequence[AnyIndex]) -> list[Ref]:
        return [("argument", item.id) for item in self._items(indexes)]

    # Qt takes a null QMimeData as "nothing to drag"; PySide6's stub does not allow it.
    def mimeData(self, indexes: Sequence[AnyIndex]) -> QMimeData | None:  # type: ignore[override]
        items = self._items(indexes)
        return refs_mime([("argument", i.id) for i in items], "\n".join(i.label for i in items))

    # changes
    def set_filter(self, flt: ArgumentFilter) -> None:
        self.filter = flt
        self.reload()

    def reload(self) -> None:
        self.beginResetModel()
        self._root = _Node(None, None, 0)
        self._by_id.clear()
        self.endResetModel()
        self.fetchMore(QModelIndex())

    def loaded_row(self, parent: QModelIndex, node_id: int) -> int | None:
        """The row of ``node_id`` under ``parent`` if the model has read it, else None."""
        node = self._by_id.get(node_id)
        return node.row if node is not None and node.parent is self._node(parent) else None

    def index_of(self, argument_id: int) -> QModelIndex:
        node = self._by_id.get(argument_id)
        return self.createIndex(node.row, 0, node) if node else QModelIndex()

    def update_statuses(self, statuses: dict[int, str]) -> None:
        for argument_id, status in statuses.items():
            node = self._by_id.get(argument_id)
            if node is None or node.item is None or node.item.review_status == status:
                continue
            item = node.item
            node.item = TreeNode(item.id, item.label, item.kind, status, item.origin,
                                 item.has_children, item.relation)  # fmt: skip
            first = self.createIndex(node.row, 0, node)
            last = self.createIndex(node.row, len(self.HEADERS) - 1, node)
            self.dataChanged.emit(first, last)

    def loaded_ids(self) -> list[int]:
        return list(self._by_id)


def _range_node(first: int, stop: int) -> TreeNode:
    """A row grouping rows ``first`` to ``stop`` of "Unlinked" (a group, not an argument)."""
    return TreeNode(UNLINKED_ID, f"Arguments {first + 1:,}–{stop:,}", "unlinked", "", "", True)


def _visual_key(index: AnyIndex) -> tuple[int, ...]:
    """Sort key putting indexes in top-to-bottom tree order."""
    path: list[int] = []
    while index.isValid():
        path.append(index.row())
        index = index.parent()
    return tuple(reversed(path))


# --- record tables (quotes, footnotes, actors, events, maps) ------------------------------


@dataclass(frozen=True)
class Column:
    header: str
    value: Callable[[Any], str]


class RecordTableModel(QAbstractTableModel):
    """Records loaded by ``loader`` (on first use), shown in ``columns``.

    ``source_kind`` names the drag kind; None makes the rows not draggable (actors).
    """

    def __init__(
        self,
        kind: str,
        loader: Callable[[], list[Any]],
        columns: Sequence[Column],
        tooltip: Callable[[Any], str] | None = None,
        source_kind: str | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.kind, self.loader, self.columns = kind, loader, list(columns)
        self.tooltip, self.source_kind = tooltip, source_kind
        self.records: list[Any] = []
        self.loaded = False

    def load(self) -> None:
        self.beginResetModel()
        self.records = list(self.loader())
        self.loaded = True
        self.endResetModel()

    def ensure_loaded(self) -> None:
        if not self.loaded:
            self.load()

    def row_of(self, record_id: int) -> int | None:
        self.ensure_loaded()
        for row, record in enumerate(self.records):
            if record.id == record_id:
                return row
        return None

    def rowCount(self, parent: AnyIndex = ROOT) -> int:
        return 0 if parent.isValid() else len(self.records)

    def columnCount(self, parent: AnyIndex = ROOT) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        record = self.records[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return " ".join(self.columns[index.column()].value(record).split())
        if role == Qt.ItemDataRole.ToolTipRole and self.tooltip is not None:
            return self.tooltip(record)
        if role == KindRole:
            return self.kind
        if role == IdRole:
            return record.id
        if role == RecordRole:
            return record
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.columns[section].header
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return _NONE
        return _DRAGGABLE if self.source_kind else _PLAIN

    def mimeTypes(self) -> list[str]:
        return [SOURCES_MIME]

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.CopyAction

    def refs(self, indexes: Sequence[AnyIndex]) -> list[Ref]:
        if not self.source_kind:
            return []
        rows = sorted({i.row() for i in indexes if i.isValid()})
        return [(self.source_kind, self.records[r].id) for r in rows]

    # Qt takes a null QMimeData as "nothing to drag"; PySide6's stub does not allow it.
    def mimeData(self, indexes: Sequence[AnyIndex]) -> QMimeData | None:  # type: ignore[override]
        rows = sorted({i.row() for i in indexes if i.isValid()})
        text = "\n".join(self.columns[-1].value(self.records[r]) for r in rows)
        return refs_mime(self.refs(indexes), text)


# --- search results -----------------------------------------------------------------------

KIND_TITLES = {
    "paragraph": "Essay",
    "footnote": "Footnote",
    "argument": "Argument",
    "quote": "Quote",
    "actor": "Actor",
    "event": "Event",
}


class SearchResultsModel(QAbstractListModel):
    """Search hits, best first; the delegate draws the snippet with matches in bold."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.hits: list[SearchHit] = []

    def set_hits(self, hits: list[SearchHit]) -> None:
        self.beginResetModel()
        self.hits = list(hits)
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = ROOT) -> int:
        return 0 if parent.isValid() else len(self.hits)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        hit = self.hits[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{KIND_TITLES.get(hit.kind, hit.kind)}: {hit.title}"
        if role in (Qt.ItemDataRole.AccessibleTextRole, Qt.ItemDataRole.ToolTipRole):
            return f"{KIND_TITLES.get(hit.kind, hit.kind)}: {hit.title}. {hit.snippet}"
        if role == KindRole:
            return hit.kind
        if role == IdRole:
            return hit.id
        if role == RecordRole:
            return hit
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return _NONE
        return _DRAGGABLE if self.hits[index.row()].kind in SOURCE_KINDS else _PLAIN

    def mimeTypes(self) -> list[str]:
        return [SOURCES_MIME]

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.CopyAction

    def refs(self, indexes: Sequence[AnyIndex]) -> list[Ref]:
        rows = sorted({i.row() for i in indexes if i.isValid()})
        hits = [self.hits[r] for r in rows]
        return [(h.kind, h.id) for h in hits if h.kind in SOURCE_KINDS]

    # Qt takes a null QMimeData as "nothing to drag"; PySide6's stub does not allow it.
    def mimeData(self, indexes: Sequence[AnyIndex]) -> QMimeData | None:  # type: ignore[override]
        rows = sorted({i.row() for i in indexes if i.isValid()})
        return refs_mime(self.refs(indexes), "\n".join(self.hits[r].title for r in rows))


__all__ = [
    "BATCH",
    "UNLINKED_ID",
    "ArgumentTreeModel",
    "Column",
    "IdRole",
    "KindRole",
    "RecordRole",
    "RecordTableModel",
    "SearchResultsModel",
]
