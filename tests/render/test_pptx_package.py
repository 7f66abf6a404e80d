"""The PPTX package written from prepared markup: complete, consistent, same as python-pptx."""

from __future__ import annotations

import zipfile
from pathlib import Path, PurePosixPath

import pytest
from lxml import etree
from PIL import Image as PILImage
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from briefing_app.layout.boxes import (
    LaidDeck,
    LaidSlide,
    PictureBox,
    RectBox,
    Run,
    TextBox,
    TextLine,
    TextParagraph,
    TextStyle,
)
from briefing_app.render.pptx_renderer import render_pptx

from ._deck import sample_deck

_PKG = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_TYPES = "{http://schemas.openxmlformats.org/package/2006/content-types}"


def _png(path: Path, color: str) -> str:
    PILImage.new("RGB", (8, 6), color).save(path)
    return str(path)


def _text(text: str, name: str, link: str | None = None) -> TextBox:
    style = TextStyle("sans", 18)
    line = TextLine((Run(text, style, link),), x=40, baseline=60, width=200, ascent=16, descent=4)
    return TextBox(40, 40, 400, 40, (TextParagraph((line,), line_height=21.6),), name=name)


def test_every_part_is_typed_and_every_relationship_resolves(tmp_path: Path) -> None:
    path = render_pptx(sample_deck(3), tmp_path / "d.pptx")
    with zipfile.ZipFile(path) as zf:
        names = set(zf.namelist())
        types = etree.fromstring(zf.read("[Content_Types].xml"))
        defaults = {e.get("Extension") for e in types.iter(f"{_TYPES}Default")}
        overrides = {e.get("PartName") for e in types.iter(f"{_TYPES}Override")}
        assert overrides <= {f"/{n}" for n in names}
        for name in names - {"[Content_Types].xml"}:
            assert f"/{name}" in overrides or name.rsplit(".", 1)[-1] in defaults, name
        reached = {"ppt/presentation.xml"}
        for rels in (n for n in names if n.endswith(".rels")):
            source = PurePosixPath(rels.replace("_rels/", "").removesuffix(".rels")).parent
            ids = set()
            for rel in etree.fromstring(zf.read(rels)).iter(f"{_PKG}Relationship"):
                assert rel.get("Id") not in ids
                ids.add(rel.get("Id"))
                if rel.get("TargetMode") == "External":
                    continue
                target = str(PurePosixPath(*(source / rel.get("Target")).parts))
                while "/../" in f"/{target}":  # resolve "x/../y"
                    parts = target.split("/")
                    i = parts.index("..")
                    target = "/".join(parts[: i - 1] + parts[i + 1 :])
                assert target in names, (rels, rel.get("Target"))
                reached.add(target)
        unreached = {n for n in names if not n.endswith(".rels")} - reached
        assert unreached == {"[Content_Types].xml"}
    slides = [n for n in names if n.startswith("ppt/slides/slide")]
    assert len(slides) == 3


def test_notes_are_written_as_python_pptx_writes_them(tmp_path: Path) -> None:
    notes = "First line & <more>\n\nafter a blank line\vsoft break\x07 bell\ttab"
    deck = LaidDeck("T", "A", "S", (LaidSlide(1, "x", (_text("x", "Body"),), notes=notes),))
    ours = Presentation(str(render_pptx(deck, tmp_path / "n.pptx"))).slides[0].notes_slide

    prs = Presentation()
    theirs = prs.slides.add_slide(prs.slide_layouts[6]).notes_slide
    theirs.notes_text_frame.text = notes

    def canonical(element: etree._Element) -> bytes:
        return etree.tostring(element, method="c14n")

    assert canonical(ours._element) == canonical(theirs._element)
    assert ours.notes_text_frame.text == notes.replace("\x07", "_x0007_")


