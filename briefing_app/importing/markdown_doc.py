"""Parser for Markdown essays.

Supported: ``# Title`` (first H1), metadata lines at the top (``Author: …``, ``Published: …``;
optionally inside a ``---`` block), ``##`` headings as sections, paragraphs, list items and
block quotes (markers dropped), ``[text](url)`` links, ``*em*``/``**strong**``, footnote
references ``[^n]`` and definitions ``[^n]: text`` with indented continuation lines. An
image ``![alt](src)`` keeps only its alt text: nothing is fetched, embedded or linked.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date

from briefing_app.importing.essay_text import parse_date
from briefing_app.importing.inline import MD_FOOTNOTE_REF, LineMap, parse_inline, parse_line
from briefing_app.importing.parsed import (
    ImportFormatError,
    ParsedDocument,
    ParsedFootnote,
    ParsedParagraph,
    ParsedSection,
    check_part_count,
)

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)(?:\s+#+)?\s*$")
_META = re.compile(r"^([A-Za-z][A-Za-z ]{0,30}):\s*(.*)$")
_FOOTNOTE_DEF = re.compile(r"^\[\^([^\]\s]{1,100})\]:\s?(.*)$")
_LIST_ITEM = re.compile(r"^(?:[-+*]|\d{1,9}[.)])\s+")
_QUOTE = re.compile(r"^(?:>\s?)+")
MAX_NUMBER_DIGITS = 6  # a longer digit label is a name, numbered like one
_META_KEYS = {
    "title": "title",
    "author": "author",
    "by": "author",
    "affiliation": "affiliation",
    "published": "published",
    "date": "published",
    "revised": "revised",
    "updated": "revised",
    "category": "category",
    "image": "image_caption",
    "caption": "image_caption",
    "image caption": "image_caption",
    "publisher": "publisher",
}


@dataclass
class _Paragraph:
    section: int
    parts: list[tuple[int, str]]


@dataclass
class _Footnote:
    label: str
    parts: list[tuple[int, str]]


@dataclass
class _Collected:
    meta: dict[str, tuple[int, str]] = field(default_factory=dict)
    title: tuple[int, str] | None = None
    sections: list[tuple[int, str] | None] = field(default_factory=lambda: [None])
    paragraphs: list[_Paragraph] = field(default_factory=list)
    footnotes: list[_Footnote] = field(default_factory=list)


def parse_markdown(
    text: str,
    *,
    source_name: str = "essay.md",
    content_hash: str | None = None,
    publisher: str | None = None,
) -> ParsedDocument:
    """Parse decoded, NFC-normalised Markdown into a ``ParsedDocument``."""
    doc = _collect(text.split("\n"), source_name)
    if doc.title is None:
        raise ImportFormatError(
            "the document has no title (expected a “# Title” line)", source=source_name
        )
    numbering = _Numbering(doc, source_name)
    paragraphs = [_parse_paragraph(p, numbering, source_name) for p in doc.paragraphs]
    paragraphs = [p for p in paragraphs if p.text]
    if not paragraphs:
        raise ImportFormatError("the document has no body paragraphs", source=source_name)
    footnotes = numbering.footnotes()
    meta = doc.meta
    return ParsedDocument(
        title=_clean(*doc.title, source_name),
        author=_meta_text(meta, "author", source_name),
        affiliation=_meta_text(meta, "affiliation", source_name),
        publisher=publisher or _meta_text(meta, "publisher", source_name),
        published=_meta_date(meta, "published", source_name),
        revised=_meta_date(meta, "revised", source_name),
        category=_meta_text(meta, "category", source_name),
        image_caption=_meta_text(meta, "image_caption", source_name),
        sections=[
            ParsedSection(title=None if s is None else _clean(*s, source_name))
            for s in doc.sections
        ],
        paragraphs=paragraphs,
        footnotes=footnotes,
        source_name=source_name,
        content_hash=content_hash or hashlib.sha256(text.encode("utf-8")).hexdigest(),
    )


# --- line classification --------------------------------------------------------------------


def _collect(lines: list[str], source: str) -> _Collected:
    """One pass over the lines sorting them into metadata, headings, paragraphs, footnotes."""
    doc = _Collected()
    start = _front_matter_block(lines, doc)
    in_meta = True
    current: _Paragraph | None = None
    note: _Footnote | None = None
    note_blank = False
    for index in range(start, len(lines)):
        line_no, line = index + 1, lines[index].rstrip()
        stripped = line.strip()
        if in_meta and _meta_or_title(doc, line_no, stripped):
            continue
        in_meta = False
        if note is not None:
            if not stripped:
                note_blank = True
                continue
            if line[:1] in " \t" or not (note_blank or _starts_block(stripped)):
                note.parts.append((line_no, stripped))
                continue
            note = None
        if m := _FOOTNOTE_DEF.match(line):
            current = None
            note, note_blank = _Footnote(m.group(1), [(line_no, m.group(2).strip())]), False
            doc.footnotes.append(note)
            check_part_count(len(doc.footnotes), "footnotes", line_no, source)
        elif m := _HEADING.match(stripped):
            current = None
            if len(m.group(1)) == 1 and doc.title is None:
                doc.title = (line_no, m.group(2))
            else:
                doc.sections.append((line_no, m.group(2)))
                check_part_count(len(doc.sections), "sections", line_no, source)
        elif not stripped:
            current = None
        else:
            current = _add_text(doc, current, line_no, stripped)
            check_part_count(len(doc.paragraphs), "paragraphs", line_no, source)
    return doc


def _front_matter_block(lines: list[str], doc: _Collected) -> int:
    """Read a leading ``---`` … ``---`` block of ``key: value`` lines; return the next index."""
    if not lines or lines[0].strip() != "---":
        return 0
    for index in range(1, len(lines)):
        if lines[index].strip() in ("---", "..."):
            for k in range(1, index):
                _meta_or_title(doc, k + 1, lines[k].strip().strip("\"'"))
            return index + 1
    return 0


def _meta_or_title(doc: _Collected, line_no: int, stripped: str) -> bool:
    """Consume a top-of-file blank, H1 or known ``Key: value`` line."""
    if not stripped:
        return True
    heading = _HEADING.match(stripped)
    if heading and len(heading.group(1)) == 1 and doc.title is None:
        doc.title = (line_no, heading.group(2))
        return True
    meta = _META.match(stripped)
    key = _META_KEYS.get(meta.group(1).strip().lower()) if meta else None
    if meta is None or key is None:
        return False
    value = meta.group(2).strip().strip("\"'")
    if key == "title":
        if doc.title is None and value:
            doc.title = (line_no, value)
    else:
        doc.meta[key] = (line_no, value)
    return True


def _starts_block(stripped: str) -> bool:
    return bool(_HEADING.match(stripped) or _FOOTNOTE_DEF.match(stripped))


def _add_text(
    doc: _Collected, current: _Paragraph | None, line_no: int, stripped: str
) -> _Paragraph:
    """Append a text line; list items start their own paragraph."""
    stripped = _QUOTE.sub("", stripped)
    item = _LIST_ITEM.match(stripped)
    if item:
        stripped = stripped[item.end() :]
    if current is None or item:
        current = _Paragraph(len(doc.sections) - 1, [])
        doc.paragraphs.append(current)
    current.parts.append((line_no, stripped))
    return current


# --- footnote numbering ---------------------------------------------------------------------


class _Numbering:
    """Numeric labels keep their number; others are numbered by order of first reference."""

    def __init__(self, doc: _Collected, source: str) -> None:
        self._source = source
        self._defs: dict[str, _Footnote] = {}
        for note in doc.footnotes:
            key = _label_key(note.label)
            if key in self._defs:
                first = self._defs[key].parts[0][0]
                raise ImportFormatError(
                    f"footnote [^{note.label}] is defined twice (first on line {first})",
                    line=note.parts[0][0],
                    source=source,
                )
            self._defs[key] = note
        keys = list(self._defs)
        for paragraph in doc.paragraphs:
            refs = (m.group(1) for _, t in paragraph.parts for m in MD_FOOTNOTE_REF.finditer(t))
            keys += map(_label_key, refs)
        self._taken = {int(key) for key in keys if _is_number(key)}
        self._numbers: dict[str, int] = {}
        self._next = 1

    def number(self, label: str, line_no: int) -> int:
        key = _label_key(label)
        if key not in self._defs:
            shown = label if _is_number(key) else f"[^{label}]"
            raise ImportFormatError(
                f"footnote {shown} is cited on line {line_no} but has no entry",
                line=line_no,
                source=self._source,
            )
        if _is_number(key):
            return int(key)
        if key not in self._numbers:
            while self._next in self._taken:
                self._next += 1
            self._numbers[key] = self._next
            self._taken.add(self._next)
        return self._numbers[key]

    def footnotes(self) -> list[ParsedFootnote]:
        result = []
        for label, note in self._defs.items():
            raw, line_map = LineMap.join(note.parts)
            inline = parse_inline(raw, line_map, source=self._source, markdown=True)
            number = self.number(label, note.parts[0][0])
            result.append(
                ParsedFootnote(number, inline.text, note.parts[0][0], inline.links, inline.styles)
            )
        result.sort(key=lambda f: f.number)
        return result


def _is_number(label: str) -> bool:
    """An ASCII digit label small enough to be the footnote's number."""
    return label.isascii() and label.isdigit() and len(label.lstrip("0")) <= MAX_NUMBER_DIGITS


