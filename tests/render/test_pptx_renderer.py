from __future__ import annotations

from pathlib import Path

import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.oxml.ns import qn
from pptx.util import Pt

from briefing_app.layout.boxes import (
    LaidDeck,
    LaidSlide,
    Run,
    TextBox,
    TextLine,
    TextParagraph,
    TextStyle,
)
from briefing_app.layout.textclean import clean_text
from briefing_app.render.pptx_chrome import CHROME_BOXES
from briefing_app.render.pptx_renderer import EMU_PER_PT, render_pptx

from ._deck import sample_deck


@pytest.fixture(scope="module")
def deck_file(tmp_path_factory: pytest.TempPathFactory) -> tuple[LaidDeck, Path]:
    deck = sample_deck(3)
    path = tmp_path_factory.mktemp("pptx") / "deck.pptx"
    assert render_pptx(deck, path) == path
    return deck, path


def _texts(slide) -> list[str]:
    return [s.text_frame.text for s in slide.shapes if s.has_text_frame and s.text_frame.text]


def test_slide_size_and_count(deck_file) -> None:
    deck, path = deck_file
    prs = Presentation(str(path))
    assert (prs.slide_width, prs.slide_height) == (12192000, 6858000)
    assert len(prs.slides) == len(deck.slides)


def test_text_is_native_text_boxes(deck_file) -> None:
    _, path = deck_file
    prs = Presentation(str(path))
    for slide in prs.slides:
        kinds = {s.shape_type for s in slide.shapes}
        assert MSO_SHAPE_TYPE.PICTURE not in kinds
        # text boxes, or the layout's placeholders where it has them (body); the slide
        # number is the layout's own (pptx_chrome)
        boxes = [s for s in slide.shapes if s.has_text_frame and s.text_frame.text]
        assert [s.name for s in boxes] == ["Title", "Body", "Caption"]
        assert [s.is_placeholder for s in boxes] == [False, True, False]
        body = next(s for s in boxes if s.name == "Body").text_frame
        assert body.word_wrap is True
        assert body._bodyPr.find(qn("a:normAutofit")) is None
        assert body._bodyPr.find(qn("a:spAutoFit")) is None
        assert "Vučić courts both sides" in body.text
        assert "<script>&amp; stays literal." in body.text
    names = {s.name for s in prs.slides[0].shapes}
    assert {"Title band", "Map: Kosovo", "Rule", "Footer band"} <= names


def test_frames_equal_box_frames(deck_file) -> None:
    deck, path = deck_file
    prs = Presentation(str(path))
    for laid, slide in zip(deck.slides, prs.slides, strict=True):
        shapes = {s.name: s for s in slide.shapes}
        for box in laid.boxes:
            if not isinstance(box, TextBox) or box.name in CHROME_BOXES:
                continue
            shape = shapes[box.name]
            frame = (shape.left, shape.top, shape.width, shape.height)
            expected = tuple(round(v * EMU_PER_PT) for v in (box.x, box.y, box.w, box.h))
            assert frame == pytest.approx(expected, abs=2)
            tf = shape.text_frame
            assert (tf.margin_left, tf.margin_bottom) == (0, 0)
            # the right inset sets the wrap width: every laid-out line still fits in it
            wrap_right = box.x + box.w - tf.margin_right / EMU_PER_PT
            for par in box.paragraphs:
                for line in par.lines:
                    assert line.x + line.width <= wrap_right + 0.01
            assert tf.margin_top < Pt(0.05)  # fixtures use layout's slot convention


