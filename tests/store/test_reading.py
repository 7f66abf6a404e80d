"""The plain-SQL reader: the same reads on a store's own connection and on a read-only
stdlib sqlite3 connection, and the store's one sentence for a value changed outside it."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from briefing_app.deck.compose import compose_read
from briefing_app.services import library, maps
from briefing_app.services.decks import add_item, duplicate_deck
from briefing_app.store.errors import UnreadableValueError
from briefing_app.store.reading import StoreReader
from briefing_app.store.store import Store

DECK = "Default"


@pytest.fixture
def briefing(essay_store: Store, with_full_briefing: str) -> Store:
    """The essay store with the full read-ahead (every layout, every kind of source)."""
    deck = duplicate_deck(essay_store, with_full_briefing, DECK)
    slide = next(s for s in deck.slides if s.layout == "argument")
    for note in library.footnotes(essay_store):  # footnote 4 is quoted and corrected
        add_item(essay_store, slide.id, source_kind="footnote", source_id=note.id)
    return essay_store


def _read_only(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)


def _refs(reader: StoreReader) -> list[tuple[str | None, int | None]]:
    deck = reader.deck_named(DECK)
    return [(i.source_kind, i.source_id) for s in reader.slides(deck.id) for i in s.items]


@pytest.mark.parametrize("whole_documents", [True, False])
def test_every_source_reads_the_same_in_bulk_and_one_by_one(
    briefing: Store, whole_documents: bool
) -> None:
    with briefing.reader() as bulk:
        refs = _refs(bulk)
        assert {kind for kind, _ in refs} >= {"argument", "quote", "event", "map", "footnote"}
        bulk.preload(refs, whole_documents=whole_documents)
        preloaded = [bulk.source(kind, source_id) for kind, source_id in refs]
    with briefing.reader() as single:
        one_by_one = [single.source(kind, source_id) for kind, source_id in refs]
    assert preloaded == one_by_one
    corrected = {s.kind for s in preloaded if s is not None and s.correction}
    assert corrected >= {"footnote", "event"}  # corrections read too, beside footnotes


def test_a_read_only_sqlite3_connection_composes_what_the_store_composes(
    briefing: Store, store_backend: str
) -> None:
    if store_backend != "sqlite":
        pytest.skip("the export command's own connection is for a SQLite file")
    with briefing.reader() as reader:
        through_store = compose_read(reader, DECK)
    connection = _read_only(Path(briefing.engine.url.database or ""))
    try:
        through_sqlite3 = compose_read(StoreReader(connection), DECK)
    finally:
        connection.close()
    assert through_sqlite3 == through_store
    assert through_store.content.slides and through_store.content.keywords


def test_a_reader_opens_no_transaction_until_it_reads(briefing: Store) -> None:
    with briefing.reader() as reader:
        assert reader._connection is None
        assert reader.deck_named(DECK).name == DECK
        assert reader._connection is not None


def test_the_store_s_statements_include_its_readers(briefing: Store) -> None:
    """A reader runs its SQL on the driver's own cursor, unseen by the engine's events;
    counting what an operation reads (tests, ``bench editor``) must see it too."""
    with briefing.statements() as sent:
        with briefing.reader() as reader:
            deck = reader.deck_named(DECK)
            reader.slides(deck.id)
        with briefing.read() as session:
            session.connection().exec_driver_sql("SELECT 1")
    reads = [s for s in sent if s.startswith("SELECT")]
    assert [s.split(" FROM ")[1].split()[0] for s in reads[:3]] == ["deck", "slide", "slide_item"]
    assert reads[3:] == ["SELECT 1"]
    with briefing.reader() as reader:  # and nothing once the block is left
        reader.deck_named(DECK)
    assert len([s for s in sent if s.startswith("SELECT")]) == 4


def test_a_map_reads_as_the_map_service_reads_it(briefing: Store) -> None:
    spec = maps.get_map(briefing, "kosovo-north")
    from briefing_app.maps.stored import spec_of_row

    with briefing.reader() as reader:
        (map_id,) = [
            row[0] for row in reader.rows("SELECT id FROM map WHERE key = ?", ("kosovo-north",))
        ]
        row = reader.map(map_id)
    assert row is not None and spec_of_row(row) == spec


@pytest.mark.parametrize(
    "tampering",
    [
        "UPDATE map SET extent = 'not json'",
        "UPDATE map SET extent = '[30, 50, 10, 40]'",
        "UPDATE map_layer SET features = '\"text\"'",
        "UPDATE map_layer SET selector = '[1, 2]'",
    ],
)
def test_a_value_changed_outside_the_app_is_the_store_s_one_sentence(
    essay_store_path: Path, tampering: str
) -> None:
    conn = sqlite3.connect(essay_store_path)
    conn.executescript(tampering)
    conn.close()
    from briefing_app.store.store import open_store

    store = open_store(essay_store_path)
    try:
        with pytest.raises(UnreadableValueError) as orm:
            maps.get_map(store, "kosovo-north")
    finally:
        store.close()
    connection = _read_only(essay_store_path)
    try:
        reader = StoreReader(connection)
        (map_id,) = [row[0] for row in reader.rows("SELECT id FROM map WHERE key = 'kosovo-north'")]
        with pytest.raises(UnreadableValueError) as plain:
            reader.map(map_id)
    finally:
        connection.close()
    assert str(plain.value) == str(orm.value)


def test_an_unknown_deck_is_one_sentence(briefing: Store) -> None:
    from briefing_app.store.errors import NotFoundError

    with briefing.reader() as reader, pytest.raises(NotFoundError, match="no deck named 'Nope'"):
        reader.deck_named("Nope")
