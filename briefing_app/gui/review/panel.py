"""The review panel: status, comments, tags and history of the selected argument.

Choosing a status records it at once; "Add Comment" records the comment with the current
status. Both go through ``services.review.add_review``; tags through ``set_tags``.
"""

from __future__ import annotations

from html import escape

from PySide6 import QtGui
from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    QSettings,
    QStringListModel,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QButtonGroup,
    QCompleter,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from briefing_app.domain.vocabulary import REVIEW_STATUSES, review_status
from briefing_app.gui.commands import Operations
from briefing_app.services import library
from briefing_app.services.arguments import perspectives, set_tags, tag_names
from briefing_app.services.review import add_review, comment_on, reviews
from briefing_app.store.errors import StoreError
from briefing_app.store.store import Store

AUTHOR_KEY = "review/author"
HINT = "Select a highlighted passage in the essay to review its argument."


class _TagCompleter(QCompleter):
    """Completes the tag being typed after the last comma, keeping the ones before it."""

    def __init__(self, model: QStringListModel, edit: QLineEdit) -> None:
        super().__init__(model, edit)
        self._edit = edit

    def splitPath(self, path: str) -> list[str]:
        return [path.split(",")[-1].strip()]

    def pathFromIndex(self, index: QModelIndex | QPersistentModelIndex) -> str:
        done = [t.strip() for t in self._edit.text().split(",")[:-1] if t.strip()]
        return ", ".join([*done, str(index.data())])


