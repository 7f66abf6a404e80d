"""Trials (issue 14): imports are all-or-nothing and cannot reach outside their folder.

Each case runs the real command line in a child with a memory and CPU limit and checks:
the documented exit code, one sentence and no traceback, and the store's full SQL dump
unchanged wherever the input was refused.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest
from cli_trials import EXIT_REFUSED, run_cli, store_dump

from briefing_app.paths import ARGUMENT_MAP_DIR

# The stress tier: every trial runs the CLI in child processes (an import, a dump of the whole
# store before and after). Malformed and missing files are also refused in process in the
# default tier (test_loader.py, test_bad_input.py); the folder-escape trials run only here.
pytestmark = pytest.mark.stress

BUNDLED_SLUG = "balkans-breakthrough-for-ukraine"
NOTE = "# A note on Zvečan\n\nAuthor: Jane Analyst\n\nVučić met Đukić in Zvečan on Tuesday.\n"
NOTE_MAP = """document = "note"

[[argument]]
key = "meeting"
label = "A meeting"
claim = "The note reports a meeting."
kind = "thesis"
quote = "Vučić met Đukić"
"""


def _count(db: Path, table: str) -> int:
    conn = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    finally:
        conn.close()


def _refused(db: Path, *args: str, fragment: str) -> str:
    before = store_dump(db)
    run = run_cli(db, *args)
    assert run.returncode == EXIT_REFUSED, (run.returncode, run.stdout, run.stderr)
    sentence = run.sentence
    assert fragment in sentence, sentence
    assert store_dump(db) == before
    return sentence


def _note(folder: Path, meta: str | None = None, name: str = "note.md") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(NOTE, encoding="utf-8")
    if meta is not None:
        (folder / f"{path.stem}.meta.toml").write_text(meta, encoding="utf-8")
    return path


def _emptying_map(folder: Path) -> Path:
    """A valid map for the bundled essay with no arguments: loaded, it empties the curated map."""
    path = folder / "evil.toml"
    path.write_text(f'document = "{BUNDLED_SLUG}"\n', encoding="utf-8")
    return path


def test_slug_with_dotdot_cannot_load_a_map_from_elsewhere(
    essay_store_path: Path, tmp_path: Path
) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    _emptying_map(outside)
    docs = tmp_path / "docs"
    up = os.path.relpath(outside / "evil", ARGUMENT_MAP_DIR)
    note = _note(docs, f'slug = "{up}"\n')
    arguments = _count(essay_store_path, "argument")
    _refused(essay_store_path, "import", str(note), fragment="slug")
    assert _count(essay_store_path, "argument") == arguments > 40


@pytest.mark.parametrize(
    "name", ["../outside/evil.toml", "/tmp/evil.toml", "sub/../../outside/evil.toml"]
)
def test_argument_map_outside_the_folder_is_refused(
    essay_store_path: Path, tmp_path: Path, name: str
) -> None:
    (tmp_path / "outside").mkdir()
    _emptying_map(tmp_path / "outside")
    note = _note(tmp_path / "docs", f'argument_map = "{name}"\n')
    _refused(essay_store_path, "import", str(note), fragment="outside the imported file's folder")


def test_symlinked_sidecar_and_map_leading_outside_are_refused(
    essay_store_path: Path, tmp_path: Path
) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    evil = _emptying_map(outside)
    docs = tmp_path / "docs"
    note = _note(docs)
    (docs / "map.toml").symlink_to(evil)
    (outside / "note.meta.toml").write_text('argument_map = "map.toml"\n', encoding="utf-8")
    (docs / "note.meta.toml").symlink_to(outside / "note.meta.toml")
    _refused(essay_store_path, "import", str(note), fragment="metadata file")
    (docs / "note.meta.toml").unlink()
    (docs / "note.meta.toml").write_text('argument_map = "map.toml"\n', encoding="utf-8")
    _refused(essay_store_path, "import", str(note), fragment="outside the imported file's folder")


def test_a_sidecar_or_map_that_is_a_symlink_loop_is_one_sentence(
    essay_store_path: Path, tmp_path: Path
) -> None:
    docs = tmp_path / "loop"
    docs.mkdir()
    note = docs / "looped.md"
    note.write_text("# Looped\n\nOne paragraph.\n", encoding="utf-8")
    (docs / "looped.meta.toml").symlink_to("looped.meta.toml")
    before = store_dump(essay_store_path)
    run = run_cli(essay_store_path, "import", str(note))
    assert run.returncode == EXIT_REFUSED, run.stderr
    assert "cannot be followed" in run.sentence
    (docs / "looped.meta.toml").unlink()
    (docs / "looped.meta.toml").write_text('argument_map = "a.toml"\n', encoding="utf-8")
    (docs / "a.toml").symlink_to("b.toml")
    (docs / "b.toml").symlink_to("a.toml")
    run = run_cli(essay_store_path, "import", str(note))
    assert run.returncode == EXIT_REFUSED, run.stderr
    assert "cannot be followed" in run.sentence
    assert store_dump(essay_store_path) == before


def test_a_map_beside_the_file_for_another_document_is_refused(
    essay_store_path: Path, tmp_path: Path
) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    _emptying_map(docs)
    note = _note(docs, 'argument_map = "evil.toml"\n')
    _refused(essay_store_path, "import", str(note), fragment="is for the document")


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        ("document = \n", "not valid TOML"),
        ('document = "note"\n[[argument]]\nkey = "a"\n', "has no label"),
        (NOTE_MAP.replace("Vučić met Đukić", "words not in the note"), "not in the essay"),
    ],
)
def test_a_sidecar_pointing_at_an_invalid_map_imports_nothing(
    essay_store_path: Path, tmp_path: Path, content: str, fragment: str
) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "map.toml").write_text(content, encoding="utf-8")
    note = _note(docs, 'argument_map = "map.toml"\n')
    _refused(essay_store_path, "import", str(note), fragment=fragment)


def test_a_map_beside_the_file_is_imported_with_it(essay_store_path: Path, tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "map.toml").write_text(NOTE_MAP, encoding="utf-8")
    note = _note(docs, 'argument_map = "map.toml"\n')
    run = run_cli(essay_store_path, "import", str(note))
    assert run.returncode == 0, run.stderr
    assert "Created: note" in run.stdout and "1 argument(s)" in run.stdout
    before = store_dump(essay_store_path)
    again = run_cli(essay_store_path, "import", str(note))
    assert again.returncode == 0 and "Unchanged: note" in again.stdout
    assert store_dump(essay_store_path) == before


def test_a_file_named_like_the_essay_does_not_replace_it(
    essay_store_path: Path, tmp_path: Path
) -> None:
    small = _note(tmp_path / "docs", name=f"{BUNDLED_SLUG}.md")
    paragraphs = _count(essay_store_path, "paragraph")
    before = store_dump(essay_store_path)
    _refused(essay_store_path, "import", str(small), fragment="--replace")
    assert _count(essay_store_path, "paragraph") == paragraphs
    # init repairs nothing because nothing was broken
    assert run_cli(essay_store_path, "init").returncode == 0
    assert store_dump(essay_store_path) == before


def test_replace_when_asked_keeps_a_backup(essay_store_path: Path, tmp_path: Path) -> None:
    small = _note(tmp_path / "docs", name=f"{BUNDLED_SLUG}.md")
    before = store_dump(essay_store_path)
    run = run_cli(essay_store_path, "import", "--replace", str(small))
    assert run.returncode == 0, run.stderr
    assert f"Replaced: {BUNDLED_SLUG}" in run.stdout
    backups = sorted(essay_store_path.parent.glob("essay.before-replace-*.sqlite"))
    assert len(backups) == 1 and str(backups[0]) in run.stdout
    assert store_dump(backups[0]) == before
    assert store_dump(essay_store_path) != before


def test_replace_backups_survive_the_pruning_of_upgrade_backups(
    essay_store_path: Path, tmp_path: Path
) -> None:
    """Upgrades keep their newest three backups; a replacement's backup is not one of them."""
    from briefing_app.store.store import MAX_BACKUPS, _prune_backups, backups_of

    small = _note(tmp_path / "docs", name=f"{BUNDLED_SLUG}.md")
    assert run_cli(essay_store_path, "import", "--replace", str(small)).returncode == 0
    (saved,) = essay_store_path.parent.glob("essay.before-replace-*.sqlite")
    for n in range(MAX_BACKUPS + 2):  # upgrade backups, newer than the replacement's
        essay_store_path.with_name(f"essay.backup-2099010{n}T000000.sqlite").write_bytes(b"")
    assert saved not in backups_of(essay_store_path)
    _prune_backups(essay_store_path)
    assert len(backups_of(essay_store_path)) == MAX_BACKUPS
    assert saved.exists()


