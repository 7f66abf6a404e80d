"""Citation marks link to the sources slide, in the PPTX and in the PDF."""

from __future__ import annotations

import re
from pathlib import Path

from pptx import Presentation

from briefing_app.deck.outline import FULL_OUTLINE, build_from_outline
from briefing_app.render.citations import is_citation, sources_slide
from briefing_app.render.export import export_deck, laid_out


def test_citation_marks_jump_to_the_sources_slide(essay_store, tmp_path: Path) -> None:
    build_from_outline(essay_store, FULL_OUTLINE, "Default", marking="UNCLASSIFIED")
    laid, _ = laid_out(essay_store, "Default")
    sources = sources_slide(laid.slides)
    assert sources is not None and laid.slides[sources].title.startswith("Sources")
    cited = [
        n
        for n, s in enumerate(laid.slides)
        if any(
            is_citation(r)
            for b in s.boxes
            for p in getattr(b, "paragraphs", ())
            for line in p.lines
            for r in line.runs
        )
    ]
    assert len(cited) >= 5

    pptx = export_deck(essay_store, "Default", "pptx", tmp_path / "d.pptx").path
    prs = Presentation(str(pptx))
    target = prs.slides[sources].part
    for n in cited:
        slide = prs.slides[n]
        jumps = [
            run
            for shape in slide.shapes
            if shape.has_text_frame
            for par in shape.text_frame.paragraphs
            for run in par.runs
            if run._r.find(".//{*}hlinkClick") is not None
            and run._r.find(".//{*}hlinkClick").get("action") == "ppaction://hlinksldjump"
        ]
        assert jumps, n
        for run in jumps:
            rid = run._r.find(".//{*}hlinkClick").get(
                "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
            )
            assert slide.part.related_part(rid) is target
            assert run.text.strip().startswith("[") or run.text.strip().endswith("]")

    pdf = export_deck(essay_store, "Default", "pdf", tmp_path / "d.pdf").path
    data = pdf.read_bytes()
    kids = re.search(rb"/Kids \[([^\]]*)\]", data)
    assert kids is not None
    pages = re.findall(rb"(\d+) 0 R", kids.group(1))
    dests = re.findall(rb"/Dest \[ (\d+) 0 R /Fit \] /Rect", data)
    assert len(dests) >= len(cited)
    assert set(dests) == {pages[sources]}  # every mark opens the sources page
