"""Every bundled map through the real PowerPoint and PDF renderers: vectors, not pictures."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from briefing_app.layout.boxes import PathBox
from briefing_app.maps.bundled import bundled_specs
from briefing_app.maps.compose import map_boxes
from briefing_app.render.pdf_renderer import render_pdf
from briefing_app.render.pptx_renderer import render_pptx

from ._helpers import FRAME, deck_of, pdf_streams

SPECS = {spec.key: spec for spec in bundled_specs()}


@pytest.mark.parametrize("key", sorted(SPECS))
def test_pptx_map_is_freeform_shapes(key: str, tmp_path: Path) -> None:
    boxes = map_boxes(SPECS[key], FRAME)
    path = render_pptx(deck_of(boxes), tmp_path / f"{key}.pptx")
    shapes = list(Presentation(str(path)).slides[0].shapes)
    assert not any(s.shape_type == MSO_SHAPE_TYPE.PICTURE for s in shapes)
    freeforms = {s.name for s in shapes if s.shape_type == MSO_SHAPE_TYPE.FREEFORM}
    features = {
        b.name
        for b in boxes
        if isinstance(b, PathBox) and not b.name.startswith(("Legend", "Locator", "Leader"))
    }
    assert features and features <= freeforms


@pytest.mark.parametrize("key", sorted(SPECS))
def test_pdf_map_is_vector(key: str, tmp_path: Path) -> None:
    path = render_pdf(deck_of(map_boxes(SPECS[key], FRAME)), tmp_path / f"{key}.pdf")
    data = path.read_bytes()
    assert b"/Subtype /Image" not in data and b"/Subtype/Image" not in data
    content = pdf_streams(data)
    assert content.count(b" l\n") + content.count(b" l ") > 500  # lineto operators
    assert b" m" in content and (b"f*" in content or b" f" in content)


@pytest.mark.stress
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed")
def test_pptx_maps_open_in_libreoffice(tmp_path: Path) -> None:
    deck_path = tmp_path / "maps.pptx"
    from briefing_app.layout.boxes import LaidDeck, LaidSlide

    slides = tuple(
        LaidSlide(i + 1, s.title, tuple(map_boxes(s, FRAME))) for i, s in enumerate(SPECS.values())
    )
    render_pptx(LaidDeck("Maps", "Tests", "Maps", slides), deck_path)
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{tmp_path}/lo",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(deck_path),
        ],
        check=True,
        capture_output=True,
        timeout=240,
    )
    pdf = tmp_path / "maps.pdf"
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    assert re.search(rf"^Pages:\s+{len(slides)}$", info.stdout, re.M)
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    for word in ("Donetsk", "SERBIA", "Leposavić", "RUSSIA", "Boundaries: Natural Earth"):
        assert word in text
