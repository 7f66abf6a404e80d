"""A template's master and layout graphics as one drawing list (gradients, background
style references, theme colours with their transforms, static text and fields), and the
PDF drawing exactly that list. The templates are small ones made here from ours."""

from __future__ import annotations

import io
import re
import subprocess
import zipfile
from pathlib import Path

import pytest
from PIL import Image
from small_templates import (
    ACCENT1,
    POWERPOINT_SHADES,
    shape,
    small_template,
    small_template_bytes,
    static_text_shapes,
    text_body,
)

from briefing_app.deck.outline import DEFAULT_OUTLINE, build_from_outline
from briefing_app.layout.boxes import LaidDeck, LaidSlide, PathBox, RectBox, TextBox
from briefing_app.render.export import export_deck, laid_out
from briefing_app.render.pdf_renderer import render_pdf
from briefing_app.services import templates
from briefing_app.templates.art import (
    ART_PREFIX,
    PLACEHOLDER_FILL,
    TemplateLook,
    template_art,
    typed_prompts,
)
from briefing_app.templates.build_default import build_bytes
from briefing_app.templates.inspect import inspect_package
from briefing_app.templates.match import TemplateMatch, match_template
from briefing_app.templates.package import TemplatePackage, read_template_bytes


def _art(package: TemplatePackage, match: TemplateMatch, ours: str = "argument") -> tuple:
    choice = match.choice(ours)
    assert choice.layout is not None
    return template_art(package, choice.layout.part, (match.info.width, match.info.height))


def _pixels(slide: LaidSlide, tmp_path: Path, points: list[tuple[float, float]]) -> list:
    """Colours of our PDF of ``slide`` at page ``points`` (rendered at 36 dpi)."""
    pdf = render_pdf(LaidDeck("t", "", "", (slide,)), tmp_path / "art.pdf")
    subprocess.run(
        ["pdftoppm", "-r", "36", "-png", "-singlefile", str(pdf), str(tmp_path / "art")],
        check=True,
        timeout=60,
    )
    image = Image.open(tmp_path / "art.png").convert("RGB")
    k = image.width / slide.width
    return [image.getpixel((round(x * k), round(y * k))) for x, y in points]


def _near(rgb: tuple[int, int, int], hex_color: str, tolerance: int = 12) -> bool:
    want = [int(hex_color[i : i + 2], 16) for i in (0, 2, 4)]
    return all(abs(a - b) <= tolerance for a, b in zip(rgb, want, strict=True))


def test_a_gradient_background_is_drawn_as_powerpoint_spreads_it(tmp_path: Path) -> None:
    """A linear gradient at 0 degrees: red at the left edge, blue at the right; the PDF
    shows those colours there and their mix in the middle."""
    bg = (
        '<p:bg><p:bgPr><a:gradFill><a:gsLst><a:gs pos="0"><a:srgbClr val="FF0000"/></a:gs>'
        '<a:gs pos="100000"><a:srgbClr val="0000FF"/></a:gs></a:gsLst><a:lin ang="0"/>'
        "</a:gradFill><a:effectLst/></p:bgPr></p:bg>"
    )
    package, match = small_template(bg)
    art = _art(package, match)
    background = art[0]
    assert isinstance(background, RectBox) and background.name == ART_PREFIX + "background"
    assert background.gradient is not None and background.gradient.radius == 0
    assert background.gradient.stops == ((0.0, "FF0000"), (1.0, "0000FF"))
    w, h = match.info.width, match.info.height
    left, middle, right = _pixels(
        LaidSlide(1, "t", art, width=w, height=h),
        tmp_path,
        [(2, h / 2), (w / 2, h / 2), (w - 2, h / 2)],
    )
    assert _near(left, "FF0000", 16) and _near(right, "0000FF", 16)
    assert _near(middle, "800080", 20)


