"""Importing into the store: invariants, idempotence, replacement, and refusals."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import inspect, select

from briefing_app.importing.parsed import ImportFormatError
from briefing_app.paths import ESSAY_DIR
from briefing_app.services import library
from briefing_app.services.bootstrap import BUNDLED_ESSAY, import_file
from briefing_app.store.models import Argument, ReviewAnnotation

SUPERSCRIPTS = set("⁰¹²³⁴⁵⁶⁷⁸⁹")


def _dump(store) -> dict[str, list]:
    """Every row of every table, for comparing store states."""
    tables = {}
    with store.engine.connect() as conn:
        names = [n for n in inspect(conn).get_table_names() if not n.startswith("search_index")]
        for name in sorted(names):
            tables[name] = sorted(map(repr, conn.exec_driver_sql(f'SELECT * FROM "{name}"').all()))
        position = "rowid" if store.is_sqlite else "position"
        tables["search_index"] = sorted(
            map(repr, conn.exec_driver_sql(f"SELECT {position}, * FROM search_index").all())
        )
    return tables


def test_footnotes_are_tied_to_their_markers(essay_store) -> None:
    notes = library.footnotes(essay_store)
    assert [n.number for n in notes] == list(range(1, 9))
    by_number = {n.number: n for n in notes}
    assert by_number[1].context.endswith("half-dozen times")
    assert by_number[2].context.endswith("territory.")
    assert by_number[3].context.endswith("security guarantees")
    assert by_number[4].context.endswith("ceasefire.")
    assert by_number[5].context.endswith("still reluctant")
    assert by_number[7].context.endswith("golden opportunity")
    assert by_number[8].context.endswith("legal sophistry,")
    paragraphs = {p.index: p.text for p in library.paragraphs(essay_store)}
    for note in notes:
        assert paragraphs[note.paragraph][: note.offset].endswith(note.context)


def test_clean_text_has_no_markup(essay_store) -> None:
    texts = [p.text for p in library.paragraphs(essay_store)]
    texts += [n.text for n in library.footnotes(essay_store)]
    for text in texts:
        assert "](#)" not in text
        assert "*" not in text
        assert not SUPERSCRIPTS & set(text)
        assert text == text.strip() and "  " not in text


def test_page_breaks_are_joined(essay_store) -> None:
    texts = [p.text for p in library.paragraphs(essay_store)]
    joined = " ".join(texts)
    assert any("Speaking before the Duma in March 2014" in t for t in texts)
    assert any("accepting the results of the aggressive wars" in t for t in texts)
    assert any("(The Trump Historic Agreement could be executed" in t for t in texts)
    assert "security guarantees In other words, the modalities" in joined
    fn4 = next(n for n in library.footnotes(essay_store) if n.number == 4)
    assert "see major strategic value" in fn4.text


def test_links_and_sections(essay_store) -> None:
    from briefing_app.store.models import Link

    with essay_store.read() as session:
        links = list(session.scalars(select(Link)))
        paragraphs = library.paragraphs(essay_store)
        by_id = {p.id: p.text for p in paragraphs}
        for link in links:
            if link.paragraph_id is not None:
                assert by_id[link.paragraph_id][link.span_start : link.span_end] == (
                    link.anchor_text
                )
    assert len(links) >= 60
    sections = {p.section for p in paragraphs}
    assert "The Kosovo-1244 Model Provides a Template for a Ukraine Ceasefire" in sections
    assert "Advance the Kosovo Ceasefire Model by Bringing Serbia into NATO" in sections


def test_document_metadata(essay_store) -> None:
    (doc,) = library.documents(essay_store)
    assert doc.author == "Edward P. Joseph"
    assert doc.published == "2025-10-12" and doc.revised == "2025-11-13"
    assert doc.category == "EUROPE, SECURITY & CONFLICT"
    assert doc.publisher and "Johns Hopkins SAIS" in doc.publisher
    assert doc.attribution and "Edward P. Joseph" in doc.attribution
    assert doc.image_caption and doc.image_caption.startswith("Serbian President Aleksandar Vučić")


def test_importing_twice_changes_nothing(essay_store) -> None:
    before = _dump(essay_store)
    result = import_file(essay_store, BUNDLED_ESSAY)
    assert result.status == "unchanged"
    assert _dump(essay_store) == before


def test_changed_file_replaces_document_and_keeps_reviews(essay_store, tmp_path: Path) -> None:
    changed = tmp_path / "balkans-breakthrough-for-ukraine.txt"
    text = BUNDLED_ESSAY.read_text(encoding="utf-8")
    changed.write_text(text.replace("dizzying oscillations", "bewildering oscillations"))
    (tmp_path / "balkans-breakthrough-for-ukraine.meta.toml").write_bytes(
        (ESSAY_DIR / "balkans-breakthrough-for-ukraine.meta.toml").read_bytes()
    )
    with essay_store.transaction() as session:
        argument = session.scalars(select(Argument).order_by(Argument.id)).first()
        if argument is not None:
            session.add(ReviewAnnotation(argument_id=argument.id, status="agreed", comment="ok"))
    before = _dump(essay_store)
    with pytest.raises(ImportFormatError, match="--replace"):
        import_file(essay_store, changed)
    assert _dump(essay_store) == before
    result = import_file(essay_store, changed, replace=True)
    assert result.status == "replaced"
    assert len(library.documents(essay_store)) == 1
    texts = " ".join(p.text for p in library.paragraphs(essay_store))
    assert "bewildering oscillations" in texts and "dizzying" not in texts
    with essay_store.read() as session:
        assert session.scalar(select(ReviewAnnotation.comment)) in (None, "ok")
        for arg in session.scalars(select(Argument)):
            assert arg.paragraph_id is not None, f"{arg.key} lost its anchor"


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        (b"", "empty"),
        (b"caf\xe9 au lait\n\nmore text\n", "UTF-8"),
        (b"\x00\x01binary\x00junk", "binary"),
        (b"Title\n\nBody with marker\xc2\xb9 but no footnotes.\n", "footnote"),
    ],
)
def test_malformed_file_leaves_store_exactly_as_it_was(
    essay_store, tmp_path: Path, content: bytes, fragment: str
) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    before = _dump(essay_store)
    with pytest.raises(ImportFormatError) as info:
        import_file(essay_store, bad)
    assert fragment.lower() in str(info.value).lower()
    assert _dump(essay_store) == before


def test_missing_file_is_a_clear_error(essay_store, tmp_path: Path) -> None:
    with pytest.raises(ImportFormatError, match="does not exist"):
        import_file(essay_store, tmp_path / "nope.txt")


def test_markdown_import(essay_store, tmp_path: Path) -> None:
    md = tmp_path / "note.md"
    md.write_text(
        "# A Short Note on Đukić\n\nAuthor: Jane Analyst\n\n## Context\n\n"
        "Belgrade matters[^1] and *so does* [Pristina](https://example.org).\n\n"
        "[^1]: A footnote with detail.\n",
        encoding="utf-8",
    )
    result = import_file(essay_store, md)
    assert result.status == "created"
    paras = library.paragraphs(essay_store, result.slug)
    assert paras[0].text == "Belgrade matters and so does Pristina."
    notes = library.footnotes(essay_store, result.slug)
    assert notes[0].context == "Belgrade matters" and notes[0].paragraph == 0


def test_store_file_hash_unchanged_by_failed_import(essay_store_path: Path, tmp_path) -> None:
    from briefing_app.store.store import open_store

    store = open_store(essay_store_path)
    with store.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    digest = hashlib.sha256(essay_store_path.read_bytes()).hexdigest()
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01\x02")
    with pytest.raises(ImportFormatError):
        import_file(store, bad)
    with store.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    assert hashlib.sha256(essay_store_path.read_bytes()).hexdigest() == digest


def test_a_metadata_file_with_a_list_for_the_slug_is_a_clear_error(essay_store, tmp_path) -> None:
    source = tmp_path / "note.md"
    source.write_text("# A note\n\nSome body text.\n", encoding="utf-8")
    (tmp_path / "note.meta.toml").write_text('slug = ["a", "b"]\n', encoding="utf-8")
    with pytest.raises(ImportFormatError, match=r"'slug' in its metadata file note\.meta\.toml"):
        import_file(essay_store, source)


def _same_instants(dump: dict[str, list]) -> dict[str, list]:
    """A dump in which SQLite's "12:00:00" and "12:00:00.000000" read alike (one instant,
    written by the server's default or by SQLAlchemy)."""
    import re

    return {
        name: [re.sub(r"(\d\d:\d\d:\d\d)\.000000", r"\1", row) for row in rows]
        for name, rows in dump.items()
    }


