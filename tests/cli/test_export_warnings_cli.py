"""Every export returns its warnings and the CLI prints them, in --json too (issue 12,
item 6): an empty slide, a slide over 60 words, a title set small; a title that cannot be
shown whole stops the export, naming the slide, and nothing is written."""

from __future__ import annotations

import json
from pathlib import Path

from briefing_app.cli import main

WORDY = " ".join(["word"] * 70)
LONG_TITLE = " ".join(["Longish title words"] * 9)  # fits only below the title's size
TOO_LONG = " ".join(["Far too long title words here"] * 20)  # over 400 characters


def _cli(capsys, db: Path, *args: str) -> tuple[int, str, str]:
    code = main(["--db", str(db), *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _deck(capsys, db: Path) -> None:
    for args in (
        ("deck", "create", "W"),
        ("deck", "add-slide", "W", "--layout", "argument", "--title", "Nothing here yet"),
        ("deck", "add-slide", "W", "--layout", "argument", "--title", "A wordy slide"),
        ("deck", "add", "W", "--slide", "2", f"text:{WORDY}"),
        ("deck", "add-slide", "W", "--layout", "argument", "--title", LONG_TITLE),
        ("deck", "add", "W", "--slide", "3", "text:A point."),
    ):
        code, _, err = _cli(capsys, db, *args)
        assert code == 0, err


def test_export_prints_each_warning_and_lists_them_in_json(
    capsys, essay_store_path: Path, tmp_path: Path
) -> None:
    _deck(capsys, essay_store_path)
    out = tmp_path / "w.pdf"
    code, printed, err = _cli(capsys, essay_store_path, "export", "W", "--format", "pdf",
                              "--out", str(out), "--json")  # fmt: skip
    assert code == 0 and out.exists()
    warnings = json.loads(printed)["warnings"]
    expected = [
        "Slide 1 “Nothing here yet” is empty: it has no points.",
        "Slide 2 “A wordy slide” has 70 words; a content slide should carry at most 60 "
        "(one message per slide).",
    ]
    assert warnings[:2] == expected
    assert warnings[2].startswith("Slide 3 “Longish title words")
    assert "the title does not fit on two lines" in warnings[2]
    assert [f"briefing-app: warning: {w}" for w in warnings] == err.splitlines()


def test_a_title_that_cannot_be_shown_whole_stops_the_export(
    capsys, essay_store_path: Path, tmp_path: Path
) -> None:
    _deck(capsys, essay_store_path)
    for args in (
        ("deck", "add-slide", "W", "--layout", "argument", "--title", TOO_LONG),
        ("deck", "add", "W", "--slide", "4", "text:A point."),
    ):
        assert _cli(capsys, essay_store_path, *args)[0] == 0
    for fmt in ("pdf", "pptx", "handout"):
        out = tmp_path / f"w-{fmt}"
        code, _, err = _cli(capsys, essay_store_path, "export", "W", "--format", fmt,
                            "--out", str(out))  # fmt: skip
        assert code != 0
        assert "Not exported: Slide 4 “Far too long title words here" in err
        assert "longer than 400 characters, so it cannot be shown whole" in err
    assert not [p for p in tmp_path.iterdir() if p.name.startswith("w-")]  # nothing written
