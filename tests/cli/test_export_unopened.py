"""``briefing-app export`` reads a prepared SQLite store without opening it: no SQLAlchemy
in the process, the same files and warnings as the export through the opened store, and
the opened store's way (its notes and sentences) whenever opening would do anything."""

from __future__ import annotations

import re
import shutil
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from child_processes import REPO, child_env

from briefing_app.cli import main
from briefing_app.render.export import export_deck
from briefing_app.services.bootstrap import open_prepared

DECK = "Brief"
# A child that runs the command and then names the database modules it imported.
CHILD = (
    "import runpy, sys\n"
    "sys.argv = ['briefing_app', *sys.argv[1:]]\n"
    "try:\n"
    "    runpy.run_module('briefing_app', run_name='__main__')\n"
    "except SystemExit as done:\n"
    "    loaded = sorted(m for m in sys.modules if m.split('.')[0] in ('sqlalchemy', 'alembic'))\n"
    "    print('LOADED', *loaded, file=sys.stderr)\n"
    "    raise\n"
)


def _command(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", CHILD, "--db", str(db), *args],
        capture_output=True,
        text=True,
        env=child_env(),
        cwd=REPO,
        timeout=300,
    )


def _loaded(stderr: str) -> list[str]:
    (line,) = [line for line in stderr.splitlines() if line.startswith("LOADED")]
    return line.split()[1:]


@pytest.fixture
def store_file(essay_store_path: Path, capsys) -> Path:
    assert main(["--db", str(essay_store_path), "deck", "create", DECK,
                 "--from", "default-briefing"]) == 0  # fmt: skip
    capsys.readouterr()
    return essay_store_path


