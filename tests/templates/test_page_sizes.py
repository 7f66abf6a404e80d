"""Other page sizes: the layout engine takes the page from the template (16:10, portrait),
and a template whose placeholders reach past its page (a slide size changed without moving
them, as python-pptx does) still gets every title and line on the page."""

from __future__ import annotations

from pathlib import Path

import pytest
from pptx import Presentation
from pptx.util import Inches

from briefing_app.deck.outline import DEFAULT_OUTLINE, build_from_outline
from briefing_app.layout.boxes import TextBox
from briefing_app.render.export import export_deck, laid_out
from briefing_app.services import templates


@pytest.mark.parametrize(("width", "height"), [(10, 6.25), (7.5, 10)])
def test_every_title_and_line_stays_on_the_page(
    essay_store, tmp_path: Path, width: float, height: float
) -> None:
    path = tmp_path / "resized.pptx"
    prs = Presentation()  # python-pptx's 4:3 template, resized: its placeholders stay put
    prs.slide_width, prs.slide_height = Inches(width), Inches(height)
    prs.save(str(path))
    build_from_outline(essay_store, DEFAULT_OUTLINE, "Default", marking="UNCLASSIFIED")
    templates.add_template(essay_store, path, "Resized")
    templates.set_deck_template(essay_store, "Default", "Resized")
    laid, _ = laid_out(essay_store, "Default")
    page_w, page_h = width * 72, height * 72
    for slide in laid.slides:
        assert (slide.width, slide.height) == pytest.approx((page_w, page_h))
        for box in slide.boxes:
            if not isinstance(box, TextBox):
                continue
            assert box.x >= -0.5 and box.x + box.w <= page_w + 0.5, (slide.number, box.name)
            for paragraph in box.paragraphs:
                for line in paragraph.lines:
                    assert line.x + line.width <= page_w + 0.5, (slide.number, box.name)
    result = export_deck(essay_store, "Default", "pptx", tmp_path / "out.pptx")
    exported = Presentation(str(result.path))
    for slide in exported.slides:
        assert slide.shapes.title is not None and slide.shapes.title.text.strip()
        for shape in slide.shapes:
            assert shape.left >= -2 and shape.left + shape.width <= exported.slide_width + 2


def test_template_check_names_page_shapes_standing_up_too() -> None:
    from briefing_app.templates.inspect import TemplateInfo

    def aspect(w: float, h: float) -> str:
        return TemplateInfo("t.pptx", w, h, (), (), (), ()).aspect

    assert [aspect(960, 540), aspect(540, 960), aspect(720, 540), aspect(540, 720)] == [
        "16:9", "9:16", "4:3", "3:4"
    ]  # fmt: skip
    assert aspect(842, 595) == "A4" and aspect(595, 842) == "A4 portrait"
    assert aspect(1000, 300) == "3.33:1"
