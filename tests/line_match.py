"""Does LibreOffice set an exported PPTX with the same text lines as our own PDF?

Both PDFs are read with ``pdftotext -layout``; each page's text is cut into line segments
(a run of two or more spaces separates side-by-side boxes), and every segment of our PDF
must be on the same page of LibreOffice's rendering. The share of our segments found there
is the line match.

As a tool, on the default briefing in our template, in LibreOffice's Impress templates and
in pandoc's reference.pptx (prints the figures and the lines that differ)::

    PYTHONPATH=. python3 tests/line_match.py OUTDIR [ours] [pandoc] [Beehive Focus ...]
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

_GAP = re.compile(r"\s{2,}")


@dataclass
class LineMatch:
    """How many of our PDF's line segments LibreOffice's rendering has, page by page."""

    name: str
    total: int = 0
    matched: int = 0
    pages: tuple[int, int] = (0, 0)  # ours, LibreOffice's
    missing: list[tuple[int, str]] = field(default_factory=list)  # (page, our line)

    @property
    def percent(self) -> float:
        return 100.0 * self.matched / self.total if self.total else 0.0

    def summary(self) -> str:
        return (
            f"{self.name}: {self.matched}/{self.total} lines = {self.percent:.2f} % "
            f"({self.pages[0]} pages, LibreOffice {self.pages[1]})"
        )


def page_segments(pdf: Path) -> list[list[str]]:
    """Each page's line segments, whitespace collapsed."""
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"],
        check=True,
        capture_output=True,
        text=True,
        timeout=120,
    ).stdout
    pages = text.split("\f")
    if pages and not pages[-1].strip():
        pages.pop()
    return [
        [" ".join(seg.split()) for line in page.splitlines() for seg in _GAP.split(line.strip())]
        for page in pages
    ]


def compare(name: str, ours: Path, theirs: Path) -> LineMatch:
    """Line match of ``theirs`` (LibreOffice's PDF of our PPTX) against ``ours``."""
    a, b = page_segments(ours), page_segments(theirs)
    result = LineMatch(name, pages=(len(a), len(b)))
    for number, page in enumerate(a, start=1):
        there = Counter(s for s in (b[number - 1] if number <= len(b) else []) if s)
        for seg in page:
            if not seg:
                continue
            result.total += 1
            if there[seg] > 0:
                there[seg] -= 1
                result.matched += 1
            else:
                result.missing.append((number, seg))
    return result


def libreoffice_pdfs(files: list[Path], outdir: Path, profile: Path) -> dict[Path, Path]:
    """Convert PPTX files to PDF in one LibreOffice run (its own profile)."""
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(outdir),
            *map(str, files),
        ],
        check=True,
        capture_output=True,
        timeout=900,
    )
    return {f: outdir / f"{f.stem}.pdf" for f in files}


def _main(argv: list[str]) -> int:
    from briefing_app.deck.outline import DEFAULT_OUTLINE, build_from_outline
    from briefing_app.render.export import export_deck
    from briefing_app.services import templates
    from briefing_app.services.bootstrap import open_prepared

    sys.path.insert(0, str(Path(__file__).parent / "templates"))
    from conftest import LIBREOFFICE_TEMPLATES, _presnt_dir  # type: ignore[import-not-found]

    if not argv:
        print(__doc__)
        return 2
    out = Path(argv[0])
    names = argv[1:] or ["ours", *LIBREOFFICE_TEMPLATES, "pandoc"]
    out.mkdir(parents=True, exist_ok=True)
    store = open_prepared(str(out / "store.sqlite"))
    build_from_outline(store, DEFAULT_OUTLINE, "Default", marking="UNCLASSIFIED")
    profile = out / "lo-profile"
    sources = out / "templates"
    sources.mkdir(exist_ok=True)
    # Converted templates are kept in OUTDIR/templates: a second run reuses them.
    otp = [n for n in names if n not in ("ours", "pandoc") and not (sources / f"{n}.pptx").exists()]
    if otp:
        presnt = _presnt_dir()
        assert presnt is not None and shutil.which("soffice"), "LibreOffice is not installed"
        files = [str(presnt / f"{n}.otp") for n in otp]
        subprocess.run(
            ["soffice", f"-env:UserInstallation=file://{profile}", "--headless",
             "--convert-to", "pptx", "--outdir", str(sources), *files],
            check=True, capture_output=True, timeout=600,
        )  # fmt: skip
    if "pandoc" in names:
        data = subprocess.run(
            ["pandoc", "--print-default-data-file", "reference.pptx"],
            check=True,
            capture_output=True,
            timeout=60,
        ).stdout
        (sources / "pandoc.pptx").write_bytes(data)
    pptx = []
    known = {t.name for t in templates.list_templates(store)}
    for name in names:
        if name != "ours" and name not in known:
            templates.add_template(store, sources / f"{name}.pptx", name)
        templates.set_deck_template(store, "Default", None if name == "ours" else name)
        pptx.append(export_deck(store, "Default", "pptx", out / f"{name}.pptx").path)
        export_deck(store, "Default", "pdf", out / f"{name}.pdf")
    rendered = libreoffice_pdfs(pptx, out / "libreoffice", profile)
    for name, path in zip(names, pptx, strict=True):
        result = compare(name, out / f"{name}.pdf", rendered[path])
        print(result.summary())
        for page, line in result.missing:
            print(f"    p{page}: {line}")
    return 0


if __name__ == "__main__":
    sys.exit(_main(sys.argv[1:]))
