"""Templates in the store: content-addressed, chosen per deck, and bad files leave the
store exactly as it was; through the service and the command line."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest
from sqlalchemy import func, select

from briefing_app.cli import main
from briefing_app.services import templates as service
from briefing_app.store.models import Deck
from briefing_app.store.store import open_store
from briefing_app.store.template_models import Template
from briefing_app.templates.build_default import DEFAULT_TEMPLATE, build_bytes
from briefing_app.templates.package import TemplateError


def _zipped(parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return out.getvalue()


def _rows(store) -> tuple[int, list]:
    with store.read() as session:
        count = session.scalar(select(func.count(Template.id)))
        decks = session.execute(select(Deck.name, Deck.template_id).order_by(Deck.name)).all()
        return count, [tuple(d) for d in decks]


def test_content_addressed_and_per_deck(empty_store, pandoc_reference: Path) -> None:
    first = service.add_template(empty_store, pandoc_reference, "Pandoc")
    again = service.add_template(empty_store, pandoc_reference, "Another name")
    assert again == first and first.name == "Pandoc" and len(first.sha256) == 64
    assert _rows(empty_store)[0] == 1
    with pytest.raises(Exception, match="different template named 'Pandoc'"):
        copy = pandoc_reference.parent / "house.pptx"
        copy.write_bytes(DEFAULT_TEMPLATE.read_bytes())
        service.add_template(empty_store, copy, "Pandoc")
    from briefing_app.services.decks import create_deck

    create_deck(empty_store, "Brief")
    changes = service.set_deck_template(empty_store, "Brief", "Pandoc")
    assert changes.deck_fields
    assert not service.set_deck_template(empty_store, "Brief", "Pandoc")  # no change
    assert service.deck_template_name(empty_store, "Brief") == "Pandoc"
    _, match = service.deck_template(empty_store, "Brief")
    assert match.choice("argument").name == "Title and Content"
    assert [t.decks for t in service.list_templates(empty_store)] == [1]
    service.set_deck_template(empty_store, "Brief", None)
    assert service.deck_template_name(empty_store, "Brief") is None
    _, ours = service.deck_template(empty_store, "Brief")
    assert ours.choice("argument").name == "Argument"


def _rezipped(drop: str = "", extra: dict[str, bytes] | None = None) -> bytes:
    """Our template with the parts whose names contain ``drop`` left out, ``extra`` added."""
    out = io.BytesIO()
    source = zipfile.ZipFile(io.BytesIO(build_bytes()))
    with source as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name in src.namelist():
            if not drop or drop not in name:
                dst.writestr(name, src.read(name))
        for name, data in (extra or {}).items():
            dst.writestr(name, data)
    return out.getvalue()


# The bad files, named by the file alone: the zips' bytes carry the time they were made,
# so ids made from them would differ between the test workers' collections.
_BAD_FILES = [
    ("notes.pptx", b"not a zip"),
    ("report.pptx", _zipped({"word/document.xml": b"<w/>"})),
    ("no-layouts.pptx", _rezipped("slideLayout")),  # its master still names them
    ("locked.pptx", bytes.fromhex("D0CF11E0A1B11AE1") + bytes(2048)),
    ("macros.potm", build_bytes()),
    ("macros.pptm", _rezipped(extra={"ppt/vbaProject.bin": bytes(64)})),
    ("bomb.pptx", _rezipped(extra={"ppt/media/image9.png": bytes(20 * 1024 * 1024)})),
    ("broken.pptx", _rezipped("slideLayout3.xml")),
    ("huge.pptx", None),  # 200 MB (sparse)
]


@pytest.mark.parametrize(("filename", "data"), _BAD_FILES, ids=[name for name, _ in _BAD_FILES])
def test_a_bad_file_leaves_the_store_unchanged(
    empty_store, tmp_path: Path, filename: str, data: bytes | None
) -> None:
    from briefing_app.services.decks import create_deck

    create_deck(empty_store, "Brief")
    service.add_template(empty_store, DEFAULT_TEMPLATE, "House")
    service.set_deck_template(empty_store, "Brief", "House")
    before = _rows(empty_store)
    bad = tmp_path / filename
    if data is None:
        with bad.open("wb") as f:
            f.truncate(200 * 1024 * 1024)
    else:
        bad.write_bytes(data)
    with pytest.raises(TemplateError):
        service.add_template(empty_store, bad, "House")
    with pytest.raises(TemplateError):
        service.add_template(empty_store, bad)
    assert _rows(empty_store) == before


def test_command_line(capsys, tmp_path: Path, pandoc_reference: Path) -> None:
    db = ["--db", str(tmp_path / "cli.sqlite")]

    def run(*args: str) -> tuple[int, str, str]:
        code = main([*db, *args])
        out = capsys.readouterr()
        return code, out.out, out.err

    code, out, _ = run("template", "check", str(pandoc_reference))
    assert code == 0
    assert "Title and Content" in out and "Calibri" in out and "Carlito" in out
    assert out.startswith("reference.pptx: 720 x 405 pt (16:9), master 1\n")
    code, out, _ = run("template", "check", str(pandoc_reference), "--json")
    report = json.loads(out)
    assert report["master"] == 1  # counted from 1 in both, as the table and PowerPoint do
    assert report["slide_size"] == "720 x 405 pt (16:9)"
    assert {r["ours"]: r["layout"] for r in report["layouts"]}["comparison"] == "Comparison"
    assert run("template", "add", str(pandoc_reference), "--name", "Pandoc")[0] == 0
    code, out, _ = run("templates", "--json")
    assert [t["name"] for t in json.loads(out)] == ["Pandoc"]

    code, _, err = run("deck", "create", "Brief", "--template", "Nope")
    assert code == 2 and err.count("\n") == 1 and "no template named 'Nope'" in err
    code, out, _ = run("decks", "--json")
    assert json.loads(out) == []  # nothing half-made
    assert run("deck", "create", "Brief", "--template", "Pandoc")[0] == 0
    assert "\nTemplate: Pandoc\n" in run("deck", "show", "Brief")[1]  # which one it uses
    assert json.loads(run("deck", "show", "Brief", "--json")[1])["template"] == "Pandoc"
    code, out, _ = run("templates", "--json")
    assert json.loads(out)[0]["decks"] == 1
    code, out, _ = run("deck", "set", "Brief", "--template", "")
    assert code == 0 and "our own template" in out
    code, out, _ = run("templates", "--json")
    assert json.loads(out)[0]["decks"] == 0
    # as deck set --help says, undo takes it back (and redo does it again)
    code, out, _ = run("undo", "Brief")
    assert code == 0 and "template" in out
    code, out, _ = run("templates", "--json")
    assert json.loads(out)[0]["decks"] == 1
    assert run("redo", "Brief")[0] == 0
    code, out, _ = run("templates", "--json")
    assert json.loads(out)[0]["decks"] == 0

    bad = tmp_path / "bad.pptx"
    bad.write_text("hello")
    code, _, err = run("template", "add", str(bad))
    assert code == 2
    assert err == "briefing-app: bad.pptx is not a PowerPoint file (.pptx or .potx).\n"


def test_a_new_version_replaces_a_template_for_its_decks(
    capsys, tmp_path: Path, pandoc_reference: Path
) -> None:
    """The ministry issues next year's template: ``template add FILE --name NAME --replace``
    makes it the version every deck in NAME exports in; without --replace the name is
    refused in one sentence and nothing changes."""
    db = ["--db", str(tmp_path / "cli.sqlite")]

    def run(*args: str) -> tuple[int, str, str]:
        code = main([*db, *args])
        out = capsys.readouterr()
        return code, out.out, out.err

    assert run("template", "add", str(pandoc_reference), "--name", "Ministry")[0] == 0
    assert run("deck", "create", "Brief", "--template", "Ministry")[0] == 0
    before = json.loads(run("templates", "--json")[1])
    code, _, err = run("template", "add", str(DEFAULT_TEMPLATE), "--name", "Ministry")
    assert code == 2 and err.count("\n") == 1 and "--replace" in err
    assert json.loads(run("templates", "--json")[1]) == before
    code, out, _ = run("template", "add", str(DEFAULT_TEMPLATE), "--name", "Ministry",
                       "--replace")  # fmt: skip
    assert code == 0 and "1 deck(s)" in out
    (after,) = json.loads(run("templates", "--json")[1])
    assert (after["name"], after["decks"]) == ("Ministry", 1)
    assert after["sha256"] != before[0]["sha256"] and after["width"] == 960
    store = open_store(str(tmp_path / "cli.sqlite"))
    try:  # the deck now lays out and exports in the new version (ours), not pandoc's
        _, match = service.deck_template(store, "Brief")
        assert match.choice("bluf").name == "Bottom Line Up Front"
    finally:
        store.close()
