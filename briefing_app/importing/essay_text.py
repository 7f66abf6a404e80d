"""Parser for the plain-text essay format (the bundled essay is the reference).

Layout: optional ``IMAGE - caption`` line, title line, ``- …`` metadata bullets, a
``By **Name**, affiliation.`` byline, body paragraphs separated by blank lines (short
unpunctuated lines are section headings), then a ``Footnotes`` line and ``[n] text`` entries.
Paragraphs split by page breaks are re-joined by generic rules (``_Group.continues_with``).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date, datetime

from briefing_app.importing.inline import (
    SUPERSCRIPT_DIGITS,
    SUPERSCRIPT_RUN,
    InlineText,
    LineMap,
    parse_inline,
    parse_line,
    superscript_number,
)
from briefing_app.importing.parsed import (
    ImportFormatError,
    ParsedDocument,
    ParsedFootnote,
    ParsedParagraph,
    ParsedSection,
    check_part_count,
)

_IMAGE = re.compile(r"^IMAGE\s*[-–—:]\s*(.*)$", re.IGNORECASE)
_BULLET = re.compile(r"^[-•*]\s+(.*)$")
_BYLINE = re.compile(r"^By\s+(.+)$")
_FOOTNOTES_HEADING = re.compile(r"^(?:foot|end)?notes:?$", re.IGNORECASE)
_FOOTNOTE_ENTRY = re.compile(r"^\[(\d{1,6})\]\s*(.*)$")
_LINK_ONLY = re.compile(r"^\[([^\[\]]+)\]\([^\s()]*\)$")
_PUBLISHED = re.compile(r"^(?:originally\s+)?published(?:\s+on)?:?\s+(.+)$", re.IGNORECASE)
_REVISED = re.compile(
    r"^(?:revised|updated)(?:\s+and\s+(?:revised|updated))?(?:\s+on)?:?\s+(.+)$", re.IGNORECASE
)
_LINK_TARGET = re.compile(r"\]\([^\s()]*\)")
_LINK_TARGET_END = re.compile(r"\]\([^\s()]{0,300}\)$")
_TRAILING = " \t*_\"”’'»)]" + SUPERSCRIPT_DIGITS
_LEADING = " \t*_\"“‘'«([" + SUPERSCRIPT_DIGITS
_SENTENCE_END = ".!?…"
_DATE_FORMATS = ("%B %d, %Y", "%b %d, %Y", "%B %d %Y", "%d %B %Y", "%d %b %Y", "%Y-%m-%d")
MAX_TITLE_CHARS = 300
MAX_HEADING_CHARS = 150
MAX_HEADING_WORDS = 20


class _Block:
    """Consecutive non-blank source lines: ``(line_number, stripped_text)``."""

    def __init__(self, lines: list[tuple[int, str]]) -> None:
        self.lines = lines
        self.raw = " ".join(text for _, text in lines)


@dataclass
class _FrontMatter:
    title: str
    image_caption: str | None = None
    author: str | None = None
    affiliation: str | None = None
    published: date | None = None
    revised: date | None = None
    category: str | None = None


def parse_essay_text(
    text: str,
    *,
    source_name: str = "essay.txt",
    content_hash: str | None = None,
    publisher: str | None = None,
) -> ParsedDocument:
    """Parse decoded, NFC-normalised essay text into a ``ParsedDocument``."""
    lines = text.split("\n")
    front, body_start = _parse_front_matter(lines, source_name)
    body_lines, notes_lines = _split_footnotes(lines, body_start)
    entries = _footnote_entries(notes_lines, source_name)
    numbers = {number for number, _ in entries}
    cited = {
        superscript_number(m.group())
        for _, line in body_lines
        for m in SUPERSCRIPT_RUN.finditer(line)
    }
    orphans = numbers - cited
    sections, paragraphs = _parse_body(body_lines, source_name, orphans, numbers)
    footnotes = [_parse_footnote(number, parts, source_name) for number, parts in entries]
    return ParsedDocument(
        title=front.title,
        author=front.author,
        affiliation=front.affiliation,
        publisher=publisher,
        published=front.published,
        revised=front.revised,
        category=front.category,
        image_caption=front.image_caption,
        sections=sections,
        paragraphs=paragraphs,
        footnotes=footnotes,
        source_name=source_name,
        content_hash=content_hash or hashlib.sha256(text.encode("utf-8")).hexdigest(),
    )


# --- front matter ---------------------------------------------------------------------------


def _parse_front_matter(lines: list[str], source: str) -> tuple[_FrontMatter, int]:
    """Read caption, title, bullets and byline; return them and the body's first line index."""
    i = _skip_blank(lines, 0)
    caption = None
    if i < len(lines) and (m := _IMAGE.match(lines[i].strip())):
        caption = m.group(1).strip() or None
        i = _skip_blank(lines, i + 1)
    if i >= len(lines):
        raise ImportFormatError("the document has no title line", source=source)
    front = _FrontMatter(title=_parse_title(lines[i].strip(), i + 1, source), image_caption=caption)
    i += 1
    plain_date = None
    while (i := _skip_blank(lines, i)) < len(lines):
        line = lines[i].strip()
        if m := _BULLET.match(line):
            plain_date = _apply_bullet(front, m.group(1).strip(), i + 1, source) or plain_date
        elif (m := _BYLINE.match(line)) and front.author is None:
            _apply_byline(front, m.group(1), i + 1, source)
        else:
            break
        i += 1
    front.published = front.published or plain_date
    return front, i