def test_pictures_embedded_once_and_kept_in_drawing_order(tmp_path: Path) -> None:
    red = _png(tmp_path / "red.png", "red")
    blue = _png(tmp_path / "blue.png", "blue")

    def slide(number: int, *images: str) -> LaidSlide:
        pictures = tuple(
            PictureBox(100 + 50 * k, 100, 40, 30, image, name=f"Pic {k}")
            for k, image in enumerate(images)
        )
        boxes = (RectBox(0, 0, 960, 40, fill="1F3864", name="Band"), *pictures, _text("t", "T"))
        return LaidSlide(number, f"S{number}", boxes)

    deck = LaidDeck("T", "A", "S", (slide(1, red, blue), slide(2, red)))
    path = render_pptx(deck, tmp_path / "p.pptx")
    with zipfile.ZipFile(path) as zf:
        assert sorted(n for n in zf.namelist() if n.startswith("ppt/media/")) == [
            "ppt/media/image1.png",
            "ppt/media/image2.png",
        ]
    prs = Presentation(str(path))
    first, second = prs.slides
    assert [s.name for s in first.shapes] == ["Band", "Pic 0", "Pic 1", "T"]
    assert len({s.shape_id for s in first.shapes}) == 4
    pictures = [s for s in first.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
    assert [p.image.blob for p in pictures] == [Path(red).read_bytes(), Path(blue).read_bytes()]
    assert (pictures[0].left, pictures[0].width) == (100 * 12700, 40 * 12700)
    assert second.shapes[1].image.blob == Path(red).read_bytes()


def test_names_links_and_properties_with_markup_characters(tmp_path: Path) -> None:
    title = 'Risks "and" <answers> & more\x01'
    link = "https://example.org/a?b=1&c=<2>"
    box = _text("linked", 'Body "1" & <2>', link)
    deck = LaidDeck(
        'Deck "T" & <co>', "A & B", "S\x02", (LaidSlide(1, title, (box,)),), keywords="k<"
    )
    prs = Presentation(str(render_pptx(deck, tmp_path / "m.pptx")))
    slide = prs.slides[0]
    assert slide.name == 'Risks "and" <answers> & more'
    shape = slide.shapes[0]
    assert shape.name == 'Body "1" & <2>'
    assert shape.text_frame.paragraphs[0].runs[0].hyperlink.address == link
    props = prs.core_properties
    assert (props.title, props.author, props.subject, props.keywords) == (
        'Deck "T" & <co>',
        "A & B",
        "S",
        "k<",
    )


def test_python_pptx_can_edit_and_save_the_file(tmp_path: Path) -> None:
    prs = Presentation(str(render_pptx(sample_deck(3), tmp_path / "e.pptx")))
    slide = prs.slides.add_slide(prs.slide_layouts[1])
    slide.notes_slide.notes_text_frame.text = "added"
    prs.slides[0].shapes[0].text_frame.text = "edited"
    prs.save(str(tmp_path / "edited.pptx"))
    again = Presentation(str(tmp_path / "edited.pptx"))
    assert len(again.slides) == 4
    assert again.slides[0].shapes[0].text_frame.text == "edited"
    assert again.slides[3].notes_slide.notes_text_frame.text == "added"


@pytest.mark.parametrize("slides", [0, 1])
def test_tiny_decks(tmp_path: Path, slides: int) -> None:
    deck = LaidDeck("T", "A", "S", sample_deck(1).slides[:slides])
    assert len(Presentation(str(render_pptx(deck, tmp_path / "t.pptx"))).slides) == slides


def test_document_properties_are_the_decks_and_nothing_is_left_from_the_template(
    tmp_path: Path,
) -> None:
    from datetime import UTC, datetime, timedelta

    deck = sample_deck(3)
    deck = LaidDeck(
        deck.title, deck.author, deck.subject, deck.slides, "Kosovo; Serbia", "OFFICIAL-SENSITIVE"
    )
    path = render_pptx(deck, tmp_path / "p.pptx")
    with zipfile.ZipFile(path) as zf:
        names = set(zf.namelist())
        app = zf.read("docProps/app.xml").decode()
        custom = zf.read("docProps/custom.xml").decode()
        core = zf.read("docProps/core.xml").decode()
    assert not any("thumbnail" in n or "printerSettings" in n for n in names)
    assert "<Slides>3</Slides>" in app and "<PresentationFormat>Widescreen<" in app
    assert 'name="Marking"><vt:lpwstr>OFFICIAL-SENSITIVE</vt:lpwstr>' in custom
    assert "python-pptx" not in core
    props = Presentation(str(path)).core_properties
    now = datetime.now(UTC).replace(tzinfo=None)
    for moment in (props.created, props.modified):
        assert abs(moment - now) < timedelta(minutes=5)
    assert props.keywords == "Kosovo; Serbia"
    assert props.title == deck.title


# --- the template parts kept in the user's cache folder ---------------------------------


def _cached_files(cache_home: Path) -> list[Path]:
    return sorted((cache_home / "briefing-app" / "pptx-templates").glob("*.bin"))


def test_template_parts_come_back_from_the_cache_as_python_pptx_made_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from briefing_app.render import pptx_package
    from briefing_app.render.pptx_template import house_template

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    data = house_template(True).data
    made = pptx_package.harvest_with_python_pptx(data)
    key = pptx_package._cache_key(data)
    assert pptx_package._read_cached(key) is None
    pptx_package._write_cached(key, made)
    assert [p.stem for p in _cached_files(tmp_path / "cache")] == [key]
    assert pptx_package._read_cached(key) == made
    assert list(made.layout_targets) == list(pptx_package._read_cached(key).layout_targets)


@pytest.mark.parametrize("damage", ["truncated", "garbage", "empty"])
def test_a_damaged_cache_file_is_made_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, damage: str
) -> None:
    from briefing_app.render import pptx_package
    from briefing_app.render.pptx_template import house_template

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    data = house_template(False).data
    made = pptx_package.harvest_with_python_pptx(data)
    key = pptx_package._cache_key(data)
    pptx_package._write_cached(key, made)
    (path,) = _cached_files(tmp_path / "cache")
    raw = path.read_bytes()
    path.write_bytes({"truncated": raw[:-10], "garbage": b"\x00" * 64, "empty": b""}[damage])
    assert pptx_package._read_cached(key) is None
    pptx_package.harvest.cache_clear()
    assert pptx_package.harvest(data) == made
    assert path.read_bytes() == raw  # written again, whole


_EXPORT_CHILD = """
import sys
from briefing_app.render.pptx_renderer import render_pptx
from tests.render._deck import sample_deck
render_pptx(sample_deck(3), sys.argv[1])
print("pptx" in sys.modules)
"""


def test_an_export_with_its_template_cached_needs_no_python_pptx(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first export meets the template and imports python-pptx; later processes read
    its parts from the cache and write the same file."""
    import os
    import subprocess
    import sys

    from briefing_app.paths import PROJECT_ROOT

    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache"), "PYTHONPATH": str(PROJECT_ROOT)}

    def export(name: str) -> tuple[bool, dict[str, bytes]]:
        target = tmp_path / name
        done = subprocess.run(
            [sys.executable, "-c", _EXPORT_CHILD, str(target)],
            env=env, cwd=PROJECT_ROOT, capture_output=True, text=True, check=True,
        )  # fmt: skip
        with zipfile.ZipFile(target) as zf:
            parts = {n: zf.read(n) for n in zf.namelist() if n != "docProps/core.xml"}
        return done.stdout.strip() == "True", parts

    first_imported, first = export("first.pptx")
    second_imported, second = export("second.pptx")
    assert first_imported and not second_imported
    assert len(_cached_files(tmp_path / "cache")) == 1
    assert second == first
