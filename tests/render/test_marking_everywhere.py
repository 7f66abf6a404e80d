"""A marked deck is marked on every page of every output, in the page's own header and
footer, and in each file's metadata (issue 12, item 1)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from office_tools import pdf_info, pdf_text
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER

from briefing_app.deck.outline import DEFAULT_OUTLINE, build_from_outline
from briefing_app.render.export import export_deck
from briefing_app.render.review_report import export_review_report

MARKING = "OFFICIAL-SENSITIVE"


@pytest.fixture
def marked(essay_store):
    build_from_outline(essay_store, DEFAULT_OUTLINE, "Marked", marking=MARKING)
    return essay_store


def _pages_without(path: Path) -> list[int]:
    pages = int(pdf_info(path)["Pages"])
    assert pages > 1
    missing = []
    for page in range(1, pages + 1):
        text = pdf_text(path, page)
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        # in the page's own header and footer: its first and last lines of text
        if not lines or MARKING not in lines[0] or MARKING not in lines[-1]:
            missing.append(page)
    return missing


@pytest.mark.parametrize("fmt", ["pdf", "handout"])
def test_every_pdf_page_is_marked_top_and_bottom(marked, tmp_path: Path, fmt: str) -> None:
    path = export_deck(marked, "Marked", fmt, tmp_path / f"{fmt}.pdf").path
    assert _pages_without(path) == []
    info = pdf_info(path)
    assert MARKING in info["Subject"] and MARKING in info["Keywords"]


def test_two_up_handout_is_marked_on_every_page(marked, tmp_path: Path) -> None:
    path = export_deck(marked, "Marked", "handout", tmp_path / "two.pdf", two_up=True).path
    assert _pages_without(path) == []


def test_review_report_is_marked_on_every_page(marked, tmp_path: Path) -> None:
    path = export_review_report(marked, tmp_path / "review.pdf", marking=MARKING)
    assert _pages_without(path) == []
    assert MARKING in pdf_info(path)["Keywords"]


def _texts(shapes) -> str:
    return " ".join(s.text_frame.text for s in shapes if s.has_text_frame)


def test_every_pptx_slide_and_notes_page_is_marked(marked, tmp_path: Path) -> None:
    path = export_deck(marked, "Marked", "pptx", tmp_path / "deck.pptx").path
    prs = Presentation(str(path))
    assert len(prs.slides) > 1
    for number, slide in enumerate(prs.slides, start=1):
        # what the slide shows: its own shapes and the layout and master it is drawn on
        # (a layout with showMasterSp="0" hides the master's shapes, and so its marking)
        layout = slide.slide_layout
        shown = [slide.shapes, layout.shapes]
        if layout._element.get("showMasterSp") != "0":
            shown.append(layout.slide_master.shapes)
        texts = [_texts(shapes) for shapes in shown]
        assert sum(t.count(MARKING) for t in texts) >= 2, f"slide {number}"
        assert slide.has_notes_slide, f"slide {number} has no notes page"
        notes = slide.notes_slide
        kinds = {s.placeholder_format.type: s for s in notes.placeholders}
        header, footer = kinds.get(PP_PLACEHOLDER.HEADER), kinds.get(PP_PLACEHOLDER.FOOTER)
        assert header and MARKING in header.text_frame.text, f"notes page {number}"
        assert footer and MARKING in footer.text_frame.text, f"notes page {number}"
    with zipfile.ZipFile(path) as package:
        assert MARKING in package.read("docProps/custom.xml").decode()