def _skip_blank(lines: list[str], i: int) -> int:
    while i < len(lines) and not lines[i].strip():
        i += 1
    return i


def _parse_title(line: str, line_no: int, source: str) -> str:
    looks_wrong = (
        _BULLET.match(line)
        or _FOOTNOTE_ENTRY.match(line)
        or _FOOTNOTES_HEADING.match(line)
        or _BYLINE.match(line)
    )
    if looks_wrong or len(line) > MAX_TITLE_CHARS:
        raise ImportFormatError(
            "the document has no title: the first line is not a title", line=line_no, source=source
        )
    title = _inline_text(line, line_no, source)
    if not title:
        raise ImportFormatError("the title line is empty", line=line_no, source=source)
    return title


def _apply_bullet(front: _FrontMatter, item: str, line_no: int, source: str) -> date | None:
    """Fill a field from one metadata bullet; returns a bare date if the bullet is one."""
    inner = item.strip("*_ ").strip()
    if m := _PUBLISHED.match(inner):
        front.published = parse_date(m.group(1), line_no, source)
    elif m := _REVISED.match(inner):
        front.revised = parse_date(m.group(1), line_no, source)
    elif (bare := _try_date(inner)) is not None:
        return bare
    elif front.category is None:
        link = _LINK_ONLY.match(inner)
        front.category = link.group(1).strip() if link else _inline_text(inner, line_no, source)
    return None


def _apply_byline(front: _FrontMatter, rest: str, line_no: int, source: str) -> None:
    strong = re.match(r"^\*\*(.+?)\*\*\s*,?\s*(.*)$", rest)
    if strong:
        name, affiliation = strong.group(1), strong.group(2)
    else:
        name, _, affiliation = rest.partition(",")
    front.author = _inline_text(name, line_no, source) or None
    affiliation = _inline_text(affiliation, line_no, source).rstrip(". ")
    front.affiliation = affiliation or None


def _try_date(value: str) -> date | None:
    value = " ".join(value.strip(" .").split())
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    return None


def parse_date(value: str, line_no: int, source: str) -> date:
    """Parse a written date (``October 12, 2025``, ``12 Oct 2025``, ``2025-10-12``)."""
    parsed = _try_date(value)
    if parsed is None:
        raise ImportFormatError(
            f"“{value.strip()[:60]}” is not a date like “October 12, 2025”",
            line=line_no,
            source=source,
        )
    return parsed


def _inline_text(raw: str, line_no: int, source: str) -> str:
    """Clean text of a single front-matter line (markup dropped)."""
    return parse_line(raw, line_no, source=source).text


# --- body -----------------------------------------------------------------------------------


def _split_footnotes(
    lines: list[str], start: int
) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
    """Split numbered, stripped lines into body and footnote section (after ``Footnotes``)."""
    numbered = [(i + 1, lines[i].strip()) for i in range(start, len(lines))]
    for k, (_, text) in enumerate(numbered):
        if _FOOTNOTES_HEADING.match(text):
            return numbered[:k], numbered[k + 1 :]
    return numbered, []


def _blocks(lines: list[tuple[int, str]], source: str) -> list[_Block]:
    blocks: list[_Block] = []
    current: list[tuple[int, str]] = []
    for line_no, text in lines:
        if text:
            current.append((line_no, text))
        elif current:
            blocks.append(_Block(current))
            check_part_count(len(blocks), "paragraphs and headings", line_no, source)
            current = []
    if current:
        blocks.append(_Block(current))
    return blocks


def _parse_body(
    lines: list[tuple[int, str]], source: str, orphans: set[int], numbers: set[int]
) -> tuple[list[ParsedSection], list[ParsedParagraph]]:
    sections = [ParsedSection(title=None)]
    paragraphs: list[ParsedParagraph] = []
    groups = _group_blocks(_blocks(lines, source))
    for k, group in enumerate(groups):
        parts = [part for block in group for part in block.lines]
        if len(group) == 1 and k + 1 < len(groups) and _is_heading(group[0]):
            line_no, text = parts[0]
            sections.append(ParsedSection(title=_inline_text(text, line_no, source)))
            continue
        raw, line_map = LineMap.join(parts)
        inline = parse_inline(raw, line_map, source=source, orphans=orphans)
        check_refs(inline, numbers, source)
        if inline.text:
            paragraphs.append(
                ParsedParagraph(
                    text=inline.text,
                    section=len(sections) - 1,
                    line=parts[0][0],
                    links=inline.links,
                    styles=inline.styles,
                    footnote_refs=inline.refs,
                )
            )
    if not paragraphs:
        raise ImportFormatError("the document has no body paragraphs", source=source)
    return sections, paragraphs