def _same_instants(dump: str) -> str:
    """The dump with SQLite's "12:00:00" and "12:00:00.000000" read alike (one instant,
    a server default or SQLAlchemy wrote it) and without FTS5's own segment tables (the
    index is rebuilt by the triggers; its rows come from the tables compared)."""
    import re

    lines = [
        line for line in dump.splitlines() if not line.startswith('INSERT INTO "search_index_')
    ]
    return re.sub(r"(\d\d:\d\d:\d\d)\.000000", r"\1", "\n".join(lines))


def test_restore_puts_a_replacement_backup_back(essay_store_path: Path, tmp_path: Path) -> None:
    small = _note(tmp_path / "docs", name=f"{BUNDLED_SLUG}.md")
    before = store_dump(essay_store_path)
    assert run_cli(essay_store_path, "import", "--replace", str(small)).returncode == 0
    (saved,) = essay_store_path.parent.glob("essay.before-replace-*.sqlite")
    replaced = store_dump(essay_store_path)
    empty = tmp_path / "empty.sqlite"
    empty.write_bytes(b"")
    foreign = tmp_path / "foreign.sqlite"
    with sqlite3.connect(foreign) as conn:
        conn.execute("CREATE TABLE t (x)")
    conn.close()
    for bad, fragment in [
        (empty, "empty file"),
        (foreign, "not a briefing store"),
        (small, "not a database file"),
        (Path("/dev/zero"), "regular file"),
        (tmp_path, "regular file"),
        (tmp_path / "none.sqlite", "regular file"),
    ]:
        run = run_cli(essay_store_path, "restore", str(bad))
        assert run.returncode == EXIT_REFUSED, (bad, run.stderr)
        assert fragment in run.sentence
        assert store_dump(essay_store_path) == replaced
    backup_bytes = saved.read_bytes()
    run = run_cli(essay_store_path, "restore", str(saved))
    assert run.returncode == 0, run.stderr
    assert _same_instants(store_dump(essay_store_path)) == _same_instants(before)
    assert saved.read_bytes() == backup_bytes


