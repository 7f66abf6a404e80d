"""Our PDF draws a house template's master and layout graphics (backgrounds, gradients,
translucent shapes, pictures, static text and fields) as LibreOffice draws them from our
PPTX, page by page, for LibreOffice's own Impress templates and pandoc's reference.pptx.

Measured with :mod:`graphics_match`: both PDFs rasterised at 30 dpi and blurred over two
pixels; our own drawing (text, figures, rules, chrome) and the template's static text are
masked out; what is left is compared. The tolerances are what two renderers of the same
graphics differ by and nothing more:

- mean absolute difference at most ``MAX_MEAN`` levels of 255: LibreOffice draws a radial
  gradient as rings of flat colour whose anti-aliased seams darken it a little (Sunset,
  about 6); pictures are resampled differently (Vintage, about 1.5);
- at most ``MAX_FAR`` of the compared pixels a different colour (more than 64 levels off
  in a channel): anti-aliased edges of shapes that two rasterisers place a pixel apart
  (Blue_Curve's curve, about 1.3 %).

A page drawn without its template's graphics misses them by far more (checked below
for every template whose page is not plain white), so the measure sees what it is for.

Two parts are compared on their own, where they are: a placeholder's fill inherited
from its layout (inside the fill, only our text's lines masked), and shapes filled with
a picture (inside those shapes, on an empty slide per master, at 120 dpi since poppler
draws LibreOffice's tiled textures with aliasing at 30).
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import replace
from pathlib import Path
from typing import NamedTuple

import pytest
from graphics_match import (
    PageDiff,
    compare,
    is_picture_fill,
    picture_fill_mask,
    placeholder_fill_mask,
)
from line_match import libreoffice_pdfs
from pptx import Presentation

from briefing_app.deck.outline import DEFAULT_OUTLINE, build_from_outline
from briefing_app.layout.boxes import LaidDeck, LaidSlide
from briefing_app.render.export import export_deck, laid_out
from briefing_app.render.pdf_renderer import render_pdf
from briefing_app.services import templates
from briefing_app.services.bootstrap import open_prepared
from briefing_app.templates.art import ART_PREFIX, PLACEHOLDER_FILL, template_art
from briefing_app.templates.inspect import inspect_package
from briefing_app.templates.package import read_template_bytes

from .conftest import LIBREOFFICE_TEMPLATES, _presnt_dir

pytestmark = [
    pytest.mark.stress,
    pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed"),
]

MAX_MEAN = 8.0
MAX_FAR = 0.03
# Beyond the line-match templates: a linear gradient background with translucent
# radial-gradient discs and a radial glow whose stops fade from 90 % to 20 % opacity
# (Lights), and a radial gradient in a frame (Sunset).
GRADIENT_TEMPLATES = ("Lights", "Sunset")
# Placeholders whose layouts fill them (Nature_Illustration: half-white panels behind the
# title and each content placeholder): PowerPoint and LibreOffice draw that fill behind
# our text in the slide's placeholder, and so must we.
FILLED_PLACEHOLDERS = ("Nature_Illustration",)
MORE_TEMPLATES = (*GRADIENT_TEMPLATES, *FILLED_PLACEHOLDERS)
PLAIN_WHITE = {"pandoc"}  # a white page: nothing to miss


class Compared(NamedTuple):
    diffs: list[PageDiff]  # our PDF against LibreOffice's rendering of our PPTX
    control: list[PageDiff]  # our PDF without the template's art against the same
    ours: Path
    theirs: Path
    # inside the placeholder fills only: our PDF, and our PDF without those fills
    fills: tuple[PageDiff, ...] = ()
    fills_control: tuple[PageDiff, ...] = ()


@pytest.fixture(scope="module")
def more_templates(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    source = _presnt_dir()
    if source is None:
        pytest.skip("LibreOffice's Impress templates are not installed")
    out = tmp_path_factory.mktemp("lo-gradients")
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{out / 'profile'}", "--headless",
         "--convert-to", "pptx", "--outdir", str(out),
         *(str(source / f"{name}.otp") for name in MORE_TEMPLATES)],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    return {name: out / f"{name}.pptx" for name in MORE_TEMPLATES}


def _without(laid: LaidDeck, prefix: str) -> LaidDeck:
    """``laid`` without the boxes whose names start with ``prefix``."""
    return replace(
        laid,
        slides=tuple(
            replace(s, boxes=tuple(b for b in s.boxes if not b.name.startswith(prefix)))
            for s in laid.slides
        ),
    )


@pytest.fixture(scope="module")
def page_diffs(
    tmp_path_factory: pytest.TempPathFactory,
    libreoffice_templates: dict[str, Path],
    more_templates: dict[str, Path],
    pandoc_reference: Path,
) -> dict[str, Compared]:
    """Per template: our PDF against LibreOffice's of our PPTX, and (the control) our
    PDF drawn without the template's art against the same; and the two PDFs."""
    work = tmp_path_factory.mktemp("graphics-match")
    store = open_prepared(str(work / "essay.sqlite"))
    named = {**libreoffice_templates, **more_templates, "pandoc": pandoc_reference}
    exported: dict[str, tuple[Path, Path, Path, LaidDeck]] = {}
    try:
        build_from_outline(store, DEFAULT_OUTLINE, "Default", marking="UNCLASSIFIED")
        for name, source in named.items():
            templates.add_template(store, source, name)
            templates.set_deck_template(store, "Default", name)
            pptx = export_deck(store, "Default", "pptx", work / f"{name}.pptx").path
            pdf = export_deck(store, "Default", "pdf", work / f"{name}.pdf").path
            laid, _ = laid_out(store, "Default")
            control = render_pdf(_without(laid, ART_PREFIX), work / f"{name}-without-art.pdf")
            if name in FILLED_PLACEHOLDERS:
                unfilled = _without(laid, PLACEHOLDER_FILL)
                render_pdf(unfilled, work / f"{name}-without-fills.pdf")
            exported[name] = (pptx, pdf, control, laid)
    finally:
        store.close()
    rendered = libreoffice_pdfs(
        [pptx for pptx, *_ in exported.values()], work / "libreoffice", work / "profile"
    )
    out = {}
    for name, (pptx, pdf, control, laid) in exported.items():
        diffs = compare(pdf, rendered[pptx], laid)
        found = Compared(diffs, compare(control, rendered[pptx], laid), pdf, rendered[pptx])
        if name in FILLED_PLACEHOLDERS:
            without_fills = work / f"{name}-without-fills.pdf"
            found = found._replace(
                fills=tuple(compare(pdf, rendered[pptx], laid, placeholder_fill_mask)),
                fills_control=tuple(
                    compare(without_fills, rendered[pptx], laid, placeholder_fill_mask)
                ),
            )
            print(name, "fills:", "; ".join(str(d) for d in found.fills))
            print(name, "without:", "; ".join(str(d) for d in found.fills_control))
        out[name] = found
        print(name, "; ".join(str(d) for d in diffs))
    return out


