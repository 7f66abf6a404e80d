"""The deck on the command line: everything the app can do to a deck, each printing what
it changed; the default briefing rebuilt through the CLI alone equals the bundled one."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import asdict
from pathlib import Path

import pytest

from briefing_app.cli import main
from briefing_app.deck.outline import DEFAULT_OUTLINE, build_from_outline
from briefing_app.services import decks
from briefing_app.services.bootstrap import open_prepared

ROOT = Path(__file__).resolve().parents[2]


def cli(capsys, db: Path, *args: str) -> str:
    code = main(["--db", str(db), *args])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    return captured.out


def _commands_for(deck: decks.DeckRecord, name: str) -> list[list[str]]:
    """The CLI calls that build ``deck`` as ``name``, from nothing."""
    calls = [["deck", "create", name, "--title", deck.title]]
    props = {"--subtitle": deck.subtitle, "--author": deck.author, "--date": deck.date_label,
             "--marking": deck.marking or "", "--distribution": deck.distribution}  # fmt: skip
    calls.append(["deck", "set", name] + [x for k, v in props.items() for x in (k, v)])
    for number, slide in enumerate(deck.slides, start=1):
        add = ["deck", "add-slide", name, "--layout", slide.layout]
        for option, value in (("--title", slide.title), ("--subtitle", slide.subtitle),
                              ("--left-heading", slide.left_heading),
                              ("--right-heading", slide.right_heading),
                              ("--part", slide.part)):  # fmt: skip
            if value:
                add += [option, value]
        calls.append(add)
        for item in slide.items:
            where = ["--slide", str(number), "--level", str(item.level),
                     "--column", "right" if item.column else "left"]  # fmt: skip
            if item.source_kind is None:
                calls.append(["deck", "add", name, *where, f"text:{item.text}"])
            else:
                ref = f"{item.source_kind}:{item.source_id}"
                text = ["--text", item.text] if item.differs_from_source else []
                calls.append(["deck", "add", name, *where, *text, "--again", ref])
        calls.append(["deck", "edit-slide", name, "--slide", str(number), "--notes", slide.notes])
    return calls


def _shape(deck: decks.DeckRecord) -> dict:
    """The deck without ids and name: what a briefer sees."""
    data = asdict(deck)
    for key in ("id", "name", "changes"):
        data.pop(key, None)
    for slide in data["slides"]:
        slide.pop("id")
        for item in slide["items"]:
            item.pop("id")
    return data


def test_the_default_briefing_built_through_the_cli_alone(capsys, essay_store_path: Path) -> None:
    bundled_store = essay_store_path.with_name("bundled.sqlite")
    bundled_store.write_bytes(essay_store_path.read_bytes())
    store = open_prepared(str(bundled_store))
    try:
        bundled = build_from_outline(store, DEFAULT_OUTLINE, "Default briefing", marking="OFFICIAL")
        decks.update_deck(store, "Default briefing", distribution="Ministers' private offices")
        bundled = decks.get_deck(store, "Default briefing")
    finally:
        store.close()
    assert cli(capsys, essay_store_path, "decks").startswith("No decks yet")
    for call in _commands_for(bundled, "Rebuilt"):
        out = cli(capsys, essay_store_path, *call)
        assert out.strip(), f"{call} printed nothing"
    store = open_prepared(str(essay_store_path))
    try:
        rebuilt = decks.get_deck(store, "Rebuilt")
    finally:
        store.close()
    assert _shape(rebuilt) == _shape(bundled)


@pytest.fixture
def db(capsys, essay_store_path: Path) -> Path:
    cli(capsys, essay_store_path, "deck", "create", "Brief", "--from", "default-briefing")
    return essay_store_path


def test_each_edit_prints_what_it_changed_and_undo_takes_it_back(capsys, db: Path) -> None:
    out = cli(capsys, db, "deck", "set", "Brief", "--marking", "OFFICIAL-SENSITIVE",
              "--distribution", "Private office")  # fmt: skip
    assert "marking: (none) → OFFICIAL-SENSITIVE" in out and "Private office" in out
    out = cli(capsys, db, "deck", "add-slide", "Brief", "--layout", "argument", "--title",
              "Vučić can accept", "--position", "2")  # fmt: skip
    assert out == "Added slide 2 [argument] “Vučić can accept” to deck 'Brief'.\n"
    out = cli(capsys, db, "deck", "add", "Brief", "--slide", "2", "argument:3", "text:Đukić said")
    assert out.startswith("Added 2 points to slide 2") and "Đukić said  [text]" in out
    added = json.loads(cli(capsys, db, "deck", "add", "Brief", "--slide", "2", "quote:1", "--json"))
    assert added["added"][0]["source_kind"] == "quote"
    code = main(["--db", str(db), "deck", "add", "Brief", "--slide", "2", "argument:3"])
    assert code == 2 and "already shows argument:3" in capsys.readouterr().err
    out = cli(capsys, db, "deck", "move", "Brief", "--slide", "2", "--point", "3", "--to", "1")
    assert out == "Moved point 3 of slide 2 of deck 'Brief' to position 1.\n"
    out = cli(capsys, db, "deck", "remove", "Brief", "--slide", "2", "--point", "1")
    assert out.startswith("Removed point 1 (“any issue of territories")
    out = cli(capsys, db, "deck", "move", "Brief", "--slide", "2", "--to", "5")
    assert out == "Moved slide 2 of deck 'Brief' to position 5.\n"
    assert cli(capsys, db, "undo", "Brief").startswith("Undid “Move slide”")
    out = cli(capsys, db, "deck", "remove", "Brief", "--slide", "2")
    assert out.startswith("Removed slide 2 [argument] “Vučić can accept” and its 2 points")
    out = cli(capsys, db, "deck", "duplicate", "Brief", "Copy")
    assert out == "Copied deck 'Brief' to 'Copy' (12 slides).\n"
    assert cli(capsys, db, "deck", "rename", "Copy", "Copy two") == (
        "Renamed deck 'Copy' to 'Copy two'.\n"
    )
    out = cli(capsys, db, "deck", "create", "Third", "--from", "Copy two")
    assert out == "Created deck 'Third' from 'Copy two' with 12 slides.\n"
    assert cli(capsys, db, "deck", "delete", "Copy two").startswith("Deleted deck 'Copy two'")
    code = main(["--db", str(db), "deck", "create", "Fourth", "--from", "Nothing"])
    assert code == 2 and "no deck named 'Nothing'" in capsys.readouterr().err


def test_exports_never_silently_replace_another_decks_file(
    capsys, db: Path, tmp_path: Path
) -> None:
    cli(capsys, db, "deck", "create", "Ministerial brief", "--from", "Brief")  # same title
    out = tmp_path / "out"
    out.mkdir()
    cli(capsys, db, "export", "Brief", "--format", "pdf", "--out", f"{out}/")
    cli(capsys, db, "export", "Ministerial brief", "--format", "pdf", "--out", f"{out}/")
    cli(capsys, db, "export", "Brief", "--format", "pdf", "--out", f"{out}/")
    assert "Brief (2).pdf exists" not in capsys.readouterr().err
    names = sorted(p.name for p in out.iterdir())
    assert names == ["Brief (2).pdf", "Brief.pdf", "Ministerial brief.pdf"]
    cli(capsys, db, "export", "Brief", "--format", "pdf", "--out", f"{out}/", "--force")
    assert len(list(out.iterdir())) == 3


def test_json_into_a_closed_pipe_is_quiet(db: Path) -> None:
    command = (f"{sys.executable} -m briefing_app --db '{db}' deck show Brief --json "
               "| head -1")  # fmt: skip
    done = subprocess.run(command, shell=True, capture_output=True, text=True, cwd=ROOT,
                          env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})  # fmt: skip
    assert done.stdout == "{\n" and done.stderr == ""


def test_deck_options_have_help(capsys) -> None:
    deck = [
        ["deck", a]
        for a in (
            "create",
            "set",
            "add-slide",
            "add",
            "move",
            "remove",
            "edit-slide",
            "rename",
            "duplicate",
            "delete",
            "show",
        )
    ]
    for action in [*deck, ["decks"], ["export"], ["search"], ["review"], ["import"]]:
        with pytest.raises(SystemExit):
            main([*action, "--help"])
        lines = capsys.readouterr().out.splitlines()
        for n, line in enumerate(lines):
            if not line.strip().startswith("--"):
                continue
            helped = "  " in line.strip() or (
                n + 1 < len(lines) and lines[n + 1].startswith(" " * 10)
            )  # help beside the option, or on the next line when the option is long
            assert helped, (action, line)


def test_parts_are_listed_set_and_renamed_and_undo_takes_a_rename_back(capsys, db: Path) -> None:
    out = cli(capsys, db, "deck", "parts", "Brief")
    assert "Kosovo model" in out and "slides 3, 4" in out
    out = cli(capsys, db, "deck", "edit-slide", "Brief", "--slide", "12", "--part", "Annex")
    assert "Changed the part of slide 12" in out
    out = cli(capsys, db, "deck", "parts", "Brief", "--rename", "Kosovo model", "The 1244 model")
    assert "Renamed the part 'Kosovo model'" in out and "The 1244 model" in out
    data = json.loads(cli(capsys, db, "deck", "parts", "Brief", "--json"))
    assert {"part": "The 1244 model", "slides": [3, 4]} in data
    assert data[-1] == {"part": "Annex", "slides": [12]}
    assert "(The 1244 model)" in cli(capsys, db, "deck", "show", "Brief")
    cli(capsys, db, "undo", "Brief")
    assert "Kosovo model" in cli(capsys, db, "deck", "parts", "Brief")
    cli(capsys, db, "deck", "edit-slide", "Brief", "--slide", "12", "--part", "")
    cli(capsys, db, "deck", "parts", "Brief", "--rename", "Summary", "")  # out of any part
    out = cli(capsys, db, "deck", "parts", "Brief")
    assert "Annex" not in out and "Summary" not in out