def _legend(rows: int = 1) -> str:
    """Rich text sample of each status's highlight, for the panel's legend (on ``rows``
    lines, never breaking inside a status's name)."""
    parts = []
    for status in REVIEW_STATUSES:
        style = review_status(status)
        mark = f"{style.glyph}\u2009" if style.glyph else ""
        parts.append(
            f"<span style='color:{style.colour}; font-weight:600'>{mark}</span>"
            f"<span style='background-color:{style.tint}'>&nbsp;{style.label}&nbsp;</span>"
        )
    per_row = -(-len(parts) // rows)
    lines = ["&nbsp;&nbsp; ".join(parts[i : i + per_row]) for i in range(0, len(parts), per_row)]
    return "<br>".join(lines)


def _wrapped(name: str, accessible: str, *, selectable: bool = True) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setAccessibleName(accessible)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText)
    if selectable:
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class ReviewPanel(QWidget):
    statusMessage = Signal(str)
    editRequested = Signal(int)
    deleteRequested = Signal(int)
    navigateRequested = Signal(int)  # -1 previous, +1 next argument

    def __init__(self, store: Store, operations: Operations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.ops = store, operations
        self.setObjectName("reviewPanel")
        self.setAccessibleName("Review panel")
        self.setMinimumWidth(340)
        self.argument_id: int | None = None
        self.record: library.ArgumentRecord | None = None
        self._legend_rows = 1
        # (argument, status, review id) of a status just set without a comment.
        self._uncommented: tuple[int, str, int] | None = None
        self._build()
        self.load_argument(None)

    # --- layout ---------------------------------------------------------------------------

    def _build(self) -> None:
        self.progress = QProgressBar()
        self.progress.setObjectName("reviewProgress")
        self.progress.setAccessibleName("Review progress")
        self.progress.setFormat("%v of %m reviewed")
        self.progress.setTextVisible(True)
        self.progress.setRange(0, 1)
        self.progress.setValue(0)

        self.previous_button = QPushButton("◀ Previous")
        self.previous_button.setObjectName("previousArgument")
        self.previous_button.setAccessibleName("Previous argument")
        self.previous_button.setToolTip("Go to the previous highlighted argument")
        self.previous_button.clicked.connect(lambda: self.navigateRequested.emit(-1))
        self.next_button = QPushButton("Next ▶")
        self.next_button.setObjectName("nextArgument")
        self.next_button.setAccessibleName("Next argument")
        self.next_button.setToolTip("Go to the next highlighted argument")
        self.next_button.clicked.connect(lambda: self.navigateRequested.emit(1))
        nav = QHBoxLayout()
        nav.addWidget(self.progress, 1)
        nav.addWidget(self.previous_button)
        nav.addWidget(self.next_button)
        self.legend = QLabel(_legend())
        self.legend.setObjectName("statusLegend")
        self.legend.setAccessibleName("Highlight legend")
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        self.legend.setMinimumWidth(60)  # it goes on two lines rather than widen the panel
        self.legend.setToolTip(
            "Highlights in the essay: tint, underline and mark show the latest review status"
        )

        self.title_label = _wrapped("argumentTitle", "Argument label")
        self.title_label.setStyleSheet("font-size: 15pt; font-weight: 600;")
        self.meta_label = _wrapped("argumentMeta", "Argument details")
        self.meta_label.setStyleSheet("color: #5F6B76;")
        self.claim_label = _wrapped("argumentClaim", "Claim")
        self.quote_label = _wrapped("argumentSource", "Source quotation")
        self.quote_label.setStyleSheet(
            "color: #343A40; font-style: italic; border-left: 3px solid #CBD2DA; padding-left: 8px;"
        )

        self.edit_button = QPushButton("Ed&it…")
        self.edit_button.setObjectName("editArgument")
        self.edit_button.setAccessibleName("Edit argument")
        self.edit_button.setToolTip("Change the label, claim, kind or perspectives")
        self.edit_button.clicked.connect(self._edit)
        self.delete_button = QPushButton("De&lete")
        self.delete_button.setObjectName("deleteArgument")
        self.delete_button.setAccessibleName("Delete argument")
        self.delete_button.setToolTip("Delete this argument you made (undoable)")
        self.delete_button.clicked.connect(self._delete)
        own = QHBoxLayout()
        own.addStretch(1)
        own.addWidget(self.edit_button)
        own.addWidget(self.delete_button)

        status_box = QGroupBox("Status")
        status_box.setObjectName("statusGroup")
        status_box.setAccessibleName("Review status")
        self.status_group = QButtonGroup(self)
        self.status_group.setExclusive(True)
        self.status_buttons: dict[str, QRadioButton] = {}
        row = QGridLayout(status_box)
        for index, status in enumerate(REVIEW_STATUSES):
            style = review_status(status)
            button = QRadioButton(f"{style.glyph} {style.label_with_mnemonic}")
            button.setObjectName(f"status_{status}")
            button.setAccessibleName(f"Status {style.label}")
            button.setStyleSheet(f"QRadioButton {{ color: {style.colour}; }}")
            self.status_group.addButton(button, index)
            self.status_buttons[status] = button
            row.addWidget(button, index // 2, index % 2)
        self.status_group.idClicked.connect(self._status_clicked)

        self.comment_edit = QPlainTextEdit()
        self.comment_edit.setObjectName("reviewComment")
        self.comment_edit.setAccessibleName("Comment")
        self.comment_edit.setPlaceholderText(
            "Why you agree or dispute it, or what source is missing…"
        )
        self.comment_edit.setTabChangesFocus(True)
        self.comment_edit.setFixedHeight(84)
        self.comment_edit.textChanged.connect(self._update_buttons)
        self.author_edit = QLineEdit(str(QSettings().value(AUTHOR_KEY, "") or ""))
        self.author_edit.setObjectName("reviewAuthor")
        self.author_edit.setAccessibleName("Your name")
        self.author_edit.setPlaceholderText("Your name")
        self.author_edit.editingFinished.connect(self._remember_author)
        self.add_button = QPushButton("Add &Comment")
        self.add_button.setObjectName("addComment")
        self.add_button.setAccessibleName("Add comment")
        self.add_button.setToolTip("Record the comment with the current status")
        self.add_button.clicked.connect(self.add_comment)
        author_row = QHBoxLayout()
        author_row.addWidget(self.author_edit, 1)
        author_row.addWidget(self.add_button)

        self.tags_edit = QLineEdit()
        self.tags_edit.setObjectName("argumentTags")
        self.tags_edit.setAccessibleName("Tags, separated by commas")
        self.tags_edit.setPlaceholderText("Tags, separated by commas; press Enter to save")
        self.tags_edit.editingFinished.connect(self.apply_tags)
        self._tag_model = QStringListModel(self)
        completer = _TagCompleter(self._tag_model, self.tags_edit)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.tags_edit.setCompleter(completer)

        form = QFormLayout()
        form.addRow("Co&mment:", self.comment_edit)
        form.addRow("Author:", author_row)
        form.addRow("&Tags:", self.tags_edit)

        self.history = QListWidget()
        self.history.setObjectName("reviewHistory")
        self.history.setAccessibleName("Review history")
        self.history.setWordWrap(True)
        self.history.setAlternatingRowColors(True)
        self.history.setMinimumHeight(120)
        self.history.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)

        self.hint_label = QLabel(HINT)
        self.hint_label.setObjectName("reviewHint")
        self.hint_label.setWordWrap(True)
        self.hint_label.setStyleSheet("color: #5F6B76;")

        details = QWidget()
        body = QVBoxLayout(details)
        body.setContentsMargins(14, 10, 14, 10)
        body.addWidget(self.hint_label)
        body.addWidget(self.title_label)
        body.addWidget(self.meta_label)
        body.addWidget(self.claim_label)
        body.addWidget(self.quote_label)
        body.addLayout(own)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        body.addWidget(line)
        body.addWidget(status_box)
        body.addLayout(form)
        history_label = QLabel("Histor&y")
        history_label.setBuddy(self.history)
        history_label.setStyleSheet("font-weight: 600;")
        body.addWidget(history_label)
        body.addWidget(self.history, 1)
        self._details = details

        scroll = QScrollArea()
        scroll.setObjectName("reviewPanelScroll")
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(details)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 8, 0, 0)
        top = QWidget()
        top.setLayout(nav)
        nav.setContentsMargins(14, 0, 14, 0)
        outer.addWidget(top)
        legend_row = QHBoxLayout()
        legend_row.setContentsMargins(14, 2, 14, 4)
        legend_row.addWidget(self.legend)
        outer.addLayout(legend_row)
        outer.addWidget(scroll, 1)
        self._editors = [status_box, self.comment_edit, self.author_edit, self.tags_edit]

    def resizeEvent(self, event: QtGui.QResizeEvent) -> None:
        """The legend on one line when it fits, else on two (never cut, never split)."""
        super().resizeEvent(event)
        one_line = QtGui.QTextDocument()
        one_line.setDefaultFont(self.legend.font())
        one_line.setHtml(_legend())
        room = self.legend.contentsRect().width() or self.width() - 28
        rows = 1 if one_line.idealWidth() <= room else 2
        if rows != self._legend_rows:
            self._legend_rows = rows
            self.legend.setText(_legend(rows))

    # --- content --------------------------------------------------------------------------

    def load_argument(self, argument_id: int | None) -> None:
        """Show ``argument_id`` (None or a vanished id shows the hint)."""
        record = None
        if argument_id is not None:
            try:
                record = library.argument(self.store, argument_id)
            except StoreError:
                record = None
        if record is None or argument_id != self.argument_id:
            self.comment_edit.clear()
            self._uncommented = None
        self.argument_id = record.id if record else None
        self.record = record
        has = record is not None
        self.hint_label.setVisible(not has)
        for widget in (self.title_label, self.meta_label, self.claim_label, self.quote_label):
            widget.setVisible(has)
        for editor in self._editors:
            editor.setEnabled(has)
        own = record is not None and record.origin == "user"
        self.edit_button.setVisible(own)
        self.delete_button.setVisible(own)
        if record is None:
            self.history.clear()
            self.tags_edit.clear()
            self._set_status("unreviewed")
            self._update_buttons()
            return
        origin = "your argument" if record.origin == "user" else "curated"
        meta = [escape(record.kind.capitalize()), origin]
        if record.perspectives:
            names = {p.key: p.name for p in perspectives(self.store)}
            shown = ", ".join(names.get(key, key) for key in record.perspectives)
            meta.append("perspectives: " + escape(shown))
        self.title_label.setText(escape(record.label))
        self.meta_label.setText(" · ".join(meta))
        self.claim_label.setText(escape(record.claim))
        where = f"¶{record.paragraph + 1}" if record.paragraph is not None else "not in the text"
        if record.footnotes:
            where += " · footnotes " + ", ".join(str(n) for n in record.footnotes)
        self.quote_label.setText(
            f"“{escape(record.quote)}” <span style='font-style:normal; color:#5F6B76'>"
            f"({escape(where)})</span>"
        )
        self._set_status(record.review_status)
        if not self.tags_edit.hasFocus() or argument_id != self.argument_id:
            self.tags_edit.setText(", ".join(record.tags))
        self._tag_model.setStringList(tag_names(self.store))
        self._fill_history()
        self._update_buttons()

    def refresh(self) -> None:
        self.load_argument(self.argument_id)

    def _fill_history(self) -> None:
        self.history.clear()
        if self.argument_id is None:
            return
        notes = reviews(self.store, self.argument_id)
        if not notes:
            item = QListWidgetItem("No reviews yet.")
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.history.addItem(item)
        for note in reversed(notes):  # newest first
            style = review_status(note.status)
            who = f"{note.author}, " if note.author else ""  # no name given: none shown
            text = f"{style.glyph} {style.label} — {who}{note.created_at}"
            if note.comment:
                text += f"\n{note.comment}"
            item = QListWidgetItem(text)
            # A tooltip has no plain-text mode and Qt renders anything that looks like
            # markup: author and comment are stored text, so they are escaped on purpose.
            item.setToolTip(QtGui.Qt.convertFromPlainText(text))
            self.history.addItem(item)

    def _set_status(self, status: str) -> None:
        button = self.status_buttons.get(status, self.status_buttons["unreviewed"])
        button.setChecked(True)

    def current_status(self) -> str:
        checked = self.status_group.checkedId()
        return REVIEW_STATUSES[checked] if checked >= 0 else "unreviewed"

    def set_progress(self, reviewed: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(min(reviewed, max(total, 1)))
        self.progress.setFormat(f"{reviewed} of {total} reviewed")
        self.progress.setAccessibleDescription(f"{reviewed} of {total} arguments reviewed")

    def _update_buttons(self) -> None:
        has = self.argument_id is not None
        self.add_button.setEnabled(has and bool(self.comment_edit.toPlainText().strip()))

    # --- writes -----------------------------------------------------------------------------

    def author(self) -> str:
        return self.author_edit.text().strip()

    def _remember_author(self) -> None:
        QSettings().setValue(AUTHOR_KEY, self.author())

    def _status_clicked(self, index: int) -> None:
        status = REVIEW_STATUSES[index]
        if self.record is not None and status != self.record.review_status:
            self.record_review(status, "")

    def set_status(self, status: str) -> None:
        """Record ``status`` for the current argument (as clicking its button does)."""
        self._set_status(status)
        if self.record is not None and status != self.record.review_status:
            self.record_review(status, "")

    def add_comment(self) -> None:
        comment = self.comment_edit.toPlainText().strip()
        if not comment or self.argument_id is None:
            return
        last = self._uncommented
        if last is not None and last[0] == self.argument_id and last[1] == self.current_status():
            if self._comment_on(last[2], comment):  # the status just set, now explained
                self.comment_edit.clear()
            return
        if self.record_review(self.current_status(), comment):
            self.comment_edit.clear()

    def _comment_on(self, review_id: int, comment: str) -> bool:
        refused: list[str] = []
        saved = self.ops.run(
            lambda: comment_on(self.store, review_id, comment), self, on_error=refused.append
        )
        self._uncommented = None
        if saved is None:
            self.statusMessage.emit(f"The comment was not saved: {refused[0]}")
            return False
        label = review_status(saved.status).label.lower()
        self.statusMessage.emit(f"Comment added to the {label} review.")
        return True

    def record_review(self, status: str, comment: str) -> bool:
        if self.argument_id is None:
            return False
        self._remember_author()
        argument_id, author = self.argument_id, self.author()
        refused: list[str] = []
        saved = self.ops.run(
            lambda: add_review(self.store, argument_id, status, comment, author),
            self,
            on_error=refused.append,
        )
        if saved is None:
            self.statusMessage.emit(f"The review was not saved: {refused[0]}")
            self.refresh()
            return False
        # A status without a comment takes the comment written next (one history entry).
        self._uncommented = None if comment else (argument_id, status, saved.id)
        label = review_status(status).label.lower()
        self.statusMessage.emit(f"Comment added ({label})." if comment else f"Marked {label}.")
        return True

    def apply_tags(self) -> None:
        if self.record is None:
            return
        names = [t for t in self.tags_edit.text().split(",") if t.strip()]
        wanted = sorted({" ".join(n.split()) for n in names}, key=str.casefold)
        if wanted == sorted(self.record.tags, key=str.casefold):
            return
        argument_id = self.record.id
        refused: list[str] = []
        saved = self.ops.run(
            lambda: set_tags(self.store, argument_id, names), self, on_error=refused.append
        )
        if saved is None:
            self.statusMessage.emit(f"The tags were not saved: {refused[0]}")
            return
        self.tags_edit.setText(", ".join(saved.value))
        self.statusMessage.emit("Tags saved.")

    def _edit(self) -> None:
        if self.argument_id is not None:
            self.editRequested.emit(self.argument_id)

    def _delete(self) -> None:
        if self.argument_id is not None:
            self.deleteRequested.emit(self.argument_id)
