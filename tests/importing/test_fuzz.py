"""Fuzz the importer with 10,000 mutated and random documents (seeded, reproducible).

Every document is parsed (the stage that rejects). An accepted document must be one the
store can hold; a rejected one must fail with one clear sentence. Every rejected document,
and a sample of the accepted ones, then goes through the real import into a store, whose
file must be byte-for-byte unchanged after a rejection.

A failure names the seed and document index; ``BRIEFING_FUZZ_SEED`` and
``BRIEFING_FUZZ_COUNT`` rerun with another seed or more documents, and
``python3 tests/importing/test_fuzz.py SEED INDEX`` writes that one document out.
"""

from __future__ import annotations

import functools
import hashlib
import os
import random
import re
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from briefing_app.importing.files import import_document
from briefing_app.importing.parse import MAX_LINE_CHARS, parse_bytes
from briefing_app.importing.parsed import ImportFormatError, ParsedDocument
from briefing_app.services.bootstrap import import_file
from briefing_app.store.errors import StoreError
from briefing_app.store.store import Store, open_store

SEED = int(os.environ.get("BRIEFING_FUZZ_SEED", "20251012"))
COUNT = int(os.environ.get("BRIEFING_FUZZ_COUNT", "10000"))
IMPORT_ONE_IN = 50  # accepted documents that also go through the store import
INT64_MAX = 2**63 - 1

ESSAY = Path(__file__).resolve().parents[2] / "resources" / "essay"
ESSAY_TEXT = (ESSAY / "balkans-breakthrough-for-ukraine.txt").read_bytes()

Mutator = Callable[[random.Random, bytes], bytes]


# --- seeds ----------------------------------------------------------------------------------

_TARGETS = (
    "https://example.org/{k}",
    "http://example.org/a_(b)/{k}",
    "mailto:desk{k}@example.org",
    "javascript:alert({k})",
    "file:///etc/passwd",
    "data:text/html,<b>{k}</b>",
    "../relative/{k}.html",
    "#",
)


def _markdown_text(text: str, links: list, refs: list, k0: int) -> str:
    """``text`` with its links written as ``[a](url)`` and its markers as ``[^n]``."""
    events: list[tuple[int, int, str]] = []
    for k, link in enumerate(links, start=k0):
        target = _TARGETS[k % len(_TARGETS)].format(k=k)
        events += [(link.start, 2, "["), (link.end, 0, f"]({target})")]
    events += [(ref.offset, 1, f"[^{ref.number}]") for ref in refs]
    out, pos = [], 0
    for offset, _, insert in sorted(events):
        out += [text[pos:offset], insert]
        pos = offset
    out.append(text[pos:])
    return "".join(out)


def essay_as_markdown() -> bytes:
    """The bundled essay in the importer's Markdown form, with a mix of link schemes."""
    doc = parse_bytes(ESSAY_TEXT, "essay.txt")
    lines = [
        f"# {doc.title}",
        f"Author: {doc.author}",
        f"Affiliation: {doc.affiliation}",
        f"Published: {doc.published.isoformat()}",
        f"Revised: {doc.revised:%B %d, %Y}",
        f"Category: {doc.category}",
        "",
    ]
    section, k = 0, 0
    for para in doc.paragraphs:
        if para.section != section:
            section = para.section
            lines += [f"## {doc.sections[section].title}", ""]
        lines += [_markdown_text(para.text, para.links, para.footnote_refs, k), ""]
        k += len(para.links)
    for note in doc.footnotes:
        body = _markdown_text(note.text, note.links, [], k)
        k += len(note.links)
        head, _, rest = body.partition(". ")
        lines.append(f"[^{note.number}]: {head}.")
        if rest:
            lines.append(f"    {rest}")
    return ("\n".join(lines) + "\n").encode("utf-8")


SMALL_MARKDOWN = b"""\
---
title: "Small *seed*"
author: A. Writer
date: 12 Oct 2025
---

Opening [link](https://example.org/a_(b)) with *emphasis*, **strong** and a note.[^a]

## Section

> A quoted [nested [link]](<https://example.org/x y>) line.[^1]
1. Item one.[^a]
2. Item two with \\*escapes\\* and ![an image](file:///etc/passwd).

[^a]: Named note with [mail](mailto:desk@example.org).
    Continued.
[^1]: Numbered note.
"""

