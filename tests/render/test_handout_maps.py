"""Handout maps stay legible: a map slide's map comes again at full size on its own page."""

from __future__ import annotations

import subprocess
from pathlib import Path

from briefing_app.deck.outline import FULL_OUTLINE, build_from_outline
from briefing_app.layout.boxes import covered_rect
from briefing_app.render.export import laid_out
from briefing_app.render.pdf_renderer import MAP_PAGE_MARGIN, render_handout


def _pages(path: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout  # fmt: skip
    return text.split("\f")


def test_each_map_slide_gets_a_full_size_map_page(essay_store, tmp_path: Path) -> None:
    build_from_outline(essay_store, FULL_OUTLINE, "Default", marking="OFFICIAL-SENSITIVE")
    deck = laid_out(essay_store, "Default")[0]
    maps = [s for s in deck.slides
            if any(getattr(getattr(b, "source", None), "part", None) == "figure"
                   for b in s.boxes)]  # fmt: skip
    assert len(maps) >= 2
    for slide in maps:  # drawn at full size: its labels keep their 10 pt
        figure = [
            b for b in slide.boxes if getattr(getattr(b, "source", None), "part", None) == "figure"
        ]
        covered = covered_rect(figure)
        assert covered is not None
        x0, _, x1, _ = covered
        assert x1 - x0 <= 595 - 2 * MAP_PAGE_MARGIN  # fits an A4 page unscaled
    pages = _pages(render_handout(deck, tmp_path / "handout.pdf"))
    full = [p for p in pages if "(map at full size)" in p]
    assert len(full) == len(maps)
    ukraine = next(p for p in full if "Donbas" in p)
    for name in ("Kharkiv", "Zaporizhzhia", "Crimea", "current front"):
        assert name in ukraine
    assert all("OFFICIAL-SENSITIVE" in p for p in full)


def test_the_two_up_handout_gives_each_map_a_full_size_marked_page(
    essay_store, tmp_path: Path
) -> None:
    build_from_outline(essay_store, FULL_OUTLINE, "Default", marking="OFFICIAL-SENSITIVE")
    deck = laid_out(essay_store, "Default")[0]
    maps = [s.number for s in deck.slides
            if any(getattr(getattr(b, "source", None), "part", None) == "figure"
                   for b in s.boxes)]  # fmt: skip
    pages = _pages(render_handout(deck, tmp_path / "two-up.pdf", two_up=True))
    full = [n for n, p in enumerate(pages) if "(map at full size)" in p]
    assert [pages[n].split("Slide ", 1)[1].split(":")[0] for n in full] == [str(m) for m in maps]
    for n, number in zip(full, maps, strict=True):
        page = pages[n]
        lines = [line.strip() for line in page.splitlines() if line.strip()]
        assert lines[0] == "OFFICIAL-SENSITIVE" and lines[-1] == "OFFICIAL-SENSITIVE"
        # after the page showing its slide, and after the slide's last notes
        shown = [i for i, p in enumerate(pages) if f"Slide {number}: " in p and i != n]
        assert shown and max(shown) < n
