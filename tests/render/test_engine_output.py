"""Render what the real layout engine produces (not hand-built boxes)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from briefing_app.layout import content, engine
from briefing_app.layout.boxes import TextBox
from briefing_app.layout.layouts.argument import ArgumentContent
from briefing_app.layout.layouts.bluf import BlufContent
from briefing_app.layout.layouts.title import TitleContent
from briefing_app.render.pdf_renderer import render_handout, render_pdf
from briefing_app.render.pptx_chrome import CHROME_BOXES
from briefing_app.render.pptx_renderer import EMU_PER_PT, render_pptx
from briefing_app.render.pptx_template import HOUSE_DRAWN


def _deck():
    item = content.ContentItem
    items = (
        item("Vučić courts Brussels and Moscow; Đukić calls it ambiguity.", citations=(1,)),
        item("Šekerinska: membership is a guarantee, not a reward.", level=1),
        item("Косово and Донбас as linked precedents <&>.", link="https://example.org/x"),
    )
    return content.DeckContent(
        title="Western Balkans: Vučić between blocs",
        author="Policy Unit",
        subject="Serbia",
        marking="UNCLASSIFIED",
        slides=(
            TitleContent("Western Balkans: Vučić between blocs"),
            BlufContent("Bottom line", items=items, notes="Say Vučić."),
            ArgumentContent("Long", items=items * 6),
        ),
    )


def test_engine_deck_renders_to_pptx_and_pdf(tmp_path: Path) -> None:
    laid = engine.layout_deck(_deck())
    pptx = render_pptx(laid, tmp_path / "e.pptx")
    prs = Presentation(str(pptx))
    assert len(prs.slides) == len(laid.slides)
    for laid_slide, slide in zip(laid.slides, prs.slides, strict=True):
        # Our template draws the marking and rules itself, the slide layouts the deck title
        # and number (pptx_chrome); every other text box is a text box or a placeholder at
        # layout's frame.
        boxes = [
            b
            for b in laid_slide.boxes
            if isinstance(b, TextBox) and b.name not in HOUSE_DRAWN | CHROME_BOXES
        ]
        shapes = [
            s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.TEXT_BOX or s.is_placeholder
        ]
        assert sorted(b.name for b in boxes) == sorted(s.name for s in shapes)
        by_name = {s.name: s for s in shapes}
        assert slide.shapes.title is not None and slide.shapes.title.name == "Title"
        for box in boxes:
            shape = by_name[box.name]
            expected = tuple(round(v * EMU_PER_PT) for v in (box.x, box.y, box.w, box.h))
            assert (shape.left, shape.top, shape.width, shape.height) == pytest.approx(
                expected, abs=2
            ), box.name
    pdf = render_pdf(laid, tmp_path / "e.pdf")
    handout = render_handout(laid, tmp_path / "h.pdf")
    for path in (pdf, handout):
        text = subprocess.run(
            ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
        ).stdout
        assert "Vučić" in text and "Косово" in text
        fonts = subprocess.run(
            ["pdffonts", str(path)], capture_output=True, text=True, check=True
        ).stdout.splitlines()[2:]
        assert fonts and all(" yes yes yes " in f"{row} " for row in fonts)