SMALL_ESSAY = """\
IMAGE - A caption

A Small Essay Title

- OCTOBER 12, 2025
- [CATEGORY](#)
- *Originally published on October 12, 2025*

By **Some Author**, An Institute.

First paragraph with a [link](https://example.org/) and *emphasis* and a note.¹

A Heading

Second paragraph split by a page break, a “quotation

that continues” here.²

Footnotes

[1] One note with [a link](#).

[2] Two.
""".encode()


@functools.cache
def seed_documents() -> list[tuple[bytes, bool]]:
    """(bytes, is_markdown) for every seed."""
    return [
        (ESSAY_TEXT, False),
        (essay_as_markdown(), True),
        (SMALL_MARKDOWN, True),
        (SMALL_ESSAY, False),
    ]


# --- mutators -------------------------------------------------------------------------------

_MARKUP = [
    b"[", b"]", b"(", b")", b"*", b"**", b"***", b"\\", b"#", b"# ", b"## ", b"\n", b"\n\n",
    b"](", b"[^", b"[^1]: ", b"[^01]: x", b"[12] ", b"Footnotes\n", b"\nFootnotes\n\n[1] x\n",
    b"---\n", b"- ", b"> ", b"1. ", b"By ", b"IMAGE - ", b"Published: ", b"Date: 31 Feb 2025",
    b"<", b">", b"\t", b"\r", b"\r\n", b"\f", b"\v", "“".encode(), "”".encode(), b'"',
    "\u202e".encode(), "\u200b".encode(), "\ufeff".encode(), "\U0001f642".encode(),
    "\u0301".encode(), "ﬁ".encode(), "Å".encode(),
]  # fmt: skip
_LINKS = [
    b"[a [b](c) d](e)", b"[a](b", b"[a]((b)", b"[a](b))", b"[[[x]]](y)", b"[x](<y)", b"[x](y \"t)",
    b"[x]](y)", b"[](x)", b"[x]()", b"[x](#)", b"[x](javascript:alert(1))", b"![i](http://e/x.png)",
    b"[x](file:///etc/passwd)", b"[^1 2]", b"[^]", b"[^" + b"9" * 40 + b"]", b"[x](" * 50,
    b"[" * 300, b"]" * 300, b"(" * 300, b"*" * 301,
]  # fmt: skip
_ORPHANS = [
    "⁷⁷".encode(), "³".encode(), "¹²³⁴⁵⁶".encode(), b"[^404]", b"[^zz]", b"[^1]", b"[^01]",
    "[^²]".encode(), b"[^" + b"9" * 40 + b"]",
]  # fmt: skip
_BROKEN_UTF8 = [
    b"\xc3", b"\xe2\x82", b"\xed\xa0\x80", b"\xf8\x88\x80\x80\x80", b"\xc0\xaf", b"\xff\xfe",
    b"\xef\xbf", b"\x80", b"\xf4\x90\x80\x80",
]  # fmt: skip


def _at(rng: random.Random, doc: bytes) -> int:
    return rng.randrange(len(doc) + 1)


def truncate(rng: random.Random, doc: bytes) -> bytes:
    return doc[: _at(rng, doc)]


def chop_front(rng: random.Random, doc: bytes) -> bytes:
    return doc[_at(rng, doc) :]


def binary_junk(rng: random.Random, doc: bytes) -> bytes:
    at = _at(rng, doc)
    return doc[:at] + rng.randbytes(rng.randint(1, 64)) + doc[at:]


def flip_bytes(rng: random.Random, doc: bytes) -> bytes:
    data = bytearray(doc)
    for _ in range(rng.randint(1, 8)):
        if data:
            data[rng.randrange(len(data))] = rng.randrange(256)
    return bytes(data)


