"""The canvas painter draws a template's art list as the PDF draws it: gradient
background, translucent radial fill, theme-coloured shapes and static text."""

from __future__ import annotations

import math
import subprocess
from dataclasses import replace
from pathlib import Path

from PIL import Image
from small_templates import shape, small_template, static_text_shapes

from briefing_app.gui.painter import render_image
from briefing_app.layout.boxes import LaidDeck, LaidSlide, PictureBox, RuleBox
from briefing_app.render.pdf_renderer import render_pdf
from briefing_app.templates.art import TemplateLook

WIDTH = 480  # pixels of both renderings


def _art_slide() -> LaidSlide:
    background = (
        '<p:bg><p:bgPr><a:gradFill><a:gsLst><a:gs pos="0"><a:srgbClr val="1F3864"/></a:gs>'
        '<a:gs pos="100000"><a:srgbClr val="F60063"/></a:gs></a:gsLst><a:lin ang="2700000"/>'
        "</a:gradFill><a:effectLst/></p:bgPr></p:bg>"
    )
    glow = (
        '<a:prstGeom prst="ellipse"><a:avLst/></a:prstGeom><a:gradFill><a:gsLst>'
        '<a:gs pos="0"><a:srgbClr val="FFFFFF"><a:alpha val="90000"/></a:srgbClr></a:gs>'
        '<a:gs pos="100000"><a:srgbClr val="FFFF00"><a:alpha val="30000"/></a:srgbClr></a:gs>'
        '</a:gsLst><a:path path="circle"><a:fillToRect l="30000" t="30000" r="70000" '
        'b="70000"/></a:path></a:gradFill>'
    )
    band = (
        '<a:prstGeom prst="roundRect"><a:avLst/></a:prstGeom><a:solidFill>'
        '<a:schemeClr val="accent1"><a:lumMod val="60000"/><a:lumOff val="40000"/>'
        '<a:alpha val="60000"/></a:schemeClr></a:solidFill>'
    )
    shapes = shape("Glow", 500, 150, 300, 300, glow) + shape("Band", 100, 380, 400, 60, band)
    package, match = small_template(background, shapes + static_text_shapes(1800))
    look = TemplateLook(package, match)
    slide = look.finish(LaidSlide(3, "Art", (), layout="argument"), "2 December 2026")
    # Our master's hairline rules are left out: poppler draws a line thinner than a pixel
    # one full pixel wide, Qt as a faint anti-aliased one (a rasteriser's choice, not ours).
    return replace(slide, boxes=tuple(b for b in slide.boxes if not isinstance(b, RuleBox)))


def test_the_painter_draws_a_templates_art_as_the_pdf_does(qapp, tmp_path: Path) -> None:
    slide = _art_slide()
    qt = render_image(slide, WIDTH)
    qt.save(str(tmp_path / "qt.png"))
    pdf = render_pdf(LaidDeck("t", "", "", (slide,)), tmp_path / "art.pdf")
    subprocess.run(
        ["pdftoppm", "-png", "-singlefile", "-scale-to-x", str(WIDTH), "-scale-to-y", "-1",
         str(pdf), str(tmp_path / "pdf")],
        check=True,
        timeout=60,
    )  # fmt: skip
    a = Image.open(tmp_path / "qt.png").convert("RGB")
    b = Image.open(tmp_path / "pdf.png").convert("RGB").resize(a.size)
    pa, pb = a.load(), b.load()
    # Anti-aliased edges of shapes and glyphs differ by a pixel between the two
    # rasterisers; everywhere else the colours agree within rounding.
    far = sum(
        1
        for x in range(a.width)
        for y in range(a.height)
        if max(abs(c - d) for c, d in zip(pa[x, y], pb[x, y], strict=True)) > 24
    )
    assert far <= 0.01 * a.width * a.height
    # and the art is there, not two blank pages agreeing: the glow, the band, the text
    assert pa[round(WIDTH * 650 / 960), round(WIDTH * 300 / 960)] != pa[5, 5]


def test_a_picture_clipped_to_a_shape_is_drawn_as_the_pdf_draws_it(qapp, tmp_path: Path) -> None:
    """A template shape filled with a picture: the picture drawn only inside the shape's
    outline (an ellipse here), by the canvas as by the PDF."""
    picture = tmp_path / "stripes.png"
    stripes = Image.new("RGB", (40, 40), "#1F3864")
    for x in range(0, 40, 8):
        stripes.paste((246, 0, 99), (x, 0, x + 4, 40))
    stripes.save(picture)
    ellipse = tuple(
        (300 + 200 * math.cos(2 * math.pi * k / 64), 270 + 150 * math.sin(2 * math.pi * k / 64))
        for k in range(64)
    )
    box = PictureBox(100, 120, 400, 300, str(picture), "Template art: filled", clip=(ellipse,))
    slide = LaidSlide(1, "Picture fill", (box,))
    qt = render_image(slide, WIDTH)
    qt.save(str(tmp_path / "qt.png"))
    pdf = render_pdf(LaidDeck("t", "", "", (slide,)), tmp_path / "fill.pdf")
    subprocess.run(
        ["pdftoppm", "-png", "-singlefile", "-scale-to-x", str(WIDTH), "-scale-to-y", "-1",
         str(pdf), str(tmp_path / "pdf")],
        check=True,
        timeout=60,
    )  # fmt: skip
    a = Image.open(tmp_path / "qt.png").convert("RGB")
    b = Image.open(tmp_path / "pdf.png").convert("RGB").resize(a.size)
    k = WIDTH / slide.width
    for image in (a, b):
        assert image.getpixel((round(110 * k), round(130 * k))) == (255, 255, 255)  # clipped
        assert image.getpixel((round(300 * k), round(270 * k))) != (255, 255, 255)  # drawn
    pa, pb = a.load(), b.load()
    far = sum(
        1
        for x in range(a.width)
        for y in range(a.height)
        if max(abs(c - d) for c, d in zip(pa[x, y], pb[x, y], strict=True)) > 48
    )
    assert far <= 0.02 * a.width * a.height