NAMES = (*LIBREOFFICE_TEMPLATES, *MORE_TEMPLATES, "pandoc")


@pytest.mark.parametrize("name", NAMES)
def test_our_pdf_draws_the_templates_graphics_as_libreoffice_does(
    page_diffs: dict[str, Compared], name: str
) -> None:
    diffs = page_diffs[name].diffs
    assert len(diffs) >= 12  # every page of the default briefing
    for diff in diffs:
        assert diff.compared > 2000, diff  # enough of the page is left to compare
        assert diff.mean <= MAX_MEAN and diff.far <= MAX_FAR, f"{name} {diff}"


@pytest.mark.parametrize("name", [n for n in NAMES if n not in PLAIN_WHITE])
def test_a_page_without_its_templates_graphics_is_caught(
    page_diffs: dict[str, Compared], name: str
) -> None:
    control = page_diffs[name].control
    assert any(d.mean > 2 * MAX_MEAN or d.far > 2 * MAX_FAR for d in control), control


def test_static_text_of_a_master_is_drawn_as_libreoffice_draws_our_pptx(
    page_diffs: dict[str, Compared], more_templates: dict[str, Path]
) -> None:
    """Lights' content master holds, besides its date placeholder, a plain text box whose
    text is the literal "<date/time>" (LibreOffice's conversion writes a date field of a
    plain text frame so). A text box is not a placeholder: PowerPoint and LibreOffice draw
    it on every slide, and so do we; a placeholder's prompt text we never draw."""
    found = page_diffs["Lights"]

    def per_page(pdf: Path) -> list[int]:
        text = subprocess.run(
            ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout
        return [page.count("<date/time>") for page in text.split("\f") if page.strip()]

    ours, theirs = per_page(found.ours), per_page(found.theirs)
    assert ours == theirs and len(ours) >= 12
    assert all(n == 1 for n in ours)  # the text box's, never the placeholder's prompt
    # and `template check` says so, so the template's owner can take it out
    warnings = templates.check_template(more_templates["Lights"]).warnings
    assert any("'<date/time>'" in w and "as typed" in w for w in warnings), warnings


@pytest.mark.parametrize("name", FILLED_PLACEHOLDERS)
def test_a_placeholders_fill_from_its_layout_is_drawn_behind_our_text(
    page_diffs: dict[str, Compared], name: str
) -> None:
    """Compared only inside the placeholders' fills (our text lines masked out): our
    PDF agrees with LibreOffice's rendering of our PPTX, whose slide placeholders
    inherit the fill; the same PDF without the fills does not."""
    found = page_diffs[name]
    pages = [d for d in found.fills if d.compared > 500]
    assert len(pages) >= 10, found.fills  # the content slides have filled placeholders
    for diff in pages:
        assert diff.mean <= MAX_MEAN and diff.far <= MAX_FAR, f"{name} {diff}"
    # without the fills, most of those pages are caught. Our frames keep clear of the
    # template's trees and grass (layout.keepout), so the half-white panels lie on its
    # pale sky, where missing ones leave a few levels of difference, not the tolerance:
    # caught where that is several times what the pages differ by with the fills.
    with_fills = {d.page: d.mean for d in pages}
    caught = [
        d
        for d in found.fills_control
        if d.page in with_fills and d.mean > max(CONTROL_LEVELS, 4 * with_fills[d.page])
    ]
    assert len(caught) >= len(pages) // 2, found.fills_control


CONTROL_LEVELS = 2.0  # mean difference (of 255) a missing fill leaves at least


# Templates whose masters fill shapes with a picture (none of them the master our
# default briefing is set on): Grey_Elegant's dotted textures (a 7-pixel picture tiled)
# in circles, bars and puzzle pieces; Yellow_Idea's light bulb drawing.
PICTURE_FILLED = ("Grey_Elegant", "Yellow_Idea")
TEXTURE_DPI = 120  # LibreOffice tiles a texture as a PDF pattern, which poppler draws
# with aliasing at low resolutions (its dots come out as dark blobs or not at all)


def _one_empty_slide_per_master(source: Path, out: Path) -> None:
    """A copy of the template with one slide on the first layout of each master, its
    placeholders removed: LibreOffice draws just the master's and layout's graphics."""
    prs = Presentation(str(source))
    ids = prs.slides._sldIdLst
    for slide_id in list(ids):
        prs.part.drop_rel(slide_id.rId)
        ids.remove(slide_id)
    for master in prs.slide_masters:
        slide = prs.slides.add_slide(master.slide_layouts[0])
        for placeholder in list(slide.placeholders):
            placeholder._element.getparent().remove(placeholder._element)
    prs.save(str(out))


@pytest.fixture(scope="module")
def masters_compared(
    tmp_path_factory: pytest.TempPathFactory,
) -> dict[str, tuple[list[PageDiff], list[PageDiff]]]:
    """Per template: the art of each master's first layout as our PDF draws it against
    LibreOffice's rendering of an empty slide on it, inside the picture-filled shapes
    only; and the same without those pictures (the control)."""
    source = _presnt_dir()
    if source is None:
        pytest.skip("LibreOffice's Impress templates are not installed")
    work = tmp_path_factory.mktemp("picture-fills")
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{work / 'profile'}", "--headless",
         "--convert-to", "pptx", "--outdir", str(work / "templates"),
         *(str(source / f"{name}.otp") for name in PICTURE_FILLED)],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    slides = {}
    for name in PICTURE_FILLED:
        converted = work / "templates" / f"{name}.pptx"
        _one_empty_slide_per_master(converted, work / f"{name}.pptx")
        package = read_template_bytes(converted.read_bytes(), converted.name)
        info = inspect_package(package)
        page = (info.width, info.height)
        laid = LaidDeck(
            name, "", "",
            tuple(
                LaidSlide(n, name, template_art(package, info.layouts_of(m.index)[0].part, page),
                          width=page[0], height=page[1])
                for n, m in enumerate(info.masters, 1)
            ),
        )  # fmt: skip
        slides[name] = laid
        render_pdf(laid, work / f"{name}-ours.pdf")
        without = replace(
            laid,
            slides=tuple(
                replace(s, boxes=tuple(b for b in s.boxes if not is_picture_fill(b)))
                for s in laid.slides
            ),
        )
        render_pdf(without, work / f"{name}-without.pdf")
    rendered = libreoffice_pdfs(
        [work / f"{name}.pptx" for name in PICTURE_FILLED], work / "libreoffice", work / "profile"
    )
    out = {}
    for name, laid in slides.items():
        theirs = rendered[work / f"{name}.pptx"]
        ours = compare(work / f"{name}-ours.pdf", theirs, laid, picture_fill_mask, TEXTURE_DPI)
        control = compare(
            work / f"{name}-without.pdf", theirs, laid, picture_fill_mask, TEXTURE_DPI
        )
        print(name, "; ".join(str(d) for d in ours))
        print(name, "without:", "; ".join(str(d) for d in control))
        out[name] = (ours, control)
    return out


@pytest.mark.parametrize("name", PICTURE_FILLED)
def test_shapes_filled_with_a_picture_are_drawn_as_libreoffice_draws_them(
    masters_compared: dict[str, tuple[list[PageDiff], list[PageDiff]]], name: str
) -> None:
    ours, control = masters_compared[name]
    pages = [d for d in ours if d.compared > 50]
    assert pages, ours  # some master fills shapes with a picture
    for diff in pages:
        assert diff.mean <= MAX_MEAN and diff.far <= MAX_FAR, f"{name} {diff}"
    # without the pictures those regions are further off: by far for Grey_Elegant's
    # textures, a little for Yellow_Idea's bulb (a thin drawing over its own outline)
    assert sum(d.mean for d in control) > 2 * sum(d.mean for d in pages), control
