from __future__ import annotations

from pathlib import Path

import pytest

from briefing_app.progress import Cancelled
from briefing_app.render.atomic import atomic_path, atomic_write, safe_filename
from briefing_app.render.pdf_renderer import render_pdf
from briefing_app.render.pptx_renderer import render_pptx

from ._deck import sample_deck


def test_atomic_write_replaces(tmp_path: Path) -> None:
    target = tmp_path / "out.bin"
    target.write_bytes(b"old")
    atomic_write(target, lambda tmp: tmp.write_bytes(b"new"))
    assert target.read_bytes() == b"new"
    assert [p.name for p in tmp_path.iterdir()] == ["out.bin"]


def test_exception_leaves_previous_file(tmp_path: Path) -> None:
    target = tmp_path / "out.bin"
    target.write_bytes(b"previous")

    def boom(tmp: Path) -> None:
        tmp.write_bytes(b"half")
        raise RuntimeError("disk on fire")

    with pytest.raises(RuntimeError):
        atomic_write(target, boom)
    assert target.read_bytes() == b"previous"
    assert [p.name for p in tmp_path.iterdir()] == ["out.bin"]


def test_context_manager_cleans_up(tmp_path: Path) -> None:
    with pytest.raises(Cancelled), atomic_path(tmp_path / "x.pdf") as tmp:
        tmp.write_bytes(b"partial")
        raise Cancelled
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("render", [render_pptx, render_pdf], ids=["pptx", "pdf"])
def test_cancel_mid_render_keeps_previous(tmp_path: Path, render) -> None:
    target = tmp_path / "deck.out"
    render(sample_deck(3), target)
    before = target.read_bytes()
    calls = []

    def progress(done: int, total: int, message: str) -> None:
        calls.append(done)
        if done == 2:
            raise Cancelled

    with pytest.raises(Cancelled):
        render(sample_deck(3), target, progress)
    assert calls == [0, 1, 2]
    assert target.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["deck.out"]


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("../../etc/passwd", "etc passwd.pptx"),
        ("CON", "CON_.pptx"),
        ("con.txt", "con.txt_.pptx"),
        ("LPT1", "LPT1_.pptx"),
        ("a/b", "a b.pptx"),
        ("a\\b:c*?", "a b c.pptx"),
        ("", "deck.pptx"),
        ("...", "deck.pptx"),
        ("  \x00\x1f ", "deck.pptx"),
        ("Vučić brief", "Vučić brief.pptx"),
        ("trailing dots. . ", "trailing dots.pptx"),
    ],
)
def test_safe_filename(title: str, expected: str) -> None:
    assert safe_filename(title, "pptx") == expected


def test_safe_filename_long_and_extension_forms() -> None:
    name = safe_filename("Đ" * 1_000_000, ".pdf")
    assert name.endswith(".pdf") and len(name.encode()) <= 160
    assert name.startswith("Đ") and "\ufffd" not in name
    assert safe_filename("x" * 300, "pdf") == "x" * 150 + ".pdf"


def test_new_file_is_readable_and_mode_kept(tmp_path: Path) -> None:
    target = tmp_path / "m.pdf"
    atomic_write(target, lambda tmp: tmp.write_bytes(b"a"))
    assert target.stat().st_mode & 0o644 == 0o644
    target.chmod(0o600)
    atomic_write(target, lambda tmp: tmp.write_bytes(b"b"))
    assert target.stat().st_mode & 0o777 == 0o600
