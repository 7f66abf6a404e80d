"""Two clients editing one deck at once: no edit is lost, a stale edit is refused.

Each client is its own Store (its own engine and connections) on the same database, as
two desktops on one team store would be; on PostgreSQL these run against the server.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator

import pytest
from sqlalchemy import event

from briefing_app.services import decks
from briefing_app.store.errors import ConflictError
from briefing_app.store.store import Store, open_store


@pytest.fixture
def two_clients(essay_store: Store) -> Iterator[tuple[Store, Store]]:
    decks.create_deck(essay_store, "Shared")
    slide = decks.add_slide(essay_store, "Shared", "argument", title="Shared slide")
    decks.add_items(essay_store, slide.id, [{"text": "first point"}, {"text": "second"}])
    other = open_store(essay_store.location)
    yield essay_store, other
    other.close()


def _slide(store: Store):
    return decks.get_deck(store, "Shared").slides[0]


def _in_parallel(*jobs: Callable[[], None]) -> None:
    errors: list[BaseException] = []
    start = threading.Barrier(len(jobs))

    def run(job: Callable[[], None]) -> None:
        start.wait()
        try:
            job()
        except BaseException as exc:  # reported to the test below
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert not errors, errors


def test_edits_to_different_points_both_survive(two_clients) -> None:
    alice, bob = two_clients
    first, second = _slide(alice).items

    def alice_types() -> None:
        for n in range(15):
            decks.set_item_text(alice, first.id, f"alice {n}")

    def bob_types() -> None:
        for n in range(15):
            decks.set_item_text(bob, second.id, f"bob {n}")

    _in_parallel(alice_types, bob_types)
    assert [i.text for i in _slide(alice).items] == ["alice 14", "bob 14"]


def test_a_stale_edit_is_refused_and_the_newer_text_kept(two_clients) -> None:
    alice, bob = two_clients
    item = _slide(bob).items[0]  # both clients are showing "first point"
    decks.set_item_text(alice, item.id, "Alice's wording", expected=item.text)
    with pytest.raises(ConflictError, match="Someone else changed the point"):
        decks.set_item_text(bob, item.id, "Bob's wording", expected=item.text)
    assert _slide(bob).items[0].text == "Alice's wording"


def test_a_stale_title_edit_is_refused(two_clients) -> None:
    alice, bob = two_clients
    slide = _slide(bob)
    decks.update_slide(alice, slide.id, title="Alice's title", expected={"title": slide.title})
    with pytest.raises(ConflictError, match="title"):
        decks.update_slide(bob, slide.id, title="Bob's title", expected={"title": slide.title})
    assert _slide(alice).title == "Alice's title"


def test_undo_does_not_overwrite_someone_elses_change(two_clients) -> None:
    alice, bob = two_clients
    slide_id = _slide(alice).id
    before = decks.slide_snapshot(alice, slide_id)
    decks.update_slide(alice, slide_id, title="Alice's title")
    after = decks.slide_snapshot(alice, slide_id)
    decks.set_item_text(bob, after.items[0].id, "Bob's later point")
    with pytest.raises(ConflictError, match="cannot be undone"):
        decks.replace_slide(alice, before, expected=after)
    assert _slide(alice).items[0].text == "Bob's later point"


def _meet_before_inserting(stores: tuple[Store, ...]) -> threading.Barrier:
    """Make each client wait (briefly) for the other just before it inserts a point.

    Both have then read the slide's points before either writes, which is the
    interleaving that loses order unless the deck lock makes the second client wait.
    """
    meeting = threading.Barrier(len(stores))

    def wait_for_other(_conn, _cursor, statement: str, *_args) -> None:
        if statement.startswith("INSERT INTO slide_item"):
            try:
                meeting.wait(timeout=0.3)
            except threading.BrokenBarrierError:
                meeting.reset()  # the other client is waiting for the lock: go on

    for store in stores:
        event.listen(store.engine, "before_cursor_execute", wait_for_other)
    return meeting


def test_concurrent_additions_keep_every_point_in_order(two_clients) -> None:
    """Each addition renumbers the slide's points; without the deck lock two clients'
    renumbering interleaves on PostgreSQL and leaves two points at one position."""
    alice, bob = two_clients
    slide_id = _slide(alice).id
    _meet_before_inserting((alice, bob))

    def adds(store: Store, who: str) -> Callable[[], None]:
        def run() -> None:
            for n in range(4):
                decks.add_item(store, slide_id, text=f"{who} {n}", position=0)

        return run

    _in_parallel(adds(alice, "alice"), adds(bob, "bob"))
    items = _slide(alice).items
    assert {f"{who} {n}" for who in ("alice", "bob") for n in range(4)} <= {i.text for i in items}
    assert sorted(i.position for i in items) == list(range(10))
