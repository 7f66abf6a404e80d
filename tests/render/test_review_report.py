"""The review report PDF: embedded fonts, diacritics, groups in order, comments, escaping."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from briefing_app.domain.vocabulary import ATTENTION_ORDER, review_status
from briefing_app.render.review_report import export_review_report
from briefing_app.services import library
from briefing_app.services.arguments import create_argument
from briefing_app.services.review import add_review

needs_poppler = pytest.mark.skipif(
    not (shutil.which("pdffonts") and shutil.which("pdftotext")), reason="needs poppler-utils"
)


def _text(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


@pytest.fixture
def reviewed_store(essay_store):
    ids = [a.id for a in library.arguments(essay_store)]
    add_review(essay_store, ids[0], "agreed", "Vučić and Đukić agree; Шекеринска too", "Ana")
    add_review(essay_store, ids[1], "disputed", "Too optimistic <really> & so on", "Bo")
    add_review(essay_store, ids[2], "needs-source", "Which poll?", "Šekerinska")
    para = library.paragraphs(essay_store)[3]
    create_argument(essay_store, paragraph_id=para.id, start=0, end=25,
                    label="<script>alert(1)</script> & co", claim="Hostile <b>text</b>",
                    kind="risk", perspectives=["serbia"])  # fmt: skip
    return essay_store


@needs_poppler
def test_report_fonts_text_and_groups(reviewed_store, tmp_path: Path) -> None:
    calls: list[tuple[int, int, str]] = []
    out = tmp_path / "out"
    path = export_review_report(reviewed_store, out / "report.pdf", lambda *a: calls.append(a))
    assert path.is_file() and path.read_bytes().startswith(b"%PDF")
    assert [p.name for p in out.iterdir()] == ["report.pdf"]  # no temp files left
    fonts = subprocess.run(
        ["pdffonts", str(path)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    assert fonts and all(line.split()[-5] == "yes" for line in fonts), fonts
    assert all("Liberation" in line for line in fonts)
    text = _text(path)
    assert "Vučić" in text and "Шекеринска" in text and "Šekerinska" in text
    assert "Which poll?" in text and "Too optimistic <really> & so on" in text
    assert "<script>alert(1)</script> & co" in text
    assert "Hostile <b>text</b>" in text
    total = len(library.arguments(reviewed_store))
    assert f"3 of {total} arguments reviewed" in text
    positions = [text.index(f"{review_status(s).label} (") for s in ATTENTION_ORDER]
    assert positions == sorted(positions)
    assert "¶" in text
    assert calls and calls[-1][:2] == (total, total)


def test_failed_write_keeps_the_old_file(reviewed_store, tmp_path: Path, monkeypatch) -> None:
    out = tmp_path / "out"
    out.mkdir()
    target = out / "report.pdf"
    target.write_bytes(b"old")

    def boom(*_args, **_kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr("briefing_app.render.review_report.SimpleDocTemplate.build", boom)
    with pytest.raises(RuntimeError):
        export_review_report(reviewed_store, target)
    assert target.read_bytes() == b"old"
    assert [p.name for p in out.iterdir()] == ["report.pdf"]
