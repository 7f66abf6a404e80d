"""Every export of a deck full of hostile text: nothing crashes, the text survives as
text, and each file lands exactly where the user chose (a title-derived name stays
inside the chosen folder). One LibreOffice conversion checks the PowerPoint file opens.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hostile_text import DECK, HOSTILE, MEGABYTE, hostile_arguments, hostile_deck
from office_tools import libreoffice_to_pdf, pdf_info, pdf_text
from pptx import Presentation

from briefing_app.deck.compose import MAX_LINE_FIELD, compose_deck
from briefing_app.layout.textclean import clean_text
from briefing_app.render.atomic import safe_filename
from briefing_app.render.export import FORMATS, export_deck
from briefing_app.services import decks
from briefing_app.store.errors import StoreError

EXTENSION = {fmt: FORMATS[fmt][0] for fmt in FORMATS}
TITLES = [
    "../../etc/passwd", "..", "/etc/passwd", "CON", "con.txt", "LPT1", "a/b", "a\\b",
    "C:\\Windows\\system32", "NUL\x00name", "\u202etxt.exe", "<script>", "中文 🙂",
    "Đ" * 250,  # 500 bytes of UTF-8: the file name is cut to 150
]  # fmt: skip


@pytest.fixture
def hostile_store(essay_store):
    hostile_deck(essay_store, hostile_arguments(essay_store, megabyte=False))
    return essay_store


def _new_files(root: Path, before: set[Path]) -> set[Path]:
    return {p for p in root.rglob("*") if p.is_file()} - before


def _pptx_text(path: Path) -> tuple[str, str]:
    """(all slide text, all notes text) as python-pptx reads them."""
    prs = Presentation(str(path))
    slides = [
        shape.text_frame.text
        for slide in prs.slides
        for shape in slide.shapes
        if shape.has_text_frame
    ]
    notes = [s.notes_slide.notes_text_frame.text for s in prs.slides if s.has_notes_slide]
    return "\n".join(slides), "\n".join(notes)


def test_every_export_keeps_hostile_text_as_text(hostile_store, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    before = {p for p in tmp_path.rglob("*") if p.is_file()}
    paths = {}
    for fmt in FORMATS:
        result = export_deck(hostile_store, DECK, fmt, f"{out}/")
        assert result.path.parent == out and result.path.stat().st_size > 10_000
        paths[fmt] = result.path
    assert _new_files(tmp_path, before) == set(paths.values())
    slides, notes = _pptx_text(paths["pptx"])
    words = " ".join(slides.split())  # line breaks in the text are laid out as breaks
    for key, text in HOSTILE.items():
        assert " ".join(clean_text(text).split()) in words, key
        assert clean_text(text) in notes, key
    assert MEGABYTE in notes
    assert "<script>alert(1)</script> &amp; <b>bold</b> &lt;i&gt; ]]>" in slides
    assert "\x00" not in slides and "\ufffe" not in slides
    for fmt in ("pdf", "handout"):
        text = pdf_text(paths[fmt])
        assert "<script>alert(1)</script> &amp; <b>bold</b>" in text, fmt
        assert "../../etc/passwd" in text and "C:\\Windows\\..\\con.txt" in text, fmt


@pytest.mark.parametrize("fmt", ["pptx", "pdf"])
@pytest.mark.parametrize("title", TITLES, ids=lambda t: repr(t[:20]))
def test_title_derived_names_stay_inside_the_chosen_folder(
    essay_store, tmp_path: Path, title: str, fmt: str
) -> None:
    decks.create_deck(essay_store, "Hostile name", title=title)
    decks.add_slide(essay_store, "Hostile name", "argument", title=title)
    folder = tmp_path / "chosen"
    folder.mkdir()
    before = {p for p in tmp_path.rglob("*") if p.is_file()}
    result = export_deck(essay_store, "Hostile name", fmt, f"{folder}/")
    expected = folder / safe_filename(clean_text(title)[:MAX_LINE_FIELD], EXTENSION[fmt])
    assert result.path == expected
    assert result.path.resolve().parent == folder.resolve()
    assert _new_files(tmp_path, before) == {expected}


@pytest.mark.parametrize("name", ["CON.pptx", "..pptx", "Vučić <b>.pptx", "a b/c d.pptx"])
def test_an_exact_path_is_used_as_given(essay_store, tmp_path: Path, name: str) -> None:
    decks.create_deck(essay_store, "Exact", title="../../etc/passwd")
    decks.add_slide(essay_store, "Exact", "title")  # an empty deck is not exported
    target = tmp_path / "exact" / name
    before = {p for p in tmp_path.rglob("*") if p.is_file()}
    assert export_deck(essay_store, "Exact", "pptx", target).path == target
    assert _new_files(tmp_path, before) == {target}


def test_megabyte_titles_are_cut_where_composed_and_stop_the_export(essay_store, tmp_path) -> None:
    for field in ("date_label", "marking", "author"):  # short store columns: refused
        with pytest.raises(StoreError, match="can be at most"):
            decks.create_deck(essay_store, "Long", **{field: MEGABYTE})
    decks.create_deck(essay_store, "Long", subtitle=MEGABYTE)
    for layout in ("section", "argument", "comparison"):
        slide = decks.add_slide(essay_store, "Long", layout, title=MEGABYTE)
        decks.update_slide(essay_store, slide.id, notes=MEGABYTE if layout == "argument" else "")
        if layout == "comparison":
            decks.update_slide(essay_store, slide.id, left_heading=MEGABYTE,
                                 right_heading=MEGABYTE)  # fmt: skip
    composed = compose_deck(essay_store, "Long")
    content = composed.content
    cut = MEGABYTE[: MAX_LINE_FIELD - 1].rstrip() + "…"
    assert content.subtitle == cut
    assert all(s.title == cut for s in content.slides)
    assert [len(s.notes) for s in content.slides] == [0, len(MEGABYTE), 0]  # notes are kept
    assert any("shortened" in w for w in composed.warnings)
    # a slide title is never shown cut: the export stops at once, naming the slides (the
    # handout measured a 1 MB title for hours), and writes nothing
    for fmt in ("pdf", "handout"):
        with pytest.raises(StoreError) as refused:
            export_deck(essay_store, "Long", fmt, f"{tmp_path}/")
        for number in (1, 2, 3):
            assert f"Slide {number} “" in str(refused.value)
        assert "longer than 400 characters" in str(refused.value)
    assert not [p for p in tmp_path.rglob("*") if p.suffix == ".pdf"]


@pytest.mark.parametrize("field", ["title", "subtitle", "author"])
def test_a_long_deck_title_exports_to_powerpoint(essay_store, tmp_path, field: str) -> None:
    """Document properties hold at most 255 characters; the slides keep the full text."""
    from pptx import Presentation

    # 297 characters: within the author column, beyond a document property's 255.
    decks.create_deck(essay_store, "Long", **{field: "Long title " * 27})
    decks.add_slide(essay_store, "Long", "argument", title="A slide")
    path = export_deck(essay_store, "Long", "pptx", tmp_path / "long.pptx").path
    core = Presentation(str(path)).core_properties
    assert max(len(core.title), len(core.author), len(core.subject)) == 255


@pytest.mark.stress
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed")
def test_libreoffice_opens_the_hostile_deck(hostile_store, tmp_path: Path) -> None:
    result = export_deck(hostile_store, DECK, "pptx", tmp_path / "hostile.pptx")
    pdf = libreoffice_to_pdf(result.path, tmp_path)
    assert int(pdf_info(pdf)["Pages"]) == result.slides
    text = pdf_text(pdf)
    for expected in ("<script>alert(1)</script> &amp; <b>bold</b>", "../../etc/passwd",
                     "C:\\Windows\\..\\con.txt", "a/b"):  # fmt: skip
        assert expected in text