def test_replace_backs_up_first_on_either_store(essay_store, store_backend, tmp_path) -> None:
    """The backup is a store file; ``restore`` puts every row back (on PostgreSQL too)."""
    from briefing_app.importing.files import import_document
    from briefing_app.store.copy import restore_rows

    small = tmp_path / "docs" / "balkans-breakthrough-for-ukraine.md"
    small.parent.mkdir()
    small.write_text("# Replacement\n\nOne paragraph only.\n", encoding="utf-8")
    paragraphs = len(library.paragraphs(essay_store))
    before = _dump(essay_store)
    done = import_document(essay_store, small, replace=True)
    assert done.result.status == "replaced" and len(library.paragraphs(essay_store)) == 1
    assert done.backup is not None and done.backup.is_file()
    assert ".before-replace-" in done.backup.name and done.backup.suffix == ".sqlite"
    with sqlite3.connect(done.backup) as conn:
        assert conn.execute("SELECT count(*) FROM paragraph").fetchone()[0] == paragraphs
        assert conn.execute("SELECT count(*) FROM argument").fetchone()[0] > 0
    saved = done.backup.read_bytes()
    restore_rows(essay_store, done.backup)
    assert _same_instants(_dump(essay_store)) == _same_instants(before)
    assert done.backup.read_bytes() == saved  # read from a copy, never written
    # ids continue after the restored ones: the next import writes without a clash
    again = import_document(essay_store, small, replace=True)
    assert again.result.status == "replaced" and len(library.paragraphs(essay_store)) == 1