def test_same_text_with_another_attribution_is_a_replacement(
    essay_store_path: Path, tmp_path: Path
) -> None:
    from briefing_app.services.bootstrap import BUNDLED_ESSAY

    docs = tmp_path / "docs"
    docs.mkdir()
    copy = docs / BUNDLED_ESSAY.name
    copy.write_bytes(BUNDLED_ESSAY.read_bytes())
    (docs / f"{copy.stem}.meta.toml").write_text('attribution = "Someone else"\n', "utf-8")
    _refused(essay_store_path, "import", str(copy), fragment="--replace")


def test_a_bad_slug_in_the_sidecar_is_refused(essay_store_path: Path, tmp_path: Path) -> None:
    note = _note(tmp_path / "docs", 'slug = "Not A Slug/x"\n')
    _refused(essay_store_path, "import", str(note), fragment="slug")


@pytest.mark.parametrize("suffix", [".txt", ".md"])
def test_a_million_paragraphs_are_refused_quickly(
    essay_store_path: Path, tmp_path: Path, suffix: str
) -> None:
    big = tmp_path / f"million{suffix}"
    title = "# Many" if suffix == ".md" else "Many"
    big.write_text(title + "\n\n" + "a.\n\n" * 1_000_000, encoding="utf-8")
    assert big.stat().st_size > 4_000_000
    _refused(essay_store_path, "import", str(big), fragment="split it into several documents")


@pytest.mark.parametrize("suffix", [".txt", ".md"])
def test_paragraphs_up_to_the_limit_import_within_bounds(
    essay_store_path: Path, tmp_path: Path, suffix: str
) -> None:
    from briefing_app.importing.parsed import MAX_PARTS

    doc = tmp_path / f"long{suffix}"
    title = "# Long" if suffix == ".md" else "Long"
    doc.write_text(
        title + "\n\n" + "".join(f"Paragraph {i}.\n\n" for i in range(MAX_PARTS)), encoding="utf-8"
    )
    run = run_cli(essay_store_path, "import", str(doc))
    assert run.returncode == 0, run.stderr
    assert _count(essay_store_path, "paragraph") >= MAX_PARTS
    over = tmp_path / f"over{suffix}"
    over.write_text(doc.read_text(encoding="utf-8") + "One more.\n", encoding="utf-8")
    _refused(essay_store_path, "import", str(over), fragment="20,000")


@pytest.mark.parametrize("where", ["sidecar", "map"])
def test_toml_nested_deeper_than_the_recursion_limit(
    essay_store_path: Path, tmp_path: Path, where: str
) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    deep = "x = " + "[" * 100_000 + "]" * 100_000 + "\n"
    if where == "sidecar":
        note = _note(docs, deep)
    else:
        (docs / "map.toml").write_text('document = "note"\n' + deep, encoding="utf-8")
        note = _note(docs, 'argument_map = "map.toml"\n')
    _refused(essay_store_path, "import", str(note), fragment="nested too deeply")