def _label_key(label: str) -> str:
    """How a label is matched: numbers by value (``[^01]`` is ``[^1]``), others as written."""
    return str(int(label)) if _is_number(label) else label


def _parse_paragraph(paragraph: _Paragraph, numbering: _Numbering, source: str) -> ParsedParagraph:
    raw, line_map = LineMap.join(paragraph.parts)
    inline = parse_inline(
        raw,
        line_map,
        source=source,
        markdown=True,
        md_label=lambda label, offset: numbering.number(label, line_map.line_of(offset)),
    )
    return ParsedParagraph(
        text=inline.text,
        section=paragraph.section,
        line=paragraph.parts[0][0],
        links=inline.links,
        styles=inline.styles,
        footnote_refs=inline.refs,
    )


# --- metadata values ------------------------------------------------------------------------


def _clean(line_no: int, raw: str, source: str) -> str:
    return parse_line(raw, line_no, source=source, markdown=True).text


def _meta_text(meta: dict[str, tuple[int, str]], key: str, source: str) -> str | None:
    if key not in meta:
        return None
    return _clean(*meta[key], source) or None


def _meta_date(meta: dict[str, tuple[int, str]], key: str, source: str) -> date | None:
    if key not in meta or not meta[key][1]:
        return None
    line_no, value = meta[key]
    return parse_date(value, line_no, source)