def _group_blocks(blocks: list[_Block]) -> list[list[_Block]]:
    """Re-join paragraphs split by page breaks."""
    groups: list[_Group] = []
    for block in blocks:
        if groups and groups[-1].continues_with(block):
            groups[-1].blocks.append(block)
        else:
            groups.append(_Group([block]))
    return [group.blocks for group in groups]


class _Group:
    """Blocks forming one paragraph, with a lazily updated balance of open markup."""

    def __init__(self, blocks: list[_Block]) -> None:
        self.blocks = blocks
        self._counted = 0
        self._curly = self._straight = self._parens = self._stars = self._double_stars = 0

    def continues_with(self, block: _Block) -> bool:
        """A paragraph continues when it lacks closing punctuation and the next block starts
        lower-case or a quotation, parenthesis or emphasis is still open."""
        if _ends_sentence(self.blocks[-1].raw):
            return False
        return _starts_lower(block.raw) or self._is_open()

    def _is_open(self) -> bool:
        for block in self.blocks[self._counted :]:
            raw = block.raw
            self._curly += raw.count("“") - raw.count("”")
            self._straight += raw.count('"')
            no_targets = _LINK_TARGET.sub("]", raw)
            self._parens += no_targets.count("(") - no_targets.count(")")
            self._double_stars += raw.count("**")
            self._stars += raw.replace("**", "").count("*")
        self._counted = len(self.blocks)
        return (
            self._curly > 0
            or self._parens > 0
            or (self._straight | self._stars | self._double_stars) & 1 == 1
        )


def _ends_sentence(raw: str) -> bool:
    tail = raw[-400:]
    while True:
        stripped = _LINK_TARGET_END.sub("", tail).rstrip(_TRAILING)
        if stripped == tail:
            break
        tail = stripped
    return bool(tail) and tail[-1] in _SENTENCE_END


def _starts_lower(raw: str) -> bool:
    head = raw[:80].lstrip(_LEADING)
    return bool(head) and head[0].islower()


def _is_heading(block: _Block) -> bool:
    if len(block.lines) != 1:
        return False
    text = block.lines[0][1]
    head = text.lstrip(_LEADING)
    return (
        len(text) <= MAX_HEADING_CHARS
        and len(text.split()) <= MAX_HEADING_WORDS
        and bool(head)
        and (head[0].isupper() or head[0].isdigit())
        and not _ends_sentence(text)
    )


# --- footnotes ------------------------------------------------------------------------------


def _footnote_entries(
    lines: list[tuple[int, str]], source: str
) -> list[tuple[int, list[tuple[int, str]]]]:
    """Group the footnote section into ``(number, [(line, text), …])`` entries."""
    entries: list[tuple[int, list[tuple[int, str]]]] = []
    seen: dict[int, int] = {}
    for line_no, text in lines:
        if not text:
            continue
        m = _FOOTNOTE_ENTRY.match(text)
        if m:
            number = int(m.group(1))
            if number in seen:
                raise ImportFormatError(
                    f"footnote {number} is defined twice (first on line {seen[number]})",
                    line=line_no,
                    source=source,
                )
            seen[number] = line_no
            entries.append((number, [(line_no, m.group(2))]))
            check_part_count(len(entries), "footnotes", line_no, source)
        elif entries:
            entries[-1][1].append((line_no, text))
        else:
            raise ImportFormatError(
                "text after the Footnotes line is not a numbered entry like “[1] …”",
                line=line_no,
                source=source,
            )
    return entries


def _parse_footnote(number: int, parts: list[tuple[int, str]], source: str) -> ParsedFootnote:
    raw, line_map = LineMap.join(parts)
    inline = parse_inline(raw, line_map, source=source)
    return ParsedFootnote(
        number=number,
        text=inline.text,
        line=parts[0][0],
        links=inline.links,
        styles=inline.styles,
    )


def check_refs(inline: InlineText, numbers: set[int], source: str) -> None:
    """Reject a marker that refers to a footnote with no entry."""
    for ref, line_no in zip(inline.refs, inline.ref_lines, strict=True):
        if ref.number not in numbers:
            raise ImportFormatError(
                f"footnote {ref.number} is cited on line {line_no} but has no entry",
                line=line_no,
                source=source,
            )
