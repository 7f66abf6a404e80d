"""Bad input is rejected with ImportFormatError naming the line; generic repair rules."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest

from briefing_app.importing.parse import parse_bytes, parse_file
from briefing_app.importing.parsed import ImportFormatError

ESSAY = (
    Path(__file__).resolve().parents[2]
    / "resources"
    / "essay"
    / "balkans-breakthrough-for-ukraine.txt"
)
GOOD_HEAD = "Title Line\n\n- OCTOBER 12, 2025\n\nBy **A. Author**, Somewhere.\n\n"


def _parse(text: str | bytes) -> object:
    data = text.encode("utf-8") if isinstance(text, str) else text
    return parse_bytes(data, "bad.txt")


def _error(text: str | bytes) -> ImportFormatError:
    with pytest.raises(ImportFormatError) as info:
        _parse(text)
    assert info.value.source == "bad.txt"
    return info.value


@pytest.mark.parametrize("text", ["", "   \n\n\t  \n"])
def test_empty(text: str) -> None:
    assert "empty" in _error(text).message


def test_invalid_utf8_names_line() -> None:
    error = _error(b"Title\n\nGood line.\nbad \xff byte\n")
    assert error.line == 4
    assert "UTF-8" in error.message


def test_nul_bytes() -> None:
    error = _error(b"Title\n\nText\x00with nul.\n")
    assert error.line == 3
    assert "binary" in error.message


def test_binary_junk() -> None:
    error = _error(bytes(range(256)) * 4)
    assert error.line == 1
    assert "binary" in error.message


def test_control_characters() -> None:
    error = _error(b"Title\n\nText \x1b[0m here.\n")
    assert (error.line, "U+001B" in error.message) == (3, True)


def test_no_title() -> None:
    error = _error("\n\n- OCTOBER 12, 2025\n\nBody.\n")
    assert "no title" in error.message
    assert error.line == 3


def test_only_caption_has_no_title() -> None:
    assert "no title" in _error("IMAGE - a caption\n").message


def test_unknown_footnote() -> None:
    error = _error(GOOD_HEAD + "Body.¹\n\nMore text here.⁹\n\nFootnotes\n\n[1] One.\n")
    assert error.message == "footnote 9 is cited on line 9 but has no entry"
    assert error.line == 9


def test_uncited_footnote_is_kept() -> None:
    doc = _parse(GOOD_HEAD + "Body text.\n\nFootnotes\n\n[1] Never cited.\n")
    assert [f.number for f in doc.footnotes] == [1]
    assert doc.paragraphs[0].footnote_refs == []


def test_duplicate_footnote() -> None:
    error = _error(GOOD_HEAD + "Body.¹\n\nFootnotes\n\n[1] One.\n\n[1] Again.\n")
    assert "defined twice" in error.message
    assert error.line == 13


def test_unbalanced_link() -> None:
    error = _error(GOOD_HEAD + "First paragraph.\n\nA [broken link](# here.\n")
    assert "no closing parenthesis" in error.message
    assert error.line == 9


def test_stray_link_close() -> None:
    assert _error(GOOD_HEAD + "Text](#) here.\n").line == 7


def test_text_before_first_footnote_entry() -> None:
    error = _error(GOOD_HEAD + "Body.\n\nFootnotes\n\nNot an entry.\n")
    assert error.line == 11


def test_bad_date() -> None:
    error = _error("Title\n\n- *Originally published on Smarch 40, 2025*\n\nBody.\n")
    assert error.line == 3


def test_long_line() -> None:
    error = _error("Title\n\n" + "x" * 200_001 + "\n")
    assert error.line == 3


def test_big_file(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    with path.open("wb") as handle:
        handle.truncate(20 * 1024 * 1024 + 1)
    with pytest.raises(ImportFormatError, match="20 MB"):
        parse_file(path)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ImportFormatError):
        parse_file(tmp_path / "nope.txt")


@pytest.mark.parametrize(
    "data",
    [
        b"[[[[[[[[[[" * 1000,
        b"Title\n\n" + b"[x](" * 5000,
        b"Title\n\n" + "*¹[".encode() * 5000,
        b"Title\n\n" + "¹".encode() * 10_000,
        b"Title\n\n" + b"9" * 10_000 + b"\n\nFootnotes\n\n[" + b"9" * 5000 + b"] x\n",
    ],
    ids=["brackets", "open-targets", "mixed-markup", "superscripts", "huge-numbers"],
)
def test_garbage_only_raises_import_format_error(data: bytes) -> None:
    with contextlib.suppress(ImportFormatError):
        _parse(data)


def test_large_file_parses_whole() -> None:
    """About 10 MB of essay-like text parses into every paragraph (its time is the core
    benchmark's ``parse_10mb_s``)."""
    source = ESSAY.read_text(encoding="utf-8")
    head, _, rest = source.partition("In less than a year")
    body, _, notes = rest.partition("\nFootnotes\n")
    copies = 10_000_000 // len(body.encode("utf-8"))
    text = head + ("In less than a year" + body + "\n") * copies + "\nFootnotes\n" + notes
    doc = _parse(text)
    assert len(doc.paragraphs) == 33 * copies
    assert doc.paragraphs[0].line == 16


def test_heading_not_joined_but_fragment_is() -> None:
    text = GOOD_HEAD + (
        "First paragraph ends.\n\nA Heading Line\n\nThe next paragraph starts here and runs on"
        "\n\nafter a page break *with emphasis\n\nacross* the break.\n"
    )
    doc = _parse(text)
    assert [s.title for s in doc.sections] == [None, "A Heading Line"]
    assert [p.text for p in doc.paragraphs] == [
        "First paragraph ends.",
        "The next paragraph starts here and runs on after a page break with emphasis"
        " across the break.",
    ]
    second = doc.paragraphs[1]
    (style,) = second.styles
    assert second.text[style.start : style.end] == "with emphasis across"
    assert second.line == 11


def test_http_link_target_and_multi_digit_marker() -> None:
    text = GOOD_HEAD + "See [the source](https://example.org/x) now.¹²\n\nFootnotes\n\n[12] N.\n"
    doc = _parse(text)
    paragraph = doc.paragraphs[0]
    assert paragraph.text == "See the source now."
    assert paragraph.links[0].target == "https://example.org/x"
    assert [(r.number, r.offset) for r in paragraph.footnote_refs] == [(12, len(paragraph.text))]
