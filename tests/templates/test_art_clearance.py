"""Our text keeps clear of a house template's graphics: in LibreOffice's Vintage a long
title once ran under the red ribbon baked into its background picture, in Piano the
map's caption and the sources line crossed the row of notes over its footer band, in
Focus titles and bullets ran across its coloured wedges. Where our frames meet art that
stands out from the page they go beside or above it; art a frame lies wholly on (a
title on the band drawn for it) stays its backdrop."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest

from briefing_app.deck.outline import DEFAULT_OUTLINE, build_from_outline
from briefing_app.deck.preview import preview_deck
from briefing_app.layout.boxes import LaidDeck, TextBox
from briefing_app.layout.chrome import Ctx
from briefing_app.layout.content import DeckContent
from briefing_app.layout.engine import deck_theme, finish_page, layout_slide
from briefing_app.layout.keepout import in_the_way
from briefing_app.layout.layouts.section import SectionContent
from briefing_app.layout.layouts.title import TitleContent
from briefing_app.layout.wrap import Frame
from briefing_app.render.export import laid_out
from briefing_app.services import decks, templates
from briefing_app.services.bootstrap import open_prepared
from briefing_app.templates.art import ART_PREFIX, TemplateLook
from briefing_app.templates.backdrop import backdrop_at, contrast, rgb
from briefing_app.templates.keepout import art_outlines
from briefing_app.templates.package import read_template_bytes

from .conftest import _presnt_dir

MARKING = "OFFICIAL-SENSITIVE"
NAMES = ("Beehive", "Blue_Curve", "Focus", "Lights", "Midnightblue", "Piano", "Sunset",
         "Vintage", "pandoc")  # fmt: skip
# Besides the session's templates: Lights' static "<date/time>" text in its footer,
# Sunset's tilted card whose border crosses the footer line.
MORE = ("Lights", "Sunset")


@pytest.fixture(scope="module")
def more_templates(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    source = _presnt_dir()
    if shutil.which("soffice") is None or source is None:
        pytest.skip("LibreOffice and its Impress templates are not installed")
    out = tmp_path_factory.mktemp("lo-more")
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{out / 'profile'}", "--headless",
         "--convert-to", "pptx", "--outdir", str(out),
         *(str(source / f"{name}.otp") for name in MORE)],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    return {name: out / f"{name}.pptx" for name in MORE}


@pytest.fixture(scope="module")
def exported(
    tmp_path_factory: pytest.TempPathFactory,
    libreoffice_templates: dict[str, Path],
    more_templates: dict[str, Path],
    pandoc_reference: Path,
) -> dict[tuple[str, bool], tuple[LaidDeck, TemplateLook]]:
    """The default briefing with its parts, marked and not, laid out in each template."""
    work = tmp_path_factory.mktemp("art-clearance")
    store = open_prepared(str(work / "essay.sqlite"))
    files = {**libreoffice_templates, **more_templates, "pandoc": pandoc_reference}
    out: dict[tuple[str, bool], tuple[LaidDeck, TemplateLook]] = {}
    try:
        build_from_outline(store, DEFAULT_OUTLINE, "Marked", marking=MARKING)
        build_from_outline(store, DEFAULT_OUTLINE, "Plain")
        for name in NAMES:
            templates.add_template(store, files[name], name)
            for deck, marked in (("Marked", True), ("Plain", False)):
                templates.set_deck_template(store, deck, name)
                stored = templates.stored_deck_template(store, deck)
                assert stored is not None
                out[name, marked] = (laid_out(store, deck)[0], TemplateLook(*stored))
    finally:
        store.close()
    return out


def _lines(box: TextBox, k: float) -> list[tuple[Frame, str]]:
    """Each drawn line of ``box`` as a frame in layout points, with its text."""
    out = []
    for paragraph in box.paragraphs:
        for ln in paragraph.lines:
            if ln.width > 0:
                top, height = (ln.baseline - ln.ascent) / k, (ln.ascent + ln.descent) / k
                out.append(
                    (Frame(ln.x / k, top, ln.width / k, height), "".join(r.text for r in ln.runs))
                )
    return out


@pytest.mark.parametrize("marked", [True, False], ids=["marked", "unmarked"])
@pytest.mark.parametrize("name", NAMES)
def test_no_line_of_ours_runs_into_the_templates_graphics(
    exported: dict[tuple[str, bool], tuple[LaidDeck, TemplateLook]], name: str, marked: bool
) -> None:
    """Every line of our text (titles, bullets, captions, sources, tracker, footer line)
    against the art of the template layout its slide uses: clear of it, or on it as on
    its frame's backdrop; and on the page."""
    laid, look = exported[name, marked]
    k = look.scale
    found = []
    for slide in laid.slides:
        art = art_outlines(look.art_for(slide.layout), look.page, k)
        for box in slide.boxes:
            if not isinstance(box, TextBox) or box.name.startswith((ART_PREFIX, "Marking")):
                continue
            for line, text in _lines(box, k):
                assert line.x >= -0.5 and line.x + line.w <= 960.5, (slide.number, text)
                assert line.y >= -0.5 and line.bottom <= slide.height / k + 0.5
                if any(in_the_way(outline, line) is not None for outline in art):
                    found.append((slide.number, box.name, text[:40]))
    assert not found, found


