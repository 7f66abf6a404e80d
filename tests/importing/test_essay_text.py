"""Invariants of the bundled essay parsed by the essay-text parser."""

from __future__ import annotations

import hashlib
import re
from datetime import date
from pathlib import Path

import pytest

from briefing_app.importing.parse import parse_file
from briefing_app.importing.parsed import ParsedDocument

ESSAY = (
    Path(__file__).resolve().parents[2]
    / "resources"
    / "essay"
    / "balkans-breakthrough-for-ukraine.txt"
)
LEFTOVER_MARKUP = re.compile(r"\]\(|\*|[⁰¹²³⁴⁵⁶⁷⁸⁹]")


@pytest.fixture(scope="module")
def essay() -> ParsedDocument:
    return parse_file(ESSAY)


def _ref_context(doc: ParsedDocument, number: int) -> tuple[str, str]:
    """Clean text before and after the single body marker for footnote ``number``."""
    hits = [
        (p.text, ref.offset)
        for p in doc.paragraphs
        for ref in p.footnote_refs
        if ref.number == number
    ]
    assert len(hits) == 1, f"footnote {number} referenced {len(hits)} times"
    text, offset = hits[0]
    return text[max(0, offset - 60) : offset], text[offset:]


def test_front_matter(essay: ParsedDocument) -> None:
    assert essay.title == (
        "Balkans Breakthrough for Ukraine: "
        "Bring Serbia into NATO & the Kosovo Model into the Donbas"
    )
    assert essay.author == "Edward P. Joseph"
    assert essay.affiliation == (
        "Lecturer & Senior Fellow, Foreign Policy Institute; "
        "Merrill Center for Strategic Studies, Johns Hopkins SAIS"
    )
    assert essay.published == date(2025, 10, 12)
    assert essay.revised == date(2025, 11, 13)
    assert essay.category == "EUROPE, SECURITY & CONFLICT"
    assert essay.image_caption is not None
    assert essay.image_caption.startswith("Serbian President Aleksandar Vučić")
    assert essay.publisher == "Foreign Policy Institute, Johns Hopkins SAIS"
    assert essay.source_name == ESSAY.name
    assert essay.content_hash == hashlib.sha256(ESSAY.read_bytes()).hexdigest()


def test_sections(essay: ParsedDocument) -> None:
    assert [s.title for s in essay.sections] == [
        None,
        "The Kosovo-1244 Model Provides a Template for a Ukraine Ceasefire",
        "Advance the Kosovo Ceasefire Model by Bringing Serbia into NATO",
    ]
    assert [sum(p.section == i for p in essay.paragraphs) for i in range(3)] == [7, 10, 16]
    assert essay.paragraphs[7].text.startswith("The Kosovo-1244 template allows")
    headings = {s.title for s in essay.sections}
    assert not any(p.text in headings for p in essay.paragraphs)


def test_paragraph_count_and_lines(essay: ParsedDocument) -> None:
    assert len(essay.paragraphs) == 33
    assert essay.paragraphs[0].line == 16
    assert [p.line for p in essay.paragraphs] == sorted(p.line for p in essay.paragraphs)


@pytest.mark.parametrize(
    "joined",
    [
        "Speaking before the Duma in March 2014",
        "accepting the results of the aggressive wars launched",
        "(The Trump Historic Agreement could be executed separately",
    ],
)
def test_page_breaks_rejoined(essay: ParsedDocument, joined: str) -> None:
    assert sum(joined in p.text for p in essay.paragraphs) == 1


def test_footnote_split_by_page_break_rejoined(essay: ParsedDocument) -> None:
    note = essay.footnotes[3]
    assert note.number == 4
    assert "Ukrainians see major strategic value in the portion" in note.text
    assert note.line == 100


def test_every_footnote_referenced_once(essay: ParsedDocument) -> None:
    assert [f.number for f in essay.footnotes] == list(range(1, 9))
    numbers = sorted(r.number for p in essay.paragraphs for r in p.footnote_refs)
    assert numbers == list(range(1, 9))


@pytest.mark.parametrize(
    ("number", "before", "after"),
    [
        (1, "half-dozen times", " on the war in Ukraine"),
        (2, "near-term goal: territory.", ""),
        (3, "cannot be separated from security guarantees", " In other words, the modalities"),
        (4, "are the immediate obstacle to a ceasefire.", ""),
        (5, "With Trump still reluctant", " – and Europe largely incapable"),
        (6, "i.e., a compromise.", ""),
        (7, "missed the golden opportunity", " to sever Belgrade’s"),
        (8, "along with some legal sophistry,", " will win over"),
    ],
)
def test_footnote_marker_positions(
    essay: ParsedDocument, number: int, before: str, after: str
) -> None:
    text_before, text_after = _ref_context(essay, number)
    assert text_before.endswith(before)
    assert text_after.startswith(after)


def test_first_paragraph_ends_with_footnote_two(essay: ParsedDocument) -> None:
    first = essay.paragraphs[0]
    assert first.text.endswith("territory.")
    assert first.footnote_refs[-1].number == 2
    assert first.footnote_refs[-1].offset == len(first.text)


def test_swallowed_footnote_three_splits_the_link(essay: ParsedDocument) -> None:
    paragraph = next(p for p in essay.paragraphs if "security guarantees In other" in p.text)
    assert [link.text for link in paragraph.links] == ["security guarantees"]
    assert paragraph.links[0].target is None
    assert [r.number for r in paragraph.footnote_refs] == [3, 4]


def test_no_markup_left_in_clean_text(essay: ParsedDocument) -> None:
    texts = [p.text for p in essay.paragraphs] + [f.text for f in essay.footnotes]
    texts += [s.title or "" for s in essay.sections] + [essay.title]
    for text in texts:
        assert not LEFTOVER_MARKUP.search(text), text
        assert text == text.strip()
        assert "  " not in text


def test_typography_kept(essay: ParsedDocument) -> None:
    body = " ".join(p.text for p in essay.paragraphs)
    assert "Russia’s “savage strikes”" in body
    assert "Vučić" in body
    assert "— or that the Russian leader’s aim" in body


def test_links(essay: ParsedDocument) -> None:
    body_links = [link for p in essay.paragraphs for link in p.links]
    note_links = [link for f in essay.footnotes for link in f.links]
    # 69 "](#)" in the file: 54 body + 14 footnotes + the category bullet in the front matter.
    assert (len(body_links), len(note_links)) == (54, 14)
    for item in [*essay.paragraphs, *essay.footnotes]:
        for link in item.links:
            assert item.text[link.start : link.end] == link.text
            assert link.target is None
    anchors = {link.text for link in body_links}
    assert {"current battlefield lines", "“fight it out.”", "Tomahawk"} <= anchors
    assert '"win back' in {link.text for link in note_links}


def test_styles(essay: ParsedDocument) -> None:
    spans = {
        (item.text[s.start : s.end], s.kind)
        for item in [*essay.paragraphs, *essay.footnotes]
        for s in item.styles
    }
    assert ("interim", "emphasis") in spans
    assert ("Trump Historic", "emphasis") in spans
    assert ("de facto", "emphasis") in spans
    assert any(text.startswith("“This does not imply") for text, _ in spans)
