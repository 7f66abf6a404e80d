"""Whose words a slide shows, and the agenda tracker, in every export of the default
briefing (issue 12): a point reworded from the essay carries † and a quote whose words
were edited is never in quotation marks; the unit's own words among the essay's carry ‡;
the source line (and the handout's cover) says what the marks mean; the unit's slides
carry their tag; the tracker is a real text box in PowerPoint, its chip decorative."""

from __future__ import annotations

from pathlib import Path

import pytest
from office_tools import pdf_text
from pptx import Presentation

from briefing_app.deck.outline import DEFAULT_OUTLINE, build_from_outline
from briefing_app.layout.chrome import EDITED_MARK, LEGEND, UNIT_MARK
from briefing_app.layout.tracker import CHIP_NAME, TRACKER_NAME
from briefing_app.render.export import export_deck
from briefing_app.services import decks

UNIT_LAYOUTS = {"assessment", "options", "decision", "next_steps"}
DECORATIVE = "{C183D7F6-B498-43B3-948B-1728B52AA6E4}"


@pytest.fixture
def briefing(essay_store):
    build_from_outline(essay_store, DEFAULT_OUTLINE, "Default", marking="OFFICIAL-SENSITIVE")
    return essay_store


def _expected(store) -> list[set[str]]:
    """The marks each slide of the default briefing must show (one laid slide each)."""
    expected = []
    for slide in decks.get_deck(store, "Default").slides:
        marks = set()
        if any(i.differs_from_source for i in slide.items):
            marks.add(EDITED_MARK)
        if slide.layout not in UNIT_LAYOUTS and any(i.source_kind is None for i in slide.items):
            marks.add(UNIT_MARK)
        expected.append(marks)
    return expected


def _slide_text(slide) -> str:
    return " ".join(s.text_frame.text for s in slide.shapes if s.has_text_frame)


def test_pdf_and_pptx_show_whose_words_each_point_is(briefing, tmp_path: Path) -> None:
    expected = _expected(briefing)
    assert {EDITED_MARK, UNIT_MARK} <= set().union(*expected)  # the briefing shows both
    pdf = export_deck(briefing, "Default", "pdf", tmp_path / "d.pdf").path
    pptx = Presentation(str(export_deck(briefing, "Default", "pptx", tmp_path / "d.pptx").path))
    assert len(pptx.slides) == len(expected)
    for number, (marks, slide) in enumerate(zip(expected, pptx.slides, strict=True), start=1):
        for text in (" ".join(pdf_text(pdf, number).split()), _slide_text(slide)):
            for mark in (EDITED_MARK, UNIT_MARK):
                assert (mark in text) == (mark in marks), (number, mark, text[:200])
                assert (LEGEND[mark] in text) == (mark in marks), (number, mark)


def test_an_edited_quote_is_never_in_quotation_marks_in_any_export(briefing, tmp_path) -> None:
    slide = next(s for s in decks.get_deck(briefing, "Default").slides
                 if any(i.source_kind == "quote" for i in s.items))  # fmt: skip
    quote = next(i for i in slide.items if i.source_kind == "quote")
    assert not quote.differs_from_source
    decks.set_item_text(briefing, quote.id, "Putin likened Đukić's case to Kosovo")
    number = slide.position + 1
    pdf = export_deck(briefing, "Default", "pdf", tmp_path / "d.pdf").path
    pptx = Presentation(str(export_deck(briefing, "Default", "pptx", tmp_path / "d.pptx").path))
    handout = export_deck(briefing, "Default", "handout", tmp_path / "h.pdf").path
    pages = [" ".join(page.split()) for page in pdf_text(handout).split("\f")]
    on_handout = next(p for p in pages if f"Slide {number}: " in p and "(map" not in p)
    texts = [" ".join(pdf_text(pdf, number).split()), _slide_text(pptx.slides[number - 1]),
             on_handout]  # fmt: skip
    for text in texts:
        text = text.replace("- ", "")  # a line broken inside the callout
        assert f"Putin likened Đukić's case to Kosovo{EDITED_MARK}" in text
        assert "“Putin likened" not in text and "Kosovo”" not in text
        assert "Paraphrased from" in text


def test_the_unit_slides_are_tagged_in_every_export(briefing, tmp_path: Path) -> None:
    layouts = [s.layout for s in decks.get_deck(briefing, "Default").slides]
    pdf = export_deck(briefing, "Default", "pdf", tmp_path / "d.pdf").path
    pptx = Presentation(str(export_deck(briefing, "Default", "pptx", tmp_path / "d.pptx").path))
    for number, layout in enumerate(layouts, start=1):
        if layout in UNIT_LAYOUTS:
            assert "POLICY UNIT" in pdf_text(pdf, number)
            assert "POLICY UNIT" in _slide_text(pptx.slides[number - 1])


def test_the_handout_explains_the_marks_on_its_cover(briefing, tmp_path: Path) -> None:
    handout = export_deck(briefing, "Default", "handout", tmp_path / "h.pdf").path
    cover = " ".join(pdf_text(handout, 1).split())
    assert f"Marks on the slides: {LEGEND[EDITED_MARK]}; {LEGEND[UNIT_MARK]}." in cover
    assert EDITED_MARK in pdf_text(handout, 3)  # the bottom line's page, its marks legible


def test_the_tracker_is_an_editable_text_box_with_a_decorative_chip(briefing, tmp_path) -> None:
    parts = decks.get_deck(briefing, "Default").parts
    path = export_deck(briefing, "Default", "pptx", tmp_path / "d.pptx").path
    tracked = 0
    for slide in Presentation(str(path)).slides:
        trackers = [s for s in slide.shapes if s.name == TRACKER_NAME]
        if not trackers:
            continue
        tracked += 1
        (tracker,) = trackers
        assert not tracker.is_placeholder and tracker.has_text_frame
        assert [p for p in tracker.text_frame.text.split("\u00a0") if p] == list(parts)
        bold = [r.text for p in tracker.text_frame.paragraphs for r in p.runs if r.font.bold]
        assert len(bold) == 1 and bold[0] in parts
        (chip,) = [s for s in slide.shapes if s.name == CHIP_NAME]
        assert DECORATIVE in chip._element.xml  # screen readers skip it; the text says it
        names = [s.name for s in slide.shapes]
        title = next(i for i, s in enumerate(slide.shapes) if s.is_placeholder)
        assert names.index(TRACKER_NAME) > title  # read after the title and the points
    assert tracked == 10  # the content slides; not the cover or the source annex
