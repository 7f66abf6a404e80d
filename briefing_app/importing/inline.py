"""Inline markup shared by the essay-text and Markdown parsers.

``parse_inline`` turns one raw paragraph (already NFC-normalised, lines joined with spaces)
into clean text plus link, style and footnote-marker spans.  It is a single left-to-right
pass driven by ``re.search`` over the special characters, so it stays linear on large input.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from briefing_app.importing.parsed import FootnoteRef, ImportFormatError, LinkSpan, StyleSpan

SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_SUPER_TO_ASCII = str.maketrans(SUPERSCRIPT_DIGITS, "0123456789")
SUPERSCRIPT_RUN = re.compile(f"[{SUPERSCRIPT_DIGITS}]{{1,6}}")

_WS = re.compile(r"\s+")
_ESSAY_TOKEN = re.compile(rf"\*+|\[|[{SUPERSCRIPT_DIGITS}]{{1,6}}")
_MD_TOKEN = re.compile(r"\\[\\`*_{}\[\]()#+\-.!>~|]|\*+|!\[|\[")
_BRACKET = re.compile(r"\\.|[\[\]]")
_TARGET = re.compile(r'\(\s*(<[^<>\n]*>|[^\s()]*(?:\([^\s()]*\)[^\s()]*)*)(?:\s+"[^"\n]*")?\s*\)')
# A plain digit run glued to the end of a word, followed by more text (a swallowed marker).
_GLUED_NUMBER = re.compile(r"(?<=[^\W\d_])(\d{1,4})(\s+)(?=\S)")
MD_FOOTNOTE_REF = re.compile(r"\[\^([^\]\s]{1,100})\]")
_STAR_KINDS = {1: ("emphasis",), 2: ("strong",), 3: ("strong", "emphasis")}


def superscript_number(run: str) -> int:
    """The integer written by a run of Unicode superscript digits."""
    return int(run.translate(_SUPER_TO_ASCII))


@dataclass
class InlineText:
    """Clean text with its spans; ``ref_lines`` gives the source line of each ref."""

    text: str
    links: list[LinkSpan] = field(default_factory=list)
    styles: list[StyleSpan] = field(default_factory=list)
    refs: list[FootnoteRef] = field(default_factory=list)
    ref_lines: list[int] = field(default_factory=list)


class LineMap:
    """Maps offsets in a paragraph's joined raw text back to 1-based source lines."""

    def __init__(self, starts: list[int], lines: list[int]) -> None:
        self._starts = starts
        self._lines = lines

    @classmethod
    def join(cls, parts: list[tuple[int, str]]) -> tuple[str, LineMap]:
        """Join ``(line_number, text)`` parts with single spaces, remembering where each began."""
        starts: list[int] = []
        lines: list[int] = []
        texts: list[str] = []
        offset = 0
        for line_no, text in parts:
            if "  " in text or not text.isprintable():
                text = _WS.sub(" ", text)
            text = text.strip(" ")
            starts.append(offset)
            lines.append(line_no)
            texts.append(text)
            offset += len(text) + 1
        return " ".join(texts), cls(starts, lines)

    def line_of(self, offset: int) -> int:
        return self._lines[max(bisect_right(self._starts, offset) - 1, 0)]


