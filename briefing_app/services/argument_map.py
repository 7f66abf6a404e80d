"""The argument map as a lazily loaded tree, plus the detail records the library shows.

Tree rule: a thesis is a root. Every other argument hangs under its *first parent by id*:
the smallest id among the arguments it supports / opposes / elaborates / responds to.
Arguments with no parent (user-made ones, say) head the "Unlinked" group; so does the
smallest member of any parent cycle, so each argument appears exactly once. Every query
is indexed on ``argument_relation`` and paged with offset/limit: nothing loads the whole
map, so the tree stays fast at 100,000 arguments.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Text, cast, select, text
from sqlalchemy.orm import Session

from briefing_app.domain import dates
from briefing_app.domain.vocabulary import ARGUMENT_KINDS, RELATION_KINDS, REVIEW_STATUSES
from briefing_app.services import review
from briefing_app.services.arguments import declared_perspectives
from briefing_app.services.review import LATEST_STATUS_SQL, ReviewRecord, latest_statuses
from briefing_app.store.errors import NotFoundError, StoreError
from briefing_app.store.map_models import Map
from briefing_app.store.models import (
    Actor,
    Argument,
    ArgumentRelation,
    Event,
    Footnote,
    Paragraph,
    Quote,
    Section,
    Tag,
    argument_footnote,
)
from briefing_app.store.store import Store

UNLINKED_ID = 0  # the id of the "Unlinked" group node (no argument has id 0)
UNLINKED_LABEL = "Unlinked"
DEFAULT_LIMIT = 200

_KINDS_SQL = ", ".join(f"'{kind}'" for kind in RELATION_KINDS)
_EDGE = f"{{r}}.kind IN ({_KINDS_SQL}) AND {{r}}.source_id != {{r}}.target_id"


Heads = frozenset[int]


def _id_list(ids: Heads) -> str:
    return ", ".join(str(int(i)) for i in sorted(ids))


def _child_condition(parent: str, heads: Heads) -> str:
    """WHERE text: relation ``r`` makes ``r.source_id`` a tree child of ``parent``."""
    sql = (
        f"r.target_id = {parent} AND {_EDGE.format(r='r')} "
        "AND (SELECT c.kind FROM argument c WHERE c.id = r.source_id) != 'thesis' "
        "AND NOT EXISTS (SELECT 1 FROM argument_relation r2 WHERE r2.source_id = r.source_id "
        f"AND {_EDGE.format(r='r2')} AND r2.target_id < {parent})"
    )
    return f"{sql} AND r.source_id NOT IN ({_id_list(heads)})" if heads else sql


def _orphan_condition(heads: Heads) -> str:
    """WHERE text: argument ``a`` heads the Unlinked group."""
    orphan = (
        "NOT EXISTS (SELECT 1 FROM argument_relation r WHERE r.source_id = a.id "
        f"AND {_EDGE.format(r='r')})"
    )
    if heads:
        orphan = f"(a.id IN ({_id_list(heads)}) OR {orphan})"
    return f"a.kind != 'thesis' AND {orphan}"


@dataclass(frozen=True)
class TreeNode:
    """One row of the argument tree (or of a filtered flat list)."""

    id: int  # argument id, or UNLINKED_ID for the group
    label: str
    kind: str  # an argument kind, or "unlinked"
    review_status: str
    origin: str
    has_children: bool
    relation: str | None = None  # how it relates to its tree parent

    @property
    def is_group(self) -> bool:
        return self.id == UNLINKED_ID


@dataclass(frozen=True)
class ArgumentFilter:
    """Filters for the flat argument list; None means "any"."""

    kind: str | None = None
    perspective: str | None = None
    tag: str | None = None
    status: str | None = None

    @property
    def active(self) -> bool:
        return any((self.kind, self.perspective, self.tag, self.status))


@dataclass(frozen=True)
class FilterValues:
    kinds: list[str]
    perspectives: list[str]
    tags: list[str]
    statuses: list[str]


@dataclass(frozen=True)
class FootnoteText:
    id: int
    number: int
    text: str


@dataclass(frozen=True)
class Passage:
    """A paragraph or footnote in full, with the stretch of interest as [start, end)."""

    kind: str  # paragraph | footnote
    id: int
    label: str  # e.g. "Paragraph 12 · The Kosovo model" or "Footnote 3"
    text: str
    span: tuple[int, int] | None


@dataclass(frozen=True)
class RelatedArgument:
    id: int
    label: str
    kind: str
    relation: str  # supports | opposes | elaborates | responds_to
    direction: str  # outgoing (this → other) | incoming (other → this)


@dataclass(frozen=True)
class ArgumentDetail:
    id: int
    key: str
    label: str
    claim: str
    kind: str
    perspectives: list[str]  # names, as the document's argument map gives them
    tags: list[str]
    origin: str
    quote: str
    passage: Passage | None
    footnotes: list[FootnoteText]
    related: list[RelatedArgument]
    reviews: list[ReviewRecord]  # newest first
    review_status: str


@dataclass(frozen=True)
class SourceLink:
    kind: str
    id: int
    label: str


@dataclass(frozen=True)
class SourceDetail:
    """What the detail view shows for a quote, footnote, event, actor or paragraph."""

    kind: str
    id: int
    title: str
    fields: list[tuple[str, str]]
    body: str
    passage: Passage | None
    footnotes: list[FootnoteText] = field(default_factory=list)
    links: list[SourceLink] = field(default_factory=list)  # e.g. arguments resting on it
    links_title: str = ""


# --- cycle heads ------------------------------------------------------------------------

_heads_cache: dict[tuple[int, str], tuple[tuple[Any, ...], Heads]] = {}


def _cycle_heads(session: Session, store: Store) -> Heads:
    """The smallest member of every first-parent cycle (normally none)."""
    token = tuple(session.execute(text("SELECT count(*), max(id) FROM argument_relation")).one())
    key = (id(store), store.location)
    cached = _heads_cache.get(key)
    if cached and cached[0] == token:
        return cached[1]
    parent: dict[int, int] = dict(
        session.execute(
            text(
                "SELECT r.source_id, MIN(r.target_id) FROM argument_relation r "
                f"JOIN argument a ON a.id = r.source_id WHERE {_EDGE.format(r='r')} "
                "AND a.kind != 'thesis' GROUP BY r.source_id"
            )
        ).all()
    )
    heads: set[int] = set()
    state: dict[int, int] = {}  # 1 visiting, 2 done
    for start in parent:
        path: list[int] = []
        node: int | None = start
        while node is not None and node in parent and node not in state:
            state[node] = 1
            path.append(node)
            node = parent[node]
        if node is not None and state.get(node) == 1:  # closed a new cycle
            cycle = path[path.index(node) :]
            heads.add(min(cycle))
        for visited in path:
            state[visited] = 2
    value = frozenset(heads)
    _heads_cache[key] = (token, value)
    return value


# --- the tree -------------------------------------------------------------------------


def _node_columns(heads: Heads) -> str:
    """SELECT list over argument ``a``: the fields of a TreeNode, in order."""
    return (
        f"a.id, a.label, a.kind, {LATEST_STATUS_SQL}, a.origin, "
        f"EXISTS (SELECT 1 FROM argument_relation r WHERE {_child_condition('a.id', heads)})"
    )


def _as_nodes(rows: Iterable[Sequence[Any]]) -> list[TreeNode]:
    """TreeNodes from rows of _node_columns (plus, optionally, the relation)."""
    return [
        TreeNode(row[0], row[1], row[2], row[3], row[4], bool(row[5]), *row[6:7]) for row in rows
    ]


def _theses(session: Session) -> list[int]:
    return list(
        session.scalars(select(Argument.id).where(Argument.kind == "thesis").order_by(Argument.id))
    )


def _has_unlinked(session: Session, heads: Heads) -> bool:
    row = session.execute(
        text(f"SELECT 1 FROM argument a WHERE {_orphan_condition(heads)} LIMIT 1")
    ).first()
    return row is not None


def _unlinked_node() -> TreeNode:
    return TreeNode(UNLINKED_ID, UNLINKED_LABEL, "unlinked", "", "", True)


def children(
    store: Store, parent_id: int | None, offset: int = 0, limit: int = DEFAULT_LIMIT
) -> list[TreeNode]:
    """Up to ``limit`` children of ``parent_id`` (None: the top level), ordered by id."""
    offset, limit = max(0, offset), max(0, limit)
    with store.read() as session:
        heads = _cycle_heads(session, store)
        if parent_id is None:
            nodes = _as_nodes(
                session.execute(
                    text(
                        f"SELECT {_node_columns(heads)} FROM argument a "
                        "WHERE a.kind = 'thesis' ORDER BY a.id"
                    )
                )
            )
            if _has_unlinked(session, heads):
                nodes.append(_unlinked_node())
            return nodes[offset : offset + limit]
        if parent_id == UNLINKED_ID:
            rows = session.execute(
                text(
                    f"SELECT {_node_columns(heads)} FROM argument a "
                    f"WHERE {_orphan_condition(heads)} ORDER BY a.id LIMIT :limit OFFSET :offset"
                ),
                {"limit": limit, "offset": offset},
            )
            return _as_nodes(rows)
        rows = session.execute(
            text(
                f"SELECT {_node_columns(heads)}, c.relation FROM ("
                "SELECT r.source_id AS id, MIN(r.kind) AS relation FROM argument_relation r "
                f"WHERE {_child_condition(':parent', heads)} "
                "GROUP BY r.source_id ORDER BY r.source_id LIMIT :limit OFFSET :offset"
                ") c JOIN argument a ON a.id = c.id ORDER BY a.id"
            ),
            {"parent": parent_id, "limit": limit, "offset": offset},
        )
        return _as_nodes(rows)


def unlinked_beside(store: Store, argument_id: int, limit: int, *, before: bool) -> list[TreeNode]:
    """Up to ``limit`` arguments of the Unlinked group next to ``argument_id`` by id: from
    it on (``before`` False) or just before it, ordered by id. Found through the id index,
    so a page deep in a long group costs what the first page does (OFFSET walks to it)."""
    with store.read() as session:
        heads = _cycle_heads(session, store)
        side, order = ("<", "DESC") if before else (">=", "ASC")
        rows = session.execute(
            text(
                f"SELECT {_node_columns(heads)} FROM argument a "
                f"WHERE {_orphan_condition(heads)} AND a.id {side} :id "
                f"ORDER BY a.id {order} LIMIT :limit"
            ),
            {"id": argument_id, "limit": max(0, limit)},
        )
        nodes = _as_nodes(rows)
    return nodes[::-1] if before else nodes


def child_count(store: Store, parent_id: int | None) -> int:
    """How many children ``parent_id`` has (None: the top level)."""
    with store.read() as session:
        heads = _cycle_heads(session, store)
        if parent_id is None:
            return len(_theses(session)) + int(_has_unlinked(session, heads))
        if parent_id == UNLINKED_ID:
            sql = f"SELECT count(*) FROM argument a WHERE {_orphan_condition(heads)}"
        else:
            sql = (
                "SELECT count(DISTINCT r.source_id) FROM argument_relation r "
                f"WHERE {_child_condition(':parent', heads)}"
            )
        return int(session.execute(text(sql), {"parent": parent_id}).scalar_one())


def tree_path(store: Store, argument_id: int) -> list[int]:
    """Node ids from the top level down to ``argument_id`` (first may be UNLINKED_ID)."""
    with store.read() as session:
        heads = _cycle_heads(session, store)
        path: list[int] = []
        current = argument_id
        while True:
            kind = session.scalar(select(Argument.kind).where(Argument.id == current))
            if kind is None:
                raise NotFoundError(f"There is no argument with id {current}.")
            path.append(current)
            if kind == "thesis":
                break
            parent = None if current in heads else _first_parent(session, current)
            if parent is None or parent in path:
                path.append(UNLINKED_ID)
                break
            current = parent
        return path[::-1]


def child_row(
    store: Store, parent_id: int | None, child_id: int, *, start: int | None = None
) -> int:
    """The row of ``child_id`` among the children of ``parent_id`` (children are by id).

    With ``start``, the id of a child at or before it, the row is counted from that child
    (the caller knows that child's row): only the children between the two are read, so a
    child deep in a long group costs what one near the top does.
    """
    with store.read() as session:
        heads = _cycle_heads(session, store)
        if parent_id is None:
            theses = _theses(session)
            return theses.index(child_id) if child_id in theses else len(theses)
        if parent_id == UNLINKED_ID:
            sql = (
                f"SELECT count(*) FROM argument a WHERE {_orphan_condition(heads)} "
                "AND a.id < :child"
            )
            if start is not None:
                sql += " AND a.id >= :start"
        else:
            sql = (
                "SELECT count(DISTINCT r.source_id) FROM argument_relation r "
                f"WHERE {_child_condition(':parent', heads)} AND r.source_id < :child"
            )
            if start is not None:
                sql += " AND r.source_id >= :start"
        params = {"parent": parent_id, "child": child_id, "start": start}
        return int(session.execute(text(sql), params).scalar_one())


def unlinked_runs(store: Store, size: int) -> tuple[list[int], int]:
    """The Unlinked group cut into runs of ``size`` arguments by id: the id of each run's
    first argument, and how many arguments the group holds (one pass over the arguments).

    A view showing the group in ranges finds an argument's range from these ids and its
    row within the range with ``child_row(..., start=)``, never counting the rows above.
    """
    size = max(1, size)
    with store.read() as session:
        heads = _cycle_heads(session, store)
        orphan = _orphan_condition(heads)
        starts = [
            int(first)
            for first in session.scalars(
                text(
                    "SELECT id FROM (SELECT a.id AS id, ROW_NUMBER() OVER (ORDER BY a.id) - 1 "
                    f"AS n FROM argument a WHERE {orphan}) runs WHERE n % :size = 0 ORDER BY id"
                ),
                {"size": size},
            )
        ]
        if not starts:
            return [], 0
        last = session.execute(
            text(f"SELECT count(*) FROM argument a WHERE {orphan} AND a.id >= :last"),
            {"last": starts[-1]},
        ).scalar_one()
    return starts, (len(starts) - 1) * size + int(last)


def _first_parent(session: Session, argument_id: int) -> int | None:
    parent: int | None = session.scalar(
        text(
            f"SELECT MIN(r.target_id) FROM argument_relation r WHERE r.source_id = :id "
            f"AND {_EDGE.format(r='r')}"
        ),
        {"id": argument_id},
    )
    return parent


def statuses(store: Store, argument_ids: list[int]) -> dict[int, str]:
    """The latest review status of each argument ("unreviewed" when it has none)."""
    with store.read() as session:
        return latest_statuses(session, argument_ids)


# --- filters --------------------------------------------------------------------------


def _filter_sql(flt: ArgumentFilter) -> tuple[str, dict[str, Any]]:
    clauses, params = ["1 = 1"], {}
    if flt.kind:
        clauses.append("a.kind = :kind")
        params["kind"] = flt.kind
    if flt.perspective:
        # Perspectives are a JSON list of plain slugs: match the quoted slug.
        clauses.append("CAST(a.perspectives AS TEXT) LIKE :persp ESCAPE '\\'")
        escaped = flt.perspective.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        params["persp"] = f'%"{escaped}"%'
    if flt.tag:
        clauses.append(
            "EXISTS (SELECT 1 FROM argument_tag at JOIN tag t ON t.id = at.tag_id "
            "WHERE at.argument_id = a.id AND t.name = :tag)"
        )
        params["tag"] = flt.tag
    if flt.status:
        clauses.append(f"{LATEST_STATUS_SQL} = :status")
        params["status"] = flt.status
    return " AND ".join(clauses), params


def filtered_arguments(
    store: Store, flt: ArgumentFilter, offset: int = 0, limit: int = DEFAULT_LIMIT
) -> list[TreeNode]:
    """A flat page of the arguments matching ``flt``, by id."""
    where, params = _filter_sql(flt)
    with store.read() as session:
        rows = session.execute(
            text(
                f"SELECT a.id, a.label, a.kind, a.origin, {LATEST_STATUS_SQL} FROM argument a "
                f"WHERE {where} ORDER BY a.id LIMIT :limit OFFSET :offset"
            ),
            {**params, "limit": max(0, limit), "offset": max(0, offset)},
        )
        return [TreeNode(r[0], r[1], r[2], r[4], r[3], False) for r in rows]


def filtered_count(store: Store, flt: ArgumentFilter) -> int:
    where, params = _filter_sql(flt)
    with store.read() as session:
        return int(session.execute(text(f"SELECT count(*) FROM argument a WHERE {where}"), params)
                   .scalar_one())  # fmt: skip


def filtered_row(store: Store, flt: ArgumentFilter, argument_id: int) -> int | None:
    """The row of ``argument_id`` in the filtered list, or None when it does not match."""
    where, params = _filter_sql(flt)
    with store.read() as session:
        params = {**params, "id": argument_id}
        match = session.execute(
            text(f"SELECT 1 FROM argument a WHERE {where} AND a.id = :id"), params
        ).first()
        if match is None:
            return None
        sql = f"SELECT count(*) FROM argument a WHERE {where} AND a.id < :id"
        return int(session.execute(text(sql), params).scalar_one())


def filter_values(store: Store) -> FilterValues:
    """The kinds, perspectives, tags and review statuses present in the store."""
    with store.read() as session:
        kinds = set(session.scalars(select(Argument.kind).distinct()))
        perspectives: set[str] = set()
        # JSON has no equality on PostgreSQL: compare the stored text instead.
        for stored in session.scalars(select(cast(Argument.perspectives, Text)).distinct()):
            perspectives.update(str(p) for p in json.loads(stored or "[]") or [])
        tags = sorted(
            session.scalars(
                text(
                    "SELECT t.name FROM tag t WHERE EXISTS "
                    "(SELECT 1 FROM argument_tag at WHERE at.tag_id = t.id)"
                )
            )
        )
        # The statuses some reviewed argument has now (by the one rule), reading only
        # the reviewed ones; "unreviewed" when any argument has never been reviewed.
        found = set(
            session.scalars(
                text(
                    f"SELECT DISTINCT {LATEST_STATUS_SQL} FROM argument a "
                    "WHERE a.id IN (SELECT ra.argument_id FROM review_annotation ra)"
                )
            )
        )
        unreviewed = session.execute(
            text(
                "SELECT 1 FROM argument a WHERE NOT EXISTS "
                "(SELECT 1 FROM review_annotation ra WHERE ra.argument_id = a.id) LIMIT 1"
            )
        ).first()
        if unreviewed is not None:
            found.add("unreviewed")
    return FilterValues(
        kinds=[k for k in ARGUMENT_KINDS if k in kinds] + sorted(kinds - set(ARGUMENT_KINDS)),
        perspectives=sorted(str(p) for p in perspectives),
        tags=[str(t) for t in tags],
        statuses=[s for s in REVIEW_STATUSES if s in found],
    )


# --- details ----------------------------------------------------------------------------


def _span(
    text_value: str, start: int | None, end: int | None, quote: str
) -> tuple[int, int] | None:
    if start is not None and end is not None and 0 <= start <= end <= len(text_value):
        return (start, end)
    if quote:
        at = text_value.find(quote)
        if at >= 0:
            return (at, at + len(quote))
    return None


def _paragraph_label(session: Session, para: Paragraph) -> str:
    title = session.scalar(select(Section.title).where(Section.id == para.section_id))
    label = f"Paragraph {para.position + 1}"
    return f"{label} · {title}" if title else label


def _passage(
    session: Session,
    paragraph_id: int | None,
    footnote_id: int | None,
    start: int | None,
    end: int | None,
    quote: str = "",
) -> Passage | None:
    if paragraph_id is not None:
        para = session.get(Paragraph, paragraph_id)
        if para is not None:
            return Passage(
                "paragraph",
                para.id,
                _paragraph_label(session, para),
                para.text,
                _span(para.text, start, end, quote),
            )
    if footnote_id is not None:
        note = session.get(Footnote, footnote_id)
        if note is not None:
            return Passage(
                "footnote",
                note.id,
                f"Footnote {note.number}",
                note.text,
                _span(note.text, start, end, quote),
            )
    return None


def _related(session: Session, argument_id: int) -> list[RelatedArgument]:
    result: list[RelatedArgument] = []
    for direction, mine, other in (
        ("outgoing", ArgumentRelation.source_id, ArgumentRelation.target_id),
        ("incoming", ArgumentRelation.target_id, ArgumentRelation.source_id),
    ):
        rows = session.execute(
            select(other, ArgumentRelation.kind, Argument.label, Argument.kind)
            .join(Argument, Argument.id == other)
            .where(mine == argument_id)
            .order_by(other)
        )
        for other_id, relation, label, kind in rows:
            result.append(RelatedArgument(other_id, label, kind, relation, direction))
    return result


def argument_detail(store: Store, argument_id: int) -> ArgumentDetail:
    """Everything the detail view shows about one argument."""
    with store.read() as session:
        arg = session.get(Argument, argument_id)
        if arg is None:
            raise NotFoundError(f"There is no argument with id {argument_id}.")
        notes = session.execute(
            select(Footnote.id, Footnote.number, Footnote.text)
            .join(argument_footnote, argument_footnote.c.footnote_id == Footnote.id)
            .where(argument_footnote.c.argument_id == argument_id)
            .order_by(Footnote.number)
        ).all()
        tags = session.scalars(
            select(Tag.name)
            .join_from(Tag, Argument.tags.property.secondary)
            .where(Argument.tags.property.secondary.c.argument_id == argument_id)
            .order_by(Tag.name)
        ).all()
        detail_passage = _passage(
            session, arg.paragraph_id, arg.footnote_id, arg.span_start, arg.span_end, arg.quote
        )
        related = _related(session, argument_id)
        key, label, claim, kind = arg.key, arg.label, arg.claim, arg.kind
        names = {p.key: p.name for p in declared_perspectives(session, arg.document_id)}
        perspectives = [names.get(key, key) for key in arg.perspectives or []]
        origin, quote = arg.origin, arg.quote
    reviews = list(reversed(review.reviews(store, argument_id)))
    return ArgumentDetail(
        id=argument_id,
        key=key,
        label=label,
        claim=claim,
        kind=kind,
        perspectives=perspectives,
        tags=list(tags),
        origin=origin,
        quote=quote,
        passage=detail_passage,
        footnotes=[FootnoteText(i, n, t) for i, n, t in notes],
        related=related,
        reviews=reviews,
        review_status=statuses(store, [argument_id])[argument_id],
    )


def _paragraph_footnotes(session: Session, paragraph_id: int) -> list[FootnoteText]:
    rows = session.execute(
        select(Footnote.id, Footnote.number, Footnote.text)
        .where(Footnote.paragraph_id == paragraph_id)
        .order_by(Footnote.number)
    )
    return [FootnoteText(i, n, t) for i, n, t in rows]


def _argument_links(session: Session, **where: Any) -> list[SourceLink]:
    query = select(Argument.id, Argument.label).order_by(Argument.id)
    if "footnote_id" in where:
        query = query.join(argument_footnote, argument_footnote.c.argument_id == Argument.id).where(
            argument_footnote.c.footnote_id == where["footnote_id"]
        )
    if "paragraph_id" in where:
        query = query.where(Argument.paragraph_id == where["paragraph_id"])
    return [SourceLink("argument", i, label) for i, label in session.execute(query)]


def _quote_detail(session: Session, quote_id: int) -> SourceDetail:
    q = session.get(Quote, quote_id)
    if q is None:
        raise NotFoundError(f"There is no quote with id {quote_id}.")
    speaker = q.speaker.name if q.speaker else ""
    fields = [("Speaker", speaker), ("From", q.source or ""),
              ("Date", dates.label(q.date_text)), ("Context", q.context)]  # fmt: skip
    return SourceDetail(
        "quote",
        q.id,
        f"“{q.text}”",
        [(k, v) for k, v in fields if v],
        "",
        _passage(session, q.paragraph_id, q.footnote_id, q.span_start, q.span_end, q.text),
    )


def _event_detail(session: Session, event_id: int) -> SourceDetail:
    e = session.get(Event, event_id)
    if e is None:
        raise NotFoundError(f"There is no event with id {event_id}.")
    return SourceDetail(
        "event",
        e.id,
        e.description,
        [("Date in the essay", dates.label(e.date_text, e.date_precision))],
        "",
        _passage(session, e.paragraph_id, e.footnote_id, e.span_start, e.span_end, e.quote),
    )


def _footnote_detail(session: Session, footnote_id: int) -> SourceDetail:
    note = session.get(Footnote, footnote_id)
    if note is None:
        raise NotFoundError(f"There is no footnote with id {footnote_id}.")
    passage = None
    if note.paragraph_id is not None:
        para = session.get(Paragraph, note.paragraph_id)
        if para is not None:
            at = note.offset if note.offset is not None else len(para.text)
            at = min(max(at, 0), len(para.text))
            passage = Passage("paragraph", para.id, _paragraph_label(session, para), para.text,
                              (at, at))  # fmt: skip
    return SourceDetail(
        "footnote",
        note.id,
        f"Footnote {note.number}",
        [],
        note.text,
        passage,
        links=_argument_links(session, footnote_id=note.id),
        links_title="Arguments resting on this footnote",
    )


def _paragraph_detail(session: Session, paragraph_id: int) -> SourceDetail:
    para = session.get(Paragraph, paragraph_id)
    if para is None:
        raise NotFoundError(f"There is no paragraph with id {paragraph_id}.")
    label = _paragraph_label(session, para)
    return SourceDetail(
        "paragraph",
        para.id,
        label,
        [],
        "",
        Passage("paragraph", para.id, label, para.text, None),
        footnotes=_paragraph_footnotes(session, para.id),
        links=_argument_links(session, paragraph_id=para.id),
        links_title="Arguments drawn from this paragraph",
    )


def _actor_detail(session: Session, actor_id: int) -> SourceDetail:
    actor = session.get(Actor, actor_id)
    if actor is None:
        raise NotFoundError(f"There is no actor with id {actor_id}.")
    aliases = ", ".join(a.alias for a in actor.aliases)
    fields = [("Kind", actor.kind), ("Also called", aliases)]
    quotes = session.execute(
        select(Quote.id, Quote.text).where(Quote.speaker_id == actor_id).order_by(Quote.id)
    )
    passage = None
    para = session.scalar(
        select(Paragraph)
        .where(Paragraph.text.contains(actor.name, autoescape=True))
        .order_by(Paragraph.document_id, Paragraph.position)
        .limit(1)
    )
    if para is not None:
        at = para.text.find(actor.name)
        passage = Passage("paragraph", para.id, "First mention · " + _paragraph_label(
            session, para), para.text, (at, at + len(actor.name)))  # fmt: skip
    return SourceDetail(
        "actor",
        actor.id,
        actor.name,
        [(k, v) for k, v in fields if v],
        actor.description,
        passage,
        links=[SourceLink("quote", i, f"“{t}”") for i, t in quotes],
        links_title="Quotes",
    )


def _map_detail(session: Session, map_id: int) -> SourceDetail:
    row = session.get(Map, map_id)
    if row is None:
        raise NotFoundError(f"There is no map with id {map_id}.")
    lon0, lat0, lon1, lat1 = row.extent
    fields = [
        ("Layers", ", ".join(layer.name for layer in row.layers)),
        ("Extent", f"{lon0:g}° to {lon1:g}° E, {lat0:g}° to {lat1:g}° N"),
        ("Source", "Boundaries: Natural Earth"),
    ]
    links = [SourceLink("argument", a.id, a.label) for a in row.arguments]
    return SourceDetail(
        "map", row.id, row.title, fields, row.caption, None, links=links,
        links_title="Arguments it illustrates",
    )  # fmt: skip


_DETAILS = {
    "map": _map_detail,
    "quote": _quote_detail,
    "event": _event_detail,
    "footnote": _footnote_detail,
    "paragraph": _paragraph_detail,
    "actor": _actor_detail,
}


def source_detail(store: Store, kind: str, source_id: int) -> SourceDetail:
    """Detail for a quote, event, footnote, paragraph, actor or map (arguments have
    argument_detail)."""
    build = _DETAILS.get(kind)
    if build is None:
        raise StoreError(f"There is no detail view for a {kind}.")
    with store.read() as session:
        return build(session, source_id)