def test_background_style_reference_takes_the_themes_background_fill(tmp_path: Path) -> None:
    """``bgRef idx=1003`` is the theme's third background fill with ``phClr`` bound to the
    reference's colour: here a vertical gradient from accent 1 to accent 1 at 50 % shade."""
    theme = {
        r"<a:bgFillStyleLst>.*?</a:bgFillStyleLst>": (
            '<a:bgFillStyleLst><a:solidFill><a:schemeClr val="phClr"/></a:solidFill>'
            '<a:solidFill><a:schemeClr val="phClr"><a:lumMod val="75000"/></a:schemeClr>'
            '</a:solidFill><a:gradFill><a:gsLst><a:gs pos="0"><a:schemeClr val="phClr"/>'
            '</a:gs><a:gs pos="100000"><a:schemeClr val="phClr"><a:lumMod val="50000"/>'
            '</a:schemeClr></a:gs></a:gsLst><a:lin ang="5400000"/></a:gradFill>'
            "</a:bgFillStyleLst>"
        )
    }
    ref = '<p:bg><p:bgRef idx="{}"><a:schemeClr val="accent1"/></p:bgRef></p:bg>'
    package, match = small_template(ref.format(1002), theme=theme)
    (solid, *_) = _art(package, match)
    assert isinstance(solid, RectBox) and solid.fill == POWERPOINT_SHADES[(75000, 0)]
    package, match = small_template(ref.format(1003), theme=theme)
    art = _art(package, match)
    gradient = art[0].gradient
    assert gradient is not None
    assert gradient.stops == ((0.0, ACCENT1), (1.0, POWERPOINT_SHADES[(50000, 0)]))
    assert gradient.x1 == pytest.approx(gradient.x2) and gradient.y1 < gradient.y2  # downwards
    w, h = match.info.width, match.info.height
    top, bottom = _pixels(
        LaidSlide(1, "t", art, width=w, height=h), tmp_path, [(w / 2, 2), (w / 2, h - 2)]
    )
    assert _near(top, ACCENT1) and _near(bottom, POWERPOINT_SHADES[(50000, 0)])


@pytest.mark.parametrize(("mods", "expected"), sorted(POWERPOINT_SHADES.items()))
def test_theme_colours_with_transforms_match_powerpoints_palette(
    mods: tuple[int, int], expected: str
) -> None:
    lum_mod, lum_off = mods
    offset = f'<a:lumOff val="{lum_off}"/>' if lum_off else ""
    fill = (
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:solidFill><a:schemeClr val="accent1">'
        f'<a:lumMod val="{lum_mod}"/>{offset}</a:schemeClr></a:solidFill>'
    )
    package, match = small_template(shapes=shape("Band", 0, 0, 100, 20, fill))
    band = next(b for b in _art(package, match) if b.name == ART_PREFIX + "Band")
    assert isinstance(band, RectBox) and band.fill == expected


def test_scheme_colours_go_through_the_masters_colour_map() -> None:
    """A dark master maps bg1 to dk1: a shape filled "bg1" is dark, text "tx1" light."""
    dark_map = (
        '<p:clrMap bg1="dk1" tx1="lt1" bg2="dk2" tx2="lt2" accent1="accent1" accent2="accent2" '
        'accent3="accent3" accent4="accent4" accent5="accent5" accent6="accent6" hlink="hlink" '
        'folHlink="folHlink"/>'
    )
    fill = (
        '<a:prstGeom prst="ellipse"><a:avLst/></a:prstGeom>'
        '<a:solidFill><a:schemeClr val="bg1"/></a:solidFill>'
    )
    package, match = small_template(shapes=shape("Disc", 10, 10, 50, 50, fill), color_map=dark_map)
    disc = next(b for b in _art(package, match) if b.name == ART_PREFIX + "Disc")
    assert isinstance(disc, PathBox) and disc.fill == "262626"  # our theme's dk1


def test_translucent_and_radial_fills(tmp_path: Path) -> None:
    fill = (
        '<a:prstGeom prst="ellipse"><a:avLst/></a:prstGeom><a:gradFill><a:gsLst>'
        '<a:gs pos="0"><a:srgbClr val="FFFFFF"><a:alpha val="80000"/></a:srgbClr></a:gs>'
        '<a:gs pos="100000"><a:srgbClr val="FFFFFF"><a:alpha val="20000"/></a:srgbClr></a:gs>'
        '</a:gsLst><a:path path="circle"><a:fillToRect l="50000" t="50000" r="50000" '
        'b="50000"/></a:path></a:gradFill>'
    )
    package, match = small_template(shapes=shape("Glow", 100, 100, 200, 100, fill))
    glow = next(b for b in _art(package, match) if b.name == ART_PREFIX + "Glow")
    assert isinstance(glow, PathBox) and glow.gradient is not None
    assert glow.gradient.radius > 0 and (glow.gradient.x1, glow.gradient.y1) == pytest.approx(
        (200, 150)
    )
    # each stop keeps its own opacity (a glow fading out), the box adds none of its own
    assert glow.gradient.opacities == (0.8, 0.2) and glow.opacity == 1.0
    # and the PDF draws that fade inside the ellipse: over black, 80 % white at the
    # centre, 50 % halfway along the radius (half the box's diagonal), about 29 % at
    # 95 pt out near the ellipse's end, and nothing outside it
    black = RectBox(0, 0, match.info.width, match.info.height, "000000")
    slide = LaidSlide(1, "t", (black, glow), width=match.info.width, height=match.info.height)
    radius = glow.gradient.radius
    centre, halfway, rim, outside = _pixels(
        slide, tmp_path, [(200, 150), (200 + radius / 2, 150), (295, 150), (102, 102)]
    )
    assert _near(centre, "CCCCCC", 14) and _near(halfway, "808080", 14)
    assert _near(rim, "4A4A4A", 14) and _near(outside, "000000", 4)


