"""A slide added to an exported deck with python-pptx (which clones no date, footer or
slide-number placeholder) from any of its layouts still shows the marking, the footer and
its slide number, in the theme's fonts: in our template and in house templates nobody here
made (LibreOffice's, pandoc's)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from pptx import Presentation
from pptx.slide import Slide

from briefing_app.deck.outline import DEFAULT_OUTLINE, build_from_outline
from briefing_app.render.export import export_deck
from briefing_app.render.pptx_chrome import CHROME_BOXES
from briefing_app.services import templates
from briefing_app.templates.build_default import shipped_layouts
from briefing_app.templates.slots import LAYOUT_SLOTS

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


def _check_added_slides(path: Path, theme_faces: set[str], out: Path | None = None) -> int:
    """Add one slide from every layout with python-pptx, save, reopen, and check that
    each shows the marking, the footer (deck title) and a slide-number field, in the
    theme's fonts. Returns how many layouts there are; writes the deck to ``out``."""
    prs = Presentation(str(path))
    deck_title = prs.core_properties.title
    ratio = prs.slide_width / prs.slide_height
    layouts = [layout for master in prs.slide_masters for layout in master.slide_layouts]
    for layout in layouts:
        prs.slides.add_slide(layout)
    buffer = io.BytesIO()
    prs.save(buffer)
    if out is not None:
        out.write_bytes(buffer.getvalue())
    reopened = Presentation(buffer)
    assert reopened.slide_width / reopened.slide_height == pytest.approx(ratio)
    added = list(reopened.slides)[-len(layouts) :]
    for slide in added:
        name = slide.slide_layout.name
        art = _shown_art(slide)
        text = [("".join(t.text or "" for t in sp.iter(f"{_A}t"))) for sp in art]
        assert text.count(MARKING) == 2, (name, text)  # top and bottom
        assert deck_title in text, name  # the footer
        fields = [f for sp in art for f in sp.iter(f"{_A}fld") if f.get("type") == "slidenum"]
        assert len(fields) == 1, name
        ours = [sp for sp in art if sp.find("{*}nvSpPr/{*}cNvPr").get("name") in CHROME_BOXES]
        assert ours, name
        for sp in ours:  # our chrome names the theme's fonts by reference, never by name
            for latin in sp.iter(f"{_A}latin"):
                assert latin.get("typeface") not in theme_faces, name
                assert latin.get("typeface", "").startswith("+"), name
        if slide.shapes.title is not None:  # the title is the layout's, theme font and all
            slide.shapes.title.text = "Added"
            assert not list(slide.shapes.title._element.iter(f"{_A}latin"))
    # our slides do not repeat the layout's chrome
    for slide in list(reopened.slides)[: -len(layouts)]:
        names = {shape.name for shape in slide.shapes}
        assert not names & {"DeckTitle", "SlideNumber", "MarkingTop", "MarkingBottom"}
    return len(layouts)


def test_slides_added_with_python_pptx_show_marking_footer_and_number(
    essay_store,
    tmp_path: Path,
    libreoffice_templates: dict[str, Path],
    pandoc_reference: Path,
) -> None:
    """From every layout, the cover's and the section's included: in ours (16:9, every
    layout named for one of ours plus Title Only), in LibreOffice's Beehive and in
    pandoc's reference.pptx."""
    build_from_outline(essay_store, DEFAULT_OUTLINE, "Default", marking=MARKING)
    ours = export_deck(essay_store, "Default", "pptx", tmp_path / "ours.pptx")
    prs = Presentation(str(ours.path))
    assert prs.slide_width / prs.slide_height == pytest.approx(16 / 9)
    assert _check_added_slides(ours.path, {"Arial", "Liberation Sans"}) == len(LAYOUT_SLOTS) + 1
    for name, path in (("Beehive", libreoffice_templates["Beehive"]), ("pandoc", pandoc_reference)):
        templates.add_template(essay_store, path, name)
        templates.set_deck_template(essay_store, "Default", name)
        house = export_deck(essay_store, "Default", "pptx", tmp_path / f"{name}.pptx")
        info = templates.stored_deck_template(essay_store, "Default")[1].info
        faces = {f.name for f in info.fonts if f.role in ("headings", "body")}
        masters = Presentation(str(path)).slide_masters
        assert _check_added_slides(house.path, faces) == sum(len(m.slide_layouts) for m in masters)


def test_our_template_added_as_a_house_template_shows_the_decks_marking(
    essay_store, tmp_path: Path
) -> None:
    """Our briefing.pptx given as a house template: its "MARKING" prompt becomes the deck's
    marking (once at the top and once at the bottom of every layout), never left as is."""
    build_from_outline(essay_store, DEFAULT_OUTLINE, "Default", marking=MARKING)
    ours = Path(__file__).parents[2] / "resources" / "templates" / "briefing.pptx"
    shipped = shipped_layouts(ours)
    templates.add_template(essay_store, ours, "Ours again")
    templates.set_deck_template(essay_store, "Default", "Ours again")
    result = export_deck(essay_store, "Default", "pptx", tmp_path / "again.pptx")
    with zipfile.ZipFile(result.path) as z:
        styled = [
            n for n in z.namelist() if n.startswith(("ppt/slideMasters/", "ppt/slideLayouts/"))
        ]
        assert not any(b"<a:t>MARKING</a:t>" in z.read(n) for n in styled)
    # the shipped file's layouts (and Title Only)
    assert _check_added_slides(result.path, {"Arial", "Liberation Sans"}) == len(shipped) + 1
