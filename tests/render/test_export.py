"""Exporting stored decks: never overflow, same look in PPTX and PDF, safe files."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from lxml import etree
from office_tools import fonts_embedded, libreoffice_to_pdf, outline_entries, pdf_info, pdf_text
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from briefing_app.deck.outline import FULL_OUTLINE, build_from_outline
from briefing_app.layout.boxes import LaidDeck, TextBox
from briefing_app.progress import Cancelled
from briefing_app.render.export import export_deck, laid_out
from briefing_app.services import decks, library

NAMES = ("Vučić", "Đukić", "Šekerinska", "Косово")
HOSTILE = (
    "NUL\x00 and \x07 bell, lone \ud800 surrogate, <script>alert(1)</script> &amp; "
    "العربية עברית 中文 🙂 " + "very long words " * 400
)


@pytest.fixture
def briefing(essay_store):
    build_from_outline(essay_store, FULL_OUTLINE, "Default", marking="UNCLASSIFIED")
    slide = decks.add_slide(essay_store, "Default", "argument", title="Names", position=2)
    decks.add_item(
        essay_store, slide.id, text="Srećko Đukić, Aleksandar Vučić, Radmila Šekerinska; Косово"
    )
    return essay_store


def assert_no_overflow(deck: LaidDeck) -> None:
    for slide in deck.slides:
        for box in slide.boxes:
            if not isinstance(box, TextBox):
                continue
            for paragraph in box.paragraphs:
                for line in paragraph.lines:
                    where = f"slide {slide.number} box {box.name}"
                    assert line.x >= box.x - 0.01, where
                    assert line.x + line.width <= box.x + box.w + 0.01, where
                    assert line.baseline - line.ascent >= box.y - 0.01, where
                    assert line.baseline + line.descent <= box.y + box.h + 0.01, where
                    for run in line.runs:
                        if slide.layout == "sources":  # the annex: read, not projected
                            assert run.style.size >= 8, where
                        elif box.name in ("Body", "LeftColumn", "RightColumn", "Quote"):
                            assert run.style.size >= 14 or run.text.startswith("["), where


def test_default_briefing_never_overflows(briefing) -> None:
    deck, warnings = laid_out(briefing, "Default")
    # the long version: only slides over the word limit are warned of (one sentence each)
    assert all("words; a content slide should carry at most 60" in w for w in warnings)
    assert_no_overflow(deck)
    assert len(deck.slides) >= 18


def test_hostile_texts_never_overflow_and_export(essay_store, tmp_path: Path) -> None:
    decks.create_deck(essay_store, "../../etc/passwd", marking="CUI")
    slide = decks.add_slide(essay_store, "../../etc/passwd", "argument", title=HOSTILE[:300])
    for _ in range(3):
        decks.add_item(essay_store, slide.id, text=HOSTILE)
    decks.update_slide(essay_store, slide.id, notes=HOSTILE)
    deck, warnings = laid_out(essay_store, "../../etc/passwd")
    assert_no_overflow(deck)
    assert any("(cont.)" in s.title for s in deck.slides)
    assert warnings and any("U+1F642" in w for w in warnings)
    folder = tmp_path / "out"
    paths = {}
    for fmt in ("pptx", "pdf", "handout"):
        result = export_deck(essay_store, "../../etc/passwd", fmt, f"{folder}/")
        assert result.path.parent == folder
        assert ".." not in result.path.name and "/" not in result.path.name
        paths[fmt] = result.path
    assert len(list(folder.iterdir())) == 3
    text = pdf_text(paths["pdf"])
    assert "<script>alert(1)</script> &amp;" in text


def test_pptx_is_native_editable_and_complete(briefing, tmp_path: Path) -> None:
    result = export_deck(briefing, "Default", "pptx", tmp_path / "brief.pptx")
    prs = Presentation(str(result.path))
    assert prs.slide_width == 12192000 and prs.slide_height == 6858000
    assert prs.core_properties.title == "Balkans Breakthrough for Ukraine"
    assert prs.core_properties.author == "Policy unit"
    # keywords: the tags of the arguments the deck shows
    assert {"kosovo-serbia", "un-1244"} <= set(prs.core_properties.keywords.split("; "))
    assert len(prs.slides) == result.slides
    for slide in prs.slides:
        names = {shape.name for shape in slide.shapes}
        # the marking is on the master (or on the cover and section layouts) of the file
        layout = slide.slide_layout
        holders = list(layout.shapes)
        if layout._element.get("showMasterSp") != "0":
            holders += list(layout.slide_master.shapes)
        bands = [s.text_frame.text for s in holders if s.name.startswith("Marking ")]
        assert bands == ["UNCLASSIFIED", "UNCLASSIFIED"]
        assert slide.shapes.title is not None and slide.shapes.title.text.strip()
        assert all(s.shape_type != MSO_SHAPE_TYPE.PICTURE for s in slide.shapes)
        for shape in slide.shapes:
            if shape.has_text_frame:
                assert shape.text_frame.auto_size in (None, 0)  # MSO_AUTO_SIZE.NONE
        # the slide number is the layout's own field (python-pptx clones no slide-number
        # placeholder onto a slide it adds), so no slide repeats it
        assert "SlideNumber" not in names
        numbers = [s for s in layout.shapes if s.name == "SlideNumber"]
        if numbers:
            assert not numbers[0].is_placeholder
            assert 'type="slidenum"' in etree.tostring(numbers[0]._element).decode()
    notes = [s.notes_slide.notes_text_frame.text for s in prs.slides if s.has_notes_slide]
    assert any("Essay ¶" in n for n in notes)


def test_pdf_fonts_outline_metadata_and_names(briefing, tmp_path: Path) -> None:
    result = export_deck(briefing, "Default", "pdf", tmp_path / "brief.pdf")
    fonts_embedded(result.path)
    info = pdf_info(result.path)
    assert info["Pages"] == str(result.slides)
    assert info["Title"] == "Balkans Breakthrough for Ukraine"
    assert info["Author"] == "Policy unit"
    assert outline_entries(result.path) == result.slides
    text = pdf_text(result.path)
    for name in NAMES:
        assert name in text
    for page in range(1, result.slides + 1):
        assert pdf_text(result.path, page).count("UNCLASSIFIED") >= 2
    sources = pdf_text(result.path, result.slides)
    assert "Sources" in sources


def test_handout_carries_notes(briefing, tmp_path: Path) -> None:
    result = export_deck(briefing, "Default", "handout", tmp_path)
    assert result.path.name.endswith("handout.pdf")
    text = pdf_text(result.path)
    assert "Essay ¶" in text
    fonts_embedded(result.path)


@pytest.mark.stress
def test_pptx_opens_in_libreoffice_with_same_text(briefing, tmp_path: Path) -> None:
    result = export_deck(briefing, "Default", "pptx", tmp_path / "brief.pptx")
    pdf = libreoffice_to_pdf(result.path, tmp_path)
    assert pdf_info(pdf)["Pages"] == str(result.slides)
    text = re.sub(r"\s+", " ", pdf_text(pdf))
    for name in NAMES:
        assert name in text
    thesis = next(a for a in library.arguments(briefing) if a.key == "thesis")
    assert " ".join(thesis.claim.split()[:6]) in text


def test_interrupted_export_keeps_previous_file(briefing, tmp_path: Path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "brief.pdf"
    target.write_bytes(b"previous complete file")

    def cancel_midway(done: int, total: int, message: str) -> None:
        if done == total // 2:
            raise Cancelled

    for fmt in ("pdf", "pptx"):
        path = target if fmt == "pdf" else target.with_suffix(".pptx")
        path.write_bytes(b"previous complete file")
        with pytest.raises(Cancelled):
            export_deck(briefing, "Default", fmt, path, cancel_midway)
        assert path.read_bytes() == b"previous complete file"
    assert sorted(p.name for p in folder.iterdir()) == ["brief.pdf", "brief.pptx"]


def test_export_into_missing_folder_with_trailing_slash(briefing, tmp_path: Path) -> None:
    result = export_deck(briefing, "Default", "pdf", f"{tmp_path}/new/")
    assert result.path.parent == tmp_path / "new"
    assert result.path.name == "Balkans Breakthrough for Ukraine.pdf"


def test_map_slides_are_vectors_with_linked_arguments(briefing, tmp_path: Path) -> None:
    deck, _ = laid_out(briefing, "Default")
    map_slides = [s for s in deck.slides if any(b.name == "Caption" for b in s.boxes)]
    assert len(map_slides) == 2
    body = next(b for b in map_slides[0].boxes if isinstance(b, TextBox) and b.name == "Body")
    text = " ".join(r.text for p in body.paragraphs for line in p.lines for r in line.runs)
    assert "interim arrangement" in text and "[6]" in text
    result = export_deck(briefing, "Default", "pptx", tmp_path / "maps.pptx")
    slide = Presentation(str(result.path)).slides[map_slides[0].number - 1]
    # the map is one group with alt text (title, legend, caption), after title and body
    groups = [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.GROUP]
    assert len(groups) == 1
    descr = groups[0]._element.nvGrpSpPr.cNvPr.get("descr")
    assert descr.startswith("Map: ") and "Legend: " in descr and "Donbas" in descr
    order = [s.name for s in slide.shapes if not s.name.endswith("Rule")]
    assert order.index("Title") < order.index("Body") < order.index("Map")
    assert order.index("Map") < order.index("Caption")
    assert "SlideNumber" not in order  # the footer is the layout's (pptx_chrome)
    freeforms = [s for s in groups[0].shapes if s.shape_type == MSO_SHAPE_TYPE.FREEFORM]
    assert len(freeforms) > 20
    assert any("Donetsk" in s.name for s in freeforms)
    pdf = export_deck(briefing, "Default", "pdf", tmp_path / "maps.pdf").path
    assert b"/Subtype /Image" not in pdf.read_bytes()
    assert "Boundaries: Natural Earth" in pdf_text(pdf, map_slides[0].number)