def test_vintage_titles_wrap_before_the_ribbon_in_its_background_picture(
    exported: dict[tuple[str, bool], tuple[LaidDeck, TemplateLook]],
) -> None:
    """The ribbon is part of Vintage's full-page background picture: found by what the
    picture shows, and every title line ends left of it."""
    laid, look = exported["Vintage", True]
    k = look.scale
    art = look.art_for("argument")
    outlines = art_outlines(art, look.page, k)
    # hanging from the top edge in the right quarter, longer than a title line is tall
    ribbons = [
        o
        for o in outlines
        if min(x for x, _ in o) > 720 and min(y for _, y in o) < 5 and max(y for _, y in o) > 80
    ]
    assert len(ribbons) == 1, outlines
    ribbon_x = min(x for x, _ in ribbons[0])
    titles = 0
    for slide in laid.slides:
        for box in slide.boxes:
            if isinstance(box, TextBox) and box.name == "Title" and slide.layout != "title":
                titles += 1
                for line, text in _lines(box, k):
                    assert line.x + line.w <= ribbon_x, (slide.number, text)
    assert titles >= 10


@pytest.mark.parametrize("marked", [True, False], ids=["marked", "unmarked"])
def test_piano_map_caption_and_sources_stay_above_its_notes(
    exported: dict[tuple[str, bool], tuple[LaidDeck, TemplateLook]], marked: bool
) -> None:
    """Piano's row of notes (a picture with transparency over its footer band, the small
    ones too): the map slide's caption and every sources line keep clear of them."""
    laid, look = exported["Piano", marked]
    k = look.scale
    notes = [
        o
        for o in art_outlines(look.art_for("map"), look.page, k)
        if min(y for _, y in o) > 300 and max(y for _, y in o) < 500
    ]
    assert notes
    checked = 0
    for slide in laid.slides:
        for box in slide.boxes:
            if not isinstance(box, TextBox) or box.name not in ("Caption", "Footer"):
                continue
            for line, text in _lines(box, k):
                checked += 1
                for o in notes:
                    assert in_the_way(o, line) is None, (slide.number, box.name, text)
    assert checked >= 10


@pytest.mark.parametrize("marked", [True, False], ids=["marked", "unmarked"])
def test_midnightblue_numbers_its_slides_in_its_own_disc(
    exported: dict[tuple[str, bool], tuple[LaidDeck, TemplateLook]], marked: bool
) -> None:
    """Midnightblue shows the slide number in a disc of its own art: an unmarked deck
    leaves the number to it (ours would run across the disc); where our marking band
    hides half the disc, ours stays, beside the disc."""
    laid, look = exported["Midnightblue", marked]
    assert look.theme.number_box is not None
    numbers = [b for s in laid.slides for b in s.boxes if b.name == "SlideNumber"]
    assert len(numbers) == (len(laid.slides) if marked else 0)
    # each slide still shows its number: the template's, laid out for that slide
    for slide in laid.slides:
        shown = [
            "".join(r.text for p in b.paragraphs for ln in p.lines for r in ln.runs)
            for b in slide.boxes
            if isinstance(b, TextBox) and b.name.startswith(ART_PREFIX)
        ]
        assert str(slide.number) in shown


LONG = ("Joseph's Balkan route to a Ukraine ceasefire rests on four demanding conditions "
        "and a signing in Washington")  # fmt: skip


@pytest.mark.parametrize("name", NAMES)
def test_cover_and_section_text_keeps_clear_of_the_art(
    libreoffice_templates: dict[str, Path],
    more_templates: dict[str, Path],
    pandoc_reference: Path,
    name: str,
) -> None:
    """A cover and a section divider with long titles and subtitles, marked and not: our
    fixed frames for them go below a band (Midnightblue's dark top band once cut through
    an unmarked section title's first line) and beside other art."""
    path = {**libreoffice_templates, **more_templates, "pandoc": pandoc_reference}[name]
    package = read_template_bytes(Path(path).read_bytes(), Path(path).name)
    look = TemplateLook(package, templates.analyse(package)[1])
    k = look.scale
    found = []
    for marking in (MARKING, ""):
        deck = DeckContent(title=LONG, subtitle=LONG, author="Policy unit",
                           date_label="2 December 2026", marking=marking)  # fmt: skip
        ctx = Ctx(deck_theme(look.theme, deck), deck)
        for content in (TitleContent(title=LONG), SectionContent(title=LONG, subtitle=LONG)):
            for page in layout_slide(content, ctx):
                laid = look.finish(finish_page(page, 1, ctx))
                art = art_outlines(look.art_for(laid.layout), look.page, k)
                for box in laid.boxes:
                    if not isinstance(box, TextBox) or box.name.startswith((ART_PREFIX, "Marking")):
                        continue
                    for line, text in _lines(box, k):
                        if any(in_the_way(o, line) is not None for o in art):
                            found.append((bool(marking), laid.layout, box.name, text[:40]))
    assert not found, found