class _Builder:
    """Accumulates clean text with collapsed whitespace and open style spans."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.ends_space = True  # drops leading whitespace
        self.links: list[tuple[int, int, str | None]] = []
        self.styles: list[StyleSpan] = []
        self.open_styles: dict[str, int] = {}
        self.refs: list[FootnoteRef] = []
        self.ref_lines: list[int] = []

    def add(self, chunk: str) -> None:
        """Append raw text whose whitespace is already single spaces."""
        if chunk and self.ends_space and chunk[0] == " ":
            chunk = chunk[1:]
        if chunk:
            self.parts.append(chunk)
            self.length += len(chunk)
            self.ends_space = chunk[-1] == " "

    def ref(self, number: int, line: int) -> None:
        self.refs.append(FootnoteRef(number, self.length))
        self.ref_lines.append(line)

    def toggle(self, kind: str) -> None:
        start = self.open_styles.pop(kind, None)
        if start is None:
            self.open_styles[kind] = self.length
        elif self.length > start:
            self.styles.append(StyleSpan(start, self.length, kind))

    def finish(self) -> InlineText:
        text = "".join(self.parts)
        if text.endswith(" "):
            text = text[:-1]
        size = len(text)
        links = []
        for start, end, target in self.links:
            s, e = _trim(text, min(start, size), min(end, size))
            if e > s:
                links.append(LinkSpan(s, e, text[s:e], target))
        styles = []
        for span in self.styles:
            s, e = _trim(text, min(span.start, size), min(span.end, size))
            if e > s:
                styles.append(StyleSpan(s, e, span.kind))
        styles.sort(key=lambda span: (span.start, span.end))
        refs = [FootnoteRef(r.number, min(r.offset, size)) for r in self.refs]
        return InlineText(text, links, styles, refs, list(self.ref_lines))


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] == " ":
        start += 1
    while end > start and text[end - 1] == " ":
        end -= 1
    return start, end


@dataclass
class _Frame:
    """A pending stretch of raw text; ``finish`` runs when the scan reaches ``end``."""

    end: int
    finish: Callable[[_Builder], int]


@dataclass
class _Context:
    raw: str
    lines: LineMap
    source: str | None
    pairs: dict[int, int]
    orphans: set[int] | None
    md_label: Callable[[str, int], int] | None


def parse_inline(
    raw: str,
    lines: LineMap,
    *,
    source: str | None = None,
    markdown: bool = False,
    orphans: set[int] | None = None,
    md_label: Callable[[str, int], int] | None = None,
) -> InlineText:
    """Parse links, emphasis and footnote markers in ``raw`` (from ``LineMap.join``).

    ``orphans`` (essay format) holds footnote numbers with no superscript marker; a link whose
    anchor swallowed such a number is split there (the set is consumed).  ``md_label`` (Markdown)
    maps a ``[^label]`` at a raw offset to a footnote number.
    """
    token = _MD_TOKEN if markdown else _ESSAY_TOKEN
    pairs = _bracket_pairs(raw, lines, source) if "[" in raw or "](" in raw else {}
    if token.search(raw) is None:
        return InlineText(raw.strip())
    ctx = _Context(raw, lines, source, pairs, orphans, md_label)
    b = _Builder()
    frames: list[_Frame] = []
    pos = 0
    while True:
        end = frames[-1].end if frames else len(raw)
        m = token.search(raw, pos, end)
        if m is None:
            b.add(raw[pos:end])
            if not frames:
                break
            pos = frames.pop().finish(b)
            continue
        b.add(raw[pos : m.start()])
        pos = m.end()
        first = m.group()[0]
        if first == "\\":
            b.add(m.group()[1])
        elif first == "*":
            _stars(b, raw, m.start(), m.end())
        elif first == "[":
            pos = _bracket(b, ctx, m.start(), end, frames)
        elif first == "!":
            pos = _image(b, ctx, m.start() + 1, end, frames)
        else:
            b.ref(superscript_number(m.group()), lines.line_of(m.start()))
    return b.finish()


def parse_line(raw: str, line: int, **options: Any) -> InlineText:
    """``parse_inline`` for a single source line."""
    text, lines = LineMap.join([(line, raw)])
    return parse_inline(text, lines, **options)


def _stars(b: _Builder, raw: str, start: int, end: int) -> None:
    """Toggle emphasis/strong for a run of asterisks; space-flanked runs stay literal."""
    before = raw[start - 1] if start > 0 else " "
    after = raw[end] if end < len(raw) else " "
    kinds = _STAR_KINDS.get(end - start)
    if kinds is None or (before.isspace() and after.isspace()):
        b.add(raw[start:end])
        return
    for kind in kinds:
        b.toggle(kind)


def _bracket(b: _Builder, ctx: _Context, start: int, limit: int, frames: list[_Frame]) -> int:
    """Handle a ``[``: footnote ref, link (pushing frames) or literal; returns the next offset."""
    raw = ctx.raw
    if ctx.md_label is not None:
        ref = MD_FOOTNOTE_REF.match(raw, start)
        if ref is not None:
            b.ref(ctx.md_label(ref.group(1), start), ctx.lines.line_of(start))
            return ref.end()
    close = ctx.pairs.get(start)
    if close is None or close >= limit or raw[close + 1 : close + 2] != "(":
        b.add("[")
        return start + 1
    target_match = _TARGET.match(raw, close + 1)
    if target_match is None:
        anchor = raw[start : min(close + 1, start + 40)]
        raise ImportFormatError(
            f"the link “{anchor}(…” has no closing parenthesis",
            line=ctx.lines.line_of(close),
            source=ctx.source,
        )
    target = target_match.group(1).strip("<>") or None
    if target == "#":
        target = None
    after = target_match.end()
    link_start = b.length
    glued = _swallowed_marker(ctx, start + 1, close)
    if glued is None:
        frames.append(_Frame(close, lambda bb: _close_link(bb, link_start, target, after)))
        return start + 1
    number, digits_start, rest_start = glued

    def finish_anchor(bb: _Builder) -> int:
        bb.links.append((link_start, bb.length, target))
        bb.ref(number, ctx.lines.line_of(digits_start))
        bb.add(" ")
        return rest_start

    frames.append(_Frame(close, lambda bb: after))
    frames.append(_Frame(digits_start, finish_anchor))
    return start + 1


def _image(b: _Builder, ctx: _Context, start: int, limit: int, frames: list[_Frame]) -> int:
    """``![alt](src)`` keeps only its alt text: an image is never fetched, embedded or
    linked. Anything else leaves the ``!`` as text and the ``[`` to :func:`_bracket`."""
    close = ctx.pairs.get(start)
    target = None
    if close is not None and close < limit and ctx.raw[close + 1 : close + 2] == "(":
        target = _TARGET.match(ctx.raw, close + 1)
    if close is None or target is None:
        b.add("!")
        return start
    after = target.end()
    frames.append(_Frame(close, lambda bb: after))
    return start + 1


def _close_link(b: _Builder, start: int, target: str | None, after: int) -> int:
    b.links.append((start, b.length, target))
    return after


def _swallowed_marker(ctx: _Context, start: int, end: int) -> tuple[int, int, int] | None:
    """Find an orphan footnote number glued to a word inside link text ``raw[start:end]``."""
    if not ctx.orphans:
        return None
    for m in _GLUED_NUMBER.finditer(ctx.raw, start, end):
        number = int(m.group(1))
        if number in ctx.orphans:
            ctx.orphans.discard(number)
            return number, m.start(1), m.end()
    return None


def _bracket_pairs(raw: str, lines: LineMap, source: str | None) -> dict[int, int]:
    """Match square brackets in one pass; a stray ``](`` is a broken link."""
    pairs: dict[int, int] = {}
    stack: list[int] = []
    for m in _BRACKET.finditer(raw):
        char = m.group()
        if char == "[":
            stack.append(m.start())
        elif char == "]":
            if stack:
                pairs[stack.pop()] = m.start()
            elif raw[m.end() : m.end() + 1] == "(":
                raise ImportFormatError(
                    "a link closes with “](” but has no opening “[”",
                    line=lines.line_of(m.start()),
                    source=source,
                )
    return pairs