def broken_utf8(rng: random.Random, doc: bytes) -> bytes:
    at = _at(rng, doc)
    return doc[:at] + rng.choice(_BROKEN_UTF8) + doc[at:]


def markup(rng: random.Random, doc: bytes) -> bytes:
    for _ in range(rng.randint(1, 6)):
        at = _at(rng, doc)
        doc = doc[:at] + rng.choice(_MARKUP) + doc[at:]
    return doc


def links(rng: random.Random, doc: bytes) -> bytes:
    at = _at(rng, doc)
    return doc[:at] + rng.choice(_LINKS) + doc[at:]


def orphan_marker(rng: random.Random, doc: bytes) -> bytes:
    """A footnote marker whose footnote does not exist (or a footnote section removed)."""
    if rng.random() < 0.3:
        for heading in (b"\nFootnotes\n", b"\n[^"):
            if heading in doc:
                return doc[: doc.index(heading)]
    at = _at(rng, doc)
    marker = rng.choice(_ORPHANS)
    return doc[:at] + marker + doc[at:]


def huge_line(rng: random.Random, doc: bytes) -> bytes:
    """A line at the length limit (of words or one repeated letter), or a long line dense
    with markup (kept shorter: it is the slow case, and linear is all that matters)."""
    if rng.random() < 0.7:
        size = rng.choice([MAX_LINE_CHARS - 1, MAX_LINE_CHARS, MAX_LINE_CHARS + 1])
        unit = rng.choice([b"word ", b"x", "Đ".encode()])
    else:
        size = rng.choice([2_000, 20_000])
        unit = rng.choice([b"[a](b) ", b"*a* ", "¹".encode(), b"[^1]", b"[" * 10])
    chars = len(unit.decode())
    line = (unit * (size // chars + 1))[: size * len(unit) // chars]
    at = _at(rng, doc)
    return doc[:at] + b"\n" + line + b"\n" + doc[at:]


def cut_paste(rng: random.Random, doc: bytes) -> bytes:
    """Delete, duplicate or move a random stretch."""
    a, b = sorted((_at(rng, doc), _at(rng, doc)))
    piece = doc[a:b][:4096]
    rest = doc[:a] + doc[b:]
    choice = rng.randrange(3)
    if choice == 0:
        return rest
    at = rng.randrange(len(rest) + 1)
    if choice == 1:
        return doc[:a] + piece + doc[a:]
    return rest[:at] + piece + rest[at:]


def shuffle_lines(rng: random.Random, doc: bytes) -> bytes:
    lines = doc.split(b"\n")
    a = rng.randrange(len(lines))
    b = min(len(lines), a + rng.randint(2, 20))
    chunk = lines[a:b]
    rng.shuffle(chunk)
    return b"\n".join(lines[:a] + chunk + lines[b:])


def nested_links(rng: random.Random, doc: bytes) -> bytes:
    depth = rng.randint(2, 400)
    core = b"[" * depth + b"x" + b"](u)" * rng.randint(0, depth)
    at = _at(rng, doc)
    return doc[:at] + core + doc[at:]


MUTATORS: list[tuple[Mutator, int]] = [
    (truncate, 5),
    (chop_front, 2),
    (binary_junk, 2),
    (flip_bytes, 2),
    (broken_utf8, 2),
    (markup, 14),
    (links, 12),
    (orphan_marker, 4),
    (huge_line, 1),
    (cut_paste, 8),
    (shuffle_lines, 5),
    (nested_links, 4),
]


def random_document(rng: random.Random) -> bytes:
    """A document from nothing: bytes, or lines of markup and words."""
    if rng.random() < 0.25:
        return rng.randbytes(rng.randint(0, 2048))
    pieces = [*_MARKUP, *_LINKS, b"word", b"Title", b"text.", b" ", b"\n"]
    return b"".join(rng.choice(pieces) for _ in range(rng.randint(1, 300)))


_NOTE_BLOCK = re.compile(rb"^(?:Footnotes|\[\^|\[\d+\])")


def excerpt(rng: random.Random, doc: bytes) -> bytes:
    """The seed, or (for a long one) its front matter, a few body blocks and the notes."""
    if len(doc) < 4000 or rng.random() < 0.02:
        return doc
    blocks = doc.split(b"\n\n")
    notes = [b for b in blocks[6:] if _NOTE_BLOCK.match(b)]
    body = [b for b in blocks[6:] if not _NOTE_BLOCK.match(b)]
    keep = sorted(rng.sample(range(len(body)), k=min(len(body), rng.randint(1, 6))))
    return b"\n\n".join(blocks[:6] + [body[i] for i in keep] + notes)


def make_document(seed: int, index: int) -> tuple[bytes, bool]:
    """Document ``index`` of the run with ``seed``: (bytes, parse as Markdown)."""
    rng = random.Random(f"{seed}:{index}")
    if rng.random() < 0.08:
        return random_document(rng), rng.random() < 0.5
    base, markdown = rng.choice(seed_documents())
    doc = excerpt(rng, base)
    functions, weights = zip(*MUTATORS, strict=True)
    for mutate in rng.choices(functions, weights, k=rng.choice((1, 1, 1, 2, 2, 3))):
        doc = mutate(rng, doc)
    if rng.random() < 0.05:
        markdown = not markdown
    return doc, markdown


# --- checks ---------------------------------------------------------------------------------

_QUOTED = re.compile(r"“[^”]*”|\([^()]*\)")
_SENTENCE_BREAK = re.compile(r"[.!?]\s+[A-Z]")


def check_rejection(error: Exception, source: str) -> None:
    """One clear sentence of the app's own error types, naming the file."""
    assert type(error) is ImportFormatError or isinstance(error, StoreError), repr(error)
    text = str(error)
    assert "\n" not in text and len(text) < 400, text
    assert text.endswith("."), text
    if isinstance(error, ImportFormatError):
        assert error.source == source, text
        assert error.line is None or error.line >= 1, text
        assert error.message and not error.message[0].isupper(), text
        assert not _SENTENCE_BREAK.search(_QUOTED.sub("", error.message)), text


def check_accepted(doc: ParsedDocument) -> None:
    """What the store needs of a parsed document: valid spans, numbers and references."""
    assert doc.title and doc.paragraphs
    numbers = [note.number for note in doc.footnotes]
    assert len(numbers) == len(set(numbers)), f"duplicate footnote numbers {numbers}"
    assert all(0 <= n <= INT64_MAX for n in numbers), numbers
    for para in doc.paragraphs:
        assert para.text and 0 <= para.section < len(doc.sections) and para.line >= 1
        for ref in para.footnote_refs:
            assert ref.number in numbers and 0 <= ref.offset <= len(para.text)
    for item in [*doc.paragraphs, *doc.footnotes]:
        for span in [*item.links, *item.styles]:
            assert 0 <= span.start < span.end <= len(item.text), (span, len(item.text))
    texts = [doc.title, *(p.text for p in doc.paragraphs), *(f.text for f in doc.footnotes)]
    for text in texts:
        assert not re.search(r"[\x00-\x09\x0b-\x1f\x7f]", text), repr(text[:80])


def store_bytes(store: Store) -> str:
    """sha256 of the store file and its write-ahead log."""
    path = Path(store.engine.url.database)
    digest = hashlib.sha256(path.read_bytes())
    wal = path.with_name(path.name + "-wal")
    if wal.exists() and wal.stat().st_size:
        digest.update(wal.read_bytes())
    return digest.hexdigest()


# --- the test -------------------------------------------------------------------------------


@pytest.fixture
def fuzz_store(tmp_path: Path):
    store = open_store(tmp_path / "fuzz.sqlite")
    import_file(store, _write(tmp_path / "seed", "fuzz.md", SMALL_MARKDOWN))
    _checkpoint(store)
    yield store
    store.close()


def _checkpoint(store: Store) -> None:
    """Move the write-ahead log into the file, so hashing stays cheap."""
    with store.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")


def _write(folder: Path, name: str, data: bytes) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(data)
    return path


@pytest.mark.stress
def test_ten_thousand_documents(fuzz_store: Store, tmp_path: Path) -> None:
    counts = {"accepted": 0, "rejected": 0, "imported": 0}
    files = tmp_path / "docs"
    before = store_bytes(fuzz_store)  # kept up to date after every accepted import
    for index in range(COUNT):
        where = f"seed {SEED}, document {index} (python3 {__file__} {SEED} {index})"
        data, markdown = make_document(SEED, index)
        name = "fuzz.md" if markdown else "fuzz.txt"
        try:
            parsed = parse_bytes(data, name, markdown=markdown)
        except ImportFormatError as error:
            rejected: Exception | None = error
        except Exception as error:  # any other exception is a bug
            pytest.fail(f"{where}: unhandled {error!r}")
        else:
            rejected = None
        if rejected is not None:
            counts["rejected"] += 1
            try:
                check_rejection(rejected, name)
            except AssertionError as failure:
                pytest.fail(f"{where}: unclear rejection: {failure}")
        else:
            counts["accepted"] += 1
            try:
                check_accepted(parsed)
            except AssertionError as failure:
                pytest.fail(f"{where}: accepted a document the store cannot hold: {failure}")
            if counts["accepted"] % IMPORT_ONE_IN:
                continue
        try:
            import_document(fuzz_store, _write(files, name, data), replace=True, backup=False)
        except (ImportFormatError, StoreError) as error:
            check_rejection(error, name)
            assert store_bytes(fuzz_store) == before, f"{where}: store changed after a rejection"
            assert rejected is not None, f"{where}: parsed, but the import refused: {error}"
        except Exception as error:
            pytest.fail(f"{where}: import raised {error!r}")
        else:
            assert rejected is None, f"{where}: the import accepted what parsing rejected"
            counts["imported"] += 1
            _checkpoint(fuzz_store)
            before = store_bytes(fuzz_store)
    print(f"\nfuzz: seed {SEED}, {COUNT} documents: {counts}")
    # Both outcomes must be common, or the mutators are not testing much.
    assert counts["accepted"] > COUNT // 10 and counts["rejected"] > COUNT // 10, counts
    assert counts["imported"] >= counts["accepted"] // IMPORT_ONE_IN


def test_failure_inside_the_import_transaction_leaves_the_bytes(
    fuzz_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The fuzzer's rejections all happen before the store is touched; one that happens
    after every row is written (here: re-anchoring fails) must leave the file as it was."""
    from briefing_app.importing import loader

    def fail(*_: object) -> None:
        raise ImportFormatError("re-anchoring failed", source="fuzz.txt")

    monkeypatch.setattr(loader, "reanchor_document", fail)
    before = store_bytes(fuzz_store)
    with pytest.raises(ImportFormatError):
        import_file(fuzz_store, _write(tmp_path / "docs", "fuzz.txt", ESSAY_TEXT))
    assert store_bytes(fuzz_store) == before


def test_mutators_are_reproducible() -> None:
    assert make_document(SEED, 7) == make_document(SEED, 7)
    assert make_document(SEED, 7) != make_document(SEED + 1, 7)


def test_markdown_seed_is_a_faithful_copy() -> None:
    """The Markdown seed holds the essay's text, sections and notes (so mutations of it
    reach deep into the Markdown parser instead of failing on the first line)."""
    essay = parse_bytes(ESSAY_TEXT, "essay.txt")
    markdown = parse_bytes(essay_as_markdown(), "essay.md", markdown=True)
    assert [p.text for p in markdown.paragraphs] == [p.text for p in essay.paragraphs]
    assert [s.title for s in markdown.sections] == [s.title for s in essay.sections]
    assert [(f.number, f.text) for f in markdown.footnotes] == [
        (f.number, f.text) for f in essay.footnotes
    ]
    assert (markdown.author, markdown.published, markdown.revised) == (
        essay.author,
        essay.published,
        essay.revised,
    )


# --- what the fuzzer found ------------------------------------------------------------------


def test_superscript_footnote_label_is_a_name() -> None:
    """``[^²]`` passed ``str.isdigit`` and crashed ``int()``; it is a named label now."""
    doc = parse_bytes("# T\n\nText.[^²] More.[^1]\n\n[^²]: Two.\n[^1]: One.\n".encode(), "x.md",
                      markdown=True)  # fmt: skip
    assert [(f.number, f.text) for f in doc.footnotes] == [(1, "One."), (2, "Two.")]
    assert [r.number for r in doc.paragraphs[0].footnote_refs] == [2, 1]


def test_zero_padded_label_is_the_same_footnote() -> None:
    """``[^01]`` and ``[^1]`` both meant footnote 1: the store's unique constraint failed
    mid-import. They are one label now, so defining both is a clear error."""
    error = _rejection(b"# T\n\nText.[^01]\n\n[^01]: a\n[^1]: b\n")
    assert error.message == "footnote [^1] is defined twice (first on line 5)"
    doc = parse_bytes(b"# T\n\nText.[^01]\n\n[^1]: a\n", "x.md", markdown=True)
    assert [r.number for r in doc.paragraphs[0].footnote_refs] == [1]


def test_huge_numeric_label_is_a_name() -> None:
    """A 40-digit label overflowed SQLite's integer mid-import; it is numbered as a name."""
    label = b"9" * 40
    doc = parse_bytes(b"# T\n\nText.[^" + label + b"]\n\n[^" + label + b"]: a\n", "x.md",
                      markdown=True)  # fmt: skip
    assert [f.number for f in doc.footnotes] == [1]
    check_accepted(doc)


_MAP_HEAD = 'document = "balkans-breakthrough-for-ukraine"\n'
_MAP_ARGUMENT = (
    '[[argument]]\nkey = "k"\nlabel = "L"\nclaim = "C"\nkind = "thesis"\n'
    'quote = "In less than a year"\n'
)
HOSTILE_MAPS = {
    "table is text": (_MAP_HEAD + 'argument = "x"\n', "must be a list of [[argument]]"),
    "table of numbers": (_MAP_HEAD + "argument = [1, 2]\n", "must be a list of [[argument]]"),
    "edges as text": (_MAP_HEAD + _MAP_ARGUMENT + 'supports = "k"\n', "supports must be a list"),
    "tags of numbers": (_MAP_HEAD + _MAP_ARGUMENT + "tags = [1]\n", "tags must be a list"),
    "aliases as text": (
        _MAP_HEAD + '[[actor]]\nkey = "a"\nname = "A"\nkind = "person"\naliases = "x"\n',
        "aliases must be a list",
    ),
    "speaker as list": (
        _MAP_HEAD + '[[quote]]\nkey = "q"\ntext = "In less"\nspeaker = ["a"]\n',
        "speaker must be text",
    ),
    "footnotes as text": (_MAP_HEAD + _MAP_ARGUMENT + 'footnotes = "1"\n', "footnote numbers"),
    "no document": (_MAP_ARGUMENT, "does not name its document"),
}


@pytest.mark.parametrize("case", sorted(HOSTILE_MAPS))
def test_hostile_argument_map_shapes_are_one_sentence(essay_store, tmp_path, case) -> None:
    """A hand-edited map with the wrong shapes crashed (AttributeError, TypeError) or was
    read character by character (``supports = "k"``)."""
    from briefing_app.importing.argument_map import ArgumentMapError, load_argument_map

    text, expected = HOSTILE_MAPS[case]
    path = tmp_path / "map.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ArgumentMapError) as info:
        load_argument_map(essay_store, path)
    message = str(info.value)
    assert expected in message and message.endswith(".") and "\n" not in message


def _rejection(data: bytes) -> ImportFormatError:
    with pytest.raises(ImportFormatError) as info:
        parse_bytes(data, "x.md", markdown=True)
    check_rejection(info.value, "x.md")
    return info.value


if __name__ == "__main__":
    seed, index = int(sys.argv[1]), int(sys.argv[2])
    data, markdown = make_document(seed, index)
    out = Path(f"fuzz-{seed}-{index}.{'md' if markdown else 'txt'}")
    out.write_bytes(data)
    print(f"wrote {out} ({len(data)} bytes)")