def test_static_text_is_laid_out_by_our_engine_inside_its_box() -> None:
    package, match = small_template(shapes=static_text_shapes())
    look = TemplateLook(package, match)
    art = look.art_for("argument", 7, "2 December 2026")
    ministry = next(b for b in art if b.name == ART_PREFIX + "Ministry")
    assert isinstance(ministry, TextBox)
    lines = [ln for p in ministry.paragraphs for ln in p.lines]
    text = " ".join("".join(r.text for r in ln.runs) for ln in lines)
    assert text == "Ministry of Foreign Affairs and International Cooperation"
    assert len(lines) == 2  # 14 pt bold does not fit 300 pt on one line: it wraps
    for line in lines:
        style = line.runs[0].style
        assert (style.size, style.bold, style.color, style.font) == (14.0, True, "1F3864", "sans")
        assert line.x >= 40 and line.x + line.width <= 340 + 0.01  # inside its box
        assert line.x - 40 == pytest.approx(340 - (line.x + line.width), abs=0.6)  # centred
        assert 20 < line.baseline < 80
    number = next(b for b in art if b.name == ART_PREFIX + "Number")
    assert [r.text for p in number.paragraphs for ln in p.lines for r in ln.runs] == ["7"]
    date = next(b for b in art if b.name == ART_PREFIX + "Date")
    assert [r.text for p in date.paragraphs for ln in p.lines for r in ln.runs] == [
        "2 December 2026"
    ]
    # the art without fields is computed once; the fields follow each slide
    again = look.art_for("argument", 8, "2 December 2026")
    assert next(b for b in again if b.name == ART_PREFIX + "Ministry") == ministry
    number8 = next(b for b in again if b.name == ART_PREFIX + "Number")
    assert [r.text for p in number8.paragraphs for ln in p.lines for r in ln.runs] == ["8"]


def test_static_text_reaches_the_pdf(tmp_path: Path) -> None:
    package, match = small_template(shapes=static_text_shapes())
    look = TemplateLook(package, match)
    slides = tuple(
        look.finish(LaidSlide(n, f"Slide {n}", (), layout="argument"), "2 December 2026")
        for n in (1, 2)
    )
    pdf = render_pdf(LaidDeck("t", "", "", slides), tmp_path / "static.pdf")
    pages = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout.split("\f")
    for number, page in enumerate(pages[:2], start=1):
        flat = " ".join(page.split())
        assert "Ministry of Foreign Affairs and" in flat and "International Cooperation" in flat
        assert "2 December 2026" in flat and flat.endswith(str(number))


def test_our_marking_prompt_is_not_drawn_as_static_text() -> None:
    """A copy of our template shows "MARKING" where exports put the deck's marking; the
    slide's own marking boxes draw that, so the prompt is not art."""
    package = read_template_bytes(build_bytes(marked=True), "ours.pptx")
    match = match_template(inspect_package(package))
    look = TemplateLook(package, match)
    for ours in ("title", "argument", "section"):
        texts = [
            r.text
            for b in look.art_for(ours, 1)
            if isinstance(b, TextBox)
            for p in b.paragraphs
            for ln in p.lines
            for r in ln.runs
        ]
        assert "MARKING" not in texts


