"""User-made arguments: create, edit, delete with an exact snapshot, restore; tags; progress."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from briefing_app.services import library
from briefing_app.services.arguments import (
    create_argument,
    delete_argument,
    latest_status,
    restore_argument,
    set_tags,
    tag_names,
    update_argument,
)
from briefing_app.services.review import add_review, review_progress, reviews
from briefing_app.store.errors import NotFoundError, StoreError
from briefing_app.store.models import Tag


def _paragraph(store, index: int = 1) -> library.ParagraphRecord:
    return library.paragraphs(store)[index]


def _new(store, index: int = 1, start: int = 0, end: int = 30, **extra) -> int:
    para = _paragraph(store, index)
    fields = dict(label="Mine", claim="A claim", kind="premise", perspectives=["us"])
    fields.update(extra)
    return create_argument(store, paragraph_id=para.id, start=start, end=end, **fields).value


def test_create_quotes_the_span_and_numbers_keys(essay_store) -> None:
    para = _paragraph(essay_store)
    first = _new(essay_store, start=3, end=40, perspectives=["serbia", "us", "serbia"])
    second = _new(essay_store, start=50, end=60)
    record = library.argument(essay_store, first)
    assert record.quote == para.text[3:40]
    assert record.origin == "user"
    assert record.paragraph == para.index
    assert record.perspectives == ["us", "serbia"]  # canonical order, no duplicates
    assert record.key == "user-1"
    assert library.argument(essay_store, second).key == "user-2"


def test_create_cites_footnotes_inside_the_span_and_relates(essay_store) -> None:
    note = next(n for n in library.footnotes(essay_store) if n.paragraph is not None)
    para = _paragraph(essay_store, note.paragraph)
    target = library.arguments(essay_store)[0].id
    new = create_argument(
        essay_store,
        paragraph_id=para.id,
        start=max(0, note.offset - 20),
        end=note.offset,
        label="Cites",
        claim="c",
        kind="evidence",
        perspectives=[],
        relation=("supports", target),
    ).value
    record = library.argument(essay_store, new)
    assert note.number in record.footnotes
    assert record.supports == [target]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"start": 10, "end": 5}, "span"),
        ({"start": 0, "end": 100_000}, "span"),
        ({"label": "  "}, "label"),
        ({"claim": ""}, "claim"),
        ({"kind": "rumour"}, "kind"),
        ({"perspectives": ["mars"]}, "perspective"),
        ({"relation": ("likes", 1)}, "relation"),
        ({"relation": ("supports", 999_999)}, "999999"),
    ],
)
def test_create_validates(essay_store, change, message) -> None:
    with pytest.raises(StoreError, match=message):
        _new(essay_store, **change)
    assert all(a.origin == "curated" for a in library.arguments(essay_store))


def test_create_rejects_unknown_paragraph_and_blank_quote(essay_store) -> None:
    with pytest.raises(NotFoundError):
        create_argument(essay_store, paragraph_id=999_999, start=0, end=3, label="x",
                        claim="y", kind="premise", perspectives=[])  # fmt: skip
    text = _paragraph(essay_store).text
    space = text.index(" ")
    with pytest.raises(StoreError, match="empty"):
        _new(essay_store, start=space, end=space + 1)


def test_update_changes_user_arguments_only(essay_store) -> None:
    new = _new(essay_store)
    done = update_argument(essay_store, new, label="Renamed", kind="risk", perspectives=[])
    assert done.changes.arguments == {new}
    assert done.value == {"label": "Mine", "kind": "premise", "perspectives": ["us"]}
    record = library.argument(essay_store, new)
    assert (record.label, record.kind, record.perspectives) == ("Renamed", "risk", [])
    curated = library.arguments(essay_store)[0].id
    with pytest.raises(StoreError, match="curated arguments are edited in the argument map file"):
        update_argument(essay_store, curated, label="No")
    with pytest.raises(StoreError, match="quote"):
        update_argument(essay_store, new, quote="sneaky")
    with pytest.raises(StoreError, match="kind"):
        update_argument(essay_store, new, kind="rumour")


def test_delete_and_restore_is_exact(essay_store) -> None:
    curated = library.arguments(essay_store)
    new = _new(essay_store, relation=("opposes", curated[0].id))
    other = _new(essay_store, start=40, end=60, relation=("responds_to", new))
    set_tags(essay_store, new, ["mine", "check"])
    add_review(essay_store, new, "disputed", "Vučić said otherwise", "Ana")
    add_review(essay_store, new, "needs-source", "", "Bo")
    before = library.argument(essay_store, new)
    before_reviews = reviews(essay_store, new)

    deleted = delete_argument(essay_store, new)
    snapshot = deleted.value
    assert new in deleted.changes.arguments and curated[0].id in deleted.changes.arguments
    assert new not in {a.id for a in library.arguments(essay_store)}
    assert library.argument(essay_store, other).responds_to == []
    assert "mine" not in tag_names(essay_store)  # unused tags go

    restored = restore_argument(essay_store, snapshot).value
    assert restored == new
    assert library.argument(essay_store, restored) == before
    assert reviews(essay_store, restored) == before_reviews
    assert library.argument(essay_store, other).responds_to == [new]


def test_restore_when_id_and_key_were_taken(essay_store) -> None:
    new = _new(essay_store)
    snapshot = delete_argument(essay_store, new).value
    again = _new(essay_store)  # reuses the key "user-1" (and maybe the id)
    restored = restore_argument(essay_store, snapshot).value
    assert restored != again
    keys = {library.argument(essay_store, i).key for i in (again, restored)}
    assert len(keys) == 2


def test_curated_arguments_cannot_be_deleted(essay_store) -> None:
    curated = library.arguments(essay_store)[0].id
    with pytest.raises(StoreError, match="curated"):
        delete_argument(essay_store, curated)
    with pytest.raises(NotFoundError):
        delete_argument(essay_store, 999_999)


def test_set_tags_normalises(essay_store) -> None:
    arg = library.arguments(essay_store)[0].id
    assert set_tags(essay_store, arg, ["  new   tag ", "New Tag", "", "alpha"]).value == [
        "alpha",
        "new tag",
    ]
    assert library.argument(essay_store, arg).tags == ["alpha", "new tag"]
    set_tags(essay_store, arg, [])
    assert library.argument(essay_store, arg).tags == []
    with essay_store.read() as session:
        assert session.scalar(select(func.count()).where(Tag.name == "alpha")) == 0


def test_progress_and_latest_status(essay_store) -> None:
    ids = [a.id for a in library.arguments(essay_store)]
    assert review_progress(essay_store) == (0, len(ids))
    add_review(essay_store, ids[0], "agreed")
    add_review(essay_store, ids[1], "disputed")
    add_review(essay_store, ids[1], "unreviewed")  # taken back
    assert review_progress(essay_store) == (1, len(ids))
    assert latest_status(essay_store, ids[0]) == "agreed"
    assert latest_status(essay_store, ids[1]) == "unreviewed"
    assert latest_status(essay_store, ids[2]) == "unreviewed"
    with pytest.raises(NotFoundError):
        latest_status(essay_store, 999_999)