def test_paragraphs_have_no_hard_breaks_and_exact_spacing(deck_file) -> None:
    deck, path = deck_file
    laid_par = deck.slides[0].boxes[2].paragraphs[0]
    body = next(s for s in Presentation(str(path)).slides[0].shapes if s.name == "Body")
    par = body.text_frame.paragraphs[0]
    assert len(laid_par.lines) > 1
    assert par._p.findall(qn("a:br")) == []  # the viewer wraps where layout did
    laid_text = "".join(
        "".join(r.text for r in line.runs)
        + (line.break_text if n < len(laid_par.lines) - 1 else "")
        for n, line in enumerate(laid_par.lines)
    )
    assert par.text == laid_text
    assert par.line_spacing == Pt(laid_par.line_height)
    # the theme supplies Arial: the run inherits the body style's "+mn-lt", not naming it
    assert par.runs[0].font.name is None
    assert par.runs[0]._r.rPr.find(qn("a:cs")).get("typeface") == "+mn-cs"  # and its cs face
    assert par.runs[0].font.size == Pt(20)
    p_pr = par._p.pPr
    assert p_pr.find(qn("a:buChar")).get("char") == "•"
    assert int(p_pr.get("marL")) == round(22 * EMU_PER_PT)
    assert int(p_pr.get("indent")) == round(-22 * EMU_PER_PT)
    second = body.text_frame.paragraphs[1]
    assert second.space_before == pytest.approx(Pt(10), abs=2)
    serif = body.text_frame.paragraphs[2].runs[0].font
    assert serif.name == "Times New Roman" and serif.italic is True
    serif_cs = body.text_frame.paragraphs[2].runs[0]._r.rPr.find(qn("a:cs"))
    assert serif_cs.get("typeface") == "Times New Roman"  # a face the theme lacks is named


def test_notes_core_properties_links(deck_file) -> None:
    deck, path = deck_file
    prs = Presentation(str(path))
    for laid, slide in zip(deck.slides, prs.slides, strict=True):
        assert slide.notes_slide.notes_text_frame.text == laid.notes
    props = prs.core_properties
    assert (props.title, props.author, props.subject, props.keywords) == (
        deck.title,
        deck.author,
        deck.subject,
        deck.keywords,
    )
    runs = [
        r
        for s in prs.slides[0].shapes
        if s.has_text_frame
        for p in s.text_frame.paragraphs
        for r in p.runs
    ]
    assert [r.hyperlink.address for r in runs if r.hyperlink.address] == [
        "https://example.org/brief"
    ]


def test_slide_number_is_the_layouts_field(deck_file) -> None:
    """Each slide shows its number from its layout's slide-number field, where the laid-out
    slide has it, so a slide python-pptx adds is numbered too."""
    deck, path = deck_file
    for laid, slide in zip(deck.slides, Presentation(str(path)).slides, strict=True):
        box = next(b for b in laid.boxes if b.name == "SlideNumber")
        assert all(s.name != "SlideNumber" for s in slide.shapes)
        number = next(s for s in slide.slide_layout.shapes if s.name == "SlideNumber")
        assert not number.is_placeholder
        assert number._element.find(".//" + qn("a:fld")).get("type") == "slidenum"
        frame = (number.left, number.width)
        assert frame == pytest.approx((round(box.x * EMU_PER_PT), round(box.w * EMU_PER_PT)), abs=2)


def test_freeform_is_editable_polygon(deck_file) -> None:
    _, path = deck_file
    shape = next(s for s in Presentation(str(path)).slides[0].shapes if s.name == "Map: Kosovo")
    assert shape.shape_type == MSO_SHAPE_TYPE.FREEFORM
    assert shape._element.spPr.find(qn("a:custGeom")) is not None
    assert shape._element.spPr.find(qn("a:pattFill")) is not None


def test_unsafe_links_dropped_and_markup_kept_as_typed(tmp_path: Path) -> None:
    hostile = clean_text("NUL\x00 VT\x0b FFFF\uffff lone\ud800 <script>&amp;")
    style = TextStyle("sans", 18)
    line = TextLine(
        runs=(Run(hostile, style), Run(" js", style, "javascript:alert(1)")),
        x=10,
        baseline=30,
        width=300,
        ascent=16,
        descent=4,
    )
    box = TextBox(10, 10, 400, 40, (TextParagraph((line,), line_height=21.6),), name="H")
    notes = clean_text("n\x00\ufffe")
    deck = LaidDeck(
        clean_text("T\x00itle\uffff"),
        clean_text("A"),
        "S",
        (LaidSlide(1, "x", (box,), notes=notes),),
    )
    path = render_pptx(deck, tmp_path / "h.pptx")
    prs = Presentation(str(path))
    shape = prs.slides[0].shapes[0]
    assert "<script>&amp;" in shape.text_frame.text
    assert prs.core_properties.title == "Title"
    assert all(r.hyperlink.address is None for r in shape.text_frame.paragraphs[0].runs)
    assert prs.slides[0].notes_slide.notes_text_frame.text == "n"