def test_the_canvas_offers_an_untitled_slides_title_where_the_template_puts_it(
    tmp_path: Path, libreoffice_templates: dict[str, Path]
) -> None:
    """The click target for an untitled slide's title on the app's canvas: the house
    template's title frame on its page (Vintage's, beside the ribbon), not our own
    template's frame on a page of another size."""
    store = open_prepared(str(tmp_path / "essay.sqlite"))
    try:
        build_from_outline(store, DEFAULT_OUTLINE, "Default", marking=MARKING)
        templates.add_template(store, libreoffice_templates["Vintage"], "Vintage")
        templates.set_deck_template(store, "Default", "Vintage")
        added = decks.add_slide(store, "Default", "argument")
        stored = templates.stored_deck_template(store, "Default")
        assert stored is not None
        look = TemplateLook(*stored)
        slide = preview_deck(store, "Default").slide(added.id)
        assert slide is not None
        region = slide.region_for("title")
        assert region is not None
        k = look.scale
        frame = replace(look.theme, tracker=True).for_layout("argument").title_frame(True)
        assert region.x == pytest.approx(frame.x * k)
        assert region.x + region.w == pytest.approx((frame.x + frame.w) * k)
        ribbon_x = min(
            min(x for x, _ in o)
            for o in art_outlines(look.art_for("argument"), look.page, k)
            if min(x for x, _ in o) > 720 and min(y for _, y in o) < 5 and max(y for _, y in o) > 80
        )
        assert region.x + region.w <= ribbon_x * k
        assert region.y + region.h <= slide.first.height
    finally:
        store.close()


@pytest.mark.parametrize("marked", [True, False], ids=["marked", "unmarked"])
@pytest.mark.parametrize("name", NAMES)
def test_the_footer_and_sources_lines_can_be_read_on_the_art_beneath(
    exported: dict[tuple[str, bool], tuple[LaidDeck, TemplateLook]], name: str, marked: bool
) -> None:
    """Our small footer text on a template's dark band (Piano's black one, Midnightblue's
    navy one) was grey on black; sampled along each line, it reaches WCAG's 4.5:1 against
    what is drawn beneath it, the template's art and our own boxes before it."""
    laid, _ = exported[name, marked]
    worst = []
    for slide in laid.slides:
        boxes = list(slide.boxes)
        for box in boxes:
            if not isinstance(box, TextBox) or box.name not in FOOTER_TEXT:
                continue
            beneath = tuple(boxes[: boxes.index(box)])
            for paragraph in box.paragraphs:
                for line in paragraph.lines:
                    color = rgb(line.runs[0].style.color)
                    y = line.baseline - line.ascent / 3
                    ratios = [
                        contrast(
                            color, backdrop_at(beneath, line.x + (i + 0.5) * line.width / 12, y)
                        )
                        for i in range(12)
                    ]
                    worst.append((min(ratios), slide.number, box.name))
    assert min(worst)[0] >= 4.5, min(worst)


FOOTER_TEXT = ("Footer", "DeckDate", "DeckTitle", "SlideNumber")


@pytest.mark.parametrize("marked", [True, False], ids=["marked", "unmarked"])
@pytest.mark.parametrize("name", NAMES)
def test_no_line_of_ours_crosses_the_templates_own_text(
    exported: dict[tuple[str, bool], tuple[LaidDeck, TemplateLook]], name: str, marked: bool
) -> None:
    """The template's static text drawn on each slide (Lights' "<date/time>" in its
    footer, which our deck date once ran across) against our lines, on the page."""
    laid, _ = exported[name, marked]
    found = []
    for slide in laid.slides:
        theirs: list[tuple[Frame, str]] = []
        ours: list[tuple[Frame, str]] = []
        for box in slide.boxes:
            if isinstance(box, TextBox) and not box.name.startswith("Marking"):
                (theirs if box.name.startswith(ART_PREFIX) else ours).extend(_lines(box, 1.0))
        for line, text in ours:
            for other, words in theirs:
                if words.strip() and _overlap(line, other) > 1.0:
                    found.append((slide.number, text[:30], words[:30]))
    assert not found, found


def _overlap(a: Frame, b: Frame) -> float:
    w = min(a.x + a.w, b.x + b.w) - max(a.x, b.x)
    h = min(a.bottom, b.bottom) - max(a.y, b.y)
    return w * h if w > 0 and h > 0 else 0.0
