from __future__ import annotations

import re
from pathlib import Path

import pytest
from office_tools import fonts_embedded as _fonts_embedded
from office_tools import outline_entries as _outline_titles
from office_tools import pdf_info as _info
from office_tools import run as _run

from briefing_app.layout.boxes import LaidDeck
from briefing_app.render.pdf_renderer import render_handout, render_pdf, split_lines, wrap_text

from ._deck import sample_deck, sample_slide

NAMES = ("Vučić", "Đukić", "Šekerinska", "Šutanovac", "Косово", "Донбас")


@pytest.fixture(scope="module")
def deck() -> LaidDeck:
    return sample_deck(3)


def test_pdf_fonts_text_metadata_outline_links(tmp_path: Path, deck: LaidDeck) -> None:
    path = render_pdf(deck, tmp_path / "deck.pdf")
    fonts = _fonts_embedded(path)
    assert all("Liberation" in name for name in fonts)
    text = _run("pdftotext", "-layout", str(path), "-")
    for name in NAMES:
        assert name in text
    assert "<script>&amp; stays literal." in text
    info = _info(path)
    assert info["Pages"].strip() == "3"
    assert info["Title"].strip() == deck.title
    assert info["Author"].strip() == deck.author
    assert info["Subject"].strip() == deck.subject
    assert info["Page size"].strip().startswith("960 x 540")
    assert _outline_titles(path) == 3
    assert path.read_bytes().count(b"/URI (https://example.org/brief)") == 3


def test_pdf_text_positions_follow_layout(tmp_path: Path, deck: LaidDeck) -> None:
    path = render_pdf(LaidDeck("t", "a", "s", deck.slides[:1]), tmp_path / "one.pdf")
    out = _run("pdftotext", "-bbox", str(path), "-")
    words = re.findall(
        r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]+)<', out
    )
    body = deck.slides[0].boxes[2].paragraphs[0].lines[0]
    first = body.runs[0].text.split()[0]
    x, y0, y1 = next((float(a), float(b), float(c)) for a, b, c, w in words if w == first)
    assert x == pytest.approx(body.x, abs=0.5)
    assert y0 < body.baseline < y1


def test_handout(tmp_path: Path, deck: LaidDeck) -> None:
    long_notes = " ".join(["Vučić <b>said</b> & Косово matters."] * 400)
    slides = (sample_slide(1, notes=long_notes), *deck.slides[1:])
    handout = LaidDeck(deck.title, deck.author, deck.subject, slides)
    path = render_handout(handout, tmp_path / "handout.pdf")
    _fonts_embedded(path)
    info = _info(path)
    assert int(info["Pages"]) > 3  # long notes continue on further pages
    width, height = (float(v) for v in info["Page size"].split()[0:3:2])
    assert height > width  # portrait
    text = _run("pdftotext", str(path), "-")
    assert "<b>said</b> &" in text
    for name in NAMES:
        assert name in text
    assert _outline_titles(path) == 4  # the cover and three slides
    assert b"/URI" in path.read_bytes()


def test_handout_cover_names_title_date_marking_and_distribution(tmp_path: Path) -> None:
    base = sample_deck(2)
    deck = LaidDeck(
        "Balkans brief", "Policy unit", "s", base.slides, marking="OFFICIAL-SENSITIVE",
        date_label="14 November 2025", distribution="Minister's office; NATO desk",
    )  # fmt: skip
    path = render_handout(deck, tmp_path / "cover.pdf")
    cover = _run("pdftotext", "-f", "1", "-l", "1", str(path), "-")
    for text in ("Balkans brief", "14 November 2025", "OFFICIAL-SENSITIVE", "NATO desk"):
        assert text in cover


def test_notes_never_leave_one_line_alone_on_a_page() -> None:
    lines = [f"line {i}" for i in range(11)]
    chunks = split_lines(lines, 5, 5)  # 5 + 5 + 1 would leave one line alone
    assert [len(c) for c in chunks] == [5, 4, 2]
    assert [x for c in chunks for x in c] == lines
    assert [len(c) for c in split_lines(lines[:6], 1, 8)] == [0, 6]  # no lone first line
    assert all(len(c) != 1 for c in split_lines(lines, 3, 4)[1:])


def test_handout_letter(tmp_path: Path, deck: LaidDeck) -> None:
    from reportlab.lib.pagesizes import LETTER

    path = render_handout(deck, tmp_path / "letter.pdf", pagesize=LETTER)
    assert _info(path)["Page size"].strip().startswith("612 x 792")


def test_wrap_text_breaks_long_words() -> None:
    lines = wrap_text("short " + "x" * 500 + "\n\nnext", "LiberationSans", 10, 100)
    assert lines[0] == "short" and "" in lines and lines[-1] == "next"
    assert all(len(line) < 40 for line in lines)


@pytest.mark.parametrize("render", [render_pdf, render_handout], ids=["slides", "handout"])
def test_progress_per_slide(tmp_path: Path, deck: LaidDeck, render) -> None:
    calls: list[tuple[int, int]] = []
    render(deck, tmp_path / "p.pdf", lambda done, total, _msg: calls.append((done, total)))
    assert calls == [(0, 3), (1, 3), (2, 3), (3, 3)]


def test_two_up_keeps_every_note_and_two_slides_a_page(tmp_path: Path) -> None:
    base = sample_deck(4)
    long_notes = " ".join(f"word{i}" for i in range(1500))
    slides = (sample_slide(1, notes=long_notes), *base.slides[1:])
    deck = LaidDeck("Two up", "a", "s", slides, marking="OFFICIAL-SENSITIVE")
    path = render_handout(deck, tmp_path / "two.pdf", two_up=True)
    text = _run("pdftotext", str(path), "-")
    assert all(f"word{i}" in text for i in (0, 700, 1499))  # nothing cut
    assert "(notes continued)" in text
    pages = int(_info(path)["Pages"])
    assert pages < 1 + len(slides) + 3  # denser than one slide a page
