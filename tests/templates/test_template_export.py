"""The default briefing exported in real templates nobody here made (LibreOffice's own
Impress templates and pandoc's reference.pptx) and in ours: native, inside the slide."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from briefing_app.deck.outline import DEFAULT_OUTLINE, build_from_outline
from briefing_app.layout.boxes import ItemRef
from briefing_app.render.export import export_deck, laid_out
from briefing_app.render.pptx_chrome import CHROME_BOXES
from briefing_app.services import templates
from briefing_app.templates.art import ART_PREFIX

_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"


def _check_native(path: Path, slides: int, theme_faces: set[str]) -> None:
    prs = Presentation(str(path))
    width, height = prs.slide_width, prs.slide_height
    assert len(prs.slides) == slides
    for slide in prs.slides:
        title = slide.shapes.title  # the title placeholder, as outline view reads it
        assert title is not None and title.text.strip(), slide.slide_id
        for shape in slide.shapes:  # nothing outside the slide
            assert shape.left >= -2 and shape.top >= -2, shape.name
            assert shape.left + shape.width <= width + 2, shape.name
            assert shape.top + shape.height <= height + 2, shape.name
        groups = [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.GROUP]
        for group in groups:
            assert group._element.nvGrpSpPr.cNvPr.get("descr", "").startswith("Map: ")
    with zipfile.ZipFile(path) as z:
        named = 0
        for name in z.namelist():
            if name.startswith("ppt/slides/slide"):
                root = etree.fromstring(z.read(name))
                assert not list(root.iter(f"{_A}br")), name  # no hard line breaks
                named += _runs_naming_theme_faces(root, theme_faces | _theme_faces(z))
            elif name.startswith("ppt/slideLayouts/slideLayout") and name.endswith(".xml"):
                for shape in etree.fromstring(z.read(name)).iter(f"{_P}sp"):
                    if shape.find(f"{_P}nvSpPr/{_P}cNvPr").get("name") in CHROME_BOXES:
                        named += _runs_naming_theme_faces(shape, theme_faces | _theme_faces(z))
        assert named == 0, f"{path.name}: {named} runs name a face the theme supplies"


def _rgb_colours_outside_maps(path: Path) -> list[tuple[str, str, str]]:
    """(part, shape, colour) of every RGB colour on slides and on the layouts' chrome,
    maps left out (their colours are chosen against each other, not the theme's)."""
    found = []
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if not name.endswith(".xml") or not name.startswith(
                ("ppt/slides/slide", "ppt/slideLayouts/slideLayout")
            ):
                continue
            tree = etree.fromstring(z.read(name)).find(f"{_P}cSld/{_P}spTree")
            for shape in tree:
                c_nv_pr = shape.find(f"./*[1]/{_P}cNvPr")
                if shape.tag == f"{_P}grpSp" or c_nv_pr is None:
                    continue
                shape_name = c_nv_pr.get("name", "")
                if name.startswith("ppt/slideLayouts/") and shape_name not in CHROME_BOXES:
                    continue  # the template's own shapes
                found += [(name, shape_name, c.get("val")) for c in shape.iter(f"{_A}srgbClr")]
    return found


def _theme_faces(z: zipfile.ZipFile) -> set[str]:
    """Every face a theme of the package supplies (Latin, East Asian, complex script)."""
    faces = set()
    for name in z.namelist():
        if name.startswith("ppt/theme/theme") and name.endswith(".xml"):
            for font in ("majorFont", "minorFont"):
                for face in etree.fromstring(z.read(name)).iterfind(f".//{_A}{font}/*"):
                    if face.tag in (f"{_A}latin", f"{_A}ea", f"{_A}cs"):
                        faces.add(face.get("typeface", ""))
    return faces - {""}


def _runs_naming_theme_faces(root: etree._Element, faces: set[str]) -> int:
    """Runs that name a face the theme supplies instead of referring to it ("+mn-lt",
    "+mn-cs"), in any of their four faces; and runs whose Latin face is the theme's but
    whose other faces are named (a theme change would leave them behind)."""
    count = 0
    for props in root.iter(f"{_A}rPr", f"{_A}endParaRPr", f"{_A}defRPr"):
        typefaces = [
            props.find(f"{_A}{kind}").get("typeface", "")
            for kind in ("latin", "ea", "cs", "sym")
            if props.find(f"{_A}{kind}") is not None
        ]
        themed = any(face.startswith("+") for face in typefaces)
        if any(face in faces or (themed and not face.startswith("+")) for face in typefaces):
            count += 1
    return count


def test_default_briefing_in_libreoffice_and_pandoc_templates(
    essay_store, tmp_path: Path, libreoffice_templates: dict[str, Path], pandoc_reference: Path
) -> None:
    build_from_outline(essay_store, DEFAULT_OUTLINE, "Default", marking="UNCLASSIFIED")
    ours = export_deck(essay_store, "Default", "pptx", tmp_path / "ours.pptx")
    _check_native(ours.path, ours.slides, {"Arial"})
    assert _rgb_colours_outside_maps(ours.path) == []  # our theme carries every colour used
    # our Cover layout has a placeholder for each text of the cover, the byline's too
    cover = Presentation(str(ours.path)).slides[0]
    texts = [s for s in cover.shapes if s.has_text_frame and s.text_frame.text.strip()]
    assert [s.name for s in texts] == ["Title", "Subtitle", "Byline"]
    assert all(s.is_placeholder for s in texts)
    for name, path in [*libreoffice_templates.items(), ("pandoc", pandoc_reference)]:
        templates.add_template(essay_store, path, name)
        templates.set_deck_template(essay_store, "Default", name)
        result = export_deck(essay_store, "Default", "pptx", tmp_path / f"{name}.pptx")
        prs = Presentation(str(result.path))
        info = templates.stored_deck_template(essay_store, "Default")[1].info
        # the template's page, and layout scaled onto it
        assert (prs.slide_width, prs.slide_height) == (
            round(info.width * 12700),
            round(info.height * 12700),
        )
        laid, _ = laid_out(essay_store, "Default")
        # the PDF draws the template's own art behind each slide; the PPTX has it on
        # its masters and layouts, so no slide repeats it
        if name in ("Beehive", "Vintage"):
            assert all(any(b.name.startswith(ART_PREFIX) for b in s.boxes) for s in laid.slides)
        assert not any(
            shape.name.startswith(ART_PREFIX) for slide in prs.slides for shape in slide.shapes
        )
        for laid_slide in laid.slides:
            assert laid_slide.width == pytest.approx(info.width)
            assert laid_slide.height == pytest.approx(info.height)
        faces = {f.name for f in info.fonts if f.role in ("headings", "body")}
        _check_native(result.path, result.slides, faces)


def _with_theme_font(path: Path, face: str, out: Path) -> Path:
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename.startswith("ppt/theme/"):
                data = data.replace(b'typeface="Calibri', f'typeface="{face}'.encode())
            dst.writestr(info, data)
    return out


def test_a_theme_font_without_a_free_twin_is_measured_wider(
    essay_store, tmp_path: Path, pandoc_reference: Path
) -> None:
    build_from_outline(essay_store, DEFAULT_OUTLINE, "Default", marking="UNCLASSIFIED")
    verdana = _with_theme_font(pandoc_reference, "Verdana", tmp_path / "verdana.pptx")
    report = templates.check_template(verdana)
    assert len(report.warnings) == 1 and "Verdana" in report.warnings[0]
    lines = {}
    for name, path in (("calibri", pandoc_reference), ("verdana", verdana)):
        templates.add_template(essay_store, path, name)
        templates.set_deck_template(essay_store, "Default", name)
        laid, _ = laid_out(essay_store, "Default")
        lines[name] = sum(
            len(p.lines)
            for s in laid.slides
            for b in s.boxes
            if getattr(b, "name", "") == "Body"
            for p in b.paragraphs
        )
        fonts = {
            r.style.font
            for s in laid.slides
            for b in s.boxes
            if b.name == "Body"
            for p in b.paragraphs
            for line in p.lines
            for r in line.runs
        }
        assert fonts == ({"carlito"} if name == "calibri" else {"wide"})
    assert lines["verdana"] > lines["calibri"]  # measured wider, wrapped sooner
    _, warnings = laid_out(essay_store, "Default")  # the export and the app say so once
    assert sum("Verdana" in w for w in warnings) == 1
    from briefing_app.deck.preview import preview_deck

    assert sum("Verdana" in w for w in preview_deck(essay_store, "Default").warnings) == 1
    result = export_deck(essay_store, "Default", "pptx", tmp_path / "v.pptx")
    _check_native(result.path, result.slides, {"Verdana"})
    with zipfile.ZipFile(result.path) as z:
        slide = z.read("ppt/slides/slide2.xml").decode()
    assert '<a:latin typeface="+mn-lt"/>' in slide  # PowerPoint sets it in Verdana
    pdf = export_deck(essay_store, "Default", "pdf", tmp_path / "v.pdf")
    assert pdf.slides == result.slides


def _with_heading_font(path: Path, face: str, out: Path) -> Path:
    """``path`` with its themes' heading (major) Latin font set to ``face``."""
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename.startswith("ppt/theme/"):
                major = rb'(<a:majorFont><a:latin typeface=")[^"]*"'
                data = re.sub(major, rb"\1" + face.encode() + b'"', data)
            dst.writestr(info, data)
    return out


@pytest.mark.parametrize(("face", "family"), [("Cambria", "caladea"), ("Verdana", "wide_headings")])
def test_titles_are_set_in_the_themes_heading_font_where_it_differs_from_the_body_font(
    essay_store, tmp_path: Path, pandoc_reference: Path, face: str, family: str
) -> None:
    """The Office 2007 theme's pairing (Cambria headings, Calibri body) and a heading face
    without a free twin: titles are measured with the heading font's twin (or
    conservatively) and refer to the theme's heading font; no run names a theme face."""
    build_from_outline(essay_store, DEFAULT_OUTLINE, "Default", marking="UNCLASSIFIED")
    path = _with_heading_font(pandoc_reference, face, tmp_path / f"{face}.pptx")
    templates.add_template(essay_store, path, face)
    templates.set_deck_template(essay_store, "Default", face)
    laid, _ = laid_out(essay_store, "Default")
    fonts = {
        (b.name, r.style.font)
        for s in laid.slides
        for b in s.boxes
        if b.name in ("Title", "Body")
        for p in getattr(b, "paragraphs", ())
        for line in p.lines
        for r in line.runs
    }
    assert {font for name, font in fonts if name == "Title"} == {family}
    assert {font for name, font in fonts if name == "Body"} == {"carlito"}
    result = export_deck(essay_store, "Default", "pptx", tmp_path / "out.pptx")
    _check_native(result.path, result.slides, {face, "Calibri"})
    for slide in Presentation(str(result.path)).slides:
        faces = {latin.get("typeface") for latin in slide.shapes.title._element.iter(f"{_A}latin")}
        # named, or left to the title style it inherits (which names the heading font)
        style = slide.slide_layout.slide_master._element.find(
            f"{_P}txStyles/{_P}titleStyle/{_A}lvl1pPr/{_A}defRPr/{_A}latin"
        )
        assert faces <= {"+mj-lt"} and style.get("typeface") == "+mj-lt", slide.slide_id


def test_text_measured_with_a_twin_refers_to_the_themes_font_not_the_twins_name(
    essay_store, tmp_path: Path, pandoc_reference: Path
) -> None:
    """A theme in Helvetica: text is measured with Liberation Sans, whose Office name is
    Arial; runs refer to the theme (+mn-lt, +mj-lt) instead of naming Arial, so PowerPoint
    sets them in the theme's Helvetica as the template's owner chose."""
    build_from_outline(essay_store, DEFAULT_OUTLINE, "Default", marking="UNCLASSIFIED")
    path = _with_theme_font(pandoc_reference, "Helvetica", tmp_path / "helvetica.pptx")
    templates.add_template(essay_store, path, "helvetica")
    templates.set_deck_template(essay_store, "Default", "helvetica")
    result = export_deck(essay_store, "Default", "pptx", tmp_path / "out.pptx")
    _check_native(result.path, result.slides, {"Helvetica"})
    with zipfile.ZipFile(result.path) as z:
        for name in z.namelist():
            if name.startswith("ppt/slides/slide") and name.endswith(".xml"):
                root = etree.fromstring(z.read(name))
                faces = {latin.get("typeface") for latin in root.iter(f"{_A}latin")}
                assert faces <= {"+mn-lt", "+mj-lt"}, (name, faces)


@pytest.mark.parametrize(
    ("face", "measured_with"),
    [("Nimbus Sans", "Liberation Sans"), ("TeX Gyre Termes", "Liberation Serif")],
)
def test_urw_and_gust_clones_are_measured_exactly_without_a_warning(
    tmp_path: Path, pandoc_reference: Path, face: str, measured_with: str
) -> None:
    """Nimbus Sans and TeX Gyre Heros have Helvetica's (so Arial's) advance widths, Nimbus
    Roman and TeX Gyre Termes those of Times (fontconfig's metric aliases): LibreOffice's
    templates name Nimbus Sans, which is measured exactly, not conservatively."""
    path = _with_theme_font(pandoc_reference, face, tmp_path / "clone.pptx")
    report = templates.check_template(path)
    assert report.warnings == []
    assert {(f.font, f.measured_with, f.exact) for f in report.fonts if f.role == "body"} == {
        (face, measured_with, True)
    }


def test_two_quotes_fill_placeholders_in_ours_libreoffices_and_pandocs(
    essay_store, tmp_path: Path, libreoffice_templates: dict[str, Path], pandoc_reference: Path
) -> None:
    """The layout declares its slots (headings and quotes); every template's export puts
    the quotes into the placeholders chosen for them, never loose text boxes."""
    from pptx.util import Emu

    from briefing_app.services import decks, library

    decks.create_deck(essay_store, "Contrast")
    slide = decks.add_slide(
        essay_store,
        "Contrast",
        "two_quotes",
        title="Moscow and Belgrade read Kosovo differently",
        left_heading="Moscow",
        right_heading="Belgrade",
    )
    first, second = library.quotes(essay_store)[:2]
    decks.add_items(
        essay_store,
        slide.id,
        [
            {"source_kind": "quote", "source_id": first.id, "column": 0},
            {"source_kind": "quote", "source_id": second.id, "column": 1},
        ],
    )
    chosen = {}
    for name, path in [
        ("ours", None),
        ("Beehive", libreoffice_templates["Beehive"]),
        ("pandoc", pandoc_reference),
    ]:
        if path is not None:
            templates.add_template(essay_store, path, name)
            templates.set_deck_template(essay_store, "Contrast", name)
        result = export_deck(essay_store, "Contrast", "pptx", tmp_path / f"{name}.pptx")
        exported = Presentation(str(result.path)).slides[0]
        shapes = {s.name: s for s in exported.shapes}
        for quote in ("LeftQuote", "RightQuote"):
            assert shapes[quote].is_placeholder, (name, quote)
        left, right = shapes["LeftQuote"], shapes["RightQuote"]
        assert Emu(left.left + left.width) <= right.left  # side by side, as laid out
        # each fills a placeholder of its own on the layout (LibreOffice writes content
        # placeholders without an idx: they are numbered when the template is read)
        indexes = [s.placeholder_format.idx for s in exported.placeholders]
        assert len(set(indexes)) == len(indexes), (name, indexes)
        on_layout = {p.placeholder_format.idx for p in exported.slide_layout.placeholders}
        assert {left.placeholder_format.idx, right.placeholder_format.idx} <= on_layout
        chosen[name] = exported.slide_layout.name
    assert chosen["ours"] == "Two Quotes"
    assert chosen["pandoc"] in ("Comparison", "Two Content")


def test_map_text_is_in_the_theme_font_in_pandocs_template(
    essay_store, tmp_path: Path, pandoc_reference: Path
) -> None:
    """The default briefing in pandoc's template (theme font Calibri): no run names a face
    the theme supplies or the face maps used to be set in, map slides included; the map's
    labels, legend and notes are measured with Calibri's twin and refer to the theme, so
    a theme font changed in PowerPoint reaches the map too."""
    build_from_outline(essay_store, DEFAULT_OUTLINE, "Default", marking="UNCLASSIFIED")
    templates.add_template(essay_store, pandoc_reference, "pandoc")
    templates.set_deck_template(essay_store, "Default", "pandoc")
    laid, _ = laid_out(essay_store, "Default")
    map_fonts = {
        run.style.font
        for s in laid.slides
        for b in s.boxes
        if isinstance(b.source, ItemRef) and b.source.part == "figure"
        for p in getattr(b, "paragraphs", ())
        for line in p.lines
        for run in line.runs
    }
    assert map_fonts == {"carlito"}
    result = export_deck(essay_store, "Default", "pptx", tmp_path / "pandoc.pptx")
    prs = Presentation(str(result.path))
    map_runs = 0
    for slide in prs.slides:
        for shape in slide.shapes:
            if shape.shape_type != MSO_SHAPE_TYPE.GROUP:
                continue
            for latin in shape._element.iter(f"{_A}latin"):
                assert latin.get("typeface") == "+mn-lt"
                map_runs += 1
    assert map_runs >= 20  # the map's labels, legend, notes and source line
    with zipfile.ZipFile(result.path) as z:
        for name in z.namelist():
            if name.startswith("ppt/slides/slide") and name.endswith(".xml"):
                root = etree.fromstring(z.read(name))
                faces = {latin.get("typeface") for latin in root.iter(f"{_A}latin")}
                assert faces <= {"+mn-lt", "+mj-lt"}, (name, faces)
