"""Body and muted text in a house template take its master's body text colour (muted: a
lighter variant of it), named in the PPTX as the theme's colour where it is one, drawn in
the same colour by the PDF and preview; a colour that would not read on our panels gives
way, and masters are ranked with the colour the slides really get."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from briefing_app.deck.outline import DEFAULT_OUTLINE, build_from_outline
from briefing_app.layout.boxes import TextBox
from briefing_app.layout.theme import MINISTRY
from briefing_app.render.export import export_deck, laid_out
from briefing_app.services import templates
from briefing_app.templates.art import TemplateLook
from briefing_app.templates.backdrop import contrast, rgb
from briefing_app.templates.legibility import master_clash
from briefing_app.templates.match import TemplateMatch
from briefing_app.templates.package import TemplatePackage, read_template_file
from briefing_app.templates.stored import analyse
from briefing_app.templates.text_color import text_colors
from tests.small_templates import small_template

_GROUP = re.compile(r"<p:grpSp>.*?</p:grpSp>", re.S)
DARK_BLUE = '<a:schemeClr val="accent1"><a:lumMod val="50000"/></a:schemeClr>'
DARK_PAGE = (
    '<p:bg><p:bgPr><a:solidFill><a:srgbClr val="101830"/></a:solidFill>'
    "<a:effectLst/></p:bgPr></p:bg>"
)


def _with_body_color(path: Path, color: str, out: Path) -> Path:
    """``path`` with its masters' body text style (first level) in ``color``."""
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename.startswith("ppt/slideMasters/slideMaster"):
                xml = data.decode()
                start = xml.index("<p:bodyStyle>")
                end = xml.index("</a:lvl1pPr>", start)
                level = re.sub(
                    r"(<a:defRPr[^>]*>)<a:solidFill>.*?</a:solidFill>",
                    rf"\1<a:solidFill>{color}</a:solidFill>",
                    xml[start:end],
                    count=1,
                    flags=re.S,
                )
                data = (xml[:start] + level + xml[end:]).encode()
            dst.writestr(info, data)
    return out


def _colors(laid_boxes: list[TextBox], name: str) -> set[str]:
    return {
        r.style.color
        for b in laid_boxes
        if b.name == name
        for p in b.paragraphs
        for line in p.lines
        for r in line.runs
    }


def _analysed(path: Path) -> tuple[TemplatePackage, TemplateMatch]:
    package = read_template_file(path)
    return package, analyse(package)[1]


def test_pandoc_s_body_text_is_the_theme_s_text_colour(
    essay_store, tmp_path: Path, pandoc_reference: Path
) -> None:
    colors = text_colors(*_analysed(pandoc_reference))
    assert (colors.text, colors.muted) == ("000000", "595959")
    assert colors.text_ref == '<a:schemeClr val="tx1"/>'
    assert colors.muted_ref == (
        '<a:schemeClr val="tx1"><a:lumMod val="65000"/><a:lumOff val="35000"/></a:schemeClr>'
    )
    build_from_outline(essay_store, DEFAULT_OUTLINE, "Default", marking="UNCLASSIFIED")
    templates.add_template(essay_store, pandoc_reference, "pandoc")
    templates.set_deck_template(essay_store, "Default", "pandoc")
    path = export_deck(essay_store, "Default", "pptx", tmp_path / "p.pptx").path
    named = 0
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if not re.fullmatch(r"ppt/(slides/slide|slideLayouts/slideLayout)\d+\.xml", name):
                continue
            xml = _GROUP.sub("", z.read(name).decode())  # a map's labels keep their RGB
            for rgb in (MINISTRY.text, MINISTRY.muted, colors.text, colors.muted):
                assert f'<a:srgbClr val="{rgb}"/>' not in xml, (name, rgb)
            named += xml.count(colors.muted_ref)
    assert named > 0  # sources lines, footers, subtitles