@pytest.fixture(scope="module")
def pandoc_reference(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """pandoc's default reference.pptx: a house template none of us made."""
    if shutil.which("pandoc") is None:
        pytest.skip("pandoc is not installed")
    path = tmp_path_factory.mktemp("pandoc") / "reference.pptx"
    path.write_bytes(
        subprocess.run(["pandoc", "--print-default-data-file", "reference.pptx"],
                       check=True, capture_output=True, timeout=60).stdout
    )  # fmt: skip
    return path


def _parts(path: Path) -> dict[str, bytes]:
    """Every part of a PPTX, the creation and modification times taken out."""
    with zipfile.ZipFile(path) as package:
        parts = {name: package.read(name) for name in package.namelist()}
    stamp = re.compile(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ")
    parts["docProps/core.xml"] = stamp.sub(b"", parts["docProps/core.xml"])
    return parts


def test_the_command_exports_without_sqlalchemy_what_the_opened_store_exports(
    store_file: Path, tmp_path: Path
) -> None:
    unopened = tmp_path / "unopened.pptx"
    done = _command(store_file, "export", DECK, "--out", str(unopened))
    assert done.returncode == 0, done.stderr
    assert _loaded(done.stderr) == []  # neither SQLAlchemy nor Alembic was imported
    assert not list(tmp_path.glob("*.sqlite-*"))  # nor a -wal or -shm file left beside it
    store = open_prepared(str(store_file))
    try:
        opened = export_deck(store, DECK, "pptx", tmp_path / "opened.pptx")
    finally:
        store.close()
    assert _parts(unopened) == _parts(opened.path)
    warnings = [f"briefing-app: warning: {w}" for w in opened.warnings]
    assert [line for line in done.stderr.splitlines() if "warning:" in line] == warnings


def test_a_pdf_and_a_house_template_export_the_same_both_ways(
    store_file: Path, tmp_path: Path, capsys, pandoc_reference: Path
) -> None:
    for args in (("template", "add", str(pandoc_reference), "--name", "pandoc"),
                 ("deck", "set", DECK, "--template", "pandoc")):  # fmt: skip
        assert main(["--db", str(store_file), *args]) == 0
    unopened = tmp_path / "unopened.pptx"
    assert main(["--db", str(store_file), "export", DECK, "--out", str(unopened)]) == 0
    pdf = tmp_path / "unopened.pdf"
    assert main(["--db", str(store_file), "export", DECK, "--format", "pdf",
                 "--out", str(pdf)]) == 0  # fmt: skip
    unopened_err = capsys.readouterr().err
    store = open_prepared(str(store_file))
    try:
        opened = export_deck(store, DECK, "pptx", tmp_path / "opened.pptx")
        opened_pdf = export_deck(store, DECK, "pdf", tmp_path / "opened.pdf")
    finally:
        store.close()
    assert _parts(unopened) == _parts(opened.path)
    assert _pdf_text(pdf) == _pdf_text(opened_pdf.path)
    assert unopened_err.count("warning:") == 2 * len(opened.warnings)


def _pdf_text(path: Path) -> list[str]:
    import pypdfium2

    document = pypdfium2.PdfDocument(str(path))
    try:
        return [page.get_textpage().get_text_range() for page in document]
    finally:
        document.close()


@pytest.mark.parametrize(
    ("change", "note"),
    [
        ("UPDATE document SET argument_map_hash = 'older'", "argument map was updated"),
        ("UPDATE map_layer SET geometry_checked = 0 WHERE id = (SELECT min(id) FROM map_layer)",
         None),
    ],
)  # fmt: skip
def test_a_store_opening_would_change_is_exported_through_the_opened_store(
    store_file: Path, tmp_path: Path, change: str, note: str | None
) -> None:
    conn = sqlite3.connect(store_file)
    conn.execute(change)
    conn.commit()
    conn.close()
    done = _command(store_file, "export", DECK, "--out", str(tmp_path / "out.pptx"))
    assert done.returncode == 0, done.stderr
    assert "sqlalchemy" in _loaded(done.stderr)
    if note is not None:
        assert note in done.stderr


def test_an_unknown_deck_is_the_same_sentence(store_file: Path) -> None:
    done = _command(store_file, "export", "Nope")
    assert done.returncode == 2
    assert done.stderr.splitlines()[0] == "briefing-app: There is no deck named 'Nope'."


# --- a store another process holds open ---------------------------------------------------


def _cover(path: Path) -> str:
    with zipfile.ZipFile(path) as package:
        return package.read("ppt/slides/slide1.xml").decode("utf-8")


@pytest.mark.stress  # three commands beside a second process
def test_the_command_exports_what_another_process_committed(
    store_file: Path, tmp_path: Path
) -> None:
    """The app holds the store open (its write-ahead log beside it): the export shows what
    it committed, even before that reaches the file, never what it has not committed, and
    after the app is killed, what it committed last. Read without opening each time."""
    holder = subprocess.Popen(
        [sys.executable, str(Path(__file__).with_name("store_holder.py")), str(store_file)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=child_env(), cwd=REPO,
    )  # fmt: skip
    assert holder.stdin is not None and holder.stdout is not None

    def ask(line: str) -> None:
        assert holder.stdin is not None and holder.stdout is not None
        holder.stdin.write(line + "\n")
        holder.stdin.flush()
        assert holder.stdout.readline().strip() == "ok"

    def exported(name: str) -> str:
        out = tmp_path / f"{name}.pptx"
        done = _command(store_file, "export", DECK, "--out", str(out))
        assert done.returncode == 0, done.stderr
        assert _loaded(done.stderr) == []  # read without opening
        return _cover(out)

    try:
        assert holder.stdout.readline().strip() == "ready"
        ask("commit Committed-First")
        assert store_file.with_name(f"{store_file.name}-wal").stat().st_size > 0
        assert "Committed-First" in exported("committed")
        ask("begin Never-Committed")
        cover = exported("pending")
        assert "Committed-First" in cover and "Never-Committed" not in cover
    finally:
        holder.kill()
        holder.wait(timeout=60)
    assert "Committed-First" in exported("killed")
    holder = subprocess.Popen(
        [sys.executable, str(Path(__file__).with_name("store_holder.py")), str(store_file)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=child_env(), cwd=REPO,
    )  # fmt: skip
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
        ask("commit Committed-Last")
    finally:
        holder.kill()
        holder.wait(timeout=60)
    assert "Committed-Last" in exported("killed-again")
