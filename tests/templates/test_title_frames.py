"""In a house template the title stays in the template's own title frame, on the art drawn
for it: LibreOffice's Blue_Curve sets white titles on a blue band at the top of its
content master, Piano on a black one. A marked deck with an agenda tracker (the default
briefing) once had its titles pushed below the band, white on white; the marking and the
tracker now take room that leaves the title where the template puts it."""

from __future__ import annotations

import statistics
from pathlib import Path

import pytest
from pptx import Presentation

from briefing_app.deck.outline import DEFAULT_OUTLINE, build_from_outline
from briefing_app.layout.boxes import TextBox
from briefing_app.layout.tracker import TRACKER_NAME
from briefing_app.render.export import export_deck, laid_out
from briefing_app.services import templates
from briefing_app.services.bootstrap import open_prepared
from briefing_app.templates.backdrop import backdrop_at, contrast, rgb

MARKING = "OFFICIAL-SENSITIVE"
EMU = 12700  # per point
NOT_CONTENT = ("title", "section")


@pytest.fixture(scope="module")
def exported(
    tmp_path_factory: pytest.TempPathFactory, libreoffice_templates: dict[str, Path]
) -> dict[str, tuple[Path, object]]:
    """The default briefing, marked and with its parts, in Blue_Curve and Piano."""
    work = tmp_path_factory.mktemp("title-frames")
    store = open_prepared(str(work / "essay.sqlite"))
    out: dict[str, tuple[Path, object]] = {}
    try:
        build_from_outline(store, DEFAULT_OUTLINE, "Default", marking=MARKING)
        for name in ("Blue_Curve", "Piano"):
            templates.add_template(store, libreoffice_templates[name], name)
            templates.set_deck_template(store, "Default", name)
            pptx = export_deck(store, "Default", "pptx", work / f"{name}.pptx").path
            laid, _ = laid_out(store, "Default")
            out[name] = (pptx, laid)
    finally:
        store.close()
    return out


@pytest.mark.parametrize("name", ["Blue_Curve", "Piano"])
def test_each_content_title_lies_inside_the_templates_title_frame(
    exported: dict[str, tuple[Path, object]], name: str
) -> None:
    pptx, laid = exported[name]
    prs = Presentation(str(pptx))
    content = [s.layout not in NOT_CONTENT for s in laid.slides]  # type: ignore[attr-defined]
    assert sum(content) >= 9
    for slide, is_content in zip(prs.slides, content, strict=True):
        if not is_content:
            continue
        title = slide.shapes.title
        frame = next(p for p in slide.slide_layout.placeholders if p.placeholder_format.idx == 0)
        tolerance = EMU // 2
        assert title.left >= frame.left - tolerance, slide.slide_id
        assert title.top >= frame.top - tolerance, slide.slide_id
        assert title.left + title.width <= frame.left + frame.width + tolerance
        assert title.top + title.height <= frame.top + frame.height + tolerance
        # the marking and the tracker take other room: nothing of ours overlaps the title
        for shape in slide.shapes:
            if shape.name.startswith(("Marking", TRACKER_NAME)):
                below = shape.top >= title.top + title.height - tolerance
                above = shape.top + shape.height <= title.top + tolerance
                assert below or above, (slide.slide_id, shape.name)


@pytest.mark.parametrize("name", ["Blue_Curve", "Piano"])
def test_each_content_title_contrasts_with_the_art_behind_it(
    exported: dict[str, tuple[Path, object]], name: str
) -> None:
    """Sampled along each title line, the (white) title against what is drawn beneath it
    (the template's art and our boxes before it): on the band, never on the white page.
    Blue_Curve's band is a light-to-dark blue gradient its designer put white titles on
    (about 1.8:1 at its light end); on white the contrast would be 1:1."""
    _, laid = exported[name]
    for slide in laid.slides:  # type: ignore[attr-defined]
        if slide.layout in NOT_CONTENT:
            continue
        boxes = list(slide.boxes)
        title = next(b for b in boxes if b.name == "Title")
        assert isinstance(title, TextBox)
        beneath = tuple(boxes[: boxes.index(title)])
        ratios = []
        for paragraph in title.paragraphs:
            for line in paragraph.lines:
                for run in line.runs:
                    assert run.style.color.upper() == "FFFFFF"  # the template's title colour
                top, bottom = line.baseline - line.ascent, line.baseline + line.descent
                for i in range(24):
                    x = line.x + (i + 0.5) * line.width / 24
                    for y in (top + 0.25 * (bottom - top), (top + bottom) / 2):
                        ratios.append(contrast(rgb("FFFFFF"), backdrop_at(beneath, x, y)))
        assert min(ratios) >= 1.5, (slide.number, min(ratios))
        assert statistics.median(ratios) >= 2.0, (slide.number, statistics.median(ratios))
