"""Open the produced PPTX in a real office suite (LibreOffice headless) and read it back."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from office_tools import libreoffice_to_pdf as _to_pdf

from briefing_app.render.pptx_renderer import render_pptx

from ._deck import sample_deck

pytestmark = [
    pytest.mark.stress,
    pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed"),
]


def test_pptx_opens_in_libreoffice(tmp_path: Path) -> None:
    deck = sample_deck(3)
    pdf = _to_pdf(render_pptx(deck, tmp_path / "deck.pptx"), tmp_path)
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    assert re.search(r"^Pages:\s+3$", info.stdout, re.M)
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    for name in ("Vučić", "Đukić", "Šekerinska", "Косово", "Донбас", "<script>&amp;"):
        assert name in text

    # Every laid-out line comes back as one line, at layout's x and baseline (±1 pt):
    # the soft breaks and the exact line spacing leave nothing for the viewer to decide.
    bbox = subprocess.run(
        ["pdftotext", "-f", "1", "-l", "1", "-bbox", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    words = [
        (float(x0), float(y0), float(y1), w)
        for x0, y0, y1, w in re.findall(
            r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]+)<', bbox
        )
    ]
    body = deck.slides[0].boxes[2]
    for par in body.paragraphs:
        for line in par.lines:
            first = line.runs[0].text.split()[0]
            hits = [w for w in words if w[3] == first and abs(w[0] - line.x) < 1.0]
            assert hits, f"line starting {first!r} not at x={line.x:.1f}"
            size = line.runs[0].style.size
            _, y0, y1, _ = min(hits, key=lambda w: abs(w[2] - 0.35 * size - line.baseline))
            # LibreOffice writes /Ascent 0 /Descent 0, so poppler's word box is its default
            # 0.95 em above and 0.35 em below the baseline.
            if abs((y1 - y0) / size - 1.30) > 0.02:
                pytest.skip("unexpected word-box convention; cannot locate baselines")
            assert y1 - 0.35 * size == pytest.approx(line.baseline, abs=1.0)
