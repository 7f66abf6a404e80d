"""The intermediate form every document parser produces and the store importer consumes.

Offsets are character offsets into the *clean* text of the paragraph or footnote they
belong to (NFC-normalised, markers and markup removed).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from briefing_app.domain.errors import BriefingError


class ImportFormatError(BriefingError, ValueError):
    """A document that cannot be imported; ``line`` is 1-based in the source file."""

    def __init__(self, message: str, line: int | None = None, source: str | None = None) -> None:
        self.message = message
        self.line = line
        self.source = source
        where = source or "document"
        prefix = f"{where}, line {line}: " if line is not None else f"{where}: "
        sentence = message if message.endswith((".", "!", "?")) else message + "."
        super().__init__(prefix + sentence)


MAX_PARTS = 20_000  # paragraphs, sections or footnotes in one document (README: limits)


def check_part_count(count: int, what: str, line: int | None, source: str | None) -> None:
    """Refuse a document with more than MAX_PARTS of one kind before parsing it all."""
    if count > MAX_PARTS:
        raise ImportFormatError(
            f"the document has more than {MAX_PARTS:,} {what}, the most one document may "
            "have; split it into several documents",
            line=line,
            source=source,
        )


@dataclass(frozen=True)
class StyleSpan:
    """A styled stretch of clean text: ``kind`` is ``"emphasis"`` or ``"strong"``."""

    start: int
    end: int
    kind: str


@dataclass(frozen=True)
class LinkSpan:
    """Anchor text kept in the clean text; ``target`` is None when the source lost it."""

    start: int
    end: int
    text: str
    target: str | None = None


@dataclass(frozen=True)
class FootnoteRef:
    """A footnote marker removed from the clean text at ``offset``."""

    number: int
    offset: int


@dataclass
class ParsedSection:
    title: str | None  # None for the untitled opening section


@dataclass
class ParsedParagraph:
    text: str
    section: int  # index into ParsedDocument.sections
    line: int  # 1-based line of the paragraph's first source line
    links: list[LinkSpan] = field(default_factory=list)
    styles: list[StyleSpan] = field(default_factory=list)
    footnote_refs: list[FootnoteRef] = field(default_factory=list)


@dataclass
class ParsedFootnote:
    number: int
    text: str
    line: int
    links: list[LinkSpan] = field(default_factory=list)
    styles: list[StyleSpan] = field(default_factory=list)


@dataclass
class ParsedDocument:
    title: str
    author: str | None
    affiliation: str | None
    publisher: str | None
    published: date | None
    revised: date | None
    category: str | None
    image_caption: str | None
    sections: list[ParsedSection]
    paragraphs: list[ParsedParagraph]
    footnotes: list[ParsedFootnote]
    source_name: str
    content_hash: str  # sha256 hex of the source bytes
