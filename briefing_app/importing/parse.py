"""Entry point: read a source file, validate it as text and dispatch to the right parser."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from pathlib import Path

from briefing_app.importing.essay_text import parse_essay_text
from briefing_app.importing.markdown_doc import parse_markdown
from briefing_app.importing.parsed import MAX_PARTS, ImportFormatError, ParsedDocument
from briefing_app.importing.sidecar import Sidecar, read_sidecar

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_LINE_CHARS = 200_000
MARKDOWN_SUFFIXES = frozenset({".md", ".markdown"})
_CONTROL = re.compile(r"[\x01-\x08\x0e-\x1f\x7f]")
_NEWLINES = re.compile(r"\r\n?")
_BLOCK_BREAK = re.compile(r"\n[ \t]*\n(?=[ \t]*\S)")
MAX_BLOCKS = 3 * MAX_PARTS  # blank-line separated blocks: paragraphs, headings, footnotes


def parse_file(path: Path, sidecar: Sidecar | None = None) -> ParsedDocument:
    """Parse ``path`` (``.md`` as Markdown, anything else as essay text) plus its sidecar."""
    path = Path(path)
    if sidecar is None:
        sidecar = read_sidecar(path)
    source = path.name
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ImportFormatError(_too_big(size), source=source)
        data = path.read_bytes()
    except OSError as exc:
        raise ImportFormatError(
            f"the file cannot be read ({exc.strerror or exc})", source=source
        ) from exc
    markdown = path.suffix.lower() in MARKDOWN_SUFFIXES
    return parse_bytes(data, source, markdown=markdown, publisher=sidecar.publisher)


def parse_bytes(
    data: bytes, source_name: str, *, markdown: bool = False, publisher: str | None = None
) -> ParsedDocument:
    """Parse raw file bytes; ``content_hash`` is the sha256 of ``data``."""
    text = decode_source(data, source_name)
    _check_block_count(text, source_name)
    parser = parse_markdown if markdown else parse_essay_text
    return parser(
        text,
        source_name=source_name,
        content_hash=hashlib.sha256(data).hexdigest(),
        publisher=publisher,
    )


def decode_source(data: bytes, source: str) -> str:
    """Decode UTF-8 and reject empty, binary, oversized or over-long-line input.

    Returns NFC text with ``\\n`` line ends; form feeds and vertical tabs become spaces.
    """
    if len(data) > MAX_FILE_BYTES:
        raise ImportFormatError(_too_big(len(data)), source=source)
    nul = data.find(b"\x00")
    if nul >= 0:
        raise ImportFormatError(
            "the file contains NUL bytes and looks like binary data, not text",
            line=data.count(b"\n", 0, nul) + 1,
            source=source,
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise ImportFormatError(
            f"the file is not valid UTF-8 text (bad byte 0x{data[exc.start]:02x})",
            line=line,
            source=source,
        ) from None
    text = _NEWLINES.sub("\n", text)
    if bad := _CONTROL.search(text):
        line = text.count("\n", 0, bad.start()) + 1
        raise ImportFormatError(
            f"the file contains control character U+{ord(bad.group()):04X}"
            " and looks like binary data, not text",
            line=line,
            source=source,
        )
    if not text.strip():
        raise ImportFormatError("the file is empty", source=source)
    _check_line_lengths(text, source)
    text = text.replace("\f", " ").replace("\v", " ")
    return unicodedata.normalize("NFC", text)


def _check_line_lengths(text: str, source: str) -> None:
    if len(text) <= MAX_LINE_CHARS:
        return
    for number, line in enumerate(text.split("\n"), start=1):
        if len(line) > MAX_LINE_CHARS:
            raise ImportFormatError(
                f"line is {len(line):,} characters long (the limit is {MAX_LINE_CHARS:,})",
                line=number,
                source=source,
            )


def _check_block_count(text: str, source: str) -> None:
    """Refuse a document with far too many parts before building anything per line."""
    if text.count("\n") <= MAX_BLOCKS:
        return
    for blocks, _ in enumerate(_BLOCK_BREAK.finditer(text), start=2):
        if blocks > MAX_BLOCKS:
            raise ImportFormatError(
                f"the document has more than {MAX_BLOCKS:,} blocks of text (paragraphs, "
                f"headings, footnotes); one document may have at most {MAX_PARTS:,} of each, "
                "so split it into several documents",
                source=source,
            )


def _too_big(size: int) -> str:
    return f"the file is {size / 1024 / 1024:.1f} MB, larger than the 20 MB limit"
