"""Markdown parsing and dispatch by file suffix."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from briefing_app.importing.parse import parse_file
from briefing_app.importing.parsed import ImportFormatError, ParsedDocument

SAMPLE = """\
# Balkans *Breakthrough*
Author: Edward P. Joseph
Affiliation: Johns Hopkins SAIS
Published: 2025-10-12
Revised: November 13, 2025
Category: Europe

Opening with a [link](https://example.org/a_(b)) and *emphasis* and **strong**.[^1]
Second line of the same paragraph.[^note]

## First Section

- A list item with a ref.[^1]
- Another item.

## Second Section

Escaped \\*stars\\* stay literal, as does 5 * 3.

[^1]: The first note, with [a link](#).
    continued on an indented line.
[^note]: A named note.
"""


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def sample(tmp_path: Path) -> ParsedDocument:
    return parse_file(_write(tmp_path, "sample.md", SAMPLE))


def test_metadata(sample: ParsedDocument) -> None:
    assert sample.title == "Balkans Breakthrough"
    assert sample.author == "Edward P. Joseph"
    assert sample.affiliation == "Johns Hopkins SAIS"
    assert sample.published == date(2025, 10, 12)
    assert sample.revised == date(2025, 11, 13)
    assert sample.category == "Europe"
    assert sample.publisher is None


def test_sections_and_paragraphs(sample: ParsedDocument) -> None:
    assert [s.title for s in sample.sections] == [None, "First Section", "Second Section"]
    assert [(p.section, p.line) for p in sample.paragraphs] == [(0, 8), (1, 13), (1, 14), (2, 18)]
    assert sample.paragraphs[1].text == "A list item with a ref."
    assert sample.paragraphs[3].text == "Escaped *stars* stay literal, as does 5 * 3."


def test_inline_markup(sample: ParsedDocument) -> None:
    first = sample.paragraphs[0]
    assert first.text == (
        "Opening with a link and emphasis and strong. Second line of the same paragraph."
    )
    (link,) = first.links
    assert (link.text, link.target) == ("link", "https://example.org/a_(b)")
    styles = {(first.text[s.start : s.end], s.kind) for s in first.styles}
    assert styles == {("emphasis", "emphasis"), ("strong", "strong")}


def test_footnotes(sample: ParsedDocument) -> None:
    first = sample.paragraphs[0]
    assert [(r.number, first.text[: r.offset][-7:]) for r in first.footnote_refs] == [
        (1, "strong."),
        (2, "agraph."),
    ]
    assert [r.number for r in sample.paragraphs[1].footnote_refs] == [1]
    notes = {f.number: f for f in sample.footnotes}
    assert notes[1].text == "The first note, with a link. continued on an indented line."
    assert notes[1].links[0].target is None
    assert notes[1].line == 20
    assert notes[2].text == "A named note."


def test_named_labels_avoid_numeric_labels(tmp_path: Path) -> None:
    text = "# T\n\nA[^x] b[^1] c[^y].\n\n[^1]: one\n[^x]: ex\n[^y]: why\n[^z]: unused\n"
    doc = parse_file(_write(tmp_path, "n.md", text))
    assert [r.number for r in doc.paragraphs[0].footnote_refs] == [2, 1, 3]
    assert {f.number: f.text for f in doc.footnotes} == {1: "one", 2: "ex", 3: "why", 4: "unused"}


def test_sidecar_publisher(tmp_path: Path) -> None:
    _write(tmp_path, "doc.meta.toml", 'publisher = "Example Press"\n')
    doc = parse_file(_write(tmp_path, "doc.md", "# Title\n\nBody text.\n"))
    assert doc.publisher == "Example Press"


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        ("Just a paragraph.\n", None, "no title"),
        ("# T\n\nSee this.[^9]\n", 3, "footnote 9 is cited on line 3 but has no entry"),
        ("# T\n\nText.[^1]\n\n[^1]: a\n[^1]: b\n", 6, "defined twice"),
        ("# T\n\nA [broken](http://x.org link.\n", 3, "no closing parenthesis"),
        ("# T\nPublished: someday\n\nText.\n", 2, "not a date"),
        ("# T\n", None, "no body paragraphs"),
    ],
)
def test_bad_markdown(tmp_path: Path, text: str, line: int | None, fragment: str) -> None:
    with pytest.raises(ImportFormatError) as info:
        parse_file(_write(tmp_path, "bad.md", text))
    assert fragment in info.value.message
    assert info.value.line == line
    assert info.value.source == "bad.md"