def test_a_house_templates_date_placeholder_shows_the_decks_date(
    essay_store, tmp_path: Path, pandoc_reference: Path
) -> None:
    """pandoc's reference.pptx has a date placeholder at the bottom left: numbered slides
    show the deck's date there, on the footer line, in the PDF and in the PPTX (as the
    layouts' own text, like the deck title), and the deck title moves clear of it."""
    build_from_outline(essay_store, DEFAULT_OUTLINE, "Default", marking="UNCLASSIFIED")
    templates.add_template(essay_store, pandoc_reference, "pandoc")
    templates.set_deck_template(essay_store, "Default", "pandoc")
    laid, _ = laid_out(essay_store, "Default")
    _, match = templates.stored_deck_template(essay_store, "Default")
    date_ph = next(p for p in match.choice("argument").layout.placeholders if p.type == "dt")
    numbered = [s for s in laid.slides if any(b.name == "SlideNumber" for b in s.boxes)]
    assert numbered and laid.date_label
    for slide in numbered:
        by_name = {b.name: b for b in slide.boxes}
        date, title = by_name["DeckDate"], by_name["DeckTitle"]
        assert isinstance(date, TextBox) and isinstance(title, TextBox)
        assert "".join(r.text for ln in date.paragraphs[0].lines for r in ln.runs) == (
            laid.date_label
        )
        assert date_ph.x - 0.5 <= date.x and date.x + date.w <= date_ph.x + date_ph.w + 0.5
        assert date.x + date.w < title.x  # the deck title starts after the date
        assert date.y == title.y
    pdf = export_deck(essay_store, "Default", "pdf", tmp_path / "pandoc.pdf").path
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    assert text.count(laid.date_label) >= len(numbered)
    pptx = export_deck(essay_store, "Default", "pptx", tmp_path / "pandoc.pptx").path
    with zipfile.ZipFile(pptx) as z:
        layouts = [n for n in z.namelist() if re.match(r"ppt/slideLayouts/slideLayout\d+\.xml$", n)]
        assert any(f"<a:t>{laid.date_label}</a:t>".encode() in z.read(n) for n in layouts)


def test_damaged_or_unusual_values_draw_what_they_can_and_never_fail() -> None:
    """A custom geometry whose points name guides ("r", "b"), a style reference whose index
    is not a number, a colour that is not hex, a gradient with no stops, text sizes and
    levels that are not numbers: each shape is drawn as far as it can be, none stops the
    export."""
    odd = (
        shape(
            "Guides",
            10,
            10,
            100,
            50,
            '<a:custGeom><a:pathLst><a:path w="100" h="100"><a:moveTo><a:pt x="l" y="t"/>'
            '</a:moveTo><a:lnTo><a:pt x="r" y="t"/></a:lnTo><a:lnTo><a:pt x="50" y="b"/>'
            "</a:lnTo><a:close/></a:path></a:pathLst></a:custGeom>"
            '<a:solidFill><a:srgbClr val="zzzzzz"/></a:solidFill>',
        )
        + shape(
            "NoStops",
            200,
            10,
            100,
            50,
            '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:gradFill><a:gsLst/>'
            '<a:lin ang="x"/></a:gradFill>',
        )
        + '<p:sp><p:nvSpPr><p:cNvPr id="950" name="Styled"/><p:cNvSpPr/><p:nvPr/></p:nvSpPr>'
        '<p:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="12700" cy="12700"/></a:xfrm>'
        '<a:prstGeom prst="ellipse"><a:avLst/></a:prstGeom></p:spPr><p:style>'
        '<a:lnRef idx="two"><a:schemeClr val="accent1"/></a:lnRef><a:fillRef idx="NaN">'
        '<a:schemeClr val="accent1"/></a:fillRef><a:effectRef idx="0"/><a:fontRef idx="minor"/>'
        "</p:style></p:sp>"
        + shape(
            "Words",
            400,
            10,
            200,
            50,
            '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/>',
            text_body(
                '<a:p><a:pPr lvl="x"/><a:r><a:rPr lang="en-GB" sz="big"/>'
                "<a:t>Still set</a:t></a:r></a:p>"
            ),
        )
    )
    package, match = small_template(shapes=odd)
    art = _art(package, match)
    words = next(b for b in art if b.name == ART_PREFIX + "Words")
    assert isinstance(words, TextBox)
    run = words.paragraphs[0].lines[0].runs[0]
    assert (run.text, run.style.size) == ("Still set", 18.0)  # PowerPoint's default size
    assert not any(b.name == ART_PREFIX + "Guides" for b in art)  # no colour: no fill


