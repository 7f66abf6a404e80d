"""Read exported files back with real tools (poppler, LibreOffice), as a user's machine would."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path


def run(*args: str, timeout: int = 60) -> str:
    return subprocess.run(args, check=True, capture_output=True, text=True, timeout=timeout).stdout


def fonts_embedded(path: Path) -> list[str]:
    """Font names `pdffonts` lists, asserting each is embedded, subset and has a ToUnicode map."""
    rows = run("pdffonts", str(path)).splitlines()[2:]
    assert rows, "no fonts"
    for row in rows:
        assert re.search(r"\byes\s+yes\s+yes\b", row), row  # emb, sub, uni
    return [row.split()[0] for row in rows]


def pdf_info(path: Path) -> dict[str, str]:
    out = run("pdfinfo", str(path))
    return {
        k: v.strip() for k, v in (line.split(":", 1) for line in out.splitlines() if ":" in line)
    }


def pdf_text(path: Path, page: int | None = None) -> str:
    pages = ["-f", str(page), "-l", str(page)] if page else []
    return run("pdftotext", "-layout", *pages, str(path), "-")


def outline_entries(path: Path) -> int:
    data = path.read_bytes()
    assert b"/Outlines" in data
    # outline items are the only dictionaries with /Parent, /Title and /Dest
    objects = re.split(rb"\bendobj\b", data)
    return sum(1 for o in objects if b"/Title" in o and b"/Parent" in o and b"/Dest" in o)


def libreoffice_to_pdf(source: Path, workdir: Path) -> Path:
    """Convert with headless LibreOffice (own profile, so parallel runs don't collide)."""
    out = workdir / "lo-out"
    run(
        "soffice",
        f"-env:UserInstallation=file://{workdir / 'lo-profile'}",
        "--headless",
        "--convert-to",
        "pdf",
        "--outdir",
        str(out),
        str(source),
        timeout=180,
    )
    pdf = out / f"{source.stem}.pdf"
    assert pdf.exists(), "LibreOffice produced no PDF"
    return pdf
