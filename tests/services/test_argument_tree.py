"""The argument map as a lazy tree, filters and the detail records."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing_app.bench.synthetic import synthetic_store
from briefing_app.services import argument_map as amap
from briefing_app.services.argument_map import UNLINKED_ID, ArgumentFilter
from briefing_app.services.review import add_review
from briefing_app.store.errors import NotFoundError, StoreError
from briefing_app.store.models import Argument, ArgumentRelation


def _walk(store, parent=None) -> list[int]:
    ids = []
    for node in amap.children(store, parent, 0, 1000):
        ids.append(node.id)
        if node.has_children:
            ids += _walk(store, node.id)
    return ids


def _add_user_argument(store, label: str, relation: tuple[str, int] | None = None) -> int:
    with store.transaction() as session:
        arg = Argument(document_id=1, key=f"user-{label}", label=label, claim=label,
                       kind="premise", perspectives=[], quote="", origin="user")  # fmt: skip
        session.add(arg)
        session.flush()
        if relation:
            session.add(ArgumentRelation(source_id=arg.id, target_id=relation[1],
                                         kind=relation[0]))  # fmt: skip
        return arg.id


def test_root_is_the_thesis_and_proposals_hang_under_it(essay_store) -> None:
    roots = amap.children(essay_store, None)
    assert [(n.kind, n.id) for n in roots] == [("thesis", 1)]
    assert amap.child_count(essay_store, None) == 1
    kids = amap.children(essay_store, 1)
    assert [n.kind for n in kids[:2]] == ["proposal", "proposal"]
    assert all(n.relation in {"supports", "elaborates"} for n in kids)
    assert amap.child_count(essay_store, 1) == len(kids)


def test_every_argument_appears_once_under_its_first_parent(essay_store) -> None:
    ids = _walk(essay_store)
    assert len(ids) == len(set(ids)) == 59
    # 3 supports 1 and 2: it sits under 1; 35 supports 2 and 3: it sits under 2.
    assert 3 in [n.id for n in amap.children(essay_store, 1)]
    assert 35 in [n.id for n in amap.children(essay_store, 2)]
    assert 35 not in [n.id for n in amap.children(essay_store, 3, 0, 1000)]


def test_paging_and_rows(essay_store) -> None:
    everything = [n.id for n in amap.children(essay_store, 3, 0, 1000)]
    page = [n.id for n in amap.children(essay_store, 3, 5, 4)]
    assert page == everything[5:9]
    assert amap.child_row(essay_store, 3, everything[7]) == 7
    assert amap.tree_path(essay_store, 55) == [1, 3, 54, 55]
    with pytest.raises(NotFoundError):
        amap.tree_path(essay_store, 99_999)


def test_unlinked_and_cycles(essay_store) -> None:
    lone = _add_user_argument(essay_store, "lone")
    a = _add_user_argument(essay_store, "a")
    b = _add_user_argument(essay_store, "b", ("supports", a))
    with essay_store.transaction() as session:
        session.add(ArgumentRelation(source_id=a, target_id=b, kind="opposes"))
    linked = _add_user_argument(essay_store, "linked", ("responds_to", 3))
    roots = amap.children(essay_store, None)
    assert [n.id for n in roots] == [1, UNLINKED_ID]
    assert [n.id for n in amap.children(essay_store, UNLINKED_ID)] == [lone, a]
    assert [n.id for n in amap.children(essay_store, a)] == [b]
    assert amap.tree_path(essay_store, b) == [UNLINKED_ID, a, b]
    assert amap.tree_path(essay_store, linked) == [1, 3, linked]
    ids = _walk(essay_store)
    assert len(ids) == len(set(ids)) == 59 + 4 + 1  # plus the Unlinked group


def test_filters(essay_store) -> None:
    values = amap.filter_values(essay_store)
    assert "risk" in values.kinds and "serbia" in values.perspectives
    assert "un-1244" in values.tags and values.statuses == ["unreviewed"]
    risks = amap.filtered_arguments(essay_store, ArgumentFilter(kind="risk"))
    assert len(risks) == amap.filtered_count(essay_store, ArgumentFilter(kind="risk")) == 4
    assert {n.kind for n in risks} == {"risk"}
    serbia = amap.filtered_count(essay_store, ArgumentFilter(perspective="serbia"))
    assert 0 < serbia < 59
    add_review(essay_store, 13, "disputed", "weak", "Ana")
    disputed = ArgumentFilter(status="disputed")
    assert [n.id for n in amap.filtered_arguments(essay_store, disputed)] == [13]
    assert amap.filtered_row(essay_store, ArgumentFilter(kind="risk"), 13) == 1
    assert amap.filtered_row(essay_store, ArgumentFilter(kind="risk"), 1) is None
    assert "disputed" in amap.filter_values(essay_store).statuses
    assert amap.statuses(essay_store, [13, 14]) == {13: "disputed", 14: "unreviewed"}


def test_argument_detail(essay_store) -> None:
    add_review(essay_store, 6, "needs-source", "first", "Ana")
    add_review(essay_store, 6, "agreed", "second", "Ben")
    detail = amap.argument_detail(essay_store, 6)
    assert detail.passage is not None and detail.passage.span is not None
    start, end = detail.passage.span
    assert detail.passage.text[start:end] == detail.quote
    assert [n.number for n in detail.footnotes] == [3, 4]
    assert all(n.text for n in detail.footnotes)
    assert ("supports", "outgoing", 8) in {(r.relation, r.direction, r.id) for r in detail.related}
    assert [r.comment for r in detail.reviews] == ["second", "first"]
    assert detail.review_status == "agreed"
    with pytest.raises(NotFoundError):
        amap.argument_detail(essay_store, 99_999)


@pytest.mark.parametrize("kind", ["quote", "event", "footnote", "paragraph", "actor"])
def test_source_details(essay_store, kind: str) -> None:
    detail = amap.source_detail(essay_store, kind, 2)
    assert detail.kind == kind and detail.title
    assert detail.passage is not None and detail.passage.text


def test_source_detail_errors(essay_store) -> None:
    with pytest.raises(StoreError):
        amap.source_detail(essay_store, "nonsense", 1)
    with pytest.raises(NotFoundError):
        amap.source_detail(essay_store, "quote", 99_999)


def test_large_unlinked_group_pages(tmp_path: Path) -> None:
    store = synthetic_store(tmp_path / "syn.sqlite", arguments=5000)
    try:
        assert [n.id for n in amap.children(store, None)] == [UNLINKED_ID]
        assert amap.child_count(store, UNLINKED_ID) == 5000
        page = amap.children(store, UNLINKED_ID, 4900, 200)
        assert len(page) == 100 and page[-1].id == 5000
        assert amap.child_row(store, UNLINKED_ID, 4000) == 3999
        # runs of 300 by id: their first ids, the group's size, and rows counted from a run
        starts, total = amap.unlinked_runs(store, 300)
        assert total == 5000 and len(starts) == 17
        assert starts[:3] == [1, 301, 601] and starts[-1] == 4801
        assert amap.child_row(store, UNLINKED_ID, 4000, start=starts[13]) == 3999 - 13 * 300
    finally:
        store.close()


def test_unlinked_runs_skip_linked_arguments_and_theses(tmp_path: Path) -> None:
    """Runs and rows counted from a run agree with the group's children read in full, on
    a group with theses, linked arguments and a cycle among its arguments."""
    store = synthetic_store(tmp_path / "syn.sqlite", arguments=60)
    try:
        with store.transaction() as session:
            for argument_id in (5, 40):
                session.get_one(Argument, argument_id).kind = "thesis"
            links = [(7, 5), (8, 7), (9, 40), (20, 21), (21, 22), (22, 20), (33, 34)]
            session.add_all(
                ArgumentRelation(source_id=source, target_id=target, kind="supports")
                for source, target in links
            )
        ids = [node.id for node in amap.children(store, UNLINKED_ID, 0, 1000)]
        assert 5 not in ids and 7 not in ids and 33 not in ids and 20 in ids  # a cycle's head
        starts, total = amap.unlinked_runs(store, 7)
        assert total == len(ids) == amap.child_count(store, UNLINKED_ID)
        assert starts == ids[::7]
        for row, argument_id in enumerate(ids):
            start = starts[row // 7]
            assert amap.child_row(store, UNLINKED_ID, argument_id, start=start) == row % 7
        children = [node.id for node in amap.children(store, 5, 0, 100)]
        assert children == [7]
        assert amap.child_row(store, 7, 8, start=8) == 0
    finally:
        store.close()