def test_a_sharp_shadow_is_drawn_under_its_shape_and_a_soft_one_left_out() -> None:
    def card(name: str, blur: int) -> str:
        return shape(
            name,
            100,
            100,
            200,
            100,
            '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:solidFill><a:srgbClr '
            'val="FFFFFF"/></a:solidFill><a:effectLst><a:outerShdw dist="101600" '
            f'dir="2700000" blurRad="{blur}"><a:srgbClr val="000000"><a:alpha val="50000"/>'
            "</a:srgbClr></a:outerShdw></a:effectLst>",
        )

    package, match = small_template(shapes=card("Sharp", 0) + card("Soft", 50800))
    names = [b.name for b in _art(package, match)]
    sharp = names.index(ART_PREFIX + "Sharp")
    assert names[sharp - 1] == ART_PREFIX + "Sharp shadow"  # beneath the card
    assert ART_PREFIX + "Soft shadow" not in names and ART_PREFIX + "Soft" in names
    shadow = _art(package, match)[sharp - 1]
    assert isinstance(shadow, PathBox) and (shadow.fill, shadow.opacity) == ("000000", 0.5)
    xs = [p[0] for p in shadow.rings[0]]
    ys = [p[1] for p in shadow.rings[0]]
    offset = 8 / 2**0.5  # 8 pt at 45 degrees, down and to the right
    assert (min(xs), min(ys)) == pytest.approx((100 + offset, 100 + offset))