def test_body_and_muted_text_follow_the_master_s_body_style(
    essay_store, tmp_path: Path, pandoc_reference: Path
) -> None:
    """A dark blue body style (accent 1, darker 50 %): the layout theme, and so the PDF
    and preview, use it and its lighter variant; the PPTX names both as the theme's."""
    blue = _with_body_color(pandoc_reference, DARK_BLUE, tmp_path / "blue.pptx")
    package, match = _analysed(blue)
    colors = text_colors(package, match)
    look = TemplateLook(package, match)
    assert (look.theme.text, look.theme.muted) == (colors.text, colors.muted)
    assert colors.text not in ("000000", MINISTRY.text) and colors.muted != MINISTRY.muted
    # lightened as far as it still reads on our panels (35 % would not)
    assert colors.muted_ref == (
        '<a:schemeClr val="accent1"><a:lumMod val="50000"/><a:lumMod val="75000"/>'
        '<a:lumOff val="25000"/></a:schemeClr>'
    )
    assert contrast(rgb(colors.muted), rgb(MINISTRY.panel)) >= 4.5
    build_from_outline(essay_store, DEFAULT_OUTLINE, "Default", marking="UNCLASSIFIED")
    templates.add_template(essay_store, blue, "blue")
    templates.set_deck_template(essay_store, "Default", "blue")
    laid, _ = laid_out(essay_store, "Default")
    boxes = [b for s in laid.slides for b in s.boxes if isinstance(b, TextBox)]
    # what the PDF and canvas draw (citation marks keep our accent colour)
    assert colors.text in _colors(boxes, "Body")
    assert _colors(boxes, "Body") <= {colors.text, colors.muted, MINISTRY.accent}
    # the sources lines: muted, or the body colour where the page under them needs it
    assert _colors(boxes, "Footer") <= {colors.muted, colors.text}
    assert colors.muted in {c for n in ("Body", "Footer", "Subtitle") for c in _colors(boxes, n)}
    path = export_deck(essay_store, "Default", "pptx", tmp_path / "b.pptx").path
    with zipfile.ZipFile(path) as z:
        slide = z.read("ppt/slides/slide3.xml").decode()
    assert f"<a:solidFill>{DARK_BLUE}</a:solidFill>" in slide
    assert f"<a:solidFill>{colors.muted_ref}</a:solidFill>" in slide
    assert f'<a:srgbClr val="{colors.text}"/>' not in _GROUP.sub("", slide)


def test_light_body_text_gives_way_to_a_colour_that_reads_on_our_panels(
    tmp_path: Path, pandoc_reference: Path
) -> None:
    """White body text (made for a dark page) would vanish on the bottom line's panel:
    the theme's text colour is used instead, and so is a pale one."""
    for n, color in enumerate(('<a:schemeClr val="bg1"/>', '<a:srgbClr val="C0C8D0"/>')):
        light = _with_body_color(pandoc_reference, color, tmp_path / f"light{n}.pptx")
        colors = text_colors(*_analysed(light))
        assert (colors.text, colors.text_ref) == ("000000", '<a:schemeClr val="tx1"/>')
        assert contrast(rgb(colors.text), rgb(MINISTRY.panel)) >= 4.5


def test_masters_are_ranked_with_the_body_colour_the_slides_get() -> None:
    """A dark master whose body style says white text: the slides get the theme's dark
    text colour (white would not read on our panels), so the ranking counts that text
    as unreadable on the dark page, as it is, and not the white it was styled in."""
    white = {r"(<p:bodyStyle>.*?<a:defRPr[^>]*><a:solidFill>)<a:schemeClr val=\"tx1\"/>":
             r'\1<a:schemeClr val="bg1"/>'}  # fmt: skip
    styled = small_template(DARK_PAGE, master=white)
    plain = small_template(DARK_PAGE)
    light_page = small_template()
    look = TemplateLook(*styled)
    assert look.theme.text == TemplateLook(*plain).theme.text
    assert contrast(rgb(look.theme.text), rgb("101830")) < 3.0
    clash = master_clash(styled[0])(styled[1])
    assert abs(clash - master_clash(plain[0])(plain[1])) < 1e-9
    assert clash > master_clash(light_page[0])(light_page[1]) + 0.2
