"""A slide added to an exported deck with python-pptx (which clones no date, footer or
slide-number placeholder) still shows the marking, the footer and its slide number, in the
theme's fonts: in our template and in a house template nobody here made."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from lxml import etree
from pptx import Presentation
from pptx.slide import Slide

from briefing_app.deck.outline import DEFAULT_OUTLINE, build_from_outline
from briefing_app.render.export import export_deck
from briefing_app.render.pptx_chrome import CHROME_BOXES
from briefing_app.services import templates

_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
MARKING = "OFFICIAL-SENSITIVE"


def _shown_art(slide: Slide) -> list[etree._Element]:
    """The shapes other than placeholders that the slide shows from its layout and master
    (the slide itself has none: python-pptx added it)."""
    layout = slide.slide_layout
    trees = [layout.shapes._spTree]
    if layout._element.get("showMasterSp") != "0":
        trees.append(layout.slide_master.shapes._spTree)
    shown = []
    for tree in trees:
        for sp in tree.iter("{*}sp"):
            if not list(sp.iter("{*}ph")):
                shown.append(sp)
    return shown


def _check_added_slides(path: Path, theme_faces: set[str]) -> tuple[int, int]:
    """Add one slide from every layout with python-pptx, reopen, and check what shows.
    Returns (layouts, layouts with footer and number)."""
    prs = Presentation(str(path))
    deck_title = prs.core_properties.title
    layouts = [layout for master in prs.slide_masters for layout in master.slide_layouts]
    for layout in layouts:
        prs.slides.add_slide(layout)
    buffer = io.BytesIO()
    prs.save(buffer)
    reopened = Presentation(buffer)
    assert abs(reopened.slide_width / reopened.slide_height - 16 / 9) < 0.001  # 16:9
    added = list(reopened.slides)[-len(layouts) :]
    numbered = 0
    for slide in added:
        art = _shown_art(slide)
        text = [("".join(t.text or "" for t in sp.iter(f"{_A}t"))) for sp in art]
        assert text.count(MARKING) == 2, (slide.slide_layout.name, text)  # top and bottom
        fields = [f for sp in art for f in sp.iter(f"{_A}fld") if f.get("type") == "slidenum"]
        if deck_title in text:
            assert len(fields) == 1, slide.slide_layout.name
            numbered += 1
        else:  # the cover and section layouts: the marking only, no footer or number
            assert not fields, slide.slide_layout.name
        ours = [sp for sp in art if sp.find("{*}nvSpPr/{*}cNvPr").get("name") in CHROME_BOXES]
        for sp in ours:  # our chrome names the theme's fonts by reference, never by name
            for latin in sp.iter(f"{_A}latin"):
                assert latin.get("typeface") not in theme_faces, slide.slide_layout.name
        if slide.shapes.title is not None:  # the title is the layout's, theme font and all
            slide.shapes.title.text = "Added"
            assert not list(slide.shapes.title._element.iter(f"{_A}latin"))
    # our slides do not repeat the layout's chrome
    for slide in list(reopened.slides)[: -len(layouts)]:
        names = {shape.name for shape in slide.shapes}
        assert not names & {"DeckTitle", "SlideNumber", "MarkingTop", "MarkingBottom"}
    return len(layouts), numbered


def test_slides_added_with_python_pptx_show_marking_footer_and_number(
    essay_store, tmp_path: Path, libreoffice_templates: dict[str, Path]
) -> None:
    build_from_outline(essay_store, DEFAULT_OUTLINE, "Default", marking=MARKING)
    ours = export_deck(essay_store, "Default", "pptx", tmp_path / "ours.pptx")
    layouts, numbered = _check_added_slides(ours.path, {"Arial", "Liberation Sans"})
    assert numbered == layouts - 2  # all but the cover and section layouts
    templates.add_template(essay_store, libreoffice_templates["Beehive"], "Beehive")
    templates.set_deck_template(essay_store, "Default", "Beehive")
    house = export_deck(essay_store, "Default", "pptx", tmp_path / "beehive.pptx")
    info = templates.stored_deck_template(essay_store, "Default")[1].info
    faces = {f.name for f in info.fonts if f.role in ("headings", "body")}
    layouts, numbered = _check_added_slides(house.path, faces)
    assert layouts - 2 <= numbered < layouts


def test_our_template_added_as_a_house_template_shows_the_decks_marking(
    essay_store, tmp_path: Path
) -> None:
    """Our briefing.pptx given as a house template: its "MARKING" prompt becomes the deck's
    marking (once at the top and once at the bottom of every layout), never left as is."""
    build_from_outline(essay_store, DEFAULT_OUTLINE, "Default", marking=MARKING)
    ours = Path(__file__).parents[2] / "resources" / "templates" / "briefing.pptx"
    templates.add_template(essay_store, ours, "Ours again")
    templates.set_deck_template(essay_store, "Default", "Ours again")
    result = export_deck(essay_store, "Default", "pptx", tmp_path / "again.pptx")
    with zipfile.ZipFile(result.path) as z:
        styled = [
            n for n in z.namelist() if n.startswith(("ppt/slideMasters/", "ppt/slideLayouts/"))
        ]
        assert not any(b"<a:t>MARKING</a:t>" in z.read(n) for n in styled)
    layouts, numbered = _check_added_slides(result.path, {"Arial", "Liberation Sans"})
    assert numbered == layouts - 2