def test_a_templates_graphics_are_one_form_in_the_pdf_drawn_on_every_page(
    tmp_path: Path,
) -> None:
    """The same art behind every slide of a layout is written once and placed on each
    page (a smaller file); each page still shows it."""
    band = (
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>'
        '<a:solidFill><a:srgbClr val="C00000"/></a:solidFill>'
    )
    package, match = small_template(shapes=shape("Band", 0, 500, 960, 40, band))
    look = TemplateLook(package, match)
    slides = tuple(
        look.finish(LaidSlide(n, f"Slide {n}", (), layout="argument")) for n in range(1, 4)
    )
    pdf = render_pdf(LaidDeck("t", "", "", slides), tmp_path / "forms.pdf")
    assert pdf.read_bytes().count(b"/Subtype /Form") == 1
    subprocess.run(
        ["pdftoppm", "-r", "20", "-png", str(pdf), str(tmp_path / "page")], check=True, timeout=60
    )
    for page in sorted(tmp_path.glob("page-*.png")):
        image = Image.open(page).convert("RGB")
        assert _near(image.getpixel((image.width // 2, round(image.height * 520 / 540))), "C00000")


# The master's title placeholder filled 60 % pale yellow: our layouts' title placeholders
# say no fill of their own, so they inherit it, and so does a slide's.
_FILLED_TITLE = {
    r'(type="title"/></p:nvPr></p:nvSpPr><p:spPr>.*?</a:prstGeom>)': r"\1<a:solidFill>"
    r'<a:srgbClr val="FFE699"><a:alpha val="60000"/></a:srgbClr></a:solidFill>'
}


def test_a_placeholders_inherited_fill_is_drawn_behind_the_text_in_it(
    essay_store, tmp_path: Path
) -> None:
    """PowerPoint draws a slide placeholder's fill, inherited from its layout or master,
    behind the text in it: the PDF draws it in the title's frame, right under the title;
    the PPTX's title placeholder says no fill of its own, so it inherits that one."""
    source = tmp_path / "filled.pptx"
    source.write_bytes(small_template_bytes(master=_FILLED_TITLE))
    build_from_outline(essay_store, DEFAULT_OUTLINE, "Default", marking="UNCLASSIFIED")
    templates.add_template(essay_store, source, "filled")
    templates.set_deck_template(essay_store, "Default", "filled")
    laid, _ = laid_out(essay_store, "Default")
    for slide in laid.slides:
        boxes = list(slide.boxes)
        title = next(b for b in boxes if isinstance(b, TextBox) and b.name == "Title")
        fill = boxes[boxes.index(title) - 1]
        assert isinstance(fill, RectBox) and fill.name == PLACEHOLDER_FILL + "Title"
        assert (fill.x, fill.y, fill.w, fill.h) == (title.x, title.y, title.w, title.h)
        assert (fill.fill, fill.opacity) == ("FFE699", 0.6)
        # only the title's placeholder is filled
        assert sum(b.name.startswith(PLACEHOLDER_FILL) for b in boxes) == 1
    pptx = export_deck(essay_store, "Default", "pptx", tmp_path / "filled-out.pptx").path
    with zipfile.ZipFile(pptx) as z:
        slide_xml = z.read("ppt/slides/slide2.xml").decode()
    title_sp = re.search(r'<p:sp>(?:(?!</p:sp>).)*?<p:ph type="title"/>.*?</p:sp>', slide_xml)
    assert title_sp is not None
    sp_pr = re.search(r"<p:spPr>.*?</p:spPr>", title_sp.group(0))
    assert sp_pr is not None and "Fill" not in sp_pr.group(0)  # inherits the fill
    assert PLACEHOLDER_FILL not in slide_xml  # the fill is the placeholder's, not a shape


def test_typed_text_that_looks_like_a_prompt_is_named_once() -> None:
    """A plain text box typed "<footer>" is drawn on every slide by PowerPoint: `template
    check` names it once. A field (a slide number showing "<#>") and a placeholder's
    prompt are not typed text of a text box."""
    rect = '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/>'
    typed = text_body('<a:p><a:r><a:rPr lang="en-GB"/><a:t>&lt;footer&gt;</a:t></a:r></a:p>')
    field = text_body(
        '<a:p><a:fld id="{00000000-0000-0000-0000-000000000009}" type="slidenum">'
        '<a:rPr lang="en-GB"/><a:t>&lt;#&gt;</a:t></a:fld></a:p>'
    )
    shapes = shape("Typed", 40, 500, 200, 20, rect, typed) + shape(
        "Num", 800, 500, 60, 20, rect, field
    )
    package, match = small_template(shapes=shapes)
    found = typed_prompts(package, match)
    assert len(found) == 1 and "'<footer>'" in found[0]
    package, match = small_template()  # ours: its prompts are placeholders'
    assert typed_prompts(package, match) == []


def test_a_picture_shape_flipped_and_turned_is_drawn_as_it_lies(tmp_path: Path) -> None:
    """A picture shape turned a quarter (LibreOffice writes Freshes' watercolour as a tall
    picture flipped and turned 270 degrees) covers the page where it lies turned: across
    the top, not standing in the middle as it would unturned."""
    pic = (
        '<p:pic><p:nvPicPr><p:cNvPr id="960" name="Turned"/><p:cNvPicPr/><p:nvPr/></p:nvPicPr>'
        '<p:blipFill><a:blip r:embed="rIdTurned"/><a:stretch><a:fillRect/></a:stretch>'
        '</p:blipFill><p:spPr><a:xfrm flipH="1" rot="16200000">'
        f'<a:off x="{420 * 12700}" y="{-420 * 12700}"/><a:ext cx="{120 * 12700}" '
        f'cy="{960 * 12700}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom>'
        "</p:spPr></p:pic>"
    )
    png = io.BytesIO()
    Image.new("RGB", (12, 96), (200, 0, 0)).save(png, "PNG")
    source = zipfile.ZipFile(io.BytesIO(small_template_bytes(shapes=pic)))
    out = io.BytesIO()
    rels = "ppt/slideMasters/_rels/slideMaster1.xml.rels"
    with zipfile.ZipFile(out, "w") as dst:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == rels:
                data = data.replace(
                    b"</Relationships>",
                    b'<Relationship Id="rIdTurned" Type="http://schemas.openxmlformats.org/'
                    b'officeDocument/2006/relationships/image" Target="../media/turned.png"/>'
                    b"</Relationships>",
                )
            elif info.filename == "[Content_Types].xml" and b'Extension="png"' not in data:
                data = data.replace(
                    b"<Default Extension",
                    b'<Default Extension="png" ContentType="image/png"/><Default Extension',
                    1,
                )
            dst.writestr(info, data)
        dst.writestr("ppt/media/turned.png", png.getvalue())
    package = read_template_bytes(out.getvalue(), "turned.pptx")
    match = match_template(inspect_package(package))
    art = _art(package, match)
    turned = next(b for b in art if b.name == ART_PREFIX + "Turned")
    assert (turned.x, turned.y, turned.w, turned.h) == pytest.approx((0, 0, 960, 120), abs=0.5)
    slide = LaidSlide(1, "t", tuple(art), width=match.info.width, height=match.info.height)
    top_left, top_right, middle = _pixels(slide, tmp_path, [(40, 60), (920, 60), (480, 300)])
    assert _near(top_left, "C80000", 30) and _near(top_right, "C80000", 30)
    assert not _near(middle, "C80000", 30)
