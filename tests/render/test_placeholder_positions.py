"""A slide's placeholder inherits its layout placeholder's position where layout put the
text exactly there (no ``a:xfrm`` of its own, as PowerPoint writes an untouched
placeholder), and states its own only where the layout engine moved or resized it."""

from __future__ import annotations

from pathlib import Path

from pptx import Presentation

from briefing_app.deck.outline import DEFAULT_OUTLINE, build_from_outline
from briefing_app.layout.boxes import Run, TextBox, TextLine, TextParagraph, TextStyle
from briefing_app.render.export import export_deck
from briefing_app.render.pptx_markup import EMU_PER_PT, SAME_FRAME_EMU, placeholder_xml
from briefing_app.render.pptx_template import house_template
from briefing_app.templates.inspect import Placeholder

_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"


def _box(y: float) -> TextBox:
    style = TextStyle("sans", 20.0)
    line = TextLine((Run("Claim", style),), 60.0, y + 20.0, 50.0, 16.0, 4.0)
    return TextBox(60.0, y, 400.0, 100.0, (TextParagraph((line,), line_height=24.0),), "Body")


def _no_link(url: str) -> str:
    return ""


def test_a_frame_equal_to_the_placeholder_s_is_inherited() -> None:
    ph = Placeholder("body", 1, "Text", 60.0, 100.0, 400.0, 100.0)
    same = placeholder_xml(2, _box(100.0), _no_link, ph, {})
    assert "<a:xfrm>" not in same and '<p:ph type="body" idx="1"/>' in same
    off = SAME_FRAME_EMU + 1  # EMU
    moved = placeholder_xml(2, _box(100.0 + off / EMU_PER_PT), _no_link, ph, {})
    assert f'<a:off x="{60 * EMU_PER_PT}" y="{100 * EMU_PER_PT + off}"/>' in moved


def test_the_default_briefing_in_our_template_inherits_unchanged_positions(
    essay_store, tmp_path: Path
) -> None:
    build_from_outline(essay_store, DEFAULT_OUTLINE, "Default", marking="OFFICIAL-SENSITIVE")
    path = export_deck(essay_store, "Default", "pptx", tmp_path / "ours.pptx").path
    prs = Presentation(str(path))
    inherited = stated = 0
    for slide in prs.slides:
        layout = {p.placeholder_format.idx: p for p in slide.slide_layout.placeholders}
        for shape in slide.placeholders:
            own = shape._element.spPr.find(f"{_A}xfrm")
            base = layout[shape.placeholder_format.idx]  # the one it inherits from
            frame = (shape.left, shape.top, shape.width, shape.height)
            layout_frame = (base.left, base.top, base.width, base.height)
            close = all(
                abs(a - b) <= SAME_FRAME_EMU for a, b in zip(frame, layout_frame, strict=True)
            )
            if own is None:  # python-pptx resolves it through the layout, as viewers do
                inherited += 1
                assert frame == layout_frame
            else:  # stated only where layout moved or resized it
                stated += 1
                assert not close, (shape.name, frame)
    # titles and bodies in our frames: most stay where our template's layouts put them
    assert inherited >= 10 and stated > 0, (inherited, stated)


def test_placeholder_runs_leave_out_what_they_inherit_but_keep_their_size(
    essay_store, tmp_path: Path
) -> None:
    """Our template's placeholders say bold, italic and the theme's face in their list
    styles and the master's text styles: runs in them repeat none of those where they
    agree, and every run keeps the size layout chose to fit."""
    build_from_outline(essay_store, DEFAULT_OUTLINE, "Default", marking="OFFICIAL-SENSITIVE")
    path = export_deck(essay_store, "Default", "pptx", tmp_path / "ours.pptx").path
    template = house_template(True)
    left_out = 0
    for slide in Presentation(str(path)).slides:
        layout = slide.slide_layout.part.partname.lstrip("/")
        for shape in slide.placeholders:
            fmt = shape.placeholder_format
            key = next(k for k in template.run_defaults if k[0] == layout and k[2] == fmt.idx)
            inherits = template.run_defaults[key]
            assert inherits is not None and inherits.latin is not None
            for props in shape._element.iter(f"{_A}rPr", f"{_A}endParaRPr"):
                assert props.get("sz") is not None
                latin = props.find(f"{_A}latin")
                assert latin is None or latin.get("typeface") != inherits.latin
                if inherits.bold is not None:
                    assert props.get("b") != str(int(inherits.bold))
                left_out += latin is None
    assert left_out > 100
